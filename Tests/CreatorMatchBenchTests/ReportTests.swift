import CreatorMatch
import CreatorMatchIO
import Testing

@testable import creatormatch_bench

@Suite("Benchmark statistics, ratios and the regression gate")
struct ReportTests {
  static func measurement(_ name: String, items: Int, runs: [Double]) -> Measurement {
    Measurement(name: name, unit: "items", items: items, bytes: nil, runs: runs, peakRSS: 0)
  }

  @Test("median, spread and per-item figures of odd and even run counts")
  func statistics() {
    let odd = Self.measurement("a", items: 1_000, runs: [0.3, 0.1, 0.2])
    #expect(odd.median == 0.2)
    #expect(abs(odd.spread - 1.0) < 1e-12)  // (0.3 − 0.1) / 0.2
    #expect(abs(odd.nanosecondsPerItem - 200_000) < 1e-6)
    #expect(abs(odd.itemsPerSecond - 5_000) < 1e-9)
    let even = Self.measurement("b", items: 10, runs: [4, 1, 3, 2])
    #expect(even.median == 2.5)
  }

  /// A scan of 1,000 bytes in 1 ms (1 µs a byte) and a ranking of 100 creators in 5 ms (50 µs a
  /// creator): the ranking costs 50 bytes of scanning a creator.
  static let run = [
    measurement("memory-scan", items: 1_000, runs: [0.001]),
    measurement("rank-1t", items: 100, runs: [0.005]),
  ]

  @Test("ratios divide seconds per item by the scan's seconds per byte")
  func ratios() {
    let ratios = Report.ratios(Self.run)
    #expect(ratios.count == 1)
    #expect(ratios.first?.0 == "rank-1t")
    #expect(abs((ratios.first?.1 ?? 0) - 50) < 1e-9)
  }

  static func baseline(rank: Double, mode: String = "quick") -> [UInt8] {
    Array(
      """
      {"schema": "creatormatch-bench/1", "mode": "\(mode)", "ratios_to_memory_scan": {"rank-1t": \(rank)}}
      """.utf8)
  }

  @Test(
    "the gate passes within the allowed factor and fails beyond it",
    arguments: [(40.0, true), (20.5, true), (19.5, false), (5.0, false)])
  func gate(recorded: Double, passes: Bool) throws {
    // The run's ratio is 50; with factor 2.5 a recorded ratio above 20 passes, one below fails.
    let gate = try Report.gate(
      Self.run, baseline: Self.baseline(rank: recorded), quick: true, factor: 2.5)
    #expect(gate.failures.isEmpty == passes)
    #expect(gate.lines.count == 2)  // the typical change, then the scenario
  }

  /// Four scenarios whose ratios are `changes` times their recorded ratio of 10.
  static func gateRun(changes: [Double]) throws -> (lines: [String], failures: [String]) {
    let names = changes.indices.map { "s\($0)" }
    // The scan costs 1 µs a byte; a scenario of 100 items in 1 ms × change costs 10 × change bytes.
    let run =
      [measurement("memory-scan", items: 1_000, runs: [0.001])]
      + zip(names, changes).map { measurement($0, items: 100, runs: [0.001 * $1]) }
    let recorded = names.map { "\"\($0)\": 10" }.joined(separator: ", ")
    let baseline = Array(
      """
      {"schema": "creatormatch-bench/1", "mode": "quick", "ratios_to_memory_scan": {\(recorded)}}
      """.utf8)
    return try Report.gate(run, baseline: baseline, quick: true, factor: 2.5)
  }

  @Test("a machine slower in every scenario passes; one scenario slower than the rest fails")
  func gateRelativeToTheRun() throws {
    // Everything 2.2× its baseline (a loaded CI machine): typical change 2.2, every scenario 1×.
    #expect(try Self.gateRun(changes: [2.2, 2.2, 2.2, 2.2]).failures.isEmpty)
    // One scenario 2.65× on a run whose median is 1.86 (CI, 2026-11-30): 1.42× typical, passes.
    #expect(try Self.gateRun(changes: [1.5, 1.8, 1.92, 2.65]).failures.isEmpty)
    // One scenario 6× while the others stay at 1.2×: 5× the typical change, fails alone.
    let one = try Self.gateRun(changes: [1.2, 1.2, 1.2, 6])
    #expect(one.failures.count == 1)
    #expect(one.failures.first?.hasPrefix("s3 ") == true)
    // Everything 7× (past 2.5² = 6.25): caught although no scenario stands out.
    #expect(try Self.gateRun(changes: [7, 7, 7, 7]).failures.count == 4)
  }

  @Test(
    "the typical change is the median, at least 1, and 1 for fewer than three scenarios",
    arguments: [
      ([2.0, 3.0], 1.0), ([0.5, 0.6, 0.7], 1.0), ([1.5, 3.0, 2.0], 2.0),
      ([1.0, 2.0, 3.0, 5.0], 2.5),
    ])
  func typicalChange(changes: [Double], expected: Double) {
    #expect(Report.typicalChange(changes) == expected)
  }

  @Test("a baseline from the other mode is refused rather than compared")
  func modeMismatch() throws {
    let gate = try Report.gate(
      Self.run, baseline: Self.baseline(rank: 50, mode: "full"), quick: true, factor: 2.5)
    #expect(gate.failures.count == 1)
  }

  @Test("the JSON report carries the schema, the mode and every scenario")
  func json() throws {
    let node = try JSONParser.parse(Report.json(Self.run, quick: true))
    #expect(node.value["schema"]?.string == "creatormatch-bench/1")
    #expect(node.value["mode"]?.string == "quick")
    guard case .array(let scenarios) = node.value["scenarios"] ?? .null else {
      Issue.record("no scenarios array")
      return
    }
    #expect(scenarios.compactMap { $0.value["name"]?.string } == ["memory-scan", "rank-1t"])
    #expect(
      node.value["ratios_to_memory_scan"]?["rank-1t"]?.number.map { abs($0 - 50) < 1e-9 } == true)
  }
}
