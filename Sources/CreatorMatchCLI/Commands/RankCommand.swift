import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// `creatormatch rank`: rank a creator table for one brief.
enum RankCommand: Subcommand {
  static let spec = CommandSpec(
    name: "rank",
    abstract: "Rank creators for a campaign brief, with each score explained.",
    discussion: """
      Scores every creator on engagement against same-size peers, audience fit, niche fit,
      authenticity and (when the brief has economics) the chance of paying back, filters by the
      brief's hard constraints, and prints the top creators. --explain says in words why each
      creator ranks where it does. Rows the table cannot use are skipped and reported on
      standard error (use --strict to stop instead).
      """,
    options: CreatorInput.options + [
      .value("brief", "file", required: true, help: "Campaign brief (JSON)."),
      .value("top", "n", default: "the brief's top, else 20", help: "How many creators to return."),
      .value(
        "format", "table|csv|json|jsonl", default: "table", help: "Output format."),
      .flag("explain", help: "Explain each creator's score in words."),
      OutputDestination.option,
      ExchangeRateOption.option,
      CreatorInput.modelOption, CreatorInput.threadsOption,
    ],
    examples: [
      (
        "creatormatch rank --creators datasets/creators.csv --brief datasets/briefs/pl-skincare.json",
        "Top 20 creators for a Polish skincare launch"
      ),
      (
        "creatormatch rank --creators datasets/creators.csv --brief datasets/briefs/jp-travel.json --top 5 --explain",
        "Top 5 with the reasons"
      ),
      (
        "creatormatch rank --creators export.csv --map followers=Subscribers --platform instagram --brief b.json --format csv --out top.csv",
        "A tool export with other column names, as CSV"
      ),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError)
    -> ExitCode
  {
    let format = try usage { () throws(UsageError) in
      try arguments.choice("format", as: RankingReport.Format.self) ?? .table
    }
    let top = try usage { () throws(UsageError) in try arguments.integer("top", in: 1...1_000_000) }
    let threads = try usage { () throws(UsageError) in try arguments.threads() }
    let brief = try BriefLoader.load(
      try usage { () throws(UsageError) in try arguments.required("brief") })
    let prepared = try PreparedTable.prepare(arguments, context: context, threads: threads)
    let rates = try usage { () throws(UsageError) in try ExchangeRateOption.rates(arguments) }
    let ranker = Ranker(table: prepared.table)
    let plan = BriefPlan(brief: brief, table: prepared.table, rates: rates)
    let ranking = ranker.rank(plan, top: top ?? brief.top ?? 20, threads: threads)
    let explanations =
      arguments.has("explain") ? ranking.rows.map { ranker.explain($0, plan: ranking.plan) } : nil
    let report = RankingReport(ranking: ranking, explanations: explanations)
    if format != .table && format != .json {
      // Formats without room for the summary get it on standard error.
      context.writeError(report.summaryLines().joined(separator: "\n") + "\n")
    }
    try OutputDestination.write(
      report.render(format, width: context.terminalWidth), to: arguments.string("out"),
      context: context)
    return .ok
  }
}

/// Runs `body`, turning a usage error into a CLI error with exit code 64.
func usage<T>(_ body: () throws(UsageError) -> T) throws(CLIError) -> T {
  do {
    return try body()
  } catch {
    throw CLIError(usageMessage(error), code: .usage)
  }
}

/// A usage error's message with the usage hint.
func usageMessage(_ error: UsageError) -> String {
  var text = "error: \(error.message)"
  if let command = error.command, let spec = CreatorMatchCLI.spec(named: command) {
    text += "\nusage: \(spec.usage)\n  See 'creatormatch \(command) --help' for more information."
  } else {
    text += "\n  See 'creatormatch --help' for more information."
  }
  return text
}
