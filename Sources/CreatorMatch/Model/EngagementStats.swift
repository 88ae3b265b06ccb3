/// A creator's per-post engagement averages over recent posts.
///
/// Tables give different things: per-type averages (likes, comments, …), one total
/// ("Engagement average"), or a precomputed rate ("60d_eng_rate"). ``EngagementModel`` uses, in
/// that order of preference, the per-type counts, the total, then the rate.
public struct EngagementStats: Sendable, Equatable {
  /// Average likes per post.
  @PackedOptional public var likes: Double?
  /// Average comments per post.
  @PackedOptional public var comments: Double?
  /// Average shares (reposts) per post.
  @PackedOptional public var shares: Double?
  /// Average saves per post.
  @PackedOptional public var saves: Double?
  /// Average views per post (video platforms).
  @PackedOptional public var views: Double?
  /// Average total engagements per post, when only the total is known.
  @PackedOptional public var total: Double?
  /// Engagements per post that an analytics provider judged authentic, when known.
  @PackedOptional public var authentic: Double?
  /// A precomputed engagement rate (fraction, not percent), when no counts are known.
  @PackedOptional public var rate: Double?
  /// How many recent posts the averages cover; `nil` means the default of 12.
  @PackedOptional public var postsSampled: Double?

  /// Creates engagement stats; every value defaults to unknown.
  public init(
    likes: Double? = nil, comments: Double? = nil, shares: Double? = nil, saves: Double? = nil,
    views: Double? = nil, total: Double? = nil, authentic: Double? = nil, rate: Double? = nil,
    postsSampled: Double? = nil
  ) {
    self.likes = likes
    self.comments = comments
    self.shares = shares
    self.saves = saves
    self.views = views
    self.total = total
    self.authentic = authentic
    self.rate = rate
    self.postsSampled = postsSampled
  }

  /// Engagements per post E = likes + comments + shares + saves (missing = 0), else the total;
  /// `nil` when neither is known.
  ///
  /// Added up as 0 + the known counts in this order, without an array of them: the table layout
  /// reads it for every creator, and the arrays were most of an engagement observation's cost.
  public var perPost: Double? {
    var sum = 0.0
    var any = false
    func add(_ part: Double?) {
      guard let part else { return }
      sum += part
      any = true
    }
    add(likes)
    add(comments)
    add(shares)
    add(saves)
    return any ? sum : total
  }
}
