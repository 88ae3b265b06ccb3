import CreatorMatch
import CreatorMatchSupport
import Testing

@testable import CreatorMatchCLI

/// The typed options each subcommand parses its command line into, once, before it runs.
@Suite("Typed command options")
struct CommandOptionsTests {
  static let rankBase = ["--creators", "c.csv", "--brief", "b.json"]

  /// The usage error `body` throws, or `nil` (recorded as an issue) when it throws none.
  func usageError<T>(_ body: () throws(UsageError) -> T) -> UsageError? {
    do {
      _ = try body()
      Issue.record("expected a usage error")
      return nil
    } catch {
      return error
    }
  }

  @Test("rank: --top=5 and --top 5 give the same options")
  func rankTopForms() throws {
    let joined = try RankCommand.options(Self.rankBase + ["--top=5", "--explain"])
    let spaced = try RankCommand.options(Self.rankBase + ["--top", "5", "--explain"])
    for options in [joined, spaced] {
      #expect(options.top == 5)
      #expect(options.explain)
      #expect(options.brief == "b.json")
      #expect(options.input.path == "c.csv")
      #expect(options.format == .table)
      #expect(options.out == nil)
      #expect(options.model == nil)
    }
  }

  @Test("rank: defaults and typed values")
  func rankValues() throws {
    let defaults = try RankCommand.options(Self.rankBase)
    #expect(defaults.top == nil)
    #expect(!defaults.explain)
    #expect(defaults.rates == CurrencyRates.reference)
    #expect(defaults.threads == ParallelBlocks.threadCount(nil))
    #expect(!defaults.input.options.strict)

    let options = try RankCommand.options(
      Self.rankBase + [
        "--format", "JSONL", "--out", "top.jsonl", "--fx", "pln=3.9", "--threads", "2",
        "--model", "m.json", "--map", "followers=Subscribers", "--platform", "instagram",
        "--strict",
      ])
    #expect(options.format == .jsonl)
    #expect(options.out == "top.jsonl")
    #expect(options.rates.unitsPerUSD["PLN"] == 3.9)
    #expect(options.threads == 2)
    #expect(options.model == "m.json")
    #expect(options.input.options.columnOverrides[.followers] == "Subscribers")
    #expect(options.input.options.defaultPlatform == .instagram)
    #expect(options.input.options.strict)
  }

  @Test(
    "rank: a bad value is a usage error naming the option",
    arguments: [
      (["--top", "0"], "--top: '0' is not an integer in 1...1000000"),
      (["--top=many"], "--top: 'many' is not an integer in 1...1000000"),
      (["--format", "xml"], "--format: 'xml' is not one of table, csv, json, jsonl, html"),
      (["--threads", "0"], "--threads: '0' is not an integer in 1...4096"),
      (["--fx", "PLN"], "--fx: 'PLN' is not CODE=units-per-USD, e.g. PLN=3.9"),
      (["--map", "followers"], "--map: 'followers' is not FIELD=COLUMN"),
      (["--delimiter", "pipe"], "--delimiter: 'pipe' is not comma, tab or semicolon"),
    ])
  func rankBadValues(arguments: [String], message: String) {
    let error = usageError { () throws(UsageError) in
      try RankCommand.options(Self.rankBase + arguments)
    }
    #expect(error?.message == message)
    #expect(error?.command == "rank")
  }

  @Test("an unknown or misspelled option suggests the closest declared one")
  func suggestions() {
    let rank = usageError { () throws(UsageError) in
      try RankCommand.options(Self.rankBase + ["--tpo", "5"])
    }
    #expect(rank?.message == "unknown option '--tpo'; did you mean '--top'?")
    let roi = usageError { () throws(UsageError) in
      try RoiCommand.options(Self.rankBase + ["--sampels", "10"])
    }
    #expect(roi?.message == "unknown option '--sampels'; did you mean '--samples'?")
    let far = usageError { () throws(UsageError) in
      try RankCommand.options(Self.rankBase + ["--nothing-like-it"])
    }
    #expect(far?.message == "unknown option '--nothing-like-it'")
  }

  @Test("roi: defaults, and --top=3 equals --top 3")
  func roi() throws {
    let defaults = try RoiCommand.options(Self.rankBase)
    #expect(defaults.top == 10)
    #expect(defaults.samples == 100_000)
    #expect(defaults.seed == 1)
    #expect(defaults.format == .table)
    #expect(defaults.ids == nil)
    let joined = try RoiCommand.options(Self.rankBase + ["--top=3", "--samples=1_000"])
    let spaced = try RoiCommand.options(Self.rankBase + ["--top", "3", "--samples", "1000"])
    #expect(joined.top == 3 && spaced.top == 3)
    #expect(joined.samples == 1_000 && spaced.samples == 1_000)
  }

  @Test("shortlist: --min-score and --budget are checked while parsing")
  func shortlist() throws {
    let options = try ShortlistCommand.options(
      Self.rankBase + ["--budget", "20k", "--min-score", "40"])
    #expect(options.budget == 20_000)
    #expect(options.minScore == 40)
    #expect(options.candidates == 2_000)
    let score = usageError { () throws(UsageError) in
      try ShortlistCommand.options(Self.rankBase + ["--min-score", "101"])
    }
    #expect(score?.message == "--min-score: '101' is not a score between 0 and 100")
    let budget = usageError { () throws(UsageError) in
      try ShortlistCommand.options(Self.rankBase + ["--budget", "0"])
    }
    #expect(budget?.message == "--budget: '0' is not a number above 0")
  }

  @Test("batch: the shard comes from --shard or from --shards and the environment")
  func batchShards() throws {
    let base = ["--creators", "c.csv", "--briefs", "briefs", "--out", "out"]
    #expect(try BatchCommand.options(base).shard == nil)
    let explicit = try BatchCommand.options(base + ["--shard", "1/4", "--model", "m.json"])
    #expect(explicit.shard?.index == 1 && explicit.shard?.count == 4)
    let fromEnvironment = try BatchCommand.options(
      base + ["--shards", "4", "--model", "m.json"], environment: ["JOB_COMPLETION_INDEX": "2"])
    #expect(fromEnvironment.shard?.index == 2 && fromEnvironment.shard?.count == 4)
    let noModel = usageError { () throws(UsageError) in
      try BatchCommand.options(base + ["--shard", "1/4"])
    }
    #expect(noModel?.message.hasPrefix("sharded runs must score against one shared model") == true)
    let noIndex = usageError { () throws(UsageError) in
      try BatchCommand.options(base + ["--shards", "4", "--model", "m.json"])
    }
    #expect(noIndex?.message.hasPrefix("--shards 4: no shard index in the environment") == true)
    let both = usageError { () throws(UsageError) in
      try BatchCommand.options(base + ["--shard", "0/1", "--shards", "2", "--model", "m.json"])
    }
    #expect(both?.message == "--shard 0/1 and --shards 2 both name the shard; give only one")
  }

  @Test("generate: --follower-sample is read only with --followers")
  func generateFollowerSample() throws {
    let ignored = try GenerateCommand.options(["--creators", "5", "--follower-sample", "7"])
    #expect(ignored.followers == nil)
    let read = try GenerateCommand.options(
      ["--creators", "5", "--followers", "e.tsv", "--follower-sample", "0.5"])
    #expect(read.followerSample == 0.5)
    let tooLarge = usageError { () throws(UsageError) in
      try GenerateCommand.options(
        ["--creators", "5", "--followers", "e.tsv", "--follower-sample", "7"])
    }
    #expect(tooLarge?.message == "--follower-sample: must be at most 1")
  }

  @Test("merge: the shard directories are required")
  func merge() throws {
    #expect(try MergeCommand.options(["--out", "o", "a", "b"]).shards == ["a", "b"])
    let none = usageError { () throws(UsageError) in try MergeCommand.options(["--out", "o"]) }
    #expect(none?.message == "give the shard directories to merge")
  }

  @Test("the dispatcher turns a usage error from the options into exit 64 with the usage line")
  func dispatcherConvertsUsageErrors() {
    let (context, captured) = CommandContext.capturing()
    let code = CreatorMatchCLI.run(["rank"] + Self.rankBase + ["--top", "0"], context: context)
    #expect(code == ExitCode.usage.rawValue)
    #expect(captured.output.isEmpty)
    #expect(
      captured.error.hasPrefix(
        "error: --top: '0' is not an integer in 1...1000000\nusage: creatormatch rank --creators"))
    #expect(captured.error.hasSuffix("  See 'creatormatch rank --help' for more information.\n"))
  }

  @Test("every subcommand declares each option name once")
  func uniqueOptionNames() {
    for spec in CreatorMatchCLI.specs {
      let names = spec.options.map(\.name)
      #expect(Set(names).count == names.count, "\(spec.name): \(names)")
      #expect(!names.contains("help"), "\(spec.name) redeclares --help")
    }
  }
}
