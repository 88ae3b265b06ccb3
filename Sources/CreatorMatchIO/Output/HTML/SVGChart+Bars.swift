import Foundation

/// Bar charts: stacked horizontal bars, the forest plot of P10–P90 ranges and the histogram.
extension SVGChart {
  /// One bar of a stacked bar chart.
  package struct StackedBar: Sendable {
    /// The bar's label (shortened on the axis).
    package var label: String
    /// Segment lengths, in the order of the series.
    package var segments: [Double]
  }

  /// Horizontal stacked bars, one per label, segments colored by series, on a 0–`maximum` axis.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: A page-unique id.
  ///   - title: The chart's title.
  ///   - description: The chart in words.
  ///   - bars: The bars, top to bottom.
  ///   - series: Each segment's name and CSS color.
  ///   - maximum: The axis end.
  ///   - caption: The axis caption.
  /// - Complexity: O(bars × series).
  package static func stackedBars(
    _ html: inout HTMLWriter, id: String, title: String, description: String,
    bars: [StackedBar], series: [(name: String, color: String)], maximum: Double, caption: String
  ) {
    let rowHeight = 20.0
    let top = 26.0
    let left = 130.0
    let width = 640
    let height = Int(top + Double(bars.count) * rowHeight + 40)
    open(&html, id: id, width: width, height: height, title: title, description: description)
    let scale = Scale(lower: 0, upper: maximum, start: left, end: Double(width) - 16)
    let bottom = top + Double(bars.count) * rowHeight
    xAxis(&html, scale, y: bottom, top: top, caption: caption) { Formatting.fixed($0, 0) }
    for (index, bar) in bars.enumerated() {
      let y = top + Double(index) * rowHeight
      label(&html, short(bar.label), x: left - 6, y: y + 14, anchor: "end")
      var start = 0.0
      for (segment, value) in zip(series, bar.segments) where value > 0 {
        let x0 = scale(start)
        let x1 = scale(start + value)
        html.open(
          "rect",
          [
            "x": n(x0), "y": n(y + 3), "width": n(max(x1 - x0, 0)), "height": n(rowHeight - 6),
            "fill": segment.color,
          ])
        html.element(
          "title", text: "\(bar.label): \(segment.name) \(Formatting.fixed(value, 1))")
        html.close("rect")
        start += value
      }
    }
    html.close("svg")
    key(&html, series)
  }

  /// One row of a forest plot.
  package struct Range: Sendable {
    /// The row's label.
    package var label: String
    /// Low end (P10).
    package var low: Double
    /// Middle (P50).
    package var middle: Double
    /// High end (P90).
    package var high: Double
    /// Whether the row is emphasized (the portfolio).
    package var emphasized: Bool = false
  }

  /// A forest plot: each row's P10–P90 as a line with its P50 as a dot, a vertical line at 0
  /// (break-even), values as percentages.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: A page-unique id.
  ///   - title: The chart's title.
  ///   - description: The chart in words.
  ///   - rows: The ranges, top to bottom.
  ///   - caption: The axis caption.
  /// - Complexity: O(rows).
  package static func forest(
    _ html: inout HTMLWriter, id: String, title: String, description: String, rows: [Range],
    caption: String
  ) {
    let rowHeight = 20.0
    let top = 26.0
    let left = 130.0
    let width = 640
    let height = Int(top + Double(rows.count) * rowHeight + 40)
    open(&html, id: id, width: width, height: height, title: title, description: description)
    let finite = rows.flatMap { [$0.low, $0.middle, $0.high] }.filter(\.isFinite)
    // ROI cannot fall below −100%; the axis shows at least −100% to +100% so that break-even
    // sits in view, and widens to the largest P90.
    let upper = max(1, (finite.max() ?? 1) * 1.05)
    let lower = min(-1, finite.min() ?? -1)
    let scale = Scale(lower: lower, upper: upper, start: left, end: Double(width) - 28)
    let bottom = top + Double(rows.count) * rowHeight
    xAxis(&html, scale, y: bottom, top: top, caption: caption) { Formatting.signedPercent($0) }
    html.raw(
      "<line x1=\"\(n(scale(0)))\" y1=\"\(n(top))\" x2=\"\(n(scale(0)))\" y2=\"\(n(bottom))\" "
        + "stroke=\"#b3261e\" stroke-dasharray=\"4 3\"/>")
    for (index, row) in rows.enumerated() {
      let y = top + Double(index) * rowHeight + rowHeight / 2
      let color = row.emphasized ? "#13294b" : "#0072b2"
      label(
        &html, short(row.label), x: left - 6, y: y + 4, anchor: "end",
        extra: row.emphasized ? "title" : nil)
      html.open("g")
      html.element(
        "title",
        text: "\(row.label): P10 \(Formatting.signedPercent(row.low)), P50 "
          + "\(Formatting.signedPercent(row.middle)), P90 \(Formatting.signedPercent(row.high))")
      html.raw(
        "<line x1=\"\(n(scale(row.low)))\" y1=\"\(n(y))\" x2=\"\(n(scale(row.high)))\" "
          + "y2=\"\(n(y))\" stroke=\"\(color)\" stroke-width=\"\(row.emphasized ? 4 : 2)\"/>")
      html.raw(
        "<circle cx=\"\(n(scale(row.middle)))\" cy=\"\(n(y))\" r=\"\(row.emphasized ? 6 : 4)\" "
          + "fill=\"\(color)\"/>")
      html.close("g")
    }
    html.close("svg")
  }

  /// A histogram of counts in equal bins, with vertical marks (P10, P50, P90) and a break-even
  /// line at 0.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: A page-unique id.
  ///   - title: The chart's title.
  ///   - description: The chart in words.
  ///   - lower: The first bin's lower edge.
  ///   - binWidth: The width of a bin.
  ///   - counts: The counts per bin.
  ///   - marks: Labeled values drawn as vertical lines.
  ///   - caption: The x axis caption.
  /// - Complexity: O(bins).
  package static func histogram(
    _ html: inout HTMLWriter, id: String, title: String, description: String, lower: Double,
    binWidth: Double, counts: [Int], marks: [(label: String, value: Double)], caption: String
  ) {
    let width = 640
    let height = 260
    let top = 40.0
    let bottom = Double(height) - 40
    open(&html, id: id, width: width, height: height, title: title, description: description)
    let total = max(1, counts.reduce(0, +))
    let upperEdge = lower + binWidth * Double(counts.count)
    let x = Scale(lower: lower, upper: upperEdge, start: 56, end: Double(width) - 24)
    let tallest = Double(counts.max() ?? 1) / Double(total)
    let y = Scale(lower: 0, upper: max(tallest * 1.1, 1e-6), start: bottom, end: top)
    yAxis(&html, y, x: 56, right: Double(width) - 12, caption: "share of samples") {
      Formatting.percent($0, digits: 0)
    }
    xAxis(&html, x, y: bottom, top: top, caption: caption) { Formatting.signedPercent($0) }
    for (index, count) in counts.enumerated() where count > 0 {
      let x0 = x(lower + Double(index) * binWidth)
      let x1 = x(lower + Double(index + 1) * binWidth)
      let share = Double(count) / Double(total)
      html.raw(
        "<rect x=\"\(n(x0 + 0.5))\" y=\"\(n(y(share)))\" width=\"\(n(max(x1 - x0 - 1, 0.5)))\" "
          + "height=\"\(n(bottom - y(share)))\" fill=\"\(x1 <= x(0) ? "#d55e00" : "#0072b2")\"/>")
    }
    if lower < 0 && upperEdge > 0 {
      html.raw(
        "<line x1=\"\(n(x(0)))\" y1=\"\(n(top))\" x2=\"\(n(x(0)))\" y2=\"\(n(bottom))\" "
          + "stroke=\"#b3261e\" stroke-dasharray=\"4 3\"/>")
    }
    for (index, mark) in marks.enumerated() where mark.value.isFinite {
      let position = x(mark.value)
      html.raw(
        "<line x1=\"\(n(position))\" y1=\"\(n(top - 8))\" x2=\"\(n(position))\" "
          + "y2=\"\(n(bottom))\" stroke=\"#13294b\" stroke-width=\"1.5\"/>")
      label(
        &html, "\(mark.label) \(Formatting.signedPercent(mark.value))", x: position + 3,
        y: top - 10 + Double(index % 2) * 11)
    }
    html.close("svg")
  }
}
