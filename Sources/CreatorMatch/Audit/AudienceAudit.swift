import CreatorMatchSupport
import Foundation

/// A creator's audience audit: the fake-follower share estimated from a sample of its followers.
///
/// The classifier's raw positive rate p̂ (share with p(fake) > 0.5) is biased: it misses fakes and
/// flags some real accounts. The Rogan–Gladen correction
/// (p̂ + spec − 1)/(sens + spec − 1), clamped to [0, 1], removes that bias using the sensitivity and
/// specificity measured by 5-fold cross-validation on InstaFake. The 90% interval is a parametric
/// bootstrap: each replicate redraws the suspicious count from Binomial(n, p̂) and sens and spec from
/// their Beta posteriors (so the interval carries the classifier's own uncertainty), and takes the
/// 5th and 95th percentiles of the corrected share.
public struct AudienceAudit: Sendable, Equatable {
  /// Accounts following more than this many are "mass followers" (follow-for-follow and bot
  /// accounts; Instagram's own limit is 7,500).
  public static let massFollowingThreshold = 1_500.0

  /// p(fake) above which an account counts as suspicious.
  public static let suspiciousThreshold = 0.5

  /// Fake accounts classified fake in cross-validation (true positives) and fake accounts in all.
  public static let crossValidatedFakes = (flagged: 174, total: 200)
  /// Real accounts classified real in cross-validation (true negatives) and real accounts in all.
  public static let crossValidatedReals = (cleared: 973, total: 994)

  /// Sensitivity: the share of fake accounts the classifier flags.
  public static var sensitivity: Double {
    Double(crossValidatedFakes.flagged) / Double(crossValidatedFakes.total)
  }
  /// Specificity: the share of real accounts it clears.
  public static var specificity: Double {
    Double(crossValidatedReals.cleared) / Double(crossValidatedReals.total)
  }

  /// Bootstrap replicates behind the interval.
  public static let replicates = 2_000

  /// The creator audited (empty for a one-creator sample).
  public var creatorID: String
  /// Accounts in the sample.
  public var sampleSize: Int
  /// Accounts with p(fake) > 0.5.
  public var suspiciousCount: Int
  /// Accounts following more than ``massFollowingThreshold``.
  public var massFollowerCount: Int
  /// The corrected fake share, in [0, 1].
  public var fakeShare: Double
  /// The 90% interval's lower end.
  public var fakeShareLower: Double
  /// The 90% interval's upper end.
  public var fakeShareUpper: Double

  /// The share of the sample with p(fake) > 0.5 (the uncorrected rate p̂).
  public var suspiciousShare: Double {
    sampleSize > 0 ? Double(suspiciousCount) / Double(sampleSize) : 0
  }
  /// The share of the sample that mass-follows.
  public var massFollowerShare: Double {
    sampleSize > 0 ? Double(massFollowerCount) / Double(sampleSize) : 0
  }

  /// Creates an audit from its figures.
  ///
  /// - Parameters:
  ///   - creatorID: The creator.
  ///   - sampleSize: Accounts sampled.
  ///   - suspiciousCount: Accounts with p(fake) > 0.5.
  ///   - massFollowerCount: Mass-following accounts.
  ///   - fakeShare: Corrected fake share.
  ///   - fakeShareLower: Interval lower end.
  ///   - fakeShareUpper: Interval upper end.
  public init(
    creatorID: String, sampleSize: Int, suspiciousCount: Int, massFollowerCount: Int,
    fakeShare: Double, fakeShareLower: Double, fakeShareUpper: Double
  ) {
    self.creatorID = creatorID
    self.sampleSize = sampleSize
    self.suspiciousCount = suspiciousCount
    self.massFollowerCount = massFollowerCount
    self.fakeShare = fakeShare
    self.fakeShareLower = fakeShareLower
    self.fakeShareUpper = fakeShareUpper
  }

  /// The Rogan–Gladen estimate of a prevalence from an imperfect test's positive rate.
  ///
  /// - Parameters:
  ///   - positiveRate: p̂, the share flagged.
  ///   - sensitivity: P(flagged | fake).
  ///   - specificity: P(cleared | real).
  /// - Returns: (p̂ + spec − 1)/(sens + spec − 1) clamped to [0, 1]; p̂ itself when the test is no
  ///   better than chance (sens + spec ≤ 1).
  public static func roganGladen(positiveRate: Double, sensitivity: Double, specificity: Double)
    -> Double
  {
    let youden = sensitivity + specificity - 1
    guard youden > 0 else { return min(1, max(0, positiveRate)) }
    return min(1, max(0, (positiveRate + specificity - 1) / youden))
  }

  /// Audits one creator's sample from its accounts' p(fake) and following counts.
  ///
  /// - Parameters:
  ///   - creatorID: The creator.
  ///   - probabilities: p(fake) per sampled account.
  ///   - following: The accounts' following counts, in the same order.
  ///   - seed: The bootstrap's seed; the same inputs and seed give the same interval.
  /// - Returns: The audit.
  /// - Complexity: O(n + B·(n + 1)) for B = ``replicates``.
  public static func audit(
    creatorID: String, probabilities: [Double], following: [Double], seed: UInt64 = 0x5EED_A0D1
  ) -> AudienceAudit {
    let n = probabilities.count
    let suspicious = probabilities.filter { $0 > suspiciousThreshold }.count
    let mass = following.filter { $0 > massFollowingThreshold }.count
    let rate = n > 0 ? Double(suspicious) / Double(n) : 0
    let share = roganGladen(positiveRate: rate, sensitivity: sensitivity, specificity: specificity)
    let (lower, upper) = interval(
      suspicious: suspicious, sampleSize: n, seed: seed ^ StableHash.hash(creatorID))
    return AudienceAudit(
      creatorID: creatorID, sampleSize: n, suspiciousCount: suspicious, massFollowerCount: mass,
      fakeShare: share, fakeShareLower: min(lower, share), fakeShareUpper: max(upper, share))
  }

  /// The 90% bootstrap interval of the corrected share; [0, 1] for an empty sample.
  static func interval(suspicious: Int, sampleSize n: Int, seed: UInt64) -> (Double, Double) {
    guard n > 0 else { return (0, 1) }
    var random = SeededRandom(seed: seed)
    let rate = Double(suspicious) / Double(n)
    let fakes = crossValidatedFakes
    let reals = crossValidatedReals
    var draws = [Double](repeating: 0, count: replicates)
    for replicate in 0..<replicates {
      var count = 0
      for _ in 0..<n where random.nextUnit() < rate { count += 1 }
      // Beta(k + 1, n − k + 1): the posterior of a rate under a uniform prior.
      let sens = random.beta(Double(fakes.flagged + 1), Double(fakes.total - fakes.flagged + 1))
      let spec = random.beta(Double(reals.cleared + 1), Double(reals.total - reals.cleared + 1))
      draws[replicate] = roganGladen(
        positiveRate: Double(count) / Double(n), sensitivity: sens, specificity: spec)
    }
    draws.sort()
    return (quantile(draws, 0.05), quantile(draws, 0.95))
  }

  /// The q-quantile of sorted values, interpolating linearly between order statistics.
  static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let position = q * Double(sorted.count - 1)
    let low = Int(position.rounded(.down))
    let high = min(sorted.count - 1, low + 1)
    let fraction = position - Double(low)
    return sorted[low] * (1 - fraction) + sorted[high] * fraction
  }

  /// Audits every creator in a sample, grouping accounts by ``FollowerAccount/creatorID`` in order
  /// of first appearance.
  ///
  /// - Parameter accounts: The sampled accounts.
  /// - Returns: One audit per creator and each account's p(fake), in input order.
  /// - Complexity: O(n + c·B·n̄) for c creators of n̄ accounts on average.
  public static func audit(_ accounts: [FollowerAccount]) -> (
    audits: [AudienceAudit], probabilities: [Double]
  ) {
    let probabilities = accounts.map(FakeFollowerModel.probability)
    var order: [String] = []
    var members: [String: [Int]] = [:]
    for (index, account) in accounts.enumerated() {
      if members[account.creatorID] == nil { order.append(account.creatorID) }
      members[account.creatorID, default: []].append(index)
    }
    let audits = order.map { id in
      let rows = members[id] ?? []
      return audit(
        creatorID: id, probabilities: rows.map { probabilities[$0] },
        following: rows.map { accounts[$0].following })
    }
    return (audits, probabilities)
  }
}
