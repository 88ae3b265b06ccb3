/// One creator's campaign forecast for a brief: the funnel at its median (P50) values, the cost,
/// the return ratios and the ROI band (<doc:ROIForecast#Funnel>, <doc:ROIForecast#Bands>).
/// Amounts are in the brief's currency.
public struct CreatorForecast: Sendable, Equatable {
  /// Where the impressions figure came from.
  public enum ImpressionSource: String, Sendable {
    /// Average views per post (video platforms).
    case views
    /// Followers × reach rate.
    case reach
  }

  /// Where the price came from.
  public enum PriceSource: String, Sendable {
    /// The creator's rate card, in the brief's currency.
    case rateCard = "rate-card"
    /// The rate card converted from another currency.
    case convertedRateCard = "converted-rate-card"
    /// Estimated from the platform CPM by followers, scaled to the market's price level.
    case estimated
  }

  /// Posts bought, P.
  public var posts: Int
  /// Impressions per post, I.
  public var impressionsPerPost: Double
  /// How I was obtained.
  public var impressionSource: ImpressionSource
  /// The reach rate used when `impressionSource` is `.reach`.
  public var reachRate: Double?
  /// On-target share of the audience.
  public var onTargetShare: Double
  /// Measured real-audience share applied to reach (1 when unmeasured).
  public var realShare: Double
  /// Whether the engagement lift was applied (not when engagement looks bought).
  public var liftTrusted: Bool
  /// Click-through rate after the engagement lift exp(0.5·(θ − μ)).
  public var clickThroughRate: Double
  /// The engagement lift factor.
  public var engagementLift: Double
  /// Conversion rate.
  public var conversionRate: Double
  /// Clicks = P × I × real share × on-target share × CTR.
  public var clicks: Double
  /// Conversions = clicks × CVR.
  public var conversions: Double
  /// Revenue of first orders = conversions × AOV.
  public var revenue: Double
  /// Lifetime gross profit = revenue × margin × (1 + repeat purchases).
  public var lifetimeProfit: Double
  /// Price per post used.
  public var pricePerPost: Double
  /// Where the price came from.
  public var priceSource: PriceSource
  /// Cost = P × price + fixed cost.
  public var cost: Double
  /// Expected engagements per post (exp(θ) × the rate basis), for CPE.
  public var engagementsPerPost: Double
  /// Standard deviation of ln(profit ÷ cost).
  public var logSD: Double
  /// The creator's own share of it: impressions and the engagement posterior.
  public var creatorLogSD: Double
  /// The cost's log standard deviation (0.4 for an estimated price, else 0).
  public var costLogSD: Double
  /// ROI at the 10th, 50th and 90th percentile.
  public var roiP10: Double
  /// Median ROI = (profit − cost) ÷ cost at median values.
  public var roiP50: Double
  /// ROI at the 90th percentile.
  public var roiP90: Double
  /// P(ROI > 0) = s_val.
  public var probabilityOfProfit: Double

  /// Whether the price was estimated rather than quoted.
  public var priceEstimated: Bool { priceSource == .estimated }
  /// Return on ad spend: first-order revenue ÷ cost.
  public var roas: Double { cost > 0 ? revenue / cost : 0 }
  /// Cost per 1,000 impressions.
  public var cpm: Double {
    let impressions = Double(posts) * impressionsPerPost
    return impressions > 0 ? cost / impressions * 1_000 : .infinity
  }
  /// Cost per engagement.
  public var cpe: Double {
    let engagements = Double(posts) * engagementsPerPost
    return engagements > 0 ? cost / engagements : .infinity
  }
  /// Cost per acquisition (per first order).
  public var cpa: Double { conversions > 0 ? cost / conversions : .infinity }
}
