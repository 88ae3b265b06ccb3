import Foundation
import Testing

@testable import CreatorMatch

/// The ranking pass skips creators by upper bounds of their score. These tests pin that it never
/// skips one that belongs in the top k, against the detail path that scores every row.
@Suite("Ranking bounds never change the result")
struct RankingPruningTests {
  static let creators = DatasetGenerator(seed: 11).creators(count: 8_000).map(\.creator)
  static let table = Fixtures.table(creators, threads: 2)

  @Test(
    "the pruned pass keeps exactly the brute-force top k of every row's exact score",
    arguments: RankerTests.briefNames, [1, 25, 400])
  func matchesBruteForce(name: String, top: Int) throws {
    let ranker = Ranker(table: Self.table)
    let plan = BriefPlan(brief: try RankerTests.briefJSON(name), table: Self.table)
    let ranking = ranker.rank(plan, top: top, threads: 3)
    let scores = ranker.allScores(plan)
    let expected = scores.indices.filter { !scores[$0].isNaN }
      .sorted {
        scores[$0] != scores[$1]
          ? scores[$0] > scores[$1] : Self.table.idRanks[$0] < Self.table.idRanks[$1]
      }
      .prefix(top)
    #expect(ranking.rows.map(\.row) == Array(expected))
    #expect(ranking.rows.map(\.score.bitPattern) == expected.map { scores[$0].bitPattern })
    #expect(ranking.eligible == scores.filter { !$0.isNaN }.count)
    var filtered = FilterCounts()
    for row in 0..<Self.table.count {
      if let reason = ranker.filterReason(row: row, plan: plan) { filtered[reason] += 1 }
    }
    #expect(ranking.filtered == filtered)
  }

  @Test("an excluded id after one that fails another constraint is still excluded")
  func excludedAfterFiltered() throws {
    let creators = (0..<6).map { index -> Creator in
      var creator = Fixtures.creator("c\(index)", followers: 10_000 + Double(index), likes: 300)
      creator.platform = index == 1 ? .youtube : .instagram
      return creator
    }
    let table = Fixtures.table(creators)
    let brief = try Fixtures.brief(
      #"{"id": "t", "goal": "engagement", "platforms": ["instagram"], "constraints": {"exclude_ids": ["c1", "c3"]}}"#
    )
    let ranking = Ranker(table: table).rank(brief, top: 10)
    #expect(Set(ranking.rows.map(\.id)) == ["c0", "c2", "c4", "c5"])
    #expect(ranking.filtered[.platform] == 1)
    #expect(ranking.filtered[.excludedID] == 1)
  }

  @Test("the geography bound from the leaders is never below the exact factor")
  func geographyBound() throws {
    for name in RankerTests.briefNames {
      let plan = BriefPlan(brief: try RankerTests.briefJSON(name), table: Self.table)
      let audience = plan.audience
      for row in 0..<Self.table.count {
        var geography = 1.0
        for fit in audience.breakdown(row, in: Self.table)
        where fit.kind == .country || fit.kind == .language {
          geography = min(geography, fit.share)
        }
        let bound = audience.geographyBound(row, in: Self.table)
        #expect(bound * (1 + 1e-12) >= geography, "\(name) row \(row)")
      }
    }
  }

  @Test("the breakdown's factors multiply to the kernel's share, bit for bit")
  func breakdownMultipliesToShare() throws {
    for name in RankerTests.briefNames {
      let audience = BriefPlan(brief: try RankerTests.briefJSON(name), table: Self.table).audience
      for row in 0..<Self.table.count {
        let fits = audience.breakdown(row, in: Self.table)
        let isGeography = { (fit: AudiencePlan.DimensionFit) in
          fit.kind == .country || fit.kind == .language
        }
        // gender × age × min(1, country, language) × interest, in the kernel's order.
        var share = 1.0
        for fit in fits where fit.kind == .gender || fit.kind == .age { share *= fit.share }
        share *= fits.filter(isGeography).reduce(1.0) { min($0, $1.share) }
        for fit in fits where fit.kind == .interest { share *= fit.share }
        let exact = audience.evaluate(row, in: Self.table)
        #expect(share.bitPattern == exact.share.bitPattern, "\(name) row \(row)")
        #expect(
          fits.map(\.evidence).max() ?? .measured == exact.evidence, "\(name) row \(row)")
      }
    }
  }

  @Test("an audience share that stops early stops only below the requested share")
  func shareStopsOnlyBelow() throws {
    let plan = BriefPlan(brief: try RankerTests.briefJSON("pl-skincare.json"), table: Self.table)
    for row in 0..<2_000 {
      let exact = plan.audience.evaluate(row, in: Self.table).share
      for needed in [0, exact / 2, exact, exact * 1.5 + 1e-9] {
        let share = plan.audience.share(row, in: Self.table, atLeast: needed)
        if exact >= needed {
          #expect(share == exact)
        } else {
          #expect(share == nil || share == exact)
        }
      }
    }
  }
}

@Suite("Audience factors stay at most 1")
struct AudienceCapTests {
  @Test("age shares whose rounding sums past 1 count as 1, so partial products bound the share")
  func agesCapped() {
    var creator = Fixtures.creator("a")
    creator.audience = AudienceProfile(
      femaleShare: 0.5, ageShares: [0, 0.51, 0.51, 0, 0, 0], countries: nil, languages: nil,
      interests: nil)
    let table = Fixtures.table([creator])
    let plan = AudiencePlan(
      target: CampaignBrief.AudienceTarget(ages: [.age18to24, .age25to34], gender: .female),
      table: table)
    #expect(plan.evaluate(0, in: table).share == 0.5)
    #expect(plan.breakdown(0, in: table).last?.share == 1)
  }
}

@Suite("Sparse shares and their leaders")
struct SparseSharesTests {
  @Test("leaders add a key's repeated shares and bound every target sum")
  func leaders() {
    var builder = SparseSharesBuilder(withLeaders: true)
    builder.addRow([(1, 0.2), (2, 0.5), (1, 0.4), (3, 0.1)])
    builder.addRow([])
    builder.addRow([(3, 0.3)])
    let shares = builder.build()
    let pl = Double(Float(0.2)) + Double(Float(0.4))
    #expect(shares.leaderKeys == [1, 0, 3])
    #expect(Double(shares.leaderShares[0]) >= pl)
    #expect(Double(shares.leaderShares[0]) - pl < 1e-7)
    #expect(shares.runnerUpShares[0] == Float(0.5))
    #expect(shares.runnerUpShares[2] == 0)
    var weights = [Double](repeating: 0, count: 4)
    weights[1] = 1
    #expect(
      shares.targetSumBound(0, weights: weights, targets: 1) == Double(shares.leaderShares[0]))
    weights = [0, 0, 1, 0]
    #expect(shares.targetSumBound(0, weights: weights, targets: 1) == Double(Float(0.5)))
    weights = [0, 0, 1, 1]
    #expect(shares.targetSumBound(0, weights: weights, targets: 2) == 2 * Double(Float(0.5)))
    #expect(shares.hasLeaders)
    #expect(!SparseSharesBuilder(withLeaders: false).build().hasLeaders)
  }

  @Test("rounding up to Float never lowers a share")
  func roundedUp() {
    for value in [0.1, 1.0 / 3, 0.6000000001, 0, 1] {
      let rounded = SparseSharesBuilder.roundedUp(value)
      #expect(Double(rounded) >= value)
      #expect(Double(rounded.nextDown) < value || value == 0)
    }
  }
}
