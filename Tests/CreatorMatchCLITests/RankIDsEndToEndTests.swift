import Foundation
import Testing

/// `rank --ids` (and `roi --ids` with the same rules), the stackable columns of ranking files, and
/// the warning for a brief that leaves no creator eligible.
@Suite("End to end: rank --ids, stackable output, empty briefs", .serialized)
struct RankIDsEndToEndTests {
  static let base = [
    "rank", "--creators", "datasets/creators.csv", "--brief", "datasets/briefs/pl-skincare.json",
  ]

  /// A brief no sample creator passes: YouTube only, at most 10 followers.
  static let emptyBrief: String = {
    (try? CLI.file(
      "empty.json",
      #"{"id": "nobody-fits", "goal": "awareness", "platforms": ["youtube"], "constraints": {"max_followers": 10}}"#
    )) ?? "missing-empty-brief.json"
  }()

  static let emptyWarning =
    "brief nobody-fits: no creator is eligible; the constraints removed all 2,000: "
    + "other platform 1,649, followers out of range 351"

  /// Rows of a CSV without quoted commas (ids, numbers and the committed sample's fields).
  static func cells(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
      .map { $0.map(String.init) }
  }

  @Test("--ids with --explain prints each creator's rank among all eligible, or what removed it")
  func snapshot() throws {
    let result = try CLI.run(
      Self.base + ["--ids", "c000534, c000941,nobody,c000001,c000941", "--explain"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr
        == "warning: --ids: no creator with id \"nobody\" in datasets/creators.csv; showing the others\n"
    )
    #expect(result.stdout.contains("rank 845 of 1,076 eligible"))
    #expect(result.stdout.contains("filtered out: other platform"))
    try assertSnapshot(result.stdout, named: "rank-ids-pl-skincare-table")
  }

  @Test("a named creator's rank is its position in the full ranking (--top 2000)")
  func rankMatchesFullRanking() throws {
    let full = try CLI.run(Self.base + ["--top", "2000", "--format", "csv"])
    #expect(full.status == 0)
    let rows = Self.cells(full.stdout)
    let header = try #require(rows.first)
    let idColumn = try #require(header.firstIndex(of: "id"))
    let scoreColumn = try #require(header.firstIndex(of: "score"))
    // The 1st, 37th, 200th and last eligible creators, asked in another order.
    let picks = [200, 1, rows.count - 1, 37].map { rows[$0] }
    let lookup = try CLI.run(
      Self.base + ["--ids", picks.map { $0[idColumn] }.joined(separator: ","), "--format", "csv"])
    #expect(lookup.status == 0, "\(lookup.stderr)")
    let found = Self.cells(lookup.stdout)
    #expect(found.first == header + ["filtered_by"])
    #expect(found.count == 5)
    for (pick, row) in zip(picks, found.dropFirst()) {
      #expect(row[idColumn] == pick[idColumn])
      #expect(row[0] == pick[0])
      #expect(row[scoreColumn] == pick[scoreColumn])
      #expect(row.last == "")
      #expect(Array(row.dropLast()) == pick)
    }
    #expect(found.last?[0] == "37")
    #expect(found[3][0] == "1076")
  }

  @Test("--ids works with every format and --explain; duplicates are counted once")
  func everyFormat() throws {
    let ids = ["--ids", "c000941,c000001,c000941"]
    let csv = try CLI.run(Self.base + ids + ["--format", "csv", "--explain"])
    #expect(csv.status == 0)
    #expect(Self.cells(csv.stdout).count == 3)
    #expect(csv.stdout.contains("filtered out: other platform"))
    #expect(csv.stderr.contains("1,076 eligible"))
    let json = try CLI.run(Self.base + ids + ["--format", "json"])
    #expect(json.status == 0)
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let creators = try #require(root["creators"] as? [[String: Any]])
    #expect(creators.map { $0["id"] as? String } == ["c000941", "c000001"])
    #expect(creators[0]["rank"] as? Int == 1)
    #expect(creators[1]["rank"] is NSNull)
    #expect(creators[1]["filtered_by"] as? String == "platform")
    let jsonl = try CLI.run(Self.base + ids + ["--format", "jsonl", "--explain"])
    #expect(jsonl.status == 0)
    let lines = jsonl.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    let first = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["brief_id"] as? String == "pl-skincare-launch")
    #expect((first["explanation"] as? [String])?.first == "rank 1 of 1,076 eligible")
    let table = try CLI.run(Self.base + ids)
    #expect(table.status == 0)
    #expect(table.stdout.contains("filtered by"))
  }

  @Test("unknown ids: exit 65 when none is known, a warning otherwise; an empty list is usage")
  func unknownIDs() throws {
    let none = try CLI.run(Self.base + ["--ids", "nobody,nor-me"])
    #expect(none.status == 65)
    #expect(
      none.stderr.contains(
        "--ids: no creators with ids \"nobody\", \"nor-me\" in datasets/creators.csv"))
    let empty = try CLI.run(Self.base + ["--ids", " , "])
    #expect(empty.status == 64)
    #expect(empty.stderr.contains("--ids: no creator id given"))
    let roi = try CLI.run([
      "roi", "--creators", "datasets/creators.csv", "--brief", "datasets/briefs/de-vegan-food.json",
      "--ids", "c001775,nobody,c001775", "--samples", "2000", "--format", "csv",
    ])
    #expect(roi.status == 0, "\(roi.stderr)")
    #expect(roi.stderr.contains("warning: --ids: no creator with id \"nobody\""))
    #expect(roi.stdout.components(separatedBy: "c001775,").count == 2)
  }

  @Test("a brief with no eligible creator: rank warns on stderr and exits 0, in every format")
  func emptyBriefRank() throws {
    for format in ["table", "csv", "json", "jsonl"] {
      let result = try CLI.run([
        "rank", "--creators", "datasets/creators.csv", "--brief", Self.emptyBrief, "--format",
        format,
      ])
      #expect(result.status == 0, "\(format): \(result.stderr)")
      #expect(
        result.stderr.replacingOccurrences(of: "\n  ", with: " ").contains(
          "warning: " + Self.emptyWarning), "\(format)")
      if format == "csv" {
        #expect(Self.cells(result.stdout).count == 1)
      }
      if format == "json" {
        #expect(result.stdout.contains(Self.emptyWarning))
      }
    }
  }

  @Test("batch over an empty brief and two others: a warning, exit 0, files with one header")
  func emptyBriefBatch() throws {
    let directory = CLI.temporaryPath("briefs")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for name in ["pl-skincare.json", "ua-fitness.json"] {
      try FileManager.default.copyItem(
        atPath: CLI.packageRoot.appendingPathComponent("datasets/briefs/\(name)").path,
        toPath: directory + "/" + name)
    }
    try FileManager.default.copyItem(atPath: Self.emptyBrief, toPath: directory + "/empty.json")
    let out = CLI.temporaryPath("out")
    let result = try CLI.run([
      "batch", "--creators", "datasets/creators.csv", "--briefs", directory, "--out", out,
      "--top", "5", "--quiet",
    ])
    #expect(result.status == 0)
    #expect(result.stderr == "batch: warning: \(Self.emptyWarning)\n")
    var headers = Set<String>()
    for id in ["pl-skincare-launch", "ua-home-fitness", "nobody-fits"] {
      let text = try String(contentsOfFile: "\(out)/\(id).csv", encoding: .utf8)
      headers.insert(String(text.prefix { $0 != "\n" }))
    }
    #expect(headers.count == 1)
    #expect(headers.first?.hasPrefix("rank,brief_id,id,handle,name,") == true)
    let summary = try String(contentsOfFile: "\(out)/nobody-fits.summary.json", encoding: .utf8)
    #expect(summary.contains(Self.emptyWarning))
  }
}
