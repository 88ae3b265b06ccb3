import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import CreatorMatchSupport
import Foundation

/// `creatormatch sketch`: build audience sketches from follower edges.
enum SketchCommand: Subcommand {
  static let spec = CommandSpec(
    name: "sketch",
    abstract: "Build audience sketches (exact sets, HyperLogLog, MinHash) from follower edges.",
    discussion: """
      Reads creator_id<TAB>follower_id lines (streamed; millions of edges) or a graph JSON
      {"edges": [[src, trg], …]}, and writes one versioned, checksummed sketch file. Audiences
      up to --exact-threshold distinct followers are kept as exact sets, larger ones as a
      HyperLogLog (p = 14, 0.81% error) and a one-permutation MinHash (k = 256).
      """,
    options: [
      .value("followers", "file", required: true, help: "Follower edges."),
      .value("out", "file", required: true, help: "Where to write the sketch file."),
      .value(
        "input", "edges|graph-json", default: "edges",
        help: "Edge file format: creator_id<TAB>follower_id lines or a graph JSON."),
      .value(
        "direction", "target-follows|source-follows", default: "target-follows",
        help: "For graph JSON: which end of [src, trg] is the follower."),
      .value("creators-top", "n", help: "Keep only the n creators with the most followers."),
      .value(
        "exact-threshold", "n", default: "10000", help: "Largest audience kept as an exact set."),
      .value(
        "sample-rate", "r", default: "the file's '# sample-rate' or 1",
        help: "Share of each audience the edges hold; counts are scaled by 1/r."),
      .flag("strict", help: "Stop at the first malformed edge line."),
    ],
    examples: [
      (
        "creatormatch generate --creators 2000 --seed 7 --out /tmp/c.csv --followers /tmp/edges.tsv && creatormatch sketch --followers /tmp/edges.tsv --out /tmp/audiences.cms",
        "Sketch the audiences of the generated sample"
      ),
      (
        "creatormatch sketch --followers bofa_careers.json --input graph-json --creators-top 50 --out bofa.cms",
        "The 50 most-followed accounts of a follower graph"
      ),
    ])

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError)
    -> ExitCode
  {
    let path = try usage { () throws(UsageError) in try arguments.required("followers") }
    let out = try usage { () throws(UsageError) in try arguments.required("out") }
    let format = try usage { () throws(UsageError) in
      try arguments.choice("input", as: FollowerEdgeReader.Format.self) ?? .edges
    }
    let direction = try usage { () throws(UsageError) in
      try arguments.choice("direction", as: FollowerEdgeReader.Direction.self) ?? .targetFollows
    }
    let top = try usage { () throws(UsageError) in
      try arguments.integer("creators-top", in: 1...Int.max)
    }
    let threshold = try usage { () throws(UsageError) in
      try arguments.integer("exact-threshold", in: 0...100_000_000) ?? 10_000
    }
    let rateOverride = try usage { () throws(UsageError) in
      try arguments.positiveNumber("sample-rate")
    }
    if let rateOverride, rateOverride > 1 {
      throw CLIError(
        usageMessage(UsageError("--sample-rate: must be at most 1", command: "sketch")),
        code: .usage)
    }
    var builder = AudienceSketchBuilder(exactThreshold: threshold)
    let report: FollowerEdgeReader.Report
    do {
      report = try FollowerEdgeReader.read(
        path: path, format: format, direction: direction, into: &builder,
        strict: arguments.has("strict"))
    } catch {
      throw CLIError(error)
    }
    var sketches = builder.finish()
    if let top {
      sketches = Array(
        sketches.sorted {
          $0.distinctCount != $1.distinctCount
            ? $0.distinctCount > $1.distinctCount : ByteOrder.precedes($0.creatorID, $1.creatorID)
        }.prefix(top))
    }
    let rate = rateOverride ?? report.sampleRate ?? 1
    let set = SketchSet(sketches: sketches, sampleRate: rate, exactThreshold: threshold)
    do {
      try AtomicFile.write(SketchFile.encode(set), to: out)
    } catch {
      throw CLIError(error)
    }
    let exact = sketches.filter(\.isExact).count
    var text =
      "\(out): \(sketches.count) creators from \(Formatting.grouped(Double(report.edges))) edges; "
      + "\(exact) exact sets, \(sketches.count - exact) HyperLogLog + MinHash sketches"
    if rate < 1 {
      text +=
        "; sample rate \(Formatting.percent(rate)) (counts scaled by \(Formatting.fixed(1 / rate, 0))×)"
    }
    text += "\n"
    if report.badLines > 0 {
      text += "\(path): \(report.badLines) malformed lines skipped\n"
      for problem in report.firstProblems { text += "  \(problem)\n" }
    }
    context.writeError(text)
    return .ok
  }
}

/// Reads a sketch file for the overlap and shortlist commands.
enum SketchLoader {
  static func load(_ path: String) throws(CLIError) -> SketchSet {
    let bytes = try InputFile.read(path)
    do {
      return try SketchFile.decode(bytes, path: path)
    } catch {
      throw CLIError(error.description, code: .dataError)
    }
  }
}
