import CreatorMatchSupport
import Foundation

/// A brief's economics compiled for forecasting every creator (<doc:ROIForecast>).
///
/// For a creator with on-target share s, real-audience share r (1 when unmeasured) and engagement
/// lift L = exp(0.5·(θ − μ)):
///
///     I       = avg views (tiktok, youtube, when known) or followers × reach rate
///     clicks  = P · I · r · s · CTR · L      conversions = clicks · CVR
///     revenue = conversions · AOV            profit = revenue · margin · (1 + repeat)
///     cost    = P · price + fixed            ROI = (profit − cost) / cost
///
/// Two refinements of a plain funnel: bots do not buy, so reach is discounted by the measured
/// real-audience share r; and engagement flagged as far above peers (likely bought) earns no
/// lift (L = 1), so fraud cannot buy itself a better forecast.
///
/// Uncertainty: ln I, ln CTR and ln CVR carry normal errors (σ 0.5 each; σ_I 0.2 when views are
/// known), plus 0.25·v from the engagement posterior (CTR scales with exp(0.5 θ)), plus 0.4 on
/// ln cost when the price is estimated and the market scaling's own error σ_m (0 for the US, 0.3
/// for a listed country, 0.5 otherwise; ``MarketPriceLevel``). So ln(profit/cost) is normal with
/// s² = σ_I² + σ_CTR² + σ_CVR² + 0.25 v (+ 0.4² + σ_m²), and with z_q the normal quantile:
/// ROI_q = (profit/cost)·exp(z_q·s) − 1 and P(ROI > 0) = Φ(ln(profit/cost) / s).
///
/// The CTR and CVR errors belong to the brand (its creative, its shop) and are shared by every
/// creator of a brief; ``PortfolioSimulation`` draws them once per sample, which is why a
/// portfolio is not as diversified as independent creators would suggest.
///
/// ```swift
/// let plan = ForecastPlan(economics: economics, brief: brief, table: table)
/// let forecast = plan.forecast(row: 42, onTargetShare: 0.7, table: table)
/// forecast.roiP50, forecast.probabilityOfProfit
/// ```
public struct ForecastPlan: Sendable {
  /// The economics.
  public let economics: CampaignEconomics
  /// The brief's id (it seeds the Monte Carlo streams).
  public let briefID: String
  /// The brief's currency.
  public let currency: String
  /// CTR used (the brief's or the 0.9% default).
  public let clickThroughRate: Double
  /// CVR used (the brief's or the 2% default).
  public let conversionRate: Double
  /// Where each input of the funnel came from (the brief or a default), for `--explain`.
  public let assumptions: [ForecastAssumption]
  /// Notes for the output (defaults used, an exchange rate missing).
  public let notes: [PlanNote]
  /// The brief's market for estimated prices of creators whose own and audience country are
  /// unknown: its first target country, else its first allowed creator country.
  public let briefMarket: MarketPriceLevel.Market

  let rates: CurrencyRates
  let usdToBrief: Double?
  /// The log-space value kernel for this brief and table.
  package let kernel: ValueKernel

  /// σ of ln CTR and of ln CVR.
  public static let rateLogSD = 0.5
  /// σ of ln impressions without views.
  public static let impressionLogSD = 0.5
  /// σ of ln impressions when average views are known.
  public static let viewsLogSD = 0.2
  /// Variance of the brand-level errors shared by all creators of a brief: σ_CTR² + σ_CVR².
  public static let sharedLogVariance = 2 * rateLogSD * rateLogSD
  /// Default CTR, a weak prior: 0.9%.
  public static let defaultClickThroughRate = 0.009
  /// Default CVR: 2%.
  public static let defaultConversionRate = 0.02

  /// Compiles the economics of `brief` for `table`.
  public init(
    economics: CampaignEconomics, brief: CampaignBrief, table: CreatorTable,
    rates: CurrencyRates = .reference
  ) {
    self.briefID = brief.id
    self.economics = economics
    currency = economics.currency
    clickThroughRate = economics.clickThroughRate ?? Self.defaultClickThroughRate
    conversionRate = economics.conversionRate ?? Self.defaultConversionRate
    self.rates = rates
    usdToBrief = rates.factor(from: "USD", to: economics.currency)
    // Repeat purchases and posts per creator default (0 and 1) when the brief is decoded.
    assumptions = [
      ForecastAssumption(.averageOrderValue, .brief), ForecastAssumption(.grossMargin, .brief),
      ForecastAssumption(
        .clickThroughRate,
        economics.clickThroughRate == nil ? .defaultValue(Self.defaultClickThroughRate) : .brief),
      ForecastAssumption(
        .conversionRate,
        economics.conversionRate == nil ? .defaultValue(Self.defaultConversionRate) : .brief),
      ForecastAssumption(.reachRate, economics.reachRate == nil ? .defaultByFollowers : .brief),
      ForecastAssumption(.repeatPurchases, .briefOrDefault(0)),
      ForecastAssumption(.postsPerCreator, .briefOrDefault(1)),
    ]
    var notes: [PlanNote] = []
    if economics.clickThroughRate == nil {
      notes.append(.defaultClickThroughRate(Self.defaultClickThroughRate))
    }
    if economics.conversionRate == nil {
      notes.append(.defaultConversionRate(Self.defaultConversionRate))
    }
    if usdToBrief == nil { notes.append(.missingExchangeRate(currency: economics.currency)) }
    self.notes = notes
    let briefMarket = MarketPriceLevel.market(
      country: brief.audience.countries.first ?? brief.constraints.creatorCountries.first,
      source: .briefMarket)
    self.briefMarket = briefMarket
    kernel = ValueKernel(
      economics: economics, clickThroughRate: clickThroughRate, conversionRate: conversionRate,
      currency: economics.currency, rates: rates, usdToBrief: usdToBrief,
      briefMarket: briefMarket, table: table)
  }

  /// The price per post of `row` in the brief's currency and its source.
  public func price(row: Int, impressionsPerPost: Double, table: CreatorTable) -> (
    Double, CreatorForecast.PriceSource
  ) {
    let quoted = table.prices[row]
    if !quoted.isNaN {
      let creatorCurrency = table.currency(of: row) ?? currency
      if creatorCurrency == currency { return (Double(quoted), .rateCard) }
      if let factor = rates.factor(from: creatorCurrency, to: currency) {
        return (Double(quoted) * factor, .convertedRateCard)
      }
    }
    let platform = Platform.allCases[Int(table.platforms[row])]
    let cpmUSD = PriceEstimate.cpm(platform: platform, followers: table.followers[row])
    let ratio = market(row: row, table: table).ratio
    return (cpmUSD * ratio * (usdToBrief ?? 1) * impressionsPerPost / 1_000, .estimated)
  }

  /// The market whose price level scales `row`'s estimated price: the creator's own country,
  /// else its audience's top country, else ``briefMarket``.
  /// - Parameters:
  ///   - row: A row of `table`.
  ///   - table: The table the plan was compiled for.
  /// - Returns: The market, its ratio and its error.
  public func market(row: Int, table: CreatorTable) -> MarketPriceLevel.Market {
    let own = HotColumns.market(
      row, countries: table.countries, audience: table.audienceCountries)
    return own.source == .briefMarket || own.source == .unknown ? briefMarket : own
  }

  /// The forecast for `row` given its on-target share.
  public func forecast(row: Int, onTargetShare: Double, table: CreatorTable) -> CreatorForecast {
    let posts = Double(economics.postsPerCreator)
    let platform = Platform.allCases[Int(table.platforms[row])]
    let views = table.views[row]
    let impressions: Double
    let source: CreatorForecast.ImpressionSource
    var reach: Double?
    if platform.measuresEngagementByViews && !views.isNaN && views > 0 {
      impressions = Double(views)
      source = .views
    } else {
      let rate = economics.reachRate ?? PriceEstimate.reachRate(followers: table.followers[row])
      impressions = table.followers[row] * rate
      source = .reach
      reach = rate
    }
    // Engagement that looks bought (z > 3) earns no click lift (its precomputed lift log is 0),
    // and bots do not buy: the reach counts only the measured real share of the audience.
    let trusted =
      table.authenticityFlags[row] & AuthenticityFlag.Kind.engagementFarAbovePeers.bit == 0
    let lift = exp(table.hot.liftLog[row])
    let ctr = clickThroughRate * lift
    let realShare = table.realShare(row)
    let clicks = posts * impressions * realShare * onTargetShare * ctr
    let conversions = clicks * conversionRate
    let revenue = conversions * economics.averageOrderValue
    let profit = revenue * economics.grossMargin * (1 + economics.repeatPurchases)
    let (price, priceSource) = self.price(row: row, impressionsPerPost: impressions, table: table)
    let cost = posts * price + economics.fixedCostPerCreator
    // σ_I² (0.2² from views, else 0.5²) + 0.25·v, precomputed with the table.
    let creatorVariance = table.hot.creatorVariance[row]
    let marketSD = priceSource == .estimated ? market(row: row, table: table).logSD : 0
    let costSD =
      priceSource == .estimated
      ? (PriceEstimate.estimatedPriceLogSD * PriceEstimate.estimatedPriceLogSD + marketSD
        * marketSD).squareRoot() : 0
    let sd = (creatorVariance + Self.sharedLogVariance + costSD * costSD).squareRoot()
    var band = Self.band(profit: profit, cost: cost, logSD: sd)
    // The value component is the kernel's, so that a ranked row's score is reproducible exactly.
    band.probability = kernel.value(
      row, logAudience: onTargetShare > 0 ? log(onTargetShare) : -.infinity, table: table)
    let basis = table.rateBases[row] == 1 && !views.isNaN ? Double(views) : table.followers[row]
    return CreatorForecast(
      posts: economics.postsPerCreator, impressionsPerPost: impressions, impressionSource: source,
      reachRate: reach, onTargetShare: onTargetShare, realShare: realShare, liftTrusted: trusted,
      clickThroughRate: ctr, engagementLift: lift,
      conversionRate: conversionRate, clicks: clicks, conversions: conversions, revenue: revenue,
      lifetimeProfit: profit, pricePerPost: price, priceSource: priceSource, cost: cost,
      engagementsPerPost: exp(Double(table.thetas[row])) * basis, logSD: sd,
      creatorLogSD: creatorVariance.squareRoot(), costLogSD: costSD, roiP10: band.p10,
      roiP50: band.p50, roiP90: band.p90, probabilityOfProfit: band.probability)
  }

  /// Closed-form ROI quantiles and P(ROI > 0) when ln(profit/cost) ~ N(ln(profit/cost), s²).
  public static func band(profit: Double, cost: Double, logSD: Double) -> (
    p10: Double, p50: Double, p90: Double, probability: Double
  ) {
    guard cost > 0 else { return (.infinity, .infinity, .infinity, profit > 0 ? 1 : 0) }
    guard profit > 0 else { return (-1, -1, -1, 0) }
    let ratio = profit / cost
    let z90 = NormalDistribution.quantile(0.9)
    guard logSD > 0 else {
      return (ratio - 1, ratio - 1, ratio - 1, ratio > 1 ? 1 : 0)
    }
    return (
      ratio * exp(-z90 * logSD) - 1, ratio - 1, ratio * exp(z90 * logSD) - 1,
      NormalDistribution.cdf(log(ratio) / logSD)
    )
  }
}
