import Foundation
import Testing

@testable import creatormatch_bench

@Suite("Whole-command scenarios' child process")
struct CommandRunnerTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The bench executable built beside the test bundle, when there is one.
  static let executable: String? = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("creatormatch-bench").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    for configuration in ["debug", "release"] {
      let path = root.appendingPathComponent(".build/\(configuration)/creatormatch-bench").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }()

  @Test(
    "the child runs the command, writes its output and reports its own peak memory",
    .enabled(if: executable != nil))
  func runsCommand() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "creatormatch-bench-runner-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("out.txt").path
    let runner = CommandRunner(executable: try #require(Self.executable), output: output)
    let creators = Self.root.appendingPathComponent("datasets/creators.csv").path
    let peak = try runner.run(["validate", "--creators", creators])
    // A process that read 2,000 creators holds more than a megabyte and far less than this
    // test process may (the figure is the child's own, not the parent's).
    #expect(peak > 1_000_000)
    #expect(peak < 1_000_000_000)
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(text.contains("2,000"))
    #expect(throws: CommandFailure.self) {
      try runner.run(["validate", "--creators", directory.appendingPathComponent("none.csv").path])
    }
  }
}
