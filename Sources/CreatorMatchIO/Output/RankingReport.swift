import CreatorMatch

/// Renders a `Ranking` as a terminal table, CSV, JSON or JSON Lines.
///
/// Numbers are written with fixed decimals (scores and shares 4, money 2) so that the same
/// ranking always produces the same bytes, which is what lets sharded batch output merge into a
/// byte-identical result.
///
/// The CSV columns and the JSON keys of a creator are the same for every brief: the economics
/// columns are present (empty, or `"forecast": null`) when the brief has none, so the files of
/// one batch stack. Only two columns depend on how the report was asked for: `filtered_by` when
/// it reports named creators (``lookups``) and `explanation` with explanations.
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
  /// Explanations per reported creator (same order as `Ranking/rows`, or as ``lookups`` when
  /// given), when `--explain` was asked.
  public let explanations: [[String]]?
  /// Names, countries and category labels by table row.
  public let labels: CreatorLabels
  /// Named creators to report instead of the top rows (`rank --ids`), each with its rank among
  /// all eligible creators or the constraint that removed it.
  public let lookups: [CreatorLookup]?
  /// How many creators had each component measured, for the summary, when counted.
  public let coverage: EvidenceCoverage?

  /// Creates a report.
  ///
  /// - Parameters:
  ///   - ranking: The ranking (its summary counts are always reported).
  ///   - explanations: Lines per reported creator, or `nil`.
  ///   - labels: Names, countries and categories by row; ``CreatorLabels/empty`` leaves those
  ///     columns empty.
  ///   - lookups: Named creators to report instead of `Ranking/rows`, or `nil`.
  ///   - coverage: The table's evidence counts for the summary, or `nil` to leave them out.
  public init(
    ranking: Ranking, explanations: [[String]]? = nil, labels: CreatorLabels = .empty,
    lookups: [CreatorLookup]? = nil, coverage: EvidenceCoverage? = nil
  ) {
    self.ranking = ranking
    self.explanations = explanations
    self.labels = labels
    self.lookups = lookups
    self.coverage = coverage
  }

  /// The creators reported, in order, each with the constraint that removed it (named creators
  /// only; the top rows are all eligible).
  var entries: [(creator: RankedCreator, filterReason: FilterReason?)] {
    if let lookups { return lookups.map { ($0.creator, $0.filterReason) } }
    return ranking.rows.map { ($0, nil) }
  }

  /// The warning for a brief that leaves no creator eligible, naming the constraints that emptied
  /// it with their counts; `nil` when some creator is eligible.
  ///
  /// - Parameters:
  ///   - briefID: The brief's id.
  ///   - candidates: Creators in the table.
  ///   - eligible: Creators that passed every constraint.
  ///   - filtered: Creators removed by each constraint, in `FilterReason` order.
  /// - Returns: The warning text (without a "warning:" prefix), or `nil`.
  public static func noEligibleWarning(
    briefID: String, candidates: Int, eligible: Int, filtered: [Int]
  ) -> String? {
    guard eligible == 0 else { return nil }
    guard candidates > 0 else {
      return "brief \(briefID): no creator is eligible: the table is empty"
    }
    let removed = zip(FilterReason.allCases, filtered).filter { $0.1 > 0 }
      .map { "\($0.0.phrase) \(Formatting.grouped(Double($0.1)))" }
    return "brief \(briefID): no creator is eligible; the constraints removed all "
      + "\(Formatting.grouped(Double(candidates))): " + removed.joined(separator: ", ")
  }

  /// ``noEligibleWarning(briefID:candidates:eligible:filtered:)`` for this report's ranking.
  public var noEligibleWarning: String? {
    Self.noEligibleWarning(
      briefID: ranking.brief.id, candidates: ranking.candidates, eligible: ranking.eligible,
      filtered: ranking.filtered.counts)
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
      ("overlap", weights.overlap),
    ] where weight > 0 {
      parts.append("\(name) \(Formatting.fixed(weight, 2))")
    }
    lines.append("weights: " + parts.joined(separator: ", "))
    if let coverage { lines.append(Self.coverageLine(coverage, weights: weights)) }
    for note in plan.notes + plan.tableNotes { lines.append("note: " + note.text) }
    if let ties = tieLine { lines.append(ties) }
    if let warning = noEligibleWarning { lines.append("warning: " + warning) }
    return lines
  }

  /// "data: engagement measured for 150 of 200; audience measured 12, partial 40, estimated 148;
  /// …": how many creators had each scored component measured.
  static func coverageLine(_ coverage: EvidenceCoverage, weights: ComponentWeights) -> String {
    func count(_ value: Int) -> String { Formatting.grouped(Double(value)) }
    func levels(_ counts: [Int]) -> String {
      Evidence.allCases.filter { counts[Int($0.rawValue)] > 0 }
        .map { "\($0) \(count(counts[Int($0.rawValue)]))" }.joined(separator: ", ")
    }
    var parts: [String] = []
    for (name, weight, counts) in [
      ("engagement", weights.engagement, coverage.engagement),
      ("audience", weights.audience, coverage.audience), ("niche", weights.niche, coverage.niche),
      ("authenticity", weights.authenticity, coverage.authenticity),
      ("overlap", weights.overlap, coverage.overlap),
    ] where weight > 0 {
      parts.append("\(name) \(levels(counts))")
    }
    return "data (of \(count(coverage.creators)) creators): " + parts.joined(separator: "; ")
  }

  /// The ties among the reported rows, what breaks them and what data would separate them; `nil`
  /// without ties.
  var tieLine: String? {
    let rows = ranking.rows
    guard lookups == nil, rows.count > 1 else { return nil }
    var tied = 0
    var largest = 0
    var largestScore = 0.0
    var start = 0
    while start < rows.count {
      var end = start + 1
      while end < rows.count && rows[end].score == rows[start].score { end += 1 }
      if end - start > 1 {
        tied += end - start
        if end - start > largest { (largest, largestScore) = (end - start, rows[start].score) }
      }
      start = end
    }
    guard tied > 0 else { return nil }
    var missing: [String] = []
    let weights = ranking.plan.weights
    if weights.engagement > 0, rows.contains(where: { $0.evidence.engagement != .measured }) {
      missing.append("engagement counts (likes, comments)")
    }
    if weights.audience > 0, rows.contains(where: { $0.evidence.audience != .measured }) {
      missing.append("audience shares (countries, gender, ages)")
    }
    if weights.niche > 0, rows.contains(where: { $0.evidence.niche != .measured }) {
      missing.append("bios or post text")
    }
    if rows.contains(where: { $0.forecast?.priceEstimated == true }) {
      missing.append("rate cards")
    }
    return "ties: \(tied) of the \(rows.count) listed share their score with another creator "
      + "(largest group \(largest) at \(Formatting.fixed(largestScore, 1))); ordered by measured "
      + "inputs, then followers, then id"
      + (missing.isEmpty ? "" : "; " + missing.joined(separator: ", ") + " would separate them")
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
    let hasBrand = ranking.plan.weights.overlap > 0
    if hasBrand {
      columns.append(.init(title: "ovl", alignRight: true, dropPriority: 6))
      columns.append(.init(title: "affinity", alignRight: true, dropPriority: 8))
      columns.append(.init(title: "new", alignRight: true, dropPriority: 5))
    }
    if hasForecast {
      columns.append(.init(title: "P50 ROI", alignRight: true))
      columns.append(.init(title: "P(>0)", alignRight: true, dropPriority: 9))
      columns.append(.init(title: "cost", alignRight: true, dropPriority: 8))
    }
    columns.append(.init(title: "score", alignRight: true))
    columns.append(.init(title: "!", minimumWidth: 1))
    if lookups != nil { columns.append(.init(title: "filtered by")) }
    var table = TextTable(columns: columns)
    let currency = ranking.plan.forecast?.currency ?? ""
    let entries = self.entries
    for (row, reason) in entries {
      let components = row.components
      var cells = [
        reason == nil ? String(row.rank) : "–", row.displayName, row.platform.shortLabel,
        Formatting.compactCount(row.followers),
        row.engagementRate.map { Formatting.percent($0) } ?? "–",
        Formatting.fixed(components.engagement, 2) + Self.mark(row.evidence.engagement),
        Formatting.fixed(components.audience, 2) + Self.mark(row.evidence.audience),
        Formatting.fixed(components.niche, 2) + Self.mark(row.evidence.niche),
        Formatting.fixed(components.authenticity, 2) + Self.mark(row.evidence.authenticity),
      ]
      if hasBrand {
        cells.append(
          Formatting.fixed(components.overlap ?? 0, 2)
            + (row.evidence.overlap.map(Self.mark) ?? ""))
        cells.append(row.brandOverlap.map(Self.compactAffinity) ?? "–")
        cells.append(
          row.brandOverlap.map { Formatting.percent($0.newToBrand, digits: 0) } ?? "–")
      }
      if hasForecast, let forecast = row.forecast {
        cells.append(Formatting.signedPercent(forecast.roiP50))
        cells.append(Formatting.fixed(forecast.probabilityOfProfit, 2))
        cells.append(
          Formatting.compactCount(forecast.cost) + (forecast.priceEstimated ? "*" : ""))
      }
      cells.append(Formatting.fixed(row.score, 1))
      cells.append(row.flags != 0 ? "!" : "")
      if lookups != nil { cells.append(reason?.rawValue ?? "") }
      table.add(cells)
    }
    var text =
      summaryLines().flatMap { Formatting.wrap($0, width: width) }.joined(separator: "\n") + "\n\n"
    if entries.isEmpty {
      text += "no creator passes the brief's constraints\n"
      return text
    }
    text += table.render(width: width)
    var legend = [
      Self.markLegend,
      "! warning flags (flags column, --explain)",
    ]
    if hasForecast { legend.insert("* price estimated from CPM (\(currency))", at: 0) }
    text +=
      "\n" + Formatting.wrap(legend.joined(separator: "; "), width: width).joined(separator: "\n")
      + "\n"
    if let explanations {
      text += "\n"
      for ((row, reason), lines) in zip(entries, explanations) {
        text +=
          "\(reason == nil ? "\(row.rank)." : "–") \(TextTable.printable(row.displayName)) "
          + "[\(TextTable.printable(row.id))] score "
          + "\(Formatting.fixed(row.score, 1))\n"
        for line in lines {
          for part in Formatting.wrap("   " + line, width: width, indent: "     ") {
            text += part + "\n"
          }
        }
      }
    }
    return text
  }

  /// What the marks after a component mean, for the legends of the table and the HTML report.
  static let markLegend = "~ estimated from a prior, p partial data, ? no creator has the data"

  /// "38%" for an exact affinity, "38%±2" with the estimator's standard error in points.
  static func compactAffinity(_ overlap: BrandOverlap) -> String {
    let value = Formatting.percent(overlap.affinity, digits: 0)
    return overlap.exact ? value : value + "±" + Formatting.fixed(overlap.error * 100, 0)
  }

  /// The table's mark after a component: none when measured, `p` partial, `~` estimated, `?`
  /// absent.
  static func mark(_ evidence: Evidence) -> String {
    switch evidence {
    case .measured: ""
    case .partial: "p"
    case .estimated: "~"
    case .absent: "?"
    }
  }

  // MARK: CSV

  /// The columns every ranking CSV has, whatever the brief: identity, components, the
  /// economics columns (empty without economics) and the brand-audience columns (empty without
  /// a brand audience), so that files of different briefs stack.
  public static let csvColumns = scoreColumns + brandColumns

  /// The identity, component and economics columns.
  static let scoreColumns = [
    "rank", "brief_id", "id", "handle", "name", "platform", "followers", "tier", "country",
    "categories", "score", "engagement", "audience", "niche", "authenticity", "value",
    "engagement_rate", "engagement_evidence", "audience_evidence", "niche_evidence",
    "authenticity_evidence", "value_evidence", "flags", "currency", "cost", "price_estimated",
    "roi_p10", "roi_p50", "roi_p90", "p_roi_positive", "conversions", "revenue", "roas", "cpm",
    "cpa",
  ]

  /// The brand-audience columns, last: the overlap component and its evidence, the affinity
  /// (share of the creator's audience in the brand's), its standard error and the new-to-brand
  /// share.
  static let brandColumns = [
    "overlap", "overlap_evidence", "brand_affinity", "brand_affinity_error", "new_to_brand",
  ]

  /// The CSV header cells: ``csvColumns``, then `filtered_by` when reporting named creators and
  /// `explanation` with explanations.
  public var csvHeader: [String] {
    var header = Self.csvColumns
    if lookups != nil { header.append("filtered_by") }
    if explanations != nil { header.append("explanation") }
    return header
  }

  func csv() -> String {
    var writer = CSVWriter()
    writer.row(csvHeader)
    for (index, entry) in entries.enumerated() {
      writer.row(
        csvCells(
          entry.creator, explanation: explanations?[index], filterReason: entry.filterReason))
    }
    return writer.text
  }

  /// One row's CSV cells, in ``csvHeader`` order.
  ///
  /// - Parameters:
  ///   - row: The creator.
  ///   - explanation: Its explanation lines (joined with ` | `), or `nil` without explanations.
  ///   - filterReason: The constraint that removed a named creator (its rank cell is then empty).
  /// - Returns: The cells.
  package func csvCells(
    _ row: RankedCreator, explanation: [String]?, filterReason: FilterReason? = nil
  ) -> [CSVWriter.Cell] {
    let components = row.components
    var cells: [CSVWriter.Cell] = [
      .number(filterReason == nil ? String(row.rank) : ""), .text(ranking.brief.id), .text(row.id),
      .text(row.handle ?? ""), .text(labels.name(row.row) ?? ""), .text(row.platform.rawValue),
      .number(JSONWriter.format(row.followers)), .text(row.tier.rawValue),
      .text(labels.country(row.row) ?? ""),
      .text(labels.categories(row.row).joined(separator: "|")), .number(Self.fixed4(row.score)),
      .number(Self.fixed4(components.engagement)), .number(Self.fixed4(components.audience)),
      .number(Self.fixed4(components.niche)), .number(Self.fixed4(components.authenticity)),
      .number(components.value.map(Self.fixed4) ?? ""),
      .number(row.engagementRate.map { Formatting.fixed($0, 6) } ?? ""),
      .text(row.evidence.engagement.description), .text(row.evidence.audience.description),
      .text(row.evidence.niche.description), .text(row.evidence.authenticity.description),
      .text(row.evidence.value?.description ?? ""),
      .text(row.flagKinds.map(\.rawValue).joined(separator: "|")),
    ]
    if let forecast = row.forecast {
      cells += [
        .text(ranking.plan.forecast?.currency ?? ""), .number(Formatting.fixed(forecast.cost, 2)),
        .text(forecast.priceEstimated ? "true" : "false"), .number(Self.fixed4(forecast.roiP10)),
        .number(Self.fixed4(forecast.roiP50)), .number(Self.fixed4(forecast.roiP90)),
        .number(Self.fixed4(forecast.probabilityOfProfit)),
        .number(Formatting.fixed(forecast.conversions, 2)),
        .number(Formatting.fixed(forecast.revenue, 2)), .number(Self.fixed4(forecast.roas)),
        .number(Formatting.fixed(forecast.cpm, 2)), .number(Self.finiteFixed(forecast.cpa, 2)),
      ]
    } else {
      cells += Array(repeating: .text(""), count: Self.scoreColumns.count - cells.count)
    }
    let overlap = row.brandOverlap
    cells += [
      .number(row.components.overlap.map(Self.fixed4) ?? ""),
      .text(row.evidence.overlap?.description ?? ""),
      .number(overlap.map { Formatting.fixed($0.affinity, 4) } ?? ""),
      .number(overlap.map { Formatting.fixed($0.error, 4) } ?? ""),
      .number(overlap.map { Formatting.fixed($0.newToBrand, 4) } ?? ""),
    ]
    if lookups != nil { cells.append(.text(filterReason?.rawValue ?? "")) }
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
          ("value", plan.weights.value), ("overlap", plan.weights.overlap),
        ] {
          weights.key(name)
          weights.rawNumber(Self.fixed4(weight))
        }
      }
      root.key("notes")
      root.stringArray((plan.notes + plan.tableNotes).map(\.text))
      root.key("data")
      if let coverage {
        root.object { data in
          data.key("creators")
          data.integer(coverage.creators)
          for (name, counts) in [
            ("engagement", coverage.engagement), ("audience", coverage.audience),
            ("niche", coverage.niche), ("authenticity", coverage.authenticity),
          ] {
            data.key(name)
            data.object { levels in
              for level in Evidence.allCases {
                levels.key(level.description)
                levels.integer(counts[Int(level.rawValue)])
              }
            }
          }
        }
      } else {
        root.null()
      }
      root.key("ties")
      root.string(tieLine)
      root.key("warnings")
      root.stringArray(noEligibleWarning.map { [$0] } ?? [])
      root.key("creators")
      root.array { list in
        for (index, entry) in entries.enumerated() {
          writeCreator(
            entry.creator, explanation: explanations?[index], into: &list,
            filterReason: entry.filterReason)
        }
      }
    }
    return json.text + "\n"
  }

  func jsonLines() -> String {
    var text = ""
    for (index, entry) in entries.enumerated() {
      var json = JSONWriter()
      writeCreator(
        entry.creator, explanation: explanations?[index], into: &json, briefID: ranking.brief.id,
        filterReason: entry.filterReason)
      text += json.text + "\n"
    }
    return text
  }

  /// Writes one ranked creator as a JSON object with the same keys for every brief
  /// (`"forecast": null` without economics).
  ///
  /// - Parameters:
  ///   - row: The creator.
  ///   - explanation: Its explanation lines, or `nil` without explanations.
  ///   - json: The writer.
  ///   - briefID: The brief's id, written first as `brief_id` (JSON Lines), or `nil`.
  ///   - filterReason: The constraint that removed a named creator (its rank is then `null`).
  package func writeCreator(
    _ row: RankedCreator, explanation: [String]?, into json: inout JSONWriter,
    briefID: String? = nil, filterReason: FilterReason? = nil
  ) {
    json.object { object in
      if let briefID {
        object.key("brief_id")
        object.string(briefID)
      }
      object.key("rank")
      if filterReason == nil { object.integer(row.rank) } else { object.null() }
      object.key("id")
      object.string(row.id)
      object.key("handle")
      object.string(row.handle)
      object.key("name")
      object.string(labels.name(row.row))
      object.key("platform")
      object.string(row.platform.rawValue)
      object.key("followers")
      object.number(row.followers)
      object.key("tier")
      object.string(row.tier.rawValue)
      object.key("country")
      object.string(labels.country(row.row))
      object.key("categories")
      object.stringArray(labels.categories(row.row))
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
        components.key("overlap")
        if let value = scores.overlap {
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
      object.key("evidence")
      object.object { evidence in
        for (name, value) in [
          ("engagement", row.evidence.engagement), ("audience", row.evidence.audience),
          ("niche", row.evidence.niche), ("authenticity", row.evidence.authenticity),
        ] {
          evidence.key(name)
          evidence.string(value.description)
        }
        evidence.key("value")
        evidence.string(row.evidence.value?.description)
        evidence.key("overlap")
        evidence.string(row.evidence.overlap?.description)
      }
      object.key("flags")
      object.stringArray(row.flagKinds.map(\.rawValue))
      object.key("brand_audience")
      if let overlap = row.brandOverlap {
        object.object { brand in
          brand.key("id")
          brand.string(ranking.plan.brand?.id)
          brand.key("affinity")
          brand.rawNumber(Self.fixed4(overlap.affinity))
          brand.key("affinity_error")
          brand.rawNumber(Self.fixed4(overlap.error))
          brand.key("new_to_brand")
          brand.rawNumber(Self.fixed4(overlap.newToBrand))
          brand.key("shared")
          brand.rawNumber(Formatting.fixed(overlap.shared, 0))
          brand.key("audience")
          brand.rawNumber(Formatting.fixed(overlap.audience, 0))
          brand.key("exact")
          brand.bool(overlap.exact)
        }
      } else {
        object.null()
      }
      object.key("forecast")
      if let forecast = row.forecast {
        ForecastReport.write(
          forecast, currency: ranking.plan.forecast?.currency ?? "", into: &object)
      } else {
        object.null()
      }
      if lookups != nil {
        object.key("filtered_by")
        object.string(filterReason?.rawValue)
      }
      if let explanation {
        object.key("explanation")
        object.stringArray(explanation)
      }
    }
  }
}
