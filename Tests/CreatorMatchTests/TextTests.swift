import Foundation
import Testing

@testable import CreatorMatch

@Suite("Unicode tokenizer and taxonomy")
struct TextTests {
  @Test(
    "tokenizes each script as its readers would",
    arguments: [
      ("Skincare & makeup tips!", ["skincare", "makeup", "tips"]),
      ("Pielęgnacja CERY, kremy", ["pielęgnacja", "cery", "kremy"]),
      ("Уход за кожей и сыворотка", ["уход", "кожей", "сыворотка"]),
      ("Догляд за шкірою, сім'я та здоров’я", ["догляд", "шкірою", "сім'я", "здоров'я"]),
      ("日焼け止め", ["日焼", "焼け", "け止", "止め"]),
      ("旅 travel", ["旅", "travel"]),
      ("#skincare #pielęgnacja", ["skincare", "pielęgnacja"]),
      ("ＦＩＴＮＥＳＳ ２０２４ gym", ["fitness", "gym"]),
      ("the best of 2024 a b", ["best"]),
      ("café 😀 naïve", ["café", "naïve"]),
    ])
  func tokenizes(text: String, expected: [String]) {
    #expect(Tokenizer.tokens(text) == expected)
  }

  @Test("composed and decomposed letters give the same token")
  func normalization() {
    let composed = "pielęgnacja"
    let decomposed = composed.decomposedStringWithCanonicalMapping
    #expect(Array(composed.unicodeScalars) != Array(decomposed.unicodeScalars))
    #expect(Tokenizer.tokens(decomposed) == [composed])
  }

  @Test("the taxonomy has at least 12 niches, each with seeds in the 8 required languages")
  func taxonomyCoverage() {
    let niches = Taxonomy.builtIn.niches
    #expect(niches.count >= 12)
    for niche in niches {
      for language in ["en", "es", "de", "fr", "pl", "ru", "uk", "ja"] {
        #expect(!(niche.seeds[language] ?? []).isEmpty, "\(niche.id) lacks \(language)")
      }
    }
  }

  @Test(
    "category labels from real exports map to niches",
    arguments: [
      ("Fitness & Gym", "fitness"), ("Sports with a ball", "sports"), ("Food & Cooking", "food"),
      ("interior", "home"), ("pet", "pets"), ("Computers & Gadgets", "tech"), ("beauty", "beauty"),
      ("Finance & Economics", "finance"), ("Clothing & Outfits", "fashion"),
    ])
  func labels(label: String, niche: String) {
    #expect(Taxonomy.builtIn.niche(forLabel: label)?.id == niche)
  }

  @Test("a free-form label matches the niches its words name")
  func wordMask() throws {
    let taxonomy = Taxonomy.builtIn
    let mask = taxonomy.mask(forLabel: "travel and food vlog")
    let travel = try #require(taxonomy.nicheIndex(forLabel: "travel"))
    let food = try #require(taxonomy.nicheIndex(forLabel: "food"))
    #expect(mask & (1 << UInt64(travel)) != 0)
    #expect(mask & (1 << UInt64(food)) != 0)
  }

  @Test("the corpus assigns term ids independent of the thread count")
  func corpusDeterminism() {
    let creators = DatasetGenerator(seed: 11).creators(count: 9_000).map(\.creator)
    let one = CreatorCorpus(creators: creators, threads: 1)
    let many = CreatorCorpus(creators: creators, threads: 4)
    #expect(one.terms == many.terms)
    #expect(one.termIDs == many.termIDs)
    #expect(one.termCounts == many.termCounts)
    #expect(one.offsets == many.offsets)
  }
}
