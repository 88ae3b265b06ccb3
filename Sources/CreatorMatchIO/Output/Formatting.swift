import CreatorMatch
import Foundation

/// Number formats shared by every human-readable output, locale-independent so output is stable.
package enum Formatting {
  /// `16.2k`, `1.4M`, `950`: a count in three significant figures with a k/M/B suffix.
  package static func compactCount(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    let magnitude = abs(value)
    let (scaled, suffix): (Double, String)
    switch magnitude {
    case ..<1_000: return String(Int(value.rounded()))
    case ..<999_500: (scaled, suffix) = (value / 1_000, "k")
    case ..<999_500_000: (scaled, suffix) = (value / 1_000_000, "M")
    default: (scaled, suffix) = (value / 1_000_000_000, "B")
    }
    let digits = abs(scaled) >= 100 ? 0 : (abs(scaled) >= 10 ? 1 : 2)
    var text = String(format: "%.\(digits)f", scaled)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text + suffix
  }

  /// `4.1%` (one decimal; two below 1%).
  package static func percent(_ fraction: Double, digits: Int? = nil) -> String {
    guard fraction.isFinite else { return "–" }
    let places = digits ?? (abs(fraction) < 0.01 && fraction != 0 ? 2 : 1)
    return String(format: "%.\(places)f%%", fraction * 100)
  }

  /// `+35%` / `−40%` for returns.
  package static func signedPercent(_ fraction: Double) -> String {
    guard fraction.isFinite else { return fraction > 0 ? "+∞" : "–" }
    let rounded = (fraction * 100).rounded()
    return (rounded > 0 ? "+" : rounded < 0 ? "−" : "") + String(format: "%.0f%%", abs(rounded))
  }

  /// A fixed-decimals number.
  package static func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "–" }
    return String(format: "%.\(digits)f", value)
  }

  /// `PLN 1,234` style money with thousands separators; cents only below 100.
  package static func money(_ amount: Double, currency: String) -> String {
    guard amount.isFinite else { return "–" }
    let digits = abs(amount) >= 100 ? 0 : 2
    return currency + " " + grouped(amount, digits: digits)
  }

  /// A number with `,` thousands separators.
  package static func grouped(_ value: Double, digits: Int = 0) -> String {
    let text = String(format: "%.\(digits)f", abs(value))
    let parts = text.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    var groups: [String] = []
    while integer.count > 3 {
      groups.insert(String(integer.suffix(3)), at: 0)
      integer.removeLast(3)
    }
    groups.insert(integer, at: 0)
    var result = (value < 0 && value.rounded() != 0 ? "-" : "") + groups.joined(separator: ",")
    if parts.count > 1 { result += "." + parts[1] }
    return result
  }

  /// `text` wrapped at spaces to lines of at most `width` display cells; continuation lines start
  /// with `indent`. A word longer than a line stays whole.
  package static func wrap(_ text: String, width: Int, indent: String = "  ") -> [String] {
    let lead = String(text.prefix(while: { $0 == " " }))
    var lines: [String] = []
    var current = lead
    for word in text.dropFirst(lead.count).split(separator: " ") {
      let candidate = current == lead ? current + word : current + " " + word
      if DisplayWidth.of(candidate) > width && current != lead && current != indent {
        lines.append(current)
        current = indent + word
      } else {
        current = candidate
      }
    }
    if current != lead || lines.isEmpty { lines.append(current) }
    return lines
  }
}
