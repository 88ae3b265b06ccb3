import CreatorMatch
import Foundation
import Testing

@testable import CreatorMatchCLI

/// `creatormatch audit`: summary formats, per-account output, bad rows and exit codes.
@Suite("End to end: audit")
struct AuditEndToEndTests {
  /// Two creators; bob's last row has a bad follower count.
  static let sample = """
    creator_id,followers,following,posts,has_profile_picture,is_private,username,bio_length
    alice,320,410,85,yes,no,anna.k,42
    alice,15,3900,0,no,no,user83920174,0
    alice,1200,800,230,yes,yes,tom_r,10
    bob,45,2200,1,yes,no,xx_9921_ab,0
    bob,600,350,120,true,false,maria.s,
    bob,x,10,10,1,0,zed,5

    """

  @Test("the table has one row per creator and reports the bad row on stderr")
  func table() throws {
    let path = try CLI.file("sample.csv", Self.sample)
    let result = try CLI.run(["audit", "--accounts", path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("6 rows read, 5 used, 1 bad rows skipped"))
    #expect(result.stderr.contains("sample.csv:7:2: followers: expected a count ≥ 0, found \"x\""))
    #expect(OutputSnapshotTests.fits80(result.stdout))
    try assertSnapshot(result.stdout, named: "audit-small-table")
  }

  @Test("JSON has fake_share per creator as a fraction, matching the Rogan–Gladen correction")
  func json() throws {
    let path = try CLI.file("sample.csv", Self.sample)
    let result = try CLI.run(["audit", "--accounts", path, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let creators = try #require(root["creators"] as? [[String: Any]])
    #expect(creators.map { $0["creator_id"] as? String } == ["alice", "bob"])
    #expect(creators.map { $0["sample_size"] as? Int } == [3, 2])
    // alice: 1 of 3 flagged, bob: 1 of 2; (p̂ + spec − 1)/(sens + spec − 1).
    for (creator, rate) in zip(creators, [1.0 / 3, 0.5]) {
      let expected = AudienceAudit.roganGladen(
        positiveRate: rate, sensitivity: 0.87, specificity: 973.0 / 994.0)
      let share = try #require(creator["fake_share"] as? Double)
      #expect(abs(share - expected) < 0.00005)
      let interval = try #require(creator["fake_share_interval"] as? [Double])
      #expect(interval.count == 2 && interval[0] <= share && share <= interval[1])
    }
    #expect(abs((creators[0]["mass_follower_share"] as? Double ?? -1) - 0.3333) < 1e-9)
  }

  @Test("--per-account prints p_fake in input order, from JSONL with aliases and --map")
  func perAccount() throws {
    let path = try CLI.file(
      "s.jsonl",
      """
      {"userFollowerCount": 25, "userFollowingCount": 1937, "userMediaCount": 0, "userHasProfilPic": 1, "userIsPrivate": 1, "usernameDigitCount": 0, "usernameLength": 10, "Bio": 0}
      {"userFollowerCount": 900, "userFollowingCount": 300, "userMediaCount": 140, "userHasProfilPic": 1, "userIsPrivate": 0, "usernameDigitCount": 0, "usernameLength": 8, "Bio": 30}

      """)
    let result = try CLI.run([
      "audit", "--accounts", path, "--per-account", "--map", "bio_length=Bio",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "line,creator_id,p_fake")
    #expect(lines.count == 3)
    let first = try #require(Double(lines[1].split(separator: ",").last ?? ""))
    let second = try #require(Double(lines[2].split(separator: ",").last ?? ""))
    let expected = FakeFollowerModel.probability(
      FollowerAccount(
        followers: 25, following: 1_937, posts: 0, hasProfilePicture: true, isPrivate: true,
        usernameLength: 10, usernameDigits: 0, bioLength: 0))
    #expect(abs(first - expected) < 0.00005)
    #expect(first > 0.5 && second < 0.5)
  }

  @Test("exit codes: 65 for bad data under --strict and missing columns, 66 missing file, 64 usage")
  func exitCodes() throws {
    let path = try CLI.file("sample.csv", Self.sample)
    let strict = try CLI.run(["audit", "--accounts", path, "--strict"])
    #expect(strict.status == 65)
    #expect(strict.stderr.contains("sample.csv:7:2: followers"))
    let noColumn = try CLI.file("n.csv", "followers,following\n1,2\n")
    let missing = try CLI.run(["audit", "--accounts", noColumn])
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("no column for posts, has_profile_picture, is_private"))
    let badMap = try CLI.run(["audit", "--accounts", path, "--map", "followers=Nope"])
    #expect(badMap.status == 65)
    #expect(badMap.stderr.contains("--map followers=Nope: the file has no column"))
    #expect(try CLI.run(["audit", "--accounts", "/nonexistent/a.csv"]).status == 66)
    #expect(try CLI.run(["audit"]).status == 64)
    #expect(try CLI.run(["audit", "--accounts", path, "--map", "colour=x"]).status == 64)
    #expect(try CLI.run(["audit", "--accounts", path, "--format", "xml"]).status == 64)
    let allBad = try CLI.file(
      "b.csv", "followers,following,posts,has_profile_picture,is_private,username\n-1,2,3,1,0,ab\n")
    let none = try CLI.run(["audit", "--accounts", allBad])
    #expect(none.status == 65)
    #expect(none.stderr.contains("no usable rows"))
  }

  @Test(
    "username_length and username_digits stand in for the username; digits beyond length are bad")
  func usernameCounts() throws {
    let path = try CLI.file(
      "u.tsv",
      "followers\tfollowing\tposts\thas_profile_picture\tis_private\tusername_length\tusername_digits\n"
        + "100\t100\t10\t1\t0\t8\t2\n100\t100\t10\t1\t0\t3\t5\n")
    let result = try CLI.run(["audit", "--accounts", path, "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("u.tsv:3:7: username_digits: 5 is more than username_length 3"))
    #expect(result.stdout.hasPrefix("creator_id,sample_size,fake_share,"))
    #expect(result.stdout.contains("\n,1,"))
  }
}

/// Where the InstaFake files are, beside the package.
enum InstaFakeFiles {
  static let directory = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent(
    "shared/data/real/instafake")
  static var isPresent: Bool {
    FileManager.default.fileExists(
      atPath: directory.appendingPathComponent("fakeAccountData.json").path)
  }
}

/// The InstaFake files read as they are (a JSON array each, InstaFake's own field names).
@Suite("End to end: audit of InstaFake", .enabled(if: InstaFakeFiles.isPresent))
struct AuditInstaFakeTests {
  func fakeShare(_ name: String) throws -> (share: Double, size: Int) {
    let path = InstaFakeFiles.directory.appendingPathComponent(name).path
    let result = try CLI.run(["audit", "--accounts", path, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let creator = try #require((root["creators"] as? [[String: Any]])?.first)
    return (
      try #require(creator["fake_share"] as? Double), try #require(creator["sample_size"] as? Int)
    )
  }

  @Test("all-fake accounts audit near 100% fake, all-real ones near 0%")
  func sharesOfTheLabelledFiles() throws {
    let fake = try fakeShare("fakeAccountData.json")
    #expect(fake.size == 200)
    #expect(fake.share > 0.9)
    let real = try fakeShare("realAccountData.json")
    #expect(real.size == 994)
    #expect(real.share < 0.03)
  }
}

/// `rank --audit`: an audit's fake share becomes the creator's real-audience share.
@Suite("End to end: rank --audit")
struct RankAuditEndToEndTests {
  static let creators = CLI.packageRoot.appendingPathComponent("datasets/creators.csv").path
  static let brief = CLI.packageRoot.appendingPathComponent(
    "datasets/briefs/pl-skincare.json"
  ).path

  /// c000941's authenticity component in `rank --ids c000941 --format json`.
  func authenticity(_ extra: [String]) throws -> (value: Double, stderr: String) {
    let result = try CLI.run(
      [
        "rank", "--creators", Self.creators, "--brief", Self.brief, "--ids", "c000941",
        "--format", "json",
      ] + extra)
    #expect(result.status == 0, "\(result.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let creator = try #require((root["creators"] as? [[String: Any]])?.first)
    let components = try #require(creator["components"] as? [String: Any])
    return (try #require(components["authenticity"] as? Double), result.stderr)
  }

  @Test("audited shares scale authenticity: real 90% gives 0.90, real 40% its warning factor 0.40")
  func auditedShares() throws {
    // The table's own aud_real_share for c000941 is 0.88 (no flag); the audit replaces it.
    #expect(try authenticity([]).value == 0.88)
    let light = try CLI.file("light.csv", "creator_id,fake_share\nc000941,0.1\n")
    // Real share 0.9 ≥ the 0.75 warning threshold: authenticity × 0.9 and no flag.
    #expect(try authenticity(["--audit", light]).value == 0.9)
  }

  @Test("an audited 60% fake share lowers authenticity; bad rows and unknown ids are reported")
  func auditedShare() throws {
    // c000941 is the pl-skincare brief's top creator.
    let path = try CLI.file(
      "audit.csv",
      "creator_id,sample_size,fake_share\nc000941,200,0.6\nnobody,10,0.1\nc000095,100,abc\n")
    let after = try authenticity(["--audit", path])
    // Real share 0.4 < 0.75: no scaling, but the inauthentic-audience flag's factor 0.4.
    #expect(after.value == 0.4)
    #expect(after.stderr.contains("audited real-audience share set for 1 creators"))
    #expect(after.stderr.contains("1 audited ids are not in the table"))
    #expect(after.stderr.contains("audit.csv:4:3: fake_share: expected a fraction in [0, 1]"))
    let strict = try CLI.run([
      "rank", "--creators", Self.creators, "--brief", Self.brief, "--audit", path, "--strict",
    ])
    #expect(strict.status == 65)
    let noColumns = try CLI.file("x.csv", "a,b\n1,2\n")
    #expect(
      try CLI.run([
        "rank", "--creators", Self.creators, "--brief", Self.brief, "--audit", noColumns,
      ])
      .status == 65)
    #expect(
      try CLI.run([
        "rank", "--creators", Self.creators, "--brief", Self.brief, "--audit", "/nonexistent.csv",
      ]).status == 66)
  }

  @Test("audit --format csv output reads back into rank --audit")
  func roundTrip() throws {
    let sample = try CLI.file(
      "s.csv",
      AuditEndToEndTests.sample.replacingOccurrences(of: "alice,", with: "c000941,"))
    let audit = try CLI.run(["audit", "--accounts", sample, "--format", "csv"])
    #expect(audit.status == 0, "\(audit.stderr)")
    let path = try CLI.file("audit.csv", audit.stdout)
    let after = try authenticity(["--audit", path])
    #expect(after.stderr.contains("set for 1 creators; 1 audited ids are not in the table"))
  }

  @Test("roi and batch read --audit too: the audited creator's real share changes their output")
  func roiAndBatch() throws {
    let audit = try CLI.file("heavy.csv", "creator_id,fake_share\nc000941,0.6\n")
    func roi(_ extra: [String]) throws -> String {
      let result = try CLI.run(
        [
          "roi", "--creators", Self.creators, "--brief", Self.brief, "--ids", "c000941",
          "--format", "csv",
        ] + extra)
      #expect(result.status == 0, "\(result.stderr)")
      return result.stdout
    }
    #expect(try roi([]) != roi(["--audit", audit]))
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("cm-audit-batch-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    func batch(_ name: String, _ extra: [String]) throws -> String {
      let out = directory.appendingPathComponent(name).path
      let result = try CLI.run(
        [
          "batch", "--creators", Self.creators, "--briefs",
          CLI.packageRoot.appendingPathComponent("datasets/briefs").path, "--out", out, "--quiet",
        ] + extra)
      #expect(result.status == 0, "\(result.stderr)")
      let files = try FileManager.default.contentsOfDirectory(atPath: out)
      let csv = try #require(files.first { $0.hasPrefix("pl-skincare") && $0.hasSuffix(".csv") })
      return try String(
        contentsOf: URL(fileURLWithPath: out).appendingPathComponent(csv), encoding: .utf8)
    }
    let plain = try batch("plain", [])
    let audited = try batch("audited", ["--audit", audit])
    #expect(plain.contains("c000941"))
    #expect(plain != audited)
    // A 40% real share is a warning: the creator either drops out of the top rows or carries it.
    let line = audited.split(separator: "\n").first { $0.contains(",c000941,") }
    #expect(line.map { $0.contains("inauthentic-audience") } ?? true)
  }
}
