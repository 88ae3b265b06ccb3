import CreatorMatch
import Foundation

/// Writes RFC 4180 CSV: fields with `,` `"` CR or LF are quoted with doubled quotes, lines end in
/// LF, and a text cell starting with `=`, `+`, `-` or `@` gets a leading `'` so a spreadsheet does
/// not run it as a formula (OWASP "CSV injection"). Numbers are written as numbers.
///
/// ```swift
/// var csv = CSVWriter()
/// csv.row(["id", "score"])
/// csv.row(["=cmd", "12.5"])  // '=cmd,12.5
/// ```
package struct CSVWriter: Sendable {
  /// The text written so far.
  package private(set) var text = ""

  /// Creates an empty writer.
  package init() {}

  /// Appends one row of text cells.
  package mutating func row(_ cells: [String]) {
    for (index, cell) in cells.enumerated() {
      if index > 0 { text += "," }
      text += Self.escape(cell)
    }
    text += "\n"
  }

  /// Appends one row of already-formatted cells that are numbers (not guarded against formulas,
  /// so a negative number stays a number).
  package mutating func row(_ cells: [Cell]) {
    for (index, cell) in cells.enumerated() {
      if index > 0 { text += "," }
      switch cell {
      case .text(let value): text += Self.escape(value)
      case .number(let value): text += value
      }
    }
    text += "\n"
  }

  /// A cell: text (escaped and guarded) or a number (written as is).
  package enum Cell: Sendable {
    /// A text cell.
    case text(String)
    /// A number cell, already formatted.
    case number(String)
  }

  /// One field as CSV text.
  package static func escape(_ field: String) -> String {
    var value = field
    if let first = value.first, "=+-@".contains(first) { value = "'" + value }
    if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    ) {
      return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return value
  }
}
