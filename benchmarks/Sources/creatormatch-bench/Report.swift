import CreatorMatch
import CreatorMatchIO
import Foundation

/// Benchmark output: a line per scenario, the JSON document, and the regression gate.
enum Report {
  /// The stable schema identifier of the JSON output.
  static let schema = "creatormatch-bench/1"

  static func line(_ m: Measurement) -> String {
    var text =
      "\(m.name.padding(toLength: 16, withPad: " ", startingAt: 0)) median \(Formatting.fixed(m.median * 1_000, 2)) ms"
      + " (spread \(Formatting.percent(m.spread, digits: 0))), \(Formatting.fixed(m.nanosecondsPerItem, 1)) ns/\(singular(m.unit)), "
      + "\(Formatting.compactCount(m.itemsPerSecond)) \(m.unit)/s"
    if let mbps = m.megabytesPerSecond { text += ", \(Formatting.fixed(mbps, 0)) MB/s" }
    for (key, value) in m.extra { text += ", \(key) \(Formatting.fixed(value, 4))" }
    return text
  }

  static func singular(_ unit: String) -> String {
    if unit.hasSuffix("ches") { return String(unit.dropLast(2)) }
    return unit.hasSuffix("s") ? String(unit.dropLast()) : unit
  }

  /// Each scenario's seconds per item divided by the memory scan's seconds per byte: a figure
  /// that machine speed mostly cancels out of.
  static func ratios(_ measurements: [Measurement]) -> [(String, Double)] {
    guard let scan = measurements.first(where: { $0.name == "memory-scan" }), scan.median > 0 else {
      return []
    }
    let scanPerByte = scan.median / Double(scan.items)
    return measurements.filter { $0.name != "memory-scan" }.map { m in
      (m.name, (m.median / Double(max(m.items, 1))) / scanPerByte)
    }
  }

  static func json(_ measurements: [Measurement], quick: Bool) -> String {
    var json = JSONWriter(pretty: true)
    json.object { root in
      root.key("schema")
      root.string(schema)
      root.key("mode")
      root.string(quick ? "quick" : "full")
      root.key("machine")
      root.object { machine in
        for (key, value) in Machine.info() {
          machine.key(key)
          machine.string(value)
        }
      }
      root.key("scenarios")
      root.array { list in
        for m in measurements {
          list.object { object in
            object.key("name")
            object.string(m.name)
            object.key("unit")
            object.string(m.unit)
            object.key("items")
            object.integer(m.items)
            if let bytes = m.bytes {
              object.key("bytes")
              object.integer(bytes)
            }
            object.key("runs")
            object.integer(m.runs.count)
            object.key("median_seconds")
            object.number(m.median)
            object.key("min_seconds")
            object.number(m.minimum)
            object.key("max_seconds")
            object.number(m.maximum)
            object.key("spread")
            object.number(m.spread)
            object.key("ns_per_item")
            object.number(m.nanosecondsPerItem)
            object.key("items_per_second")
            object.number(m.itemsPerSecond)
            if let mbps = m.megabytesPerSecond {
              object.key("megabytes_per_second")
              object.number(mbps)
            }
            object.key("peak_rss_bytes")
            object.integer(m.peakRSS)
            object.key("extra")
            object.object { extra in
              for (key, value) in m.extra {
                extra.key(key)
                extra.number(value)
              }
            }
          }
        }
      }
      root.key("ratios_to_memory_scan")
      root.object { ratios in
        for (name, value) in Self.ratios(measurements) {
          ratios.key(name)
          ratios.number(value)
        }
      }
    }
    return json.text + "\n"
  }

  /// Compares ratios with a baseline; returns the failures (empty when within `factor`).
  ///
  /// The memory scan alone does not absorb the difference between two machines, or one machine
  /// loaded and idle: on CI every scenario has measured 1.5–2.4× its baseline ratio in the same
  /// run, while a real regression moves one scenario away from the others. So each scenario's
  /// change is divided by the run's typical change (the median over the scenarios, when there are
  /// at least three) and gated at `factor`; a change beyond `factor` squared fails whatever the
  /// others did, so a slowdown of everything is still caught.
  static func gate(_ measurements: [Measurement], baseline: [UInt8], quick: Bool, factor: Double)
    throws
    -> (lines: [String], failures: [String])
  {
    let node = try JSONParser.parse(baseline)
    guard node.value["mode"]?.string == (quick ? "quick" : "full") else {
      return (
        [],
        [
          "the baseline was recorded in \(node.value["mode"]?.string ?? "another") mode; run the same mode"
        ]
      )
    }
    guard case .object(let members) = node.value["ratios_to_memory_scan"] ?? .null else {
      return ([], ["the baseline has no ratios_to_memory_scan"])
    }
    var lines: [String] = []
    var changes: [(name: String, change: Double)] = []
    for (name, ratio) in ratios(measurements) {
      guard let recorded = members.first(where: { $0.key == name })?.node.value.number, recorded > 0
      else {
        lines.append("\(name): not in the baseline")
        continue
      }
      changes.append((name, ratio / recorded))
    }
    let typical = typicalChange(changes.map(\.change))
    lines.append("typical change of this run: \(Formatting.fixed(typical, 2))× baseline")
    var failures: [String] = []
    for (name, change) in changes {
      let relative = change / typical
      let regressed = relative > factor || change > factor * factor
      lines.append(
        "\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Formatting.fixed(change, 2))× baseline, "
          + "\(Formatting.fixed(relative, 2))× the run's typical change (\(regressed ? "REGRESSION" : "ok"))"
      )
      if regressed {
        failures.append(
          "\(name) is \(Formatting.fixed(change, 2))× slower than the baseline relative to the memory scan "
            + "(\(Formatting.fixed(relative, 2))× the run's typical change)"
        )
      }
    }
    return (lines, failures)
  }

  /// The median change over the scenarios, never below 1 (a faster machine does not tighten the
  /// gate), and 1 when fewer than three scenarios were compared.
  static func typicalChange(_ changes: [Double]) -> Double {
    guard changes.count >= 3 else { return 1 }
    let sorted = changes.sorted()
    let middle = sorted.count / 2
    let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    return max(1, median)
  }
}
