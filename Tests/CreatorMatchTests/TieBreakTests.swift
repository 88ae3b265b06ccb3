import Testing

@testable import CreatorMatch
@testable import CreatorMatchBatch
@testable import CreatorMatchIO

@Suite("Ties between equal scores: evidence, then followers, then id, said out loud")
struct TieBreakTests {
  /// Four creators a brief without targets scores the same (no engagement, no text): their only
  /// differences are categories (a measured niche input), followers and ids.
  static func creators() -> [Creator] {
    var withCategory = Fixtures.creator("d-category", followers: 1_000)
    withCategory.categories = ["travel"]
    return [
      Fixtures.creator("c-small", followers: 2_000), Fixtures.creator("a-large", followers: 9_000),
      Fixtures.creator("b-large", followers: 9_000), withCategory,
    ]
  }

  @Test("equal scores rank by measured inputs, then more followers, then id bytes")
  func order() throws {
    let table = Fixtures.table(Self.creators())
    let brief = try Fixtures.brief(#"{"id": "t", "goal": "awareness"}"#)
    let ranking = Ranker(table: table).rank(brief, top: 10)
    #expect(Set(ranking.rows.map(\.score)).count == 1)
    #expect(ranking.rows.map(\.id) == ["d-category", "a-large", "b-large", "c-small"])
    #expect(ranking.rows.map(\.measuredInputs) == [1, 0, 0, 0])
  }

  @Test("the top k of tied creators is the first k of the full order")
  func cutAtTie() throws {
    let table = Fixtures.table(Self.creators())
    let brief = try Fixtures.brief(#"{"id": "t", "goal": "awareness"}"#)
    let ranking = Ranker(table: table).rank(brief, top: 2)
    #expect(ranking.rows.map(\.id) == ["d-category", "a-large"])
  }

  @Test("shard rows merge in the same order as a single ranking")
  func mergeOrder() {
    func row(_ id: String, _ measured: Int, _ followers: Double) -> BatchRows.Row {
      BatchRows.Row(score: 50, id: id, measuredInputs: measured, followers: followers, rest: "")
    }
    var rows = [row("c-small", 1, 2_000), row("b-large", 1, 9_000), row("d-category", 2, 1_000)]
    rows.append(row("a-large", 1, 9_000))
    rows.sort(by: BatchRows.Row.ranksAbove)
    #expect(rows.map(\.id) == ["d-category", "a-large", "b-large", "c-small"])
  }

  @Test("the summary counts the tied rows and names the data that would separate them")
  func tieLine() throws {
    let table = Fixtures.table(Self.creators())
    let brief = try Fixtures.brief(#"{"id": "t", "goal": "engagement"}"#)
    let ranker = Ranker(table: table)
    let ranking = ranker.rank(brief, top: 3)
    let report = RankingReport(ranking: ranking, coverage: ranker.evidenceCoverage(ranking.plan))
    #expect(
      report.tieLine
        == "ties: 3 of the 3 listed share their score with another creator (largest group 3 at "
        + "\(Formatting.fixed(ranking.rows[0].score, 1))); ordered by measured inputs, then "
        + "followers, then id; engagement counts (likes, comments) would separate them")
    let coverage = try #require(report.coverage)
    #expect(coverage.creators == 4)
    #expect(coverage.engagement[Int(Evidence.absent.rawValue)] == 4)
    #expect(coverage.niche[Int(Evidence.measured.rawValue)] == 1)
    #expect(coverage.niche[Int(Evidence.absent.rawValue)] == 3)
  }
}

@Suite("Account types in the table: the bio rule runs only where a phrase word occurs")
struct AccountTypeTableTests {
  @Test("the table's account types equal AccountType.infer, bio phrases included")
  func tableMatchesInfer() {
    let bios = [
      "Prime Minister of Testland. Official account.", "Free shipping worldwide! DM to order",
      "Народный депутат, спорт и семья", "Travel, coffee and long walks", "",
      "US Senator for the Great State", "kawa, góry i rower",
    ]
    let creators = bios.enumerated().map { index, bio in
      var creator = Fixtures.creator("c\(index)")
      creator.bio = bio
      return creator
    }
    let table = Fixtures.table(creators)
    for (row, creator) in creators.enumerated() {
      let expected = AccountType.infer(
        handle: creator.handle, id: creator.id, name: creator.name,
        categories: creator.categories, bio: creator.bio)
      #expect(Int(table.accountTypes[row]) == expected.ordinal, "\(creator.bio)")
    }
    #expect(Int(table.accountTypes[0]) == AccountType.politician.ordinal)
    #expect(Int(table.accountTypes[1]) == AccountType.brand.ordinal)
    #expect(Int(table.accountTypes[3]) == AccountType.creator.ordinal)
  }
}
