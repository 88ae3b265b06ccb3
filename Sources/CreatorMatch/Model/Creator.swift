/// One creator account as read from a creator table: identity, size, engagement, audience,
/// text and price.
///
/// A `Creator` is a plain value. Ranking converts an array of them into a columnar
/// ``CreatorTable`` once and scores briefs against that.
///
/// ```swift
/// var creator = Creator(id: "ania.glow", platform: .instagram, followers: 18_400)
/// creator.engagement.likes = 730
/// creator.categories = ["skincare"]
/// ```
public struct Creator: Sendable, Equatable {
  /// The account id, unique in its table.
  public var id: String
  /// The display handle, e.g. `@ania.glow`.
  public var handle: String?
  /// The display name.
  public var name: String?
  /// The platform.
  public var platform: Platform
  /// Followers or subscribers, ≥ 0.
  public var followers: Double
  /// Accounts this account follows.
  @PackedOptional public var following: Double?
  /// Posts published.
  @PackedOptional public var posts: Double?
  /// Per-post engagement averages.
  public var engagement: EngagementStats
  /// Share of recent posts that are sponsored, 0–1.
  @PackedOptional public var sponsoredShare: Double?
  /// The creator's own country (ISO 3166-1 alpha-2).
  public var country: String?
  /// The creator's own language (ISO 639-1).
  public var language: String?
  /// Niche labels as written (`skincare`, `Fitness & Gym`).
  public var categories: [String]
  /// Profile text in any language.
  public var bio: String
  /// Hashtags the creator uses, as written.
  public var hashtags: String
  /// Recent post captions, when a posts file was given.
  public var captions: String
  /// The creator's rate per post, in ``currency``.
  @PackedOptional public var pricePerPost: Double?
  /// ISO 4217 code of ``pricePerPost``.
  public var currency: String?
  /// Who the audience is.
  public var audience: AudienceProfile
  /// Follower counts over time, oldest first, at equal intervals.
  public var followerHistory: [Double]
  /// The pooled per-post variance of ln ER, when a posts file gave this creator's posts.
  @PackedOptional public var perPostLogRateVariance: Double?

  /// Creates a creator with the required fields; everything else starts unknown or empty.
  public init(id: String, platform: Platform, followers: Double) {
    self.id = id
    self.platform = platform
    self.followers = followers
    self.engagement = EngagementStats()
    self.categories = []
    self.bio = ""
    self.hashtags = ""
    self.captions = ""
    self.audience = AudienceProfile()
    self.followerHistory = []
  }

  /// The size tier.
  public var tier: Tier { Tier(followers: followers) }

  /// The handle when known, else the id.
  public var displayName: String { handle ?? id }
}
