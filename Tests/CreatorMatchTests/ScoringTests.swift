import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchSupport

@Suite("Engagement, authenticity and audience formulas")
struct ScoringTests {
  static let curve = EngagementCurve(
    intercept: -3, slope: 0, tau2: 0.25, sigma2: 0.25, sampleSize: 100, source: .fitted)

  @Test("shrinkage matches a hand computation (DESIGN §1)")
  func shrinkage() throws {
    let observation = EngagementObservation(
      rate: 0.1, basis: .followers, posts: 12, source: .counts)
    let result = EngagementModel.assess(observation, followers: 10_000, curve: Self.curve)
    // w = 0.25 / (0.25 + 0.25/12); θ = w·ln 0.1 + (1 − w)·(−3); v = 1/(1/0.25 + 12/0.25)
    #expect(abs(result.weight - 0.923_076_923_076_923_1) < 1e-15)
    #expect(abs(result.theta - -2.356_232_393_532_964_8) < 1e-12)
    #expect(abs(result.posteriorVariance - 0.019_230_769_230_769_232) < 1e-15)
    #expect(abs(result.rawZ - 1.340_109_137_940_120_4) < 1e-12)
    #expect(abs(result.score - 0.901_046_097_831_598_6) < 1e-12)
    #expect(abs(try #require(result.peerMultiple) - 0.1 / exp(-3)) < 1e-12)
  }

  @Test("more posts pull the estimate further from the peer mean")
  func moreEvidence() {
    var previous = 0.0
    for posts in [1.0, 3, 12, 50, 500] {
      let observation = EngagementObservation(
        rate: 0.1, basis: .followers, posts: posts, source: .counts)
      let theta = EngagementModel.assess(observation, followers: 1, curve: Self.curve).theta
      #expect(theta > previous || previous == 0)
      previous = theta
    }
  }

  @Test("no engagement data scores the peer middle")
  func noData() {
    let result = EngagementModel.assess(nil, followers: 5_000, curve: Self.curve)
    #expect(result.score == 0.5)
    #expect(result.theta == -3)
  }

  @Test("video platforms measure the rate by views when views are known")
  func viewsBasis() throws {
    var creator = Fixtures.creator("t", followers: 100_000, likes: 800, platform: .tiktok)
    creator.engagement.views = 20_000
    let observation = try #require(EngagementObservation(creator: creator))
    #expect(observation.basis == .views)
    #expect(observation.rate == 0.04)
    creator.platform = .instagram
    #expect(EngagementObservation(creator: creator)?.rate == 0.008)
  }

  @Test("the normal CDF and quantile agree with reference values")
  func normal() {
    #expect(abs(NormalDistribution.cdf(1) - 0.841_344_746_068_542_9) < 1e-14)
    #expect(abs(NormalDistribution.quantile(0.9) - 1.281_551_565_544_600_4) < 1e-12)
    #expect(abs(NormalDistribution.quantile(0.025) - -1.959_963_984_540_054_5) < 1e-12)
    for p in stride(from: 0.001, to: 1, by: 0.037) {
      #expect(abs(NormalDistribution.cdf(NormalDistribution.quantile(p)) - p) < 1e-13)
    }
  }

  @Test("a follower jump's robust z and share match a hand computation")
  func followerJump() throws {
    // Steps 10, 10, 10, 470, 10, 10: median 10, MAD 0 → scale floored at 1 → z = 460.
    let jump = try #require(
      FollowerHistory.largestJump([1_000, 1_010, 1_020, 1_030, 1_500, 1_510, 1_520]))
    #expect(jump.step == 4)
    #expect(jump.robustZ == 460)
    #expect(abs(jump.share - 470.0 / 1_030) < 1e-15)
    #expect(FollowerHistory.largestJump([1, 2, 3]) == nil)
  }

  struct FlagCase: Sendable, CustomStringConvertible {
    var kind: AuthenticityFlag.Kind
    var factor: Double
    var configure: @Sendable (inout Creator) -> Void
    var description: String { kind.rawValue }
  }

  static let flagCases: [FlagCase] = [
    FlagCase(kind: .fewComments, factor: 0.8) {
      $0.engagement.likes = 500
      $0.engagement.comments = 0
    },
    FlagCase(kind: .commentHeavy, factor: 0.85) {
      $0.engagement.likes = 400
      $0.engagement.comments = 300
    },
    FlagCase(kind: .followForFollow, factor: 0.8) { $0.following = 12_000 },
    FlagCase(kind: .followerJump, factor: 0.7) {
      $0.followerHistory = [8_000, 8_100, 8_200, 8_300, 9_900, 10_000]
    },
    FlagCase(kind: .oversponsored, factor: 0.85) { $0.sponsoredShare = 0.6 },
    FlagCase(kind: .inauthenticAudience, factor: 0.55) { $0.audience.realShare = 0.55 },
  ]

  @Test("each authenticity rule raises its named flag with its factor", arguments: flagCases)
  func flags(testCase: FlagCase) {
    var creator = Fixtures.creator("x", followers: 10_000)
    testCase.configure(&creator)
    let result = Authenticity.assess(
      creator, engagement: EngagementModel.assess(nil, followers: 10_000, curve: Self.curve))
    #expect(result.flags.map(\.kind) == [testCase.kind])
    #expect(result.score == testCase.factor)
    #expect(!result.flags[0].describe(result.evidence).isEmpty)
  }

  @Test("engagement far from peers raises a flag in each direction")
  func zFlags() {
    let high = EngagementObservation(
      rate: exp(-3 + 3.2 * (0.25 + 0.25 / 12).squareRoot()), basis: .followers, posts: 12,
      source: .counts)
    let low = EngagementObservation(
      rate: exp(-3 - 2.6 * (0.25 + 0.25 / 12).squareRoot()), basis: .followers, posts: 12,
      source: .counts)
    let creator = Fixtures.creator("x")
    let above = Authenticity.assess(
      creator, engagement: EngagementModel.assess(high, followers: 1, curve: Self.curve))
    let below = Authenticity.assess(
      creator, engagement: EngagementModel.assess(low, followers: 1, curve: Self.curve))
    #expect(above.flags.map(\.kind) == [.engagementFarAbovePeers])
    #expect(above.score == 0.6)
    #expect(below.flags.map(\.kind) == [.engagementFarBelowPeers])
    #expect(below.score == 0.7)
  }

  @Test(
    "a real-audience share is a warning only below the threshold; above it it still scales",
    arguments: [(0.91, false), (0.75, false), (0.74, true), (0.3, true), (1.0, false)])
  func realShareThreshold(share: Double, flagged: Bool) {
    var creator = Fixtures.creator("x", followers: 10_000)
    creator.audience.realShare = share
    let result = Authenticity.assess(
      creator, engagement: EngagementModel.assess(nil, followers: 1, curve: Self.curve))
    #expect(result.flags.map(\.kind) == (flagged ? [.inauthenticAudience] : []))
    #expect(result.score == share)
  }

  @Test("a measured authentic-engagement share of 60% or more outweighs 'far above peers'")
  func authenticEngagementOutweighsHighZ() {
    let high = EngagementObservation(
      rate: exp(-3 + 3.2 * (0.25 + 0.25 / 12).squareRoot()), basis: .followers, posts: 12,
      source: .counts)
    func assess(authentic: Double) -> Authenticity.Result {
      var creator = Fixtures.creator("x")
      creator.engagement.total = 1_000
      creator.engagement.authentic = authentic
      return Authenticity.assess(
        creator, engagement: EngagementModel.assess(high, followers: 1, curve: Self.curve))
    }
    let measuredReal = assess(authentic: 1_000)
    #expect(measuredReal.flags.isEmpty)
    #expect(measuredReal.score == 1)
    let mostlyReal = assess(authentic: 650)
    #expect(mostlyReal.flags.isEmpty)
    #expect(mostlyReal.score == 0.65)
    let halfReal = assess(authentic: 500)
    #expect(halfReal.flags.map(\.kind) == [.engagementFarAbovePeers, .inauthenticAudience])
    #expect(abs(halfReal.score - 0.6 * 0.5) < 1e-15)
  }

  @Test("penalties multiply")
  func penaltiesMultiply() {
    var creator = Fixtures.creator("x", followers: 10_000)
    creator.following = 20_000
    creator.sponsoredShare = 0.7
    creator.audience.realShare = 0.9
    let result = Authenticity.assess(
      creator, engagement: EngagementModel.assess(nil, followers: 1, curve: Self.curve))
    #expect(abs(result.score - 0.8 * 0.85 * 0.9) < 1e-15)
  }
}
