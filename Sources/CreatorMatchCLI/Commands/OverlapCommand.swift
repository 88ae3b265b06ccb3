import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// `creatormatch overlap`: pairwise audience overlap and union reach.
enum OverlapCommand: Subcommand {
  static let sketchesOption = OptionSpec.value(
    "sketches", "file", required: true, help: "Sketch file from 'creatormatch sketch'.")
  static let idsOption = OptionSpec.value(
    "ids", "a,b,c", help: "Creators to compare (default: all in the file).")
  static let pairsOption = OptionSpec.value(
    "pairs", "n", default: "20", help: "Pairs listed in the table when there are many creators.")

  static let spec = CommandSpec(
    name: "overlap",
    abstract: "Show how much creators' audiences overlap, and their combined unique reach.",
    discussion: """
      For each pair: shared followers, Jaccard similarity, and the overlap as a share of the
      smaller audience (how much of one creator the other already reaches). Exact where both
      audiences are exact sets, otherwise estimated from the sketches (MinHash combined with
      HyperLogLog unions). The table shows a matrix of overlap shares for up to 10 creators and
      the most-overlapping pairs otherwise.
      """,
    options: [
      sketchesOption, idsOption, TableFormat.option, pairsOption, OutputDestination.option,
    ],
    examples: [
      (
        "creatormatch overlap --sketches /tmp/audiences.cms --ids c000941,c000095,c000058",
        "Three creators"
      ),
      (
        "creatormatch overlap --sketches bofa.cms --format csv --out pairs.csv", "Every pair as CSV"
      ),
    ])

  /// The parsed command line of `overlap`.
  struct Options: CommandOptions {
    var format: TableFormat
    var pairs: Int
    var sketches: String
    var ids: String?
    var out: String?

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      format = try TableFormat.parse(arguments)
      pairs = try arguments.integer(pairsOption, in: 1...1_000_000) ?? 20
      sketches = try arguments.requiredValue(sketchesOption)
      ids = arguments.value(idsOption)
      out = arguments.value(OutputDestination.option)
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let set = try SketchLoader.load(options.sketches)
    var ids = set.sketches.map(\.creatorID)
    if let list = options.ids {
      ids = list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      for id in ids where !set.contains(id) {
        throw CLIError(
          "--ids: \(id) has no audience sketch in \(options.sketches)",
          code: .dataError)
      }
    }
    var pairs: [(String, String, SketchSet.PairOverlap)] = []
    for (i, a) in ids.enumerated() {
      for b in ids[(i + 1)...] {
        if let overlap = set.overlap(a, b) { pairs.append((a, b, overlap)) }
      }
    }
    let reach = set.unionReach(ids)
    let total = ids.reduce(0) { $0 + (set.audience(of: $1) ?? 0) }
    var text = ""
    switch options.format {
    case .csv:
      var csv = CSVWriter()
      csv.row([
        "a", "b", "audience_a", "audience_b", "shared", "jaccard", "share_of_smaller", "exact",
      ])
      for (a, b, o) in pairs {
        csv.row([
          .text(a), .text(b), .number(Formatting.fixed(o.audienceA, 0)),
          .number(Formatting.fixed(o.audienceB, 0)),
          .number(Formatting.fixed(o.sharedFollowers, 0)), .number(Formatting.fixed(o.jaccard, 4)),
          .number(Formatting.fixed(o.shareOfSmaller, 4)), .text(o.exact ? "true" : "false"),
        ])
      }
      text = csv.text
    case .json:
      var json = JSONWriter(pretty: true)
      json.object { root in
        root.key("creators")
        root.stringArray(ids)
        root.key("union_reach")
        root.rawNumber(Formatting.fixed(reach, 0))
        root.key("sum_of_audiences")
        root.rawNumber(Formatting.fixed(total, 0))
        root.key("pairs")
        root.array { list in
          for (a, b, o) in pairs {
            list.object { item in
              item.key("a")
              item.string(a)
              item.key("b")
              item.string(b)
              item.key("shared")
              item.rawNumber(Formatting.fixed(o.sharedFollowers, 0))
              item.key("jaccard")
              item.rawNumber(Formatting.fixed(o.jaccard, 4))
              item.key("share_of_smaller")
              item.rawNumber(Formatting.fixed(o.shareOfSmaller, 4))
              item.key("exact")
              item.bool(o.exact)
            }
          }
        }
      }
      text = json.text + "\n"
    case .table:
      text = table(
        ids: ids, pairs: pairs, set: set, limit: options.pairs, width: context.terminalWidth)
      text +=
        "\nunion reach of \(ids.count) creators: \(Formatting.grouped(reach)) unique followers of "
        + "\(Formatting.grouped(total)) in all (\(Formatting.percent(total > 0 ? 1 - reach / total : 0, digits: 0)) duplicated)\n"
      if set.sampleRate < 1 {
        text +=
          "counts scaled from a \(Formatting.percent(set.sampleRate)) sample of each audience\n"
      }
    }
    try OutputDestination.write(text, to: options.out, context: context)
    return .ok
  }

  static func table(
    ids: [String], pairs: [(String, String, SketchSet.PairOverlap)], set: SketchSet, limit: Int,
    width: Int
  ) -> String {
    if ids.count <= 10 {
      var columns: [TextTable.Column] = [
        .init(title: "share of row in col", flexible: true, minimumWidth: 10)
      ]
      columns += ids.indices.map { TextTable.Column(title: "\($0 + 1)", alignRight: true) }
      columns.append(.init(title: "audience", alignRight: true))
      var table = TextTable(columns: columns)
      for (i, a) in ids.enumerated() {
        var row = ["\(i + 1) \(a)"]
        for b in ids {
          if a == b {
            row.append("–")
          } else if let o = set.overlap(a, b) {
            // Share of a's audience that b also reaches.
            let share = o.audienceA > 0 ? o.sharedFollowers / o.audienceA : 0
            row.append(Formatting.percent(share, digits: 0))
          } else {
            row.append("?")
          }
        }
        row.append(Formatting.compactCount(set.audience(of: a) ?? 0))
        table.add(row)
      }
      return "overlap: share of the row creator's audience that the column creator also reaches\n\n"
        + table.render(width: width)
    }
    var table = TextTable(columns: [
      .init(title: "a", flexible: true, minimumWidth: 10),
      .init(title: "b", flexible: true, minimumWidth: 10),
      .init(title: "shared", alignRight: true), .init(title: "Jaccard", alignRight: true),
      .init(title: "of smaller", alignRight: true),
    ])
    for (a, b, o) in pairs.sorted(by: { $0.2.sharedFollowers > $1.2.sharedFollowers }).prefix(limit)
    {
      table.add([
        a, b, Formatting.compactCount(o.sharedFollowers), Formatting.fixed(o.jaccard, 3),
        Formatting.percent(o.shareOfSmaller, digits: 0) + (o.exact ? "" : "~"),
      ])
    }
    return
      "the \(min(limit, pairs.count)) most-overlapping of \(pairs.count) pairs (~ estimated from sketches)\n\n"
      + table.render(width: width)
  }
}
