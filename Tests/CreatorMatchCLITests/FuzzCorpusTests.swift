import Foundation
import Testing

/// Every committed fuzz input (seeds and the reproducers of past findings) runs through its
/// target in the ordinary build: a regression of any reader on them fails here, without libFuzzer.
@Suite("Fuzz corpora: every committed input runs without a crash")
struct FuzzCorpusTests {
  static let targets = [
    "creators-csv", "creators-jsonl", "posts", "brief", "model", "sketch-file", "edges", "graph",
    "manifest", "follower-sample", "snapshot",
  ]

  @Test("the committed corpus of each target runs through it", arguments: targets)
  func corpus(target: String) throws {
    let directory = CLI.packageRoot.appendingPathComponent("Tests/FuzzCorpus/\(target)").path
    let inputs = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { !$0.hasPrefix(".") }
    #expect(!inputs.isEmpty, "no seed inputs in \(directory)")
    let result = try CLI.run([target, directory], executable: CLI.executable("creatormatch-fuzz"))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "\(target): \(inputs.count) inputs ran without a crash\n")
  }

  @Test("an unknown target is a usage error listing the targets")
  func unknownTarget() throws {
    let result = try CLI.run(["nope"], executable: CLI.executable("creatormatch-fuzz"))
    #expect(result.status == 64)
    #expect(result.stderr.contains("creators-csv"))
  }
}
