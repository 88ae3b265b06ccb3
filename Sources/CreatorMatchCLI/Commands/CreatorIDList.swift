import CreatorMatch
import Foundation

/// The `--ids a,b,c` option of `rank` and `roi`: parsed once, each id counted once, resolved to
/// table rows with the same rules in both commands.
enum CreatorIDList {
  /// The option, with the command's own help text.
  static func option(help: String) -> OptionSpec { OptionSpec.value("ids", "a,b,c", help: help) }

  /// The ids of `--ids`, trimmed, blanks dropped and duplicates removed (first occurrence kept);
  /// `nil` when the option is absent.
  ///
  /// - Throws: ``UsageError`` when the option lists no id at all.
  static func parse(_ arguments: ParsedArguments, option: OptionSpec, command: String)
    throws(UsageError) -> [String]?
  {
    guard let text = arguments.value(option) else { return nil }
    var seen = Set<String>()
    var ids: [String] = []
    for part in text.split(separator: ",") {
      let id = part.trimmingCharacters(in: .whitespaces)
      if !id.isEmpty && seen.insert(id).inserted { ids.append(id) }
    }
    guard !ids.isEmpty else {
      throw UsageError("--ids: no creator id given (expected a,b,c)", command: command)
    }
    return ids
  }

  /// The table rows of `ids`, in order. Unknown ids are a warning on standard error when some
  /// are known, and an error (exit 65) when none is.
  ///
  /// - Parameters:
  ///   - ids: Distinct ids.
  ///   - table: The table to look them up in.
  ///   - path: The creator file, for messages.
  ///   - context: Where warnings go.
  /// - Returns: The rows of the known ids.
  /// - Throws: ``CLIError`` with ``ExitCode/dataError`` when no id is in the table.
  static func rows(
    of ids: [String], in table: CreatorTable, path: String, context: CommandContext
  ) throws(CLIError) -> [Int] {
    var rows: [Int] = []
    var unknown: [String] = []
    for id in ids {
      if let row = table.row(ofID: id) { rows.append(row) } else { unknown.append(id) }
    }
    let quoted = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
    let noun = unknown.count == 1 ? "no creator with id" : "no creators with ids"
    guard !rows.isEmpty else {
      throw CLIError("--ids: \(noun) \(quoted) in \(path)", code: .dataError)
    }
    if !unknown.isEmpty {
      context.writeError("warning: --ids: \(noun) \(quoted) in \(path); showing the others\n")
    }
    return rows
  }
}
