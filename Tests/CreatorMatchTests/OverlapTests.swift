import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO
@testable import CreatorMatchSupport

@Suite("Audience sketches")
struct SketchTests {
  static func hashes(_ range: Range<Int>, prefix: String = "f") -> [UInt64] {
    range.map { FollowerHash.hash("\(prefix)\($0)") }
  }

  @Test(
    "HyperLogLog estimates cardinality within 3 standard errors across the range",
    arguments: [1, 10, 100, 1_000, 10_000, 40_000, 100_000, 1_000_000])
  func hyperLogLogAccuracy(count: Int) {
    var hll = HyperLogLog()
    for hash in Self.hashes(0..<count) { hll.insert(hash) }
    hll.checkInvariants()
    let error = abs(hll.cardinality / Double(count) - 1)
    #expect(
      error <= 3 * max(HyperLogLog.relativeError(atCardinality: Double(count)), 0.001),
      "error \(error)")
  }

  @Test("merging sketches gives the sketch of the union")
  func hyperLogLogMerge() {
    var a = HyperLogLog()
    var b = HyperLogLog()
    var both = HyperLogLog()
    for hash in Self.hashes(0..<30_000) {
      a.insert(hash)
      both.insert(hash)
    }
    for hash in Self.hashes(20_000..<50_000) {
      b.insert(hash)
      both.insert(hash)
    }
    #expect(a.union(b) == both)
    #expect(HyperLogLog().cardinality == 0)
  }

  @Test("MinHash estimates Jaccard within 4 standard errors", arguments: [0.05, 0.2, 0.5, 0.9])
  func minHashAccuracy(jaccard: Double) {
    // |A ∩ B| = J·|A ∪ B| with |A ∪ B| = 20,000.
    let shared = Int(jaccard * 20_000)
    let onlyA = (20_000 - shared) / 2
    var a = MinHash()
    var b = MinHash()
    for hash in Self.hashes(0..<shared) {
      a.insert(hash)
      b.insert(hash)
    }
    for hash in Self.hashes(shared..<(shared + onlyA)) { a.insert(hash) }
    for hash in Self.hashes((shared + onlyA)..<20_000) { b.insert(hash) }
    let estimate = a.densified().jaccard(b.densified())
    let standardError = (jaccard * (1 - jaccard) / 256).squareRoot()
    #expect(abs(estimate - jaccard) <= 4 * standardError, "estimate \(estimate)")
  }

  @Test("small sets are exact below the threshold; overlaps between exact sets are exact")
  func exactSets() throws {
    var builder = AudienceSketchBuilder(exactThreshold: 100)
    for hash in Self.hashes(0..<80) { builder.add(hash, creatorID: "a") }
    for hash in Self.hashes(40..<100) { builder.add(hash, creatorID: "b") }
    for hash in Self.hashes(0..<80) { builder.add(hash, creatorID: "a") }  // duplicates
    for hash in Self.hashes(0..<5_000) { builder.add(hash, creatorID: "big") }
    let set = SketchSet(sketches: builder.finish(), exactThreshold: 100)
    let pair = try #require(set.overlap("a", "b"))
    #expect(pair.exact)
    #expect(pair.sharedFollowers == 40)
    #expect(pair.jaccard == 40.0 / 100)
    #expect(pair.shareOfSmaller == 40.0 / 60)
    #expect(set.unionReach(["a", "b"]) == 100)
    #expect(set.sketches.first { $0.creatorID == "big" }?.isExact == false)
    #expect(set.sketches.first { $0.creatorID == "a" }?.edges == 160)
  }

  @Test("a sketch header claiming more creators than the file can hold is rejected up front")
  func sketchCountBoundedByFileSize() throws {
    var builder = AudienceSketchBuilder(exactThreshold: 50)
    for hash in Self.hashes(0..<10) { builder.add(hash, creatorID: "a") }
    let set = SketchSet(sketches: builder.finish(), sampleRate: 1, exactThreshold: 50)
    var bytes = SketchFile.encode(set)
    // The creator count is the little-endian u32 after the 8-byte magic, the version (4),
    // precision (1), a pad byte (1), the bin count (2), the threshold (4) and the rate (8).
    for index in 28..<32 { bytes[index] = 0xFF }
    let fitting = (bytes.count - 8 - 32) / 17
    #expect {
      _ = try SketchFile.decode(bytes, path: "s.cms")
    } throws: { error in
      "\(error)".contains("claims 4294967295 creators")
        && "\(error)".contains("hold at most \(fitting)")
    }
  }

  @Test("a sketch file round-trips, and corrupt or truncated files are rejected by name")
  func fileFormat() throws {
    var builder = AudienceSketchBuilder(exactThreshold: 50)
    for hash in Self.hashes(0..<40) { builder.add(hash, creatorID: "small") }
    for hash in Self.hashes(0..<900) { builder.add(hash, creatorID: "large") }
    let set = SketchSet(sketches: builder.finish(), sampleRate: 0.5, exactThreshold: 50)
    let bytes = SketchFile.encode(set)
    let decoded = try SketchFile.decode(bytes, path: "s.cms")
    #expect(decoded.sketches == set.sketches)
    #expect(decoded.sampleRate == 0.5)
    #expect(decoded.exactThreshold == 50)

    func rejection(_ damaged: [UInt8]) -> String? {
      do {
        _ = try SketchFile.decode(damaged, path: "s.cms")
        return nil
      } catch {
        #expect(error.description.hasPrefix("s.cms: "))
        return error.reason
      }
    }
    var flipped = bytes
    flipped[200] ^= 0x40
    #expect(rejection(flipped)?.contains("corrupt") == true)
    #expect(rejection(Array(bytes.prefix(bytes.count - 100)))?.isEmpty == false)
    #expect(rejection(Array(bytes.prefix(30)))?.contains("truncated") == true)
    #expect(
      rejection(Array("hello world, not a sketch".utf8))?.contains("not a CreatorMatch sketch")
        == true)
    var otherVersion = bytes
    otherVersion[8] = 9
    #expect(rejection(otherVersion)?.contains("version 9") == true)
  }

  @Test("edge files stream into sketches, with bad lines counted")
  func edgeFile() throws {
    var text = "creator_id\tfollower_id\n# sample-rate 0.5\n"
    for follower in 0..<300 { text += "a\tu\(follower)\n" }
    for follower in 200..<400 { text += "b\tu\(follower)\r\n" }
    text += "broken line\n"
    let path = try Fixtures.file("edges.tsv", text)
    var builder = AudienceSketchBuilder(exactThreshold: 1_000)
    let report = try FollowerEdgeReader.read(path: path, into: &builder)
    #expect(report.edges == 500)
    #expect(report.badLines == 1)
    #expect(report.firstProblems.first?.line == 503)
    #expect(report.sampleRate == 0.5)
    let set = SketchSet(sketches: builder.finish(), sampleRate: report.sampleRate ?? 1)
    #expect(set.overlap("a", "b")?.sharedFollowers == 200)
    #expect(set.audience(of: "a") == 600)
  }
}

/// The real follower graphs: the 50 accounts with the most followers in each are the creators.
@Suite("Sketch accuracy on the real Twitter follower graphs", .enabled(if: Fixtures.hasRealData))
struct RealGraphSketchTests {
  static let graphs = ["bofa_careers.json", "hersheycareers.json", "verizoncareers.json"]

  /// Exact follower sets computed independently of the sketch code: plain Swift sets of ids.
  static func exactFollowers(_ name: String) throws -> [String: Set<Int>] {
    let url = URL(fileURLWithPath: Fixtures.realData("twitter_follower_graphs/\(name)"))
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    let edges = try #require((object as? [String: Any])?["edges"] as? [[Int]])
    var followers: [String: Set<Int>] = [:]
    for edge in edges { followers[String(edge[0]), default: []].insert(edge[1]) }
    return followers
  }

  static func topCreators(_ followers: [String: Set<Int>]) -> [String] {
    Array(
      followers.keys.sorted {
        let (a, b) = (followers[$0]?.count ?? 0, followers[$1]?.count ?? 0)
        return a != b ? a > b : $0 < $1
      }.prefix(50))
  }

  /// Sketches only (threshold 0), so the estimators themselves are measured.
  static func sketches(_ name: String) throws -> SketchSet {
    var builder = AudienceSketchBuilder(exactThreshold: 0)
    _ = try FollowerEdgeReader.read(
      path: Fixtures.realData("twitter_follower_graphs/\(name)"), format: .graphJSON, into: &builder
    )
    return SketchSet(sketches: builder.finish(), exactThreshold: 0)
  }

  @Test("HyperLogLog unions are within 2% of exact", arguments: graphs)
  func unions(name: String) throws {
    let exact = try Self.exactFollowers(name)
    let creators = Self.topCreators(exact)
    let set = try Self.sketches(name)
    var random = SeededRandom(seed: 1)
    var worst = 0.0
    var groups = [creators] + creators.indices.dropFirst().map { [creators[0], creators[$0]] }
    for size in [3, 5, 10, 25] {
      for _ in 0..<25 { groups.append(Array(creators.shuffled(using: &random).prefix(size))) }
    }
    for group in groups {
      let truth = Double(group.reduce(into: Set<Int>()) { $0.formUnion(exact[$1] ?? []) }.count)
      let error = abs(set.unionReach(group) / truth - 1)
      worst = max(worst, error)
      #expect(error < 0.02, "\(name) union of \(group.count): \(error)")
    }
    print("\(name): worst HyperLogLog union error \(worst) over \(groups.count) unions")
  }

  @Test(
    "Jaccard estimates are within 0.03 of exact for every pair with J ≥ 0.05", arguments: graphs)
  func jaccard(name: String) throws {
    let exact = try Self.exactFollowers(name)
    let creators = Self.topCreators(exact)
    let set = try Self.sketches(name)
    var worstCombined = 0.0
    var worstMinHash = 0.0
    var squaredMinHash = 0.0
    var pairs = 0
    for (i, a) in creators.enumerated() {
      for b in creators[(i + 1)...] {
        let left = exact[a] ?? []
        let right = exact[b] ?? []
        let truth = Double(left.intersection(right).count) / Double(left.union(right).count)
        guard truth >= 0.05 else { continue }
        let estimate = try #require(set.overlap(a, b))
        pairs += 1
        worstCombined = max(worstCombined, abs(estimate.jaccard - truth))
        let minHashError = abs(estimate.minHashJaccard - truth)
        worstMinHash = max(worstMinHash, minHashError)
        squaredMinHash += minHashError * minHashError
        #expect(abs(estimate.jaccard - truth) <= 0.03, "\(a)-\(b): \(estimate.jaccard) vs \(truth)")
        // MinHash alone: within 4 of its standard errors √(J(1 − J)/256).
        #expect(minHashError <= 4 * (truth * (1 - truth) / 256).squareRoot() + 1e-9)
      }
    }
    print(
      "\(name): \(pairs) pairs with J ≥ 0.05; worst combined error \(worstCombined); MinHash alone worst \(worstMinHash), RMSE \((squaredMinHash / Double(pairs)).squareRoot())"
    )
  }
}

@Suite("Budgeted shortlist")
struct ShortlistTests {
  /// A sketch set of exact audiences given as integer follower ids.
  static func set(_ audiences: [String: [Int]]) -> SketchSet {
    var builder = AudienceSketchBuilder(exactThreshold: 1_000_000)
    for id in audiences.keys.sorted() {
      for follower in audiences[id] ?? [] {
        builder.add(FollowerHash.hash("u\(follower)"), creatorID: id)
      }
    }
    return SketchSet(sketches: builder.finish(), exactThreshold: 1_000_000)
  }

  static func candidate(_ id: String, cost: Double, score: Double = 50) -> Shortlist.Candidate {
    Shortlist.Candidate(id: id, score: score, cost: cost, followers: 0)
  }

  @Test("greedy avoids paying twice for the same audience (hand-checked optimum)")
  func avoidsDuplicates() {
    // b is a subset of a; c is disjoint. Budget 10: {b, c} reaches 14, {a} only 10.
    let set = Self.set(["a": Array(1...10), "b": Array(1...9), "c": Array(11...15)])
    let result = Shortlist.select(
      [
        Self.candidate("a", cost: 10, score: 90), Self.candidate("b", cost: 5),
        Self.candidate("c", cost: 5),
      ],
      budget: 10, sketches: set)
    #expect(result.selection.picks.map(\.candidate.id) == ["b", "c"])
    #expect(result.selection.uniqueReach == 14)
    #expect(result.selection.picks.map(\.marginalReach) == [9, 5])
    #expect(result.baseline.picks.map(\.candidate.id) == ["a"])
    #expect(result.baseline.uniqueReach == 10)
  }

  @Test("the best single creator wins when the greedy ratio order strands the budget")
  func bestSingle() {
    let set = Self.set(["big": Array(1...100), "tiny": [1000, 1001]])
    let result = Shortlist.select(
      [Self.candidate("big", cost: 100), Self.candidate("tiny", cost: 1)], budget: 100,
      sketches: set)
    #expect(result.method == .bestSingle)
    #expect(result.selection.uniqueReach == 100)
  }

  @Test("on random instances the shortlist reaches at least ½(1 − 1/e) of the brute-force optimum")
  func approximationBound() {
    var random = SeededRandom(seed: 77)
    var worst = 1.0
    var optimalCases = 0
    for _ in 0..<60 {
      let count = 4 + Int(random.next() % 12)
      var audiences: [String: [Int]] = [:]
      var candidates: [Shortlist.Candidate] = []
      for index in 0..<count {
        let size = 5 + Int(random.next() % 60)
        let start = Int(random.next() % 120)
        audiences["c\(index)"] = (0..<size).map { _ in start + Int(random.next() % 80) }
        candidates.append(Self.candidate("c\(index)", cost: Double(1 + random.next() % 20)))
      }
      let set = Self.set(audiences)
      let budget = Double(10 + random.next() % 40)
      let result = Shortlist.select(candidates, budget: budget, sketches: set)
      #expect(result.selection.cost <= budget)
      // Brute force over every subset.
      var best = 0.0
      for mask in 0..<(1 << count) {
        var cost = 0.0
        var ids: [String] = []
        for index in 0..<count where mask & (1 << index) != 0 {
          cost += candidates[index].cost
          ids.append(candidates[index].id)
        }
        if cost <= budget { best = max(best, set.unionReach(ids)) }
      }
      let ratio = best > 0 ? result.selection.uniqueReach / best : 1
      worst = min(worst, ratio)
      if ratio == 1 { optimalCases += 1 }
      #expect(ratio >= 0.5 * (1 - exp(-1.0)) - 1e-12)
      #expect(result.selection.uniqueReach <= best + 1e-9)
    }
    print(
      "shortlist vs brute force on 60 instances: worst ratio \(worst), optimal in \(optimalCases)")
  }

  @Test("a knapsack cost too large for an Int is left out instead of trapping")
  func knapsackHugeCost() {
    let candidates = [
      Self.candidate("a", cost: 60, score: 70), Self.candidate("huge", cost: 1e300, score: 99),
      Self.candidate("inf", cost: .infinity, score: 99),
    ]
    let result = Shortlist.select(candidates, budget: 100, sketches: nil)
    #expect(result.selection.picks.map(\.candidate.id) == ["a"])
  }

  @Test("without follower data the shortlist is an exact knapsack on score")
  func knapsack() {
    let candidates = [
      Self.candidate("a", cost: 60, score: 70), Self.candidate("b", cost: 50, score: 50),
      Self.candidate("c", cost: 50, score: 45), Self.candidate("d", cost: 120, score: 99),
    ]
    let result = Shortlist.select(candidates, budget: 100, sketches: nil)
    #expect(result.method == .knapsack)
    #expect(!result.overlapKnown)
    #expect(Set(result.selection.picks.map(\.candidate.id)) == ["b", "c"])
  }
}

@Suite("Shortlist's top-by-score comparison")
struct ShortlistBaselineCostTests {
  @Test("its cost is the sum of the prices at any budget, not budget minus remainder")
  func costAtHugeBudgets() {
    let candidates = [
      Shortlist.Candidate(id: "a", score: 90, cost: 120, followers: 1_000),
      Shortlist.Candidate(id: "b", score: 80, cost: 35.5, followers: 2_000),
    ]
    for budget in [200.0, 1e6, 1e18, 1e300] {
      let selection = Shortlist.topByScore(candidates, budget: budget, sketches: nil)
      #expect(selection.cost == 155.5, "budget \(budget)")
      #expect(selection.picks.map(\.candidate.id) == ["a", "b"])
    }
    // 150 left after "a": "b" fits, a third at 100 would not.
    let tight = Shortlist.topByScore(
      candidates + [Shortlist.Candidate(id: "c", score: 70, cost: 100, followers: 10)],
      budget: 200, sketches: nil)
    #expect(tight.cost == 155.5)
    #expect(tight.picks.map(\.candidate.id) == ["a", "b"])
  }
}
