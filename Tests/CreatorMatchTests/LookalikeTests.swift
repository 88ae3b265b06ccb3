import CreatorMatch
import CreatorMatchIO
import Foundation
import Testing

/// Lookalike search (`creatormatch similar`).
@Suite("Lookalike creators")
struct LookalikeTests {
  @Test("the 20 most similar to three seeds of a generated (market, niche) cluster are all from it")
  func generatedClusters() throws {
    let generated = DatasetGenerator(seed: 3).creators(count: 3_000)
    let creators = generated.map(\.creator)
    let table = Fixtures.table(creators)
    var clusters: [String: [String]] = [:]
    for item in generated {
      clusters["\(item.creator.country ?? "")/\(item.niche)", default: []].append(item.creator.id)
    }
    let label = Dictionary(
      uniqueKeysWithValues: generated.map {
        ($0.creator.id, "\($0.creator.country ?? "")/\($0.niche)")
      })
    let english = Set(
      generated.filter { $0.creator.language == "en" }.compactMap(\.creator.country))
    let ordered = clusters.filter { $0.value.count >= 30 }.sorted {
      $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
    }
    // The generator gives English-language markets (US, GB, CA, …) audiences in each other's
    // countries, so their clusters overlap by construction: there the niche must match and at
    // least 14 of 20 the market. Markets with a language of their own must match exactly.
    var checked = (own: 0, english: 0)
    for (cluster, members) in ordered.prefix(6) {
      let seeds = try members.prefix(3).map { try #require(table.row(ofID: $0)) }
      let result = Lookalike(table: table).similar(to: seeds, top: 20)
      #expect(result.rows.count == 20)
      #expect(!result.rows.contains { members.prefix(3).contains($0.id) })
      let outside = result.rows.filter { label[$0.id] != cluster }
      let niche = cluster.split(separator: "/").last.map(String.init) ?? ""
      if english.contains(String(cluster.prefix(2))) {
        checked.english += 1
        #expect(outside.count <= 6, "\(cluster): \(outside.map { label[$0.id] ?? "" })")
        #expect(result.rows.allSatisfy { label[$0.id]?.hasSuffix("/" + niche) == true })
      } else {
        checked.own += 1
        #expect(outside.isEmpty, "\(cluster): \(outside.map { label[$0.id] ?? "" })")
      }
    }
    #expect(checked.own >= 2 && checked.english >= 1, "\(checked)")
  }

  @Test("contributions are weight × score and add up to the similarity (hand-computed)")
  func contributions() throws {
    var a = Fixtures.creator("a", followers: 10_000, likes: 300)
    a.bio = "vegan recipes kitchen"
    var b = Fixtures.creator("b", followers: 1_000, likes: 30)
    b.bio = "vegan recipes kitchen"
    var c = Fixtures.creator("c", followers: 10_000, likes: 300)
    c.bio = "football stadium goals"
    let table = Fixtures.table([a, b, c])
    let seed = try #require(table.row(ofID: "a"))
    let result = Lookalike(table: table).similar(to: [seed], top: 5)
    // No audience data and no sketches: niche 0.35 and size 0.10, renormalized to 7/9 and 2/9.
    #expect(abs((result.weights[.niche] ?? 0) - 0.35 / 0.45) < 1e-12)
    #expect(abs((result.weights[.size] ?? 0) - 0.10 / 0.45) < 1e-12)
    #expect(result.weights[.audience] == 0)
    #expect(result.rows.map(\.id) == ["b", "c"])
    let first = try #require(result.rows.first)
    // b: same text (cosine 1), 10× smaller (size 1 − 1/2 = 0.5): 7/9 + 2/9 × 0.5 = 8/9.
    #expect(abs((first.scores[.niche] ?? 0) - 1) < 1e-6)
    #expect(abs((first.scores[.size] ?? 0) - 0.5) < 1e-12)
    #expect(abs(first.similarity - 8.0 / 9) < 1e-6)
    // c: no shared word, same size: 2/9.
    let second = try #require(result.rows.last)
    #expect(abs(second.similarity - 2.0 / 9) < 1e-9)
    for row in result.rows {
      #expect(abs(row.contributions.values.reduce(0, +) - row.similarity) < 1e-12)
    }
  }

  @Test("the audience component is 1 − total variation distance to the seeds' mean")
  func audienceCloseness() {
    // Seeds 60% PL / 40% DE; creator 100% PL: distance (0.4 + 0.4)/2 = 0.4 → 0.6.
    #expect(abs(SeedProfile.closeness([1: 1.0], [1: 0.6, 2: 0.4]) - 0.6) < 1e-12)
    // A profile listing 70% PL only has 30% "other": distance (0.1 + 0.4 + 0.3)/2 = 0.4 → 0.6.
    #expect(abs(SeedProfile.closeness([1: 0.7], [1: 0.6, 2: 0.4]) - 0.6) < 1e-12)
  }
}
