import CreatorMatch

/// Renders a `Ranking` as a terminal table, CSV, JSON or JSON Lines.
///
/// Numbers are written with fixed decimals (scores and shares 4, money 2) so that the same
/// ranking always produces the same bytes, which is what lets sharded batch output merge into a
/// byte-identical result.
public struct RankingReport: Sendable {
  /// Output formats.
  public enum Format: String, Sendable, CaseIterable {
    /// An aligned table that fits the terminal width.
    case table
    /// RFC 4180 CSV, one row per creator.
    case csv
    /// One JSON document with the brief summary and the creators.
    case json
    /// One JSON object per creator per line.
    case jsonl
  }

  /// The ranking.
  public let ranking: Ranking
  /// Explanations per row (same order as `Ranking.rows`), when `--explain` was asked.
  public let explanations: [[String]]?

  /// Creates a report.
  ///
  /// - Parameters:
  ///   - ranking: The ranking to render.
  ///   - explanations: Per row, the lines of `CreatorMatch.Ranker.explain(_:plan:)`, or `nil`.
  public init(ranking: Ranking, explanations: [[String]]? = nil) {
    self.ranking = ranking
    self.explanations = explanations
  }

  /// The rendered text.
  ///
  /// - Parameters:
  ///   - format: Aligned table, CSV, one JSON document or JSON lines.
  ///   - width: The terminal width the table wraps explanations to.
  /// - Returns: The text, ending in a newline.
  /// - Complexity: O(k) in the rows and their explanations.
  public func render(_ format: Format, width: Int = 80) -> String {
    switch format {
    case .table: return table(width: width)
    case .csv: return csv()
    case .json: return json()
    case .jsonl: return jsonLines()
    }
  }

  static func fixed4(_ value: Double) -> String { Formatting.fixed(value, 4) }

  // MARK: Summary

  /// Summary lines: counts, filters, weights and notes.
  ///
  /// - Returns: One line each, without newlines.
  public func summaryLines() -> [String] {
    let plan = ranking.plan
    let brief = plan.brief
    var lines: [String] = []
    var title = "brief \(brief.id)"
    if let brand = brief.brand { title += " (\(brand))" }
    title +=
      ": goal \(brief.goal.rawValue); \(Formatting.grouped(Double(ranking.candidates))) "
      + "creators, \(Formatting.grouped(Double(ranking.eligible))) eligible"
    lines.append(title)
    let filtered = ranking.filtered.nonZero
    if !filtered.isEmpty {
      lines.append(
        "filtered: "
          + filtered.map { "\($0.reason.phrase) \(Formatting.grouped(Double($0.count)))" }
          .joined(separator: ", "))
    }
    let weights = plan.weights
    var parts: [String] = []
    for (name, weight) in [
      ("engagement", weights.engagement), ("audience", weights.audience), ("niche", weights.niche),
      ("authenticity", weights.authenticity), ("value", weights.value),
    ] where weight > 0 {
      parts.append("\(name) \(Formatting.fixed(weight, 2))")
    }
    lines.append("weights: " + parts.joined(separator: ", "))
    for note in plan.notes + plan.tableNotes { lines.append("note: " + note) }
    return lines
  }

  // MARK: Table

  func table(width: Int) -> String {
    let hasForecast = ranking.plan.forecast != nil
    var columns: [TextTable.Column] = [
      .init(title: "#", alignRight: true),
      .init(title: "creator", flexible: true, minimumWidth: 12),
      .init(title: "plat", dropPriority: 4),
      .init(title: "followers", alignRight: true, dropPriority: 7),
      .init(title: "ER", alignRight: true, dropPriority: 5),
      .init(title: "eng", alignRight: true, dropPriority: 3),
      .init(title: "aud", alignRight: true, dropPriority: 10),
      .init(title: "niche", alignRight: true, dropPriority: 6),
      .init(title: "auth", alignRight: true, dropPriority: 2),
    ]
    if hasForecast {
      columns.append(.init(title: "P50 ROI", alignRight: true))
      columns.append(.init(title: "P(>0)", alignRight: true, dropPriority: 9))
      columns.append(.init(title: "cost", alignRight: true, dropPriority: 8))
    }
    columns.append(.init(title: "score", alignRight: true))
    columns.append(.init(title: "!", minimumWidth: 1))
    var table = TextTable(columns: columns)
    let currency = ranking.plan.forecast?.currency ?? ""
    for row in ranking.rows {
      let components = row.components
      var cells = [
        String(row.rank), row.displayName, row.platform.shortLabel,
        Formatting.compactCount(row.followers),
        row.engagementRate.map { Formatting.percent($0) } ?? "–",
        Formatting.fixed(components.engagement, 2),
        Formatting.fixed(components.audience, 2) + (row.audienceEstimated ? "~" : ""),
        Formatting.fixed(components.niche, 2), Formatting.fixed(components.authenticity, 2),
      ]
      if hasForecast, let forecast = row.forecast {
        cells.append(Formatting.signedPercent(forecast.roiP50))
        cells.append(Formatting.fixed(forecast.probabilityOfProfit, 2))
        cells.append(
          Formatting.compactCount(forecast.cost) + (forecast.priceEstimated ? "*" : ""))
      }
      cells.append(Formatting.fixed(row.score, 1))
      cells.append(row.isSuspicious ? "!" : "")
      table.add(cells)
    }
    var text =
      summaryLines().flatMap { Formatting.wrap($0, width: width) }.joined(separator: "\n") + "\n\n"
    if ranking.rows.isEmpty {
      text += "no creator passes the brief's constraints\n"
      return text
    }
    text += table.render(width: width)
    var legend = ["~ audience partly estimated", "! fraud flag (see --explain)"]
    if hasForecast { legend.insert("* price estimated from CPM (\(currency))", at: 0) }
    text +=
      "\n" + Formatting.wrap(legend.joined(separator: "; "), width: width).joined(separator: "\n")
      + "\n"
    if let explanations {
      text += "\n"
      for (row, lines) in zip(ranking.rows, explanations) {
        text +=
          "\(row.rank). \(row.displayName) [\(row.id)] score \(Formatting.fixed(row.score, 1))\n"
        for line in lines {
          for part in Formatting.wrap("   " + line, width: width, indent: "     ") {
            text += part + "\n"
          }
        }
      }
    }
    return text
  }

  // MARK: CSV

  /// The CSV header cells.
  public var csvHeader: [String] {
    var header = [
      "rank", "id", "handle", "platform", "followers", "tier", "score", "engagement", "audience",
      "niche", "authenticity", "value", "engagement_rate", "audience_estimated", "flags",
    ]
    if ranking.plan.forecast != nil {
      header += [
        "currency", "cost", "price_estimated", "roi_p10", "roi_p50", "roi_p90", "p_roi_positive",
        "conversions", "revenue", "roas", "cpm", "cpa",
      ]
    }
    if explanations != nil { header.append("explanation") }
    return header
  }

  func csv() -> String {
    var writer = CSVWriter()
    writer.row(csvHeader)
    for (index, row) in ranking.rows.enumerated() {
      writer.row(csvCells(row, explanation: explanations?[index]))
    }
    return writer.text
  }

  /// One row's CSV cells.
  package func csvCells(_ row: RankedCreator, explanation: [String]?) -> [CSVWriter.Cell] {
    let components = row.components
    var cells: [CSVWriter.Cell] = [
      .number(String(row.rank)), .text(row.id), .text(row.handle ?? ""),
      .text(row.platform.rawValue), .number(JSONWriter.format(row.followers)),
      .text(row.tier.rawValue), .number(Self.fixed4(row.score)),
      .number(Self.fixed4(components.engagement)), .number(Self.fixed4(components.audience)),
      .number(Self.fixed4(components.niche)), .number(Self.fixed4(components.authenticity)),
      .number(components.value.map(Self.fixed4) ?? ""),
      .number(row.engagementRate.map { Formatting.fixed($0, 6) } ?? ""),
      .text(row.audienceEstimated ? "true" : "false"),
      .text(row.flagKinds.map(\.rawValue).joined(separator: "|")),
    ]
    if ranking.plan.forecast != nil, let forecast = row.forecast {
      cells += [
        .text(ranking.plan.forecast?.currency ?? ""), .number(Formatting.fixed(forecast.cost, 2)),
        .text(forecast.priceEstimated ? "true" : "false"), .number(Self.fixed4(forecast.roiP10)),
        .number(Self.fixed4(forecast.roiP50)), .number(Self.fixed4(forecast.roiP90)),
        .number(Self.fixed4(forecast.probabilityOfProfit)),
        .number(Formatting.fixed(forecast.conversions, 2)),
        .number(Formatting.fixed(forecast.revenue, 2)), .number(Self.fixed4(forecast.roas)),
        .number(Formatting.fixed(forecast.cpm, 2)), .number(Self.finiteFixed(forecast.cpa, 2)),
      ]
    }
    if let explanation { cells.append(.text(explanation.joined(separator: " | "))) }
    return cells
  }

  static func finiteFixed(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? Formatting.fixed(value, digits) : ""
  }

  // MARK: JSON

  func json() -> String {
    var json = JSONWriter(pretty: true)
    let plan = ranking.plan
    json.object { root in
      root.key("brief")
      root.object { brief in
        brief.key("id")
        brief.string(plan.brief.id)
        brief.key("brand")
        brief.string(plan.brief.brand)
        brief.key("goal")
        brief.string(plan.brief.goal.rawValue)
      }
      root.key("candidates")
      root.integer(ranking.candidates)
      root.key("eligible")
      root.integer(ranking.eligible)
      root.key("filtered")
      root.object { filtered in
        for (reason, count) in zip(FilterReason.allCases, ranking.filtered.counts) {
          filtered.key(reason.rawValue)
          filtered.integer(count)
        }
      }
      root.key("weights")
      root.object { weights in
        for (name, weight) in [
          ("engagement", plan.weights.engagement), ("audience", plan.weights.audience),
          ("niche", plan.weights.niche), ("authenticity", plan.weights.authenticity),
          ("value", plan.weights.value),
        ] {
          weights.key(name)
          weights.rawNumber(Self.fixed4(weight))
        }
      }
      root.key("notes")
      root.stringArray(plan.notes + plan.tableNotes)
      root.key("creators")
      root.array { list in
        for (index, row) in ranking.rows.enumerated() {
          writeCreator(row, explanation: explanations?[index], into: &list)
        }
      }
    }
    return json.text + "\n"
  }

  func jsonLines() -> String {
    var text = ""
    for (index, row) in ranking.rows.enumerated() {
      var json = JSONWriter()
      writeCreator(row, explanation: explanations?[index], into: &json, briefID: ranking.brief.id)
      text += json.text + "\n"
    }
    return text
  }

  /// Writes one ranked creator as a JSON object.
  package func writeCreator(
    _ row: RankedCreator, explanation: [String]?, into json: inout JSONWriter,
    briefID: String? = nil
  ) {
    json.object { object in
      if let briefID {
        object.key("brief")
        object.string(briefID)
      }
      object.key("rank")
      object.integer(row.rank)
      object.key("id")
      object.string(row.id)
      object.key("handle")
      object.string(row.handle)
      object.key("platform")
      object.string(row.platform.rawValue)
      object.key("followers")
      object.number(row.followers)
      object.key("tier")
      object.string(row.tier.rawValue)
      object.key("score")
      object.rawNumber(Self.fixed4(row.score))
      object.key("components")
      object.object { components in
        let scores = row.components
        for (name, value) in [
          ("engagement", scores.engagement), ("audience", scores.audience), ("niche", scores.niche),
          ("authenticity", scores.authenticity),
        ] {
          components.key(name)
          components.rawNumber(Self.fixed4(value))
        }
        components.key("value")
        if let value = scores.value {
          components.rawNumber(Self.fixed4(value))
        } else {
          components.null()
        }
      }
      object.key("engagement_rate")
      if let rate = row.engagementRate {
        object.rawNumber(Formatting.fixed(rate, 6))
      } else {
        object.null()
      }
      object.key("audience_estimated")
      object.bool(row.audienceEstimated)
      object.key("flags")
      object.stringArray(row.flagKinds.map(\.rawValue))
      if let forecast = row.forecast {
        object.key("forecast")
        ForecastReport.write(
          forecast, currency: ranking.plan.forecast?.currency ?? "", into: &object)
      }
      if let explanation {
        object.key("explanation")
        object.stringArray(explanation)
      }
    }
  }
}
