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
    // Every pair is computed once and streamed out (CSV, JSON) or ranked into a bounded list
    // (the table): n creators give n(n − 1)/2 pairs, too many to hold for a large file.
    let positions = ids.compactMap { set.position(of: $0) }
    let reach = set.unionReach(ids)
    let total = ids.reduce(0) { $0 + (set.audience(of: $1) ?? 0) }
    let output = try StreamedOutput(path: options.out, context: context)
    switch options.format {
    case .csv:
      var header = CSVWriter()
      header.row([
        "a", "b", "audience_a", "audience_b", "shared", "jaccard", "share_of_smaller", "exact",
      ])
      try output.write(header.text)
      try forEachPair(ids, positions, set) { (a, b, o) throws(CLIError) in
        var csv = CSVWriter()
        csv.row([
          .text(a), .text(b), .number(Formatting.fixed(o.audienceA, 0)),
          .number(Formatting.fixed(o.audienceB, 0)),
          .number(Formatting.fixed(o.sharedFollowers, 0)), .number(Formatting.fixed(o.jaccard, 4)),
          .number(Formatting.fixed(o.shareOfSmaller, 4)), .text(o.exact ? "true" : "false"),
        ])
        try output.write(csv.text)
      }
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
        root.array { _ in }
      }
      // The document up to the empty pairs array, each pair as the pretty writer would nest
      // it, then the close: the same bytes as writing the whole document at once.
      try output.write(String(json.text.dropLast("]\n}".count)))
      var first = true
      try forEachPair(ids, positions, set) { (a, b, o) throws(CLIError) in
        var item = JSONWriter(pretty: true)
        item.object { object in
          object.key("a")
          object.string(a)
          object.key("b")
          object.string(b)
          object.key("shared")
          object.rawNumber(Formatting.fixed(o.sharedFollowers, 0))
          object.key("jaccard")
          object.rawNumber(Formatting.fixed(o.jaccard, 4))
          object.key("share_of_smaller")
          object.rawNumber(Formatting.fixed(o.shareOfSmaller, 4))
          object.key("exact")
          object.bool(o.exact)
        }
        let nested = item.text.split(separator: "\n", omittingEmptySubsequences: false)
          .map { "    " + $0 }.joined(separator: "\n")
        try output.write((first ? "\n" : ",\n") + nested)
        first = false
      }
      try output.write(first ? "]\n}\n" : "\n  ]\n}\n")
    case .table:
      var text = ""
      if ids.count <= 10 {
        text = matrix(ids: ids, set: set, width: context.terminalWidth)
      } else {
        var top = TopPairs(limit: options.pairs)
        try forEachPair(ids, positions, set) { (a, b, o) throws(CLIError) in top.add(a, b, o) }
        text = table(top: top.sorted, count: top.seen, width: context.terminalWidth)
      }
      text +=
        "\nunion reach of \(ids.count) creators: \(Formatting.grouped(reach)) unique followers of "
        + "\(Formatting.grouped(total)) in all (\(Formatting.percent(total > 0 ? 1 - reach / total : 0, digits: 0)) duplicated)\n"
      if set.sampleRate < 1 {
        text +=
          "counts scaled from a \(Formatting.percent(set.sampleRate)) sample of each audience\n"
      }
      try output.write(text)
    }
    try output.finish()
    return .ok
  }

  /// Calls `body` with every pair of `ids` in order (a before b as listed), from their positions
  /// in `set`.
  ///
  /// - Complexity: O(n²) pairs, each an overlap estimate; O(1) memory beyond `body`'s.
  static func forEachPair(
    _ ids: [String], _ positions: [Int], _ set: SketchSet,
    _ body: (String, String, SketchSet.PairOverlap) throws(CLIError) -> Void
  ) throws(CLIError) {
    for i in positions.indices {
      for j in (i + 1)..<positions.count {
        try body(ids[i], ids[j], set.overlap(at: positions[i], positions[j]))
      }
    }
  }

  /// The `limit` pairs with the most shared followers, earlier pairs first among equals, kept
  /// in O(limit) memory: candidates are sorted and cut back to `limit` whenever they reach twice
  /// that, so n pairs cost O(n log limit).
  struct TopPairs {
    let limit: Int
    private var kept: [(order: Int, a: String, b: String, overlap: SketchSet.PairOverlap)] = []
    /// Pairs offered so far.
    private(set) var seen = 0
    /// Pairs held now: never more than twice the limit, whatever the number offered.
    var held: Int { kept.count }

    init(limit: Int) { self.limit = limit }

    mutating func add(_ a: String, _ b: String, _ overlap: SketchSet.PairOverlap) {
      kept.append((seen, a, b, overlap))
      seen += 1
      if kept.count >= 2 * limit { cut() }
    }

    private mutating func cut() {
      kept.sort {
        $0.overlap.sharedFollowers != $1.overlap.sharedFollowers
          ? $0.overlap.sharedFollowers > $1.overlap.sharedFollowers : $0.order < $1.order
      }
      kept.removeLast(max(0, kept.count - limit))
    }

    /// The kept pairs, most shared first.
    var sorted: [(String, String, SketchSet.PairOverlap)] {
      var copy = self
      copy.cut()
      return copy.kept.map { ($0.a, $0.b, $0.overlap) }
    }
  }

  /// The share matrix of up to 10 creators.
  static func matrix(ids: [String], set: SketchSet, width: Int) -> String {
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

  /// The most-overlapping pairs of many creators.
  static func table(top: [(String, String, SketchSet.PairOverlap)], count: Int, width: Int)
    -> String
  {
    var table = TextTable(columns: [
      .init(title: "a", flexible: true, minimumWidth: 10),
      .init(title: "b", flexible: true, minimumWidth: 10),
      .init(title: "shared", alignRight: true), .init(title: "Jaccard", alignRight: true),
      .init(title: "of smaller", alignRight: true),
    ])
    for (a, b, o) in top {
      table.add([
        a, b, Formatting.compactCount(o.sharedFollowers), Formatting.fixed(o.jaccard, 3),
        Formatting.percent(o.shareOfSmaller, digits: 0) + (o.exact ? "" : "~"),
      ])
    }
    return
      "the \(top.count) most-overlapping of \(count) pairs (~ estimated from sketches)\n\n"
      + table.render(width: width)
  }
}
