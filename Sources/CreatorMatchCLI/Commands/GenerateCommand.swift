import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import Foundation

/// `creatormatch generate`: write a deterministic synthetic creator table.
enum GenerateCommand: Subcommand {
  static let creatorsOption = OptionSpec.value(
    "creators", "n", required: true, help: "How many creators to generate.")
  static let seedOption = OptionSpec.value("seed", "s", default: "1", help: "Random seed.")
  static let outOption = OptionSpec.value(
    "out", "file", help: "Write the CSV here (atomically) instead of stdout.")
  static let truthOption = OptionSpec.value(
    "truth", "file", help: "Write id,fraud_pattern of the planted fraud accounts here.")
  static let followersOption = OptionSpec.value(
    "followers", "file",
    help: "Also write follower edges (creator_id<TAB>follower_id) with realistic overlap.")
  static let followerSampleOption = OptionSpec.value(
    "follower-sample", "rate", default: "0.01",
    help: "Share of each audience written to --followers (the file records it).")

  static let spec = CommandSpec(
    name: "generate",
    abstract: "Generate a realistic synthetic creator table (deterministic for a seed).",
    discussion: """
      Followers follow the quantiles of Kim et al.'s 33,935-account Instagram list (median about
      16k); Instagram engagement follows HypeAuditor's medians by size; audiences, bios and
      hashtags follow 11 markets in 8 languages; 4.5% of accounts carry a planted fraud pattern
      (listed with --truth). The same seed always writes the same bytes.
      """,
    options: [
      creatorsOption, seedOption, outOption, truthOption, followersOption, followerSampleOption,
      CreatorInput.threadsOption,
    ],
    examples: [
      (
        "creatormatch generate --creators 2000 --seed 7 --out datasets/creators.csv",
        "The committed sample"
      ),
      (
        "creatormatch generate --creators 1000000 --seed 1 --out /tmp/1m.csv --truth /tmp/1m-truth.csv",
        "A million creators for benchmarks, with the planted fraud list"
      ),
    ])

  static func writeEdges(
    _ generated: [DatasetGenerator.Generated], seed: UInt64, rate: Double, to path: String
  ) throws(CLIError) -> Int {
    // Streamed (the edges can be larger than memory would like): written piece by piece into a
    // temporary file that replaces `path` when complete, by AtomicFile's rules.
    let stream: AtomicFile.Stream
    do {
      stream = try AtomicFile.Stream(path: path)
    } catch {
      throw CLIError(error)
    }
    do {
      let count = try DatasetGenerator(seed: seed).writeFollowerEdges(
        for: generated, sampleRate: rate
      ) { try stream.write($0) }
      try stream.commit()
      return count
    } catch let error as AtomicFile.WriteError {
      throw CLIError(error)
    } catch {
      throw CLIError("\(path): cannot write: \(error.localizedDescription)", code: .ioError)
    }
  }

  /// The parsed command line of `generate`.
  struct Options: CommandOptions {
    var count: Int
    var seed: Int
    var threads: Int
    var out: String?
    var truth: String?
    var followers: String?
    /// The `--follower-sample` rate; only read (and checked) when `--followers` is given.
    var followerSample: Double

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      count = try arguments.integer(creatorsOption, in: 1...50_000_000) ?? 0
      seed = try arguments.integer(seedOption, in: 0...Int.max) ?? 1
      threads = try arguments.threads()
      out = arguments.value(outOption)
      truth = arguments.value(truthOption)
      followers = arguments.value(followersOption)
      followerSample = 0.01
      if followers != nil {
        followerSample = try arguments.positiveNumber(followerSampleOption) ?? 0.01
        guard followerSample <= 1 else {
          throw UsageError("--follower-sample: must be at most 1", command: "generate")
        }
      }
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let count = options.count
    let seed = options.seed
    let generated = DatasetGenerator(seed: UInt64(seed)).creators(
      count: count, threads: options.threads)
    let text = CreatorCSVWriter.text(generated.map(\.creator))
    try OutputDestination.write(text, to: options.out, context: context)
    if let truthPath = options.truth {
      var csv = CSVWriter()
      csv.row(["id", "niche", "fraud_pattern"])
      for item in generated where item.fraud != nil {
        csv.row([item.creator.id, item.niche, item.fraud?.rawValue ?? ""])
      }
      try OutputDestination.write(csv.text, to: truthPath, context: context)
    }
    if let followersPath = options.followers {
      let rate = options.followerSample
      let edges = try writeEdges(generated, seed: UInt64(seed), rate: rate, to: followersPath)
      context.writeError(
        "wrote \(Formatting.grouped(Double(edges))) follower edges (\(Formatting.percent(rate)) of each audience) to \(followersPath)\n"
      )
    }
    if options.out != nil {
      let frauds = generated.filter { $0.fraud != nil }.count
      context.writeError(
        "generated \(Formatting.grouped(Double(count))) creators (seed \(seed)), "
          + "\(frauds) with planted fraud patterns\n")
    }
    return .ok
  }
}
