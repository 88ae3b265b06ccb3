/// A fraud pattern the generator plants in a few percent of accounts, so that authenticity
/// detection can be measured (precision and recall) against known truth.
public enum FraudPattern: String, Sendable, CaseIterable {
  /// A bought block of followers: a history jump of +20–60% and engagement diluted by it.
  case boughtFollowers = "bought-followers"
  /// Bought likes: likes ×8–14 with comments unchanged.
  case boughtLikes = "bought-likes"
  /// Engagement pods: likes and comments ×8–14.
  case engagementPod = "engagement-pod"
  /// Follow-for-follow: following 1.3–3× followers.
  case followForFollow = "follow-for-follow"
  /// Giveaway farming: comments ≥ 0.6 per like.
  case giveaway
  /// A bot-heavy audience: real share 0.35–0.6.
  case botAudience = "bot-audience"

  /// Share of generated accounts with this pattern (4.5% in all).
  public var rate: Double {
    switch self {
    case .boughtFollowers: return 0.010
    case .boughtLikes: return 0.007
    case .engagementPod: return 0.007
    case .followForFollow: return 0.008
    case .giveaway: return 0.005
    case .botAudience: return 0.008
    }
  }
}
