import CreatorMatch

/// `shortlist --format html`: the picks with their new and cumulative unique reach, the
/// cumulative unique reach against cost of the shortlist and of the top creators by score, and
/// the audience overlap of the chosen creators as a heat map.
///
/// The header and summary sentences are the terminal output's (passed in by the command that
/// words them); the reach and cost figures are the shortlist's own.
package struct HTMLShortlistReport: Sendable {
  /// The shortlist.
  package var result: Shortlist.Result
  /// The brief's plan, for the brief in words.
  package var plan: BriefPlan
  /// The ranking the candidates came from, for the eligibility funnel.
  package var ranking: Ranking
  /// The currency of costs.
  package var currency: String
  /// The sketches, for the overlap heat map; `nil` without follower data.
  package var sketches: SketchSet?
  /// Display names (handles) by creator id.
  package var names: [String: String]
  /// The terminal output's lines above the table.
  package var headerLines: [String]
  /// The terminal output's lines below the table.
  package var summaryLines: [String]
  /// The creator file's name.
  package var source: String
  /// The version for the footer.
  package var version: String

  /// The most creators in the heat map (a larger matrix stops being readable).
  static let heatMapLimit = 25

  /// Creates a report.
  ///
  /// - Parameters:
  ///   - result: The shortlist.
  ///   - plan: The brief's plan.
  ///   - ranking: The candidates' ranking.
  ///   - currency: The currency of costs.
  ///   - sketches: The audience sketches, or `nil`.
  ///   - names: Display names by id.
  ///   - headerLines: The lines above the table.
  ///   - summaryLines: The lines below it.
  ///   - source: The creator file's name.
  ///   - version: The version.
  package init(
    result: Shortlist.Result, plan: BriefPlan, ranking: Ranking, currency: String,
    sketches: SketchSet?, names: [String: String], headerLines: [String], summaryLines: [String],
    source: String, version: String
  ) {
    self.result = result
    self.plan = plan
    self.ranking = ranking
    self.currency = currency
    self.sketches = sketches
    self.names = names
    self.headerLines = headerLines
    self.summaryLines = summaryLines
    self.source = source
    self.version = version
  }

  func name(_ id: String) -> String { names[id] ?? id }

  /// The page.
  ///
  /// - Returns: The HTML document.
  /// - Complexity: O(picks²) for the heat map's pairs.
  package func render() -> String {
    let brief = plan.brief
    let selection = result.selection
    return HTMLPage.document(
      title: "Shortlist for \(brief.brand ?? brief.id)",
      subtitle:
        "\(selection.picks.count) creators · \(Formatting.money(selection.cost, currency: currency)) "
        + "of \(Formatting.money(result.budget, currency: currency)) · unique reach "
        + Formatting.grouped(selection.uniqueReach),
      version: version
    ) { html in
      HTMLPage.section(&html, id: "brief", title: "The brief") { html in
        HTMLPage.facts(&html, HTMLHeader.briefFacts(brief, weights: plan.weights))
        HTMLPage.list(&html, headerLines, className: "notes")
      }
      html.open("div", ["class": "grid"])
      HTMLPage.section(&html, id: "data", title: "Data used") { html in
        HTMLPage.facts(
          &html,
          [
            ("creator file", source),
            ("creators in the table", Formatting.grouped(Double(ranking.candidates))),
            ("follower data", sketches == nil ? "none (overlap unknown)" : "audience sketches"),
          ])
      }
      HTMLPage.section(&html, id: "eligibility", title: "Eligibility") { html in
        HTMLHeader.funnel(
          &html, candidates: ranking.candidates, filtered: ranking.filtered,
          eligible: ranking.eligible)
      }
      html.close("div")
      HTMLPage.section(&html, id: "ranking", title: "Shortlist") { html in
        table(&html)
        HTMLPage.list(&html, summaryLines, className: "notes")
      }
      HTMLPage.section(&html, id: "reach", title: "Unique reach for the money") { html in
        reachChart(&html)
      }
      HTMLPage.section(&html, id: "overlap", title: "Audience overlap of the chosen creators") {
        html in
        heatMap(&html)
      }
    }
  }

  /// The picks table.
  func table(_ html: inout HTMLWriter) {
    html.open("div", ["class": "table-wrap"])
    html.open("table", ["class": "sortable", "id": "shortlist-table"])
    html.element(
      "caption",
      text: "Creators in the order chosen, with the new followers each adds. * cost estimated "
        + "from CPM (\(currency)). Click a column to sort.")
    HTMLPage.sortableHead(
      &html,
      [
        ("#", true), ("creator", false), ("score", true), ("cost", true), ("reach", true),
        ("new", true), ("unique total", true),
      ].map { HTMLPage.SortableColumn($0, numeric: $1) })
    html.raw("\n<tbody>\n")
    var cumulative = 0.0
    for (index, pick) in result.selection.picks.enumerated() {
      cumulative += pick.marginalReach
      html.open("tr")
      HTMLRankingTable.cell(&html, String(index + 1))
      html.open("td", ["data-v": name(pick.candidate.id)])
      html.text(name(pick.candidate.id))
      html.close("td")
      HTMLRankingTable.cell(
        &html, Formatting.fixed(pick.candidate.score, 1),
        sort: Formatting.fixed(pick.candidate.score, 4))
      html.open(
        "td", ["class": "num", "data-v": RankingReport.finiteFixed(pick.candidate.cost, 2)])
      html.text(Formatting.compactCount(pick.candidate.cost))
      if pick.candidate.costEstimated {
        html.element("span", ["class": "mark", "title": "cost estimated from CPM"], text: "*")
      }
      html.close("td")
      for value in [pick.reach, pick.marginalReach, cumulative] {
        HTMLRankingTable.cell(
          &html, Formatting.compactCount(value), sort: Formatting.fixed(value, 0))
      }
      html.close("tr")
      html.raw("\n")
    }
    html.raw("</tbody>\n")
    html.close("table")
    html.close("div")
  }

  /// Cumulative unique reach against cumulative cost, pick by pick, for the shortlist and for
  /// the top creators by score.
  func reachChart(_ html: inout HTMLWriter) {
    func points(_ selection: Shortlist.Selection) -> [(x: Double, y: Double)] {
      var cost = 0.0
      var reach = 0.0
      return selection.picks.map { pick in
        cost += pick.candidate.cost
        reach += pick.marginalReach
        return (cost, reach)
      }
    }
    SVGChart.lines(
      &html, id: "reach-cost", title: "Cumulative unique reach vs cost",
      description: "Each point adds one creator: the shortlist reaches "
        + "\(Formatting.grouped(result.selection.uniqueReach)) unique followers for "
        + "\(Formatting.money(result.selection.cost, currency: currency)); the top creators by "
        + "score reach \(Formatting.grouped(result.baseline.uniqueReach)) for "
        + "\(Formatting.money(result.baseline.cost, currency: currency)).",
      series: [
        .init(name: "shortlist", color: "#0072b2", points: points(result.selection)),
        .init(
          name: "top by score", color: "#d55e00", points: points(result.baseline), dashed: true),
      ], xCaption: "cumulative cost (\(currency))", yCaption: "unique followers reached",
      limit: ("budget", result.budget))
  }

  /// The overlap heat map: the share of the smaller audience the two creators share.
  func heatMap(_ html: inout HTMLWriter) {
    guard let sketches, result.overlapKnown else {
      html.element(
        "p",
        text: "Overlap unknown: no follower data (--sketches). Reach counts followers, and "
          + "people following several picks are counted once per creator.")
      return
    }
    let ids = result.selection.picks.prefix(Self.heatMapLimit).map(\.candidate.id)
    guard ids.count > 1 else {
      html.element("p", text: "One creator chosen: no pair to compare.")
      return
    }
    let values: [[Double?]] = ids.map { a in
      ids.map { b in a == b ? nil : sketches.overlap(a, b)?.shareOfSmaller }
    }
    SVGChart.heatMap(
      &html, id: "overlap-map",
      title: "Share of the smaller audience the two creators share",
      description: "For each pair of the \(ids.count) chosen creators, the share of the smaller "
        + "audience that also follows the other; grey where a creator has no sketch.",
      labels: ids.map(name), values: values)
    if result.selection.picks.count > ids.count {
      html.element(
        "p", ["class": "legend"],
        text: "The first \(ids.count) of \(result.selection.picks.count) creators shown.")
    }
  }
}
