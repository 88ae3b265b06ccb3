import CreatorMatch

/// `batch --report`: the index page linking each brief's report, with its counts and top
/// creator, and the briefs that failed with their reasons.
package enum HTMLBatchIndex {
  /// One brief of the index.
  package struct Entry: Sendable {
    /// The brief's id.
    package var id: String
    /// The report file's name, relative to the index.
    package var file: String
    /// The ranking, or `nil` when the brief failed.
    package var ranking: Ranking?
    /// Why the brief failed, or `nil`.
    package var failure: String?

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - id: The brief's id.
    ///   - file: The report file, relative to the index.
    ///   - ranking: The ranking, or `nil`.
    ///   - failure: Why it failed, or `nil`.
    package init(id: String, file: String, ranking: Ranking?, failure: String?) {
      self.id = id
      self.file = file
      self.ranking = ranking
      self.failure = failure
    }
  }

  /// The index page.
  ///
  /// - Parameters:
  ///   - entries: The briefs, in the batch's order.
  ///   - source: The creator file's name.
  ///   - creators: Creators in the table.
  ///   - version: The version for the footer.
  /// - Returns: The HTML document.
  /// - Complexity: O(briefs).
  package static func render(
    _ entries: [Entry], source: String, creators: Int, version: String
  ) -> String {
    let failed = entries.filter { $0.ranking == nil }.count
    return HTMLPage.document(
      title: "Batch of \(entries.count) briefs",
      subtitle: "\(Formatting.grouped(Double(creators))) creators from \(source)"
        + (failed > 0 ? " · \(failed) failed" : ""),
      version: version
    ) { html in
      HTMLPage.section(&html, id: "ranking", title: "Briefs") { html in
        html.open("div", ["class": "table-wrap"])
        html.open("table", ["class": "sortable", "id": "briefs-table"])
        html.element(
          "caption", text: "One report per brief; click a brief to open it, a column to sort.")
        HTMLPage.sortableHead(
          &html,
          [
            ("brief", false), ("brand", false), ("goal", false), ("eligible", true),
            ("listed", true), ("top creator", false), ("top score", true),
          ].map { HTMLPage.SortableColumn($0, numeric: $1) })
        html.raw("\n<tbody>\n")
        for entry in entries {
          html.open("tr")
          html.open("td")
          if entry.ranking != nil {
            html.element("a", ["href": entry.file], text: entry.id)
          } else {
            html.text(entry.id)
          }
          html.close("td")
          if let ranking = entry.ranking {
            let top = ranking.rows.first
            HTMLRankingTable.cell(&html, ranking.brief.brand ?? "", numeric: false)
            HTMLRankingTable.cell(&html, ranking.brief.goal.rawValue, numeric: false)
            HTMLRankingTable.cell(
              &html, Formatting.grouped(Double(ranking.eligible)), sort: String(ranking.eligible))
            HTMLRankingTable.cell(&html, String(ranking.rows.count))
            HTMLRankingTable.cell(&html, top?.displayName ?? "–", numeric: false)
            HTMLRankingTable.cell(
              &html, top.map { Formatting.fixed($0.score, 1) } ?? "–",
              sort: top.map { Formatting.fixed($0.score, 4) } ?? "-1")
          } else {
            html.element(
              "td", ["colspan": "6", "class": "warn"], text: "failed: " + (entry.failure ?? ""))
          }
          html.close("tr")
          html.raw("\n")
        }
        html.raw("</tbody>\n")
        html.close("table")
        html.close("div")
      }
    }
  }
}
