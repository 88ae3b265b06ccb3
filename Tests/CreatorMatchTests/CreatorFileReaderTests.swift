import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchBatch
@testable import CreatorMatchIO

@Suite("Reading creator tables")
struct CreatorFileReaderTests {
  static let header = "id,platform,followers,avg_likes,aud_female,aud_countries,country"

  @Test("reads a valid row into a creator")
  func readsValidRow() throws {
    let load = try Fixtures.load(
      "\(Self.header)\nania,ig,\"12,345\",1.2K,86%,PL:0.7|DE:0.1,Poland\n")
    let creator = try #require(load.creators.first)
    #expect(creator.id == "ania")
    #expect(creator.platform == .instagram)
    #expect(creator.followers == 12_345)
    #expect(creator.engagement.likes == 1_200)
    #expect(creator.audience.femaleShare == 0.86)
    #expect(
      creator.audience.countries?.entries == [
        Distribution.Entry(key: "PL", share: 0.7), Distribution.Entry(key: "DE", share: 0.1),
      ])
    #expect(creator.country == "PL")
    #expect(load.report.rowsLoaded == 1)
  }

  /// Each validation rule, with the row that breaks it and the column it must point at.
  @Test(
    "each validation rule skips the bad row and names line and column",
    arguments: [
      ("b,ig,-5,,,,", "negative-number", 3),
      ("b,ig,lots,,,,", "not-a-number", 3),
      ("b,ig,,,,,", "missing-followers", 3),
      ("b,ig,10,,1.4,,", "share-out-of-range", 5),
      ("b,ig,10,,,PL:0.7|DE:0.5,", "distribution-over-one", 6),
      ("b,ig,10,,,PL:x,", "not-a-number", 6),
      ("b,myspace,10,,,,", "unknown-platform", 2),
      (",ig,10,,,,", "missing-id", 1),
      ("a,ig,10,,,,", "duplicate-id", 1),
      ("b,ig,10,5%,,,", "not-a-count", 4),
      ("b,ig,0.5,,,,", "number-out-of-range", 3),
      ("b,ig,5e-324,,,,", "number-out-of-range", 3),
      ("b,ig,20000000000,,,,", "number-out-of-range", 3),
      ("b,ig,10,1e308,,,", "number-out-of-range", 4),
    ])
  func validationRules(row: String, rule: String, column: Int) throws {
    let load = try Fixtures.load("\(Self.header)\na,ig,100,,,,\n\(row)\n")
    #expect(load.creators.count == 1)
    #expect(load.report.rowsSkipped == 1)
    let problem = try #require(load.report.firstErrors.first)
    #expect(problem.rule == rule)
    #expect(problem.line == 3)
    #expect(problem.column == column)
    #expect(problem.description.hasPrefix("\(problem.file):3:\(column): "))
  }

  @Test("an absurd count skips its row; the others still rank and the fit stays finite")
  func absurdCountsDoNotPoison() throws {
    var lines = ["id,platform,followers,avg_likes,price_per_post,engagement_rate"]
    for index in 1...30 {
      lines.append("x\(index),instagram,\(1_000 * index + 500),\(20 * index),,")
    }
    lines += [
      "tiny,instagram,5e-324,10,,", "half,instagram,0.5,10,,", "likes,instagram,12000,1e308,,",
      "price,instagram,12000,100,1e308,", "rate,instagram,12000,,,1e308%",
    ]
    let load = try Fixtures.load(lines.joined(separator: "\n") + "\n")
    #expect(load.creators.count == 30)
    #expect(load.report.errorCounts.first { $0.rule == "number-out-of-range" }?.count == 5)
    let table = Fixtures.table(load.creators)
    for curve in table.model.curves {
      #expect([curve.intercept, curve.slope, curve.tau2, curve.sigma2].allSatisfy { $0.isFinite })
    }
    let ranking = Ranker(table: table).rank(
      try Fixtures.brief(#"{"id": "b", "goal": "engagement"}"#), top: 50)
    #expect(ranking.rows.count == 30)
    #expect(ranking.rows.allSatisfy { $0.score.isFinite })
  }

  @Test("the fit skips a creator whose rate is infinite instead of writing NaN coefficients")
  func fitSkipsInfiniteRate() {
    var creators = (1...30).map {
      Fixtures.creator("x\($0)", followers: Double(1_000 * $0 + 500), likes: Double(20 * $0))
    }
    creators.append(Fixtures.creator("tiny", followers: 5e-324, likes: 10))
    let model = PopulationModel.fit(creators: creators, corpus: CreatorCorpus(creators: creators))
    let curve = model.curve(for: CurveKey(platform: .instagram, basis: .followers))
    #expect(curve.source == .fitted)
    #expect(curve.sampleSize == 30)
    #expect([curve.intercept, curve.slope, curve.tau2].allSatisfy { $0.isFinite })
  }

  @Test("a unique list compares linearly only up to its limit, then hashes")
  func uniqueListBoundsComparisons() {
    var list = UniqueList<Int>()
    for value in 0..<100_000 { list.append(value) }
    for value in [3, 40_000, 99_999] {
      let appended = list.append(value)
      #expect(!appended)
    }
    #expect(list.elements == Array(0..<100_000))
    // 0 + 1 + … + 16 comparisons while linear, none after.
    let limit = UniqueList<Int>.linearLimit
    #expect(list.comparisons == limit * (limit + 1) / 2)
  }

  @Test("list and distribution cells of many entries keep first-seen order and merge repeats")
  func longListCells() throws {
    let labels = (0..<20_000).map { "c\($0)" }
    let categories = (labels + ["c0", "c19999", "c7"]).joined(separator: "|")
    let interests = ((0..<40).map { "i\($0):0.01" } + ["i3:0.05", "i39"]).joined(separator: "|")
    let load = try Fixtures.load(
      "id,platform,followers,categories,aud_interests\na,ig,10,\(categories),\(interests)\n")
    let creator = try #require(load.creators.first)
    #expect(creator.categories == labels)
    let entries = try #require(creator.audience.interests?.entries)
    #expect(entries.count == 40)
    #expect(entries.first { $0.key == "i3" }?.share == 0.01 + 0.05)
    #expect(entries.map(\.key) == (0..<40).map { "i\($0)" })
  }

  @Test("age buckets that sum past 1 are rejected")
  func ageSum() throws {
    let load = try Fixtures.load(
      "id,platform,followers,aud_age_18_24,aud_age_25_34\na,ig,10,0.7,0.5\nb,ig,10,0.5,0.4\n")
    #expect(load.creators.map(\.id) == ["b"])
    #expect(load.report.errorCounts.first?.rule == "distribution-over-one")
  }

  @Test("strict mode stops at the first bad row")
  func strictStops() throws {
    var options = IngestOptions()
    options.strict = true
    #expect(throws: IngestError.self) {
      _ = try Fixtures.load("\(Self.header)\na,ig,10,,,,\nb,ig,-1,,,,\n", options: options)
    }
  }

  @Test("an unrecognized country is a warning: the field is ignored and the row kept")
  func unknownCountryIsWarning() throws {
    let load = try Fixtures.load("\(Self.header)\na,ig,10,,,,Atlantis\n")
    #expect(load.creators.first?.country == nil)
    #expect(load.report.warningCounts.first?.rule == "unknown-country")
    #expect(load.report.rowsWithWarnings == 1)
  }

  @Test("a short or long row is kept with a field-count warning on its own line")
  func fieldCountWarningsKeepTheirLines() throws {
    // Line 3 is short, line 4 right, line 6 (after a blank line) long.
    let load = try Fixtures.load(
      "\(Self.header)\na,ig,10,,,,\nb,ig,11\nc,ig,12,,,,\n\nd,ig,13,,,,,extra\n")
    #expect(load.creators.map(\.id) == ["a", "b", "c", "d"])
    #expect(load.report.firstWarnings.map(\.line) == [3, 6])
    #expect(load.report.firstWarnings.allSatisfy { $0.rule == "field-count" })
    #expect(load.report.rowsWithWarnings == 2)
  }

  @Test("mis-decoded country names are repaired")
  func mojibake() throws {
    let load = try Fixtures.load("\(Self.header)\na,ig,10,,,,CÃ´te d'Ivoire\n")
    #expect(load.creators.first?.country == "CI")
  }

  @Test("a missing platform column is an error unless --platform gives one")
  func platformColumn() throws {
    #expect(throws: IngestError.self) { _ = try Fixtures.load("id,followers\na,10\n") }
    var options = IngestOptions()
    options.defaultPlatform = .instagram
    let load = try Fixtures.load("id,followers\na,10\n", options: options)
    #expect(load.creators.first?.platform == .instagram)
  }

  @Test("header aliases of common exports map to fields")
  func aliases() throws {
    let text =
      "Username\tCategory\t#Followers\t#Followees\t#Posts\n\nmakeup\tbeauty\t1432\t1089\t363\n"
    var options = IngestOptions()
    options.defaultPlatform = .instagram
    let load = try Fixtures.load(text, options: options, name: "k.txt")
    let creator = try #require(load.creators.first)
    #expect(creator.id == "makeup")
    #expect(creator.followers == 1_432)
    #expect(creator.following == 1_089)
    #expect(creator.posts == 363)
    #expect(creator.categories == ["beauty"])
  }

  @Test("--map reads a field from a differently named column")
  func columnOverride() throws {
    var options = IngestOptions()
    options.columnOverrides[.followers] = "Fans Total"
    options.defaultPlatform = .tiktok
    let load = try Fixtures.load("id,Fans Total\na,4.5M\n", options: options)
    #expect(load.creators.first?.followers == 4_500_000)
    options.columnOverrides[.followers] = "Nope"
    #expect(throws: IngestError.self) {
      _ = try Fixtures.load("id,Fans Total\na,4.5M\n", options: options)
    }
  }

  @Test("JSONL rows use the same schema, and a bad line is skipped with its position")
  func jsonLines() throws {
    let text = """
      {"id": "a", "platform": "tiktok", "followers": 1200, "aud_countries": {"UA": 0.6}, "categories": ["fitness", "food"]}
      {"id": "b", "platform": "tiktok", "followers": }
      {"id": "c", "platform": "youtube", "followers": "3.1M", "unknown_key": 1}
      """
    let load = try Fixtures.load(text, name: "c.jsonl")
    #expect(load.creators.map(\.id) == ["a", "c"])
    #expect(load.creators.first?.categories == ["fitness", "food"])
    #expect(load.creators.first?.audience.countries?.share(of: "UA") == 0.6)
    #expect(load.report.firstErrors.first?.line == 2)
    #expect(load.report.firstErrors.first?.rule == "invalid-json")
    #expect(load.report.ignoredColumns == ["unknown_key"])
  }

  @Test("entries without shares split what is left and are marked estimated")
  func unsharedEntries() throws {
    let load = try Fixtures.load("\(Self.header)\na,ig,10,,,PL:0.5|DE|US,\n")
    let countries = try #require(load.creators.first?.audience.countries)
    #expect(countries.share(of: "DE") == 0.25)
    #expect(countries.sharesEstimated)
  }

  @Test("a file whose every row is bad fails as a whole")
  func noUsableRows() throws {
    #expect(throws: IngestError.self) { _ = try Fixtures.load("\(Self.header)\na,ig,-1,,,,\n") }
  }

  @Test("a missing file is reported as missing")
  func missingFile() {
    #expect(throws: IngestError.missingFile(path: "/nonexistent/x.csv", reason: "no such file")) {
      _ = try CreatorFileReader.read(path: "/nonexistent/x.csv")
    }
  }

  @Test("creators written by the CSV writer read back equal")
  func roundTrip() throws {
    let generated = DatasetGenerator(seed: 3).creators(count: 300).map(\.creator)
    let load = try Fixtures.load(CreatorCSVWriter.text(generated))
    #expect(load.creators == generated)
  }

  @Test("several batches: duplicates across batches and bad rows are reported at their lines")
  func manyBatches() throws {
    // 20,000 rows span three decoding batches; from row 9,000 to 18,000, every 1,000th row (at
    // offset 500) repeats the id of the row 9,000 earlier (a previous batch), and every 1,500th
    // row has negative followers.
    var text = "id,platform,followers\n"
    var expectedIDs: [String] = []
    var duplicateLines: [(line: Int, first: Int)] = []
    var negativeLines: [Int] = []
    for row in 0..<20_000 {
      let line = row + 2
      if (9_000..<18_000).contains(row) && row % 1_000 == 500 {
        text += "c\(row - 9_000),ig,10\n"
        duplicateLines.append((line, line - 9_000))
      } else if row % 1_500 == 7 {
        text += "c\(row),ig,-3\n"
        negativeLines.append(line)
      } else {
        text += "c\(row),ig,10\n"
        expectedIDs.append("c\(row)")
      }
    }
    var options = IngestOptions()
    options.keptProblems = 100
    let load = try Fixtures.load(text, options: options)
    #expect(load.creators.count == expectedIDs.count)
    #expect(load.creators.map(\.id).elementsEqual(expectedIDs))
    #expect(load.report.rowsRead == 20_000)
    #expect(load.report.rowsSkipped == duplicateLines.count + negativeLines.count)
    let duplicates = load.report.firstErrors.filter { $0.rule == "duplicate-id" }
    #expect(duplicates.map(\.line) == duplicateLines.map(\.line))
    #expect(
      duplicates.map(\.message)
        == duplicateLines.map {
          "id: \"c\($0.line - 2 - 9_000)\" duplicates the row at line \($0.first); the first one is kept"
        })
    #expect(
      load.report.firstErrors.filter { $0.rule == "negative-number" }.map(\.line) == negativeLines)
  }

  @Test("a field fed by several columns joins their non-empty values")
  func severalColumns() throws {
    let load = try Fixtures.load(
      "id,platform,followers,category 1,category 2,category 3\n"
        + "a,ig,10,beauty,,fashion\nb,ig,10,,travel,\nc,ig,10,,,\nd,ig,10,food,fitness,tech\n")
    #expect(
      load.creators.map(\.categories) == [
        ["beauty", "fashion"], ["travel"], [], ["food", "fitness", "tech"],
      ])
  }
}

@Suite("Real exports in ../shared/data/real", .enabled(if: Fixtures.hasRealData))
struct RealDataTests {
  func read(_ name: String) throws -> CreatorFileReader.Load {
    var options = IngestOptions()
    options.defaultPlatform = .instagram
    return try CreatorFileReader.read(path: Fixtures.realData(name), options: options)
  }

  @Test("Kim et al. influencer list: every row loads; median followers is 16,125")
  func kim() throws {
    let load = try read("kim2020_instagram_influencers.txt")
    #expect(load.report.rowsRead == 33_935)
    #expect(load.creators.count == 33_935)
    let followers = load.creators.map(\.followers).sorted()
    #expect(followers[followers.count / 2] == 16_125)
    #expect(followers.first == 1_000)
  }

  @Test("Sep-2022 top-1000 export: multi-line header, abbreviated numbers, duplicates explained")
  func september2022() throws {
    let load = try read("social_media_influencers_instagram_sep-2022.csv")
    #expect(load.report.rowsRead == 1_050)
    #expect(
      load.report.rowsSkipped == load.report.errorCounts.first { $0.rule == "duplicate-id" }?.count)
    let cristiano = try #require(load.creators.first { $0.id == "cristiano" })
    #expect(cristiano.followers == 477_900_000)
    #expect(cristiano.engagement.total == 6_200_000)
    #expect(cristiano.audience.countries?.entries.first?.key == "IN")
    #expect(cristiano.categories == ["Sports with a ball"])
  }

  @Test("Top-200 export: BOM, CRLF, lower-case suffixes, percent rates")
  func top200() throws {
    let load = try read("top_insta_influencers_data.csv")
    #expect(load.creators.count == 200)
    let first = try #require(load.creators.first)
    #expect(first.id == "cristiano")
    #expect(first.followers == 475_800_000)
    #expect(first.engagement.rate == 0.0139)
  }
}
