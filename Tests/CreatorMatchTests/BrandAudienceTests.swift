import CreatorMatch
import CreatorMatchIO
import CreatorMatchSupport
import Foundation
import Testing

/// The brand audience: affinity and new-to-brand share per creator, and the overlap component.
@Suite("Brand audience overlap")
struct BrandAudienceTests {
  /// Exact audiences as integer follower ids; `brand` is kept exact.
  static func set(_ audiences: [(String, [Int])], threshold: Int = 1_000_000) -> SketchSet {
    var builder = AudienceSketchBuilder(exactThreshold: threshold)
    builder.keepExact("brand")
    for (id, followers) in audiences {
      for follower in followers { builder.add(FollowerHash.hash("u\(follower)"), creatorID: id) }
    }
    return SketchSet(sketches: builder.finish(), exactThreshold: threshold)
  }

  /// a: u1–u10, b: u6–u15, c: u20–u23; brand: u1–u8 and u20; d has no sketch.
  static let small = set([
    ("brand", Array(1...8) + [20]), ("a", Array(1...10)), ("b", Array(6...15)),
    ("c", Array(20...23)),
  ])

  static func table() -> CreatorTable {
    Fixtures.table(["a", "b", "c", "d"].map { Fixtures.creator($0, likes: 500) })
  }

  @Test("exact sets: affinity, new-to-brand share and counts are hand-computed")
  func exactFigures() throws {
    let table = Self.table()
    let brand = try #require(BrandAudience(set: Self.small, brandID: "brand", table: table))
    #expect(brand.size == 9)
    #expect(brand.exact)
    #expect(brand.sketchedRows == 3)
    // a: u1–u8 of 10 are the brand's → 0.8; b: u6, u7, u8 of 10 → 0.3; c: u20 of 4 → 0.25.
    let expected: [String: (Double, Double)] = ["a": (0.8, 8), "b": (0.3, 3), "c": (0.25, 1)]
    for (id, (affinity, shared)) in expected {
      let row = try #require(table.row(ofID: id))
      let overlap = try #require(brand.overlap(row: row))
      #expect(overlap.affinity == affinity, "\(id)")
      #expect(overlap.newToBrand == 1 - affinity, "\(id)")
      #expect(overlap.shared == shared, "\(id)")
      #expect(overlap.error == 0)
      #expect(overlap.exact)
    }
    let unsketched = try #require(table.row(ofID: "d"))
    #expect(brand.overlap(row: unsketched) == nil)
    #expect(BrandAudience(set: Self.small, brandID: "nobody", table: table) == nil)
  }

  @Test("overlap scores by goal: 1 − a for awareness, 1 − exp(−a/0.1) otherwise")
  func scoreFormula() {
    #expect(OverlapMeaning.newToBrand.score(affinity: 0.3) == 0.7)
    #expect(abs(OverlapMeaning.affinity.score(affinity: 0.3) - 0.950_212_931_6) < 1e-9)
    #expect(abs(OverlapMeaning.affinity.score(affinity: 0.1) - 0.632_120_558_8) < 1e-9)
    #expect(abs(OverlapMeaning.affinity.score(affinity: 0.25) - 0.917_915_001_0) < 1e-9)
    #expect(OverlapMeaning.affinity.score(affinity: 0) == 0)
    #expect(CampaignGoal.awareness.overlapMeaning == .newToBrand)
    #expect(CampaignGoal.conversions.overlapMeaning == .affinity)
    #expect(CampaignGoal.engagement.overlapMeaning == .affinity)
  }

  static let awarenessBrief = """
    {"id": "x", "goal": "awareness", "audience": {"brand_audience": "brand"}}
    """

  @Test("the plan weighs overlap by goal and estimates creators without a sketch (hand-computed)")
  func planWeightsAndEstimate() throws {
    let table = Self.table()
    let brand = BrandAudience(set: Self.small, brandID: "brand", table: table)
    let plan = BriefPlan(brief: try Fixtures.brief(Self.awarenessBrief), table: table, brand: brand)
    // Awareness without economics, niche or audience target: engagement 0.20, authenticity
    // 0.15, overlap 0.15 → overlap 0.15 / 0.50 = 0.3.
    #expect(abs(plan.weights.overlap - 0.3) < 1e-12)
    #expect(abs(plan.weights.engagement - 0.4) < 1e-12)
    // Mean new-to-brand share of a, b, c: (0.2 + 0.7 + 0.75)/3 = 0.55; lower bound
    // 0.55 − 0.8416·√(0.55·0.45/5) = 0.362 756…
    let estimate = try #require(plan.overlapEstimate)
    #expect(abs(estimate - (0.55 - 0.8416 * (0.55 * 0.45 / 5).squareRoot())) < 1e-12)
    #expect(abs(estimate - 0.362_756) < 1e-6)
    #expect(plan.notes.contains(.overlapScored(brand: "brand", meaning: .newToBrand)))

    let ranking = Ranker(table: table).rank(plan, top: 4)
    let byID = Dictionary(uniqueKeysWithValues: ranking.rows.map { ($0.id, $0) })
    let c = try #require(byID["c"])
    #expect(c.components.overlap == 0.75)
    #expect(c.evidence.overlap == .measured)
    #expect(c.brandOverlap?.affinity == 0.25)
    let d = try #require(byID["d"])
    #expect(d.components.overlap == estimate)
    #expect(d.evidence.overlap == .estimated)
    #expect(d.brandOverlap == nil)
    // The same engagement and authenticity for all four, so the order is the overlap order:
    // c (0.75), b (0.7), d (0.363), a (0.2).
    #expect(ranking.rows.map(\.id) == ["c", "b", "d", "a"])
    // score = 100 × eng^0.4 × auth^0.3 × ovl^0.3, reproduced by the components.
    for row in ranking.rows {
      let components = row.components
      let expected =
        100 * pow(max(components.engagement, 0.01), 0.4)
        * pow(max(components.authenticity, 0.01), 0.3)
        * pow(max(components.overlap ?? 0, 0.01), 0.3)
      #expect(abs(row.score - expected) < 1e-9 * expected)
      #expect(row.score == components.composite(plan.weights))
    }
  }

  @Test("conversions reads overlap as affinity with diminishing returns")
  func conversionsOrder() throws {
    let table = Self.table()
    let brand = BrandAudience(set: Self.small, brandID: "brand", table: table)
    let brief = try Fixtures.brief(
      """
      {"id": "x", "goal": "conversions", "audience": {"brand_audience": "brand"},
       "weights": {"overlap": 0.5}}
      """)
    let plan = BriefPlan(brief: brief, table: table, brand: brand)
    // conversions without economics: 0.15 + 0.10 + 0.5 (overridden) = 0.75.
    #expect(abs(plan.weights.overlap - 0.5 / 0.75) < 1e-12)
    let ranking = Ranker(table: table).rank(plan, top: 4)
    #expect(ranking.rows.map(\.id).prefix(3) == ["a", "b", "c"])
    let a = try #require(ranking.rows.first)
    #expect(abs((a.components.overlap ?? 0) - (1 - exp(-8.0))) < 1e-12)
  }

  @Test("without a brand audience overlap is left out, said so only when it was asked for")
  func leftOut() throws {
    let table = Self.table()
    let plain = BriefPlan(
      brief: try Fixtures.brief(#"{"id": "x", "goal": "awareness"}"#), table: table)
    #expect(plain.weights.overlap == 0)
    #expect(
      !plain.notes.contains { if case .overlapWithoutBrandAudience = $0 { true } else { false } })
    let ranking = Ranker(table: table).rank(plain, top: 4)
    #expect(ranking.rows.allSatisfy { $0.components.overlap == nil && $0.evidence.overlap == nil })

    let named = BriefPlan(brief: try Fixtures.brief(Self.awarenessBrief), table: table)
    #expect(named.weights.overlap == 0)
    #expect(named.notes.contains(.overlapWithoutBrandAudience(.noSketches("brand"))))
    #expect(
      named.notes.map(\.text).contains(
        "overlap left out of the score: brand audience \"brand\" needs --sketches"))

    let loaded = BriefPlan(
      brief: try Fixtures.brief(#"{"id": "x", "goal": "awareness"}"#), table: table,
      sketchesLoaded: true)
    #expect(loaded.notes.contains(.overlapWithoutBrandAudience(.notNamed)))
  }

  @Test("the ranking pass keeps every creator's score equal to its components, any threads")
  func passMatchesDetail() throws {
    var creators: [Creator] = []
    var audiences: [(String, [Int])] = [("brand", Array(0..<400))]
    var random = SeededRandom(seed: 5)
    for index in 0..<300 {
      let id = "c\(index)"
      creators.append(
        Fixtures.creator(
          id, followers: Double(1_000 + index * 37), likes: Double(20 + (index * 13) % 400)))
      if index % 4 != 0 {
        let start = Int(random.next() % 800)
        audiences.append((id, Array(start..<(start + 50 + index % 90))))
      }
    }
    let table = Fixtures.table(creators)
    let brand = BrandAudience(set: Self.set(audiences), brandID: "brand", table: table)
    let plan = BriefPlan(brief: try Fixtures.brief(Self.awarenessBrief), table: table, brand: brand)
    let ranker = Ranker(table: table)
    let all = ranker.allScores(plan)
    let best = all.enumerated().sorted { $0.element > $1.element }.prefix(20).map(\.element)
    for threads in [1, 2] {
      let ranking = ranker.rank(plan, top: 20, threads: threads)
      #expect(ranking.rows.map(\.score) == best)
      for row in ranking.rows { #expect(row.score == all[row.row]) }
    }
  }

  @Test("sketched creators against an exact brand: within 4 standard errors, errors below 0.04")
  func sketchedEstimates() throws {
    // Creators of 20,000–60,000 followers stored as sketches (threshold 1,000); the brand holds
    // 100,000 exact ids; each creator's true affinity is known by construction.
    var audiences: [(String, [Int])] = [("brand", Array(0..<100_000))]
    var truth: [String: Double] = [:]
    for index in 0..<12 {
      let size = 20_000 + index * 3_500
      let inside = Int(Double(size) * Double(index) / 12)
      let members =
        Array(0..<inside)
        + Array((1_000_000 + index * 100_000)..<(1_000_000 + index * 100_000 + size - inside))
      audiences.append(("s\(index)", members))
      truth["s\(index)"] = Double(inside) / Double(size)
    }
    let set = Self.set(audiences, threshold: 1_000)
    #expect(set.sketches.first { $0.creatorID == "brand" }?.isExact == true)
    for (id, affinity) in truth {
      let overlap = try #require(
        BrandAudience.overlap(in: set, creatorID: id, brandID: "brand"))
      #expect(!overlap.exact)
      #expect(overlap.error > 0 && overlap.error < 0.04, "\(id): error \(overlap.error)")
      #expect(
        abs(overlap.affinity - affinity) <= 4 * overlap.error,
        "\(id): \(overlap.affinity) vs \(affinity) ± \(overlap.error)")
    }
  }

  @Test("a sketched brand falls back to the Jaccard combination, with a larger stated error")
  func sketchedBrand() throws {
    var builder = AudienceSketchBuilder(exactThreshold: 100)
    for follower in 0..<20_000 {
      builder.add(FollowerHash.hash("u\(follower)"), creatorID: "brand")
    }
    for follower in 10_000..<30_000 {
      builder.add(FollowerHash.hash("u\(follower)"), creatorID: "big")
    }
    let set = SketchSet(sketches: builder.finish(), exactThreshold: 100)
    let overlap = try #require(BrandAudience.overlap(in: set, creatorID: "big", brandID: "brand"))
    #expect(!overlap.exact)
    #expect(abs(overlap.affinity - 0.5) <= max(4 * overlap.error, 0.02))
  }

  @Test("a customer list is hashed line by line, trimmed, blank lines skipped, kept exact")
  func customerList() {
    var builder = AudienceSketchBuilder(exactThreshold: 1)
    let report = BrandAudienceList.add(
      Array("anna\r\n  bob \n\n carla\nanna\n".utf8), as: "acme", into: &builder)
    #expect(report.ids == 4)
    let sketches = builder.finish()
    guard case .exact(let hashes) = sketches.first?.storage else {
      Issue.record("the brand audience is not exact")
      return
    }
    #expect(hashes == ["anna", "bob", "carla"].map { FollowerHash.hash($0) }.sorted())
  }
}

/// The shortlist's new-to-brand reach.
@Suite("Shortlist: new-to-brand reach")
struct NewToBrandShortlistTests {
  @Test(
    "with the brand excluded the greedy buys new people and reports both figures (hand-computed)")
  func newToBrand() throws {
    // a: u1–u10, b: u11–u14, c: u15–u17, all cost 5; the brand has u1–u9. Budget 10.
    let set = BrandAudienceTests.set([
      ("brand", Array(1...9)), ("a", Array(1...10)), ("b", Array(11...14)), ("c", Array(15...17)),
    ])
    let candidates = [
      Shortlist.Candidate(id: "a", score: 90, cost: 5, followers: 10),
      Shortlist.Candidate(id: "b", score: 50, cost: 5, followers: 4),
      Shortlist.Candidate(id: "c", score: 40, cost: 5, followers: 3),
    ]
    // All followers count: a (10) then b (4) = 14.
    let plain = Shortlist.select(candidates, budget: 10, sketches: set)
    #expect(plain.selection.picks.map(\.candidate.id) == ["a", "b"])
    #expect(plain.selection.uniqueReach == 14)
    #expect(plain.selection.newToBrandReach == nil)
    // New to the brand: a adds 1 (u10), b 4, c 3 → b then c: 7 new, 7 unique in all.
    let result = Shortlist.select(candidates, budget: 10, sketches: set, excluding: "brand")
    #expect(result.excludedBrand == "brand")
    #expect(result.selection.picks.map(\.candidate.id) == ["b", "c"])
    #expect(result.selection.picks.map(\.marginalReach) == [4, 3])
    #expect(result.selection.newToBrandReach == 7)
    #expect(result.selection.uniqueReach == 7)
    // The top by score (a, b): 14 unique, of which 5 new to the brand.
    #expect(result.baseline.picks.map(\.candidate.id) == ["a", "b"])
    #expect(result.baseline.uniqueReach == 14)
    #expect(result.baseline.newToBrandReach == 5)
  }
}

/// Affinity on the real Twitter follower graphs: the most-followed account as the brand, the
/// next 50 as creators, against exact sets computed with plain Swift sets.
@Suite("Brand affinity on the real Twitter follower graphs", .enabled(if: Fixtures.hasRealData))
struct RealGraphBrandTests {
  @Test("affinity within 0.03 of exact for all 50 creators", arguments: RealGraphSketchTests.graphs)
  func affinity(name: String) throws {
    let exact = try RealGraphSketchTests.exactFollowers(name)
    let ranked = exact.keys.sorted {
      let (a, b) = (exact[$0]?.count ?? 0, exact[$1]?.count ?? 0)
      return a != b ? a > b : $0 < $1
    }
    let brandID = ranked[0]
    let creators = Array(ranked[1...50])
    let brandSet = exact[brandID] ?? []
    let path = Fixtures.realData("twitter_follower_graphs/\(name)")
    // As `creatormatch sketch --brand-id` builds it (default threshold: these audiences are
    // small, so exact), and with every creator forced into a sketch (threshold 0) to measure
    // the estimator itself.
    var worst: [Double] = []
    for threshold in [10_000, 0] {
      var builder = AudienceSketchBuilder(exactThreshold: threshold)
      builder.keepExact(brandID)
      _ = try FollowerEdgeReader.read(path: path, format: .graphJSON, into: &builder)
      let set = SketchSet(sketches: builder.finish(), exactThreshold: threshold)
      var largest = 0.0
      var within = 0
      for creator in creators {
        let followers = exact[creator] ?? []
        let truth = Double(followers.intersection(brandSet).count) / Double(followers.count)
        let estimate = try #require(
          BrandAudience.overlap(in: set, creatorID: creator, brandID: brandID))
        let error = abs(estimate.affinity - truth)
        largest = max(largest, error)
        if error <= 3 * estimate.error + 1e-12 { within += 1 }
        if threshold > 0 {
          #expect(estimate.exact)
          #expect(error < 1e-12, "\(creator): \(estimate.affinity) vs \(truth)")
        } else {
          #expect(error <= 0.03, "\(creator): \(estimate.affinity) vs \(truth) ± \(estimate.error)")
        }
      }
      worst.append(largest)
      if threshold == 0 {
        // The stated errors are honest: nearly every estimate within 3 of them.
        #expect(within >= 48, "\(name): \(within) of 50 within 3 standard errors")
      }
    }
    print(
      "\(name): brand \(brandID) (\(brandSet.count)); worst affinity error exact \(worst[0]), sketched \(worst[1])"
    )
  }
}
