import Foundation

/// A creator's measured engagement rate and how much evidence stands behind it.
public struct EngagementObservation: Sendable, Equatable {
  /// Where the rate came from.
  public enum Source: String, Sendable {
    /// Per-type averages (likes + comments + shares + saves).
    case counts
    /// A total engagements-per-post figure.
    case total
    /// A precomputed rate from the table.
    case rate
  }

  /// The engagement rate ER (a fraction).
  public var rate: Double
  /// What ER is divided by.
  public var basis: RateBasis
  /// Posts the rate averages over, n (default 12).
  public var posts: Double
  /// Where the rate came from.
  public var source: Source

  /// Creates an observation.
  public init(rate: Double, basis: RateBasis, posts: Double, source: Source) {
    self.rate = rate
    self.basis = basis
    self.posts = posts
    self.source = source
  }

  /// x = ln(max(ER, 1e-5)), the log rate the model works in.
  @inlinable
  public var logRate: Double { log(max(rate, EngagementModel.minimumRate)) }

  /// The observation for `creator`, or `nil` when it has no usable engagement data.
  ///
  /// ER = E / views on tiktok and youtube when views are known, else E / followers, with
  /// E = likes + comments + shares + saves (missing = 0), else the table's total, else its rate.
  public init?(creator: borrowing Creator) {
    self.init(
      engagement: creator.engagement, platform: creator.platform, followers: creator.followers)
  }

  /// ``init(creator:)`` of a creator held in place, its fields read where they are (a creator
  /// passed whole from an array's storage is copied: a retain and a release of each of its
  /// strings and arrays).
  package init?(creator: UnsafePointer<Creator>) {
    self.init(
      engagement: creator.pointee.engagement, platform: creator.pointee.platform,
      followers: creator.pointee.followers)
  }

  /// The rule of ``init(creator:)``, from the fields it reads.
  private init?(engagement stats: EngagementStats, platform: Platform, followers: Double) {
    let posts = stats.postsSampled ?? EngagementModel.defaultPostsSampled
    if let engagements = stats.perPost {
      let source: Source =
        stats.likes != nil || stats.comments != nil || stats.shares != nil
          || stats.saves != nil ? .counts : .total
      if platform.measuresEngagementByViews, let views = stats.views, views > 0 {
        self.init(rate: engagements / views, basis: .views, posts: posts, source: source)
        return
      }
      guard followers > 0 else { return nil }
      self.init(rate: engagements / followers, basis: .followers, posts: posts, source: source)
      return
    }
    if let rate = stats.rate {
      self.init(rate: rate, basis: .followers, posts: posts, source: .rate)
      return
    }
    return nil
  }
}
