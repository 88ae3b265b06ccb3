import CreatorMatchBatch
import CreatorMatchIO

/// The output formats of `roi`, `overlap` and `shortlist`: an aligned terminal table, CSV or JSON.
enum TableFormat: String, CaseIterable {
  case table, csv, json

  /// The `--format` option.
  static let option = OptionSpec.value(
    "format", "table|csv|json", default: "table", help: "Output format.")

  /// The `--format` option's value; `table` when it is absent.
  static func parse(_ arguments: ParsedArguments) throws(UsageError) -> TableFormat {
    try arguments.choice(option, as: TableFormat.self) ?? .table
  }
}

/// The output formats of `roi` and `shortlist`: ``TableFormat``'s, or one self-contained HTML
/// report with charts.
enum ReportFormat: String, CaseIterable {
  case table, csv, json, html

  /// The `--format` option.
  static let option = OptionSpec.value(
    "format", "table|csv|json|html", default: "table",
    help: "Output format (html: one self-contained page with charts).")

  /// The `--format` option's value; `table` when it is absent.
  static func parse(_ arguments: ParsedArguments) throws(UsageError) -> ReportFormat {
    try arguments.choice(option, as: ReportFormat.self) ?? .table
  }
}

/// The name of a creator file as the HTML reports show it: the last path component, so that
/// the same data give the same page wherever it is stored.
func reportSourceName(_ path: String) -> String {
  path.split(separator: "/").last.map(String.init) ?? path
}
