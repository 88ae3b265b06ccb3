import CreatorMatch
import Foundation

extension ForecastPlan {
  /// One step of the funnel with its value and where the assumption came from.
  package struct FunnelStep: Sendable, Equatable {
    /// What the step is ("× CTR").
    package var label: String
    /// Its value, formatted.
    package var value: String
    /// Where it came from: `brief`, `data`, `default`, or the formula.
    package var source: String
  }

  /// The forecast for `row` as funnel steps, each with its value and source (`--explain`).
  package func funnel(
    row: Int, forecast: CreatorForecast, audience: [AudiencePlan.DimensionFit], table: CreatorTable
  ) -> [FunnelStep] {
    func money(_ value: Double) -> String { Formatting.money(value, currency: currency) }
    func count(_ value: Double) -> String { Formatting.grouped(value, digits: value < 100 ? 2 : 0) }
    let economics = self.economics
    var steps: [FunnelStep] = []
    switch forecast.impressionSource {
    case .views:
      steps.append(
        FunnelStep(
          label: "impressions per post", value: count(forecast.impressionsPerPost),
          source: "avg views per post (data)"))
    case .reach:
      let rate = forecast.reachRate ?? 0
      steps.append(
        FunnelStep(
          label: "impressions per post", value: count(forecast.impressionsPerPost),
          source:
            "\(Formatting.grouped(table.followers[row])) followers × reach \(Formatting.percent(rate)) "
            + (economics.reachRate == nil ? "(default for the size)" : "(brief reach_rate)")))
    }
    steps.append(
      FunnelStep(
        label: "× posts", value: String(forecast.posts),
        source: economics.postsPerCreator == 1
          ? "brief posts_per_creator or 1" : "brief posts_per_creator"))
    steps.append(
      FunnelStep(
        label: "× real audience", value: Formatting.percent(forecast.realShare, digits: 0),
        source: forecast.realShare < 1
          ? "measured real-audience share (data)" : "not measured, 100%"))
    let audienceText =
      audience.isEmpty
      ? "the brief targets no audience" : AudiencePlan.describe(audience) + " (data)"
    steps.append(
      FunnelStep(
        label: "× on target", value: Formatting.percent(forecast.onTargetShare),
        source: audienceText))
    steps.append(
      FunnelStep(
        label: "× CTR", value: Formatting.percent(clickThroughRate, digits: 2),
        source: economics.clickThroughRate == nil
          ? "default 0.9% (weak prior)" : "brief click_through_rate"))
    steps.append(
      FunnelStep(
        label: "× engagement lift", value: Formatting.fixed(forecast.engagementLift, 2),
        source: forecast.liftTrusted
          ? "exp(0.5·(θ − μ)) = exp(0.5·(\(Formatting.fixed(Double(table.thetas[row]), 2)) − "
            + "(\(Formatting.fixed(Double(table.peerMeans[row]), 2))))) (data)"
          : "none: engagement far above peers is not trusted (authenticity flag)"))
    steps.append(
      FunnelStep(label: "= clicks", value: count(forecast.clicks), source: "product of the above"))
    steps.append(
      FunnelStep(
        label: "× CVR", value: Formatting.percent(conversionRate, digits: 2),
        source: economics.conversionRate == nil ? "default 2%" : "brief conversion_rate"))
    steps.append(
      FunnelStep(label: "= conversions", value: count(forecast.conversions), source: "first orders")
    )
    steps.append(
      FunnelStep(
        label: "× average order value", value: money(economics.averageOrderValue),
        source: "brief average_order_value"))
    steps.append(
      FunnelStep(label: "= revenue", value: money(forecast.revenue), source: "first orders"))
    steps.append(
      FunnelStep(
        label: "× margin × (1 + repeat)",
        value:
          "\(Formatting.fixed(economics.grossMargin, 2)) × \(Formatting.fixed(1 + economics.repeatPurchases, 2))",
        source: "brief gross_margin, repeat_purchases"))
    steps.append(
      FunnelStep(label: "= lifetime profit", value: money(forecast.lifetimeProfit), source: "P50"))
    let priceSource: String
    switch forecast.priceSource {
    case .rateCard: priceSource = "rate card (data)"
    case .convertedRateCard:
      priceSource =
        "rate card \(table.currency(of: row) ?? "") \(Formatting.grouped(Double(table.prices[row]))) converted at reference FX (data)"
    case .estimated:
      let platform = Platform.allCases[Int(table.platforms[row])]
      let cpm = PriceEstimate.cpm(platform: platform, followers: table.followers[row])
      let market = self.market(row: row, table: table)
      priceSource =
        "estimated: CPM USD \(Formatting.fixed(cpm, 1)) for \(platform.rawValue) at "
        + "\(Formatting.compactCount(table.followers[row])) followers × "
        + Self.describe(market) + " × impressions (default)"
    }
    steps.append(
      FunnelStep(label: "price per post", value: money(forecast.pricePerPost), source: priceSource))
    steps.append(
      FunnelStep(
        label: "cost", value: money(forecast.cost),
        source: "\(forecast.posts) × price + \(money(economics.fixedCostPerCreator)) fixed (brief)")
    )
    steps.append(
      FunnelStep(
        label: "ROI (P50)", value: Formatting.signedPercent(forecast.roiP50),
        source: "(profit − cost) / cost"))
    steps.append(
      FunnelStep(
        label: "ROI band",
        value:
          "P10 \(Formatting.signedPercent(forecast.roiP10)), P90 \(Formatting.signedPercent(forecast.roiP90))",
        source: "ln(profit/cost) sd \(Formatting.fixed(forecast.logSD, 2)) = √(impressions "
          + "\(forecast.impressionSource == .views ? "0.2²" : "0.5²") + CTR 0.5² + CVR 0.5² + 0.25·v"
          + (forecast.costLogSD > 0 ? Self.priceVarianceTerm(forecast.costLogSD) : "") + ")"))
    steps.append(
      FunnelStep(
        label: "P(ROI > 0)", value: Formatting.fixed(forecast.probabilityOfProfit, 3),
        source: "Φ(ln(profit/cost) / sd)"))
    steps.append(
      FunnelStep(
        label: "ROAS / CPM / CPE / CPA",
        value:
          "\(Formatting.fixed(forecast.roas, 2)) / \(money(forecast.cpm)) / \(money(forecast.cpe)) / \(money(forecast.cpa))",
        source: "revenue ÷ cost; cost per 1,000 impressions, engagement, order"))
    return steps
  }

  /// The market scaling of an estimated price in words, saying where the country came from.
  static func describe(_ market: MarketPriceLevel.Market) -> String {
    let origin: String
    switch market.source {
    case .creatorCountry: origin = "creator's country"
    case .audienceCountry: origin = "audience's top country"
    case .briefMarket: origin = "brief's market"
    case .unknown: return "price level 1.00 (no market known: US rates)"
    }
    let code = market.country ?? "?"
    if market.listed {
      return "price level \(code) \(Formatting.fixed(market.ratio, 2)) (\(origin))"
    }
    return
      "price level \(Formatting.fixed(market.ratio, 2)) (\(code), \(origin), not listed: median)"
  }

  /// The price terms of the ROI band's variance: the estimate's 0.4² and the market's σ².
  static func priceVarianceTerm(_ costLogSD: Double) -> String {
    let base = PriceEstimate.estimatedPriceLogSD
    let market = max(costLogSD * costLogSD - base * base, 0).squareRoot()
    return " + price \(Formatting.fixed(base, 1))²"
      + (market > 1e-9 ? " + market \(Formatting.fixed(market, 1))²" : "")
  }
}
