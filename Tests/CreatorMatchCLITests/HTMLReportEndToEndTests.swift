import Foundation
import Testing

/// `--format html` of rank, roi and shortlist and `batch --report`: a snapshot of a small fixed
/// ranking, the same bytes on every run, no reference outside the file, hostile creator and
/// brief text kept as text.
@Suite("End to end: HTML reports", .serialized)
struct HTMLReportEndToEndTests {
  /// Runs `arguments` and returns standard output, expecting success.
  static func page(_ arguments: [String]) throws -> String {
    let result = try CLI.run(arguments)
    #expect(result.status == 0, "\(arguments.prefix(1)): \(result.stderr)")
    return result.stdout
  }

  /// The rows of the `<tbody>` of the table with `id`.
  static func bodyRows(_ html: String, table id: String) -> Int {
    guard let start = html.range(of: "id=\"\(id)\"") else { return -1 }
    let rest = html[start.upperBound...]
    guard let end = rest.range(of: "</tbody>") else { return -1 }
    return rest[..<end.lowerBound].components(separatedBy: "<tr").count - 2
  }

  @Test("rank --format html of the small fixed ranking matches its snapshot, byte for byte")
  func rankSnapshot() throws {
    let files = try HTMLFixture.write()
    defer { try? FileManager.default.removeItem(atPath: files.directory) }
    let arguments = [
      "rank", "--creators", files.creators, "--brief", files.brief, "--format", "html",
    ]
    let first = try Self.page(arguments)
    let second = try Self.page(arguments + ["--threads", "1"])
    #expect(first == second, "the same inputs give the same bytes")
    #expect(first.hasPrefix("<!DOCTYPE html>\n"))
    #expect(first.contains("Made with CreatorMatch 0.9.0"))
    // Five eligible creators: five table rows and five cards; kasia.daily's flag is shown.
    #expect(Self.bodyRows(first, table: "ranking-table") == 5)
    #expect(first.components(separatedBy: "class=\"block card\"").count - 1 == 5)
    #expect(first.contains("removed: authenticity below minimum"))
    #expect(first.contains("<span class=\"flag\""))
    try assertSnapshot(first, named: "html-rank-small")
  }

  @Test(
    "rank, roi and shortlist pages reference nothing outside the file and keep hostile text as text"
  )
  func selfContainedAndEscaped() throws {
    let files = try HTMLFixture.write()
    defer { try? FileManager.default.removeItem(atPath: files.directory) }
    let edges = files.path("edges.tsv")
    try Data(HTMLFixture.edges.utf8).write(to: URL(fileURLWithPath: edges))
    let sketch = files.path("small.cms")
    let built = try CLI.run(["sketch", "--followers", edges, "--out", sketch])
    #expect(built.status == 0, "\(built.stderr)")
    let common = ["--creators", files.creators, "--brief", files.brief, "--format", "html"]
    let pages = [
      ("rank", try Self.page(["rank"] + common + ["--explain"])),
      ("roi", try Self.page(["roi"] + common + ["--top", "4"])),
      (
        "shortlist",
        try Self.page(["shortlist"] + common + ["--sketches", sketch, "--min-score", "1"])
      ),
    ]
    for (name, html) in pages {
      #expect(
        HTMLFixture.externalReferences(html).isEmpty,
        "\(name): \(HTMLFixture.externalReferences(html))")
      #expect(
        HTMLFixture.hostileProblems(html).isEmpty, "\(name): \(HTMLFixture.hostileProblems(html))")
      // The brand is in every page's title and brief, escaped.
      #expect(html.contains(HTMLFixture.hostile[3].escaped), "\(name)")
      #expect(html.contains("<svg class=\"chart\""), "\(name) has charts")
    }
    let rank = pages[0].1
    for (raw, escaped) in HTMLFixture.hostile {
      #expect(rank.contains(escaped), "rank shows \(raw) escaped")
    }
    let roi = pages[1].1
    #expect(Self.bodyRows(roi, table: "forecast-table") == 4)
    #expect(roi.contains("id=\"roi-forest-t\""))
    #expect(roi.contains("id=\"roi-histogram-t\""))
    #expect(roi.contains("Assumptions of the forecast"))
    let shortlist = pages[2].1
    #expect(shortlist.contains("id=\"reach-cost-t\""))
    #expect(shortlist.contains("id=\"overlap-map-t\""))
    #expect(Self.bodyRows(shortlist, table: "shortlist-table") >= 2)
  }

  @Test("batch --report writes a page per brief and an index linking each, failures listed")
  func batchReport() throws {
    let files = try HTMLFixture.write()
    defer { try? FileManager.default.removeItem(atPath: files.directory) }
    let briefs = files.path("briefs")
    try FileManager.default.createDirectory(atPath: briefs, withIntermediateDirectories: true)
    try Data(HTMLFixture.briefJSON.utf8).write(to: URL(fileURLWithPath: briefs + "/a.json"))
    let second = HTMLFixture.briefJSON.replacingOccurrences(
      of: "\"hostile-brief\"", with: "\"second brief/ä\"")
    try Data(second.utf8).write(to: URL(fileURLWithPath: briefs + "/b.json"))
    try Data("{\"id\": \"broken\"".utf8).write(to: URL(fileURLWithPath: briefs + "/c.json"))
    let report = files.path("report")
    let result = try CLI.run([
      "batch", "--creators", files.creators, "--briefs", briefs, "--out", files.path("out"),
      "--report", report, "--quiet",
    ])
    #expect(result.status == 65, "the broken brief fails the batch: \(result.stderr)")
    let index = try String(contentsOfFile: report + "/index.html", encoding: .utf8)
    #expect(
      HTMLFixture.externalReferences(index).isEmpty, "\(HTMLFixture.externalReferences(index))")
    let links = index.components(separatedBy: "href=\"").dropFirst().map {
      String($0.prefix { $0 != "\"" })
    }
    #expect(links.count == 2, "\(links)")
    for link in links {
      let page = try String(contentsOfFile: report + "/" + link, encoding: .utf8)
      #expect(page.contains("id=\"ranking-table\""))
      #expect(HTMLFixture.hostileProblems(page).isEmpty)
    }
    #expect(index.contains("failed: "))
    let sharded = try CLI.run([
      "batch", "--creators", files.creators, "--briefs", briefs, "--out", files.path("s"),
      "--report", report, "--shard", "0/2", "--model", "m.json",
    ])
    #expect(sharded.status == 64)
    #expect(sharded.stderr.contains("--report needs the whole table"))
  }

  @Test("--format rejects an unknown value and names the choices, html among them")
  func unknownFormat() throws {
    let result = try CLI.run([
      "roi", "--creators", "datasets/creators.csv", "--brief", "datasets/briefs/pl-skincare.json",
      "--format", "pdf",
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("table, csv, json, html"))
  }
}
