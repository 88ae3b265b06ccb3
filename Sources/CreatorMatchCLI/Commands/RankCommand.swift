import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// `creatormatch rank`: rank a creator table for one brief.
enum RankCommand: Subcommand {
  static let briefOption = OptionSpec.value(
    "brief", "file", required: true, help: "Campaign brief (JSON).")
  static let topOption = OptionSpec.value(
    "top", "n", default: "the brief's top, else 20", help: "How many creators to return.")
  static let idsOption = CreatorIDList.option(
    help: "Only these creators (comma-separated ids): where each ranks, or what removed it.")
  static let formatOption = OptionSpec.value(
    "format", "table|csv|json|jsonl|html", default: "table",
    help: "Output format (html: one self-contained page with charts and a card per creator).")

  /// The values of `--format`: the ranking report's formats and the HTML page.
  enum Format: String, CaseIterable {
    case table, csv, json, jsonl, html

    /// The text format, `nil` for HTML.
    var text: RankingReport.Format? { RankingReport.Format(rawValue: rawValue) }
  }
  static let explainOption = OptionSpec.flag(
    "explain", help: "Explain each creator's score in words.")
  static let expandOption = OptionSpec.value(
    "expand", "on|off", default: "the brief's niche.expand, else off",
    help: "Expand the niche query with the terms of the best-matching creators.")

  /// The values of `--expand`.
  enum Switch: String, CaseIterable {
    case on, off
  }

  static let spec = CommandSpec(
    name: "rank",
    abstract: "Rank creators for a campaign brief, with each score explained.",
    discussion: """
      Scores every creator on engagement against same-size peers, audience fit, niche fit,
      authenticity and (when the brief has economics) the chance of paying back, filters by the
      brief's hard constraints, and prints the top creators. --explain says in words why each
      creator ranks where it does. --ids shows named creators instead: each one's rank among all
      eligible creators (not only the top N), its components and score, or the constraint that
      removed it. A brief that leaves no creator eligible is a warning on standard error. Rows
      the table cannot use are skipped and reported on standard error (use --strict to stop
      instead).
      """,
    options: CreatorInput.options + [
      briefOption, topOption, idsOption, formatOption, explainOption, expandOption,
      OutputDestination.option,
      ExchangeRateOption.option, CreatorInput.modelOption, CreatorInput.threadsOption,
      AuditShares.option, BrandSketches.option,
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
        "creatormatch rank --creators datasets/creators.csv --brief datasets/briefs/pl-skincare.json --ids c000941,c000095",
        "Where two named creators rank, or what removed them"
      ),
      (
        "creatormatch rank --creators datasets/creators.csv --brief datasets/briefs/pl-skincare.json --format html --out report.html",
        "A self-contained page with charts and a card per creator, to open offline or send"
      ),
      (
        "creatormatch rank --creators export.csv --map followers=Subscribers --platform instagram --brief b.json --format csv --out top.csv",
        "A tool export with other column names, as CSV"
      ),
    ])

  /// The parsed command line of `rank`.
  struct Options: CommandOptions {
    var format: Format
    var top: Int?
    var ids: [String]?
    var threads: Int
    var brief: String
    var input: CreatorInput
    var model: String?
    var rates: CurrencyRates
    var explain: Bool
    /// `--expand`, overriding the brief's `niche.expand`; `nil` when not given.
    var expand: Bool?
    var out: String?
    var audit: String?
    var sketches: String?

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      format = try arguments.choice(formatOption, as: Format.self) ?? .table
      top = try arguments.integer(topOption, in: 1...1_000_000)
      ids = try CreatorIDList.parse(arguments, option: idsOption, command: "rank")
      threads = try arguments.threads()
      brief = try arguments.requiredValue(briefOption)
      input = try CreatorInput(arguments)
      model = arguments.value(CreatorInput.modelOption)
      rates = try ExchangeRateOption.rates(arguments)
      explain = arguments.isSet(explainOption)
      expand = try arguments.choice(expandOption, as: Switch.self).map { $0 == .on }
      out = arguments.value(OutputDestination.option)
      audit = arguments.value(AuditShares.option)
      sketches = arguments.value(BrandSketches.option)
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let threads = options.threads
    var brief = try BriefLoader.load(options.brief)
    if let expand = options.expand { brief.niche.expand = expand }
    let sketches = try BrandSketches.load(options.sketches)
    let prepared = try PreparedTable.prepare(
      options.input, modelPath: options.model, context: context, threads: threads,
      auditPath: options.audit)
    let ranker = Ranker(table: prepared.table)
    let plan = try BrandSketches.plan(
      brief, table: prepared.table, rates: options.rates, sketches: sketches,
      path: options.sketches, threads: threads)
    let rows = try options.ids.map { ids throws(CLIError) in
      try CreatorIDList.rows(
        of: ids, in: prepared.table, path: options.input.path, context: context)
    }
    // With --ids the top rows are not shown, but the counts of the summary still need a pass.
    let ranking = ranker.rank(
      plan, top: rows == nil ? options.top ?? brief.top ?? 20 : 1, threads: threads)
    let lookups = rows.map { ranker.lookUp(rows: $0, plan: plan) }
    let explanations = options.explain ? explain(ranking, lookups: lookups, ranker: ranker) : nil
    let report = RankingReport(
      ranking: ranking, explanations: explanations, labels: prepared.labels, lookups: lookups,
      coverage: ranker.evidenceCoverage(plan, threads: threads))
    if options.format != .table && options.format != .json && options.format != .html {
      // Formats without room for the summary get it on standard error, warning included.
      context.writeError(report.summaryLines().joined(separator: "\n") + "\n")
    } else if let warning = report.noEligibleWarning {
      context.writeError("warning: \(warning)\n")
    }
    let text: String
    if let format = options.format.text {
      text = report.render(format, width: context.terminalWidth)
    } else {
      text = HTMLRankingReport(
        report: report, ranker: ranker, source: prepared.sourceName,
        version: CreatorMatchCLI.version
      ).render()
    }
    try OutputDestination.write(text, to: options.out, context: context)
    return .ok
  }

  /// The explanation lines of each reported creator; a named creator that a constraint removed
  /// says so first.
  static func explain(_ ranking: Ranking, lookups: [CreatorLookup]?, ranker: Ranker) -> [[String]] {
    guard let lookups else { return ranking.rows.map { ranker.explain($0, plan: ranking.plan) } }
    return lookups.map { found in
      var lines = ranker.explain(found.creator, plan: ranking.plan)
      if let reason = found.filterReason {
        lines.insert(
          "filtered out: \(reason.phrase); the scores below are what it would have had", at: 0)
      } else {
        lines.insert(
          "rank \(found.creator.rank) of \(Formatting.grouped(Double(ranking.eligible))) eligible",
          at: 0)
      }
      return lines
    }
  }
}
