import Foundation
import Testing

@Suite("End to end: similar")
struct SimilarEndToEndTests {
  @Test("similar lists lookalikes without the seeds, contributions adding up to the similarity")
  func json() throws {
    let result = try CLI.run([
      "similar", "--creators", "datasets/creators.csv", "--like", "c000941,c000095",
      "--format", "json", "--top", "10",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(root["seeds"] as? [String] == ["c000941", "c000095"])
    #expect(root["compared"] as? Int == 1_998)
    let creators = try #require(root["creators"] as? [[String: Any]])
    #expect(creators.count == 10)
    #expect(!creators.contains { ["c000941", "c000095"].contains($0["id"] as? String ?? "") })
    var previous = Double.infinity
    for creator in creators {
      let similarity = try #require(creator["similarity"] as? Double)
      #expect(similarity <= previous)
      previous = similarity
      let components = try #require(creator["components"] as? [String: Any])
      let sum = components.values.compactMap { ($0 as? [String: Any])?["contribution"] as? Double }
        .reduce(0, +)
      // Each figure is rounded to 4 decimals.
      #expect(abs(sum - similarity) < 0.0003)
    }
  }

  @Test("a brief's constraints narrow the candidates; unknown seeds are an error")
  func briefAndErrors() throws {
    let table = try CLI.run([
      "similar", "--creators", "datasets/creators.csv", "--like", "c000941",
      "--brief", "datasets/briefs/ua-fitness.json", "--top", "5",
    ])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.contains("(passing brief"))
    #expect(table.stdout.contains("similarity = 0.44 × niche + 0.44 × audience + 0.13 × size"))
    let unknown = try CLI.run([
      "similar", "--creators", "datasets/creators.csv", "--like", "nobody",
    ])
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("--like: no creator with id \"nobody\""))
    let usage = try CLI.run(["similar", "--creators", "datasets/creators.csv", "--like", ","])
    #expect(usage.status == 64)
  }
}
