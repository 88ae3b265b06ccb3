import CreatorMatch

/// The ranking as an HTML `<table>`: the columns of the terminal table (``RankingReport``) with
/// the same evidence marks and flags, tier and country, sortable by any column and filterable by
/// tier and platform by the page's script; each row links to its creator card.
package enum HTMLRankingTable {
  /// Writes the filters and the table.
  ///
  /// - Parameters:
  ///   - html: The writer.
  ///   - report: The ranking report (rows, labels, lookups).
  ///   - cardIDs: The card anchor of each reported row (same order as the entries), `nil` for
  ///     rows without a card.
  /// - Complexity: O(rows).
  package static func write(_ html: inout HTMLWriter, report: RankingReport, cardIDs: [String?]) {
    let entries = report.entries
    let ranking = report.ranking
    let hasForecast = ranking.plan.forecast != nil
    let tiers = Tier.allCases.filter { tier in entries.contains { $0.creator.tier == tier } }
    let platforms = Platform.allCases.filter { platform in
      entries.contains { $0.creator.platform == platform }
    }
    html.open("div", ["class": "filters", "data-table": "ranking-table"])
    filter(&html, name: "tier", label: "Tier", values: tiers.map(\.rawValue))
    filter(&html, name: "platform", label: "Platform", values: platforms.map(\.rawValue))
    html.element(
      "span", ["class": "count", "aria-live": "polite"], text: "\(entries.count) shown")
    html.close("div")
    html.open("div", ["class": "table-wrap"])
    html.open("table", ["class": "sortable", "id": "ranking-table"])
    html.element(
      "caption",
      text: "Ranked creators. Click a column to sort, a row to open its card. Marks: "
        + RankingReport.markLegend + (hasForecast ? ", * price estimated from CPM" : "")
        + "; ! warning flags.")
    // The terminal table's short headings, each with its meaning as a tooltip.
    var columns: [(String, String?, Bool, Bool)] = [
      ("#", "rank", true, false), ("creator", nil, false, false),
      ("platform", nil, false, true), ("tier", nil, false, true), ("country", nil, false, true),
      ("followers", nil, true, false), ("ER", "engagement rate", true, true),
      ("eng", "engagement score", true, false), ("aud", "audience fit", true, false),
      ("niche", "niche fit", true, false), ("auth", "authenticity", true, false),
    ]
    if hasForecast {
      columns += [
        ("P50 ROI", "median ROI", true, false), ("P(>0)", "probability of ROI > 0", true, true),
        ("cost", "cost in \(ranking.plan.forecast?.currency ?? "")", true, true),
      ]
    }
    columns += [("score", "score of 100", true, false), ("!", "warning flags", false, true)]
    if report.lookups != nil { columns.append(("filtered by", nil, false, false)) }
    HTMLPage.sortableHead(
      &html,
      columns.map { HTMLPage.SortableColumn($0, numeric: $2, meaning: $1, phoneHidden: $3) })
    html.raw("\n<tbody>\n")
    let currency = ranking.plan.forecast?.currency ?? ""
    for (index, (row, reason)) in entries.enumerated() {
      let card = cardIDs.indices.contains(index) ? cardIDs[index] : nil
      html.open(
        "tr",
        ["data-tier": row.tier.rawValue, "data-platform": row.platform.rawValue, "data-card": card])
      cell(
        &html, reason == nil ? String(row.rank) : "–",
        sort: reason == nil ? String(row.rank) : "1e9")
      html.open("td")
      if let card {
        html.element("a", ["href": "#" + card], text: row.displayName)
      } else {
        html.text(row.displayName)
      }
      html.close("td")
      cell(&html, row.platform.rawValue, numeric: false, phone: true)
      cell(&html, row.tier.rawValue, numeric: false, phone: true)
      cell(&html, report.labels.country(row.row) ?? "", numeric: false, phone: true)
      cell(&html, Formatting.compactCount(row.followers), sort: Formatting.fixed(row.followers, 0))
      cell(
        &html, row.engagementRate.map { Formatting.percent($0) } ?? "–",
        sort: row.engagementRate.map { Formatting.fixed($0, 6) } ?? "-1", phone: true)
      for component in HTMLComponents.all.prefix(4) {
        let value = component.score(row.components) ?? 0
        html.open("td", ["class": "num", "data-v": Formatting.fixed(value, 4)])
        html.text(Formatting.fixed(value, 2))
        mark(&html, component.evidence(row.evidence) ?? .measured)
        html.close("td")
      }
      if hasForecast {
        if let forecast = row.forecast {
          cell(
            &html, Formatting.signedPercent(forecast.roiP50),
            sort: RankingReport.finiteFixed(forecast.roiP50, 4))
          cell(
            &html, Formatting.fixed(forecast.probabilityOfProfit, 2),
            sort: Formatting.fixed(forecast.probabilityOfProfit, 4), phone: true)
          html.open(
            "td",
            ["class": "num hide-phone", "data-v": RankingReport.finiteFixed(forecast.cost, 2)])
          html.text(Formatting.compactCount(forecast.cost))
          if forecast.priceEstimated {
            html.element(
              "span", ["class": "mark", "title": "price estimated from CPM (\(currency))"],
              text: "*")
          }
          html.close("td")
        } else {
          for _ in 0..<3 { cell(&html, "–", sort: "") }
        }
      }
      cell(&html, Formatting.fixed(row.score, 1), sort: Formatting.fixed(row.score, 4))
      html.open("td", ["class": "hide-phone", "data-v": String(row.flagKinds.count)])
      if row.flags != 0 {
        html.element(
          "span",
          ["class": "flag", "title": row.flagKinds.map(\.rawValue).joined(separator: ", ")],
          text: "! \(row.flagKinds.count)")
      }
      html.close("td")
      if report.lookups != nil { cell(&html, reason?.rawValue ?? "", numeric: false) }
      html.close("tr")
      html.raw("\n")
    }
    html.raw("</tbody>\n")
    html.close("table")
    html.close("div")
  }

  /// A `<select>` of a row attribute's values ("all" first).
  static func filter(_ html: inout HTMLWriter, name: String, label: String, values: [String]) {
    html.open("label")
    html.text(label + " ")
    html.open("select", ["name": name])
    html.element("option", ["value": ""], text: "all")
    for value in values { html.element("option", ["value": value], text: value) }
    html.close("select")
    html.close("label")
  }

  /// A cell with an optional numeric sort key.
  static func cell(
    _ html: inout HTMLWriter, _ text: String, sort: String? = nil, numeric: Bool = true,
    phone: Bool = false
  ) {
    let classes = [numeric ? "num" : nil, phone ? "hide-phone" : nil].compactMap { $0 }
    html.element(
      "td",
      ["class": classes.isEmpty ? nil : classes.joined(separator: " "), "data-v": sort],
      text: text)
  }

  /// The terminal table's evidence mark (``RankingReport/mark(_:)``) with its meaning as a
  /// tooltip; nothing for measured data.
  static func mark(_ html: inout HTMLWriter, _ evidence: Evidence) {
    let mark = RankingReport.mark(evidence)
    guard !mark.isEmpty else { return }
    html.element("span", ["class": "mark", "title": evidence.description], text: mark)
  }
}
