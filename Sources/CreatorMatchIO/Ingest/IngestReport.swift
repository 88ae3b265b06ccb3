import CreatorMatch

/// What happened while reading a creator table: counts, the column mapping, and the first
/// problems verbatim (all problems are counted by rule).
public struct IngestReport: Sendable {
  /// The file as named.
  public var file: String
  /// The format read.
  public var format: IngestOptions.Format
  /// Data rows read (blank lines excluded).
  public var rowsRead = 0
  /// Rows turned into creators.
  public var rowsLoaded = 0
  /// Rows skipped because of an error.
  public var rowsSkipped = 0
  /// Rows kept with at least one warning.
  public var rowsWithWarnings = 0
  /// Error counts by rule, in first-seen order.
  public var errorCounts: [(rule: String, count: Int)] = []
  /// Warning counts by rule, in first-seen order.
  public var warningCounts: [(rule: String, count: Int)] = []
  /// The first errors, verbatim.
  public var firstErrors: [Diagnostic] = []
  /// The first warnings, verbatim.
  public var firstWarnings: [Diagnostic] = []
  /// Columns (or JSONL keys) that feed no field.
  public var ignoredColumns: [String] = []
  /// Field → headers used.
  public var mapping: [(field: CreatorField, headers: [String])] = []

  /// Creates an empty report.
  public init(file: String, format: IngestOptions.Format) {
    self.file = file
    self.format = format
  }

  /// Total errors counted.
  public var errorTotal: Int { errorCounts.reduce(0) { $0 + $1.count } }
  /// Total warnings counted.
  public var warningTotal: Int { warningCounts.reduce(0) { $0 + $1.count } }

  mutating func record(_ diagnostics: [Diagnostic], keep: Int) {
    for diagnostic in diagnostics {
      switch diagnostic.severity {
      case .error:
        Self.bump(&errorCounts, diagnostic.rule)
        if firstErrors.count < keep { firstErrors.append(diagnostic) }
      case .warning:
        Self.bump(&warningCounts, diagnostic.rule)
        if firstWarnings.count < keep { firstWarnings.append(diagnostic) }
      }
    }
  }

  private static func bump(_ counts: inout [(rule: String, count: Int)], _ rule: String) {
    if let index = counts.firstIndex(where: { $0.rule == rule }) {
      counts[index].count += 1
    } else {
      counts.append((rule, 1))
    }
  }
}
