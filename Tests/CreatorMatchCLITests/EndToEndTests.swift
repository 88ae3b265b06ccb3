import Foundation
import Testing

@Suite("End to end: the built creatormatch binary", .serialized)
struct EndToEndTests {
  static let creators = "datasets/creators.csv"

  @Test("--version prints the version and exits 0")
  func version() throws {
    let result = try CLI.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout == "0.9.0\n")
  }

  @Test("rank on the committed sample prints the table snapshot")
  func rankTable() throws {
    let result = try CLI.run([
      "rank", "--creators", Self.creators, "--brief", "datasets/briefs/ua-fitness.json", "--top",
      "10",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    try assertSnapshot(result.stdout, named: "rank-ua-fitness-table")
  }

  @Test("rank --explain --format json writes parseable JSON with explanations")
  func rankJSON() throws {
    let out = CLI.temporaryPath("top.json")
    let result = try CLI.run([
      "rank", "--creators", Self.creators, "--brief", "datasets/briefs/pl-skincare.json",
      "--top=5", "--format=json", "--explain", "--out", out,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out)))
    let root = try #require(object as? [String: Any])
    let creators = try #require(root["creators"] as? [[String: Any]])
    #expect(creators.count == 5)
    #expect((creators.first?["explanation"] as? [String])?.isEmpty == false)
    #expect(creators.first?["forecast"] != nil)
  }

  @Test("a brief with a wrong type exits 65 naming the JSON path")
  func badBrief() throws {
    let brief = try CLI.file(
      "b.json",
      #"{"id": "x", "goal": "awareness", "economics": {"average_order_value": "cheap", "gross_margin": 0.5}}"#
    )
    let result = try CLI.run(["rank", "--creators", Self.creators, "--brief", brief])
    #expect(result.status == 65)
    #expect(
      result.stderr.contains("$.economics.average_order_value: expected a number, found a string"))
    #expect(result.stderr.contains("b.json:1:"))
    #expect(result.stdout.isEmpty)
  }

  @Test("a missing input file exits 66")
  func missingFile() throws {
    let result = try CLI.run([
      "rank", "--creators", "nope.csv", "--brief", "datasets/briefs/jp-travel.json",
    ])
    #expect(result.status == 66)
    #expect(result.stderr.contains("nope.csv: cannot open: no such file"))
  }

  @Test("a bad command line exits 64 with a usage hint")
  func usage() throws {
    let result = try CLI.run(["rank", "--creators", Self.creators, "--brif", "x.json"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("did you mean '--brief'?"))
    #expect(result.stderr.contains("usage: creatormatch rank"))
    let unknown = try CLI.run(["rnak"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("did you mean 'rank'?"))
  }

  @Test("lenient mode ranks the good rows and reports the bad ones; strict mode stops")
  func lenientAndStrict() throws {
    let table = try CLI.file(
      "c.csv",
      "id,platform,followers,avg_likes\na,instagram,12000,400\nb,instagram,-3,10\nc,tiktok,5000,\n")
    let brief = try CLI.file("b.json", #"{"id": "b", "goal": "engagement"}"#)
    let lenient = try CLI.run(["rank", "--creators", table, "--brief", brief, "--format", "csv"])
    #expect(lenient.status == 0)
    #expect(lenient.stderr.contains("3 rows read, 2 loaded, 1 skipped (negative-number 1)"))
    #expect(lenient.stderr.contains("c.csv:3:3: followers: -3 is negative"))
    #expect(lenient.stdout.split(separator: "\n").count == 3)
    let strict = try CLI.run(["rank", "--creators", table, "--brief", brief, "--strict"])
    #expect(strict.status == 65)
    #expect(strict.stderr.contains("c.csv:3:3: followers: -3 is negative"))
  }

  @Test("a handle with ESC/OSC/C1 controls reaches the table and --explain without them")
  func controlCharactersInHandles() throws {
    let table = try CLI.file(
      "c.csv",
      "id,platform,followers,avg_likes,handle\n"
        + "a,instagram,12000,400,\"@a\u{1B}]0;pwned\u{07}\u{1B}[31mred\u{9B}2J\"\n"
        + "b,tiktok,5000,50,@b\n")
    let brief = try CLI.file("b.json", #"{"id": "b", "goal": "engagement"}"#)
    let result = try CLI.run(["rank", "--creators", table, "--brief", brief, "--explain"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("@a]0;pwned[31mred2J"), "\(result.stdout)")
    #expect(
      !result.stdout.unicodeScalars.contains {
        ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
      })
  }

  @Test("validate reports the mapping and exits 0 on a clean table")
  func validate() throws {
    let result = try CLI.run([
      "validate", "--creators", Self.creators, "--brief", "datasets/briefs/us-gaming.json",
    ])
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains("rows: 2,000 read, 2,000 loaded, 0 skipped"))
    #expect(result.stdout.contains("brief: datasets/briefs/us-gaming.json: valid"))
  }

  @Test("a table piped to standard input reads in full, as CSV and as JSONL")
  func standardInput() throws {
    let csv = try Data(contentsOf: CLI.packageRoot.appendingPathComponent(Self.creators))
    let piped = try CLI.run(["validate", "--creators", "/dev/stdin"], input: csv)
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout.contains("rows: 2,000 read, 2,000 loaded, 0 skipped"))
    let jsonl = Data(
      "{\"id\":\"a\",\"platform\":\"ig\",\"followers\":10}\n{\"id\":\"b\",\"platform\":\"ig\",\"followers\":20}\n"
        .utf8)
    let lines = try CLI.run(["validate", "--creators", "/dev/stdin"], input: jsonl)
    #expect(lines.status == 0, "\(lines.stderr)")
    #expect(lines.stdout.contains("rows: 2 read, 2 loaded, 0 skipped"))
  }

  @Test("fit writes a model that rank accepts and that gives the same ranking")
  func fitThenRank() throws {
    let model = CLI.temporaryPath("model.json")
    let fit = try CLI.run(["fit", "--creators", Self.creators, "--out", model])
    #expect(fit.status == 0, "\(fit.stderr)")
    #expect(fit.stdout.contains("instagram"))
    let arguments = [
      "rank", "--creators", Self.creators, "--brief", "datasets/briefs/de-vegan-food.json",
      "--format", "csv",
    ]
    let fitted = try CLI.run(arguments)
    let withModel = try CLI.run(arguments + ["--model", model])
    #expect(fitted.status == 0 && withModel.status == 0)
    #expect(fitted.stdout == withModel.stdout)
  }

  @Test("generate is deterministic and writes the committed sample exactly")
  func generate() throws {
    let result = try CLI.run(["generate", "--creators", "2000", "--seed", "7"])
    #expect(result.status == 0)
    let committed = try String(
      contentsOf: CLI.packageRoot.appendingPathComponent(Self.creators), encoding: .utf8)
    #expect(result.stdout == committed)
  }

  @Test("every real export in ../shared loads through validate and rank without a crash")
  func realExports() throws {
    let directory = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent(
      "shared/data/real")
    guard FileManager.default.fileExists(atPath: directory.path) else { return }
    for name in [
      "kim2020_instagram_influencers.txt", "social_media_influencers_instagram_sep-2022.csv",
      "top_insta_influencers_data.csv",
    ] {
      let path = directory.appendingPathComponent(name).path
      let validate = try CLI.run(["validate", "--creators", path, "--platform", "instagram"])
      #expect([0, 65].contains(validate.status), "\(name): \(validate.stderr)")
      #expect(validate.stdout.contains("loaded"))
      let rank = try CLI.run([
        "rank", "--creators", path, "--platform", "instagram", "--brief",
        "datasets/briefs/es-fashion.json",
      ])
      #expect(rank.status == 0, "\(name): \(rank.stderr)")
    }
  }
}
