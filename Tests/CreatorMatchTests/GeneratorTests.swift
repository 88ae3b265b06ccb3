import Foundation
import Testing

@testable import CreatorMatch

@Suite("Synthetic dataset calibration and planted fraud")
struct GeneratorTests {
  static let generated = DatasetGenerator(seed: 2_024).creators(count: 20_000)

  @Test("the same seed gives the same creators, and creator i does not depend on the count")
  func deterministic() {
    let small = DatasetGenerator(seed: 2_024).creators(count: 500, threads: 1)
    #expect(small.map(\.creator) == Array(Self.generated.prefix(500)).map(\.creator))
    #expect(
      DatasetGenerator(seed: 2_025).creators(count: 50).map(\.creator)
        != small.prefix(50).map(\.creator))
  }

  @Test("followers follow Kim et al.'s distribution: median about 16k, long tail")
  func followers() {
    let followers = Self.generated.map(\.creator.followers).sorted()
    let median = followers[followers.count / 2]
    #expect(median > 14_500 && median < 18_000, "median \(median)")
    let share10k = Double(followers.filter { $0 < 10_000 }.count) / Double(followers.count)
    #expect(abs(share10k - 0.374) < 0.02, "share below 10k \(share10k)")
    #expect((followers.last ?? 0) > 5_000_000)
  }

  @Test(
    "Instagram engagement medians by size match HypeAuditor 2018 within 15%",
    arguments: [
      (1_000.0, 5_000.0, 0.0645), (5_000, 20_000, 0.0376), (20_000, 100_000, 0.0263),
      (100_000, 1_000_000, 0.0257),
    ])
  func engagementBands(lower: Double, upper: Double, published: Double) {
    let rates = Self.generated.filter {
      $0.fraud == nil && $0.creator.platform == .instagram && $0.creator.followers >= lower
        && $0.creator.followers < upper
    }.compactMap { EngagementObservation(creator: $0.creator)?.rate }.sorted()
    let median = rates[rates.count / 2]
    #expect(abs(median / published - 1) < 0.15, "median \(median) vs \(published)")
  }

  @Test("about 4.5% of accounts carry a planted fraud pattern")
  func fraudShare() {
    let share =
      Double(Self.generated.filter { $0.fraud != nil }.count) / Double(Self.generated.count)
    #expect(abs(share - 0.045) < 0.006)
  }

  @Test("authenticity flags find the planted fraud: precision ≥ 0.75 and recall ≥ 0.9")
  func fraudDetection() {
    let creators = Self.generated.map(\.creator)
    let table = Fixtures.table(creators, threads: 4)
    let ranker = Ranker(table: table)
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var missed: [String: Int] = [:]
    for (row, item) in Self.generated.enumerated() {
      let flagged = Authenticity.isSuspicious(ranker.authenticityFlags(row: row))
      switch (flagged, item.fraud) {
      case (true, .some): truePositives += 1
      case (true, .none): falsePositives += 1
      case (false, .some(let pattern)):
        falseNegatives += 1
        missed[pattern.rawValue, default: 0] += 1
      case (false, .none): break
      }
    }
    let precision = Double(truePositives) / Double(truePositives + falsePositives)
    let recall = Double(truePositives) / Double(truePositives + falseNegatives)
    print(
      "fraud detection on 20,000 generated creators: precision \(precision), recall \(recall), missed \(missed)"
    )
    #expect(precision >= 0.75)
    #expect(recall >= 0.9)
  }
}
