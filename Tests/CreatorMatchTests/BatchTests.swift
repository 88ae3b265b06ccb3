import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchBatch
@testable import CreatorMatchIO

@Suite("Batch job, sharding and merge")
struct BatchTests {
  static let creators = DatasetGenerator(seed: 12).creators(count: 3_000).map(\.creator)
  static let model: PopulationModel = {
    PopulationModel.fit(creators: creators, corpus: CreatorCorpus(creators: creators))
  }()

  static func entries() throws -> [BriefSource.Entry] {
    try BriefSource.load(Fixtures.packageRoot.appendingPathComponent("datasets/briefs").path)
  }

  static func directory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("cm-batch-\(UUID().uuidString)")
      .path
  }

  /// Runs a batch over the creators of `shard` and returns the output directory.
  static func run(shard: ShardSpec?, jobs: Int = 2, format: BatchRows.Format = .csv) throws
    -> String
  {
    let shardCreators = creators.filter { shard?.contains($0.id) ?? true }
    let table = Fixtures.table(shardCreators, model: model, threads: 2)
    let out = directory()
    let settings = BatchManifest.Settings(
      top: 25, format: format, shard: shard, creatorsFingerprint: "test",
      modelFingerprint: BatchManifest.checksum(Array(model.jsonText().utf8)))
    _ = try BatchJob.run(
      table: table, labels: CreatorLabels(creators: shardCreators), entries: try entries(),
      configuration: BatchJob.Configuration(
        jobs: jobs, resume: false, outputDirectory: out, settings: settings))
    return out
  }

  /// Every file but timings.json, by name.
  static func contents(_ directory: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory)
    where name != "timings.json" {
      result[name] = try Data(
        contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
    return result
  }

  @Test(
    "sharded runs merged give exactly the unsharded files", arguments: [1, 3, 7],
    [BatchRows.Format.csv, .jsonl])
  func shardedMergeEqualsUnsharded(count: Int, format: BatchRows.Format) throws {
    let whole = try Self.contents(try Self.run(shard: nil, format: format))
    let shards = try (0..<count).map {
      try Self.run(shard: ShardSpec(index: $0, count: count), format: format)
    }
    let merged = Self.directory()
    _ = try BatchMerge.merge(shards.reversed(), into: merged)
    let result = try Self.contents(merged)
    #expect(result.keys.sorted() == whole.keys.sorted())
    for (name, data) in whole { #expect(result[name] == data, "\(name) differs") }
    #expect(whole.count == 13)
  }

  @Test("one job or many give identical files")
  func jobsDoNotMatter() throws {
    #expect(
      try Self.contents(try Self.run(shard: nil, jobs: 1))
        == Self.contents(try Self.run(shard: nil, jobs: 6)))
  }

  @Test("shards partition the creators by a stable hash of the id")
  func partition() throws {
    let shards = (0..<5).map { ShardSpec(index: $0, count: 5) }
    for creator in Self.creators.prefix(500) {
      #expect(shards.filter { $0.contains(creator.id) }.count == 1)
    }
    #expect(try ShardSpec(parsing: "2/7") == ShardSpec(index: 2, count: 7))
    #expect(throws: ShardSpec.SpecError.self) { try ShardSpec(parsing: "7/7") }
    #expect(
      try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "3"], count: 4)
        == ShardSpec(index: 3, count: 4))
    #expect(try ShardSpec.fromEnvironment([:], count: 4) == nil)
  }

  @Test("a manifest claiming 100,000,000,000 shards reports shard 1 missing without allocating")
  func mergeHugeShardCount() throws {
    let shard = try Self.run(shard: ShardSpec(index: 0, count: 100_000_000_000))
    do {
      _ = try BatchMerge.merge([shard], into: Self.directory())
      Issue.record("expected a failure")
    } catch {
      #expect(error.description.contains("shard 1/100000000000 is missing"), "\(error)")
    }
  }

  @Test("a manifest whose top is negative or past the cap is rejected at $.top")
  func manifestTopRange() throws {
    let text = BatchManifest(settings: Self.settings, entries: []).jsonText()
    #expect(try BatchManifest.decode(Array(text.utf8), source: "m.json").settings.top == 5)
    for bad in ["-1", "1000001"] {
      let damaged = text.replacingOccurrences(of: #""top": 5"#, with: #""top": "# + bad)
      #expect(damaged != text)
      #expect {
        _ = try BatchManifest.decode(Array(damaged.utf8), source: "m.json")
      } throws: { error in
        "\(error)".contains("$.top")
      }
    }
  }

  @Test("merging refuses an incomplete or tampered set of shards")
  func mergeChecks() throws {
    let shards = try (0..<3).map { try Self.run(shard: ShardSpec(index: $0, count: 3)) }
    #expect(throws: BatchMerge.Failure.self) {
      try BatchMerge.merge(Array(shards.prefix(2)), into: Self.directory())
    }
    #expect(throws: BatchMerge.Failure.self) {
      try BatchMerge.merge(shards + [shards[0]], into: Self.directory())
    }
    let file = URL(fileURLWithPath: shards[1]).appendingPathComponent("jp-onsen-travel.rows.jsonl")
    var data = try Data(contentsOf: file)
    data[data.count - 5] ^= 0x01
    try data.write(to: file)
    do {
      _ = try BatchMerge.merge(shards, into: Self.directory())
      Issue.record("expected a failure")
    } catch {
      #expect(error.description.contains("jp-onsen-travel.rows.jsonl"))
    }
  }
}

extension BatchTests {
  static let settings = BatchManifest.Settings(
    top: 5, format: .csv, shard: nil, creatorsFingerprint: "c", modelFingerprint: "m")

  static func entry(_ brief: String, _ status: BatchManifest.Status = .ok, text: String = "v1")
    -> BatchManifest.Entry
  {
    BatchManifest.Entry(
      brief: brief, status: status, reason: status == .ok ? nil : "unreadable",
      outputs: status == .ok
        ? [BatchManifest.Output(file: "\(brief).csv", bytes: 1, checksum: "0")] : [],
      briefChecksum: status == .ok ? BatchManifest.checksum(Array("\(brief) \(text)".utf8)) : "")
  }

  @Test("the manifest writer keeps the newest snapshot when snapshots arrive out of order")
  func manifestWriterKeepsNewest() throws {
    let directory = Self.directory()
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = (directory as NSString).appendingPathComponent("manifest.json")
    let older = BatchManifest(settings: Self.settings, entries: [Self.entry("a")])
    let newer = BatchManifest(settings: Self.settings, entries: [Self.entry("a"), Self.entry("b")])
    var writer = BatchManifest.Writer(path: path)
    // Worker 1 took `older` (version 1), worker 2 took `newer` (version 2) and wrote first.
    #expect(try writer.write(newer, version: 2))
    #expect(try !writer.write(older, version: 1))
    #expect(try BatchManifest.decode(try AtomicFile.read(path), source: path) == newer)
    let newest = BatchManifest(
      settings: Self.settings, entries: [Self.entry("a"), Self.entry("b"), Self.entry("c")])
    #expect(try writer.write(newest, version: 3))
    #expect(try BatchManifest.decode(try AtomicFile.read(path), source: path) == newest)
  }

  @Test("a status is written as the same JSON string and an unknown one is refused when read")
  func manifestStatus() throws {
    let manifest = BatchManifest(
      settings: Self.settings, entries: [Self.entry("a"), Self.entry("b", .failed)])
    let text = manifest.jsonText()
    #expect(text.contains("\"status\": \"ok\""))
    #expect(text.contains("\"status\": \"failed\""))
    #expect(try BatchManifest.decode(Array(text.utf8), source: "m.json") == manifest)
    let unknown = text.replacingOccurrences(
      of: "\"status\": \"failed\"", with: "\"status\": \"done\"")
    do {
      _ = try BatchManifest.decode(Array(unknown.utf8), source: "m.json")
      Issue.record("an unknown status was accepted")
    } catch {
      #expect(error.description.contains("$.briefs[1].status"), "\(error)")
      #expect(error.description.contains("unknown status \"done\""), "\(error)")
      #expect(error.description.contains("\"ok\" or \"failed\""), "\(error)")
    }
  }

  @Test("resume keeps the intact ranked briefs, reruns the others and drops the removed ones")
  func resumePlan() throws {
    let brief = try Fixtures.brief(#"{"id": "x", "goal": "awareness"}"#)
    func source(_ id: String, readable: Bool = true, text: String = "v1") -> BriefSource.Entry {
      BriefSource.Entry(
        id: id, name: id,
        brief: readable ? .success(brief) : .failure(BriefSource.Failure(reason: "bad")),
        checksum: BatchManifest.checksum(Array("\(id) \(text)".utf8)))
    }
    // "h" was edited since its outputs were written; "i" comes from a manifest that recorded no
    // brief checksum (written before they were): both rerun.
    var unrecorded = Self.entry("i")
    unrecorded.briefChecksum = ""
    let previous = [
      Self.entry("a"), Self.entry("b", .failed), Self.entry("c"), Self.entry("d"), Self.entry("e"),
      Self.entry("g"), Self.entry("h"), unrecorded,
    ]
    let entries = [
      source("a"), source("b"), source("c"), source("e", readable: false), source("f"),
      source("g"), source("h", text: "v2"), source("i"),
    ]
    let plan = BatchJob.resumePlan(entries, previous: previous) { $0.brief != "c" }
    #expect(plan.kept.map(\.brief) == ["a", "g"])
    #expect(plan.pending.map(\.id) == ["b", "c", "e", "f", "h", "i"])
    #expect(plan.stale.map(\.brief) == ["d"])
  }

  @Test("a resumed run reuses the intact briefs and gives the uninterrupted run's files")
  func resumeReusesIntactBriefs() throws {
    let out = try Self.run(shard: nil)
    let whole = try Self.contents(out)
    let damaged = URL(fileURLWithPath: out).appendingPathComponent("jp-onsen-travel.csv")
    try FileManager.default.removeItem(at: damaged)
    let table = Fixtures.table(Self.creators, model: Self.model, threads: 2)
    let settings = BatchManifest.Settings(
      top: 25, format: .csv, shard: nil, creatorsFingerprint: "test",
      modelFingerprint: BatchManifest.checksum(Array(Self.model.jsonText().utf8)))
    let entries = try Self.entries()
    let outcome = try BatchJob.run(
      table: table, labels: CreatorLabels(creators: Self.creators), entries: entries,
      configuration: BatchJob.Configuration(
        jobs: 2, resume: true, outputDirectory: out, settings: settings))
    let failed = outcome.manifest.entries.filter { $0.status == .failed }.count
    #expect(outcome.ranked == 1 + failed)
    #expect(outcome.reused == entries.count - 1 - failed)
    #expect(try Self.contents(out) == whole)
  }
}
