import Foundation
import Testing

@Suite("End to end: output paths, piped inputs, batch names and resumes", .serialized)
struct HardeningEndToEndTests {
  static let rank = [
    "rank", "--creators", "datasets/creators.csv", "--brief", "datasets/briefs/pl-skincare.json",
    "--top", "3",
  ]

  static func directory() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("cm-harden-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test("--out into a directory that does not exist fails with exit 74 and creates nothing")
  func outMissingDirectory() throws {
    let base = try Self.directory()
    let result = try CLI.run(Self.rank + ["--out", base + "/no/such/ranking.txt"])
    #expect(result.status == 74)
    #expect(result.stderr.contains("no such directory"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: base + "/no"))
  }

  @Test("--out through a symbolic link replaces the link's target and keeps the link")
  func outThroughSymlink() throws {
    let base = try Self.directory()
    let target = base + "/target.txt"
    let link = base + "/link.txt"
    try Data("old".utf8).write(to: URL(fileURLWithPath: target))
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.txt")
    let result = try CLI.run(Self.rank + ["--out", link])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.txt")
    let written = try String(contentsOfFile: target, encoding: .utf8)
    #expect(written.contains("pl-skincare-launch") && !written.hasPrefix("old"))
  }

  @Test("--out /dev/null writes through the device, which stays a device")
  func outDevice() throws {
    let result = try CLI.run(Self.rank + ["--out", "/dev/null"])
    #expect(result.status == 0, "\(result.stderr)")
    let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type]
    #expect(type as? FileAttributeType == .typeCharacterSpecial)
  }

  @Test("--out into a FIFO writes through it: a reader gets the ranking")
  func outFIFO() throws {
    let fifo = try Self.directory() + "/pipe"
    try #require(mkfifo(fifo, 0o600) == 0)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/cat")
    reader.arguments = [fifo]
    let output = Pipe()
    reader.standardOutput = output
    try reader.run()
    let result = try CLI.run(Self.rank + ["--out", fifo])
    let read = output.fileHandleForReading.readDataToEndOfFile()
    reader.waitUntilExit()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(String(decoding: read, as: UTF8.self).contains("pl-skincare-launch"))
    let type = try FileManager.default.attributesOfItem(atPath: fifo)[.type]
    #expect(type as? FileAttributeType != .typeRegular)
  }

  @Test("--out naming a directory is refused with exit 74")
  func outDirectory() throws {
    let result = try CLI.run(Self.rank + ["--out", try Self.directory()])
    #expect(result.status == 74)
    #expect(result.stderr.contains("is a directory"), "\(result.stderr)")
  }

  @Test("a brief piped through /dev/stdin ranks like the same brief from its file")
  func pipedBrief() throws {
    let file = try CLI.run(Self.rank)
    let brief = try Data(
      contentsOf: CLI.packageRoot.appendingPathComponent("datasets/briefs/pl-skincare.json"))
    var arguments = Self.rank
    arguments[4] = "/dev/stdin"
    let piped = try CLI.run(arguments, input: brief)
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout == file.stdout)
  }

  static func batch(_ briefs: String, out: String, resume: Bool = false) throws -> CLI.Result {
    try CLI.run(
      [
        "batch", "--creators", "datasets/creators.csv", "--briefs", briefs, "--out", out,
        "--top", "5",
      ] + (resume ? ["--resume"] : []))
  }

  @Test("briefs with Ukrainian, Japanese and 250-character ids get readable, distinct files")
  func unicodeBriefIDs() throws {
    let base = try Self.directory()
    let briefs = base + "/briefs.jsonl"
    let long = String(repeating: "д", count: 250)
    let ids = ["ua-догляд", "jp-スキンケア", "ua догляд", long + "1", long + "2"]
    let lines = ids.map { #"{"id": "\#($0)", "goal": "awareness"}"# }
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: briefs))
    let result = try Self.batch(briefs, out: base + "/out")
    #expect(result.status == 0, "\(result.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: base + "/out")
    let csv = names.filter { $0.hasSuffix(".csv") }
    #expect(csv.count == 5, "\(names)")
    #expect(csv.contains("ua-догляд.csv") && csv.contains("jp-スキンケア.csv"))
    #expect(csv.allSatisfy { $0.utf8.count < 200 })
  }

  @Test("--resume reruns a brief whose file changed since the first run")
  func resumeChangedBrief() throws {
    let base = try Self.directory()
    let briefs = base + "/briefs"
    try FileManager.default.createDirectory(atPath: briefs, withIntermediateDirectories: true)
    let path = briefs + "/a.json"
    try Data(#"{"id": "a", "goal": "awareness"}"#.utf8).write(to: URL(fileURLWithPath: path))
    #expect(try Self.batch(briefs, out: base + "/out").status == 0)
    let first = try String(contentsOfFile: base + "/out/a.csv", encoding: .utf8)
    try Data(#"{"id": "a", "goal": "awareness", "platforms": ["youtube"]}"#.utf8).write(
      to: URL(fileURLWithPath: path))
    let resumed = try Self.batch(briefs, out: base + "/out", resume: true)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let second = try String(contentsOfFile: base + "/out/a.csv", encoding: .utf8)
    #expect(second != first)
    let fresh = try Self.batch(briefs, out: base + "/fresh")
    #expect(fresh.status == 0)
    #expect(try String(contentsOfFile: base + "/fresh/a.csv", encoding: .utf8) == second)
  }

  @Test("a corrupt manifest on --resume exits 65 naming it")
  func corruptManifest() throws {
    let base = try Self.directory()
    let briefs = base + "/briefs"
    try FileManager.default.createDirectory(atPath: briefs, withIntermediateDirectories: true)
    try Data(#"{"id": "a", "goal": "awareness"}"#.utf8).write(
      to: URL(fileURLWithPath: briefs + "/a.json"))
    #expect(try Self.batch(briefs, out: base + "/out").status == 0)
    try Data("{\"format\": \"creatormatch-batch\", ".utf8).write(
      to: URL(fileURLWithPath: base + "/out/manifest.json"))
    let result = try Self.batch(briefs, out: base + "/out", resume: true)
    #expect(result.status == 65)
    #expect(result.stderr.contains("manifest.json"), "\(result.stderr)")
  }

  @Test("roi refuses Monte Carlo runs past its bounds before doing any work, with exit 64")
  func roiSampleBounds() throws {
    let roi = [
      "roi", "--creators", "datasets/creators.csv", "--brief", "datasets/briefs/pl-skincare.json",
    ]
    let tooMany = try CLI.run(roi + ["--samples", "50000000", "--top", "3"])
    #expect(tooMany.status == 64)
    #expect(tooMany.stderr.contains("--samples"), "\(tooMany.stderr)")
    // 5,000,000 samples × 60 creators = 300,000,000 creator-samples: past the 250,000,000 bound.
    let tooMuchWork = try CLI.run(roi + ["--samples", "5000000", "--top", "60"])
    #expect(tooMuchWork.status == 64)
    #expect(tooMuchWork.stderr.contains("creator-samples"), "\(tooMuchWork.stderr)")
  }
}
