import CreatorMatch
import Foundation
import Testing

@testable import CreatorMatchCLI

/// `creatormatch niches`: the taxonomy as text and JSON, and its option errors.
@Suite("End to end: niches")
struct NichesCommandTests {
  @Test("niches lists every niche with labels and seeds, and the account-type labels")
  func table() throws {
    let result = try CLI.run(["niches"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.hasPrefix("\(Taxonomy.builtIn.niches.count) niches;"))
    #expect(OutputSnapshotTests.fits80(result.stdout))
    #expect(result.stdout.contains("adult content (excluded unless a brief asks for it)"))
    try assertSnapshot(result.stdout, named: "niches-table")
  }

  @Test("niches --niche shows the one niche an export label maps to")
  func one() throws {
    let result = try CLI.run(["niches", "--niche", "Cinema & Actors/actresses"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("entertainment\n"))
    try assertSnapshot(result.stdout, named: "niches-entertainment")
  }

  @Test("niches --format json has every niche, seeds in every language and the account types")
  func json() throws {
    let result = try CLI.run(["niches", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let niches = try #require(root["niches"] as? [[String: Any]])
    #expect(niches.map { $0["id"] as? String } == Taxonomy.builtIn.niches.map(\.id))
    for niche in niches {
      let seeds = try #require(niche["seeds"] as? [String: [String]])
      #expect(Set(seeds.keys) == Set(Taxonomy.languages))
    }
    #expect(niches.filter { $0["excluded_by_default"] as? Bool == true }.count == 1)
    let types = try #require(root["account_types"] as? [String: Any])
    #expect(types["default"] as? [String] == ["creator", "media"])
    try assertSnapshot(result.stdout, named: "niches-json")
  }

  @Test("an unknown --niche or --format is a usage error with a suggestion")
  func errors() throws {
    let unknown = try CLI.run(["niches", "--niche", "beuty"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("did you mean 'beauty'?"), "\(unknown.stderr)")
    let format = try CLI.run(["niches", "--format", "csv"])
    #expect(format.status == 64)
    #expect(format.stderr.contains("is not one of table, json"), "\(format.stderr)")
  }
}
