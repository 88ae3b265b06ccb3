/// The money side of a brief, which turns reach into a forecast of return (<doc:ROIForecast>).
///
/// Rates are fractions (0.02 = 2%). Amounts are in ``currency``. Absent optional values fall
/// back to the documented defaults, and every forecast says which ones it used.
public struct CampaignEconomics: Sendable, Equatable {
  /// ISO 4217 code of all amounts; `USD` when not given.
  public var currency: String
  /// Total budget for creator fees, when capped.
  public var budget: Double?
  /// Posts bought from each creator, ≥ 1.
  public var postsPerCreator: Int
  /// Average order value, > 0.
  public var averageOrderValue: Double
  /// Gross margin on an order, in (0, 1].
  public var grossMargin: Double
  /// Conversion rate from click to order, in (0, 1]; `nil` uses the 2% default.
  public var conversionRate: Double?
  /// Click-through rate from on-target impression to click, in (0, 1]; `nil` uses 0.9%.
  public var clickThroughRate: Double?
  /// Expected repeat purchases per new customer, ≥ 0.
  public var repeatPurchases: Double
  /// Fixed cost per creator (product seeding, shipping, agency fee), ≥ 0.
  public var fixedCostPerCreator: Double
  /// Share of followers that see a post, in (0, 1]; `nil` uses the tier default.
  public var reachRate: Double?

  /// Creates economics with the given required values and defaults for the rest.
  public init(
    currency: String = "USD", budget: Double? = nil, postsPerCreator: Int = 1,
    averageOrderValue: Double, grossMargin: Double, conversionRate: Double? = nil,
    clickThroughRate: Double? = nil, repeatPurchases: Double = 0, fixedCostPerCreator: Double = 0,
    reachRate: Double? = nil
  ) {
    self.currency = currency
    self.budget = budget
    self.postsPerCreator = postsPerCreator
    self.averageOrderValue = averageOrderValue
    self.grossMargin = grossMargin
    self.conversionRate = conversionRate
    self.clickThroughRate = clickThroughRate
    self.repeatPurchases = repeatPurchases
    self.fixedCostPerCreator = fixedCostPerCreator
    self.reachRate = reachRate
  }
}
