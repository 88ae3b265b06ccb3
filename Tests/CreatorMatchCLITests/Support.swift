import Foundation
import Testing

/// Runs the built `creatormatch` binary and snapshot helpers.
enum CLI {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The executable built beside the test bundle.
  static let binary = executable("creatormatch")

  /// The product `name` built beside the test bundle (or in `.build`).
  static func executable(_ name: String) -> URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent(name)
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    for configuration in ["debug", "release"] {
      let candidate = packageRoot.appendingPathComponent(".build/\(configuration)/\(name)")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return beside
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the binary with `arguments` in the package root; `input`, when given, is written to its
  /// standard input through a pipe.
  static func run(
    _ arguments: [String], environment: [String: String] = [:], input: Data? = nil,
    executable: URL = binary
  ) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("creatormatch-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let outURL = directory.appendingPathComponent("out")
    let errURL = directory.appendingPathComponent("err")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    var env = ProcessInfo.processInfo.environment
    env["COLUMNS"] = "80"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    let pipe = input.map { _ in Pipe() }
    if let pipe { process.standardInput = pipe }
    try process.run()
    if let pipe, let input {
      try pipe.fileHandleForWriting.write(contentsOf: input)
      try pipe.fileHandleForWriting.close()
    }
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  /// A temporary file with `text`.
  static func file(_ name: String, _ text: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("creatormatch-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// A path `name` in a new temporary directory (the directory is created, `name` is not: the
  /// commands write only into directories that exist).
  static func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("creatormatch-cli-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
  }
}

/// Compares `actual` with `Snapshots/<name>.txt`; records it when missing or when
/// `SNAPSHOT_RECORD=1`, as swift-argument-parser's snapshot tests do.
func assertSnapshot(
  _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = CLI.packageRoot.appendingPathComponent(
    "Tests/CreatorMatchCLITests/Snapshots/\(name).txt")
  let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
  if record || !FileManager.default.fileExists(atPath: url.path) {
    try Data(actual.utf8).write(to: url)
    if !record {
      Issue.record("recorded missing snapshot \(name); run again", sourceLocation: sourceLocation)
    }
    return
  }
  let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
  #expect(actual == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
}
