import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

@Suite("Evidence coverage: the summary's counts of how each component was obtained")
struct EvidenceCoverageTests {
  static let creators = DatasetGenerator(seed: 23).creators(count: 2_500).map(\.creator)

  /// The counts from each row's ranked record, one row at a time: an independent path through
  /// the audience evaluation and the evidence rules.
  static func counted(_ ranker: Ranker, _ plan: BriefPlan) -> EvidenceCoverage {
    var coverage = EvidenceCoverage()
    for row in 0..<ranker.table.count {
      coverage.count(ranker.rankedCreator(row: row, rank: 1, plan: plan).evidence)
    }
    return coverage
  }

  @Test(
    "the parallel count equals the per-row records for any thread count and block size",
    arguments: [(1, 32_768), (2, 97), (3, 1), (4, 1_000)])
  func parallelCount(threads: Int, blockSize: Int) throws {
    let table = Fixtures.table(Self.creators)
    let path = Fixtures.packageRoot.appendingPathComponent("datasets/briefs/pl-skincare.json")
    let brief = try CampaignBrief.decode(Array(try Data(contentsOf: path)), source: path.path)
    let ranker = Ranker(table: table)
    let plan = BriefPlan(brief: brief, table: table)
    let coverage = ranker.evidenceCoverage(plan, threads: threads, blockSize: blockSize)
    #expect(coverage == Self.counted(ranker, plan))
    #expect(coverage.creators == Self.creators.count)
    // Every row lands in exactly one level of each scored component.
    for levels in [coverage.engagement, coverage.audience, coverage.niche, coverage.authenticity] {
      #expect(levels.reduce(0, +) == Self.creators.count)
    }
  }

  @Test(
    "the audience's evidence without its shares is the full evaluation's, row by row",
    arguments: [
      "de-vegan-food", "es-fashion", "jp-travel", "pl-skincare", "ua-fitness", "us-gaming",
    ])
  func audienceEvidence(brief name: String) throws {
    // Some rows without each dimension, so that every kind of evidence occurs.
    let creators = Self.creators.enumerated().map { index, creator in
      var creator = creator
      if index % 7 == 0 { creator.audience.countries = nil }
      if index % 5 == 0 { creator.audience.languages = nil }
      if index % 3 == 0 { creator.audience.femaleShare = nil }
      if index % 4 == 0 { creator.audience.ageShares = nil }
      if index % 6 == 0 { creator.audience.interests = nil }
      return creator
    }
    let table = Fixtures.table(creators)
    let path = Fixtures.packageRoot.appendingPathComponent("datasets/briefs/\(name).json")
    let brief = try CampaignBrief.decode(Array(try Data(contentsOf: path)), source: path.path)
    let audience = BriefPlan(brief: brief, table: table).audience
    var levels: Set<Evidence> = []
    for row in 0..<table.count {
      let expected = audience.evaluate(row, in: table).evidence
      #expect(audience.evidence(row, in: table) == expected, "row \(row)")
      levels.insert(expected)
    }
    #expect(levels.count >= 2, "\(name): \(levels)")
  }
}
