import CreatorMatch

/// `roi --format html`: the forecast table, the P10–P90 ROI range of every creator and of the
/// portfolio (a forest plot), the portfolio's simulated ROI distribution (a histogram), the
/// forecast's assumptions, and each creator's funnel step by step.
///
/// The numbers are those of ``ForecastTable`` (rows, portfolio summary, notes) and of the
/// funnel `--explain` prints; the page lays them out.
package struct HTMLForecastReport: Sendable {
  /// The forecast rows, portfolio and notes.
  package var forecast: ForecastTable
  /// The brief's plan (its forecast plan gives the assumptions and the funnels).
  package var plan: BriefPlan
  /// The table rows of ``forecast``'s rows, in order.
  package var rows: [Int]
  /// The creator table.
  package var table: CreatorTable
  /// The ranking the rows were taken from, for the eligibility funnel, or `nil` for named ids.
  package var ranking: Ranking?
  /// The creator file's name.
  package var source: String
  /// The version for the footer.
  package var version: String

  /// Creates a report.
  ///
  /// - Parameters:
  ///   - forecast: The forecast table.
  ///   - plan: The brief's plan (with economics).
  ///   - rows: The table rows of the forecast's rows.
  ///   - table: The creator table.
  ///   - ranking: The ranking the rows came from, or `nil`.
  ///   - source: The creator file's name.
  ///   - version: The version for the footer.
  package init(
    forecast: ForecastTable, plan: BriefPlan, rows: [Int], table: CreatorTable,
    ranking: Ranking?, source: String, version: String
  ) {
    self.forecast = forecast
    self.plan = plan
    self.rows = rows
    self.table = table
    self.ranking = ranking
    self.source = source
    self.version = version
  }

  /// The page.
  ///
  /// - Returns: The HTML document.
  /// - Complexity: O(rows) plus the histogram's bins.
  package func render() -> String {
    let brief = plan.brief
    let currency = forecast.currency
    return HTMLPage.document(
      title: "ROI forecast for \(brief.brand ?? brief.id)",
      subtitle: "amounts in \(currency) · P50 with P10–P90 bands · \(forecast.rows.count) creators",
      version: version
    ) { html in
      HTMLPage.section(&html, id: "brief", title: "The brief") { html in
        HTMLPage.facts(&html, HTMLHeader.briefFacts(brief, weights: plan.weights))
        HTMLPage.list(&html, forecast.notes.map { "note: " + $0 }, className: "notes")
      }
      html.open("div", ["class": "grid"])
      HTMLPage.section(&html, id: "assumptions", title: "Assumptions of the forecast") { html in
        if let forecastPlan = plan.forecast {
          HTMLPage.facts(
            &html,
            forecastPlan.assumptions.map { ($0.label, $0.sourceText) } + [
              ("click-through rate used", Formatting.percent(forecastPlan.clickThroughRate)),
              ("conversion rate used", Formatting.percent(forecastPlan.conversionRate)),
            ])
        }
        HTMLPage.list(
          &html,
          [
            "ROI = (lifetime profit − cost) / cost; ln(profit/cost) is normal, so P10/P50/P90 "
              + "and P(ROI > 0) are closed-form per creator.",
            "The portfolio is a seeded Monte Carlo in which the brand's CTR and CVR "
              + "uncertainty is shared by every creator.",
            ForecastTable.estimatedPriceNoteLines.joined(separator: " "),
          ], className: "notes")
      }
      HTMLPage.section(&html, id: "data", title: "Data used") { html in
        HTMLPage.facts(
          &html,
          [
            ("creator file", source),
            ("creators in the table", Formatting.grouped(Double(table.count))),
          ])
        if let ranking {
          HTMLHeader.funnel(
            &html, candidates: ranking.candidates, filtered: ranking.filtered,
            eligible: ranking.eligible)
        }
      }
      html.close("div")
      HTMLPage.section(&html, id: "ranking", title: "Forecast per creator") { html in
        table(&html)
      }
      HTMLPage.section(&html, id: "portfolio", title: "Portfolio") { html in
        HTMLPage.list(&html, forecast.portfolioSummary(), className: "notes")
        html.open("div", ["class": "grid"])
        html.open("div")
        forest(&html)
        html.close("div")
        html.open("div")
        histogram(&html)
        html.close("div")
        html.close("div")
      }
      funnels(&html)
    }
  }

  /// The sortable forecast table.
  func table(_ html: inout HTMLWriter) {
    html.open("div", ["class": "table-wrap"])
    html.open("table", ["class": "sortable", "id": "forecast-table"])
    html.element(
      "caption",
      text: "Forecast per creator in \(forecast.currency). * price estimated from CPM. "
        + "Click a column to sort, a row to open its funnel.")
    HTMLPage.sortableHead(
      &html,
      [
        ("#", true), ("creator", false), ("cost", true), ("orders", true), ("ROI P10", true),
        ("P50", true), ("P90", true), ("P(ROI>0)", true), ("ROAS", true), ("CPA", true),
      ].map { HTMLPage.SortableColumn($0, numeric: $1) })
    html.raw("\n<tbody>\n")
    for (index, row) in forecast.rows.enumerated() {
      let f = row.forecast
      let card = "funnel-\(index + 1)"
      html.open("tr", ["data-card": card])
      HTMLRankingTable.cell(&html, String(index + 1))
      html.open("td")
      html.element("a", ["href": "#" + card], text: row.name)
      html.close("td")
      html.open("td", ["class": "num", "data-v": RankingReport.finiteFixed(f.cost, 2)])
      html.text(Formatting.compactCount(f.cost))
      if f.priceEstimated {
        html.element("span", ["class": "mark", "title": "price estimated from CPM"], text: "*")
      }
      html.close("td")
      HTMLRankingTable.cell(
        &html, Formatting.fixed(f.conversions, 1), sort: Formatting.fixed(f.conversions, 4))
      for value in [f.roiP10, f.roiP50, f.roiP90] {
        HTMLRankingTable.cell(
          &html, Formatting.signedPercent(value), sort: RankingReport.finiteFixed(value, 4))
      }
      HTMLRankingTable.cell(
        &html, Formatting.fixed(f.probabilityOfProfit, 2),
        sort: Formatting.fixed(f.probabilityOfProfit, 4))
      HTMLRankingTable.cell(
        &html, Formatting.fixed(f.roas, 2), sort: RankingReport.finiteFixed(f.roas, 4))
      HTMLRankingTable.cell(
        &html, f.cpa.isFinite ? Formatting.compactCount(f.cpa) : "–",
        sort: RankingReport.finiteFixed(f.cpa, 2))
      html.close("tr")
      html.raw("\n")
    }
    html.raw("</tbody>\n")
    html.close("table")
    html.close("div")
  }

  /// Every creator's P10–P90 ROI and the portfolio's.
  func forest(_ html: inout HTMLWriter) {
    let portfolio = forecast.portfolio
    let ranges =
      forecast.rows.map {
        SVGChart.Range(
          label: $0.name, low: $0.forecast.roiP10, middle: $0.forecast.roiP50,
          high: $0.forecast.roiP90)
      } + [
        SVGChart.Range(
          label: "portfolio", low: portfolio.roi.p10, middle: portfolio.roi.p50,
          high: portfolio.roi.p90, emphasized: true)
      ]
    SVGChart.forest(
      &html, id: "roi-forest", title: "ROI range per creator (P10–P90, dot P50)",
      description: "For each creator and the portfolio, the line spans P10 to P90 ROI and the dot "
        + "is the median; the dashed line is break-even.",
      rows: ranges, caption: "ROI (break-even dashed)")
  }

  /// The portfolio's simulated ROI distribution.
  func histogram(_ html: inout HTMLWriter) {
    let portfolio = forecast.portfolio
    let histogram = portfolio.roiHistogram
    SVGChart.histogram(
      &html, id: "roi-histogram",
      title: "Portfolio ROI over \(Formatting.grouped(Double(portfolio.samples))) simulations",
      description: "Histogram of the simulated portfolio ROI between its P1 and P99, losses in "
        + "orange, gains in blue; P(ROI > 0) = \(Formatting.fixed(portfolio.probabilityOfProfit, 3)).",
      lower: histogram.lower, binWidth: histogram.binWidth, counts: histogram.counts,
      marks: [
        ("P10", portfolio.roi.p10), ("P50", portfolio.roi.p50), ("P90", portfolio.roi.p90),
      ], caption: "portfolio ROI")
  }

  /// A card per creator with its funnel.
  func funnels(_ html: inout HTMLWriter) {
    guard let forecastPlan = plan.forecast else { return }
    for (index, (row, entry)) in zip(rows, forecast.rows).enumerated() {
      let id = "funnel-\(index + 1)"
      html.open("section", ["class": "block card", "id": id, "aria-labelledby": id + "-h"])
      html.element("h2", ["id": id + "-h"], text: "\(index + 1). \(entry.name)")
      html.element(
        "p", ["class": "meta"],
        text: "\(entry.id) · funnel in \(forecastPlan.currency), P50 with the ROI band")
      Self.band(&html, id: id + "-roi", name: entry.name, forecast: entry.forecast)
      let audience = plan.audience.isEmpty ? [] : plan.audience.breakdown(row, in: table)
      Self.funnelTable(
        &html,
        steps: forecastPlan.funnel(
          row: row, forecast: entry.forecast, audience: audience, table: table))
      html.element("p", ["class": "back"]) {
        $0.element("a", ["href": "#ranking"], text: "↑ back to the forecast")
      }
      html.close("section")
      html.raw("\n")
    }
  }

  /// One creator's ROI P10–P90 with its P50, as a one-row forest plot.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - id: A page-unique id.
  ///   - name: The creator's name.
  ///   - forecast: Its forecast.
  package static func band(
    _ html: inout HTMLWriter, id: String, name: String, forecast: CreatorForecast
  ) {
    SVGChart.forest(
      &html, id: id, title: "ROI P10–P90 with P50",
      description: "ROI P10 \(Formatting.signedPercent(forecast.roiP10)), P50 "
        + "\(Formatting.signedPercent(forecast.roiP50)), P90 "
        + "\(Formatting.signedPercent(forecast.roiP90)); P(ROI > 0) "
        + Formatting.fixed(forecast.probabilityOfProfit, 2),
      rows: [
        .init(label: name, low: forecast.roiP10, middle: forecast.roiP50, high: forecast.roiP90)
      ], caption: "ROI (break-even dashed)")
  }

  /// The funnel of `--explain` as a table: step, value, source.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - steps: The funnel steps.
  package static func funnelTable(_ html: inout HTMLWriter, steps: [ForecastPlan.FunnelStep]) {
    html.open("div", ["class": "table-wrap"])
    html.open("table", ["class": "steps"])
    html.element("caption", text: "The forecast step by step, each input with its source")
    html.raw(
      "<thead><tr><th scope=\"col\">step</th><th scope=\"col\" class=\"num\">value</th>"
        + "<th scope=\"col\">source</th></tr></thead>\n<tbody>\n")
    for step in steps {
      html.open("tr")
      html.element("th", ["scope": "row"], text: step.label)
      html.element("td", ["class": "num"], text: step.value)
      html.element("td", ["class": "wrap"], text: step.source)
      html.close("tr")
      html.raw("\n")
    }
    html.raw("</tbody>\n")
    html.close("table")
    html.close("div")
  }
}
