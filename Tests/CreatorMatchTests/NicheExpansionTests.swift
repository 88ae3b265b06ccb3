import CreatorMatch
import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

/// The corpus's stemming once per distinct surface form (any block size or thread count gives
/// the same terms, ids and counts) and the niche query's expansion by pseudo-relevance feedback
/// on small tables whose weights are computed by hand.
@Suite("Niche expansion and corpus blocks")
struct NicheExpansionTests {
  /// Creators with the given bios and declared language, ids `r00`, `r01`, …
  static func creators(_ bios: [String], language: String? = "en") -> [Creator] {
    bios.enumerated().map { index, bio in
      var creator = Creator(
        id: "r" + String(format: "%02d", index), platform: .instagram, followers: 10_000)
      creator.bio = bio
      creator.language = language
      return creator
    }
  }

  /// A brief with `keywords`, `exclude` and the expansion switch.
  static func brief(
    _ keywords: [String], expand: Bool?, exclude: [String] = [], categories: [String] = []
  ) -> CampaignBrief {
    var brief = CampaignBrief(id: "expand", goal: .awareness)
    brief.niche.keywords = keywords.map { CampaignBrief.WeightedTerm(term: $0) }
    brief.niche.exclude = exclude
    brief.niche.categories = categories
    brief.niche.expand = expand
    return brief
  }

  /// The mixing factors of step 4: (1 − α)/ρ for the brief's terms, α/ρ for the expansion's,
  /// ρ = √((1 − α)² + α²) = √0.58 with α = 0.3.
  static let ownFactor = 0.7 / 0.58.squareRoot()
  static let addedFactor = 0.3 / 0.58.squareRoot()

  @Test("the corpus is the same for any block size and thread count")
  func corpusBlocks() {
    let creators = DatasetGenerator(seed: 5).creators(count: 2_500).map(\.creator)
    let reference = CreatorCorpus(creators: creators, threads: 1, blockSize: 4_096)
    for (threads, blockSize) in [(1, 1), (2, 7), (3, 250), (2, 1_000), (4, 4_096)] {
      let corpus = CreatorCorpus(creators: creators, threads: threads, blockSize: blockSize)
      #expect(corpus.terms == reference.terms, "\(threads) threads, blocks of \(blockSize)")
      #expect(corpus.termIDs == reference.termIDs, "\(threads) threads, blocks of \(blockSize)")
      #expect(corpus.termCounts == reference.termCounts)
      #expect(corpus.offsets == reference.offsets)
    }
  }

  @Test("a word shared by the best matches is added with its hand-computed weight")
  func oneTerm() throws {
    // 70 creators: yoga+zen ×4, yoga ×2, zen ×2, car ×62. The query "yoga" (weight 1) matches
    // six rows (k = 6: fewer than the minimum of 10 match); zen is used by f = 4 of them with
    // weight 1/√2 in each (two terms of equal idf), and by df = 6 of the 70 creators (8.6%, under
    // the 10% limit): w = (1/√2)·(4/6 − 6/70) = 0.410792; alone, its unit weight is 1.
    let bios =
      Array(repeating: "yoga zen", count: 4) + ["yoga", "yoga", "zen", "zen"]
      + Array(repeating: "car", count: 62)
    let table = Fixtures.table(Self.creators(bios))
    let query = try #require(
      NicheQuery(brief: Self.brief(["yoga"], expand: false), table: table).terms.first)
    #expect(abs(query.weight - 1) < 1e-12)
    let raw = NicheQuery.expansionTerms(query: [query], excluded: [], table: table)
    #expect(raw.map(\.text) == ["zen"])
    #expect(abs((raw.first?.weight ?? 0) - 1) < 1e-12)
    let expanded = NicheQuery(brief: Self.brief(["yoga"], expand: true), table: table)
    #expect(expanded.terms.map(\.text) == ["yoga", "zen"])
    #expect(abs(expanded.terms[0].weight - Self.ownFactor) < 1e-12)
    #expect(abs(expanded.terms[1].weight - Self.addedFactor) < 1e-12)
    #expect(expanded.expansion.map(\.text) == ["zen"])
    // Niche fit of a zen-only creator is now α/ρ = 0.393919; a yoga-only one (1 − α)/ρ.
    let plan = BriefPlan(brief: Self.brief(["yoga"], expand: true), table: table)
    let fits = Ranker(table: table).nicheFits(plan, threads: 1)
    #expect(abs(fits[6] - 0.393_919) < 1e-6)
    #expect(abs(fits[4] - 0.919_145) < 1e-6)
    #expect(fits[8] == 0)
    #expect(plan.tableNotes.map(\.text) == ["niche expanded with: zen (0.394)"])
    // The feedback statistics the hand computation used.
    let zen = try #require(table.termID("zen"))
    let users = table.postings.offsets[zen + 1] - table.postings.offsets[zen]
    #expect(users == 6)
    // m̄ = 1/√2: zen's weight in a yoga+zen row, as the raw weight above assumed.
    let weight = Double(table.postings.weight(ofTerm: zen, row: 0))
    #expect(abs(weight - 0.5.squareRoot()) < 1e-6)
  }

  @Test("the cap, ties in byte order, and the exclusions: numbers, common terms, one user")
  func capAndExclusions() {
    // 100 creators: five with yoga and twelve words (and a number and the common mat), one
    // with yoga and solo, 94 with mat and car. k = 6, at least 2 users: the twelve words all
    // weigh m̄·(5/6 − 5/100), so the first ten in byte order are kept, each 1/√10 of the unit
    // expansion; solo has one user, 2024 no letter, ok two letters, mat is in 99% of creators,
    // and the exclusion phrase's word is never added.
    let words = [
      "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
      "juliet", "kilo", "lima",
    ]
    let bios =
      Array(repeating: "yoga " + words.joined(separator: " ") + " 2024 mat vape ok", count: 5)
      + ["yoga solo"] + Array(repeating: "mat car", count: 94)
    let table = Fixtures.table(Self.creators(bios))
    let query = NicheQuery(
      brief: Self.brief(["yoga"], expand: true, exclude: ["vape"]), table: table)
    #expect(query.expansion.map(\.text) == Array(words.prefix(10)))
    for term in query.expansion {
      #expect(abs(term.weight - Self.addedFactor / 10.0.squareRoot()) < 1e-12)
    }
    #expect(query.terms.count == 11)
    #expect(NicheQuery.feedbackSize(matches: 6) == 6)
    #expect(NicheQuery.minimumSupport(feedback: 6) == 2)
    #expect(NicheQuery.feedbackSize(matches: 3_000) == 30)
    #expect(NicheQuery.feedbackSize(matches: 20_000) == 50)
    #expect(NicheQuery.feedbackSize(matches: 200) == 10)
    #expect(NicheQuery.minimumSupport(feedback: 50) == 10)
  }

  @Test("off by default and when the brief says so; nothing to learn from, nothing added")
  func offSwitch() throws {
    let bios =
      Array(repeating: "yoga zen", count: 4) + ["yoga", "yoga", "zen", "zen"]
      + Array(repeating: "car", count: 62)
    let table = Fixtures.table(Self.creators(bios))
    for expand in [false, nil] as [Bool?] {
      let query = NicheQuery(brief: Self.brief(["yoga"], expand: expand), table: table)
      #expect(query.expansion.isEmpty)
      #expect(query.terms.map(\.text) == ["yoga"])
      #expect(BriefPlan(brief: Self.brief(["yoga"], expand: expand), table: table).tableNotes == [])
    }
    // No row matches: no feedback, so nothing is added.
    let none = NicheQuery(brief: Self.brief(["surfing"], expand: true), table: table)
    #expect(none.expansion.isEmpty)
    // The brief's key: true, false, and a clear error for another type.
    let on = try Fixtures.brief(
      #"{"id": "b", "goal": "awareness", "niche": {"keywords": ["yoga"], "expand": true}}"#)
    #expect(on.niche.expand == true)
    let absent = try Fixtures.brief(
      #"{"id": "b", "goal": "awareness", "niche": {"keywords": ["yoga"]}}"#)
    #expect(absent.niche.expand == nil)
    do {
      _ = try Fixtures.brief(
        #"{"id": "b", "goal": "awareness", "niche": {"keywords": ["yoga"], "expand": "yes"}}"#)
      Issue.record("a string for niche.expand was accepted")
    } catch {
      #expect(String(describing: error).contains("expand"))
    }
  }

  @Test("expanded, inflected bios still meet the brief's keywords in pl, ru and uk")
  func inflectionWithExpansion() throws {
    // StemmerTests' inflected bios among 60 unrelated creators, so that the expansion has room
    // to add words (a term of 6 of 66 creators is under the 10% limit).
    let bios =
      StemmerTests.inflectedBios + (0..<60).map { "Travel photos from Lisbon, day \($0)" }
    // No declared language: each bio's letters choose its stemmer, as in StemmerTests.
    let table = Fixtures.table(Self.creators(bios, language: nil))
    let brief = try Fixtures.brief(
      """
      {"id": "b", "goal": "awareness",
       "niche": {"keywords": {"pielęgnacja": 1, "уход за кожей": 1, "догляд за шкірою": 1},
                 "expand": true}}
      """)
    let plan = BriefPlan(brief: brief, table: table)
    #expect(!plan.niche.expansion.isEmpty)
    let fits = Ranker(table: table).nicheFits(plan, threads: 1)
    for row in 0..<3 {
      #expect(fits[row] > 0.1, "\(bios[row]): \(fits[row])")
      #expect(fits[row] * 2 > fits[row + 3], "\(bios[row]): \(fits[row]) vs \(fits[row + 3])")
    }
    #expect(fits[6...].allSatisfy { $0 == 0 })
  }

  @Test("the same expansion and niche fits under any row order and thread count")
  func determinism() throws {
    let creators = DatasetGenerator(seed: 7).creators(count: 3_000).map(\.creator)
    var generator = SeededGenerator(seed: 3)
    let shuffled = creators.shuffled(using: &generator)
    let brief = Self.brief([], expand: true, categories: ["fitness"])
    func run(_ creators: [Creator], threads: Int) -> (NicheQuery, [String: Double]) {
      let table = Fixtures.table(creators, threads: threads)
      let plan = BriefPlan(brief: brief, table: table)
      let fits = Ranker(table: table).nicheFits(plan, threads: threads)
      var byID: [String: Double] = [:]
      for (row, fit) in fits.enumerated() { byID[table.ids[row]] = fit }
      return (plan.niche, byID)
    }
    let (first, firstFits) = run(creators, threads: 1)
    #expect(!first.expansion.isEmpty)
    for (order, threads) in [(creators, 3), (shuffled, 1), (shuffled, 2)] {
      let (other, fits) = run(order, threads: threads)
      #expect(other.expansion.map(\.text) == first.expansion.map(\.text))
      #expect(other.expansion.map(\.weight) == first.expansion.map(\.weight))
      #expect(fits == firstFits)
    }
  }
}

/// A small deterministic generator (SplitMix64) for shuffles in tests.
private struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
