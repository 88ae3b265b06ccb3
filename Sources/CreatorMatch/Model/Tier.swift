/// A creator's size class by followers: nano < 10k ≤ micro < 100k ≤ mid < 500k ≤ macro < 1M ≤ mega.
public enum Tier: String, Sendable, CaseIterable, Comparable, Codable {
  /// Fewer than 10,000 followers.
  case nano
  /// 10,000 to 99,999 followers.
  case micro
  /// 100,000 to 499,999 followers.
  case mid
  /// 500,000 to 999,999 followers.
  case macro
  /// 1,000,000 followers or more.
  case mega

  /// The tier of an account with `followers` followers (negative counts are treated as 0).
  @inlinable
  public init(followers: Double) {
    switch followers {
    case ..<10_000: self = .nano
    case ..<100_000: self = .micro
    case ..<500_000: self = .mid
    case ..<1_000_000: self = .macro
    default: self = .mega
    }
  }

  /// The tier named by `text` ("micro", "Micro-influencer", "mid-tier"), or `nil`.
  public init?(parsing text: String) {
    let key = text.lowercased()
    guard let tier = Tier.allCases.first(where: { key.hasPrefix($0.rawValue) }) else { return nil }
    self = tier
  }

  /// Position in `allCases`, smallest first.
  public var ordinal: Int { Tier.allCases.firstIndex(of: self) ?? 0 }

  /// Orders tiers from nano to mega.
  public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.ordinal < rhs.ordinal }

  /// The follower range in words, for help text and explanations.
  public var rangeDescription: String {
    switch self {
    case .nano: return "<10k"
    case .micro: return "10k–100k"
    case .mid: return "100k–500k"
    case .macro: return "500k–1M"
    case .mega: return "≥1M"
    }
  }
}
