import CreatorMatch
import CreatorMatchCLI
import CreatorMatchIO
import Dispatch
import Foundation

/// One measured scenario.
struct Measurement {
  /// Stable scenario name (the JSON key and the baseline key).
  var name: String
  /// What an item is: creators, bytes, ids, samples, creator-briefs.
  var unit: String
  /// Items processed per run.
  var items: Int
  /// Bytes of input per run, when meaningful (for MB/s).
  var bytes: Int?
  /// Seconds of each timed run.
  var runs: [Double]
  /// Process peak resident memory after the scenario.
  var peakRSS: Int
  /// Scenario-specific figures (accuracy, bytes per creator, fractions).
  var extra: [(String, Double)] = []

  var sorted: [Double] { runs.sorted() }
  var median: Double {
    let values = sorted
    let middle = values.count / 2
    return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
  }
  var minimum: Double { sorted.first ?? 0 }
  var maximum: Double { sorted.last ?? 0 }
  /// (max − min) / median.
  var spread: Double { median > 0 ? (maximum - minimum) / median : 0 }
  var nanosecondsPerItem: Double { median / Double(max(items, 1)) * 1e9 }
  var itemsPerSecond: Double { median > 0 ? Double(items) / median : 0 }
  var megabytesPerSecond: Double? { bytes.map { median > 0 ? Double($0) / median / 1e6 : 0 } }
}

/// Times closures with a warm-up and repeated runs.
struct Harness {
  var warmups: Int
  var repetitions: Int
  private(set) var measurements: [Measurement] = []
  var log: (String) -> Void
  /// The scenarios to run (`--scenario`), or `nil` for all; ``measure(_:unit:items:bytes:extra:_:)``
  /// skips the others.
  var selection: Set<String>? = nil

  /// Whether any of `names` is to run.
  func selects(any names: [String]) -> Bool {
    selection.map { !$0.isDisjoint(with: names) } ?? true
  }

  /// Runs `body` warm-up + repetition times; `body` returns a value that is consumed so the work is
  /// not optimized away.
  mutating func measure<T>(
    _ name: String, unit: String, items: Int, bytes: Int? = nil, extra: [(String, Double)] = [],
    _ body: () throws -> T
  ) rethrows {
    guard selects(any: [name]) else { return }
    for _ in 0..<warmups { blackHole(try body()) }
    var runs: [Double] = []
    for _ in 0..<repetitions {
      let start = DispatchTime.now().uptimeNanoseconds
      blackHole(try body())
      runs.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    let measurement = Measurement(
      name: name, unit: unit, items: items, bytes: bytes, runs: runs,
      peakRSS: Memory.peakResident(),
      extra: extra)
    measurements.append(measurement)
    log(Report.line(measurement))
  }

  /// Replaces the peak memory of the last measurement named `name` (a child process's peak for
  /// the whole-command scenarios).
  mutating func setPeak(_ name: String, _ bytes: Int) {
    guard let index = measurements.lastIndex(where: { $0.name == name }) else { return }
    measurements[index].peakRSS = bytes
  }

  /// Adds figures to the last measurement.
  mutating func annotate(_ name: String, _ extra: [(String, Double)]) {
    guard let index = measurements.lastIndex(where: { $0.name == name }) else { return }
    measurements[index].extra.append(contentsOf: extra)
  }

  func measurement(_ name: String) -> Measurement? { measurements.first { $0.name == name } }
}

/// Keeps a value alive so the optimizer cannot drop the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
  withExtendedLifetime(value) {}
}

/// Memory figures from the operating system.
enum Memory {
  /// Peak resident set size of the process in bytes (VmHWM), or 0.
  static func peakResident() -> Int { field("VmHWM") }
  /// Current resident set size in bytes (VmRSS), or 0.
  static func resident() -> Int { field("VmRSS") }

  static func field(_ name: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return 0
    }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.split(separator: " ").dropFirst().first { Int($0) != nil }
      return (digits.flatMap { Int($0) } ?? 0) * 1024
    }
    return 0
  }
}

/// Facts about the machine, for the report.
enum Machine {
  static func info() -> [(String, String)] {
    var cpu = "unknown"
    if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") })
    {
      cpu =
        line.split(separator: ":", maxSplits: 1).last.map {
          $0.trimmingCharacters(in: .whitespaces)
        } ?? cpu
    }
    let memory = ProcessInfo.processInfo.physicalMemory
    return [
      ("cpu", cpu), ("cores", String(ProcessInfo.processInfo.activeProcessorCount)),
      ("memory_bytes", String(memory)),
      ("os", ProcessInfo.processInfo.operatingSystemVersionString),
      ("creatormatch", CreatorMatchVersion.value),
    ]
  }
}

/// The version reported in benchmark output: the one `creatormatch --version` prints.
enum CreatorMatchVersion {
  static let value = CreatorMatchCLI.version
}
