import CreatorMatch
import Foundation
import Testing

@testable import CreatorMatchIO

/// Snapshots of the user-facing output of rank --explain, shortlist, overlap and validate.
/// Temporary paths are replaced by `<TMP>` before comparing.
@Suite("End to end: output snapshots of rank --explain, shortlist, overlap, validate", .serialized)
struct OutputSnapshotTests {
  static let creators = "datasets/creators.csv"

  /// `text` with every occurrence of `directory` replaced by `<TMP>`.
  static func redacted(_ text: String, _ directory: String) -> String {
    text.replacingOccurrences(of: directory, with: "<TMP>")
  }

  /// The directory that holds `path`.
  static func directory(of path: String) -> String {
    URL(fileURLWithPath: path).deletingLastPathComponent().path
  }

  /// Whether every line fits 80 terminal cells.
  static func fits80(_ text: String) -> Bool {
    text.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 80 }
  }

  // MARK: rank --explain

  @Test("rank --explain --top 5 prints the table, the legend and five explanations")
  func rankExplainTable() throws {
    let result = try CLI.run([
      "rank", "--creators", Self.creators, "--brief", "datasets/briefs/jp-travel.json", "--top",
      "5", "--explain",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(Self.fits80(result.stdout))
    #expect(result.stdout.components(separatedBy: "\n   score ").count == 6)
    try assertSnapshot(result.stdout, named: "rank-explain-jp-travel-table")
  }

  @Test("rank --explain --format json --top 3 writes three creators with explanations")
  func rankExplainJSON() throws {
    let result = try CLI.run([
      "rank", "--creators", Self.creators, "--brief", "datasets/briefs/pl-skincare.json", "--top",
      "3", "--explain", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let creators = try #require(root["creators"] as? [[String: Any]])
    #expect(creators.count == 3)
    #expect(creators.allSatisfy { ($0["explanation"] as? [String])?.isEmpty == false })
    try assertSnapshot(result.stdout, named: "rank-explain-pl-skincare-json")
  }

  // MARK: shortlist

  /// Follower edges for the committed sample (0.3% of each audience), sketched once.
  static let sampleSketch: String = {
    let edges = CLI.temporaryPath("edges.tsv")
    let table = CLI.temporaryPath("c.csv")
    let sketch = CLI.temporaryPath("audiences.cms")
    _ = try? CLI.run([
      "generate", "--creators", "2000", "--seed", "7", "--out", table, "--followers", edges,
      "--follower-sample", "0.003",
    ])
    _ = try? CLI.run(["sketch", "--followers", edges, "--out", sketch])
    for path in [edges, table] { try? FileManager.default.removeItem(atPath: directory(of: path)) }
    return sketch
  }()

  @Test("shortlist within EUR 400 prints the picks and the comparison with the top by score")
  func shortlistTable() throws {
    #expect(FileManager.default.fileExists(atPath: Self.sampleSketch))
    let result = try CLI.run([
      "shortlist", "--creators", Self.creators, "--brief", "datasets/briefs/es-fashion.json",
      "--sketches", Self.sampleSketch, "--budget", "400", "--min-score", "25",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(Self.fits80(result.stdout))
    #expect(!result.stdout.contains(Self.directory(of: Self.sampleSketch)))
    try assertSnapshot(result.stdout, named: "shortlist-es-fashion-table")
  }

  // MARK: overlap

  /// ania {f1…f6}, bohdan {f4…f9}, chiyo {f1, f2, f10}: shared ania–bohdan 3, ania–chiyo 2,
  /// bohdan–chiyo 0; 10 unique followers of 15.
  static let smallEdges =
    "creator_id\tfollower_id\n"
    + (1...6).map { "ania\tf\($0)\n" }.joined()
    + (4...9).map { "bohdan\tf\($0)\n" }.joined()
    + ["chiyo\tf1\n", "chiyo\tf2\n", "chiyo\tf10\n"].joined()

  @Test("overlap of three hand-made audiences prints the exact share matrix and union reach")
  func overlapTable() throws {
    let edges = try CLI.file("edges.tsv", Self.smallEdges)
    let directory = Self.directory(of: edges)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let sketch = directory + "/small.cms"
    let built = try CLI.run(["sketch", "--followers", edges, "--out", sketch])
    #expect(built.status == 0, "\(built.stderr)")
    #expect(
      Self.redacted(built.stderr, directory)
        == "<TMP>/small.cms: 3 creators from 15 edges; 3 exact sets, 0 HyperLogLog + MinHash "
        + "sketches\n")
    let result = try CLI.run(["overlap", "--sketches", sketch])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.contains("3 chiyo              67%   0%    –         3"))
    #expect(result.stdout.contains("10 unique followers of 15 in all (33% duplicated)"))
    try assertSnapshot(result.stdout, named: "overlap-small-table")
  }

  // MARK: validate

  @Test("validate on the sample with a brief reports the mapping, the filters and OK")
  func validateSample() throws {
    let result = try CLI.run([
      "validate", "--creators", Self.creators, "--brief", "datasets/briefs/pl-skincare.json",
    ])
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.hasSuffix("result: OK\n"))
    try assertSnapshot(result.stdout, named: "validate-sample-pl-skincare")
  }

  /// Six rows that must be skipped (one per rule), two rows with a warning, two good rows and an
  /// unknown column.
  static let badTable = """
    id,platform,followers,avg_likes,country,aud_female,Notes
    a1,instagram,12000,400,PL,0.6,ok
    a2,instagram,-3,10,PL,0.5,negative followers
    ,tiktok,5000,100,DE,0.5,missing id
    a1,youtube,7000,50,US,0.5,duplicate id
    a4,myspace,8000,80,US,0.5,unknown platform
    a5,instagram,lots,80,US,0.5,bad number
    a6,instagram,9000,90,Narnia,0.5,bad country
    a7,instagram,9100,91,FR,1.7,share above one
    a8,instagram,9200
    a9,tiktok,"1,2K",12,JP,0.4,"quoted, with comma"

    """

  @Test("validate on a table with bad rows lists every problem by line and column and exits 65")
  func validateBadRows() throws {
    let table = try CLI.file("bad.csv", Self.badTable)
    let directory = Self.directory(of: table)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let result = try CLI.run(["validate", "--creators", table])
    #expect(result.status == 65)
    #expect(result.stderr.isEmpty)
    let output = Self.redacted(result.stdout, directory)
    #expect(output.contains("rows: 10 read, 4 loaded, 6 skipped, 2 with warnings"))
    #expect(output.contains("<TMP>/bad.csv:3:3: followers: -3 is negative"))
    #expect(output.hasSuffix("result: problems found\n"))
    try assertSnapshot(output, named: "validate-bad-rows")
  }

  @Test("validate --max-problems 2 lists two problems of each kind and counts the rest")
  func validateMaxProblems() throws {
    let table = try CLI.file("bad.csv", Self.badTable)
    let directory = Self.directory(of: table)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let result = try CLI.run(["validate", "--creators", table, "--max-problems", "2"])
    #expect(result.status == 65)
    #expect(result.stderr.isEmpty)
    let output = Self.redacted(result.stdout, directory)
    #expect(output.contains("  … 4 more\n"))
    try assertSnapshot(output, named: "validate-bad-rows-max-problems")
  }
}
