/// One input of the forecast funnel and where its value came from, for `--explain`.
///
/// The core records the input and its source (with the default's value); CreatorMatchIO puts
/// them into words.
public struct ForecastAssumption: Sendable, Equatable {
  /// An input of the funnel that the brief may give.
  public enum Input: Sendable, Equatable, CaseIterable {
    /// The average order value.
    case averageOrderValue
    /// The gross margin.
    case grossMargin
    /// The click-through rate.
    case clickThroughRate
    /// The conversion rate.
    case conversionRate
    /// The share of followers one post reaches.
    case reachRate
    /// Repeat purchases per first order.
    case repeatPurchases
    /// Posts per creator.
    case postsPerCreator
  }

  /// Where an input's value came from.
  public enum Source: Sendable, Equatable {
    /// The brief.
    case brief
    /// The associated default, because the brief does not give it.
    case defaultValue(Double)
    /// A default that depends on the creator's follower count.
    case defaultByFollowers
    /// The brief, whose decoding fills in the associated default when it is absent, so the two
    /// cannot be told apart afterwards.
    case briefOrDefault(Double)
  }

  /// The input.
  public var input: Input
  /// Where its value came from.
  public var source: Source

  /// Creates an assumption.
  /// - Parameters:
  ///   - input: The input.
  ///   - source: Where its value came from.
  public init(_ input: Input, _ source: Source) {
    self.input = input
    self.source = source
  }
}
