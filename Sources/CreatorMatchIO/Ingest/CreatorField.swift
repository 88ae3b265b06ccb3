import CreatorMatch

/// A column of the creator schema (`datasets/README.md`), with the header aliases that common
/// exports use for it.
public enum CreatorField: String, Sendable, CaseIterable {
  /// Account id (required, unique).
  case id
  /// Display handle.
  case handle
  /// Display name.
  case name
  /// Platform (required unless a default is given).
  case platform
  /// Followers or subscribers (required, ≥ 0).
  case followers
  /// Accounts followed.
  case following
  /// Posts published.
  case posts
  /// Average likes per post.
  case avgLikes = "avg_likes"
  /// Average comments per post.
  case avgComments = "avg_comments"
  /// Average shares per post.
  case avgShares = "avg_shares"
  /// Average saves per post.
  case avgSaves = "avg_saves"
  /// Average views per post.
  case avgViews = "avg_views"
  /// Average total engagements per post.
  case avgEngagements = "avg_engagements"
  /// Average authentic engagements per post (as measured by a provider).
  case authenticEngagements = "authentic_engagements"
  /// A precomputed engagement rate.
  case engagementRate = "engagement_rate"
  /// How many posts the averages cover.
  case postsSampled = "posts_sampled"
  /// Share of recent posts that are sponsored.
  case sponsoredShare = "sponsored_share"
  /// Creator's country.
  case country
  /// Creator's language.
  case language
  /// Niche labels.
  case categories
  /// Profile text.
  case bio
  /// Hashtags.
  case hashtags
  /// Price per post.
  case pricePerPost = "price_per_post"
  /// Currency of the price.
  case currency
  /// Female share of the audience.
  case audFemale = "aud_female"
  /// Audience share aged 13–17.
  case audAge13to17 = "aud_age_13_17"
  /// Audience share aged 18–24.
  case audAge18to24 = "aud_age_18_24"
  /// Audience share aged 25–34.
  case audAge25to34 = "aud_age_25_34"
  /// Audience share aged 35–44.
  case audAge35to44 = "aud_age_35_44"
  /// Audience share aged 45–54.
  case audAge45to54 = "aud_age_45_54"
  /// Audience share aged 55 and over.
  case audAge55plus = "aud_age_55_plus"
  /// Audience countries distribution.
  case audCountries = "aud_countries"
  /// Audience languages distribution.
  case audLanguages = "aud_languages"
  /// Audience interests distribution.
  case audInterests = "aud_interests"
  /// Real (non-bot) share of the audience.
  case audRealShare = "aud_real_share"
  /// Follower counts over time.
  case followerHistory = "follower_history"

  /// Position in `allCases`, for array-indexed rows (a switch: this is read for every field of
  /// every row).
  public var ordinal: Int {
    switch self {
    case .id: return 0
    case .handle: return 1
    case .name: return 2
    case .platform: return 3
    case .followers: return 4
    case .following: return 5
    case .posts: return 6
    case .avgLikes: return 7
    case .avgComments: return 8
    case .avgShares: return 9
    case .avgSaves: return 10
    case .avgViews: return 11
    case .avgEngagements: return 12
    case .authenticEngagements: return 13
    case .engagementRate: return 14
    case .postsSampled: return 15
    case .sponsoredShare: return 16
    case .country: return 17
    case .language: return 18
    case .categories: return 19
    case .bio: return 20
    case .hashtags: return 21
    case .pricePerPost: return 22
    case .currency: return 23
    case .audFemale: return 24
    case .audAge13to17: return 25
    case .audAge18to24: return 26
    case .audAge25to34: return 27
    case .audAge35to44: return 28
    case .audAge45to54: return 29
    case .audAge55plus: return 30
    case .audCountries: return 31
    case .audLanguages: return 32
    case .audInterests: return 33
    case .audRealShare: return 34
    case .followerHistory: return 35
    }
  }

  /// The age bucket this field holds, if it is an age column.
  public var ageBucket: AgeBucket? {
    switch self {
    case .audAge13to17: return .age13to17
    case .audAge18to24: return .age18to24
    case .audAge25to34: return .age25to34
    case .audAge35to44: return .age35to44
    case .audAge45to54: return .age45to54
    case .audAge55plus: return .age55plus
    default: return nil
    }
  }

  /// Whether several columns may feed this field (their values are joined).
  public var acceptsSeveralColumns: Bool { self == .categories || self == .hashtags }

  /// Header names (normalized, see ``normalizeHeader(_:)``) that mean this field, the canonical
  /// name first.
  public var aliases: [String] {
    let canonical = Self.normalizeHeader(rawValue)
    let extra: [String]
    switch self {
    case .id:
      extra = [
        "creator id", "creatorid", "user id", "userid", "account id", "channel id", "username",
        "user name", "instagram name", "tiktok name", "youtube name", "channel info", "account",
        "profile", "influencer",
      ]
    case .handle: extra = ["screen name", "at handle", "instagram handle", "tiktok handle"]
    case .name:
      extra = ["display name", "full name", "channel name", "influencer name", "title", "youtuber"]
    case .platform: extra = ["network", "social network", "social platform", "channel type"]
    case .followers:
      extra = [
        "followers count", "follower count", "subscribers", "subscriber count", "subscribers count",
        "subs", "fans", "audience size", "total followers",
      ]
    case .following: extra = ["followees", "following count", "friends count", "follows"]
    case .posts: extra = ["posts count", "post count", "media count", "uploads", "number of posts"]
    case .avgLikes:
      extra = [
        "average likes", "likes avg", "likes average", "avg like", "mean likes", "likes per post",
      ]
    case .avgComments:
      extra = [
        "average comments", "comments avg", "comments average", "avg comment", "mean comments",
        "comments per post",
      ]
    case .avgShares: extra = ["average shares", "shares avg", "shares average", "mean shares"]
    case .avgSaves: extra = ["average saves", "saves avg", "saves average", "mean saves"]
    case .avgViews:
      extra = [
        "average views", "views avg", "views average", "mean views", "avg plays", "avg video views",
      ]
    case .avgEngagements:
      extra = [
        "avg engagement", "engagement average", "average engagement", "average engagements",
        "engagements per post", "avg interactions",
      ]
    case .authenticEngagements:
      extra = ["authentic engagement", "eng auth", "engagement authentic"]
    case .engagementRate:
      extra = [
        "engagement rate", "er", "eng rate", "60d eng rate", "avg engagement rate",
        "engagement rate 60d",
      ]
    case .postsSampled:
      extra = ["posts analyzed", "posts analysed", "sample size", "sampled posts"]
    case .sponsoredShare:
      extra = ["sponsored ratio", "sponsored posts share", "ad share", "paid share", "sponsored"]
    case .country: extra = ["creator country", "home country", "location country", "location"]
    case .language: extra = ["creator language", "lang"]
    case .categories:
      extra = [
        "category", "category 1", "category 2", "category 3", "categories 1", "niche", "niches",
        "topic", "topics", "genre",
      ]
    case .bio: extra = ["biography", "description", "about", "profile text"]
    case .hashtags: extra = ["tags", "top hashtags", "hashtag"]
    case .pricePerPost:
      extra = ["price", "rate per post", "cost per post", "fee", "post price", "rate card"]
    case .currency: extra = ["price currency"]
    case .audFemale: extra = ["audience female", "female share", "female", "audience female share"]
    case .audAge13to17, .audAge18to24, .audAge25to34, .audAge35to44, .audAge45to54,
      .audAge55plus:
      let label = Self.normalizeHeader(ageBucket?.label ?? "")
      extra = ["audience age \(label)", "age \(label)"]
    case .audCountries:
      extra = [
        "audience countries", "audience country", "audience geo", "top countries",
        "audience location",
      ]
    case .audLanguages: extra = ["audience languages", "audience language"]
    case .audInterests: extra = ["audience interests", "audience interest"]
    case .audRealShare:
      extra = ["real followers share", "audience quality", "real share", "real audience share"]
    case .followerHistory: extra = ["followers history", "follower counts history"]
    }
    return [canonical] + extra
  }

  /// A header in comparable form: lower case, `_ - . # / ( )` and line breaks as spaces, runs of
  /// spaces collapsed, trimmed, and `+` spelled "plus". `"Avg. Likes"`, `"avg_likes"` and
  /// `"#Followers"` become `"avg likes"`, `"avg likes"` and `"followers"`.
  public static func normalizeHeader(_ header: String) -> String {
    LabelText.normalized(header)
  }

  /// The field whose canonical name or alias is `header`, if any.
  public static func matching(header: String) -> CreatorField? {
    aliasTable[normalizeHeader(header)]
  }

  /// The field named by `name` in canonical form (`avg_likes`) or as an alias.
  public init?(name: String) {
    if let field = CreatorField(rawValue: name) {
      self = field
    } else if let field = Self.matching(header: name) {
      self = field
    } else {
      return nil
    }
  }

  private static let aliasTable: [String: CreatorField] = {
    var table: [String: CreatorField] = [:]
    for field in allCases {
      for alias in field.aliases where table[alias] == nil { table[alias] = field }
    }
    return table
  }()
}
