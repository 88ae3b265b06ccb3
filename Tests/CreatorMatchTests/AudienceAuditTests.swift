import CreatorMatch
import Foundation
import Testing

/// The InstaFake accounts (../shared/data/real/instafake), read for fitting and validation only.
enum InstaFake {
  static let directory: URL? = Fixtures.realDataDirectory.map {
    $0.appendingPathComponent("instafake")
  }
  static var isPresent: Bool {
    directory.map {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent("fakeAccountData.json").path)
    } ?? false
  }

  /// Every account and its label (1 fake), fakes first, in file order.
  static let accounts: [(account: FollowerAccount, fake: Int)] = {
    guard let directory else { return [] }
    var out: [(FollowerAccount, Int)] = []
    for name in ["fakeAccountData.json", "realAccountData.json"] {
      guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)),
        let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
      else { continue }
      for row in rows {
        func number(_ key: String) -> Double { (row[key] as? NSNumber)?.doubleValue ?? 0 }
        let account = FollowerAccount(
          followers: number("userFollowerCount"), following: number("userFollowingCount"),
          posts: number("userMediaCount"), hasProfilePicture: number("userHasProfilPic") == 1,
          isPrivate: number("userIsPrivate") == 1, usernameLength: Int(number("usernameLength")),
          usernameDigits: Int(number("usernameDigitCount")),
          bioLength: Int(number("userBiographyLength")))
        out.append((account, Int(number("isFake"))))
      }
    }
    return out
  }()

  static var rows: [[Double]] { accounts.map { FakeFollowerModel.features($0.account) } }
  static var labels: [Int] { accounts.map(\.fake) }
}

@Suite("Fake-follower classifier on InstaFake", .enabled(if: InstaFake.isPresent))
struct FakeFollowerFitTests {
  @Test func dataHasTheDocumentedCounts() {
    #expect(InstaFake.labels.filter { $0 == 1 }.count == 200)
    #expect(InstaFake.labels.filter { $0 == 0 }.count == 994)
  }

  /// Refitting from the shared data reproduces the committed coefficients.
  @Test func committedCoefficientsMatchARefit() {
    let fit = FakeFollowerModel.fit(InstaFake.rows, labels: InstaFake.labels)
    #expect(abs(fit.intercept - FakeFollowerModel.intercept) < 1e-6)
    #expect(fit.weights.count == FakeFollowerModel.weights.count)
    for (refit, committed) in zip(fit.weights, FakeFollowerModel.weights) {
      #expect(abs(refit - committed) < 1e-6)
    }
    let withBio = InstaFake.accounts.filter { ($0.account.bioLength ?? 0) > 0 }.count
    #expect(
      abs(Double(withBio) / Double(InstaFake.accounts.count) - FakeFollowerModel.bioShare) < 1e-12)
  }

  /// 5-fold cross-validation: AUC 0.990, accuracy 0.961, Brier 0.028 (README § Audience audit),
  /// and the sensitivity/specificity counts the correction uses are the measured ones.
  @Test func crossValidatedFigures() {
    let labels = InstaFake.labels
    let oof = FakeFollowerModel.crossValidatedProbabilities(InstaFake.rows, labels: labels)
    let auc = FakeFollowerModel.rocAUC(oof, labels: labels)
    let flagged = zip(oof, labels).filter { $0.0 > 0.5 && $0.1 == 1 }.count
    let cleared = zip(oof, labels).filter { $0.0 <= 0.5 && $0.1 == 0 }.count
    let accuracy = Double(flagged + cleared) / Double(labels.count)
    let brier =
      zip(oof, labels).map { ($0.0 - Double($0.1)) * ($0.0 - Double($0.1)) }.reduce(0, +)
      / Double(labels.count)
    #expect(auc >= 0.95)
    #expect(abs(auc - 0.990) < 0.0005)
    #expect(abs(accuracy - 0.961) < 0.0005)
    #expect(abs(brier - 0.0279) < 0.00005)
    #expect(flagged == AudienceAudit.crossValidatedFakes.flagged)
    #expect(cleared == AudienceAudit.crossValidatedReals.cleared)
  }

  /// Simulated creators with a known fake share, their followers drawn from InstaFake and scored
  /// out of fold: the 90% interval covers the truth about 90% of the time (measured: 264 of 300,
  /// 88%; mean absolute error of the point estimate 0.030).
  @Test func intervalCoverageOnSimulatedCreators() {
    let labels = InstaFake.labels
    let oof = FakeFollowerModel.crossValidatedProbabilities(InstaFake.rows, labels: labels)
    let fakes = labels.indices.filter { labels[$0] == 1 }
    let reals = labels.indices.filter { labels[$0] == 0 }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func unit() -> Double {
      // SplitMix64, so the test is deterministic without the package-only generator.
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    var covered = 0
    var absoluteError = 0.0
    let creators = 300
    for creator in 0..<creators {
      let truth = 0.02 + 0.48 * unit()
      var probabilities: [Double] = []
      var following: [Double] = []
      for _ in 0..<200 {
        let pool = unit() < truth ? fakes : reals
        let index = pool[min(pool.count - 1, Int(unit() * Double(pool.count)))]
        probabilities.append(oof[index])
        following.append(InstaFake.accounts[index].account.following)
      }
      let audit = AudienceAudit.audit(
        creatorID: "c\(creator)", probabilities: probabilities, following: following)
      if audit.fakeShareLower <= truth && truth <= audit.fakeShareUpper { covered += 1 }
      absoluteError += abs(audit.fakeShare - truth)
    }
    let coverage = Double(covered) / Double(creators)
    #expect(coverage >= 0.80 && coverage <= 0.97, "coverage \(coverage)")
    #expect(absoluteError / Double(creators) < 0.05)
  }
}

@Suite("Audience audit arithmetic")
struct AudienceAuditArithmeticTests {
  @Test func roganGladenByHand() {
    #expect(
      abs(
        AudienceAudit.roganGladen(positiveRate: 0.3, sensitivity: 0.8, specificity: 0.9)
          - 0.2 / 0.7) < 1e-12)
    #expect(AudienceAudit.roganGladen(positiveRate: 0.05, sensitivity: 0.8, specificity: 0.9) == 0)
    #expect(AudienceAudit.roganGladen(positiveRate: 0.95, sensitivity: 0.8, specificity: 0.9) == 1)
    // A test no better than chance cannot be corrected: the raw rate stands.
    #expect(AudienceAudit.roganGladen(positiveRate: 0.3, sensitivity: 0.5, specificity: 0.5) == 0.3)
  }

  @Test func rocAUCByHand() {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ordered.
    #expect(FakeFollowerModel.rocAUC([0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1]) == 0.75)
    #expect(FakeFollowerModel.rocAUC([0.5, 0.5], labels: [1, 0]) == 0.5)
    #expect(FakeFollowerModel.rocAUC([0.9, 0.1], labels: [1, 0]) == 1)
  }

  @Test func featuresByHand() {
    let account = FollowerAccount(
      followers: 0, following: 2_000, posts: exp(1) - 1, hasProfilePicture: true, isPrivate: false,
      usernameLength: 5, usernameDigits: 2)
    let x = FakeFollowerModel.features(account)
    #expect(x.count == FakeFollowerModel.featureNames.count)
    #expect(x[0] == 0)
    #expect(abs(x[1] - log(2_001)) < 1e-12)
    #expect(abs(x[2] - 1) < 1e-12)
    #expect(x[3] == 1 && x[4] == 0)
    #expect(abs(x[5] - 0.4) < 1e-12)
    #expect(x[6] == FakeFollowerModel.bioShare)
    #expect(x[7] == 1)
    var withBio = account
    withBio.bioLength = 0
    #expect(FakeFollowerModel.features(withBio)[6] == 0)
    let counts = FollowerAccount.usernameCounts("@ab12c")
    #expect(counts.length == 5 && counts.digits == 2)
  }

  /// At the fitted coefficients the penalised score equations hold: Σ(p − y) = 0 for the
  /// intercept and Σ(p − y)·xⱼ + λβⱼ = 0 for each weight.
  @Test func fitSolvesThePenalisedScoreEquations() {
    let rows: [[Double]] = [[0, 1], [1, 0], [2, 1], [3, 0], [4, 1], [5, 1], [1, 1], [4, 0]]
    let labels = [0, 0, 1, 0, 1, 1, 1, 0]
    let fit = FakeFollowerModel.fit(rows, labels: labels, lambda: 0.5)
    var score = [0.0, 0.0, 0.0]
    for (row, label) in zip(rows, labels) {
      let residual = fit.probability(row) - Double(label)
      score[0] += residual
      score[1] += residual * row[0]
      score[2] += residual * row[1]
    }
    #expect(abs(score[0]) < 1e-9)
    #expect(abs(score[1] + 0.5 * fit.weights[0]) < 1e-9)
    #expect(abs(score[2] + 0.5 * fit.weights[1]) < 1e-9)
  }

  @Test func committedSensitivityAndSpecificity() {
    #expect(AudienceAudit.sensitivity == 0.87)
    #expect(abs(AudienceAudit.specificity - 973.0 / 994.0) < 1e-15)
  }

  @Test func auditOfOneCreatorByHand() {
    let audit = AudienceAudit.audit(
      creatorID: "a", probabilities: [0.9, 0.6, 0.2, 0.1], following: [2_000, 10, 1_501, 1_500])
    #expect(audit.sampleSize == 4)
    #expect(audit.suspiciousCount == 2)
    #expect(audit.massFollowerCount == 2)
    // (0.5 + 973/994 − 1) / (0.87 + 973/994 − 1) = 0.5641…
    #expect(abs(audit.fakeShare - 0.5641) < 0.0001)
    #expect(audit.fakeShareLower <= audit.fakeShare && audit.fakeShare <= audit.fakeShareUpper)
    #expect(audit.fakeShareLower >= 0 && audit.fakeShareUpper <= 1)
    let again = AudienceAudit.audit(
      creatorID: "a", probabilities: [0.9, 0.6, 0.2, 0.1], following: [2_000, 10, 1_501, 1_500])
    #expect(again == audit)
  }

  @Test func intervalNarrowsWithTheSample() {
    func width(_ n: Int) -> Double {
      let audit = AudienceAudit.audit(
        creatorID: "w", probabilities: (0..<n).map { $0 % 4 == 0 ? 0.9 : 0.1 },
        following: Array(repeating: 100, count: n))
      return audit.fakeShareUpper - audit.fakeShareLower
    }
    #expect(width(1_000) < width(100))
    #expect(width(100) < width(20))
  }

  @Test func emptySampleHasTheWholeInterval() {
    let audit = AudienceAudit.audit(creatorID: "e", probabilities: [], following: [])
    #expect(audit.sampleSize == 0 && audit.fakeShare == 0)
    #expect(audit.fakeShareLower == 0 && audit.fakeShareUpper == 1)
  }

  @Test func groupsAccountsByCreatorInFirstAppearanceOrder() {
    func account(_ id: String, following: Double) -> FollowerAccount {
      FollowerAccount(
        creatorID: id, followers: 100, following: following, posts: 20, hasProfilePicture: true,
        isPrivate: false, usernameLength: 6, usernameDigits: 0, bioLength: 10)
    }
    let (audits, probabilities) = AudienceAudit.audit([
      account("b", following: 50), account("a", following: 7_000), account("b", following: 60),
    ])
    #expect(audits.map(\.creatorID) == ["b", "a"])
    #expect(audits.map(\.sampleSize) == [2, 1])
    #expect(audits[1].massFollowerCount == 1)
    #expect(probabilities.count == 3)
    #expect(probabilities[1] > probabilities[0])
  }
}
