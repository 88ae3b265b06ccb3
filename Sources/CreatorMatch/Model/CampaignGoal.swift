/// What a campaign is for; it selects the default component weights
/// (<doc:Formulas#Weights>).
public enum CampaignGoal: String, Sendable, CaseIterable, Codable {
  /// Reach the right people: audience fit weighs most.
  case awareness
  /// Start conversations: engagement weighs most.
  case engagement
  /// Sell: value (the chance of paying back) weighs most.
  case conversions

  /// The default weights for this goal.
  public var defaultWeights: ComponentWeights {
    switch self {
    case .awareness:
      return ComponentWeights(
        engagement: 0.20, audience: 0.35, niche: 0.20, authenticity: 0.15, value: 0.10)
    case .engagement:
      return ComponentWeights(
        engagement: 0.40, audience: 0.20, niche: 0.20, authenticity: 0.15, value: 0.05)
    case .conversions:
      return ComponentWeights(
        engagement: 0.15, audience: 0.25, niche: 0.20, authenticity: 0.10, value: 0.30)
    }
  }
}
