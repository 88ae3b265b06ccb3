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

  /// The sample with some rows missing each audience dimension, so that every kind of evidence
  /// (and every home class of a row without geography) occurs.
  static let gappy = creators.enumerated().map { index, creator in
    var creator = creator
    if index % 7 == 0 { creator.audience.countries = nil }
    if index % 5 == 0 { creator.audience.languages = nil }
    if index % 3 == 0 { creator.audience.femaleShare = nil }
    if index % 4 == 0 { creator.audience.ageShares = nil }
    if index % 6 == 0 { creator.audience.interests = nil }
    if index % 11 == 0 { creator.country = nil }
    return creator
  }

  @Test(
    "the counted bits give every brief the per-row records' counts, dimensions missing",
    arguments: [
      "de-vegan-food", "es-fashion", "jp-travel", "pl-skincare", "ua-fitness", "us-gaming",
    ])
  func countedBits(brief name: String) throws {
    let table = Fixtures.table(Self.gappy)
    let path = Fixtures.packageRoot.appendingPathComponent("datasets/briefs/\(name).json")
    let brief = try CampaignBrief.decode(Array(try Data(contentsOf: path)), source: path.path)
    let ranker = Ranker(table: table)
    let plan = BriefPlan(brief: brief, table: table)
    let expected = Self.counted(ranker, plan)
    for (threads, blockSize) in [(1, 32_768), (3, 101)] {
      #expect(ranker.evidenceCoverage(plan, threads: threads, blockSize: blockSize) == expected)
    }
    // Every level that occurs among the rows is counted, and the rows split across levels.
    #expect(expected.audience.filter { $0 > 0 }.count >= 2, "\(name): \(expected.audience)")
  }

  @Test("the audience byte says which dimensions a row has data for, and which were filled in")
  func audienceBits() throws {
    let table = Fixtures.table(Self.gappy)
    var seen: Set<UInt8> = []
    for row in 0..<table.count {
      let bits = table.audienceData[row]
      seen.insert(bits)
      #expect((bits & AudienceData.female != 0) == !table.femaleShares[row].isNaN)
      #expect((bits & AudienceData.ages != 0) == !table.ageShare(row, bucket: 0).isNaN)
      #expect((bits & AudienceData.countries != 0) == table.audienceCountries.hasEntries(row))
      #expect((bits & AudienceData.languages != 0) == table.audienceLanguages.hasEntries(row))
      #expect((bits & AudienceData.interests != 0) == table.audienceInterests.hasEntries(row))
      #expect(bits >> 5 == table.estimatedShares[row] & 7)
    }
    #expect(seen.count >= 8)
    // Row 0 lost every dimension (its index is a multiple of every period): no data bit is set.
    #expect(table.audienceData[0] & 0x1F == 0)
  }

  @Test(
    "the audience's evidence without its shares is the full evaluation's, row by row",
    arguments: [
      "de-vegan-food", "es-fashion", "jp-travel", "pl-skincare", "ua-fitness", "us-gaming",
    ])
  func audienceEvidence(brief name: String) throws {
    // Some rows without each dimension, so that every kind of evidence occurs.
    let table = Fixtures.table(Self.gappy)
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
