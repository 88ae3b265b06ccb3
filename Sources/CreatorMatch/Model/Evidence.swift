/// How a number was obtained, strongest first: every component of a ranked creator carries one,
/// so that an estimate never passes for a measurement.
public enum Evidence: UInt8, Sendable, Comparable, CaseIterable, CustomStringConvertible {
  /// From the creator's own data.
  case measured = 0
  /// From part of the data the number needs: a top audience country without its share, shares
  /// an export left out and the reader filled in.
  case partial
  /// From a prior: the population of creators that have the data, or the creator's home country.
  case estimated
  /// No creator of the table has the data: a documented constant, the same for everyone.
  case absent

  /// The weaker of two.
  public static func < (lhs: Evidence, rhs: Evidence) -> Bool { lhs.rawValue < rhs.rawValue }

  /// `measured`, `partial`, `estimated` or `absent`, as CSV and JSON write it.
  public var description: String {
    switch self {
    case .measured: "measured"
    case .partial: "partial"
    case .estimated: "estimated"
    case .absent: "absent"
    }
  }
}
