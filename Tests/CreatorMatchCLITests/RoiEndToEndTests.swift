import Foundation
import Testing

@Suite("End to end: creatormatch roi", .serialized)
struct RoiEndToEndTests {
  static let base = [
    "roi", "--creators", "datasets/creators.csv", "--brief", "datasets/briefs/de-vegan-food.json",
  ]

  @Test("the same seed prints the same bytes on 1 and on all threads")
  func threadIndependent() throws {
    let one = try CLI.run(
      Self.base + ["--top", "8", "--samples", "20000", "--seed", "5", "--threads", "1"])
    let all = try CLI.run(Self.base + ["--top", "8", "--samples", "20000", "--seed", "5"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout == all.stdout)
    let other = try CLI.run(Self.base + ["--top", "8", "--samples", "20000", "--seed", "6"])
    #expect(other.stdout != one.stdout)
  }

  @Test("the forecast table with its portfolio band matches the snapshot")
  func tableSnapshot() throws {
    let result = try CLI.run(Self.base + ["--top", "5", "--samples", "20000", "--explain"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("portfolio of 5 creators"))
    #expect(result.stdout.contains("funnel of"))
    #expect(result.stdout.contains("brief click_through_rate"))
    try assertSnapshot(result.stdout, named: "roi-de-vegan-food-table")
  }

  @Test("JSON output carries every creator's forecast and the portfolio")
  func json() throws {
    let result = try CLI.run(
      Self.base + ["--ids", "c001775,c000880", "--format", "json", "--samples", "5000"])
    #expect(result.status == 0, "\(result.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect((root["creators"] as? [[String: Any]])?.count == 2)
    let portfolio = try #require(root["portfolio"] as? [String: Any])
    #expect(portfolio["p_roi_positive"] != nil)
  }

  @Test("a brief without economics, or an unknown id, exits 65 with the reason")
  func errors() throws {
    let noEconomics = try CLI.run([
      "roi", "--creators", "datasets/creators.csv", "--brief", "datasets/briefs/ua-fitness.json",
    ])
    #expect(noEconomics.status == 65)
    #expect(noEconomics.stderr.contains("$.economics: the brief has no economics"))
    let unknown = try CLI.run(Self.base + ["--ids", "nobody"])
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("no creator with id \"nobody\""))
    let badFX = try CLI.run(Self.base + ["--fx", "EUR"])
    #expect(badFX.status == 64)
  }
}
