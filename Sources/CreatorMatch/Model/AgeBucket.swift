import Foundation

/// The audience age buckets that creator tables report shares for.
public enum AgeBucket: Int, Sendable, CaseIterable, Comparable, Codable {
  /// 13–17.
  case age13to17
  /// 18–24.
  case age18to24
  /// 25–34.
  case age25to34
  /// 35–44.
  case age35to44
  /// 45–54.
  case age45to54
  /// 55 and over.
  case age55plus

  /// The youngest age in the bucket.
  public var lowerAge: Int {
    [13, 18, 25, 35, 45, 55][rawValue]
  }

  /// The oldest age in the bucket (120 for the open-ended top bucket).
  public var upperAge: Int {
    [17, 24, 34, 44, 54, 120][rawValue]
  }

  /// The label used in briefs and output: `13-17`, …, `55+`.
  public var label: String {
    self == .age55plus ? "55+" : "\(lowerAge)-\(upperAge)"
  }

  /// The creator-table column that holds this bucket's share.
  public var columnName: String {
    self == .age55plus ? "aud_age_55_plus" : "aud_age_\(lowerAge)_\(upperAge)"
  }

  /// Orders buckets from youngest to oldest.
  public static func < (lhs: AgeBucket, rhs: AgeBucket) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The buckets that `text` names: one label (`18-24`, `18–24`, `55+`), or an age range such as
  /// `18-34` or `25+` that covers whole buckets. `nil` when it covers none exactly.
  public static func buckets(parsing text: String) -> [AgeBucket]? {
    let cleaned = text.replacingOccurrences(of: "–", with: "-")
      .replacingOccurrences(of: "—", with: "-")
      .replacingOccurrences(of: " ", with: "")
      .replacingOccurrences(of: "_", with: "-")
      .lowercased()
    let lower: Int
    let upper: Int
    if cleaned.hasSuffix("+") || cleaned.hasSuffix("plus") {
      let digits = cleaned.prefix(while: { $0.isASCII && $0.isNumber })
      guard let value = Int(digits) else { return nil }
      lower = value
      upper = 120
    } else {
      let parts = cleaned.split(separator: "-")
      guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low <= high else {
        return nil
      }
      lower = low
      upper = high
    }
    let covered = AgeBucket.allCases.filter { $0.lowerAge >= lower && $0.upperAge <= upper }
    guard let first = covered.first, let last = covered.last,
      first.lowerAge == lower, last.upperAge == upper || (upper >= 120 && last == .age55plus)
    else { return nil }
    return covered
  }
}
