import CreatorMatch
import CreatorMatchCLI
import Foundation
import Testing

@testable import creatormatch_bench

@Suite("Choosing benchmark scenarios by name")
struct ScenarioSelectionTests {
  @Test("no --scenario runs everything; named ones are selected, repeated or not")
  func selection() throws {
    #expect(try Scenarios.selection([], quick: true) == nil)
    #expect(try Scenarios.selection(["rank-1t"], quick: true) == ["rank-1t"])
    #expect(
      try Scenarios.selection(["batch", "hll-build", "batch"], quick: false)
        == ["batch", "hll-build"])
    #expect(try Scenarios.selection(["csv-ingest-1m"], quick: false) == ["csv-ingest-1m"])
  }

  @Test("an unknown name is a usage error that lists the scenarios")
  func unknown() {
    do {
      _ = try Scenarios.selection(["rank-1t", "rank-9t"], quick: false)
      Issue.record("expected a usage error")
    } catch {
      #expect(error.message.contains("'rank-9t'"))
      for name in Scenarios.names { #expect(error.message.contains(name), "\(name)") }
    }
    do {
      _ = try Scenarios.selection(["csv-ingest-1m"], quick: true)
      Issue.record("expected a usage error")
    } catch {
      #expect(error.message.contains("--quick"))
      #expect(!error.message.contains("csv-ingest-1m,"))
    }
  }

  @Test("the harness skips the scenarios not selected without running them")
  func harnessSkips() {
    var harness = Harness(warmups: 1, repetitions: 2, log: { _ in }, selection: ["a"])
    var runs = 0
    harness.measure("a", unit: "items", items: 1) { runs += 1 }
    harness.measure("b", unit: "items", items: 1) { runs += 100 }
    #expect(runs == 3)
    #expect(harness.measurements.map(\.name) == ["a"])
    #expect(harness.selects(any: ["b", "a"]))
    #expect(!harness.selects(any: ["b"]))
    #expect(Harness(warmups: 0, repetitions: 1, log: { _ in }).selects(any: ["b"]))
  }

  static let tiny = Sizes(
    creators: 300, ingestRows: [200], batchBriefs: 2, batchCreators: 200, sketchIDs: 1_000,
    unionSketches: 3, shortlistCandidates: 5, monteCarloSamples: 100)

  /// Runs the scenarios at a tiny size; returns the names measured and the log.
  static func run(_ selection: Set<String>?) throws -> (names: [String], log: [String]) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let briefs = root.appendingPathComponent("datasets/briefs").path
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "creatormatch-bench-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let log = Log()
    var scenarios = Scenarios(
      sizes: tiny, workDirectory: work,
      harness: Harness(warmups: 0, repetitions: 1, log: log.append, selection: selection),
      briefJSON: try String(contentsOfFile: briefs + "/pl-skincare.json", encoding: .utf8),
      briefsDirectory: briefs)
    try scenarios.run()
    return (scenarios.harness.measurements.map(\.name), log.lines)
  }

  final class Log: @unchecked Sendable {
    var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
  }

  @Test("a run measures exactly the selected scenarios and makes no creators it does not need")
  func runsSelected() throws {
    let sketch = try Self.run(["hll-build"])
    #expect(sketch.names == ["hll-build"])
    #expect(!sketch.log.contains { $0.hasPrefix("generating") })
    let ranking = try Self.run(["rank-1t", "batch"])
    #expect(ranking.names == ["rank-1t", "batch"])
    #expect(ranking.log.filter { $0.hasPrefix("generating") }.count == 1)
    let all = try Self.run(nil)
    // The whole-command scenarios need the bench executable, which a test process is not.
    #expect(
      all.names
        == Scenarios.names.filter { $0 != "csv-ingest-1m" && !Scenarios.commandNames.contains($0) })
    #expect(all.log.contains { $0.hasPrefix("whole-command scenarios skipped") })
  }
}
