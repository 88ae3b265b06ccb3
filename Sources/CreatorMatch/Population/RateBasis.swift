/// What an engagement rate is divided by.
public enum RateBasis: String, Sendable, CaseIterable {
  /// Engagements per post / followers (feed platforms, or video platforms without views).
  case followers
  /// Engagements per post / views per post (tiktok and youtube when views are known).
  case views
}

/// Which peer curve a creator is compared against: its platform and rate basis.
public struct CurveKey: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The platform.
  public var platform: Platform
  /// The rate basis.
  public var basis: RateBasis

  /// Creates a key.
  public init(platform: Platform, basis: RateBasis) {
    self.platform = platform
    self.basis = basis
  }

  /// A dense index for arrays: platform ordinal × 2 + basis.
  public var index: Int { platform.ordinal * 2 + (basis == .views ? 1 : 0) }

  /// Number of distinct keys.
  public static let count = Platform.allCases.count * 2

  /// The key at a dense index.
  public static func at(_ index: Int) -> CurveKey {
    CurveKey(platform: Platform.allCases[index / 2], basis: index % 2 == 1 ? .views : .followers)
  }

  /// `instagram` or `tiktok/views`.
  public var description: String {
    basis == .followers ? platform.rawValue : "\(platform.rawValue)/views"
  }

  /// Orders by dense index.
  public static func < (lhs: CurveKey, rhs: CurveKey) -> Bool { lhs.index < rhs.index }
}
