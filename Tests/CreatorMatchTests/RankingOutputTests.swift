import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchBatch
@testable import CreatorMatchIO

/// Named creators (`rank --ids`) and output that stacks: the same columns for every brief, names
/// and categories in every row, and the warning for a brief that leaves no creator eligible.
@Suite("Named creators' ranks and stackable ranking output")
struct RankingOutputTests {
  static let creators = DatasetGenerator(seed: 21).creators(count: 2_500).map(\.creator)
  static let table = Fixtures.table(creators, threads: 2)

  static func committedBrief(_ name: String) throws -> CampaignBrief {
    let path = Fixtures.packageRoot.appendingPathComponent("datasets/briefs/\(name)").path
    return try CampaignBrief.decode(
      Array(try Data(contentsOf: URL(fileURLWithPath: path))), source: path)
  }

  /// Five creators in a row order unlike their id order: "a", "b", "c" identical, "z" with 1.5×
  /// their likes, "d" below the brief's minimum followers.
  static func smallTable() -> CreatorTable {
    var result: [Creator] = []
    for (id, followers, likes) in [
      ("c", 10_000.0, 300.0), ("z", 10_000, 450), ("a", 10_000, 300), ("d", 1_000, 30),
      ("b", 10_000, 300),
    ] {
      var creator = Fixtures.creator(id, followers: followers, likes: likes)
      creator.engagement.comments = likes / 20
      result.append(creator)
    }
    return Fixtures.table(result)
  }

  @Test("a named creator's rank: ties by id, higher engagement first, a filtered one has none")
  func handComputedRanks() throws {
    let table = Self.smallTable()
    let brief = try Fixtures.brief(
      #"{"id": "t", "goal": "engagement", "constraints": {"min_followers": 5000}}"#)
    let ranker = Ranker(table: table)
    let plan = BriefPlan(brief: brief, table: table)
    func row(_ id: String) throws -> Int { try #require(table.row(ofID: id)) }
    // Equal creators tie on score and are ordered by id: z (more likes) 1, then a 2, b 3, c 4.
    let found = ranker.lookUp(
      rows: [try row("c"), try row("d"), try row("a"), try row("z"), try row("b")], plan: plan)
    #expect(found.map(\.rank) == [4, nil, 2, 1, 3])
    #expect(found.map(\.filterReason) == [nil, .followers, nil, nil, nil])
    #expect(found[0].creator.score == found[2].creator.score)
    #expect(found[3].creator.score > found[2].creator.score)
    // The filtered creator still has its components and score.
    #expect(found[1].creator.score > 0)
    #expect(found[1].creator.id == "d")
    #expect(ranker.lookUp(rows: [], plan: plan).isEmpty)
  }

  @Test(
    "the rank of every named creator is its position in the full ranking",
    arguments: ["pl-skincare.json", "ua-fitness.json", "us-gaming.json"])
  func rankEqualsFullRankingPosition(briefName: String) throws {
    let table = Self.table
    let ranker = Ranker(table: table)
    let plan = BriefPlan(brief: try Self.committedBrief(briefName), table: table)
    let full = ranker.rank(plan, top: table.count, threads: 2)
    let position = Dictionary(uniqueKeysWithValues: full.rows.map { ($0.row, $0.rank) })
    let rows = Array(stride(from: 0, to: table.count, by: 7))
    let found = ranker.lookUp(rows: rows, plan: plan)
    #expect(found.count == rows.count)
    var eligible = 0
    for (row, result) in zip(rows, found) {
      #expect(result.creator.row == row)
      #expect(result.filterReason == ranker.filterReason(row: row, plan: plan))
      #expect(result.rank == position[row], "row \(row)")
      if let rank = result.rank {
        eligible += 1
        #expect(full.rows[rank - 1].score == result.creator.score)
        #expect(full.rows[rank - 1].components == result.creator.components)
      }
    }
    #expect(eligible == rows.filter { position[$0] != nil }.count)
    #expect(eligible > 0 && eligible < rows.count)
    #expect(full.rows.count == full.eligible)
  }

  @Test("the CSV header and JSON keys are the same for a brief with and without economics")
  func sameColumnsForEveryBrief() throws {
    let table = Self.table
    let labels = CreatorLabels(creators: Self.creators)
    var headers: [[String]] = []
    var keySets: [Set<String>] = []
    for name in ["pl-skincare.json", "ua-fitness.json"] {
      let brief = try Self.committedBrief(name)
      let ranking = Ranker(table: table).rank(brief, top: 5)
      let report = RankingReport(ranking: ranking, labels: labels)
      headers.append(report.csvHeader)
      let csv = try CSVTestParser.rows(report.render(.csv))
      #expect(csv.count == 6)
      #expect(csv.allSatisfy { $0.count == RankingReport.csvColumns.count })
      #expect(csv.dropFirst().allSatisfy { $0[1] == brief.id })
      for line in report.render(.jsonl).split(separator: "\n") {
        let object = try #require(
          try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        keySets.append(Set(object.keys))
        #expect(object["brief_id"] as? String == brief.id)
      }
    }
    #expect(headers[0] == headers[1])
    #expect(headers[0] == RankingReport.csvColumns)
    #expect(Set(keySets).count == 1)
    #expect(keySets.first?.contains("forecast") == true)
  }

  @Test("name, country and categories come from the creators; the rank cell is empty if filtered")
  func labelsInRows() throws {
    var first = Fixtures.creator("c1", followers: 20_000, likes: 600)
    first.name = "Ania Nowak"
    first.country = "PL"
    first.categories = ["Skincare", "Beauty, Makeup"]
    var second = Fixtures.creator("c2", followers: 900, likes: 40)
    second.categories = []
    let creators = [first, second]
    let table = Fixtures.table(creators)
    let brief = try Fixtures.brief(
      #"{"id": "b1", "goal": "engagement", "constraints": {"min_followers": 1000}}"#)
    let ranker = Ranker(table: table)
    let plan = BriefPlan(brief: brief, table: table)
    let ranking = ranker.rank(plan, top: 5)
    let lookups = ranker.lookUp(rows: [1, 0], plan: plan)
    let report = RankingReport(
      ranking: ranking, labels: CreatorLabels(creators: creators), lookups: lookups)
    let csv = try CSVTestParser.rows(report.render(.csv))
    let header = csv[0]
    #expect(header.last == "filtered_by")
    func cell(_ row: [String], _ column: String) throws -> String {
      row[try #require(header.firstIndex(of: column))]
    }
    #expect(try cell(csv[1], "rank") == "")
    #expect(try cell(csv[1], "filtered_by") == "followers")
    #expect(try cell(csv[1], "name") == "")
    #expect(try cell(csv[2], "rank") == "1")
    #expect(try cell(csv[2], "name") == "Ania Nowak")
    #expect(try cell(csv[2], "country") == "PL")
    #expect(try cell(csv[2], "categories") == "Skincare|Beauty, Makeup")
    #expect(try cell(csv[2], "brief_id") == "b1")
    #expect(try cell(csv[2], "filtered_by") == "")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
    let rows = try #require(json["creators"] as? [[String: Any]])
    #expect(rows[0]["rank"] is NSNull)
    #expect(rows[0]["filtered_by"] as? String == "followers")
    #expect(rows[1]["categories"] as? [String] == ["Skincare", "Beauty, Makeup"])
    #expect(rows[1]["name"] as? String == "Ania Nowak")
  }

  @Test("a brief that leaves no creator eligible warns with the counts that emptied it")
  func noEligibleWarning() throws {
    var counts = FilterCounts()
    counts[.platform] = 1_649
    counts[.followers] = 351
    #expect(
      RankingReport.noEligibleWarning(
        briefID: "b", candidates: 2_000, eligible: 0, filtered: counts.counts)
        == "brief b: no creator is eligible; the constraints removed all 2,000: "
        + "other platform 1,649, followers out of range 351")
    #expect(
      RankingReport.noEligibleWarning(
        briefID: "b", candidates: 2_000, eligible: 1, filtered: counts.counts) == nil)
    #expect(
      RankingReport.noEligibleWarning(briefID: "b", candidates: 0, eligible: 0, filtered: [])
        == "brief b: no creator is eligible: the table is empty")

    let table = Self.smallTable()
    let brief = try Fixtures.brief(
      #"{"id": "none", "goal": "engagement", "constraints": {"min_followers": 50000}}"#)
    let ranking = Ranker(table: table).rank(brief, top: 5)
    let report = RankingReport(ranking: ranking)
    let expected =
      "brief none: no creator is eligible; the constraints removed all 5: followers out of range 5"
    #expect(report.noEligibleWarning == expected)
    #expect(report.summaryLines().last == "warning: " + expected)
    let summary = BatchSummary(ranking: ranking)
    #expect(summary.warnings == [expected])
    let decoded = try BatchSummary.decode(Array(summary.jsonText().utf8), source: "s.json")
    #expect(decoded == summary)
    #expect(decoded.warnings == [expected])
    // Two shards, one empty and one not, merge into a summary without the warning.
    var other = summary
    other.eligible = 3
    other.filtered = FilterCounts().counts
    #expect(BatchSummary.merged([summary, other], rows: 3)?.warnings == [])
  }

  @Test("a batch over a brief with economics and one without writes identical CSV headers")
  func batchHeadersStack() throws {
    let briefs = Fixtures.packageRoot.appendingPathComponent("datasets/briefs")
    let entries = try BriefSource.load(briefs.path).filter {
      ["pl-skincare-launch", "ua-home-fitness"].contains($0.id)
    }
    #expect(entries.count == 2)
    let out = FileManager.default.temporaryDirectory
      .appendingPathComponent("cm-stack-\(UUID().uuidString)").path
    let settings = BatchManifest.Settings(
      top: 4, format: .csv, shard: nil, creatorsFingerprint: "test",
      modelFingerprint: "test")
    let outcome = try BatchJob.run(
      table: Self.table, labels: CreatorLabels(creators: Self.creators), entries: entries,
      configuration: BatchJob.Configuration(
        jobs: 2, resume: false, outputDirectory: out, settings: settings))
    #expect(outcome.failures.isEmpty)
    #expect(outcome.warnings.isEmpty)
    var headers: [String] = []
    for id in ["pl-skincare-launch", "ua-home-fitness"] {
      let text = try String(contentsOfFile: out + "/\(id).csv", encoding: .utf8)
      headers.append(String(text.prefix { $0 != "\n" }))
      let rows = try CSVTestParser.rows(text)
      #expect(rows.count == 5)
      #expect(rows.allSatisfy { $0.count == RankingReport.csvColumns.count })
    }
    #expect(headers[0] == headers[1])
    #expect(headers[0] == RankingReport.csvColumns.joined(separator: ","))
  }

  @Test("a batch brief with no eligible creator succeeds with a warning in its outcome")
  func batchWarnsOnEmptyBrief() throws {
    let entries = try BriefSource.load(
      try Fixtures.file(
        "briefs.jsonl",
        #"{"id": "empty", "goal": "engagement", "constraints": {"max_followers": 10}}"# + "\n"))
    let out = FileManager.default.temporaryDirectory
      .appendingPathComponent("cm-empty-\(UUID().uuidString)").path
    let settings = BatchManifest.Settings(
      top: 4, format: .csv, shard: nil, creatorsFingerprint: "test", modelFingerprint: "test")
    let outcome = try BatchJob.run(
      table: Self.smallTable(), entries: entries,
      configuration: BatchJob.Configuration(
        jobs: 1, resume: false, outputDirectory: out, settings: settings))
    #expect(outcome.failures.isEmpty)
    let expected =
      "brief empty: no creator is eligible; the constraints removed all 5: followers out of range 5"
    #expect(outcome.warnings.map(\.message) == [expected])
    #expect(outcome.warnings.map(\.brief) == ["empty"])
    let csv = try String(contentsOfFile: out + "/empty.csv", encoding: .utf8)
    #expect(csv == RankingReport.csvColumns.joined(separator: ",") + "\n")
  }

  @Test("a real export's Name column fills the name of each ranked creator")
  func realExportNames() throws {
    guard Fixtures.hasRealData else { return }
    let path = Fixtures.realData("social_media_influencers_instagram_sep-2022.csv")
    var options = IngestOptions()
    options.defaultPlatform = .instagram
    let read = try CreatorCatalog.read(CreatorSource(path: path, options: options))
    let catalog = try CreatorCatalog(creators: read.creators, threads: 2)
    let row = try #require(catalog.table.row(ofID: "cristiano"))
    #expect(catalog.labels.name(row) == "Cristiano Ronaldo")
    #expect(catalog.table.handles[row] == nil)
    let ranking = Ranker(table: catalog.table).rank(
      try Fixtures.brief(
        #"{"id": "mega", "goal": "awareness", "niche": {"categories": ["fashion"]}}"#),
      top: 10)
    let report = RankingReport(ranking: ranking, labels: catalog.labels)
    let csv = try CSVTestParser.rows(report.render(.csv))
    let nameColumn = try #require(csv[0].firstIndex(of: "name"))
    #expect(csv.count == 11)
    // Each row's name is its file's Name cell (harrystyles has an empty one there).
    for cells in csv.dropFirst() {
      let row = try #require(catalog.table.row(ofID: cells[2]))
      #expect(cells[nameColumn] == catalog.labels.name(row) ?? "")
    }
    #expect(csv.dropFirst().filter { !$0[nameColumn].isEmpty }.count >= 8)
  }
}

/// A minimal RFC 4180 reader for checking the CSV the reports write (quoted fields with commas,
/// quotes and newlines).
enum CSVTestParser {
  struct Malformed: Error {}

  static func rows(_ text: String) throws -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
      if quoted {
        if character == "\"" {
          if characters.first == "\"" {
            field.append("\"")
            characters.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.append(character)
        }
      } else if character == "\"" {
        guard field.isEmpty else { throw Malformed() }
        quoted = true
      } else if character == "," {
        row.append(field)
        field = ""
      } else if character == "\n" || character == "\r\n" {
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      } else {
        field.append(character)
      }
    }
    if quoted { throw Malformed() }
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return rows
  }
}
