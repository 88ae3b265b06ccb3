import CreatorMatch

/// A problem found in an input file, located as `file:line:column`.
///
/// For CSV, `column` is the 1-based field number; for JSON and JSONL it is the character column.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// How bad the problem is.
  public enum Severity: String, Sendable {
    /// The row cannot be used and is skipped (lenient) or stops the run (strict).
    case error
    /// A field is ignored or repaired; the row is kept.
    case warning
  }

  /// The file, as the user named it.
  public var file: String
  /// The 1-based line where the row starts (0 when the problem is about the whole file).
  public var line: Int
  /// The 1-based column (0 when not about one column).
  public var column: Int
  /// Error or warning.
  public var severity: Severity
  /// A short, stable name of the rule that failed (`negative-number`, `duplicate-id`), for counts.
  public var rule: String
  /// What is wrong and what to do, in words.
  public var message: String

  /// Creates a diagnostic.
  public init(
    file: String, line: Int, column: Int, severity: Severity, rule: String, message: String
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.rule = rule
    self.message = message
  }

  /// The error for a quoted field opened at `line`, `column` that the file never closes.
  static func unterminatedQuote(file: String, line: Int, column: Int) -> Diagnostic {
    Diagnostic(
      file: file, line: line, column: column, severity: .error, rule: "unterminated-quote",
      message: "a quoted field opened here is never closed; everything after it was "
        + "read as one field, so the file is cut or a quote is missing")
  }

  /// The error for JSON that does not parse, at the parser's position; `line` overrides the
  /// position's line when the text is one line of a larger file (JSONL).
  static func invalidJSON(_ error: JSONSyntaxError, file: String, line: Int? = nil) -> Diagnostic {
    Diagnostic(
      file: file, line: line ?? error.position.line, column: error.position.column,
      severity: .error, rule: "invalid-json", message: error.message)
  }

  /// `file:line:column: message` (with `warning: ` for warnings).
  public var description: String {
    var location = file
    if line > 0 { location += ":\(line)" }
    if column > 0 { location += ":\(column)" }
    return location + ": " + (severity == .warning ? "warning: " : "") + message
  }
}

/// Why reading an input failed as a whole.
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file does not exist or cannot be opened.
  case missingFile(path: String, reason: String)
  /// Reading failed midway.
  case ioFailure(path: String, reason: String)
  /// The file's structure is unusable (no header, no required column, unknown option).
  case unusable(Diagnostic)
  /// A row is bad and the read is strict.
  case badRow(Diagnostic)
  /// No row could be used.
  case noUsableRows(path: String, skipped: Int, firstProblem: Diagnostic?)

  /// A message naming the file and, where known, line and column.
  public var description: String {
    switch self {
    case .missingFile(let path, let reason):
      return "\(path): cannot open: \(reason)"
    case .ioFailure(let path, let reason):
      return "\(path): read failed: \(reason)"
    case .unusable(let diagnostic), .badRow(let diagnostic):
      return diagnostic.description
    case .noUsableRows(let path, let skipped, let first):
      var text = "\(path): no usable rows (\(skipped) skipped)"
      if let first { text += "; first problem: \(first)" }
      return text
    }
  }
}
