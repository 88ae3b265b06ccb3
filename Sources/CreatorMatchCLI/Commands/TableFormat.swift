import CreatorMatchBatch
import CreatorMatchIO

/// The output formats of `roi`, `overlap` and `shortlist`: an aligned terminal table, CSV or JSON.
enum TableFormat: String, CaseIterable {
  case table, csv, json

  /// The `--format` option.
  static let option = OptionSpec.value(
    "format", "table|csv|json", default: "table", help: "Output format.")

  /// The `--format` option's value; `table` when it is absent.
  static func parse(_ arguments: ParsedArguments) throws(CLIError) -> TableFormat {
    try usage { () throws(UsageError) in
      try arguments.choice("format", as: TableFormat.self) ?? .table
    }
  }
}
