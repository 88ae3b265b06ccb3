import CreatorMatch

/// Renders the `roi` command's result: a per-creator forecast table and the portfolio total, each
/// with its band, as a terminal table, CSV or JSON.
public struct ForecastTable: Sendable {
  /// One forecast row.
  public struct Row: Sendable {
    /// Creator id.
    public var id: String
    /// Handle or id, for display.
    public var name: String
    /// The forecast.
    public var forecast: CreatorForecast

    /// Creates a row.
    public init(id: String, name: String, forecast: CreatorForecast) {
      self.id = id
      self.name = name
      self.forecast = forecast
    }
  }

  /// The brief's id.
  public var briefID: String
  /// The currency of all amounts.
  public var currency: String
  /// The rows, in the order chosen.
  public var rows: [Row]
  /// The portfolio simulation.
  public var portfolio: PortfolioSimulation.Result
  /// The brief's budget, if any.
  public var budget: Double?
  /// Notes (defaults used, ids not found).
  public var notes: [String]

  /// Creates a report.
  public init(
    briefID: String, currency: String, rows: [Row], portfolio: PortfolioSimulation.Result,
    budget: Double?, notes: [String]
  ) {
    self.briefID = briefID
    self.currency = currency
    self.rows = rows
    self.portfolio = portfolio
    self.budget = budget
    self.notes = notes
  }

  /// The terminal table with the portfolio summary below it.
  public func table(width: Int) -> String {
    var table = TextTable(columns: [
      .init(title: "#", alignRight: true),
      .init(title: "creator", flexible: true, minimumWidth: 12),
      .init(title: "cost", alignRight: true),
      .init(title: "orders", alignRight: true, dropPriority: 3),
      .init(title: "ROI P10", alignRight: true, dropPriority: 5),
      .init(title: "P50", alignRight: true),
      .init(title: "P90", alignRight: true, dropPriority: 5),
      .init(title: "P(>0)", alignRight: true),
      .init(title: "ROAS", alignRight: true, dropPriority: 2),
      .init(title: "CPA", alignRight: true, dropPriority: 4),
    ])
    var totalCost = 0.0
    for (index, row) in rows.enumerated() {
      let forecast = row.forecast
      totalCost += forecast.cost
      table.add([
        String(index + 1), row.name,
        Formatting.compactCount(forecast.cost) + (forecast.priceEstimated ? "*" : ""),
        Formatting.fixed(forecast.conversions, 1), Formatting.signedPercent(forecast.roiP10),
        Formatting.signedPercent(forecast.roiP50), Formatting.signedPercent(forecast.roiP90),
        Formatting.fixed(forecast.probabilityOfProfit, 2), Formatting.fixed(forecast.roas, 2),
        forecast.cpa.isFinite ? Formatting.compactCount(forecast.cpa) : "–",
      ])
    }
    var lines = [
      "forecast for brief \(briefID), amounts in \(currency), P50 with P10–P90 bands"
    ]
    lines.append(contentsOf: notes.map { "note: " + $0 })
    var text = lines.flatMap { Formatting.wrap($0, width: width) }.joined(separator: "\n") + "\n\n"
    text += table.render(width: width)
    text += "\n"
    let portfolioLines = portfolioSummary()
    text +=
      portfolioLines.flatMap { Formatting.wrap($0, width: width) }.joined(separator: "\n") + "\n"
    if rows.contains(where: { $0.forecast.priceEstimated }) {
      text += Self.estimatedPriceNoteLines.joined(separator: "\n  ") + "\n"
    }
    return text
  }

  /// The footnote of an estimated price, in the two lines the terminal table prints (the HTML
  /// report joins them).
  static let estimatedPriceNoteLines = [
    "* price estimated from the platform CPM by followers and the market's price level (its cost",
    "carries a ×/÷ 1.5 error, up to ×/÷ 1.9 with the market's)",
  ]

  /// The portfolio lines: cost, orders, profit, ROI band, P(ROI > 0), budget use.
  public func portfolioSummary() -> [String] {
    let p = portfolio
    func money(_ band: PortfolioSimulation.Band) -> String {
      "\(Formatting.money(band.p50, currency: currency)) (P10 \(Formatting.grouped(band.p10)), "
        + "P90 \(Formatting.grouped(band.p90)))"
    }
    var lines = [
      "portfolio of \(rows.count) creators (Monte Carlo, \(Formatting.grouped(Double(p.samples))) "
        + "samples, seed \(p.seed)):",
      "  cost \(money(p.cost))",
      "  orders \(Formatting.fixed(p.conversions.p50, 1)) (P10 \(Formatting.fixed(p.conversions.p10, 1)), "
        + "P90 \(Formatting.fixed(p.conversions.p90, 1)))",
      "  lifetime profit \(money(p.profit))",
      "  ROI \(Formatting.signedPercent(p.roi.p50)) (P10 \(Formatting.signedPercent(p.roi.p10)), "
        + "P90 \(Formatting.signedPercent(p.roi.p90))); P(ROI > 0) = \(Formatting.fixed(p.probabilityOfProfit, 3))",
    ]
    if let budget {
      let share = p.cost.p50 / budget
      lines.append(
        "  budget \(Formatting.money(budget, currency: currency)): "
          + (share <= 1
            ? "the portfolio's median cost uses \(Formatting.percent(share, digits: 0))"
            : "the portfolio's median cost exceeds it by \(Formatting.percent(share - 1, digits: 0))")
      )
    }
    return lines
  }

  /// CSV: one row per creator, then a `portfolio` row.
  public func csv() -> String {
    var writer = CSVWriter()
    writer.row([
      "rank", "id", "currency", "cost", "price_estimated", "conversions", "lifetime_profit",
      "roi_p10",
      "roi_p50", "roi_p90", "p_roi_positive", "roas", "cpm", "cpe", "cpa",
    ])
    func fixed(_ value: Double, _ digits: Int) -> CSVWriter.Cell {
      .number(value.isFinite ? Formatting.fixed(value, digits) : "")
    }
    for (index, row) in rows.enumerated() {
      let f = row.forecast
      writer.row([
        .number(String(index + 1)), .text(row.id), .text(currency), fixed(f.cost, 2),
        .text(f.priceEstimated ? "true" : "false"), fixed(f.conversions, 4),
        fixed(f.lifetimeProfit, 2),
        fixed(f.roiP10, 4), fixed(f.roiP50, 4), fixed(f.roiP90, 4), fixed(f.probabilityOfProfit, 4),
        fixed(f.roas, 4), fixed(f.cpm, 2), fixed(f.cpe, 4), fixed(f.cpa, 2),
      ])
    }
    let p = portfolio
    writer.row([
      .text("portfolio"), .text(""), .text(currency), fixed(p.cost.p50, 2), .text(""),
      fixed(p.conversions.p50, 4), fixed(p.profit.p50, 2), fixed(p.roi.p10, 4), fixed(p.roi.p50, 4),
      fixed(p.roi.p90, 4), fixed(p.probabilityOfProfit, 4), .text(""), .text(""), .text(""),
      .text(""),
    ])
    return writer.text
  }

  /// JSON with the creators and the portfolio.
  public func json() -> String {
    var json = JSONWriter(pretty: true)
    func band(_ value: PortfolioSimulation.Band, into writer: inout JSONWriter, digits: Int) {
      writer.object { object in
        for (name, number) in [("p10", value.p10), ("p50", value.p50), ("p90", value.p90)] {
          object.key(name)
          object.rawNumber(number.isFinite ? Formatting.fixed(number, digits) : "null")
        }
      }
    }
    json.object { root in
      root.key("brief")
      root.string(briefID)
      root.key("currency")
      root.string(currency)
      root.key("notes")
      root.stringArray(notes)
      root.key("creators")
      root.array { list in
        for row in rows {
          list.object { object in
            object.key("id")
            object.string(row.id)
            object.key("forecast")
            ForecastReport.write(row.forecast, currency: currency, into: &object)
          }
        }
      }
      root.key("portfolio")
      root.object { object in
        object.key("samples")
        object.integer(portfolio.samples)
        object.key("seed")
        object.rawNumber(String(portfolio.seed))
        object.key("cost")
        band(portfolio.cost, into: &object, digits: 2)
        object.key("conversions")
        band(portfolio.conversions, into: &object, digits: 4)
        object.key("lifetime_profit")
        band(portfolio.profit, into: &object, digits: 2)
        object.key("roi")
        band(portfolio.roi, into: &object, digits: 4)
        object.key("p_roi_positive")
        object.rawNumber(Formatting.fixed(portfolio.probabilityOfProfit, 4))
        object.key("budget")
        object.number(budget)
      }
    }
    return json.text + "\n"
  }
}
