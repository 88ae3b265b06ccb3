/// Why a creator was not ranked for a brief: the first hard constraint it failed, in this order.
///
/// The raw value is the machine id used in JSON and CSV output (`creator-country`);
/// CreatorMatchIO words each reason for summaries.
public enum FilterReason: String, Sendable, CaseIterable {
  /// Platform not in the brief's platforms.
  case platform
  /// Followers outside min/max.
  case followers
  /// Tier not allowed.
  case tier
  /// Creator country not allowed.
  case creatorCountry = "creator-country"
  /// Listed in `exclude_ids`.
  case excludedID = "excluded-id"
  /// Authenticity below the minimum.
  case authenticity
  /// Sponsored share above the maximum.
  case sponsoredShare = "sponsored-share"
  /// Text contains an `exclude` term.
  case excludedTerm = "excluded-term"
  /// Account type (brand, organization, media, politician) not in `account_types`.
  case accountType = "account-type"
  /// A category label in `exclude_categories`, or adult content the brief did not ask for.
  case excludedCategory = "excluded-category"

  /// Position in `allCases`.
  var index: Int {
    switch self {
    case .platform: return 0
    case .followers: return 1
    case .tier: return 2
    case .creatorCountry: return 3
    case .excludedID: return 4
    case .authenticity: return 5
    case .sponsoredShare: return 6
    case .excludedTerm: return 7
    case .accountType: return 8
    case .excludedCategory: return 9
    }
  }
}

/// How many creators each constraint removed.
public struct FilterCounts: Sendable, Equatable {
  /// Counts indexed by the reason's position in `FilterReason.allCases`.
  public var counts: [Int] = Array(repeating: 0, count: FilterReason.allCases.count)

  /// Creates zero counts.
  public init() {}

  /// The count for a reason.
  public subscript(reason: FilterReason) -> Int {
    get { counts[reason.index] }
    set { counts[reason.index] = newValue }
  }

  /// Total filtered.
  public var total: Int { counts.reduce(0, +) }

  /// Adds another set of counts.
  public mutating func add(_ other: FilterCounts) {
    for index in counts.indices { counts[index] += other.counts[index] }
  }

  /// Non-zero reasons with counts, in constraint order.
  public var nonZero: [(reason: FilterReason, count: Int)] {
    zip(FilterReason.allCases, counts).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
  }
}
