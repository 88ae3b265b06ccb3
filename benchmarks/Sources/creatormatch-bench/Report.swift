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
    var failures: [String] = []
    for (name, ratio) in ratios(measurements) {
      guard let recorded = members.first(where: { $0.key == name })?.node.value.number, recorded > 0
      else {
        lines.append("\(name): not in the baseline")
        continue
      }
      let change = ratio / recorded
      let verdict = change > factor ? "REGRESSION" : "ok"
      lines.append(
        "\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Formatting.fixed(change, 2))× baseline (\(verdict))"
      )
      if change > factor {
        failures.append(
          "\(name) is \(Formatting.fixed(change, 2))× slower than the baseline relative to the memory scan"
        )
      }
    }
    return (lines, failures)
  }
}
