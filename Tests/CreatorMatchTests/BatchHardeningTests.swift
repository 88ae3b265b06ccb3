import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchBatch
@testable import CreatorMatchIO

@Suite("Batch hardening: file names, temporary files, manifests, forged shard rows")
struct BatchHardeningTests {
  @Test(
    "ids in any script keep their letters; ids with other characters get a hash suffix",
    arguments: [
      ("pl-pielęgnacja", "pl-pielęgnacja"), ("ua-догляд_за_шкірою", "ua-догляд_за_шкірою"),
      ("jp-スキンケア", "jp-スキンケア"), ("summer.2026", "summer.2026"), ("", "_"),
    ])
  func readableNames(id: String, expected: String) {
    #expect(BriefSource.safeName(id) == expected)
  }

  @Test("ids that differ only in replaced characters get different names")
  func replacedCharactersStayDistinct() {
    let names = ["a b", "a/b", "a_b", "a\u{1B}b", "a:b"].map(BriefSource.safeName)
    #expect(Set(names).count == names.count, "\(names)")
    #expect(names[2] == "a_b")
    #expect(names[0].hasPrefix("a_b-") && names[0].utf8.count == "a_b-".utf8.count + 8)
    #expect(BriefSource.safeName(".hidden").hasPrefix("_.hidden-"))
    // NFD and NFC spellings of one id are one name.
    #expect(BriefSource.safeName("e\u{301}te\u{301}") == BriefSource.safeName("\u{E9}t\u{E9}"))
  }

  @Test("a 250-character id gets a short unique name that fits a file system")
  func longIDs() {
    let stem = String(repeating: "ж", count: 240)
    let first = BriefSource.safeName(stem + "a")
    let second = BriefSource.safeName(stem + "b")
    #expect(first != second)
    for name in [first, second] {
      #expect(name.utf8.count <= BriefSource.longestName + 9)
      #expect((name + ".summary.json").utf8.count + 40 < 255)
    }
  }

  @Test(
    "only this module's temporary names are cleaned up",
    arguments: [
      (".x.csv.creatormatch-tmp-12-345", true), (".manifest.json.creatormatch-tmp-1-2", true),
      (".notes.tmp-1", false), (".x.csv.tmp-12-345", false), (".creatormatch-tmp-1-2", false),
      ("x.csv.creatormatch-tmp-1-2", false), (".x.creatormatch-tmp-1-2-3", false),
      (".x.creatormatch-tmp-a-2", false),
    ])
  func temporaryNames(name: String, removed: Bool) {
    #expect(BatchJob.isTemporaryName(name) == removed)
  }

  @Test("a resume leaves a user's files that merely look temporary")
  func userFilesSurvive() throws {
    let directory = BatchTests.directory()
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for name in [".notes.tmp-1", ".a.csv.creatormatch-tmp-7-9"] {
      try Data("x".utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
    BatchJob.removeTemporaryFiles(in: directory)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [".notes.tmp-1"])
  }

  @Test("the manifest is rewritten O(log n) times for n briefs finishing at once")
  func manifestScheduleIsGeometric() {
    // No time passes between briefs: only growth by an eighth makes a write due.
    for count in [100, 1_000, 10_000] {
      var schedule = BatchJob.ManifestSchedule(recorded: 0)
      var writes = 0
      var entriesWritten = 0
      for recorded in 1...count {
        guard schedule.isDue(recorded: recorded, now: 1) else { continue }
        writes += 1
        entriesWritten += recorded
      }
      // Each write lists about 9/8 of the last (one more while fewer than 16): logarithmic, where
      // a write per brief would be `count` writes.
      let bound = Int(2 * log(Double(count)) / log(9.0 / 8))
      #expect(writes <= bound, "\(count) briefs: \(writes) writes")
      // The entries written add up to a constant times the final count (linear work).
      #expect(entriesWritten <= 10 * count, "\(count) briefs: \(entriesWritten) entries written")
    }
    var schedule = BatchJob.ManifestSchedule(recorded: 1_000)
    _ = schedule.isDue(recorded: 1_000, now: 1)  // the first snapshot is written at once
    let early = schedule.isDue(recorded: 1_001, now: 2)  // 1 new of 1,000: not yet…
    let late = schedule.isDue(recorded: 1_002, now: 1_000_000_002)  // …but a second has passed
    #expect(!early)
    #expect(late)
  }

  static func manifest(file: String) -> [UInt8] {
    Array(
      """
      {"format": "creatormatch-batch", "version": 1, "top": 5, "output_format": "csv",
       "creators": "x", "model": "y",
       "briefs": [{"brief": "a", "status": "ok", "outputs": [{"file": "\(file)", "bytes": 1, "checksum": "0"}]}]}
      """.utf8)
  }

  @Test(
    "a manifest naming a file outside its directory is refused",
    arguments: ["../outside.rows.jsonl", "/etc/passwd", "sub/x.csv", ".hidden", ""])
  func manifestPathsConfined(file: String) {
    #expect(throws: JSONDocumentError.self) {
      _ = try BatchManifest.decode(Self.manifest(file: file), source: "manifest.json")
    }
  }

  @Test("a plain output name is accepted")
  func manifestPlainName() throws {
    let manifest = try BatchManifest.decode(Self.manifest(file: "a.csv"), source: "m")
    #expect(manifest.entries.first?.outputs.first?.file == "a.csv")
  }

  static func shardRow(format: BatchRows.Format) throws -> BatchRows.Row {
    let out = try BatchTests.run(shard: ShardSpec(index: 0, count: 2), format: format)
    let name = try #require(
      try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".rows.jsonl") }
    )
    let bytes = try AtomicFile.read((out as NSString).appendingPathComponent(name))
    return try #require(try BatchRows.parseShardFile(bytes, source: name).rows.first)
  }

  @Test("rows a batch writes pass the merge's checks; forged ones fail with the reason")
  func forgedRows() throws {
    for format in [BatchRows.Format.csv, .jsonl] {
      let row = try Self.shardRow(format: format)
      #expect(BatchRows.problem(with: row, format: format) == nil, "\(format): \(row.rest)")
      var nan = row
      nan.score = .nan
      #expect(BatchRows.problem(with: nan, format: format)?.contains("score") == true)
      var other = row
      other.id = "someone-else"
      #expect(BatchRows.problem(with: other, format: format)?.contains("id") == true)
      var twoLines = row
      twoLines.rest = row.rest + row.rest
      #expect(BatchRows.problem(with: twoLines, format: format) != nil)
    }
    var formula = try Self.shardRow(format: .csv)
    let cells = try #require(BatchRows.csvCells(formula.rest.utf8.dropFirst()))
    formula.rest =
      "," + (cells.dropLast() + ["=HYPERLINK(\"http://x\")"]).joined(separator: ",") + "\n"
    #expect(BatchRows.problem(with: formula, format: .csv) != nil)
    var numberCell = try Self.shardRow(format: .csv)
    numberCell.rest = "," + (cells.dropLast() + ["-0.25"]).joined(separator: ",") + "\n"
    #expect(BatchRows.problem(with: numberCell, format: .csv) == nil)
  }

  @Test("a merge with one forged row writes nothing and names the file and line")
  func forgedMergeWritesNothing() throws {
    let shards = try (0..<2).map { try BatchTests.run(shard: ShardSpec(index: $0, count: 2)) }
    // Forge the second row of one brief's shard file and fix up the manifest's size and
    // checksum, as anyone can: the checksum is not keyed.
    let directory = shards[1]
    let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
    var manifest = try BatchManifest.decode(try AtomicFile.read(manifestPath), source: "m")
    let entryIndex = try #require(manifest.entries.firstIndex { $0.status == .ok })
    let outputIndex = try #require(
      manifest.entries[entryIndex].outputs.firstIndex { $0.file.hasSuffix(".rows.jsonl") })
    let file = manifest.entries[entryIndex].outputs[outputIndex].file
    let path = (directory as NSString).appendingPathComponent(file)
    var lines = String(decoding: try AtomicFile.read(path), as: UTF8.self)
      .split(separator: "\n").map(String.init)
    try #require(lines.count >= 3)
    lines[2] = lines[2].replacingOccurrences(
      of: #""score_bits":"[0-9a-f]+""#, with: #""score_bits":"7ff8000000000000""#,
      options: .regularExpression)
    let forged = Array((lines.joined(separator: "\n") + "\n").utf8)
    try AtomicFile.write(forged, to: path)
    manifest.entries[entryIndex].outputs[outputIndex].bytes = forged.count
    manifest.entries[entryIndex].outputs[outputIndex].checksum = BatchManifest.checksum(forged)
    try AtomicFile.write(manifest.jsonText(), to: manifestPath)

    let merged = BatchTests.directory()
    #expect {
      _ = try BatchMerge.merge(shards, into: merged)
    } throws: { error in
      "\(error)".contains("\(file):3:") && "\(error)".contains("score")
    }
    #expect(!FileManager.default.fileExists(atPath: merged))
  }

  @Test("a bad brief in a JSON Lines file is named by file, line and column, CRLF or not")
  func jsonLinesPositions() throws {
    for ending in ["\n", "\r\n"] {
      let text =
        [
          #"{"id": "a", "goal": "awareness"}"#, "", #"  {"id": "b", "goal": "sales"}"#,
          #"{"id": "c", "goal": "awareness"}"#,
        ].joined(separator: ending) + ending
      let path = try Fixtures.file("briefs.jsonl", text)
      let entries = try BriefSource.load(path)
      #expect(entries.map(\.id) == ["a", "c", "line-3"])
      guard case .failure(let failure) = entries.last?.brief else {
        Issue.record("line 3 should fail")
        continue
      }
      // `"sales"` starts at column 23 of line 3: `path:3:23: $.goal: …`, not `path:3:1:23`.
      #expect(failure.reason.hasPrefix("\(path):3:23: $.goal"), "\(failure.reason)")
    }
  }
}
