import Foundation

/// Authenticity in 0–1: the product of penalties for named warning signs
/// (<doc:Formulas#Authenticity>).
///
/// ```swift
/// let result = Authenticity.assess(creator, engagement: assessment)
/// result.score             // 0.6 for a creator whose engagement z is 3.4
/// result.flags[0].kind     // .engagementFarAbovePeers, with result.evidence.rawZ == 3.4
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
    var evidence = evidence(of: creator)
    evidence.rawZ = engagement.observation == nil ? 0 : engagement.rawZ
    return evidence
  }

  /// The evidence numbers of `creator` that do not depend on the model: all but
  /// ``Evidence/rawZ``, which is left 0.
  package static func evidence(of creator: Creator) -> Evidence {
    withUnsafePointer(to: creator) { evidence(of: $0) }
  }

  /// `evidence(of:)` of a creator held in place, reading only the fields it needs (a
  /// creator passed whole from an array's storage is copied: a retain and a release of each of
  /// its strings and arrays, for every row of a table).
  package static func evidence(of creator: UnsafePointer<Creator>) -> Evidence {
    var evidence = Evidence()
    let stats = creator.pointee.engagement
    let followers = creator.pointee.followers
    if let likes = stats.likes, let comments = stats.comments, likes > 0 {
      evidence.commentsPerLike = comments / likes
      evidence.likes = likes
    }
    if let following = creator.pointee.following, followers > 0 {
      evidence.followRatio = following / followers
    }
    // The history read in place: passed as an array, it was retained and released per creator.
    let jump = creator.pointee.followerHistory.withUnsafeBufferPointer {
      FollowerHistory.largestJump(in: $0)
    }
    if let jump {
      evidence.jumpZ = jump.robustZ
      evidence.jumpShare = jump.share
      evidence.jumpStep = jump.step
      evidence.jumpSteps = jump.steps
    }
    evidence.sponsoredShare = creator.pointee.sponsoredShare
    if let real = creator.pointee.audience.realShare {
      evidence.realShare = real
    } else if let authentic = stats.authentic, let total = stats.perPost, total > 0 {
      evidence.realShare = min(1, max(0, authentic / total))
      evidence.realShareFromEngagement = true
    }
    return evidence
  }

  /// Scores `creator`.
  public static func assess(_ creator: Creator, engagement: EngagementModel.Assessment) -> Result {
    assess(evidence: evidence(of: creator), followers: creator.followers, engagement: engagement)
  }

  /// Scores a creator with `followers` from its model-independent `evidence`
  /// (`evidence(of:)`) and its engagement assessment.
  package static func assess(
    evidence: Evidence, followers: Double, engagement: EngagementModel.Assessment
  ) -> Result {
    var numbers = evidence
    numbers.rawZ = engagement.observation == nil ? 0 : engagement.rawZ
    let hasEngagement = engagement.observation != nil
    let flags = self.flags(numbers, followers: followers, hasEngagement: hasEngagement)
    let score = flags.reduce(realShareAdjustment(numbers)) { $0 * $1.factor }
    return Result(score: score, flags: flags, evidence: numbers)
  }

  /// A measured real-audience share below which the audience is a warning: a quarter or more of
  /// the followers are not real people, the level at which audience-audit tools advise a closer
  /// look. Above it the share still scales authenticity (and the forecast's reach), but most honest
  /// accounts have some inactive followers, so it is no warning.
  public static let realAudienceThreshold = 0.75

  /// An authentic-engagement share (authentic ÷ all engagements, as analytics exports report it)
  /// below which engagement is a warning. Honest accounts show less here than in a follower audit,
  /// because some engagement always comes from bots and pods: on the 1,046 accounts of a public
  /// 2022 Instagram export the share's median is 0.75 and its 10th percentile 0.57, so 0.6 marks
  /// the worst tail, not the typical account.
  public static let authenticEngagementThreshold = 0.6

  /// The warning threshold for `evidence`'s real share, by what it was measured from.
  public static func realShareThreshold(_ evidence: Evidence) -> Double {
    evidence.realShareFromEngagement ? authenticEngagementThreshold : realAudienceThreshold
  }

  /// The warning flags the evidence raises, each with its penalty; the evidence's numbers explain
  /// them (the I/O module puts them in words).
  ///
  /// A measured authentic-engagement share at or above its threshold outweighs the
  /// "engagement far above peers" heuristic: the export measured the engagement as real, so high
  /// engagement is no sign of pods or bought likes.
  public static func flags(_ evidence: Evidence, followers: Double, hasEngagement: Bool)
    -> [AuthenticityFlag]
  {
    var flags: [AuthenticityFlag] = []
    let z = evidence.rawZ
    let threshold = realShareThreshold(evidence)
    let measuredReal = evidence.realShareFromEngagement && (evidence.realShare ?? 0) >= threshold
    if hasEngagement && z > highZ && !measuredReal {
      flags.append(AuthenticityFlag(kind: .engagementFarAbovePeers, factor: 0.6))
    } else if hasEngagement && z < lowZ {
      flags.append(AuthenticityFlag(kind: .engagementFarBelowPeers, factor: 0.7))
    }
    if let ratio = evidence.commentsPerLike, let likes = evidence.likes {
      if ratio < 0.002 && likes >= 100 {
        flags.append(AuthenticityFlag(kind: .fewComments, factor: 0.8))
      } else if ratio > 0.5 {
        flags.append(AuthenticityFlag(kind: .commentHeavy, factor: 0.85))
      }
    }
    if let ratio = evidence.followRatio, ratio > 1, followers >= 5_000 {
      flags.append(AuthenticityFlag(kind: .followForFollow, factor: 0.8))
    }
    if let jumpZ = evidence.jumpZ, let share = evidence.jumpShare, jumpZ > jumpZThreshold,
      share > jumpShareThreshold
    {
      flags.append(AuthenticityFlag(kind: .followerJump, factor: 0.7))
    }
    if let sponsored = evidence.sponsoredShare, sponsored > 0.5 {
      flags.append(AuthenticityFlag(kind: .oversponsored, factor: 0.85))
    }
    if let real = evidence.realShare, real < threshold {
      flags.append(AuthenticityFlag(kind: .inauthenticAudience, factor: max(real, 0)))
    }
    return flags
  }

  /// The factor a measured real share at or above its threshold (and below 1)
  /// applies to authenticity without raising a flag; 1 otherwise (a share below the threshold
  /// applies through its flag instead).
  public static func realShareAdjustment(_ evidence: Evidence) -> Double {
    guard let real = evidence.realShare, real >= realShareThreshold(evidence), real < 1 else {
      return 1
    }
    return real
  }

  /// Whether flags point at fraud (bought or faked reach) rather than fatigue.
  public static func isSuspicious(_ flags: [AuthenticityFlag]) -> Bool {
    flags.contains { $0.kind.isFraudSignal }
  }
}
