import Foundation

/// Authenticity in 0–1: the product of penalties for named warning signs
/// (<doc:Formulas#Authenticity>).
///
/// ```swift
/// let result = Authenticity.assess(creator, engagement: assessment)
/// result.score             // 0.6 for a creator whose engagement z is 3.4
/// result.flags[0].evidence // "engagement z = 3.4 against same-size peers (likely pods or bought likes)"
/// ```
public enum Authenticity {
  /// The evidence behind the flags, as numbers (kept in the ranking table for explanations).
  public struct Evidence: Sendable, Equatable {
    /// Raw engagement z against peers.
    public var rawZ: Double = 0
    /// Comments ÷ likes, when both are known.
    public var commentsPerLike: Double?
    /// Likes per post, when known.
    public var likes: Double?
    /// Following ÷ followers, when following is known.
    public var followRatio: Double?
    /// The largest follower-history step's robust z.
    public var jumpZ: Double?
    /// That step as a share of the followers before it.
    public var jumpShare: Double?
    /// That step's position (1-based, of `jumpSteps`).
    public var jumpStep: Int?
    /// Steps in the history.
    public var jumpSteps: Int?
    /// Sponsored share.
    public var sponsoredShare: Double?
    /// Real-audience share, measured or derived from authentic engagements.
    public var realShare: Double?
    /// Whether ``realShare`` came from authentic ÷ total engagements.
    public var realShareFromEngagement = false

    /// Creates empty evidence.
    public init() {}
  }

  /// The score and its flags.
  public struct Result: Sendable, Equatable {
    /// Authenticity, 0–1.
    public var score: Double
    /// The flags raised, in a fixed order.
    public var flags: [AuthenticityFlag]
    /// The evidence numbers.
    public var evidence: Evidence

    /// The flags as a bit mask.
    public var mask: UInt16 { flags.reduce(0) { $0 | $1.kind.bit } }
  }

  /// Engagement far above peers (see the flags in <doc:Formulas#Authenticity>).
  public static let highZ = 3.0
  /// Engagement far below peers.
  public static let lowZ = -2.5
  /// The robust-z threshold for a follower jump.
  public static let jumpZThreshold = 5.0
  /// The minimum jump, as a share of followers.
  public static let jumpShareThreshold = 0.10

  /// Collects the evidence numbers for `creator` given its engagement assessment.
  public static func evidence(_ creator: Creator, engagement: EngagementModel.Assessment)
    -> Evidence
  {
    var evidence = Evidence()
    evidence.rawZ = engagement.observation == nil ? 0 : engagement.rawZ
    let stats = creator.engagement
    if let likes = stats.likes, let comments = stats.comments, likes > 0 {
      evidence.commentsPerLike = comments / likes
      evidence.likes = likes
    }
    if let following = creator.following, creator.followers > 0 {
      evidence.followRatio = following / creator.followers
    }
    if let jump = FollowerHistory.largestJump(creator.followerHistory) {
      evidence.jumpZ = jump.robustZ
      evidence.jumpShare = jump.share
      evidence.jumpStep = jump.step
      evidence.jumpSteps = jump.steps
    }
    evidence.sponsoredShare = creator.sponsoredShare
    if let real = creator.audience.realShare {
      evidence.realShare = real
    } else if let authentic = stats.authentic, let total = stats.perPost, total > 0 {
      evidence.realShare = min(1, max(0, authentic / total))
      evidence.realShareFromEngagement = true
    }
    return evidence
  }

  /// Scores `creator`.
  public static func assess(_ creator: Creator, engagement: EngagementModel.Assessment) -> Result {
    let numbers = evidence(creator, engagement: engagement)
    let hasEngagement = engagement.observation != nil
    let flags = self.flags(numbers, followers: creator.followers, hasEngagement: hasEngagement)
    return Result(score: flags.reduce(1) { $0 * $1.factor }, flags: flags, evidence: numbers)
  }

  /// The flags that `evidence` raises, each with its factor and evidence text.
  public static func flags(_ evidence: Evidence, followers: Double, hasEngagement: Bool)
    -> [AuthenticityFlag]
  {
    var flags: [AuthenticityFlag] = []
    let z = evidence.rawZ
    if hasEngagement && z > highZ {
      flags.append(
        AuthenticityFlag(
          kind: .engagementFarAbovePeers, factor: 0.6,
          evidence: "engagement z = \(fixed(z, 1)) against same-size peers (likely pods or "
            + "bought likes)"))
    } else if hasEngagement && z < lowZ {
      flags.append(
        AuthenticityFlag(
          kind: .engagementFarBelowPeers, factor: 0.7,
          evidence: "engagement z = \(fixed(z, 1)) against same-size peers (dead or bought "
            + "audience)"))
    }
    if let ratio = evidence.commentsPerLike, let likes = evidence.likes {
      if ratio < 0.002 && likes >= 100 {
        flags.append(
          AuthenticityFlag(
            kind: .fewComments, factor: 0.8,
            evidence: "\(fixed(ratio * 1000, 1)) comments per 1,000 likes (likes without "
              + "conversation)"))
      } else if ratio > 0.5 {
        flags.append(
          AuthenticityFlag(
            kind: .commentHeavy, factor: 0.85,
            evidence: "\(fixed(ratio, 2)) comments per like (comment-to-enter giveaways)"))
      }
    }
    if let ratio = evidence.followRatio, ratio > 1, followers >= 5_000 {
      flags.append(
        AuthenticityFlag(
          kind: .followForFollow, factor: 0.8,
          evidence: "follows \(fixed(ratio, 1))× as many accounts as follow it (follow-for-follow)"
        ))
    }
    if let jumpZ = evidence.jumpZ, let share = evidence.jumpShare, jumpZ > jumpZThreshold,
      share > jumpShareThreshold
    {
      let step = evidence.jumpStep.map { " at step \($0) of \(evidence.jumpSteps ?? $0)" } ?? ""
      flags.append(
        AuthenticityFlag(
          kind: .followerJump, factor: 0.7,
          evidence:
            "follower jump +\(fixed(share * 100, 0))%\(step), robust z = \(fixed(jumpZ, 1)) "
            + "(likely bought followers)"))
    }
    if let sponsored = evidence.sponsoredShare, sponsored > 0.5 {
      flags.append(
        AuthenticityFlag(
          kind: .oversponsored, factor: 0.85,
          evidence: "\(fixed(sponsored * 100, 0))% of recent posts sponsored (audience fatigue)"))
    }
    if let real = evidence.realShare, real < 1 {
      let source = evidence.realShareFromEngagement ? "authentic engagement share" : "real audience"
      flags.append(
        AuthenticityFlag(
          kind: .inauthenticAudience, factor: max(real, 0),
          evidence: "\(source) \(fixed(real * 100, 0))%"))
    }
    return flags
  }

  /// Whether flags point at fraud: any fraud-signal flag, where a measured real-audience share
  /// counts only below 0.8 (most honest accounts have some inactive followers).
  public static func isSuspicious(_ flags: [AuthenticityFlag]) -> Bool {
    flags.contains { flag in
      flag.kind.isFraudSignal && (flag.kind != .inauthenticAudience || flag.factor < 0.8)
    }
  }

  static func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
  }
}
