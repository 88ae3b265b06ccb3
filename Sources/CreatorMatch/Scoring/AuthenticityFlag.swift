/// A named authenticity warning and the penalty it applied; the numbers behind it are the
/// creator's ``Authenticity/Evidence``
/// (<doc:Formulas#Authenticity>).
public struct AuthenticityFlag: Sendable, Equatable {
  /// The kinds of concern.
  public enum Kind: String, Sendable, CaseIterable {
    /// Engagement far above same-size peers (raw z > 3): pods or bought likes. ×0.6.
    case engagementFarAbovePeers = "engagement-far-above-peers"
    /// Engagement far below peers (raw z < −2.5): a dead or bought audience. ×0.7.
    case engagementFarBelowPeers = "engagement-far-below-peers"
    /// Comments/likes < 0.002 with ≥ 100 likes: likes without conversation. ×0.8.
    case fewComments = "few-comments"
    /// Comments/likes > 0.5: comment-for-entry giveaways. ×0.85.
    case commentHeavy = "comment-heavy"
    /// Following/followers > 1 with ≥ 5k followers: follow-for-follow. ×0.8.
    case followForFollow = "follow-for-follow"
    /// A follower jump with robust z > 5 and > 10% of followers: bought followers. ×0.7.
    case followerJump = "follower-jump"
    /// Sponsored share > 0.5: audience fatigue. ×0.85.
    case oversponsored
    /// Measured real-audience share r below its threshold (``Authenticity/realAudienceThreshold``,
    /// ``Authenticity/authenticEngagementThreshold`` when measured from engagements). ×r.
    case inauthenticAudience = "inauthentic-audience"

    /// Bit in a flag mask.
    public var bit: UInt16 { 1 << UInt16(Kind.allCases.firstIndex(of: self) ?? 0) }

    /// Whether the flag points at fraud (bought or faked reach), as opposed to fatigue.
    public var isFraudSignal: Bool { self != .oversponsored }
  }

  /// The concern.
  public var kind: Kind
  /// The multiplier applied to authenticity, in (0, 1].
  public var factor: Double

  /// Creates a flag.
  public init(kind: Kind, factor: Double) {
    self.kind = kind
    self.factor = factor
  }
}
