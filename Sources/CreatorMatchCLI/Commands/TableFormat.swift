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
