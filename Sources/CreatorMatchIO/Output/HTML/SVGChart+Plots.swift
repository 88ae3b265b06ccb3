import Foundation

/// Plots: the log-log scatter of engagement against followers with the peer curve, the line
/// chart of cumulative reach against cost, and the overlap heat map.
extension SVGChart {
  /// The axes of an engagement scatter, shared by the peer layer drawn once per platform and
  /// every card that shows it, so a card only adds its own point.
  package struct ScatterFrame: Sendable {
    /// Followers, logarithmic.
    package var x: Scale
    /// Engagement rate, logarithmic.
    package var y: Scale
    /// The view box width.
    package static let width = 420
    /// The view box height.
    package static let height = 280

    /// The frame for followers in `followers` and rates in `rates`, widened to whole decades.
    ///
    /// - Parameters:
    ///   - followers: Lowest and highest followers shown.
    ///   - rates: Lowest and highest engagement rates shown.
    package init(followers: ClosedRange<Double>, rates: ClosedRange<Double>) {
      func decades(_ range: ClosedRange<Double>) -> (Double, Double) {
        let low = pow(10, floor(log10(max(range.lowerBound, 1e-6))))
        let high = pow(10, ceil(log10(max(range.upperBound, low * 10))))
        return (low, high)
      }
      let (fLow, fHigh) = decades(followers)
      let (rLow, rHigh) = decades(rates)
      x = Scale(
        lower: fLow, upper: fHigh, start: 56, end: Double(Self.width) - 20, logarithmic: true)
      y = Scale(
        lower: rLow, upper: rHigh, start: Double(Self.height) - 40, end: 28, logarithmic: true)
    }
  }

  /// Writes the peers of one platform and rate basis as an SVG group to be reused with `<use>`:
  /// grid, axes, a dot per peer and the fitted curve.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: The group's id.
  ///   - frame: The axes.
  ///   - peers: Followers and engagement rate of each peer shown.
  ///   - curve: Points of the peer median curve, in followers order.
  ///   - basis: "followers" or "views", for the y caption.
  package static func peerLayer(
    _ html: inout HTMLWriter, id: String, frame: ScatterFrame,
    peers: [(followers: Double, rate: Double)], curve: [(followers: Double, rate: Double)],
    basis: String
  ) {
    // Presentation attributes, not the page's CSS: the copies `<use>` makes do not match the
    // style sheet's selectors, but they inherit these.
    html.open(
      "g",
      [
        "id": id, "font-size": "11", "fill": "#3c4656",
        "font-family": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif",
      ])
    xAxis(&html, frame.x, y: frame.y.start, top: frame.y.end, caption: "followers (log scale)") {
      Formatting.compactCount($0)
    }
    yAxis(
      &html, frame.y, x: frame.x.start, right: frame.x.end,
      caption: "engagement rate by \(basis) (log)"
    ) { Formatting.percent($0, digits: $0 < 0.01 ? 1 : 0) }
    for peer in peers {
      html.raw(
        "<circle cx=\"\(n(frame.x(peer.followers)))\" cy=\"\(n(frame.y(peer.rate)))\" r=\"2.2\" "
          + "fill=\"#8792a2\" fill-opacity=\".55\"/>")
    }
    let path = curve.enumerated().map { index, point in
      (index == 0 ? "M" : "L") + n(frame.x(point.followers)) + " " + n(frame.y(point.rate))
    }.joined()
    html.raw("<path d=\"\(path)\" fill=\"none\" stroke=\"#13294b\" stroke-width=\"2\"/>")
    html.close("g")
  }

  /// A scatter of engagement against followers: the reused peer layer and this creator's point.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: A page-unique id.
  ///   - title: The chart's title.
  ///   - description: The chart in words.
  ///   - frame: The peer layer's axes.
  ///   - layer: The id of the peer layer.
  ///   - point: This creator's followers and engagement rate, or `nil` without engagement data.
  ///   - name: This creator's name, labeled at its point.
  package static func scatter(
    _ html: inout HTMLWriter, id: String, title: String, description: String,
    frame: ScatterFrame, layer: String, point: (followers: Double, rate: Double)?, name: String
  ) {
    open(
      &html, id: id, width: ScatterFrame.width, height: ScatterFrame.height, title: title,
      description: description)
    html.raw("<use href=\"#\(HTMLWriter.escape(layer))\"/>")
    if let point {
      let x = frame.x(point.followers)
      let y = frame.y(point.rate)
      html.raw(
        "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"6\" fill=\"#d55e00\" stroke=\"#fff\" "
          + "stroke-width=\"2\"/>")
      let right = x > Double(ScatterFrame.width) - 130
      label(
        &html, short(name, 22), x: right ? x - 9 : x + 9, y: y - 8, anchor: right ? "end" : "start",
        extra: "title")
    }
    html.close("svg")
    key(
      &html,
      [
        ("this creator", "#d55e00"), ("same-platform peers", "#8792a2"),
        ("peer median curve", "#13294b"),
      ])
  }

  /// One line of a line chart.
  package struct Series: Sendable {
    /// The line's name.
    package var name: String
    /// Its CSS color.
    package var color: String
    /// Its points (x, y), in order.
    package var points: [(x: Double, y: Double)]
    /// Whether to dash the line.
    package var dashed: Bool = false
  }

  /// A line chart from (0, 0) through each series' points, with a marker per point and an
  /// optional vertical line (the budget).
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: A page-unique id.
  ///   - title: The chart's title.
  ///   - description: The chart in words.
  ///   - series: The lines.
  ///   - xCaption: The x axis caption.
  ///   - yCaption: The y axis caption.
  ///   - limit: A labeled vertical line, or `nil`.
  /// - Complexity: O(points).
  package static func lines(
    _ html: inout HTMLWriter, id: String, title: String, description: String, series: [Series],
    xCaption: String, yCaption: String, limit: (label: String, x: Double)?
  ) {
    let width = 640
    let height = 300
    open(&html, id: id, width: width, height: height, title: title, description: description)
    let xs = series.flatMap { $0.points.map(\.x) } + [limit?.x ?? 0]
    let ys = series.flatMap { $0.points.map(\.y) }
    let x = Scale(lower: 0, upper: (xs.max() ?? 1) * 1.05, start: 64, end: Double(width) - 16)
    let y = Scale(lower: 0, upper: (ys.max() ?? 1) * 1.1, start: Double(height) - 40, end: 28)
    yAxis(&html, y, x: 64, right: Double(width) - 16, caption: yCaption) {
      Formatting.compactCount($0)
    }
    xAxis(&html, x, y: y.start, top: y.end, caption: xCaption) { Formatting.compactCount($0) }
    if let limit {
      html.raw(
        "<line x1=\"\(n(x(limit.x)))\" y1=\"\(n(y.end))\" x2=\"\(n(x(limit.x)))\" "
          + "y2=\"\(n(y.start))\" stroke=\"#b3261e\" stroke-dasharray=\"4 3\"/>")
      label(&html, limit.label, x: x(limit.x) - 4, y: y.end + 10, anchor: "end")
    }
    for line in series {
      let points = [(x: 0.0, y: 0.0)] + line.points
      let path = points.enumerated().map { index, point in
        (index == 0 ? "M" : "L") + n(x(point.x)) + " " + n(y(point.y))
      }.joined()
      html.raw(
        "<path d=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2.5\""
          + (line.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>")
      for point in line.points {
        html.raw(
          "<circle cx=\"\(n(x(point.x)))\" cy=\"\(n(y(point.y)))\" r=\"3.5\" "
            + "fill=\"\(line.color)\"/>")
      }
    }
    html.close("svg")
    key(&html, series.map { ($0.name, $0.color) })
  }

  /// A heat map of a symmetric matrix of shares (0–1), each cell labeled with its percentage.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: A page-unique id.
  ///   - title: The chart's title.
  ///   - description: The chart in words.
  ///   - labels: Row and column labels.
  ///   - values: `values[i][j]`, the share for the pair, `nil` on the diagonal or when unknown.
  /// - Complexity: O(labels²).
  package static func heatMap(
    _ html: inout HTMLWriter, id: String, title: String, description: String, labels: [String],
    values: [[Double?]]
  ) {
    let cell = labels.count > 12 ? 26.0 : 36.0
    let left = 130.0
    let top = 118.0
    // Room on the right for the last rotated column label and for the title.
    let width = max(Int(left + cell * Double(labels.count) + 110), 440)
    let height = Int(top + cell * Double(labels.count) + 12)
    open(
      &html, id: id, width: width, height: height, title: title, description: description)
    for (index, name) in labels.enumerated() {
      let center = left + (Double(index) + 0.5) * cell
      label(
        &html, short(name, 16), x: left - 6, y: top + (Double(index) + 0.5) * cell + 4,
        anchor: "end")
      html.element(
        "text",
        [
          "x": n(center + 4), "y": n(top - 6),
          "transform": "rotate(-55 \(n(center + 4)) \(n(top - 6)))",
        ],
        text: short(name, 16))
    }
    for (i, row) in values.enumerated() {
      for (j, value) in row.enumerated() {
        let x = left + Double(j) * cell
        let y = top + Double(i) * cell
        guard let value, value.isFinite else {
          html.raw(
            "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cell - 1))\" height=\"\(n(cell - 1))\" fill=\"#eef2f7\"/>"
          )
          continue
        }
        let share = min(max(value, 0), 1)
        // White to the accent blue; text switches to white on the darker half for contrast.
        let red = Int((255 - share * (255 - 11)).rounded())
        let green = Int((255 - share * (255 - 92)).rounded())
        let blue = Int((255 - share * (255 - 173)).rounded())
        html.open("g")
        html.element(
          "title", text: "\(labels[i]) and \(labels[j]): \(Formatting.percent(value, digits: 0))")
        html.raw(
          "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cell - 1))\" height=\"\(n(cell - 1))\" "
            + "fill=\"rgb(\(red),\(green),\(blue))\"/>")
        html.element(
          "text",
          [
            "x": n(x + cell / 2 - 0.5), "y": n(y + cell / 2 + 3.5), "text-anchor": "middle",
            "style": share > 0.5 ? "fill:#fff" : nil,
          ], text: Formatting.percent(value, digits: 0))
        html.close("g")
      }
    }
    html.close("svg")
  }
}
