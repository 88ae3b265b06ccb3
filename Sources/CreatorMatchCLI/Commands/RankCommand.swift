import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// `creatormatch rank`: rank a creator table for one brief.
enum RankCommand: Subcommand {
  static let briefOption = OptionSpec.value(
    "brief", "file", required: true, help: "Campaign brief (JSON).")
  static let topOption = OptionSpec.value(
    "top", "n", default: "the brief's top, else 20", help: "How many creators to return.")
  static let formatOption = OptionSpec.value(
    "format", "table|csv|json|jsonl", default: "table", help: "Output format.")
  static let explainOption = OptionSpec.flag(
    "explain", help: "Explain each creator's score in words.")

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
      briefOption, topOption, formatOption, explainOption, OutputDestination.option,
      ExchangeRateOption.option, CreatorInput.modelOption, CreatorInput.threadsOption,
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

  /// The parsed command line of `rank`.
  struct Options: CommandOptions {
    var format: RankingReport.Format
    var top: Int?
    var threads: Int
    var brief: String
    var input: CreatorInput
    var model: String?
    var rates: CurrencyRates
    var explain: Bool
    var out: String?

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      format = try arguments.choice(formatOption, as: RankingReport.Format.self) ?? .table
      top = try arguments.integer(topOption, in: 1...1_000_000)
      threads = try arguments.threads()
      brief = try arguments.requiredValue(briefOption)
      input = try CreatorInput(arguments)
      model = arguments.value(CreatorInput.modelOption)
      rates = try ExchangeRateOption.rates(arguments)
      explain = arguments.isSet(explainOption)
      out = arguments.value(OutputDestination.option)
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let threads = options.threads
    let brief = try BriefLoader.load(options.brief)
    let prepared = try PreparedTable.prepare(
      options.input, modelPath: options.model, context: context, threads: threads)
    let ranker = Ranker(table: prepared.table)
    let plan = BriefPlan(brief: brief, table: prepared.table, rates: options.rates)
    let ranking = ranker.rank(plan, top: options.top ?? brief.top ?? 20, threads: threads)
    let explanations =
      options.explain ? ranking.rows.map { ranker.explain($0, plan: ranking.plan) } : nil
    let report = RankingReport(ranking: ranking, explanations: explanations)
    if options.format != .table && options.format != .json {
      // Formats without room for the summary get it on standard error.
      context.writeError(report.summaryLines().joined(separator: "\n") + "\n")
    }
    try OutputDestination.write(
      report.render(options.format, width: context.terminalWidth), to: options.out,
      context: context)
    return .ok
  }
}
