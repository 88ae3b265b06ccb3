/// What a campaign is for; it selects the default component weights
/// (<doc:Formulas#Weights>).
public enum CampaignGoal: String, Sendable, CaseIterable, Codable {
  /// Reach the right people: audience fit weighs most.
  case awareness
  /// Start conversations: engagement weighs most.
  case engagement
  /// Sell: value (the chance of paying back) weighs most.
  case conversions

  /// The default weights for this goal. The overlap weight only counts with a brand audience
  /// (the others are then shrunk by normalization); without one it is dropped before
  /// normalizing, so the other weights are exactly the ones listed.
  public var defaultWeights: ComponentWeights {
    switch self {
    case .awareness:
      return ComponentWeights(
        engagement: 0.20, audience: 0.35, niche: 0.20, authenticity: 0.15, value: 0.10,
        overlap: 0.15)
    case .engagement:
      return ComponentWeights(
        engagement: 0.40, audience: 0.20, niche: 0.20, authenticity: 0.15, value: 0.05,
        overlap: 0.10)
    case .conversions:
      return ComponentWeights(
        engagement: 0.15, audience: 0.25, niche: 0.20, authenticity: 0.10, value: 0.30,
        overlap: 0.10)
    }
  }
}

extension CampaignGoal {
  /// What the overlap component rewards for this goal (<doc:Formulas#Brand-audience-overlap>):
  /// awareness buys people the brand does not reach yet, the other goals want an audience like
  /// the brand's own.
  public var overlapMeaning: OverlapMeaning {
    self == .awareness ? .newToBrand : .affinity
  }
}
