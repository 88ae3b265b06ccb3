import CreatorMatch

/// `rank --format html`: one self-contained page with the brief in words, the data used, the
/// eligibility funnel, the sortable ranking table, the score components of the top creators and
/// a card per creator.
///
/// Every number comes from the ``RankingReport`` and the ranker's explanations; the page only
/// lays them out. The same inputs give the same bytes.
package struct HTMLRankingReport: Sendable {
  /// The ranking, labels, lookups and coverage.
  package var report: RankingReport
  /// The ranker of the ranking, whose table holds the evidence the cards show.
  package var ranker: Ranker
  /// The creator file's name, for the data section.
  package var source: String
  /// The CreatorMatch version, for the footer.
  package var version: String
  /// At most this many creators get a card (the table lists them all).
  package var cardLimit: Int

  /// Creators shown side by side in the components chart.
  static let chartLimit = 15

  /// Creates a report.
  ///
  /// - Parameters:
  ///   - report: The ranking report.
  ///   - ranker: Its ranker.
  ///   - source: The creator file's name.
  ///   - version: The version for the footer.
  ///   - cardLimit: The most creator cards (100 by default keeps a 1,000-row page light).
  package init(
    report: RankingReport, ranker: Ranker, source: String, version: String, cardLimit: Int = 100
  ) {
    self.report = report
    self.ranker = ranker
    self.source = source
    self.version = version
    self.cardLimit = cardLimit
  }

  /// The page.
  ///
  /// - Returns: The HTML document.
  /// - Complexity: O(rows + table rows per platform shown in the cards).
  package func render() -> String {
    let ranking = report.ranking
    let brief = ranking.brief
    let subtitle =
      "goal \(brief.goal.rawValue) · \(Formatting.grouped(Double(ranking.candidates))) creators, "
      + "\(Formatting.grouped(Double(ranking.eligible))) eligible · \(report.entries.count) listed"
    return HTMLPage.document(
      title: "Creators for \(brief.brand ?? brief.id)", subtitle: subtitle, version: version
    ) { html in
      body(&html)
    }
  }

  /// The page's sections.
  package func body(_ html: inout HTMLWriter) {
    let ranking = report.ranking
    let plan = ranking.plan
    let entries = report.entries
    HTMLPage.section(&html, id: "brief", title: "The brief") { html in
      HTMLPage.facts(&html, HTMLHeader.briefFacts(plan.brief, weights: plan.weights))
      let notes = (plan.notes + plan.tableNotes).map { "note: " + $0.text }
      HTMLPage.list(&html, notes + (report.tieLine.map { [$0] } ?? []), className: "notes")
      if let warning = report.noEligibleWarning {
        html.element("p", ["class": "warn"], text: "warning: " + warning)
      }
    }
    html.open("div", ["class": "grid"])
    HTMLPage.section(&html, id: "data", title: "Data used") { html in
      HTMLHeader.data(
        &html, source: source, candidates: ranking.candidates, coverage: report.coverage,
        weights: plan.weights)
    }
    HTMLPage.section(&html, id: "eligibility", title: "Eligibility") { html in
      HTMLHeader.funnel(
        &html, candidates: ranking.candidates, filtered: ranking.filtered,
        eligible: ranking.eligible)
    }
    html.close("div")
    let cardCount = min(entries.count, cardLimit)
    let cardIDs: [String?] = entries.indices.map { $0 < cardCount ? "card-\($0 + 1)" : nil }
    HTMLPage.section(&html, id: "ranking", title: "Ranking") { html in
      if entries.isEmpty {
        html.element("p", ["class": "warn"], text: "No creator passes the brief's constraints.")
        return
      }
      HTMLRankingTable.write(&html, report: report, cardIDs: cardIDs)
      if cardCount < entries.count {
        html.element(
          "p", ["class": "legend"],
          text: "Cards follow for the first \(cardCount) of the \(entries.count) creators listed.")
      }
    }
    if !entries.isEmpty {
      HTMLPage.section(&html, id: "components", title: "Score components of the top creators") {
        html in
        let shown = entries.prefix(Self.chartLimit).map(\.creator)
        let bars = shown.map { HTMLComponents.scoreBar($0, weights: plan.weights) }
        SVGChart.stackedBars(
          &html, id: "top-components",
          title: "Points each component takes off 100, top \(shown.count)",
          description: "For each of the top \(shown.count) creators, the score (dark) and the "
            + "points each weighted component takes off 100; the score is the weighted geometric "
            + "mean, so the steps are applied in the order engagement, audience, niche, "
            + "authenticity, value.",
          bars: bars.map(\.0), series: bars.first?.1 ?? [], maximum: 100, caption: "points")
      }
    }
    let explanations =
      report.explanations
      ?? entries.prefix(cardCount).map { ranker.explain($0.creator, plan: plan) }
    let peers = HTMLCreatorCard.PeerLayers.write(
      &html, rows: entries.prefix(cardCount).map(\.creator.row), table: ranker.table)
    for (index, entry) in entries.prefix(cardCount).enumerated() {
      HTMLCreatorCard.write(
        &html, id: "card-\(index + 1)", creator: entry.creator, filterReason: entry.filterReason,
        explanation: explanations[index], ranker: ranker, plan: plan, labels: report.labels,
        peers: peers)
    }
  }
}
