/// A creator's per-post engagement averages over recent posts.
///
/// Tables give different things: per-type averages (likes, comments, …), one total
/// ("Engagement average"), or a precomputed rate ("60d_eng_rate"). ``EngagementModel`` uses, in
/// that order of preference, the per-type counts, the total, then the rate.
public struct EngagementStats: Sendable, Equatable {
  /// Average likes per post.
  public var likes: Double? {
    get { packedLikes.value }
    set { packedLikes = PackedOptional(newValue) }
  }
  private var packedLikes = PackedOptional(nil)
  /// Average comments per post.
  public var comments: Double? {
    get { packedComments.value }
    set { packedComments = PackedOptional(newValue) }
  }
  private var packedComments = PackedOptional(nil)
  /// Average shares (reposts) per post.
  public var shares: Double? {
    get { packedShares.value }
    set { packedShares = PackedOptional(newValue) }
  }
  private var packedShares = PackedOptional(nil)
  /// Average saves per post.
  public var saves: Double? {
    get { packedSaves.value }
    set { packedSaves = PackedOptional(newValue) }
  }
  private var packedSaves = PackedOptional(nil)
  /// Average views per post (video platforms).
  public var views: Double? {
    get { packedViews.value }
    set { packedViews = PackedOptional(newValue) }
  }
  private var packedViews = PackedOptional(nil)
  /// Average total engagements per post, when only the total is known.
  public var total: Double? {
    get { packedTotal.value }
    set { packedTotal = PackedOptional(newValue) }
  }
  private var packedTotal = PackedOptional(nil)
  /// Engagements per post that an analytics provider judged authentic, when known.
  public var authentic: Double? {
    get { packedAuthentic.value }
    set { packedAuthentic = PackedOptional(newValue) }
  }
  private var packedAuthentic = PackedOptional(nil)
  /// A precomputed engagement rate (fraction, not percent), when no counts are known.
  public var rate: Double? {
    get { packedRate.value }
    set { packedRate = PackedOptional(newValue) }
  }
  private var packedRate = PackedOptional(nil)
  /// How many recent posts the averages cover; `nil` means the default of 12.
  public var postsSampled: Double? {
    get { packedPostsSampled.value }
    set { packedPostsSampled = PackedOptional(newValue) }
  }
  private var packedPostsSampled = PackedOptional(nil)

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
  public var perPost: Double? {
    let parts = [likes, comments, shares, saves].compactMap { $0 }
    if !parts.isEmpty { return parts.reduce(0, +) }
    return total
  }
}
