/// Weights of the five score components in the composite score, the weighted geometric mean
/// score = 100 × Π_c max(s_c, 0.01)^w_c (<doc:Formulas#Composite>). Weights are ≥ 0 and need not
/// sum to 1: ``BriefPlan`` divides them by their total (``normalized``) before
/// ``ComponentScores/composite(_:)`` uses them.
public struct ComponentWeights: Sendable, Equatable {
  /// Weight of engagement against same-size peers.
  public var engagement: Double
  /// Weight of audience fit.
  public var audience: Double
  /// Weight of niche fit.
  public var niche: Double
  /// Weight of authenticity.
  public var authenticity: Double
  /// Weight of value, P(ROI > 0).
  public var value: Double

  /// Creates weights.
  public init(
    engagement: Double, audience: Double, niche: Double, authenticity: Double, value: Double
  ) {
    self.engagement = engagement
    self.audience = audience
    self.niche = niche
    self.authenticity = authenticity
    self.value = value
  }

  /// The weights with value removed, for briefs without economics.
  public var withoutValue: ComponentWeights {
    var copy = self
    copy.value = 0
    return copy
  }

  /// The sum of all weights.
  public var total: Double { engagement + audience + niche + authenticity + value }

  /// Each weight divided by the total, so they sum to 1; unchanged when the total is 0.
  public var normalized: ComponentWeights {
    let sum = total
    guard sum > 0 else { return self }
    return ComponentWeights(
      engagement: engagement / sum, audience: audience / sum, niche: niche / sum,
      authenticity: authenticity / sum, value: value / sum)
  }
}
