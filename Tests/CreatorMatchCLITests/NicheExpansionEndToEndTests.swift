import Foundation
import Testing

/// `rank --expand`: the niche query expanded from the table, noted in the explanation (text and
/// JSON), switched off, refused with a bad value, and the same from a prepared snapshot.
@Suite("End to end: rank --expand", .serialized)
struct NicheExpansionEndToEndTests {
  static let creators = "datasets/creators.csv"
  static let brief = "datasets/briefs/pl-skincare.json"

  @Test("rank --expand on --explain notes the added terms and weights, as text and JSON")
  func explain() throws {
    for (format, name) in [
      ("table", "rank-expand-pl-skincare-table"), ("json", "rank-expand-pl-skincare-json"),
    ] {
      let result = try CLI.run([
        "rank", "--creators", Self.creators, "--brief", Self.brief, "--top", "3", "--explain",
        "--expand", "on", "--format", format,
      ])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("niche expanded with: "))
      try assertSnapshot(result.stdout, named: name)
    }
  }

  @Test("--expand off is the brief as written; another value is a usage error")
  func offAndBadValue() throws {
    let plain = try CLI.run(["rank", "--creators", Self.creators, "--brief", Self.brief])
    let off = try CLI.run([
      "rank", "--creators", Self.creators, "--brief", Self.brief, "--expand", "off",
    ])
    #expect(off.status == 0)
    #expect(off.stdout == plain.stdout)
    #expect(!off.stdout.contains("expanded"))
    let bad = try CLI.run([
      "rank", "--creators", Self.creators, "--brief", Self.brief, "--expand", "maybe",
    ])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--expand"))
  }

  @Test("a prepared snapshot gives the same bytes with --expand on")
  func snapshot() throws {
    let path = CLI.temporaryPath("creators.csv")
    let prepared = try CLI.run(["prepare", "--creators", Self.creators, "--out", path])
    #expect(prepared.status == 0, "\(prepared.stderr)")
    for format in ["table", "json"] {
      let arguments = ["--brief", Self.brief, "--explain", "--expand", "on", "--format", format]
      let fromCSV = try CLI.run(["rank", "--creators", Self.creators] + arguments)
      let fromSnapshot = try CLI.run(["rank", "--creators", path] + arguments)
      #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
      #expect(fromSnapshot.stdout == fromCSV.stdout)
    }
  }
}
