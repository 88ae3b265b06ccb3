import CreatorMatch

/// How to read a creator table.
public struct IngestOptions: Sendable {
  /// The table's format.
  public enum Format: String, Sendable, CaseIterable {
    /// Comma-, semicolon- or tab-separated values with a header line.
    case csv
    /// One JSON object per line (or a JSON array of objects).
    case jsonl
  }

  /// Stop at the first bad row instead of skipping it.
  public var strict = false
  /// Field → header overrides from `--map field=Header`.
  public var columnOverrides: [CreatorField: String] = [:]
  /// Platform for rows without one (`--platform`).
  public var defaultPlatform: Platform?
  /// The CSV delimiter; `nil` detects it.
  public var delimiter: UInt8?
  /// The format; `nil` decides by extension, then by the first byte.
  public var format: Format?
  /// How many problems of each severity to keep verbatim in the report (all are counted).
  public var keptProblems = 10

  /// Creates default options: lenient, no overrides, detected format.
  public init() {}
}
