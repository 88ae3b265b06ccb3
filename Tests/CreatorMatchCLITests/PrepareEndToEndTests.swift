import Foundation
import Testing

/// `creatormatch prepare` and every `--creators` reading its snapshot: the same output as the
/// creator file, and clear refusals of damaged or misused snapshots.
@Suite("End to end: prepare and commands on a snapshot", .serialized)
struct PrepareEndToEndTests {
  static let creators = "datasets/creators.csv"
  static let brief = "datasets/briefs/pl-skincare.json"

  /// The sample table prepared once, named like a CSV file in its own directory: a snapshot is
  /// recognised by its contents, and reports then name the same file as the CSV path's.
  static let snapshot: String? = {
    let path = CLI.temporaryPath("creators.csv")
    guard
      let result = try? CLI.run(["prepare", "--creators", creators, "--out", path]),
      result.status == 0
    else { return nil }
    return path
  }()

  @Test("prepare reports what it wrote")
  func prepareSummary() throws {
    let out = CLI.temporaryPath("sample.snapshot")
    let result = try CLI.run(["prepare", "--creators", Self.creators, "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("snapshot: \(out): 2,000 creators, "))
    let again = try CLI.run(["prepare", "--creators", out, "--out", out + "2"])
    #expect(again.status == 64)
    #expect(again.stderr.contains("\(out): is already a prepared snapshot"))
  }

  @Test(
    "rank, roi and shortlist print the same bytes from the CSV and from its snapshot",
    arguments: ["rank", "roi", "shortlist"], ["table", "csv", "json", "jsonl", "html"])
  func sameOutput(command: String, format: String) throws {
    let snapshot = try #require(Self.snapshot)
    // shortlist has no --explain.
    let arguments =
      ["--brief", Self.brief, "--format", format] + (command == "shortlist" ? [] : ["--explain"])
    let fromCSV = try CLI.run([command, "--creators", Self.creators] + arguments)
    let fromSnapshot = try CLI.run([command, "--creators", snapshot] + arguments)
    #expect(fromSnapshot.status == fromCSV.status)
    #expect(fromSnapshot.stdout == fromCSV.stdout)
    // roi and shortlist have no jsonl; both paths refuse it the same way.
    if format != "jsonl" || command == "rank" {
      #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
      #expect(!fromCSV.stdout.isEmpty)
    }
  }

  @Test(
    "similar prints the same bytes from the CSV and from its snapshot",
    arguments: ["table", "csv", "json"])
  func sameSimilar(format: String) throws {
    let snapshot = try #require(Self.snapshot)
    let arguments = [
      "--like", "c000941,c000095", "--brief", "datasets/briefs/es-fashion.json", "--format", format,
    ]
    let fromCSV = try CLI.run(["similar", "--creators", Self.creators] + arguments)
    let fromSnapshot = try CLI.run(["similar", "--creators", snapshot] + arguments)
    #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
    #expect(!fromCSV.stdout.isEmpty)
    #expect(fromSnapshot.status == 0, "\(fromSnapshot.stderr)")
    #expect(fromSnapshot.stdout == fromCSV.stdout)
  }

  @Test("rank --ids and --top give the same bytes from the snapshot")
  func sameLookups() throws {
    let snapshot = try #require(Self.snapshot)
    for extra in [["--ids", "c000534,c000941,c000001"], ["--top", "2000", "--format", "csv"]] {
      let arguments = ["--brief", Self.brief] + extra
      let fromCSV = try CLI.run(["rank", "--creators", Self.creators] + arguments)
      let fromSnapshot = try CLI.run(["rank", "--creators", snapshot] + arguments)
      #expect(fromCSV.status == 0)
      #expect(fromSnapshot.stdout == fromCSV.stdout)
    }
  }

  @Test(
    "batch writes the same ranking files and reports from the snapshot",
    arguments: ["csv", "jsonl"])
  func sameBatch(format: String) throws {
    let snapshot = try #require(Self.snapshot)
    let outCSV = CLI.temporaryPath("from-csv")
    let outSnapshot = CLI.temporaryPath("from-snapshot")
    for (input, out) in [(Self.creators, outCSV), (snapshot, outSnapshot)] {
      let result = try CLI.run([
        "batch", "--creators", input, "--briefs", "datasets/briefs", "--out", out, "--format",
        format, "--report", out + "/report", "--quiet",
      ])
      #expect(result.status == 0, "\(result.stderr)")
    }
    let manager = FileManager.default
    let files = try manager.subpathsOfDirectory(atPath: outCSV).sorted()
    #expect(try manager.subpathsOfDirectory(atPath: outSnapshot).sorted() == files)
    // The manifest fingerprints the input file (a resume must notice another file) and the
    // timings are clock readings; everything else is the same bytes.
    let compared = files.filter {
      $0.contains(".") && $0 != "manifest.json" && $0 != "timings.json"
    }
    #expect(compared.count >= 6 * 2 + 7)
    for file in compared {
      let expected = try Data(contentsOf: URL(fileURLWithPath: outCSV + "/" + file))
      let actual = try Data(contentsOf: URL(fileURLWithPath: outSnapshot + "/" + file))
      #expect(actual == expected, "\(file) differs")
    }
  }

  @Test("validate says it is a prepared snapshot and how many rows; fit gives the same model")
  func validateAndFit() throws {
    let snapshot = try #require(Self.snapshot)
    let validate = try CLI.run([
      "validate", "--creators", snapshot, "--brief", Self.brief,
    ])
    #expect(validate.status == 0, "\(validate.stderr)")
    #expect(validate.stdout.hasPrefix("file: \(snapshot) (prepared snapshot, format version 3)\n"))
    #expect(validate.stdout.contains("rows: 2,000 creators, "))
    #expect(
      validate.stdout.contains(
        "brief: \(Self.brief): valid; 1,076 of 2,000 creators pass its constraints"))
    #expect(validate.stdout.hasSuffix("result: OK\n"))
    let fromCSV = CLI.temporaryPath("model.json")
    let fromSnapshot = CLI.temporaryPath("model.json")
    #expect(try CLI.run(["fit", "--creators", Self.creators, "--out", fromCSV]).status == 0)
    #expect(try CLI.run(["fit", "--creators", snapshot, "--out", fromSnapshot]).status == 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: fromSnapshot))
        == Data(contentsOf: URL(fileURLWithPath: fromCSV)))
  }

  @Test("a snapshot prepared with --model is used with that model and refuses another")
  func modelOption() throws {
    let model = CLI.temporaryPath("model.json")
    let snapshot = CLI.temporaryPath("with-model.snapshot")
    #expect(try CLI.run(["fit", "--creators", Self.creators, "--out", model]).status == 0)
    #expect(
      try CLI.run(["prepare", "--creators", Self.creators, "--model", model, "--out", snapshot])
        .status == 0)
    let fromCSV = try CLI.run([
      "rank", "--creators", Self.creators, "--model", model, "--brief", Self.brief,
    ])
    let fromSnapshot = try CLI.run([
      "rank", "--creators", snapshot, "--model", model, "--brief", Self.brief,
    ])
    #expect(fromSnapshot.status == 0, "\(fromSnapshot.stderr)")
    #expect(fromSnapshot.stdout == fromCSV.stdout)
    let otherCreators = CLI.temporaryPath("other.csv")
    let otherModel = CLI.temporaryPath("other.json")
    #expect(
      try CLI.run(["generate", "--creators", "300", "--seed", "5", "--out", otherCreators])
        .status == 0)
    #expect(try CLI.run(["fit", "--creators", otherCreators, "--out", otherModel]).status == 0)
    let refused = try CLI.run([
      "rank", "--creators", snapshot, "--model", otherModel, "--brief", Self.brief,
    ])
    #expect(refused.status == 64)
    #expect(
      refused.stderr.contains("\(otherModel): is not the model \(snapshot) was prepared with"))
  }

  @Test("a damaged snapshot is refused with exit 65 and a message naming the file")
  func damaged() throws {
    let snapshot = try #require(Self.snapshot)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: snapshot))
    var flipped = bytes
    flipped[bytes.count / 2] ^= 0x01
    var version = bytes
    version[8] = 7
    for (name, damaged, reason) in [
      ("flipped", flipped, "checksum mismatch"),
      ("cut", bytes.prefix(bytes.count - 1000), "truncated"),
      ("version", version, "snapshot format version 7, but this creatormatch reads version 3"),
      ("stub", bytes.prefix(3), "truncated"),
    ] {
      let path = CLI.temporaryPath("\(name).snapshot")
      try damaged.write(to: URL(fileURLWithPath: path))
      for command in ["rank", "validate"] {
        let result = try CLI.run([command, "--creators", path, "--brief", Self.brief])
        #expect(result.status == 65, "\(name) \(command)")
        #expect(result.stderr.contains("\(path): "), "\(result.stderr)")
        #expect(result.stderr.contains(reason), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
      }
    }
  }

  @Test("options that would change the creators are refused for a snapshot")
  func refusedOptions() throws {
    let snapshot = try #require(Self.snapshot)
    let posts = try CLI.run([
      "rank", "--creators", snapshot, "--brief", Self.brief, "--posts", "posts.jsonl",
    ])
    #expect(posts.status == 64)
    #expect(posts.stderr.contains("--posts cannot change a prepared snapshot (\(snapshot))"))
    let shard = try CLI.run([
      "batch", "--creators", snapshot, "--briefs", "datasets/briefs", "--out",
      CLI.temporaryPath("out"), "--shard", "0/2", "--model", "x.json",
    ])
    #expect(shard.status == 64)
    #expect(shard.stderr.contains("--shard cannot split a prepared snapshot"))
  }

  @Test(
    "options of reading a creator file are refused for a snapshot, naming the option",
    arguments: [
      ["--map", "followers=Subscribers"], ["--platform", "tiktok"], ["--delimiter", "tab"],
      ["--strict"],
    ])
  func readingOptions(option: [String]) throws {
    let snapshot = try #require(Self.snapshot)
    for command in ["rank", "validate"] {
      let result = try CLI.run(
        [command, "--creators", snapshot, "--brief", Self.brief] + option)
      #expect(result.status == 64, "\(command) \(option)")
      #expect(
        result.stderr.contains(
          "\(option[0]) applies to reading a creator file, and \(snapshot) is a prepared snapshot"),
        "\(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
    // The creator file takes them.
    let csv = try CLI.run(
      ["rank", "--creators", Self.creators, "--brief", Self.brief, "--top", "3"] + option)
    #expect(!csv.stderr.contains("prepared snapshot"))
  }

  @Test("a snapshot on standard input or a pipe is refused with a clear message")
  func snapshotFromPipe() throws {
    let snapshot = try #require(Self.snapshot)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: snapshot))
    for command in ["rank", "validate"] {
      let result = try CLI.run(
        [command, "--creators", "/dev/stdin", "--brief", Self.brief], input: bytes)
      #expect(result.status == 65, "\(command)")
      #expect(
        result.stderr.contains("this is a prepared snapshot read from a pipe or device"),
        "\(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
  }

  @Test("a flipped byte in a column rank reads whole is refused; elsewhere, validate finds it")
  func checkedSections() throws {
    let snapshot = try #require(Self.snapshot)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: snapshot)))
    func flipped(_ name: String) throws -> String {
      var damaged = bytes
      let sections = Int(bytes[12]) | Int(bytes[13]) << 8
      for index in 0..<sections {
        let entry = 32 + 80 * index
        let stored = bytes[entry..<(entry + 48)].prefix { $0 != 0 }
        guard String(decoding: stored, as: UTF8.self) == name else { continue }
        func word(_ at: Int) -> Int {
          (0..<8).reduce(0) { $0 | Int(bytes[entry + at + $1]) << (8 * $1) }
        }
        damaged[word(56) + word(64) / 2] ^= 0x01
      }
      let path = CLI.temporaryPath("\(name).snapshot")
      try Data(damaged).write(to: URL(fileURLWithPath: path))
      return path
    }
    let followers = try flipped("table.followers")
    let rank = try CLI.run(["rank", "--creators", followers, "--brief", Self.brief])
    #expect(rank.status == 65)
    #expect(
      rank.stderr.contains(
        "\(followers): corrupt snapshot: checksum mismatch in section 'table.followers'"))
    #expect(rank.stdout.isEmpty)
    let evidence = try flipped("table.evidence")
    let validate = try CLI.run(["validate", "--creators", evidence])
    #expect(validate.status == 65)
    #expect(validate.stderr.contains("checksum mismatch in section 'table.evidence'"))
  }
}
