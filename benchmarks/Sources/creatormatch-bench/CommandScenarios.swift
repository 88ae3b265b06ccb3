import CreatorMatchSupport
import Foundation

/// Runs a `creatormatch` command in a child process (this executable with ``childFlag`` and a
/// file for its peak memory) and reports its wall time and peak resident memory: what a user waits for and what the machine
/// must hold, from the file on disk to the written result.
struct CommandRunner {
  /// The first argument that makes `creatormatch-bench` run the rest as a `creatormatch` command
  /// (after the second, the file for its peak memory).
  static let childFlag = "--run-command"

  /// This executable, which runs the commands.
  let executable: String
  /// Where each command's standard output is written (the written result).
  let output: String

  /// The running executable's path, from `/proc/self/exe` where there is one.
  static func currentExecutable() -> String {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return path
    }
    return CommandLine.arguments[0]
  }

  /// Runs `creatormatch arguments…`; returns the child's peak resident bytes, which it writes
  /// to a file itself (its VmHWM: `wait4`'s figure would include this process's).
  /// - Throws: ``CommandFailure`` when it cannot start or exits non-zero.
  func run(_ arguments: [String]) throws -> Int {
    let peakFile = output + ".peak"
    guard
      let status = CLibrary.run(
        executable, arguments: ["creatormatch-bench", Self.childFlag, peakFile] + arguments,
        output: output)
    else { throw CommandFailure(arguments: arguments, status: -1) }
    guard status == 0 else {
      throw CommandFailure(arguments: arguments, status: status)
    }
    let text = (try? String(contentsOfFile: peakFile, encoding: .utf8)) ?? ""
    return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
  }
}

/// A whole-command scenario's command did not start or failed.
struct CommandFailure: Error, CustomStringConvertible {
  var arguments: [String]
  var status: Int32
  var description: String {
    "creatormatch \(arguments.joined(separator: " ")) failed with status \(status)"
  }
}

extension Scenarios {
  /// The whole-command scenarios: each runs the command a user types, in its own process.
  static let commandNames = [
    "cmd-validate", "cmd-fit", "cmd-rank", "cmd-rank-snapshot", "cmd-batch", "cmd-sketch",
  ]

  /// Times `validate`, `fit`, `rank` (from the CSV and from its prepared snapshot), `batch` (the
  /// six committed briefs) and `sketch` (the generated follower edges) on a generated file of
  /// `sizes.creators` creators.
  mutating func runCommands() throws {
    guard harness.selects(any: Self.commandNames) else { return }
    let log = harness.log
    guard let executable = commandExecutable else {
      log("whole-command scenarios skipped: no executable to run them")
      return
    }
    let directory = workDirectory.appendingPathComponent("commands")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    let runner = CommandRunner(
      executable: executable, output: path("stdout.txt"))
    let creators = path("creators.csv")
    let edges = path("edges.tsv")
    log(
      "generating \(sizes.creators) creators and \(sizes.edgeCreators) creators' edges (seed 11)…")
    _ = try runner.run([
      "generate", "--creators", String(sizes.creators), "--seed", "11", "--out", creators,
    ])
    _ = try runner.run([
      "generate", "--creators", String(sizes.edgeCreators), "--seed", "11", "--out",
      path("edge-creators.csv"), "--followers", edges,
    ])
    sync()
    let bytes = (try? FileManager.default.attributesOfItem(atPath: creators)[.size] as? Int) ?? 0
    let edgeBytes = (try? FileManager.default.attributesOfItem(atPath: edges)[.size] as? Int) ?? 0
    let brief = (briefsDirectory as NSString).appendingPathComponent("pl-skincare.json")
    let snapshot = path("creators.snapshot")
    if harness.selects(any: ["cmd-rank-snapshot"]) {
      // Prepared once, untimed: the scenario measures what every later command pays.
      log("preparing the snapshot…")
      _ = try runner.run(["prepare", "--creators", creators, "--out", snapshot])
      sync()
    }
    let commands: [(String, [String], Int)] = [
      ("cmd-validate", ["validate", "--creators", creators], bytes),
      ("cmd-fit", ["fit", "--creators", creators, "--out", path("model.json")], bytes),
      (
        "cmd-rank",
        ["rank", "--creators", creators, "--brief", brief, "--top", "50"], bytes
      ),
      (
        "cmd-rank-snapshot",
        ["rank", "--creators", snapshot, "--brief", brief, "--top", "50"], bytes
      ),
      (
        "cmd-batch",
        [
          "batch", "--creators", creators, "--briefs", briefsDirectory, "--out", path("batch"),
          "--top", "50", "--quiet",
        ], bytes
      ),
      ("cmd-sketch", ["sketch", "--followers", edges, "--out", path("sketch.bin")], edgeBytes),
    ]
    for (name, arguments, size) in commands where harness.selects(any: [name]) {
      var peak = 0
      // Per creator for the table commands; per edge file byte for the sketch.
      let items = name == "cmd-sketch" ? size : sizes.creators
      let unit = name == "cmd-sketch" ? "bytes" : "creators"
      try harness.measure(name, unit: unit, items: items, bytes: size) {
        () -> Int in
        // A batch resumes from an existing output directory; each run starts from none.
        try? FileManager.default.removeItem(atPath: path("batch"))
        peak = max(peak, try runner.run(arguments))
        return peak
      }
      harness.setPeak(name, peak)
      // The measured line shows this process's peak; the command's own is the child's.
      log("\(name): peak resident memory of the command \(peak / 1_000_000) MB")
    }
  }
}
