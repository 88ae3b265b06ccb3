import CreatorMatch
import CreatorMatchIO
import Foundation
import Testing

/// Export labels → niches, account types, and the plan-time exclusions (account types, excluded
/// categories, adult content by default) with their funnel counts.
@Suite("Taxonomy of export labels, account types and category exclusions")
struct AccountTypeAndExclusionTests {
  // MARK: Export labels

  @Test(
    "every category label of the sep-2022 and Kim et al. exports maps to the expected niche",
    arguments: [
      ("Cinema & Actors/actresses", "entertainment"), ("Lifestyle", "lifestyle"),
      ("Sports with a ball", "sports"), ("Modeling", "fashion"), ("Shows", "entertainment"),
      ("Beauty", "beauty"), ("Humor & Fun & Happiness", "comedy"), ("Fashion", "fashion"),
      ("Family", "family"), ("Fitness & Gym", "fitness"), ("Literature & Journalism", "news"),
      ("Photography", "photography"), ("Adult content", "adult content"),
      ("Racing Sports", "sports"), ("Business & Careers", "finance"),
      ("Computers & Gadgets", "tech"), ("Clothing & Outfits", "fashion"),
      ("Cars & Motorbikes", "automotive"), ("Finance & Economics", "finance"),
      ("Machinery & Technologies", "tech"), ("Food & Cooking", "food"), ("Science", "science"),
      ("Trainers & Coaches", "fitness"), ("Shopping & Retail", "shopping"),
      ("Nature & landscapes", "travel"), ("Luxury", "luxury"), ("Travel", "travel"),
      ("Winter sports", "sports"), ("Kids & Toys", "family"), ("Education", "education"),
      ("Accessories & Jewellery", "fashion"), ("Music", "music"), ("fashion", "fashion"),
      ("travel", "travel"), ("family", "family"), ("food", "food"), ("beauty", "beauty"),
      ("interior", "home"), ("fitness", "fitness"), ("pet", "pets"), ("fasion", "fashion"),
      ("Comedy", "comedy"), ("News", "news"), ("Politics", "politics"), ("Art", "art"),
      ("Books", "books"),
    ])
  func exportLabel(label: String, niche: String) {
    #expect(Taxonomy.builtIn.niche(forLabel: label)?.id == niche)
  }

  @Test("moved labels: luxury and science are niches of their own, no longer fashion and tech")
  func movedLabels() {
    #expect(Taxonomy.builtIn.niche(forLabel: "luxury")?.id == "luxury")
    #expect(Taxonomy.builtIn.niche(forLabel: "science")?.id == "science")
  }

  @Test("young adult fiction is books, not adult content: the adult niche has no one-word label")
  func youngAdult() throws {
    let taxonomy = Taxonomy.builtIn
    let adult = try #require(taxonomy.nicheIndex(forLabel: Taxonomy.adultContentID))
    let mask = taxonomy.mask(forLabel: "young adult books")
    #expect(mask & (1 << UInt64(adult)) == 0)
    #expect(mask != 0)
  }

  /// The category labels of the real exports with how many rows carry each.
  static func exportLabelCounts() throws -> [String: [String: Int]] {
    var result: [String: [String: Int]] = [:]
    var options = IngestOptions()
    options.defaultPlatform = .instagram
    let sep = try CreatorFileReader.read(
      path: Fixtures.realData("social_media_influencers_instagram_sep-2022.csv"), options: options)
    var counts: [String: Int] = [:]
    for creator in sep.creators {
      for label in creator.categories { counts[label, default: 0] += 1 }
    }
    result["sep-2022"] = counts
    // Kim et al.: tab-separated, the category is the second field.
    let text = try String(
      contentsOfFile: Fixtures.realData("kim2020_instagram_influencers.txt"), encoding: .utf8)
    counts = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if fields.count > 1 { counts[String(fields[1]), default: 0] += 1 }
    }
    result["kim2020"] = counts
    return result
  }

  @Test(
    "every label in at least 10 rows of a real export maps to a niche (\"other\" states none)",
    .enabled(if: Fixtures.hasRealData))
  func realExportLabels() throws {
    let exports = try Self.exportLabelCounts()
    // Kim et al.'s catch-all says the creator has no niche; it must not map to one.
    let noNiche: Set<String> = ["other"]
    var checked = 0
    for (export, counts) in exports {
      for (label, count) in counts where count >= 10 && !noNiche.contains(label) {
        #expect(Taxonomy.builtIn.nicheIndex(forLabel: label) != nil, "\(export): \(label)")
        checked += 1
      }
    }
    // Rows as loaded (sep-2022 repeats 67 rows, which the reader skips): 12 labels of sep-2022
    // (13 to 301 rows) and 8 of Kim et al. besides "other".
    #expect(checked == 20)
    #expect(Taxonomy.builtIn.nicheIndex(forLabel: "other") == nil)
  }

  // MARK: Account types

  @Test(
    "account types from handles, category labels, display names and bios",
    arguments: [
      ("nike", nil, [], "", AccountType.brand),
      ("@NarendraModi", nil, [], "", .politician),
      ("natgeo", nil, [], "", .media),
      ("c1", "Real Madrid C.F.", [], "", .organization),
      ("c2", "Acme Widgets Inc.", [], "", .brand),
      ("c3", "Daily Bugle News", [], "", .media),
      ("c4", nil, ["Politician"], "", .politician),
      ("c5", nil, ["News & media"], "", .media),
      ("c6", nil, ["Brand"], "", .brand),
      ("c7", nil, ["Sports team"], "", .organization),
      ("c8", nil, [], "Member of Parliament for Leeds North", .politician),
      ("c9", nil, [], "Breaking news from Kyiv, 24/7", .media),
      ("c10", nil, [], "Questions? Our customer service team: DM us", .brand),
      ("c11", nil, [], "Народний депутат України", .politician),
      // No explicit signal: a person who writes about politics or business stays a creator.
      ("c12", nil, ["Politics"], "I talk politics and news every day", .creator),
      ("c13", "Anna News Lover", ["Business & Careers", "Finance & Economics"], "", .creator),
      ("c14", "TV", [], "Minister of Finance", .politician),
      ("c15", nil, [], "", .creator),
    ] as [(String, String?, [String], String, AccountType)])
  func inferred(handle: String, name: String?, categories: [String], bio: String, type: AccountType)
  {
    #expect(
      AccountType.infer(handle: handle, id: handle, name: name, categories: categories, bio: bio)
        == type)
  }

  @Test("a listed handle outranks labels, labels outrank the name, the name outranks the bio")
  func rulePriority() {
    #expect(
      AccountType.infer(handle: "nike", id: "x", name: nil, categories: ["Politician"], bio: "")
        == .brand)
    #expect(
      AccountType.infer(handle: nil, id: "x", name: "Acme Inc", categories: ["Magazine"], bio: "")
        == .media)
    #expect(
      AccountType.infer(
        handle: nil, id: "x", name: "Acme Inc", categories: [], bio: "prime minister") == .brand)
  }

  @Test(
    "account types parse from brief spellings",
    arguments: [
      ("creator", AccountType.creator), ("Brands", .brand), ("organisation", .organization),
      ("media", .media), ("Politicians", .politician),
    ])
  func parsing(text: String, type: AccountType) {
    #expect(AccountType(parsing: text) == type)
  }

  // MARK: Plan-time exclusions

  /// Six creators: two persons, a brand (category), a politician (bio), an adult-content
  /// account and a fashion creator; the brand also fails min_followers in one test.
  static func table() -> CreatorTable {
    var creators: [Creator] = []
    func add(_ id: String, followers: Double = 20_000, categories: [String], bio: String = "") {
      var creator = Fixtures.creator(id, followers: followers, likes: followers * 0.03)
      creator.categories = categories
      creator.bio = bio
      creators.append(creator)
    }
    add("a-person", categories: ["beauty"], bio: "makeup tutorials")
    add("b-person", categories: ["fitness"], bio: "gym every day")
    add("c-brand", followers: 5_000, categories: ["Brand"], bio: "makeup for everyone")
    add("d-politician", categories: [], bio: "Prime Minister of Freedonia")
    add("e-adult", categories: ["Adult content"], bio: "")
    add("f-fashion", categories: ["Clothing & Outfits"], bio: "ootd")
    return Fixtures.table(creators)
  }

  /// The ranking's funnel and the per-row reasons agree, and eligible + filtered = candidates.
  static func checkConsistent(_ ranking: Ranking, table: CreatorTable) {
    let ranker = Ranker(table: table)
    var counts = FilterCounts()
    for row in 0..<table.count {
      if let reason = ranker.filterReason(row: row, plan: ranking.plan) { counts[reason] += 1 }
    }
    #expect(counts == ranking.filtered)
    #expect(ranking.eligible + ranking.filtered.total == table.count)
  }

  @Test("the table stores each creator's account type and the non-creator rows")
  func tableColumn() {
    let table = Self.table()
    #expect(
      table.accountTypes.map { AccountType.allCases[Int($0)] }
        == [.creator, .creator, .brand, .politician, .creator, .creator])
  }

  @Test("by default brands and politicians are dropped and adult content is excluded")
  func defaults() throws {
    let table = Self.table()
    let ranking = Ranker(table: table).rank(
      try Fixtures.brief(#"{"id": "b", "goal": "engagement"}"#), top: 10)
    #expect(ranking.filtered[.accountType] == 2)
    #expect(ranking.filtered[.excludedCategory] == 1)
    #expect(ranking.filtered.total == 3)
    #expect(Set(ranking.rows.map(\.id)) == ["a-person", "b-person", "f-fashion"])
    Self.checkConsistent(ranking, table: table)
  }

  @Test("account_types keeps the listed types only; include_adult keeps adult content")
  func optIn() throws {
    let table = Self.table()
    let brief = try Fixtures.brief(
      #"""
      {"id": "b", "goal": "engagement", "constraints": {"account_types": ["creator", "brand"]},
       "niche": {"include_adult": true}}
      """#)
    let ranking = Ranker(table: table).rank(brief, top: 10)
    #expect(ranking.filtered[.accountType] == 1)
    #expect(ranking.filtered[.excludedCategory] == 0)
    #expect(
      Set(ranking.rows.map(\.id)) == ["a-person", "b-person", "c-brand", "e-adult", "f-fashion"])
    Self.checkConsistent(ranking, table: table)
  }

  @Test("listing adult content in niche.categories is an opt-in too")
  func adultCategoryOptIn() throws {
    let table = Self.table()
    let brief = try Fixtures.brief(
      #"{"id": "b", "goal": "engagement", "niche": {"categories": ["Adult content"]}}"#)
    let ranking = Ranker(table: table).rank(brief, top: 10)
    #expect(ranking.filtered[.excludedCategory] == 0)
    #expect(ranking.rows.contains { $0.id == "e-adult" })
  }

  @Test("exclude_categories drops creators of the listed niches, by id or label")
  func excludeCategories() throws {
    let table = Self.table()
    let brief = try Fixtures.brief(
      #"""
      {"id": "b", "goal": "engagement",
       "niche": {"exclude_categories": ["fashion", "Fitness & Gym"]}}
      """#)
    let ranking = Ranker(table: table).rank(brief, top: 10)
    // fashion, fitness and (by default) adult content.
    #expect(ranking.filtered[.excludedCategory] == 3)
    #expect(ranking.rows.map(\.id) == ["a-person"])
    Self.checkConsistent(ranking, table: table)
  }

  @Test("a creator failing a column constraint is counted there, not under its account type")
  func attributionOrder() throws {
    let table = Self.table()
    let brief = try Fixtures.brief(
      #"""
      {"id": "b", "goal": "engagement", "constraints": {"min_followers": 10000,
       "exclude_ids": ["d-politician"]}}
      """#)
    let ranking = Ranker(table: table).rank(brief, top: 10)
    // c-brand (5,000 followers) fails min_followers first; d-politician is excluded by id first.
    #expect(ranking.filtered[.followers] == 1)
    #expect(ranking.filtered[.excludedID] == 1)
    #expect(ranking.filtered[.accountType] == 0)
    #expect(ranking.filtered[.excludedCategory] == 1)
    Self.checkConsistent(ranking, table: table)
  }

  @Test("the funnel counts agree with per-row reasons across two blocks and two threads")
  func manyBlocks() throws {
    var creators = DatasetGenerator(seed: 5).creators(count: 20_000).map(\.creator)
    for index in stride(from: 0, to: creators.count, by: 97) {
      creators[index].categories = ["Brand"]
    }
    for index in stride(from: 13, to: creators.count, by: 89) {
      creators[index].categories = ["Adult content"]
    }
    let table = Fixtures.table(creators, threads: 2)
    let brief = try Fixtures.brief(
      #"""
      {"id": "b", "goal": "engagement", "platforms": ["instagram"],
       "niche": {"categories": ["beauty"], "exclude_categories": ["pets"]}}
      """#)
    let ranking = Ranker(table: table).rank(brief, top: 50, threads: 2)
    #expect(ranking.filtered[.accountType] > 0)
    #expect(ranking.filtered[.excludedCategory] > 0)
    Self.checkConsistent(ranking, table: table)
  }

  // MARK: Brief decoding

  @Test("the new brief fields decode; types and categories are deduplicated")
  func decodes() throws {
    let brief = try Fixtures.brief(
      #"""
      {"id": "b", "goal": "engagement",
       "constraints": {"account_types": ["creator", "Media", "creator"]},
       "niche": {"exclude_categories": ["Humor & Fun & Happiness", "politics"],
                 "include_adult": true}}
      """#)
    #expect(brief.constraints.accountTypes == [.creator, .media])
    #expect(brief.niche.excludeCategories == ["Humor & Fun & Happiness", "politics"])
    #expect(brief.niche.includeAdult)
    let plain = try Fixtures.brief(#"{"id": "b", "goal": "engagement"}"#)
    #expect(plain.constraints.allowedAccountTypes == [.creator, .media])
    #expect(!plain.niche.includeAdult)
  }

  @Test(
    "bad values name their JSON path",
    arguments: [
      (
        #"{"id": "b", "goal": "engagement", "constraints": {"account_types": ["creator", "bot"]}}"#,
        "$.constraints.account_types[1]", "unknown account type \"bot\""
      ),
      (
        #"{"id": "b", "goal": "engagement", "constraints": {"account_types": []}}"#,
        "$.constraints.account_types", "at least one account type"
      ),
      (
        #"{"id": "b", "goal": "engagement", "constraints": {"account_types": [3]}}"#,
        "$.constraints.account_types[0]", "expected a string"
      ),
      (
        #"{"id": "b", "goal": "engagement", "niche": {"exclude_categories": ["crypto scams"]}}"#,
        "$.niche.exclude_categories[0]", "unknown category \"crypto scams\""
      ),
      (
        #"{"id": "b", "goal": "engagement", "niche": {"include_adult": "yes"}}"#,
        "$.niche.include_adult", "expected true or false"
      ),
    ])
  func badValues(json: String, path: String, fragment: String) {
    do {
      _ = try CampaignBrief.decode(Array(json.utf8), source: "brief.json")
      Issue.record("expected an error for \(json)")
    } catch {
      #expect(error.path == path, "\(error)")
      #expect(error.description.contains(fragment), "\(error)")
    }
  }
}
