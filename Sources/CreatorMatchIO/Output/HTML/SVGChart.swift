import Foundation

/// Inline SVG charts for the HTML reports: the frame (title, description, axes, ticks) shared by
/// every chart, and the scales that place values. Each chart type is in an extension:
/// `SVGChart+Bars.swift` (stacked bars, forest plot, histogram) and `SVGChart+Plots.swift`
/// (log-log scatter, line chart, heat map).
///
/// Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` saying what it shows, so
/// a screen reader announces it, and every value shown is also in a table or text of the page.
/// Coordinates are written with one decimal, so the same data give the same bytes.
package enum SVGChart {
  /// A map from data values to pixels, linear or logarithmic (base 10).
  package struct Scale: Sendable {
    /// Lowest value of the domain.
    package var lower: Double
    /// Highest value of the domain.
    package var upper: Double
    /// Pixel of `lower`.
    package var start: Double
    /// Pixel of `upper`.
    package var end: Double
    /// Whether the scale is logarithmic.
    package var logarithmic: Bool

    /// Creates a scale; a degenerate domain is widened so that every value has a place.
    package init(
      lower: Double, upper: Double, start: Double, end: Double, logarithmic: Bool = false
    ) {
      var low = lower
      var high = upper
      if logarithmic {
        low = max(low, 1e-9)
        high = max(high, low * 10)
      } else if !(high > low) {
        high = low + 1
      }
      self.lower = low
      self.upper = high
      self.start = start
      self.end = end
      self.logarithmic = logarithmic
    }

    /// The pixel of a value, clamped to the range.
    package func callAsFunction(_ value: Double) -> Double {
      let fraction: Double
      if logarithmic {
        fraction = (log10(max(value, lower)) - log10(lower)) / (log10(upper) - log10(lower))
      } else {
        fraction = (value - lower) / (upper - lower)
      }
      let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
      return start + clamped * (end - start)
    }

    /// Tick values: powers of ten (and 3× between them when fewer than three decades) on a log
    /// scale; steps of 1, 2 or 5 × 10ⁿ giving about five ticks on a linear one.
    package var ticks: [Double] {
      if logarithmic {
        var values: [Double] = []
        let decades = log10(upper) - log10(lower)
        var power = pow(10, floor(log10(lower)))
        while power <= upper * 1.000_001 {
          for multiple in decades < 3 ? [1.0, 3.0] : [1.0] {
            let value = power * multiple
            if value >= lower * 0.999_999 && value <= upper * 1.000_001 { values.append(value) }
          }
          power *= 10
        }
        return values
      }
      let rough = (upper - lower) / 5
      let magnitude = pow(10, floor(log10(rough)))
      let step = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= rough } ?? rough
      var values: [Double] = []
      var value = (lower / step).rounded(.up) * step
      while value <= upper + step * 1e-9 {
        values.append(abs(value) < step * 1e-9 ? 0 : value)
        value += step
      }
      return values
    }
  }

  /// A coordinate with one decimal.
  static func n(_ value: Double) -> String { Formatting.fixed(value, 1) }

  /// Opens an `<svg>` with its title and description.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: A page-unique id for the title and description.
  ///   - width: The view box width.
  ///   - height: The view box height.
  ///   - title: What the chart shows (also drawn at the top).
  ///   - description: The chart in words, for screen readers.
  static func open(
    _ html: inout HTMLWriter, id: String, width: Int, height: Int, title: String,
    description: String
  ) {
    html.open(
      "svg",
      [
        "class": "chart", "viewBox": "0 0 \(width) \(height)", "role": "img",
        // No xmlns: inline SVG in HTML needs none, and the page then names no URL at all.
        "aria-labelledby": "\(id)-t \(id)-d",
        // Never wider than drawn: its text stays at the page's size on a wide screen.
        "style": "max-width:\(width)px",
      ])
    html.element("title", ["id": "\(id)-t"], text: title)
    html.element("desc", ["id": "\(id)-d"], text: description)
    html.element("text", ["class": "title", "x": "0", "y": "14"], text: title)
  }

  /// A `<text>` at a position.
  static func label(
    _ html: inout HTMLWriter, _ text: String, x: Double, y: Double, anchor: String = "start",
    extra: String? = nil
  ) {
    html.element(
      "text",
      ["x": n(x), "y": n(y), "text-anchor": anchor == "start" ? nil : anchor, "class": extra],
      text: text)
  }

  /// A horizontal axis with ticks, grid lines up to `top` and a caption.
  static func xAxis(
    _ html: inout HTMLWriter, _ scale: Scale, y: Double, top: Double, caption: String,
    format: (Double) -> String
  ) {
    for tick in scale.ticks {
      let x = scale(tick)
      html.raw(
        "<line stroke=\"#e6eaf0\" x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(y))\"/>")
      label(&html, format(tick), x: x, y: y + 14, anchor: "middle")
    }
    html.raw(
      "<line stroke=\"#8792a2\" x1=\"\(n(scale.start))\" y1=\"\(n(y))\" x2=\"\(n(scale.end))\" y2=\"\(n(y))\"/>"
    )
    label(&html, caption, x: (scale.start + scale.end) / 2, y: y + 30, anchor: "middle")
  }

  /// A vertical axis with ticks, grid lines across to `right` and a rotated caption.
  static func yAxis(
    _ html: inout HTMLWriter, _ scale: Scale, x: Double, right: Double, caption: String,
    format: (Double) -> String
  ) {
    for tick in scale.ticks {
      let y = scale(tick)
      html.raw(
        "<line stroke=\"#e6eaf0\" x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(right))\" y2=\"\(n(y))\"/>"
      )
      label(&html, format(tick), x: x - 5, y: y + 4, anchor: "end")
    }
    html.raw(
      "<line stroke=\"#8792a2\" x1=\"\(n(x))\" y1=\"\(n(scale.start))\" x2=\"\(n(x))\" y2=\"\(n(scale.end))\"/>"
    )
    let middle = (scale.start + scale.end) / 2
    html.element(
      "text",
      [
        "x": n(12), "y": n(middle), "text-anchor": "middle",
        "transform": "rotate(-90 12 \(n(middle)))",
      ], text: caption)
  }

  /// A list of colored keys under a chart.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - items: Names and CSS colors.
  static func key(_ html: inout HTMLWriter, _ items: [(name: String, color: String)]) {
    html.element("ul", ["class": "key"]) { list in
      for item in items { list.element("li", ["style": "--c:\(item.color)"], text: item.name) }
    }
  }

  /// A name shortened to `limit` characters with an ellipsis, for axis labels (the full name is
  /// in the table beside the chart).
  static func short(_ name: String, _ limit: Int = 18) -> String {
    name.count <= limit ? name : String(name.prefix(limit - 1)) + "…"
  }
}
