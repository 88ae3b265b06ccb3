import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// `creatormatch validate`: check a creator table (and optionally a brief) and report every
/// problem by file, line and column.
enum ValidateCommand: Subcommand {
  static let briefOption = OptionSpec.value(
    "brief", "file", help: "Also check a campaign brief against the table.")
  static let maxProblemsOption = OptionSpec.value(
    "max-problems", "n", default: "50", help: "How many problems to list verbatim.")

  static let spec = CommandSpec(
    name: "validate",
    abstract: "Check a creator table (and a brief) and report every problem.",
    discussion: """
      Reads the table as 'rank' would and prints how each column was mapped, which columns are
      ignored, how many rows load, and each problem as file:line:column: message. Exits 0 when
      every row loads, 65 when rows had to be skipped or the brief is invalid.
      """,
    options: CreatorInput.options + [briefOption, maxProblemsOption, CreatorInput.modelOption],
    examples: [
      ("creatormatch validate --creators datasets/creators.csv", "Check the sample table"),
      (
        "creatormatch validate --creators influencers.txt --platform instagram --map categories=Category",
        "A tab-separated export without a platform column"
      ),
      (
        "creatormatch validate --creators datasets/creators.csv --brief datasets/briefs/ua-fitness.json",
        "Check a brief too: JSON paths of any mistake, and how many creators it leaves"
      ),
    ])

  /// The parsed command line of `validate`.
  struct Options: CommandOptions {
    var input: CreatorInput
    var brief: String?
    var model: String?

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      input = try CreatorInput(arguments)
      input.options.keptProblems = try arguments.integer(maxProblemsOption, in: 0...100_000) ?? 50
      brief = arguments.value(briefOption)
      model = arguments.value(CreatorInput.modelOption)
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let input = options.input
    if input.isSnapshot { return try validateSnapshot(options, context: context) }
    let load: CreatorCatalog.Read
    do {
      load = try CreatorCatalog.read(input.source)
    } catch {
      throw CLIError(error)
    }
    let report = load.report
    var text = "file: \(report.file) (\(report.format.rawValue))\n"
    text +=
      "rows: \(count(report.rowsRead)) read, \(count(report.rowsLoaded)) loaded, "
      + "\(count(report.rowsSkipped)) skipped, \(count(report.rowsWithWarnings)) with warnings\n"
    text += "columns:\n"
    for entry in report.mapping {
      text +=
        "  \(entry.field.rawValue) ← "
        + entry.headers.map { "\"\(clean($0))\"" }.joined(separator: " + ")
        + "\n"
    }
    if let platform = input.options.defaultPlatform,
      !report.mapping.contains(where: { $0.field == .platform })
    {
      text += "  platform ← --platform \(platform.rawValue)\n"
    }
    if !report.ignoredColumns.isEmpty {
      text +=
        "ignored columns: "
        + report.ignoredColumns.map { "\"\(clean($0))\"" }.joined(separator: ", ") + "\n"
    }
    if !report.errorCounts.isEmpty {
      text +=
        "errors (row skipped): "
        + report.errorCounts.map { "\($0.rule) \(count($0.count))" }.joined(separator: ", ") + "\n"
      for diagnostic in report.firstErrors { text += "  \(diagnostic)\n" }
      if report.errorTotal > report.firstErrors.count {
        text += "  … \(count(report.errorTotal - report.firstErrors.count)) more\n"
      }
    }
    if !report.warningCounts.isEmpty {
      text +=
        "warnings (field ignored, row kept): "
        + report.warningCounts.map { "\($0.rule) \(count($0.count))" }.joined(separator: ", ")
        + "\n"
      for diagnostic in report.firstWarnings { text += "  \(diagnostic)\n" }
      if report.warningTotal > report.firstWarnings.count {
        text += "  … \(count(report.warningTotal - report.firstWarnings.count)) more\n"
      }
    }
    if let postsPath = input.postsPath, let posts = load.posts {
      text += "posts: " + CreatorInput.postsSummary(posts, path: postsPath)
    }
    return finish(
      text, exit: report.rowsSkipped > 0 ? .dataError : .ok, brief: options.brief,
      table: { () throws(CLIError) in
        try PreparedTable.catalog(load.creators, modelPath: options.model, threads: nil).table
      }, context: context)
  }

  /// Ends a report: the brief's check when one is given (against the table `table` builds, only
  /// then), the result line, and the report written out.
  static func finish(
    _ text: String, exit: ExitCode, brief briefPath: String?,
    table: () throws(CLIError) -> CreatorTable, context: CommandContext
  ) -> ExitCode {
    var text = text
    var exit = exit
    if let briefPath {
      do {
        let brief = try BriefLoader.load(briefPath)
        text += briefReport(briefPath, brief: brief, table: try table())
      } catch {
        text += "brief: \(error.message)\n"
        exit = .dataError
      }
    }
    text += exit == .ok ? "result: OK\n" : "result: problems found\n"
    context.writeOutput(text)
    return exit
  }

  /// What ranking `brief` against `table` finds: how many pass, what filtered the rest, notes.
  static func briefReport(_ briefPath: String, brief: CampaignBrief, table: CreatorTable) -> String
  {
    let ranking = Ranker(table: table).rank(brief, top: 0)
    var text =
      "brief: \(briefPath): valid; \(count(ranking.eligible)) of \(count(ranking.candidates)) "
      + "creators pass its constraints\n"
    for (reason, number) in ranking.filtered.nonZero {
      text += "  filtered by \(reason.phrase): \(count(number))\n"
    }
    for note in ranking.plan.notes + ranking.plan.tableNotes {
      text += "  note: \(note.text)\n"
    }
    return text
  }

  /// `validate` of a prepared snapshot: its checks passed when it loaded, so the report is what
  /// it holds, and the brief's check when one is given.
  static func validateSnapshot(_ options: Options, context: CommandContext) throws(CLIError)
    -> ExitCode
  {
    let input = options.input
    let catalog = try input.loadSnapshot(modelPath: options.model, checkAll: true).catalog
    let table = catalog.table
    var text = "file: \(input.path) (prepared snapshot, format version \(SnapshotFormat.version))\n"
    text +=
      "rows: \(count(table.count)) creators, \(count(table.terms.count)) terms; "
      + "checksums match\n"
    return finish(text, exit: .ok, brief: options.brief, table: { table }, context: context)
  }

  static func count(_ value: Int) -> String { Formatting.grouped(Double(value)) }

  static func clean(_ header: String) -> String {
    header.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "\\n")
  }
}
