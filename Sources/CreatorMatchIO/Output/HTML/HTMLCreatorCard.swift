import CreatorMatch
import Foundation

/// A creator's card: the score as a waterfall of its weighted components, the `--explain`
/// sentences, engagement against peers (log-log scatter with the peer curve), the authenticity
/// flags with their evidence, and the ROI funnel with P10/P50/P90.
package enum HTMLCreatorCard {
  /// The peers of the platforms the cards show, drawn once and reused by every card.
  package struct PeerLayers: Sendable {
    /// The frame and layer id per curve key index.
    var frames: [Int: SVGChart.ScatterFrame] = [:]

    /// The most peers drawn per platform and rate basis: enough to show the cloud, few enough
    /// that a report of 1,000 creators stays small.
    static let peerLimit = 300
    /// Points on the drawn peer curve.
    static let curvePoints = 24

    /// Writes a hidden SVG holding a peer layer per curve key among `rows`, and returns their
    /// frames.
    ///
    /// - Parameters:
    ///   - html: The writer.
    ///   - rows: The table rows that get a card.
    ///   - table: The creator table.
    /// - Returns: The layers.
    /// - Complexity: O(n) over the table per key.
    package static func write(_ html: inout HTMLWriter, rows: [Int], table: CreatorTable)
      -> PeerLayers
    {
      var keys: [Int] = []
      for row in rows {
        let index = key(row: row, table: table).index
        if !keys.contains(index) { keys.append(index) }
      }
      keys.sort()
      var layers = PeerLayers()
      guard !keys.isEmpty else { return layers }
      html.raw(
        "<svg width=\"0\" height=\"0\" aria-hidden=\"true\" style=\"position:absolute\"><defs>")
      for index in keys {
        let curveKey = CurveKey.at(index)
        var members: [Int] = []
        for row in 0..<table.count
        where key(row: row, table: table).index == index && !table.rates[row].isNaN {
          members.append(row)
        }
        // An even stride over table order: deterministic, and the same peers on every card.
        let stride = max(1, (members.count + peerLimit - 1) / peerLimit)
        let shown = Swift.stride(from: 0, to: members.count, by: stride).map { members[$0] }
        let peers = shown.map { (followers: table.followers[$0], rate: Double(table.rates[$0])) }
        let cardPoints = rows.filter { key(row: $0, table: table).index == index }
          .filter { !table.rates[$0].isNaN }
          .map { (followers: table.followers[$0], rate: Double(table.rates[$0])) }
        let all = peers + cardPoints
        let followers = all.map(\.followers).filter { $0 > 0 }.sorted()
        let rates = all.map(\.rate).filter { $0 > 0 }.sorted()
        // The rate axis spans the P1–P99 of the points shown: a few rates by views above 100%
        // would otherwise squash the cloud (points beyond sit on the axis's edge).
        let frame = SVGChart.ScatterFrame(
          followers: (followers.first ?? 1_000)...(followers.last ?? 1_000_000),
          rates: rates.isEmpty
            ? 0.001...0.1
            : PortfolioSimulation.quantile(rates, 0.01)...PortfolioSimulation.quantile(rates, 0.99))
        let curve = table.model.curve(for: curveKey)
        let low = log10(frame.x.lower)
        let high = log10(frame.x.upper)
        let points = (0..<curvePoints).map { step -> (followers: Double, rate: Double) in
          let f = pow(10, low + (high - low) * Double(step) / Double(curvePoints - 1))
          return (f, exp(curve.mean(followers: f)))
        }
        SVGChart.peerLayer(
          &html, id: "peers-\(index)", frame: frame, peers: peers, curve: points,
          basis: curveKey.basis == .views ? "views" : "followers")
        layers.frames[index] = frame
      }
      html.raw("</defs></svg>\n")
      return layers
    }

    /// The curve key of a row: its platform and rate basis.
    static func key(row: Int, table: CreatorTable) -> CurveKey {
      CurveKey(
        platform: Platform.allCases[Int(table.platforms[row])],
        basis: table.rateBases[row] == 1 ? .views : .followers)
    }
  }

  /// Writes one card.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: The card's anchor.
  ///   - creator: The ranked creator.
  ///   - filterReason: The constraint that removed a named creator, or `nil`.
  ///   - explanation: The `--explain` lines of the creator.
  ///   - ranker: The ranker of the ranking (its table holds the evidence).
  ///   - plan: The ranking's plan.
  ///   - labels: Names, countries and categories.
  ///   - peers: The peer layers.
  package static func write(
    _ html: inout HTMLWriter, id: String, creator: RankedCreator, filterReason: FilterReason?,
    explanation: [String], ranker: Ranker, plan: BriefPlan, labels: CreatorLabels,
    peers: PeerLayers
  ) {
    let table = ranker.table
    let row = creator.row
    html.open("section", ["class": "block card", "id": id, "aria-labelledby": id + "-h"])
    html.open("div", ["class": "card-head"])
    html.element(
      "h2", ["id": id + "-h"],
      text: (filterReason == nil ? "#\(creator.rank) " : "") + creator.displayName)
    html.open("div", ["class": "score"])
    html.text(Formatting.fixed(creator.score, 1))
    html.element("small", text: " of 100")
    html.close("div")
    html.close("div")
    var meta = [creator.id, creator.platform.rawValue]
    meta.append(
      "\(Formatting.compactCount(creator.followers)) followers (\(creator.tier.rawValue))")
    if let name = labels.name(row) { meta.insert(name, at: 0) }
    if let country = labels.country(row) { meta.append(country) }
    let categories = labels.categories(row)
    if !categories.isEmpty { meta.append(categories.joined(separator: ", ")) }
    html.element("p", ["class": "meta"], text: meta.joined(separator: " · "))
    if let filterReason {
      html.element(
        "p", ["class": "warn"], text: "filtered out: \(filterReason.phrase); scores shown anyway")
    }
    html.open("div", ["class": "grid"])
    html.open("div")
    html.element("h3", text: "Score: points each component takes off 100")
    let (bar, series) = HTMLComponents.scoreBar(creator, weights: plan.weights)
    SVGChart.stackedBars(
      &html, id: id + "-score", title: "Score \(Formatting.fixed(creator.score, 1)) of 100",
      description: "The score as a waterfall from 100: "
        + zip(series.dropFirst(), bar.segments.dropFirst())
        .map { "\($0.0.name) \(Formatting.fixed($0.1, 1)) points" }.joined(separator: ", "),
      bars: [bar], series: series, maximum: 100, caption: "points")
    html.element("h3", text: "Why it ranks here")
    HTMLPage.list(&html, explanation, className: "explain")
    html.close("div")
    html.open("div")
    html.element("h3", text: "Engagement against same-size peers")
    let curveKey = PeerLayers.key(row: row, table: table)
    if let frame = peers.frames[curveKey.index] {
      let rate = table.rates[row]
      SVGChart.scatter(
        &html, id: id + "-er", title: "Engagement vs followers, \(curveKey)",
        description: rate.isNaN
          ? "No engagement data for this creator; peers of \(curveKey) shown."
          : "This creator's engagement rate \(Formatting.percent(Double(rate))) at "
            + "\(Formatting.compactCount(creator.followers)) followers against \(curveKey) peers "
            + "and their fitted median curve.",
        frame: frame, layer: "peers-\(curveKey.index)",
        point: rate.isNaN ? nil : (creator.followers, Double(rate)), name: creator.displayName)
    }
    html.close("div")
    html.close("div")
    html.element("h3", text: "Authenticity")
    let flags = ranker.authenticityFlags(row: row)
    if flags.isEmpty {
      html.element(
        "p",
        text: "No warning sign"
          + (creator.evidence.authenticity == .measured
            ? "." : " (no authenticity evidence in the data, so none could be raised)."))
    } else {
      let evidence = ranker.authenticityEvidence(row: row)
      html.element("ul", ["class": "explain"]) { list in
        for flag in flags {
          list.element("li") { item in
            item.element("span", ["class": "flag"], text: flag.kind.rawValue)
            item.text(" " + flag.describe(evidence))
          }
        }
      }
    }
    if let forecast = creator.forecast, let forecastPlan = plan.forecast {
      html.element("h3", text: "ROI funnel (\(forecastPlan.currency))")
      HTMLForecastReport.band(
        &html, id: id + "-roi", name: creator.displayName, forecast: forecast)
      let audience = plan.audience.isEmpty ? [] : plan.audience.breakdown(row, in: table)
      let steps = forecastPlan.funnel(
        row: row, forecast: forecast, audience: audience, table: table)
      HTMLForecastReport.funnelTable(&html, steps: steps)
    }
    html.element("p", ["class": "back"]) {
      $0.element("a", ["href": "#ranking"], text: "↑ back to the ranking")
    }
    html.close("section")
    html.raw("\n")
  }
}
