/// Weights of the score components in the composite score, the weighted geometric mean
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
  /// Weight of brand-audience overlap (<doc:Formulas#Brand-audience-overlap>); it only counts
  /// when the brief names a brand audience and its sketches are loaded, else ``BriefPlan`` sets
  /// it to 0 before normalizing, so briefs without one score exactly as before.
  public var overlap: Double

  /// Creates weights.
  ///
  /// - Parameters:
  ///   - engagement: Weight of engagement.
  ///   - audience: Weight of audience fit.
  ///   - niche: Weight of niche fit.
  ///   - authenticity: Weight of authenticity.
  ///   - value: Weight of value.
  ///   - overlap: Weight of brand-audience overlap; 0 unless a brand audience is used.
  public init(
    engagement: Double, audience: Double, niche: Double, authenticity: Double, value: Double,
    overlap: Double = 0
  ) {
    self.engagement = engagement
    self.audience = audience
    self.niche = niche
    self.authenticity = authenticity
    self.value = value
    self.overlap = overlap
  }

  /// The weights with value removed, for briefs without economics.
  public var withoutValue: ComponentWeights {
    var copy = self
    copy.value = 0
    return copy
  }

  /// The sum of all weights.
  public var total: Double { engagement + audience + niche + authenticity + value + overlap }

  /// Each weight divided by the total, so they sum to 1; unchanged when the total is 0.
  public var normalized: ComponentWeights {
    let sum = total
    guard sum > 0 else { return self }
    return ComponentWeights(
      engagement: engagement / sum, audience: audience / sum, niche: niche / sum,
      authenticity: authenticity / sum, value: value / sum, overlap: overlap / sum)
  }
}
