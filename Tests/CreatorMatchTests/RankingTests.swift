import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchSupport

@Suite("Audience fit, niche fit and the composite")
struct FitTests {
  static func audienceCreators() -> [Creator] {
    var measured = Fixtures.creator("a")
    measured.country = "PL"
    measured.audience = AudienceProfile(
      femaleShare: 0.8, ageShares: [0.1, 0.3, 0.3, 0.2, 0.1, 0],
      countries: Distribution(entries: [.init(key: "PL", share: 0.7), .init(key: "DE", share: 0.2)]
      ),
      languages: Distribution(entries: [.init(key: "pl", share: 0.6), .init(key: "en", share: 0.3)]
      ),
      interests: Distribution(entries: [
        .init(key: "skincare", share: 0.5), .init(key: "beauty", share: 0.7),
      ]))
    var unmeasured = Fixtures.creator("b")
    unmeasured.country = "PL"
    unmeasured.language = "pl"
    return [measured, unmeasured]
  }

  static let target = CampaignBrief.AudienceTarget(
    countries: ["PL"], languages: ["pl"], ages: [.age18to24, .age25to34], gender: .female,
    interests: ["skincare", "beauty"])

  @Test("on-target share = gender × age × min(country, language) × interests capped at 1")
  func measured() {
    let table = Fixtures.table(Self.audienceCreators())
    let plan = AudiencePlan(target: Self.target, table: table)
    let result = plan.evaluate(0, in: table)
    let expected =
      Double(Float(0.8)) * (Double(Float(0.3)) + Double(Float(0.3)))
      * Double(Float(0.6)) * 1
    #expect(abs(result.share - expected) < 1e-12)
    #expect(result.evidence == .measured)
  }

  @Test(
    "a creator without audience data gets priors and its own market, ranked at their 20% lower bound"
  )
  func estimated() {
    let table = Fixtures.table(Self.audienceCreators())
    let plan = AudiencePlan(target: Self.target, table: table)
    let result = plan.evaluate(1, in: table)
    // Priors come from creator a alone: female 0.8, ages 0.6; geography 0.6·1 + 0.4·prior for
    // country (prior 0.7 → 0.88) and language (prior 0.6 → 0.84). Each estimate m ranks at
    // m − 0.8416·√(m(1 − m)/5) (κ = 4).
    func bound(_ m: Double) -> Double { m - 0.8416212335729143 * (m * (1 - m) / 5).squareRoot() }
    let expected = bound(0.8) * bound(0.6) * min(bound(0.88), bound(0.84)) * 1
    #expect(abs(result.share - expected) < 1e-6)
    #expect(result.evidence == .estimated)
  }

  @Test(
    "with no audience data anywhere, a home in the target beats an unknown home, then elsewhere")
  func homeCountryOrdering() {
    var inTarget = Fixtures.creator("in-target")
    inTarget.country = "IN"
    var unknown = Fixtures.creator("unknown")
    unknown.country = nil
    var elsewhere = Fixtures.creator("elsewhere")
    elsewhere.country = "US"
    var others: [Creator] = []
    for index in 0..<8 {
      var creator = Fixtures.creator("other-\(index)")
      creator.country = index < 2 ? "IN" : "US"
      others.append(creator)
    }
    let table = Fixtures.table([inTarget, unknown, elsewhere] + others)
    let plan = AudiencePlan(
      target: CampaignBrief.AudienceTarget(countries: ["IN"]), table: table)
    // Homes known for 10 of 11: 3 in IN → p = 0.3 × 0.6 = 0.18 (60% at home).
    #expect(abs(plan.countryPrior - 0.18) < 1e-12)
    let home = plan.evaluate(0, in: table)
    let none = plan.evaluate(1, in: table)
    let away = plan.evaluate(2, in: table)
    func bound(_ m: Double) -> Double {
      max(0, m - 0.8416212335729143 * (m * (1 - m) / 5).squareRoot())
    }
    #expect(abs(home.share - bound(0.6 + 0.4 * 0.18)) < 1e-12)
    #expect(abs(none.share - bound(0.18)) < 1e-12)
    #expect(abs(away.share - bound(0.4 * 0.18)) < 1e-12)
    #expect(home.share > none.share && none.share >= away.share)
    #expect(home.evidence == .estimated && none.evidence == .estimated)
  }

  @Test("a top audience country without its share holds the table's top share; the rest is spread")
  func topCountryOnly() {
    // Twelve creators with full distributions whose top share averages 0.7, and two that name
    // only a top country.
    var creators: [Creator] = []
    for index in 0..<12 {
      var creator = Fixtures.creator("full-\(index)")
      creator.audience.countries = Distribution(entries: [
        .init(key: index < 6 ? "BR" : "US", share: 0.7), .init(key: "PT", share: 0.3),
      ])
      creators.append(creator)
    }
    var top = Fixtures.creator("top-br")
    top.audience.countries = Distribution(
      entries: [.init(key: "BR", share: 1)], sharesEstimated: true)
    var other = Fixtures.creator("top-us")
    other.audience.countries = Distribution(
      entries: [.init(key: "US", share: 1)], sharesEstimated: true)
    let table = Fixtures.table(creators + [top, other])
    #expect(abs(table.model.audiencePriors.topCountryShare - 0.7) < 1e-12)
    let plan = AudiencePlan(target: CampaignBrief.AudienceTarget(countries: ["BR"]), table: table)
    let fits = plan.breakdown(12, in: table)
    #expect(fits.map(\.evidence) == [.partial])
    #expect(abs(fits[0].estimate - 0.7) < 1e-9)
    // Not the top country: (1 − t)·p_BR/(1 − p_US) = 0.3 · 0.35 / (1 − 0.35).
    let away = plan.breakdown(13, in: table)
    #expect(abs(away[0].estimate - 0.3 * 0.35 / 0.65) < 1e-9)
    // A measured 70% in BR ranks above the partial estimate of 70%.
    #expect(plan.evaluate(0, in: table).share > plan.evaluate(12, in: table).share)
  }

  @Test("a male target uses 1 − the female share")
  func maleTarget() {
    let table = Fixtures.table(Self.audienceCreators())
    let plan = AudiencePlan(
      target: CampaignBrief.AudienceTarget(gender: .male), table: table)
    #expect(abs(plan.evaluate(0, in: table).share - (1 - Double(Float(0.8)))) < 1e-12)
  }

  static func textCreators() -> [Creator] {
    var first = Fixtures.creator("c1")
    first.bio = "serum serum krem"
    var second = Fixtures.creator("c2")
    second.bio = "krem gym"
    var third = Fixtures.creator("c3")
    third.bio = "gym vape"
    third.categories = ["skincare"]
    return [first, second, third]
  }

  @Test("niche fit is the TF-IDF cosine computed by hand")
  func cosine() throws {
    let table = Fixtures.table(Self.textCreators())
    let brief = try Fixtures.brief(
      #"{"id": "b", "goal": "awareness", "niche": {"keywords": {"serum": 1, "krem": 1}}}"#)
    let plan = BriefPlan(brief: brief, table: table)
    let ranker = Ranker(table: table)
    // idf(serum) = ln(4/2) + 1, idf(krem) = ln(4/3) + 1; c1 = (2 tf → 1 + ln 2) normalized.
    #expect(abs(ranker.cosine(row: 0, plan: plan) - 0.974_112_975_432_319_3) < 1e-6)
    #expect(abs(ranker.cosine(row: 1, plan: plan) - 0.428_046_035_063_118_5) < 1e-6)
    #expect(ranker.cosine(row: 2, plan: plan) == 0)
  }

  @Test("a matching category raises niche fit to at least 0.8, and exclude terms filter")
  func categoryAndExclude() throws {
    let table = Fixtures.table(Self.textCreators())
    let brief = try Fixtures.brief(
      #"{"id": "b", "goal": "awareness", "niche": {"keywords": ["serum"], "categories": ["skincare"], "exclude": ["vape"]}}"#
    )
    let ranking = Ranker(table: table).rank(brief, top: 10)
    #expect(ranking.filtered[.excludedTerm] == 1)
    #expect(!ranking.rows.contains { $0.id == "c3" })
    #expect(NicheQuery.fit(cosine: 0.3, categoryMatch: true) == 0.8)
    #expect(NicheQuery.fit(cosine: 0.9, categoryMatch: true) == 0.9)
    #expect(NicheQuery.fit(cosine: 0.3, categoryMatch: false) == 0.3)
    let plan = BriefPlan(brief: brief, table: table)
    #expect(Ranker(table: table).filterReason(row: 2, plan: plan) == .excludedTerm)
  }

  @Test("the composite is the weighted geometric mean with components floored at 0.01")
  func composite() {
    let weights = ComponentWeights(
      engagement: 0.2, audience: 0.35, niche: 0.2, authenticity: 0.15, value: 0.1)
    let scores = ComponentScores(
      engagement: 0.8, audience: 0.5, niche: 0.4, authenticity: 0.9, value: 0)
    #expect(abs(scores.composite(weights) - 38.797_690_443_556_3) < 1e-9)
  }

  @Test("the composite rises with every component")
  func compositeMonotone() {
    let weights = CampaignGoal.awareness.defaultWeights.normalized
    let base = ComponentScores(
      engagement: 0.5, audience: 0.5, niche: 0.5, authenticity: 0.5, value: 0.5)
    let keyPaths: [WritableKeyPath<ComponentScores, Double>] = [
      \.engagement, \.audience, \.niche, \.authenticity,
    ]
    for keyPath in keyPaths {
      var better = base
      better[keyPath: keyPath] = 0.6
      #expect(better.composite(weights) > base.composite(weights))
    }
  }
}

@Suite("Ranking determinism, constraints and explanations")
struct RankerTests {
  static let creators = DatasetGenerator(seed: 5).creators(count: 6_000).map(\.creator)

  static func briefJSON(_ name: String) throws -> CampaignBrief {
    let path = Fixtures.packageRoot.appendingPathComponent("datasets/briefs/\(name)").path
    return try CampaignBrief.decode(
      Array(try Data(contentsOf: URL(fileURLWithPath: path))), source: path)
  }

  static let briefNames = [
    "pl-skincare.json", "jp-travel.json", "ua-fitness.json", "us-gaming.json", "de-vegan-food.json",
    "es-fashion.json",
  ]

  @Test("the ranking is identical for shuffled rows and for 1 or 4 threads", arguments: briefNames)
  func determinism(name: String) throws {
    let brief = try Self.briefJSON(name)
    let table = Fixtures.table(Self.creators, threads: 4)
    var random = SeededRandom(seed: 99)
    let shuffledTable = Fixtures.table(Self.creators.shuffled(using: &random), threads: 2)
    let single = Ranker(table: table).rank(brief, top: 50, threads: 1)
    let parallel = Ranker(table: table).rank(brief, top: 50, threads: 4)
    let shuffled = Ranker(table: shuffledTable).rank(brief, top: 50, threads: 3)
    func key(_ ranking: Ranking) -> [String] {
      ranking.rows.map { "\($0.id) \($0.score.bitPattern)" }
    }
    #expect(key(single) == key(parallel))
    #expect(key(single) == key(shuffled))
    #expect(single.eligible == shuffled.eligible)
    #expect(single.filtered == shuffled.filtered)
    #expect(single.rows.count == 50)
  }

  @Test("equal scores are ordered by id bytes")
  func tieBreak() throws {
    let creators = ["b", "a", "d", "c"].map { Fixtures.creator($0, followers: 10_000, likes: 300) }
    let table = Fixtures.table(creators)
    let brief = try Fixtures.brief(#"{"id": "t", "goal": "engagement"}"#)
    let ranking = Ranker(table: table).rank(brief, top: 3)
    #expect(ranking.rows.map(\.id) == ["a", "b", "c"])
    #expect(Set(ranking.rows.map(\.score)).count == 1)
  }

  @Test("hard constraints filter and are counted by their first failing rule")
  func constraints() throws {
    let table = Fixtures.table(Self.creators)
    let brief = try Fixtures.brief(
      #"{"id": "t", "goal": "awareness", "platforms": ["instagram"], "constraints": {"min_followers": 10000, "tiers": ["micro"], "exclude_ids": ["c000001", "c000003"]}}"#
    )
    let ranking = Ranker(table: table).rank(brief, top: 6_000)
    let expected = Self.creators.filter {
      $0.platform == .instagram && $0.followers >= 10_000 && $0.tier == .micro
        && !["c000001", "c000003"].contains($0.id)
    }
    #expect(ranking.eligible == expected.count)
    #expect(Set(ranking.rows.map(\.id)) == Set(expected.map(\.id)))
    #expect(ranking.filtered[.platform] == Self.creators.filter { $0.platform != .instagram }.count)
    #expect(ranking.filtered.total + ranking.eligible == Self.creators.count)
  }

  @Test("each row's components reproduce its score, and scores descend")
  func componentsReproduceScore() throws {
    let table = Fixtures.table(Self.creators)
    for name in Self.briefNames {
      let ranking = Ranker(table: table).rank(try Self.briefJSON(name), top: 20)
      for row in ranking.rows {
        #expect(row.components.composite(ranking.plan.weights) == row.score)
      }
      #expect(zip(ranking.rows, ranking.rows.dropFirst()).allSatisfy { $0.score >= $1.score })
    }
  }

  @Test("--explain names the numbers behind each component")
  func explanation() throws {
    let table = Fixtures.table(Self.creators)
    let ranker = Ranker(table: table)
    let ranking = ranker.rank(try Self.briefJSON("pl-skincare.json"), top: 3)
    let lines = ranker.explain(try #require(ranking.rows.first), plan: ranking.plan)
    #expect(
      lines.contains {
        $0.hasPrefix("engagement ") && $0.contains("× the") && $0.contains("median")
      })
    #expect(
      lines.contains { $0.hasPrefix("audience ") && $0.contains("female") && $0.contains("PL") })
    #expect(lines.contains { $0.hasPrefix("niche ") && $0.contains("matched") })
    #expect(lines.contains { $0.hasPrefix("value ") && $0.contains("P(ROI > 0)") })
    #expect(lines.last?.hasPrefix("score ") == true)
  }

  @Test("--explain formats a posts-sampled count past Int.max instead of trapping")
  func explanationHugePostsSampled() throws {
    var huge = Fixtures.creator("huge", followers: 20_000, likes: 600)
    huge.engagement.postsSampled = 1e19
    let table = Fixtures.table([huge, Fixtures.creator("other", followers: 15_000, likes: 300)])
    let ranker = Ranker(table: table)
    let ranking = ranker.rank(try Fixtures.brief(#"{"id": "b", "goal": "engagement"}"#), top: 2)
    let row = try #require(ranking.rows.first { $0.row == 0 })
    let lines = ranker.explain(row, plan: ranking.plan)
    // The table stores the count as a Float: 1e19 becomes 9,999,999,980,506,447,872.
    #expect(
      lines.contains { $0.hasSuffix("over 9,999,999,980,506,447,872 posts") }, "\(lines)")
  }

  @Test("authenticity flags rebuilt from the table equal those computed from the creator")
  func flagsRebuild() {
    let table = Fixtures.table(Self.creators)
    let ranker = Ranker(table: table)
    for (row, creator) in Self.creators.enumerated().prefix(2_000) {
      let observation = EngagementObservation(creator: creator)
      let curve = table.model.curve(
        for: CurveKey(platform: creator.platform, basis: observation?.basis ?? .followers))
      let direct = Authenticity.assess(
        creator,
        engagement: EngagementModel.assess(observation, followers: creator.followers, curve: curve))
      #expect(ranker.authenticityFlags(row: row).map(\.kind) == direct.flags.map(\.kind))
    }
  }

  @Test("a table with no text at all ranks without crashing")
  func noText() throws {
    let creators = (0..<40).map {
      Fixtures.creator("c\($0)", followers: Double(1_000 * ($0 + 1)), likes: 50)
    }
    let table = Fixtures.table(creators)
    let ranking = Ranker(table: table).rank(
      try Fixtures.brief(#"{"id": "t", "goal": "awareness", "niche": {"keywords": ["yoga"]}}"#),
      top: 5)
    #expect(ranking.rows.count == 5)
    #expect(ranking.plan.notes.contains(.keywordTokensUnused(["yoga"])))
  }
}

@Suite("Bounded top-k heap")
struct TopKTests {
  @Test("keeps exactly the best k of random candidates, in order", arguments: [0, 1, 5, 64])
  func matchesSort(capacity: Int) {
    var random = SeededRandom(seed: UInt64(capacity + 1))
    let candidates = (0..<2_000).map { index in
      TopK.Candidate(
        score: Double(random.next() % 50), idRank: UInt32(random.next() % 100_000),
        row: UInt32(index))
    }
    var heap = TopK(capacity: capacity)
    for candidate in candidates { heap.offer(candidate) }
    heap.checkInvariants()
    let expected = candidates.sorted { $0.ranksAbove($1) }.prefix(capacity)
    #expect(heap.sortedBestFirst() == Array(expected))
    let halves = [Array(candidates.prefix(700)), Array(candidates.dropFirst(700))].map { part in
      var partial = TopK(capacity: capacity)
      for candidate in part { partial.offer(candidate) }
      return partial
    }
    #expect(TopK.merged(halves, capacity: capacity) == Array(expected))
  }
}

@Suite("The ranking table's memory")
struct CreatorTableMemoryTests {
  @Test("columns are allocated at their final size, with no room left from growing")
  func noGrowthSlack() {
    let creators = DatasetGenerator(seed: 3).creators(count: 3_000).map(\.creator)
    let table = Fixtures.table(creators)
    // Grown by doubling, a column of 3,000 could hold up to twice that; reserved, it holds at
    // most what the allocator rounds up (a few elements).
    func tight<T>(_ column: Column<T>, _ name: String) {
      #expect(column.count > 0, "\(name)")
      let capacity = column.ownedCapacity ?? .max
      #expect(capacity <= column.count + 64 / MemoryLayout<T>.stride + 1, "\(name)")
    }
    tight(table.countries, "countries")
    tight(table.languages, "languages")
    tight(table.sponsoredShares, "sponsored")
    tight(table.rates, "rates")
    tight(table.prices, "prices")
    tight(table.currencies, "currencies")
    tight(table.estimatedShares, "estimated")
    for shares in [table.audienceCountries, table.audienceLanguages, table.audienceInterests] {
      tight(shares.offsets, "offsets")
      tight(shares.keys, "keys")
      tight(shares.shares, "shares")
    }
    tight(table.audienceCountries.leaderKeys, "leaders")
  }
}
