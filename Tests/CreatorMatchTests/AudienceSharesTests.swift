import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO
@testable import CreatorMatchSupport

/// The audience priors' counting structures must give exactly the sums and ids of the plain
/// definitions: `values.sorted().reduce(0, +)`, and ids in order of first appearance.
@Suite("Audience shares")
struct AudienceSharesTests {
  /// The plain definition of a sorted sum.
  static func reference(_ values: [Double]) -> Double {
    values.sorted(by: { DoubleSort.key($0) < DoubleSort.key($1) }).reduce(0, +)
  }

  @Test("every decimal with up to three places in 0–1 is counted by its thousandth, nothing else")
  func thousandths() {
    for index in 0...1_000 {
      #expect(SortedSum.thousandth(Double(index) / 1_000) == index)
      #expect(SortedSum.thousandthValue(index) == Double(index) / 1_000)
    }
    // As the CSV reader parses them: "0.63" is 63/100, the same double as 630/1000.
    for (text, index) in [("0.63", 630), ("0.1", 100), ("0.234", 234), ("1", 1_000), ("0", 0)] {
      guard case .value(let value, _) = HumanNumber.parse(text) else {
        Issue.record("\(text) did not parse")
        continue
      }
      #expect(SortedSum.thousandth(value) == index, "\(text)")
    }
    for other in [
      -0.0, .nan, -.nan, .infinity, -.infinity, -0.001, 1.001, 0.0001, 0.1234, 0.9995, 1e-300,
      .leastNonzeroMagnitude, 0.5.nextUp, 0.5.nextDown, 2, 1_000,
    ] {
      #expect(SortedSum.thousandth(other) == nil, "\(other)")
    }
  }

  @Test("a sorted sum equals the sum in ascending order, however the values are split and merged")
  func sortedSums() {
    var random = SeededRandom(seed: 18)
    for round in 0..<40 {
      // Mostly shares with two or three decimals, some with more, and awkward values; past
      // `maximumDistinct` distinct values in some rounds, so the kept-whole path is taken too.
      let many = round % 8 == 7
      let count = many ? 12_000 : Int(random.next() % 3_000)
      var values: [Double] = []
      for _ in 0..<count {
        switch random.next() % 10 {
        case 0: values.append(random.nextUnit())
        case 1:
          values.append(
            [-0.0, 0, 1, -0.25, 3.5, 1e-9, 0.1234, 1.001, 0.5.nextUp][Int(random.next() % 9)])
        case 2: values.append(Double(random.next() % 101) / 100)
        default: values.append(Double(random.next() % 1_001) / 1_000)
        }
      }
      if many { values += (0..<6_000).map { _ in random.nextUnit() } }
      values.shuffle(using: &random)
      var whole = SortedSum()
      for value in values { whole.add(value) }
      #expect(whole.count == values.count)
      #expect(whole.sum().bitPattern == Self.reference(values).bitPattern, "round \(round)")
      // Split into blocks, merged in a shuffled order.
      var blocks: [SortedSum] = []
      var start = 0
      while start < values.count {
        let end = min(values.count, start + 1 + Int(random.next() % 700))
        var block = SortedSum()
        for value in values[start..<end] { block.add(value) }
        blocks.append(block)
        start = end
      }
      blocks.shuffle(using: &random)
      var merged = SortedSum()
      for block in blocks { merged.merge(block) }
      #expect(merged.count == values.count)
      #expect(merged.sum().bitPattern == Self.reference(values).bitPattern, "round \(round)")
    }
  }

  @Test("a rare key's sum keeps no 4 KB count array; a frequent one's does, with the same sum")
  func rareKeysStaySmall() {
    var values: [Double] = []
    var sum = SortedSum()
    for index in 0..<(SortedSum.countedAfter - 1) {
      let value = Double(index % 1_001) / 1_000
      values.append(value)
      sum.add(value)
    }
    #expect(!sum.countsThousandths)
    for index in 0..<10 {
      let value = Double(index * 97 % 1_001) / 1_000
      values.append(value)
      sum.add(value)
    }
    #expect(sum.countsThousandths)
    #expect(sum.sum().bitPattern == Self.reference(values).bitPattern)
  }

  @Test("a thousandth's count past UInt32 goes to the table, and the count stays exact")
  func countOverflow() {
    var sum = SortedSum()
    let near = Int(UInt32.max) - 1
    sum.add(0.5, times: near)
    sum.add(0.5, times: 3)
    sum.add(0.25, times: Int(UInt32.max) + 5)
    #expect(sum.count == near + 3 + Int(UInt32.max) + 5)
    var merged = SortedSum()
    merged.add(0.5, times: 2)
    merged.merge(sum)
    #expect(merged.count == sum.count + 2)
  }

  @Test("share keys pack a key's bytes and length, and equal keys get one id")
  func shareKeys() {
    func reference(_ key: String) -> UInt128? {
      let bytes = Array(key.utf8)
      guard bytes.count <= 15 else { return nil }
      var code = UInt128(bytes.count + 1) << 120
      for (index, byte) in bytes.enumerated() { code |= UInt128(byte) << (8 * index) }
      return code
    }
    var random = SeededRandom(seed: 5)
    let alphabet = Array("abzAZ09-_:é€😀".unicodeScalars)
    var keys = ["", "PL", "pl", "a", "skincare", "fifteen-bytes!!", "sixteen-bytes!!!", "żółć"]
    for _ in 0..<500 {
      let length = Int(random.next() % 18)
      keys.append(
        String(
          String.UnicodeScalarView((0..<length).map { _ in alphabet[Int(random.next() % 13)] })))
    }
    for key in keys { #expect(ShareKeys.pack(key) == reference(key), "\(key)") }
    // Ids in order of first appearance; the same key as a small or a heap string is one key.
    var ids = ShareKeys()
    var expected: [String: Int] = [:]
    for key in keys + keys.reversed() {
      var heap = ""
      heap.reserveCapacity(64)
      heap += key
      let id = ids.id(of: random.chance(0.5) ? key : heap)
      if let known = expected[key] {
        #expect(id == known, "\(key)")
      } else {
        #expect(id == expected.count, "\(key)")
        expected[key] = id
      }
    }
    #expect(ids.keys.count == expected.count)
  }
}
