import CreatorMatchSupport
import Foundation

/// The value component s_val = P(ROI > 0) of every creator for one brief, computed in log space
/// from the table's precomputed ``HotColumns`` (<doc:ROIForecast#Value>):
///
///     ln profit = ln(P·CTR·CVR·AOV·margin·(1 + repeat)) + ln I + ln r + 0.5·(θ − μ) + ln s_aud
///     ln cost   = ln(P·price) (+ fixed cost, when there is one)
///     ln price  = ln rate card, or ln(CPM(f)/1000 · market ratio · USD rate) + ln I (estimated)
///     z = (ln profit − ln cost) / √(σ_CTR² + σ_CVR² + σ_I² + 0.25·v [+ 0.4² + σ_market²]),
///     s_val = Φ(z)
///
/// Both the ranking pass and ``ForecastPlan/forecast(row:onTargetShare:table:)`` use this kernel,
/// so the value in a ranked row is exactly the one its score was computed from.
package struct ValueKernel: Sendable {
  package let logConstant: Double
  package let posts: Double
  package let logPosts: Double
  package let fixedCost: Double
  package let logBriefReach: Double?
  package let logCurrencyFactor: [Double]
  /// ln(USD → brief currency) − ln 1,000: turns a USD CPM into a price per impression.
  package let logUSDPerMille: Double
  /// ln of the brief market's price-level ratio, for rows whose own market is unknown.
  package let logBriefMarketRatio: Double
  /// Variance of an estimated ln price by ``HotColumns/marketKind`` (16 entries): 0.4² plus the
  /// market scaling's variance.
  package let estimatedPriceVariance: [Double]
  package let sharedVariance: Double

  /// Below this z, Φ(z) < 0.01 and the value's log is the floor whatever its exact size.
  static let floorZ = -2.33

  init(
    economics: CampaignEconomics, clickThroughRate: Double, conversionRate: Double,
    currency: String,
    rates: CurrencyRates, usdToBrief: Double?, briefMarket: MarketPriceLevel.Market,
    table: CreatorTable
  ) {
    posts = Double(economics.postsPerCreator)
    logPosts = log(posts)
    logConstant =
      logPosts + log(clickThroughRate) + log(conversionRate)
      + log(economics.averageOrderValue) + log(economics.grossMargin)
      + log(1 + economics.repeatPurchases)
    fixedCost = economics.fixedCostPerCreator
    logBriefReach = economics.reachRate.map { log($0) }
    logCurrencyFactor =
      [0]
      + table.hot.currencyCodes.map { code in
        rates.factor(from: code, to: currency).map { log($0) } ?? .nan
      }
    logUSDPerMille = log(usdToBrief ?? 1) - log(1_000)
    logBriefMarketRatio = log(briefMarket.ratio)
    let base = PriceEstimate.estimatedPriceLogSD * PriceEstimate.estimatedPriceLogSD
    estimatedPriceVariance = (0..<16).map { kind in
      let sd: Double
      if kind & 3 == 0 {
        sd = briefMarket.logSD
      } else if kind & 8 != 0 {
        sd = 0
      } else {
        sd = kind & 4 != 0 ? MarketPriceLevel.listedLogSD : MarketPriceLevel.unlistedLogSD
      }
      return base + sd * sd
    }
    sharedVariance = ForecastPlan.sharedLogVariance
  }

  /// A checksum of the columns ``z(_:logAudience:table:)`` reads for `row`, from independent
  /// loads (see ``AudiencePlan/touch(_:in:)``).
  @inline(__always)
  func touch(_ row: Int, table: CreatorTable) -> UInt32 {
    let hot = table.hot
    var sum = UInt32(truncatingIfNeeded: hot.logImpressions[row].bitPattern)
    sum &+= UInt32(truncatingIfNeeded: hot.logRealShare[row].bitPattern)
    sum &+= UInt32(truncatingIfNeeded: hot.liftLog[row].bitPattern)
    sum &+= UInt32(truncatingIfNeeded: hot.logPrice[row].bitPattern)
    sum &+= UInt32(truncatingIfNeeded: hot.creatorVariance[row].bitPattern)
    sum &+= UInt32(truncatingIfNeeded: hot.logEstimatedCPM[row].bitPattern)
    sum &+= UInt32(hot.marketKind[row])
    return sum &+ UInt32(hot.priceKind[row])
  }

  /// ln impressions per post of `row` with the brief's reach rate, if it sets one.
  @inline(__always)
  func logImpressions(_ row: Int, table: CreatorTable) -> Double {
    let base = table.hot.logImpressions[row]
    guard let logBriefReach, table.hot.priceKind[row] & 0x80 == 0 else { return base }
    return log(table.followers[row]) + logBriefReach
  }

  /// z = ln(profit/cost)/s for `row` given ln of its on-target share (−∞ for none), and whether
  /// the price was estimated. A zero cost gives z = +∞ (any profit pays back).
  @inline(__always)
  func z(_ row: Int, logAudience: Double, table: CreatorTable) -> (z: Double, estimated: Bool) {
    let hot = table.hot
    let logI = logImpressions(row, table: table)
    let logProfit = logConstant + logI + hot.logRealShare[row] + hot.liftLog[row] + logAudience
    let kind = hot.priceKind[row]
    let quoted = hot.logPrice[row]
    var logPrice: Double
    var costVariance = 0.0
    var estimated = false
    let factor = logCurrencyFactor[Int(kind & 0x7F)]
    if !quoted.isNaN && !factor.isNaN {
      logPrice = quoted + factor
    } else {
      let market = hot.marketKind[row]
      logPrice =
        hot.logEstimatedCPM[row] + (market & 3 == 0 ? logBriefMarketRatio : 0) + logUSDPerMille
        + logI
      costVariance = estimatedPriceVariance[Int(market & 0x0F)]
      estimated = true
    }
    let logCost = fixedCost == 0 ? logPosts + logPrice : log(posts * exp(logPrice) + fixedCost)
    if logCost == -.infinity { return (logProfit > -.infinity ? .infinity : -.infinity, estimated) }
    let sd = (sharedVariance + hot.creatorVariance[row] + costVariance).squareRoot()
    return ((logProfit - logCost) / sd, estimated)
  }

  /// s_val = Φ(z).
  @inline(__always)
  func value(_ row: Int, logAudience: Double, table: CreatorTable) -> Double {
    NormalDistribution.cdf(z(row, logAudience: logAudience, table: table).z)
  }
}
