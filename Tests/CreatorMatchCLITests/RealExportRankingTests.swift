import Foundation
import Testing

/// `../shared/data/real` beside the package, when present.
enum RealData {
  static let directory: URL? = {
    let url = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }()
}

/// Rankings of the real exports in `../shared/data/real` judged as a marketer would: known-market
/// creators above unknown ones, flags on a minority, ties said out loud. Skipped where the data is
/// absent (a fresh clone has no `../shared`).
@Suite(
  "Real exports: honest estimates, flags and ties", .serialized,
  .enabled(if: RealData.directory != nil))
struct RealExportRankingTests {
  static var directory: URL? { RealData.directory }

  /// The rows of `rank --format csv` over every eligible creator, as header → value maps.
  static func ranking(_ file: String, brief: String) throws -> [[String: String]] {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("creatormatch-real-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let briefURL = directory.appendingPathComponent("brief.json")
    try Data(brief.utf8).write(to: briefURL)
    let path = try #require(Self.directory).appendingPathComponent(file).path
    let result = try CLI.run([
      "rank", "--creators", path, "--platform", "instagram", "--brief", briefURL.path,
      "--top", "100000", "--format", "csv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false) else {
      return []
    }
    // The columns read here hold no commas or quotes (ids, numbers, evidence, flags).
    return lines.dropFirst().map { line in
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      var row: [String: String] = [:]
      for (name, cell) in zip(header, cells) { row[String(name)] = String(cell) }
      return row
    }
  }

  /// The creators' own countries in the top-200 export, by id.
  static func homeCountries() throws -> [String: String] {
    let url = try #require(Self.directory).appendingPathComponent("top_insta_influencers_data.csv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var result: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      guard cells.count >= 10 else { continue }
      result[String(cells[1])] = String(cells[cells.count - 1]).trimmingCharacters(
        in: .whitespacesAndNewlines)
    }
    return result
  }

  @Test(
    "creators known to be based in the target market rank above those of unknown country",
    arguments: [("IN", "India"), ("US", "United States")])
  func knownBeforeUnknown(code: String, country: String) throws {
    let homes = try Self.homeCountries()
    let rows = try Self.ranking(
      "top_insta_influencers_data.csv",
      brief: #"{"id": "m", "goal": "awareness", "audience": {"countries": [""# + code + #""]}}"#)
    var position: [String: Int] = [:]
    for (index, row) in rows.enumerated() { position[row["id"] ?? ""] = index }
    let known = position.keys.filter { homes[$0] == country }
    let unknown = position.keys.filter { ["", "NaN"].contains(homes[$0] ?? "") }
    #expect(!known.isEmpty && !unknown.isEmpty)
    var inversions = 0
    for k in known {
      for u in unknown where (position[u] ?? 0) < (position[k] ?? 0) { inversions += 1 }
    }
    // Before: 625 of 744 pairs (IN) and 3,545 of 4,092 (US) had the unknown creator higher.
    // Engagement may still lift a few unknown creators, but never most of them.
    #expect(Double(inversions) <= 0.05 * Double(known.count * unknown.count))
    let top = rows.prefix(20).compactMap { $0["id"] }
    #expect(top.filter { homes[$0] == country }.count >= min(known.count, 10))
    // The estimate says what it is.
    #expect(rows.allSatisfy { $0["audience_evidence"] == "estimated" })
  }

  @Test("at most a quarter of a real export's creators carry a warning flag")
  func fewFlags() throws {
    let rows = try Self.ranking(
      "social_media_influencers_instagram_sep-2022.csv",
      brief: #"{"id": "all", "goal": "engagement"}"#)
    #expect(rows.count > 900)
    let flagged = rows.filter { !($0["flags"] ?? "").isEmpty }.count
    #expect(flagged * 4 <= rows.count, "\(flagged) of \(rows.count) flagged")
  }

  @Test("a top audience country without its share is partial and ranks within its market")
  func topCountryPartial() throws {
    let rows = try Self.ranking(
      "social_media_influencers_instagram_sep-2022.csv",
      brief: #"{"id": "br", "goal": "awareness", "audience": {"countries": ["BR"]}}"#)
    let audiences = Set(rows.compactMap { $0["audience"] })
    // Before: every creator had audience 1.0000 or 0.0000.
    #expect(!audiences.isSubset(of: ["1.0000", "0.0000"]))
    #expect(rows.contains { $0["audience_evidence"] == "partial" })
    #expect(!rows.contains { $0["audience"] == "1.0000" })
  }

  @Test("ties on a table without engagement are reported, with the data that would separate them")
  func tiesReported() throws {
    let path = try #require(Self.directory).appendingPathComponent(
      "kim2020_instagram_influencers.txt"
    ).path
    let briefURL = FileManager.default.temporaryDirectory
      .appendingPathComponent("creatormatch-beauty-\(UUID().uuidString).json")
    try Data(#"{"id": "beauty", "goal": "engagement", "niche": {"categories": ["beauty"]}}"#.utf8)
      .write(to: briefURL)
    defer { try? FileManager.default.removeItem(at: briefURL) }
    let result = try CLI.run([
      "rank", "--creators", path, "--platform", "instagram", "--brief", briefURL.path, "--top",
      "20",
    ])
    #expect(result.status == 0)
    // The summary wraps at 80 columns with a two-space indent.
    let text = result.stdout.replacingOccurrences(of: "\n  ", with: " ")
    #expect(text.contains("ties: 20 of the 20 listed share their score"))
    #expect(text.contains("engagement counts (likes, comments) would separate them"))
    #expect(text.contains("engagement absent 33,935"))
  }
}
