import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import Foundation

/// `creatormatch roi`: forecast the campaign return of chosen creators and of the portfolio.
enum RoiCommand: Subcommand {
  static let briefOption = OptionSpec.value(
    "brief", "file", required: true, help: "Campaign brief (JSON) with economics.")
  static let idsOption = CreatorIDList.option(
    help: "Forecast these creators (comma-separated ids).")
  static let topOption = OptionSpec.value(
    "top", "n", default: "10", help: "Else forecast the top N of the ranking.")
  /// The most Monte Carlo samples: about 300 MB of draws at the peak.
  static let largestSamples = 5_000_000
  /// The most samples × creators: about six seconds on two cores.
  static let largestCreatorSamples = 250_000_000

  static let samplesOption = OptionSpec.value(
    "samples", "n", default: "100000", help: "Monte Carlo samples for the portfolio.")
  static let seedOption = OptionSpec.value("seed", "x", default: "1", help: "Monte Carlo seed.")
  static let explainOption = OptionSpec.flag(
    "explain", help: "Show the funnel of the first creator step by step.")

  static let spec = CommandSpec(
    name: "roi",
    abstract: "Forecast campaign ROI with confidence bands, per creator and for the portfolio.",
    discussion: """
      For each creator: impressions → clicks → orders → lifetime profit against cost (rate card,
      else a CPM estimate marked *), with P10/P50/P90 ROI and P(ROI > 0) in closed form. For the
      portfolio: a seeded Monte Carlo in which the brand's CTR and CVR uncertainty is shared by
      every creator; the same seed gives the same bytes on any number of threads. --explain shows
      one creator's funnel step by step, each assumption with its source (brief, data, default).
      The brief must have economics.
      """,
    options: CreatorInput.options + [
      briefOption, idsOption, topOption, samplesOption, seedOption, ReportFormat.option,
      explainOption, ExchangeRateOption.option, OutputDestination.option,
      CreatorInput.modelOption, CreatorInput.threadsOption, AuditShares.option,
      BrandSketches.option,
    ],
    examples: [
      (
        "creatormatch roi --creators datasets/creators.csv --brief datasets/briefs/de-vegan-food.json --top 5",
        "Forecast the top 5 creators for the meal-kit brief and their portfolio"
      ),
      (
        "creatormatch roi --creators datasets/creators.csv --brief datasets/briefs/pl-skincare.json --ids c000941,c000095 --explain",
        "Two chosen creators, with the first one's funnel explained"
      ),
      (
        "creatormatch roi --creators datasets/creators.csv --brief datasets/briefs/jp-travel.json --fx JPY=150 --format json",
        "With your own exchange rate, as JSON"
      ),
    ])

  /// The parsed command line of `roi`.
  struct Options: CommandOptions {
    var format: ReportFormat
    var audit: String?
    var sketches: String?
    var top: Int
    var samples: Int
    var seed: Int
    var threads: Int
    var rates: CurrencyRates
    var brief: String
    var input: CreatorInput
    var model: String?
    var ids: [String]?
    var explain: Bool
    var out: String?

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      format = try ReportFormat.parse(arguments)
      audit = arguments.value(AuditShares.option)
      sketches = arguments.value(BrandSketches.option)
      top = try arguments.integer(topOption, in: 1...100_000) ?? 10
      samples = try arguments.integer(samplesOption, in: 1...largestSamples) ?? 100_000
      seed = try arguments.integer(seedOption, in: 0...Int.max) ?? 1
      threads = try arguments.threads()
      rates = try ExchangeRateOption.rates(arguments)
      brief = try arguments.requiredValue(briefOption)
      input = try CreatorInput(arguments)
      model = arguments.value(CreatorInput.modelOption)
      ids = try CreatorIDList.parse(arguments, option: idsOption, command: "roi")
      explain = arguments.isSet(explainOption)
      out = arguments.value(OutputDestination.option)
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let format = options.format
    let threads = options.threads
    let rates = options.rates
    let brief = try BriefLoader.load(options.brief)
    guard brief.economics != nil else {
      throw CLIError(
        "\(options.brief): $.economics: the brief has no economics, so there "
          + "is nothing to forecast; add average_order_value and gross_margin (see README)",
        code: .dataError)
    }
    let sketches = try BrandSketches.load(options.sketches)
    let prepared = try PreparedTable.prepare(
      options.input, modelPath: options.model, context: context, threads: threads,
      auditPath: options.audit)
    let table = prepared.table
    let ranker = Ranker(table: table)
    let plan = try BrandSketches.plan(
      brief, table: table, rates: rates, sketches: sketches, path: options.sketches,
      threads: threads)
    var notes = plan.forecast?.notes.map(\.text) ?? []
    var rows: [Int] = []
    var ranking: Ranking?
    if let ids = options.ids {
      // The same rules as rank --ids: each id once, unknown ids a warning unless none is known.
      rows = try CreatorIDList.rows(
        of: ids, in: table, path: options.input.path, context: context)
      for row in rows {
        if let reason = ranker.filterReason(row: row, plan: plan) {
          notes.append(
            "\(table.ids[row]) fails the brief's constraints (\(reason.phrase)); forecast anyway")
        }
      }
    } else {
      let ranked = ranker.rank(plan, top: options.top, threads: threads)
      rows = ranked.rows.map(\.row)
      ranking = ranked
    }
    guard let forecastPlan = plan.forecast, !rows.isEmpty else {
      throw CLIError(
        "no creator to forecast: none passes the brief's constraints", code: .dataError)
    }
    var forecastRows: [ForecastTable.Row] = []
    var members: [PortfolioSimulation.Member] = []
    for row in rows {
      let share = plan.audience.evaluate(row, in: table).share
      let forecast = forecastPlan.forecast(row: row, onTargetShare: share, table: table)
      forecastRows.append(
        ForecastTable.Row(
          id: table.ids[row], name: table.handles[row] ?? table.ids[row], forecast: forecast))
      members.append(PortfolioSimulation.Member(id: table.ids[row], forecast: forecast))
    }
    // Memory grows with the samples (about 60 bytes each) and time with samples × creators:
    // both are bounded before any work, so a typo cannot take minutes and gigabytes.
    guard options.samples * members.count <= largestCreatorSamples else {
      throw CLIError(
        "--samples \(Formatting.grouped(Double(options.samples))) × \(members.count) creators is more than "
          + "\(Formatting.grouped(Double(largestCreatorSamples))) creator-samples; lower --samples "
          + "(the default 100,000 puts P10 and P90 within 1%)",
        code: .usage)
    }
    let portfolio = PortfolioSimulation.run(
      members, briefID: brief.id, samples: options.samples, seed: UInt64(options.seed),
      threads: threads)
    let report = ForecastTable(
      briefID: brief.id, currency: forecastPlan.currency, rows: forecastRows, portfolio: portfolio,
      budget: brief.economics?.budget, notes: notes)
    var text: String
    switch format {
    case .table: text = report.table(width: context.terminalWidth)
    case .csv: text = report.csv()
    case .json: text = report.json()
    case .html:
      text = HTMLForecastReport(
        forecast: report, plan: plan, rows: rows, table: table, ranking: ranking,
        source: prepared.sourceName, version: CreatorMatchCLI.version
      ).render()
    }
    // The HTML page has every creator's funnel; --explain adds nothing to it.
    if options.explain, format != .html, let first = rows.first,
      let forecast = forecastRows.first?.forecast
    {
      let audience = plan.audience.isEmpty ? [] : plan.audience.breakdown(first, in: table)
      let steps = forecastPlan.funnel(
        row: first, forecast: forecast, audience: audience, table: table)
      var funnel = TextTable(columns: [
        .init(title: "step"), .init(title: "value", alignRight: true),
        .init(title: "source", flexible: true, minimumWidth: 20),
      ])
      for step in steps { funnel.add([step.label, step.value, step.source]) }
      let explanation =
        "\nfunnel of \(TextTable.printable(forecastRows[0].name)) "
        + "[\(TextTable.printable(table.ids[first]))], \(forecastPlan.currency):\n"
        + funnel.render(width: 1_000)
      if format == .table { text += explanation } else { context.writeError(explanation) }
    }
    try OutputDestination.write(text, to: options.out, context: context)
    return .ok
  }
}
