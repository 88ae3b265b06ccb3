import Foundation
import Testing

/// The brand audience from the command line: `sketch --brand-audience`, then `rank`, `roi` and
/// `batch` with `--sketches` and a brief naming it.
@Suite("End to end: brand audience overlap", .serialized)
struct BrandEndToEndTests {
  /// c000941 follows u1–u10, c000095 u6–u15; the customer list is u1–u8 and u20 (with a blank
  /// line and stray spaces).
  static let files: (sketch: String, brief: String, directory: String) = {
    let directory = CLI.temporaryPath("brand")
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    var edges = "creator_id\tfollower_id\n"
    for follower in 1...10 { edges += "c000941\tu\(follower)\n" }
    for follower in 6...15 { edges += "c000095\tu\(follower)\n" }
    let customers = (1...8).map { "u\($0)\n" }.joined() + "\n  u20 \r\n"
    try? edges.write(toFile: directory + "/edges.tsv", atomically: true, encoding: .utf8)
    try? customers.write(toFile: directory + "/customers.txt", atomically: true, encoding: .utf8)
    var brief =
      (try? String(contentsOfFile: "datasets/briefs/pl-skincare.json", encoding: .utf8))
      ?? ""
    brief = brief.replacingOccurrences(
      of: "\"audience\": {", with: "\"audience\": {\"brand_audience\": \"acme\", ")
    try? FileManager.default.createDirectory(
      atPath: directory + "/briefs", withIntermediateDirectories: true)
    try? brief.write(toFile: directory + "/briefs/pl.json", atomically: true, encoding: .utf8)
    return (directory + "/a.cms", directory + "/briefs/pl.json", directory)
  }()

  static func sketch() throws -> CLI.Result {
    try CLI.run([
      "sketch", "--followers", files.directory + "/edges.tsv", "--brand-audience",
      files.directory + "/customers.txt", "--brand-id", "acme", "--out", files.sketch,
    ])
  }

  @Test("sketch stores the customer list as an exact brand audience")
  func sketchCommand() throws {
    let result = try Self.sketch()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("brand audience \"acme\": 9 distinct ids (exact) from 9 lines"))
    let overlap = try CLI.run([
      "overlap", "--sketches", Self.files.sketch, "--ids", "acme,c000941", "--format", "csv",
    ])
    #expect(overlap.status == 0, "\(overlap.stderr)")
    // |acme ∩ c000941| = 8, union 11.
    #expect(overlap.stdout.contains(",8,"))
  }

  @Test("rank --sketches shows affinity, new-to-brand share and the overlap component")
  func rank() throws {
    _ = try Self.sketch()
    let csv = try CLI.run([
      "rank", "--creators", "datasets/creators.csv", "--brief", Self.files.brief, "--sketches",
      Self.files.sketch, "--ids", "c000941,c000095,c000001", "--format", "csv",
    ])
    #expect(csv.status == 0, "\(csv.stderr)")
    let lines = csv.stdout.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let column = { (name: String) in header.firstIndex(of: name) ?? -1 }
    func cells(_ id: String) -> [String] {
      (lines.first { $0.contains(",\(id),") } ?? "").split(
        separator: ",", omittingEmptySubsequences: false
      ).map(String.init)
    }
    // 8 of c000941's 10 followers are customers, 3 of c000095's (u6, u7, u8).
    let a = cells("c000941")
    #expect(a[column("brand_affinity")] == "0.8000")
    #expect(a[column("new_to_brand")] == "0.2000")
    #expect(a[column("brand_affinity_error")] == "0.0000")
    #expect(a[column("overlap_evidence")] == "measured")
    // Conversions: 1 − exp(−0.8/0.1) = 0.99966, 1 − exp(−0.3/0.1) = 0.95021.
    #expect(a[column("overlap")] == "0.9997")
    let b = cells("c000095")
    #expect(b[column("brand_affinity")] == "0.3000")
    #expect(b[column("overlap")] == "0.9502")
    let unsketched = cells("c000001")
    #expect(unsketched[column("brand_affinity")] == "")
    #expect(unsketched[column("overlap_evidence")] == "estimated")
    // Conversions: overlap 0.10 of a total of 1.10 once the brand audience is loaded.
    #expect(csv.stderr.contains("overlap 0.09"))

    let explain = try CLI.run([
      "rank", "--creators", "datasets/creators.csv", "--brief", Self.files.brief, "--sketches",
      Self.files.sketch, "--ids", "c000941", "--explain",
    ])
    #expect(explain.status == 0, "\(explain.stderr)")
    let text = explain.stdout.replacingOccurrences(of: "\n     ", with: " ")
    #expect(text.contains("affinity 80.0% of the audience already in \"acme\" (exact, 8 of 10)"))
    #expect(text.contains("new to brand 20.0%"))
    #expect(explain.stdout.contains("affinity"))

    let json = try CLI.run([
      "rank", "--creators", "datasets/creators.csv", "--brief", Self.files.brief, "--sketches",
      Self.files.sketch, "--ids", "c000095", "--format", "json",
    ])
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let creator = try #require((root["creators"] as? [[String: Any]])?.first)
    let brand = try #require(creator["brand_audience"] as? [String: Any])
    #expect(brand["affinity"] as? Double == 0.3)
    #expect(brand["new_to_brand"] as? Double == 0.7)
    #expect(brand["shared"] as? Double == 3)
    #expect(brand["exact"] as? Bool == true)
  }

  @Test("a brand audience missing from the sketch file is an error; without --sketches a note")
  func missing() throws {
    _ = try Self.sketch()
    let other = Self.files.directory + "/other.json"
    let text = try String(contentsOfFile: Self.files.brief, encoding: .utf8)
      .replacingOccurrences(of: "\"acme\"", with: "\"nobody\"")
    try text.write(toFile: other, atomically: true, encoding: .utf8)
    let result = try CLI.run([
      "rank", "--creators", "datasets/creators.csv", "--brief", other, "--sketches",
      Self.files.sketch,
    ])
    #expect(result.status == 65)
    #expect(result.stderr.contains("$.audience.brand_audience: \"nobody\" is not in"))
    let noSketches = try CLI.run([
      "rank", "--creators", "datasets/creators.csv", "--brief", Self.files.brief, "--top", "3",
    ])
    #expect(noSketches.status == 0, "\(noSketches.stderr)")
    #expect(
      noSketches.stdout.contains(
        "overlap left out of the score: brand audience \"acme\" needs --sketches"))
  }

  @Test("shortlist --new-to-brand reports new-to-brand and all unique reach")
  func shortlist() throws {
    _ = try Self.sketch()
    let json = try CLI.run([
      "shortlist", "--creators", "datasets/creators.csv", "--brief", Self.files.brief,
      "--sketches", Self.files.sketch, "--new-to-brand", "--format", "json",
    ])
    #expect(json.status == 0, "\(json.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(root["new_to_brand_of"] as? String == "acme")
    let ours = try #require(root["shortlist"] as? [String: Any])
    let new = try #require(ours["new_to_brand_reach"] as? Double)
    let unique = try #require(ours["unique_reach"] as? Double)
    #expect(new <= unique && new > 0)
    #expect((root["top_by_score"] as? [String: Any])?["new_to_brand_reach"] != nil)
    let table = try CLI.run([
      "shortlist", "--creators", "datasets/creators.csv", "--brief", Self.files.brief,
      "--sketches", Self.files.sketch, "--new-to-brand",
    ])
    #expect(table.stdout.contains("new to brand \"acme\": "))
    let usage = try CLI.run([
      "shortlist", "--creators", "datasets/creators.csv", "--brief", Self.files.brief,
      "--new-to-brand",
    ])
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("--new-to-brand needs --sketches"))
  }

  @Test("batch and roi take --sketches")
  func batchAndRoi() throws {
    _ = try Self.sketch()
    let out = Self.files.directory + "/out"
    let batch = try CLI.run([
      "batch", "--creators", "datasets/creators.csv", "--briefs", Self.files.directory + "/briefs",
      "--out", out, "--sketches", Self.files.sketch, "--quiet", "--top", "2000",
    ])
    #expect(batch.status == 0, "\(batch.stderr)")
    let rows = try String(contentsOfFile: out + "/pl-skincare-launch.csv", encoding: .utf8)
    #expect(rows.contains(",measured,0.8000,0.0000,0.2000"))
    let roi = try CLI.run([
      "roi", "--creators", "datasets/creators.csv", "--brief", Self.files.brief, "--sketches",
      Self.files.sketch, "--top", "3",
    ])
    #expect(roi.status == 0, "\(roi.stderr)")
  }
}
