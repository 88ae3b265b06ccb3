import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// `creatormatch shortlist`: the creators that reach the most unique followers within a budget.
enum ShortlistCommand: Subcommand {
  static let briefOption = OptionSpec.value(
    "brief", "file", required: true, help: "Campaign brief (JSON).")
  static let budgetOption = OptionSpec.value(
    "budget", "amount", default: "the brief's economics.budget",
    help: "Budget in the brief's currency.")
  static let minScoreOption = OptionSpec.value(
    "min-score", "s", default: "half the best score", help: "Score floor for candidates (0–100).")
  static let newToBrandOption = OptionSpec.flag(
    "new-to-brand",
    help: "Count as reach only followers outside the brief's audience.brand_audience (needs "
      + "--sketches); the report shows both figures.")
  static let candidatesOption = OptionSpec.value(
    "candidates", "n", default: "2000",
    help: "Consider at most the n best-scoring eligible creators.")

  static let spec = CommandSpec(
    name: "shortlist",
    abstract: "Choose creators within a budget to maximize unique reach (no paying twice).",
    discussion: """
      Among the brief's eligible creators scoring at least --min-score, picks by marginal unique
      reach per unit of cost (lazy greedy), compared with the best single affordable creator, and
      reports each pick's new followers and the duplication avoided against buying the top
      creators by score with the same budget. Costs come from the brief's economics (rate card
      or CPM estimate, posts_per_creator, fixed cost), else one post at the rate card or estimate.
      Without --sketches the overlap is unknown and the shortlist maximizes total score instead.
      """,
    options: CreatorInput.options + [
      briefOption, BrandSketches.option, budgetOption, minScoreOption, candidatesOption,
      newToBrandOption, ReportFormat.option, ExchangeRateOption.option, OutputDestination.option,
      CreatorInput.modelOption, CreatorInput.threadsOption, AuditShares.option,
    ],
    examples: [
      (
        "creatormatch shortlist --creators datasets/creators.csv --brief datasets/briefs/es-fashion.json --sketches /tmp/audiences.cms",
        "The brief's budget spent on unique reach"
      ),
      (
        "creatormatch shortlist --creators datasets/creators.csv --brief datasets/briefs/ua-fitness.json --budget 200000",
        "No follower data: a knapsack on score per cost, with overlap stated as unknown"
      ),
      (
        "creatormatch shortlist --creators c.csv --brief brand-brief.json --sketches a.cms --new-to-brand",
        "Unique reach among people the brand does not reach yet"
      ),
    ])

  /// The parsed command line of `shortlist`.
  struct Options: CommandOptions {
    var format: ReportFormat
    var audit: String?
    var candidates: Int
    var threads: Int
    var rates: CurrencyRates
    var budget: Double?
    var minScore: Double?
    var brief: String
    var sketches: String?
    var input: CreatorInput
    var model: String?
    var out: String?
    var newToBrand: Bool

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      format = try ReportFormat.parse(arguments)
      audit = arguments.value(AuditShares.option)
      candidates = try arguments.integer(candidatesOption, in: 1...10_000_000) ?? 2_000
      threads = try arguments.threads()
      rates = try ExchangeRateOption.rates(arguments)
      budget = try arguments.positiveNumber(budgetOption)
      minScore = nil
      if let text = arguments.value(minScoreOption) {
        guard let value = Double(text), (0...100).contains(value) else {
          throw UsageError(
            "--min-score: '\(text)' is not a score between 0 and 100", command: "shortlist")
        }
        minScore = value
      }
      brief = try arguments.requiredValue(briefOption)
      sketches = arguments.value(BrandSketches.option)
      input = try CreatorInput(arguments)
      model = arguments.value(CreatorInput.modelOption)
      out = arguments.value(OutputDestination.option)
      newToBrand = arguments.isSet(newToBrandOption)
      if newToBrand && sketches == nil {
        throw UsageError(
          "--new-to-brand needs --sketches (the file holding the brand audience)",
          command: "shortlist")
      }
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let threads = options.threads
    let rates = options.rates
    let brief = try BriefLoader.load(options.brief)
    guard let budget = options.budget ?? brief.economics?.budget else {
      throw CLIError(
        "no budget: pass --budget or set $.economics.budget in \(options.brief)", code: .usage)
    }
    let sketches = try options.sketches.map { path throws(CLIError) in
      try SketchLoader.load(path)
    }
    let prepared = try PreparedTable.prepare(
      options.input, modelPath: options.model, context: context, threads: threads,
      auditPath: options.audit)
    let table = prepared.table
    let plan = try BrandSketches.plan(
      brief, table: table, rates: rates, sketches: sketches, path: options.sketches,
      threads: threads)
    let ranking = Ranker(table: table).rank(plan, top: options.candidates, threads: threads)
    let floor = options.minScore ?? (ranking.rows.first?.score ?? 0) / 2
    let pricing =
      plan.forecast
      ?? ForecastPlan(
        economics: CampaignEconomics(averageOrderValue: 1, grossMargin: 1), brief: brief,
        table: table, rates: rates)
    var candidates: [Shortlist.Candidate] = []
    for row in ranking.rows where row.score >= floor {
      let forecast = row.forecast ?? pricing.forecast(row: row.row, onTargetShare: 1, table: table)
      candidates.append(
        Shortlist.Candidate(
          id: row.id, score: row.score, cost: forecast.cost, costEstimated: forecast.priceEstimated,
          followers: row.followers))
    }
    guard !candidates.isEmpty else {
      throw CLIError(
        "no candidate: no eligible creator scores at least \(Formatting.fixed(floor, 1))",
        code: .dataError)
    }
    var excluded: String?
    if options.newToBrand {
      guard let id = brief.audience.brandAudience else {
        throw CLIError(
          "--new-to-brand: \(options.brief) names no $.audience.brand_audience", code: .dataError)
      }
      // BrandSketches.plan above has already checked that the sketch file holds it.
      excluded = id
    }
    let result = Shortlist.select(
      candidates, budget: budget, sketches: sketches, excluding: excluded)
    let currency = pricing.currency
    let text: String
    switch options.format {
    case .table:
      text = ShortlistReport.table(
        result, currency: currency, floor: floor, candidates: candidates.count, sketches: sketches,
        width: context.terminalWidth)
    case .csv: text = ShortlistReport.csv(result, currency: currency)
    case .json: text = ShortlistReport.json(result, currency: currency, floor: floor)
    case .html:
      var names: [String: String] = [:]
      for row in ranking.rows where row.handle != nil { names[row.id] = row.displayName }
      text = HTMLShortlistReport(
        result: result, plan: plan, ranking: ranking, currency: currency, sketches: sketches,
        names: names,
        headerLines: ShortlistReport.headerLines(
          result, currency: currency, floor: floor, candidates: candidates.count),
        summaryLines: ShortlistReport.summaryLines(result, currency: currency, sketches: sketches),
        source: prepared.sourceName, version: CreatorMatchCLI.version
      ).render()
    }
    try OutputDestination.write(text, to: options.out, context: context)
    return .ok
  }
}

/// Renders a shortlist.
enum ShortlistReport {
  static func table(
    _ result: Shortlist.Result, currency: String, floor: Double, candidates: Int,
    sketches: SketchSet?,
    width: Int
  ) -> String {
    let lines = headerLines(result, currency: currency, floor: floor, candidates: candidates)
    var text = lines.flatMap { Formatting.wrap($0, width: width) }.joined(separator: "\n") + "\n\n"
    var table = TextTable(columns: [
      .init(title: "#", alignRight: true),
      .init(title: "creator", flexible: true, minimumWidth: 10),
      .init(title: "score", alignRight: true), .init(title: "cost", alignRight: true),
      .init(title: "reach", alignRight: true),
      .init(title: result.excludedBrand == nil ? "new" : "new to brand", alignRight: true),
      .init(title: "unique total", alignRight: true, dropPriority: 2),
    ])
    var cumulative = 0.0
    for (index, pick) in result.selection.picks.enumerated() {
      cumulative += pick.marginalReach
      table.add([
        String(index + 1), pick.candidate.id, Formatting.fixed(pick.candidate.score, 1),
        Formatting.compactCount(pick.candidate.cost) + (pick.candidate.costEstimated ? "*" : ""),
        Formatting.compactCount(pick.reach), Formatting.compactCount(pick.marginalReach),
        Formatting.compactCount(cumulative),
      ])
    }
    text += table.render(width: width) + "\n"
    let summary = summaryLines(result, currency: currency, sketches: sketches)
    text += summary.flatMap { Formatting.wrap($0, width: width) }.joined(separator: "\n") + "\n"
    return text
  }

  /// The lines above the table: budget, candidates, and how the overlap was handled.
  static func headerLines(
    _ result: Shortlist.Result, currency: String, floor: Double, candidates: Int
  ) -> [String] {
    var lines: [String] = []
    lines.append(
      "shortlist within \(Formatting.money(result.budget, currency: currency)) from \(candidates) "
        + "candidates scoring ≥ \(Formatting.fixed(floor, 1))")
    if !result.overlapKnown {
      lines.append(
        "audience overlap unknown (no --sketches): chosen by score per cost (knapsack); reach counts "
          + "followers, people following several picks counted once per creator")
    } else if result.method == .bestSingle {
      lines.append(
        "the single creator with the largest reach beats the greedy set (Khuller–Moss–Naor check)")
    }
    if result.unsketched > 0 && result.overlapKnown {
      lines.append(
        "\(result.unsketched) candidates have no sketch: their audiences are assumed not to overlap"
      )
    }
    return lines
  }

  /// The lines below the table: unique reach against the top creators by score for the same
  /// budget, and what was estimated.
  static func summaryLines(
    _ result: Shortlist.Result, currency: String, sketches: SketchSet?
  ) -> [String] {
    let ours = result.selection
    let base = result.baseline
    var summary: [String] = []
    if let brand = result.excludedBrand, let new = ours.newToBrandReach,
      let baseNew = base.newToBrandReach
    {
      summary.append(
        "new to brand \"\(brand)\": \(Formatting.grouped(new)) of the \(Formatting.grouped(ours.uniqueReach)) "
          + "unique followers reached (\(Formatting.percent(ours.uniqueReach > 0 ? new / ours.uniqueReach : 0))); "
          + "the top \(base.picks.count) by score: \(Formatting.grouped(baseNew)) of \(Formatting.grouped(base.uniqueReach))"
      )
      let gain = new - baseNew
      summary.append(
        "for the same budget the shortlist reaches \(gain >= 0 ? "+" : "")\(Formatting.grouped(gain)) "
          + "followers new to the brand (\(Formatting.signedPercent(baseNew > 0 ? gain / baseNew : 0)))"
      )
    }
    summary += [
      "unique reach \(Formatting.grouped(ours.uniqueReach)) for \(Formatting.money(ours.cost, currency: currency)) "
        + "(\(ours.picks.count) creators; \(Formatting.grouped(ours.duplicatedReach)) followers reached twice)",
      "top \(base.picks.count) by score for the same budget: unique reach \(Formatting.grouped(base.uniqueReach)) "
        + "for \(Formatting.money(base.cost, currency: currency)), \(Formatting.grouped(base.duplicatedReach)) reached twice",
    ]
    if result.overlapKnown && result.excludedBrand == nil {
      let gain = ours.uniqueReach - base.uniqueReach
      summary.append(
        "for the same budget the shortlist reaches \(gain >= 0 ? "+" : "")\(Formatting.grouped(gain)) unique followers "
          + "(\(Formatting.signedPercent(base.uniqueReach > 0 ? gain / base.uniqueReach : 0))); cost per 1,000 unique "
          + "followers \(costPerThousand(ours, currency)) vs \(costPerThousand(base, currency)); duplicated share of the "
          + "reach bought \(duplicatedShare(ours)) vs \(duplicatedShare(base))")
    }
    if let sketches, sketches.sampleRate < 1 {
      summary.append(
        "counts scaled from a \(Formatting.percent(sketches.sampleRate)) sample of each audience")
    }
    if result.selection.picks.contains(where: { $0.candidate.costEstimated }) {
      summary.append(
        "* cost estimated from the platform CPM by followers and the market's price level")
    }
    return summary
  }

  static func costPerThousand(_ selection: Shortlist.Selection, _ currency: String) -> String {
    selection.uniqueReach > 0
      ? Formatting.money(selection.cost / selection.uniqueReach * 1_000, currency: currency) : "–"
  }

  static func duplicatedShare(_ selection: Shortlist.Selection) -> String {
    Formatting.percent(
      selection.totalReach > 0 ? selection.duplicatedReach / selection.totalReach : 0)
  }

  static func csv(_ result: Shortlist.Result, currency: String) -> String {
    var csv = CSVWriter()
    csv.row(
      [
        "pick", "id", "score", "currency", "cost", "cost_estimated", "reach", "marginal_reach",
      ] + (result.excludedBrand == nil ? [] : ["new_to_brand"]))
    for (index, pick) in result.selection.picks.enumerated() {
      csv.row(
        [
          .number(String(index + 1)), .text(pick.candidate.id),
          .number(Formatting.fixed(pick.candidate.score, 4)),
          .text(currency), .number(Formatting.fixed(pick.candidate.cost, 2)),
          .text(pick.candidate.costEstimated ? "true" : "false"),
          .number(Formatting.fixed(pick.reach, 0)),
          .number(Formatting.fixed(pick.marginalReach, 0)),
        ] + (result.excludedBrand == nil ? [] : [.text("true")]))
    }
    return csv.text
  }

  static func json(_ result: Shortlist.Result, currency: String, floor: Double) -> String {
    var json = JSONWriter(pretty: true)
    func selection(_ value: Shortlist.Selection, into writer: inout JSONWriter) {
      writer.object { object in
        object.key("creators")
        object.stringArray(value.picks.map(\.candidate.id))
        object.key("cost")
        object.rawNumber(Formatting.fixed(value.cost, 2))
        object.key("unique_reach")
        object.rawNumber(Formatting.fixed(value.uniqueReach, 0))
        object.key("total_reach")
        object.rawNumber(Formatting.fixed(value.totalReach, 0))
        object.key("duplicated_reach")
        object.rawNumber(Formatting.fixed(value.duplicatedReach, 0))
        if let new = value.newToBrandReach {
          object.key("new_to_brand_reach")
          object.rawNumber(Formatting.fixed(new, 0))
        }
      }
    }
    json.object { root in
      root.key("currency")
      root.string(currency)
      root.key("budget")
      root.number(result.budget)
      root.key("min_score")
      root.rawNumber(Formatting.fixed(floor, 4))
      root.key("method")
      root.string(result.method.rawValue)
      root.key("overlap_known")
      root.bool(result.overlapKnown)
      if let brand = result.excludedBrand {
        root.key("new_to_brand_of")
        root.string(brand)
      }
      root.key("picks")
      root.array { list in
        for pick in result.selection.picks {
          list.object { object in
            object.key("id")
            object.string(pick.candidate.id)
            object.key("score")
            object.rawNumber(Formatting.fixed(pick.candidate.score, 4))
            object.key("cost")
            object.rawNumber(Formatting.fixed(pick.candidate.cost, 2))
            object.key("cost_estimated")
            object.bool(pick.candidate.costEstimated)
            object.key("reach")
            object.rawNumber(Formatting.fixed(pick.reach, 0))
            object.key("marginal_reach")
            object.rawNumber(Formatting.fixed(pick.marginalReach, 0))
          }
        }
      }
      root.key("shortlist")
      selection(result.selection, into: &root)
      root.key("top_by_score")
      selection(result.baseline, into: &root)
    }
    return json.text + "\n"
  }
}
