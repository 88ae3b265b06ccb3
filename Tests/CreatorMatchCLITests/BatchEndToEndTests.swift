import Foundation
import Testing

@Suite("End to end: batch and merge", .serialized)
struct BatchEndToEndTests {
  static let workspace: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cm-batch-e2e-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// 24 briefs (variants of the committed ones) in a JSONL file, plus 20,000 creators.
  static let inputs: (creators: String, briefs: String) = {
    let creators = workspace.appendingPathComponent("creators.csv").path
    _ = try? CLI.run(["generate", "--creators", "20000", "--seed", "3", "--out", creators])
    let directory = CLI.packageRoot.appendingPathComponent("datasets/briefs")
    var lines: [String] = []
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()) ?? []
    for copy in 0..<4 {
      for name in names {
        guard
          let data = FileManager.default.contents(
            atPath: directory.appendingPathComponent(name).path),
          var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { continue }
        object["id"] = "\(object["id"] ?? "brief")-\(copy)"
        if let line = try? JSONSerialization.data(withJSONObject: object) {
          lines.append(String(decoding: line, as: UTF8.self))
        }
      }
    }
    let briefs = workspace.appendingPathComponent("briefs.jsonl").path
    // A failed write shows up as the batch tests' missing-file failures.
    try? Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: briefs))
    return (creators, briefs)
  }()

  static func contents(_ directory: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory)
    where name != "timings.json" {
      result[name] = try Data(
        contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
    return result
  }

  func batchArguments(out: String) -> [String] {
    [
      "batch", "--creators", Self.inputs.creators, "--briefs", Self.inputs.briefs, "--out", out,
      "--top", "30", "--jobs", "2",
    ]
  }

  @Test("a batch killed with SIGKILL at any moment and resumed gives the uninterrupted files")
  func killAndResume() throws {
    let reference = Self.workspace.appendingPathComponent("reference").path
    let started = Date()
    let full = try CLI.run(batchArguments(out: reference))
    let duration = Date().timeIntervalSince(started)
    #expect(full.status == 0, "\(full.stderr)")
    let expected = try Self.contents(reference)
    #expect(expected.count == 24 * 2 + 1)
    /// Kills a run after `delay` seconds, resumes it, checks the files and returns how many
    /// briefs the killed run had recorded.
    func killAndCheck(after delay: TimeInterval, attempt: Int) throws -> Int {
      let out = Self.workspace.appendingPathComponent("killed-\(attempt)").path
      let process = Process()
      process.executableURL = CLI.binary
      process.arguments = batchArguments(out: out)
      process.currentDirectoryURL = CLI.packageRoot
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      var done = 0
      if let data = FileManager.default.contents(atPath: out + "/manifest.json") {
        done = String(decoding: data, as: UTF8.self).components(separatedBy: "\"status\"").count - 1
      }
      let resumed = try CLI.run(batchArguments(out: out) + ["--resume"])
      #expect(resumed.status == 0, "\(resumed.stderr)")
      let result = try Self.contents(out)
      #expect(result.keys.sorted() == expected.keys.sorted(), "after a kill at \(delay) s")
      for (name, data) in expected {
        #expect(result[name] == data, "\(name) after a kill at \(delay) s")
      }
      return done
    }
    // Kill at fractions of a full run: during loading, and while briefs are being written.
    var partialKills = 0
    var attempt = 0
    for fraction in [0.3, 0.6, 0.75, 0.85, 0.95] {
      let done = try killAndCheck(after: duration * fraction, attempt: attempt)
      attempt += 1
      if done > 0 && done < 24 { partialKills += 1 }
    }
    // On a loaded machine the timings shift; search for a moment inside the writing phase
    // (too early: nothing recorded yet; too late: all recorded) rather than fail on timing.
    var early = 0.0
    var late = duration * 2
    while partialKills == 0 && attempt < 14 {
      let delay = (early + late) / 2
      let done = try killAndCheck(after: delay, attempt: attempt)
      attempt += 1
      if done == 0 {
        early = delay
      } else if done >= 24 {
        late = delay
      } else {
        partialKills += 1
      }
    }
    #expect(partialKills > 0, "no kill landed while briefs were being written")
  }

  @Test("batch --threads sets the table's and a lone brief's workers; the files do not change")
  func threadsOption() throws {
    var outputs: [[String: Data]] = []
    for threads in ["1", "3"] {
      let out = Self.workspace.appendingPathComponent("threads-\(threads)").path
      let result = try CLI.run([
        "batch", "--creators", Self.inputs.creators, "--briefs", Self.inputs.briefs, "--out", out,
        "--top", "30", "--jobs", "1", "--threads", threads, "--quiet",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      outputs.append(try Self.contents(out))
    }
    #expect(!outputs[0].isEmpty)
    #expect(outputs[0] == outputs[1])
    let bad = try CLI.run(batchArguments(out: Self.workspace.path + "/x") + ["--threads", "0"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--threads"))
  }

  @Test("one bad brief among good ones is recorded as failed; the others finish; exit 65")
  func badBriefIsolated() throws {
    let briefs = Self.workspace.appendingPathComponent("mixed").path
    try FileManager.default.createDirectory(atPath: briefs, withIntermediateDirectories: true)
    let good = CLI.packageRoot.appendingPathComponent("datasets/briefs/ua-fitness.json")
    try FileManager.default.copyItem(atPath: good.path, toPath: briefs + "/ua-fitness.json")
    try Data(#"{"id": "broken", "goal": "awareness",}"#.utf8).write(
      to: URL(fileURLWithPath: briefs + "/broken.json"))
    try Data(
      #"{"id": "impossible", "goal": "awareness", "constraints": {"min_followers": 9000, "max_followers": 10}}"#
        .utf8
    )
    .write(to: URL(fileURLWithPath: briefs + "/impossible.json"))
    let out = Self.workspace.appendingPathComponent("mixed-out").path
    let result = try CLI.run([
      "batch", "--creators", "datasets/creators.csv", "--briefs", briefs, "--out", out,
    ])
    #expect(result.status == 65)
    #expect(result.stderr.contains("brief broken failed"))
    #expect(result.stderr.contains("trailing comma"))
    #expect(result.stderr.contains("$.constraints.max_followers"))
    let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
    #expect(manifest.contains("\"status\": \"failed\""))
    #expect(FileManager.default.fileExists(atPath: out + "/ua-home-fitness.csv"))
  }

  @Test("sharded CLI runs from array-job indices merge into the unsharded output")
  func shardedCLI() throws {
    let model = Self.workspace.appendingPathComponent("model.json").path
    #expect(
      try CLI.run(["fit", "--creators", "datasets/creators.csv", "--out", model]).status == 0)
    let base = [
      "batch", "--creators", "datasets/creators.csv", "--briefs", "datasets/briefs", "--model",
      model,
    ]
    let whole = Self.workspace.appendingPathComponent("whole").path
    #expect(try CLI.run(base + ["--out", whole]).status == 0)
    var shards: [String] = []
    for (index, variable) in [
      "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "SLURM_ARRAY_TASK_ID",
    ].enumerated() {
      let out = Self.workspace.appendingPathComponent("shard-\(index)").path
      let result = try CLI.run(
        base + ["--out", out, "--shards", "3"], environment: [variable: String(index)])
      #expect(result.status == 0, "\(result.stderr)")
      shards.append(out)
    }
    let merged = Self.workspace.appendingPathComponent("merged").path
    let merge = try CLI.run(["merge", "--out", merged] + shards)
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(try Self.contents(merged) == Self.contents(whole))
  }

  @Test("misuse: existing output without --resume, sharding without a model, a missing shard")
  func misuse() throws {
    let out = Self.workspace.appendingPathComponent("again").path
    let base = [
      "batch", "--creators", "datasets/creators.csv", "--briefs", "datasets/briefs", "--out", out,
    ]
    #expect(try CLI.run(base).status == 0)
    let again = try CLI.run(base)
    #expect(again.status == 64)
    #expect(again.stderr.contains("--resume"))
    let otherTop = try CLI.run(base + ["--resume", "--top", "7"])
    #expect(otherTop.status == 64)
    let noModel = try CLI.run(base + ["--shard", "1/3"])
    #expect(noModel.status == 64)
    #expect(noModel.stderr.contains("--model"))
    let noIndex = try CLI.run(base + ["--shards", "3"])
    #expect(noIndex.status == 64)
    let merge = try CLI.run(["merge", "--out", CLI.temporaryPath("m"), out])
    #expect(merge.status == 65)
    #expect(merge.stderr.contains("not a shard"))
  }
}
