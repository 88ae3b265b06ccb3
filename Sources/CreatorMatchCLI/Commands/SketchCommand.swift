import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import CreatorMatchSupport
import Foundation

/// `creatormatch sketch`: build audience sketches from follower edges.
enum SketchCommand: Subcommand {
  static let followersOption = OptionSpec.value(
    "followers", "file", required: true, help: "Follower edges.")
  static let outOption = OptionSpec.value(
    "out", "file", required: true, help: "Where to write the sketch file.")
  static let inputOption = OptionSpec.value(
    "input", "edges|graph-json", default: "edges",
    help: "Edge file format: creator_id<TAB>follower_id lines or a graph JSON.")
  static let directionOption = OptionSpec.value(
    "direction", "target-follows|source-follows", default: "target-follows",
    help: "For graph JSON: which end of [src, trg] is the follower.")
  static let creatorsTopOption = OptionSpec.value(
    "creators-top", "n", help: "Keep only the n creators with the most followers.")
  static let exactThresholdOption = OptionSpec.value(
    "exact-threshold", "n", default: "10000", help: "Largest audience kept as an exact set.")
  static let sampleRateOption = OptionSpec.value(
    "sample-rate", "r", default: "the file's '# sample-rate' or 1",
    help: "Share of each audience the edges hold; counts are scaled by 1/r.")
  static let strictOption = OptionSpec.flag(
    "strict", help: "Stop at the first malformed edge line.")
  static let brandAudienceOption = OptionSpec.value(
    "brand-audience", "file",
    help: "The brand's own audience, one id a line (followers or customers' handles, in the "
      + "edges' form or pre-hashed the same way); stored under --brand-id, exact.")
  static let brandIDOption = OptionSpec.value(
    "brand-id", "id", default: "brand",
    help: "The id of the brand's audience: the one --brand-audience is stored under, or an "
      + "account of the edges kept exact whatever its size.")

  static let spec = CommandSpec(
    name: "sketch",
    abstract: "Build audience sketches (exact sets, HyperLogLog, MinHash) from follower edges.",
    discussion: """
      Reads creator_id<TAB>follower_id lines (streamed; millions of edges) or a graph JSON
      {"edges": [[src, trg], …]}, and writes one versioned, checksummed sketch file. Audiences
      up to --exact-threshold distinct followers are kept as exact sets, larger ones as a
      HyperLogLog (p = 14, 0.81% error) and a one-permutation MinHash (k = 256). A brand's own
      audience (--brand-audience, or the account --brand-id names in the edges) is always kept
      exact: every creator is compared with it. Ids are stored as 64-bit hashes only.
      """,
    options: [
      followersOption, outOption, inputOption, directionOption, creatorsTopOption,
      exactThresholdOption, sampleRateOption, strictOption, brandAudienceOption, brandIDOption,
      CreatorInput.threadsOption,
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
      (
        "creatormatch sketch --followers /tmp/edges.tsv --brand-audience customers.txt --brand-id acme --out /tmp/audiences.cms",
        "Add the brand's customer list as audience 'acme' (for audience.brand_audience in a brief)"
      ),
    ])

  /// The parsed command line of `sketch`.
  struct Options: CommandOptions {
    var followers: String
    var out: String
    var format: FollowerEdgeReader.Format
    var direction: FollowerEdgeReader.Direction
    var top: Int?
    var threshold: Int
    var sampleRate: Double?
    var strict: Bool
    var brandAudience: String?
    var brandID: String?
    var threads: Int

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      followers = try arguments.requiredValue(followersOption)
      out = try arguments.requiredValue(outOption)
      format = try arguments.choice(inputOption, as: FollowerEdgeReader.Format.self) ?? .edges
      direction =
        try arguments.choice(directionOption, as: FollowerEdgeReader.Direction.self)
        ?? .targetFollows
      top = try arguments.integer(creatorsTopOption, in: 1...Int.max)
      threshold = try arguments.integer(exactThresholdOption, in: 0...100_000_000) ?? 10_000
      sampleRate = try arguments.positiveNumber(sampleRateOption)
      if let sampleRate, sampleRate > 1 {
        throw UsageError("--sample-rate: must be at most 1", command: "sketch")
      }
      strict = arguments.isSet(strictOption)
      threads = try arguments.threads()
      brandAudience = arguments.value(brandAudienceOption)
      brandID = arguments.value(brandIDOption)
      if let brandID, brandID.isEmpty {
        throw UsageError("--brand-id: must not be empty", command: "sketch")
      }
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let path = options.followers
    let out = options.out
    let threshold = options.threshold
    var builder = AudienceSketchBuilder(exactThreshold: threshold)
    let brandID = options.brandAudience != nil ? options.brandID ?? "brand" : options.brandID
    if let brandID { builder.keepExact(brandID) }
    let report: FollowerEdgeReader.Report
    do {
      report = try FollowerEdgeReader.read(
        path: path, format: options.format, direction: options.direction, into: &builder,
        strict: options.strict, threads: options.threads)
    } catch {
      throw CLIError(error)
    }
    var brandIDs = 0
    if let path = options.brandAudience, let brandID {
      brandIDs = BrandAudienceList.add(try InputFile.read(path), as: brandID, into: &builder).ids
    }
    if let brandID, options.brandAudience == nil, builder.edges(of: brandID) ?? 0 == 0 {
      throw CLIError(
        "--brand-id \(brandID): no follower edges for it in \(path); pass --brand-audience FILE "
          + "to add the brand's audience from a list", code: .dataError)
    }
    let rate = options.sampleRate ?? report.sampleRate ?? 1
    var sketches: [AudienceSketch]
    do {
      if let top = options.top {
        sketches = builder.takeFinished(threads: options.threads)
        // The brand audience is not a creator: it is kept besides the top n.
        let brand = sketches.filter { $0.creatorID == brandID }
        sketches =
          Array(
            sketches.filter { $0.creatorID != brandID }.sorted {
              $0.distinctCount != $1.distinctCount
                ? $0.distinctCount > $1.distinctCount
                : ByteOrder.precedes($0.creatorID, $1.creatorID)
            }.prefix(top)) + brand
        let set = SketchSet(sketches: sketches, sampleRate: rate, exactThreshold: threshold)
        try SketchFile.write(set, to: out, threads: options.threads)
      } else {
        // Finished and written together: the file's first creators are checksummed and
        // written while the later ones are still being finished.
        sketches = try SketchFile.write(
          finishing: &builder, sampleRate: rate, to: out, threads: options.threads)
      }
    } catch {
      throw CLIError(error)
    }
    let exact = sketches.filter(\.isExact).count
    var text =
      "\(out): \(sketches.count) creators from \(Formatting.grouped(Double(report.edges))) edges; "
      + "\(exact) exact sets, \(sketches.count - exact) HyperLogLog + MinHash sketches"
    if let brandID, let brand = sketches.first(where: { $0.creatorID == brandID }) {
      text +=
        "; brand audience \"\(brandID)\": \(Formatting.grouped(brand.distinctCount)) distinct ids "
        + "(exact)"
      if options.brandAudience != nil {
        text += " from \(Formatting.grouped(Double(brandIDs))) lines"
      }
    }
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
