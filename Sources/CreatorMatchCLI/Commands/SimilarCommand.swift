import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import Foundation

/// `creatormatch similar`: creators like a seed set, each component's contribution shown.
enum SimilarCommand: Subcommand {
  static let likeOption = OptionSpec.value(
    "like", "a,b,c", required: true, help: "The seed creators (comma-separated ids).")
  static let topOption = OptionSpec.value(
    "top", "n", default: "20", help: "How many similar creators to return.")
  static let briefOption = OptionSpec.value(
    "brief", "file", help: "Only creators that pass this brief's constraints.")
  static let sketchesOption = OptionSpec.value(
    "sketches", "file", help: "Audience sketch file: adds follower overlap with the seeds.")

  static let spec = CommandSpec(
    name: "similar",
    abstract: "Find creators like a set of seed creators (lookalikes), with the reasons.",
    discussion: """
      Scores every creator by its similarity to the seeds: niche text (the cosine of TF-IDF
      vectors to the seeds' centroid, 0.35), audience profile (1 − total variation distance to
      the seeds' mean gender, age, country, language and interest shares, 0.35), size band
      (0.10) and, with --sketches, follower overlap with the seeds (0.20). A component the
      seeds have no data for is left out and the others reweighted. Each row shows every
      component's contribution; they sum to the similarity. The seeds are not listed.
      """,
    options: CreatorInput.options + [
      likeOption, topOption, briefOption, sketchesOption, TableFormat.option,
      OutputDestination.option, CreatorInput.modelOption, CreatorInput.threadsOption,
    ],
    examples: [
      (
        "creatormatch similar --creators datasets/creators.csv --like c000941,c000095,c001412",
        "The 20 creators most like three seeds"
      ),
      (
        "creatormatch similar --creators c.csv --like c001700,c001586 --sketches a.cms --brief datasets/briefs/es-fashion.json --top 10",
        "With follower overlap, among the creators a brief allows"
      ),
    ])

  /// The parsed command line of `similar`.
  struct Options: CommandOptions {
    var like: [String]
    var top: Int
    var brief: String?
    var sketches: String?
    var format: TableFormat
    var input: CreatorInput
    var model: String?
    var threads: Int
    var out: String?

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      let text = try arguments.requiredValue(likeOption)
      var seen = Set<String>()
      like = []
      for part in text.split(separator: ",") {
        let id = part.trimmingCharacters(in: .whitespaces)
        if !id.isEmpty && seen.insert(id).inserted { like.append(id) }
      }
      guard !like.isEmpty else {
        throw UsageError("--like: no creator id given (expected a,b,c)", command: "similar")
      }
      top = try arguments.integer(topOption, in: 1...1_000_000) ?? 20
      brief = arguments.value(briefOption)
      sketches = arguments.value(sketchesOption)
      format = try TableFormat.parse(arguments)
      input = try CreatorInput(arguments)
      model = arguments.value(CreatorInput.modelOption)
      threads = try arguments.threads()
      out = arguments.value(OutputDestination.option)
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let brief = try options.brief.map { path throws(CLIError) in try BriefLoader.load(path) }
    let sketches = try options.sketches.map { path throws(CLIError) in
      try SketchLoader.load(path)
    }
    let prepared = try PreparedTable.prepare(
      options.input, modelPath: options.model, context: context, threads: options.threads,
      auditPath: nil)
    let table = prepared.table
    var seeds: [Int] = []
    var unknown: [String] = []
    for id in options.like {
      if let row = table.row(ofID: id) { seeds.append(row) } else { unknown.append(id) }
    }
    let quoted = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
    guard !seeds.isEmpty else {
      throw CLIError(
        "--like: no creator with id \(quoted) in \(options.input.path)", code: .dataError)
    }
    if !unknown.isEmpty {
      context.writeError(
        "warning: --like: no creator with id \(quoted) in \(options.input.path); using the others\n"
      )
    }
    let search = Lookalike(table: table)
    let result: Lookalike.Result
    if let brief {
      let plan = BriefPlan(brief: brief, table: table)
      let ranker = Ranker(table: table)
      result = search.similar(to: seeds, top: options.top, sketches: sketches) { row in
        ranker.filterReason(row: row, plan: plan) == nil
      }
    } else {
      result = search.similar(to: seeds, top: options.top, sketches: sketches)
    }
    let seedIDs = seeds.map { table.ids[$0] }
    let text: String
    switch options.format {
    case .table:
      text = SimilarReport.table(
        result, seeds: seedIDs, brief: brief?.id, width: context.terminalWidth)
    case .csv: text = SimilarReport.csv(result)
    case .json: text = SimilarReport.json(result, seeds: seedIDs)
    }
    try OutputDestination.write(text, to: options.out, context: context)
    return .ok
  }
}

/// Renders a lookalike search.
enum SimilarReport {
  static let components = Lookalike.Component.allCases

  static func table(_ result: Lookalike.Result, seeds: [String], brief: String?, width: Int)
    -> String
  {
    let used = components.filter { (result.weights[$0] ?? 0) > 0 }
    var lines = [
      "creators like \(seeds.joined(separator: ", ")): \(Formatting.grouped(Double(result.compared))) compared"
        + (brief.map { " (passing brief \($0))" } ?? ""),
      "similarity = "
        + used.map { "\(Formatting.fixed(result.weights[$0] ?? 0, 2)) × \($0.rawValue)" }
        .joined(separator: " + "),
    ]
    for component in components where (result.weights[component] ?? 0) == 0 {
      lines.append(
        "\(component.rawValue) left out: "
          + (component == .overlap ? "no sketch of any seed (--sketches)" : "no seed has the data"))
    }
    if !result.seedTerms.isEmpty {
      lines.append("seed terms: " + result.seedTerms.joined(separator: ", "))
    }
    var text = lines.flatMap { Formatting.wrap($0, width: width) }.joined(separator: "\n") + "\n\n"
    var columns: [TextTable.Column] = [
      .init(title: "#", alignRight: true),
      .init(title: "creator", flexible: true, minimumWidth: 10),
      .init(title: "followers", alignRight: true, dropPriority: 3),
      .init(title: "similar", alignRight: true),
    ]
    for component in used {
      columns.append(.init(title: "+" + component.rawValue, alignRight: true, dropPriority: 2))
    }
    var table = TextTable(columns: columns)
    for row in result.rows {
      var cells = [
        String(row.rank), row.handle ?? row.id, Formatting.compactCount(row.followers),
        Formatting.fixed(row.similarity, 3),
      ]
      for component in used {
        cells.append(
          row.scores[component] == nil
            ? "–" : Formatting.fixed(row.contributions[component] ?? 0, 3))
      }
      table.add(cells)
    }
    text += table.render(width: width) + "\n"
    text +=
      Formatting.wrap(
        "each +column is weight × that component's score (0–1); they add up to the similarity; – no data",
        width: width
      ).joined(separator: "\n") + "\n"
    return text
  }

  static func csv(_ result: Lookalike.Result) -> String {
    var csv = CSVWriter()
    var header = ["rank", "id", "handle", "followers", "similarity"]
    for component in components {
      header += [component.rawValue, "\(component.rawValue)_contribution"]
    }
    csv.row(header)
    for row in result.rows {
      var cells: [CSVWriter.Cell] = [
        .number(String(row.rank)), .text(row.id), .text(row.handle ?? ""),
        .number(JSONWriter.format(row.followers)), .number(Formatting.fixed(row.similarity, 4)),
      ]
      for component in components {
        cells.append(.number(row.scores[component].map { Formatting.fixed($0, 4) } ?? ""))
        cells.append(.number(row.contributions[component].map { Formatting.fixed($0, 4) } ?? ""))
      }
      csv.row(cells)
    }
    return csv.text
  }

  static func json(_ result: Lookalike.Result, seeds: [String]) -> String {
    var json = JSONWriter(pretty: true)
    json.object { root in
      root.key("seeds")
      root.stringArray(seeds)
      root.key("compared")
      root.integer(result.compared)
      root.key("weights")
      root.object { weights in
        for component in components {
          weights.key(component.rawValue)
          weights.rawNumber(Formatting.fixed(result.weights[component] ?? 0, 4))
        }
      }
      root.key("seed_terms")
      root.stringArray(result.seedTerms)
      root.key("creators")
      root.array { list in
        for row in result.rows {
          list.object { object in
            object.key("rank")
            object.integer(row.rank)
            object.key("id")
            object.string(row.id)
            object.key("handle")
            object.string(row.handle)
            object.key("followers")
            object.number(row.followers)
            object.key("similarity")
            object.rawNumber(Formatting.fixed(row.similarity, 4))
            object.key("components")
            object.object { components in
              for component in Self.components {
                components.key(component.rawValue)
                if let score = row.scores[component] {
                  components.object { entry in
                    entry.key("score")
                    entry.rawNumber(Formatting.fixed(score, 4))
                    entry.key("contribution")
                    entry.rawNumber(Formatting.fixed(row.contributions[component] ?? 0, 4))
                  }
                } else {
                  components.null()
                }
              }
            }
          }
        }
      }
    }
    return json.text + "\n"
  }
}
