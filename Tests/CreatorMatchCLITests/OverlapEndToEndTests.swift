import Foundation
import Testing

@Suite("End to end: sketch, overlap, shortlist", .serialized)
struct OverlapEndToEndTests {
  /// Generates edges for the committed sample and sketches them once.
  static let sketchPath: String = {
    let edges = CLI.temporaryPath("edges.tsv")
    let sketch = CLI.temporaryPath("audiences.cms")
    _ = try? CLI.run([
      "generate", "--creators", "2000", "--seed", "7", "--out", CLI.temporaryPath("c.csv"),
      "--followers", edges, "--follower-sample", "0.003",
    ])
    _ = try? CLI.run(["sketch", "--followers", edges, "--out", sketch])
    return sketch
  }()

  @Test("sketch writes a file that overlap reads; the matrix has one row per creator")
  func overlap() throws {
    #expect(FileManager.default.fileExists(atPath: Self.sketchPath))
    let result = try CLI.run([
      "overlap", "--sketches", Self.sketchPath, "--ids", "c001700,c001410,c000831",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("union reach of 3 creators"))
    #expect(result.stdout.contains("1 c001700"))
    let csv = try CLI.run([
      "overlap", "--sketches", Self.sketchPath, "--ids", "c001700,c001410", "--format", "csv",
    ])
    #expect(csv.stdout.split(separator: "\n").count == 2)
  }

  @Test("shortlist reaches more unique followers than the top by score for the same budget")
  func shortlist() throws {
    let result = try CLI.run([
      "shortlist", "--creators", "datasets/creators.csv", "--brief",
      "datasets/briefs/es-fashion.json",
      "--sketches", Self.sketchPath, "--budget", "400", "--min-score", "25", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let ours = try #require(root["shortlist"] as? [String: Any])
    let baseline = try #require(root["top_by_score"] as? [String: Any])
    let oursReach = try #require(ours["unique_reach"] as? Double)
    let baselineReach = try #require(baseline["unique_reach"] as? Double)
    #expect(oursReach > baselineReach)
    #expect((ours["cost"] as? Double ?? .infinity) <= 400)
  }

  @Test("without sketches the shortlist says overlap is unknown")
  func noSketches() throws {
    let result = try CLI.run([
      "shortlist", "--creators", "datasets/creators.csv", "--brief",
      "datasets/briefs/ua-fitness.json", "--budget", "100000",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("audience overlap unknown"))
  }

  @Test("a corrupt sketch file is rejected by name with exit 65")
  func corrupt() throws {
    var bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sketchPath))
    bytes[bytes.count / 2] ^= 0x5A
    let damaged = CLI.temporaryPath("damaged.cms")
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: damaged).deletingLastPathComponent(),
      withIntermediateDirectories: true)
    try bytes.write(to: URL(fileURLWithPath: damaged))
    let result = try CLI.run(["overlap", "--sketches", damaged])
    #expect(result.status == 65)
    #expect(result.stderr.contains("\(damaged): corrupt"))
    let truncated = CLI.temporaryPath("cut.cms")
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: truncated).deletingLastPathComponent(),
      withIntermediateDirectories: true)
    try bytes.prefix(1_000).write(to: URL(fileURLWithPath: truncated))
    let cut = try CLI.run(["overlap", "--sketches", truncated])
    #expect(cut.status == 65)
    #expect(cut.stderr.contains("truncated"))
  }

  @Test("the real follower graphs sketch through --input graph-json")
  func realGraph() throws {
    let graph = CLI.packageRoot.deletingLastPathComponent()
      .appendingPathComponent("shared/data/real/twitter_follower_graphs/hersheycareers.json")
    guard FileManager.default.fileExists(atPath: graph.path) else { return }
    let out = CLI.temporaryPath("hershey.cms")
    let result = try CLI.run([
      "sketch", "--followers", graph.path, "--input", "graph-json", "--creators-top", "50", "--out",
      out,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("50 creators"))
  }
}
