import Testing

@testable import CreatorMatch

@Suite("Reach union: followers covered by a growing set of creators")
struct ReachUnionTests {
  /// a = {1, 2, 3, 4}, b = {3, 4, 5}, c = {6}, d = {1, 2} (inside a); |a ∪ b ∪ c ∪ d| = 6.
  static let exactSet = SketchSet(sketches: [
    AudienceSketch(creatorID: "a", storage: .exact([1, 2, 3, 4]), edges: 4),
    AudienceSketch(creatorID: "b", storage: .exact([3, 4, 5]), edges: 3),
    AudienceSketch(creatorID: "c", storage: .exact([6]), edges: 1),
    AudienceSketch(creatorID: "d", storage: .exact([1, 2]), edges: 2),
  ])

  @Test("exact sets: the gain is the number of followers not yet covered, the reach the union")
  func exactSteps() {
    var union = ReachUnion(set: Self.exactSet, exact: true)
    #expect(union.reach == 0)
    #expect(union.gain(position: 0, fallback: 0) == 4)
    union.add(position: 0, fallback: 0)
    #expect(union.reach == 4)
    #expect(union.gain(position: 0, fallback: 0) == 0)
    #expect(union.gain(position: 1, fallback: 0) == 1)  // only 5 is new
    #expect(union.gain(position: 3, fallback: 0) == 0)  // d lies inside a
    #expect(union.gain(position: 2, fallback: 0) == 1)
    union.add(position: 1, fallback: 0)
    #expect(union.reach == 5)
    union.add(position: 3, fallback: 0)
    #expect(union.reach == 5)
    union.add(position: 2, fallback: 0)
    #expect(union.reach == 6)
  }

  @Test(
    "exact sets: the reach after adding everyone is 6 whatever the order, and the gains sum to it",
    arguments: [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1], [3, 1, 2, 0]])
  func exactOrder(order: [Int]) {
    var union = ReachUnion(set: Self.exactSet, exact: true)
    var gained = 0.0
    for position in order {
      gained += union.gain(position: position, fallback: 0)
      union.add(position: position, fallback: 0)
    }
    #expect(union.reach == 6)
    #expect(gained == 6)
  }

  @Test("an audience without a sketch adds its fallback size, disjoint from everyone")
  func fallback() {
    var union = ReachUnion(set: Self.exactSet, exact: true)
    #expect(union.gain(position: nil, fallback: 7) == 7)
    union.add(position: nil, fallback: 10)
    #expect(union.reach == 10)
    union.add(position: 0, fallback: 0)
    #expect(union.reach == 14)
    #expect(union.gain(position: nil, fallback: 7) == 7)
    union.add(position: nil, fallback: 10)  // the same size twice is counted twice
    #expect(union.reach == 24)
  }

  @Test("the reach stays in sampled units; the set's union reach scales by 1 / sample rate")
  func sampledUnits() {
    let sampled = SketchSet(sketches: Self.exactSet.sketches, sampleRate: 0.01)
    var union = ReachUnion(set: sampled, exact: true)
    union.add(position: 0, fallback: 0)
    union.add(position: 1, fallback: 0)
    #expect(union.reach == 5)
    #expect(sampled.unionReach(["a", "b"]) == 500)
  }

  /// A hash that lands in HyperLogLog register `register` with rank 1.
  static func registerHash(_ register: Int) -> UInt64 {
    UInt64(register) << UInt64(HyperLogLog.rankBits) | 1 << UInt64(HyperLogLog.rankBits - 1)
  }

  static func sketched(_ id: String, registers: [Int]) -> AudienceSketch {
    var hll = HyperLogLog()
    var minHash = MinHash()
    for register in registers {
      hll.insert(registerHash(register))
      minHash.insert(registerHash(register))
    }
    return AudienceSketch(
      creatorID: id, storage: .sketch(hll, minHash), edges: UInt64(registers.count))
  }

  /// p fills registers {0, 1, 2}, q {2, 3}, r {1} (inside p): |p ∪ q ∪ r| = 4 followers, one per
  /// register. With 4 of 16,384 registers set the estimate is linear counting,
  /// m·ln(m / (m − 4)) ≈ 4.0005.
  static let sketchSet = SketchSet(sketches: [
    sketched("p", registers: [0, 1, 2]), sketched("q", registers: [2, 3]),
    sketched("r", registers: [1]),
  ])

  @Test("sketches: the gain is the change of the HyperLogLog union estimate (hand-counted sets)")
  func sketchSteps() {
    var union = ReachUnion(set: Self.sketchSet, exact: false)
    #expect(union.reach == 0)
    #expect(abs(union.gain(position: 0, fallback: 0) - 3) < 0.01)
    union.add(position: 0, fallback: 0)
    #expect(abs(union.reach - 3) < 0.01)
    #expect(abs(union.gain(position: 1, fallback: 0) - 1) < 0.01)  // only register 3 is new
    #expect(union.gain(position: 2, fallback: 0) == 0)  // r's register is already at its rank
    #expect(union.gain(position: 0, fallback: 0) == 0)
    union.add(position: 1, fallback: 0)
    #expect(abs(union.reach - 4) < 0.01)
    union.add(position: 2, fallback: 0)
    #expect(abs(union.reach - 4) < 0.01)
    #expect(union.reach == Self.sketchSet.unionReach(["p", "q", "r"]))
  }

  @Test("sketches: 2,000 and 2,000 followers sharing 500 reach about 3,500 (within 3%)")
  func sketchLarge() {
    func hashes(_ range: Range<Int>) -> [UInt64] { range.map { FollowerHash.hash("f\($0)") } }
    func sketch(_ id: String, _ range: Range<Int>) -> AudienceSketch {
      var hll = HyperLogLog()
      var minHash = MinHash()
      for hash in hashes(range) {
        hll.insert(hash)
        minHash.insert(hash)
      }
      return AudienceSketch(creatorID: id, storage: .sketch(hll, minHash), edges: 2_000)
    }
    let set = SketchSet(sketches: [sketch("a", 0..<2_000), sketch("b", 1_500..<3_500)])
    var union = ReachUnion(set: set, exact: false)
    union.add(position: 0, fallback: 0)
    let gain = union.gain(position: 1, fallback: 0)
    union.add(position: 1, fallback: 0)
    #expect(abs(union.reach / 3_500 - 1) < 0.03, "reach \(union.reach)")
    #expect(abs(gain / 1_500 - 1) < 0.1, "gain \(gain)")
    #expect(abs(union.reach - set.unionReach(["a", "b"])) < 1e-6)
  }
}
