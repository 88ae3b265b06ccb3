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
    for key in keys {
      #expect(ShareKeys.pack(key) == reference(key), "\(key)")
      // The same key in heap storage of its own (the in-place path reads it there).
      var heap = ""
      heap.reserveCapacity(64)
      heap += key
      #expect(ShareKeys.pack(heap) == reference(key), "\(key)")
    }
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

  @Test("the audience priors are the plain means of each dimension's shares, read in place")
  func priorsByDefinition() {
    var random = SeededRandom(seed: 41)
    let countryKeys = ["PL", "DE", "US", "BR", "FR"]
    let languageKeys = ["pl", "de", "en"]
    // Interests short and long (past the 15 bytes a packed key holds), in heap storage too.
    let interestKeys = ["skincare", "beauty", "food", "an-interest-of-many-bytes", "gaming"]
    func distribution(_ keys: [String], estimated: Bool = false) -> Distribution? {
      switch random.next() % 5 {
      case 0: return nil
      case 1: return Distribution(entries: [], sharesEstimated: estimated)
      default:
        let chosen = keys.shuffled(using: &random).prefix(Int(random.next() % 4) + 1)
        return Distribution(
          entries: chosen.map { key in
            var heap = ""
            heap.reserveCapacity(64)
            heap += key
            return .init(
              key: random.chance(0.5) ? key : heap, share: Double(random.next() % 1_001) / 1_000)
          }, sharesEstimated: estimated)
      }
    }
    var creators: [Creator] = []
    for index in 0..<300 {
      var creator = Creator(id: "c\(index)", platform: .instagram, followers: 1_000)
      creator.country = random.chance(0.3) ? countryKeys[Int(random.next() % 5)] : nil
      creator.audience.countries = distribution(countryKeys, estimated: random.chance(0.3))
      creator.audience.languages = distribution(languageKeys)
      creator.audience.interests = distribution(interestKeys)
      creators.append(creator)
    }
    let priors = AudiencePriors.fit(creators)
    /// The mean of each key's shares over the creators that have the dimension, summed as the
    /// priors sum (ascending), over the distributions `pick` gives.
    func means(_ pick: (Creator) -> Distribution?) -> (means: [String: Double], count: Int) {
      var shares: [String: [Double]] = [:]
      var count = 0
      for creator in creators {
        guard let found = pick(creator) else { continue }
        count += 1
        for entry in found.entries { shares[entry.key, default: []].append(entry.share) }
      }
      return (shares.mapValues { Self.reference($0) / Double(max(count, 1)) }, count)
    }
    let full = means {
      $0.audience.countries?.sharesEstimated == false ? $0.audience.countries : nil
    }
    let languages = means { $0.audience.languages }
    let interests = means { $0.audience.interests }
    #expect(priors.countries == full.means)
    #expect(priors.languages == languages.means)
    #expect(priors.interests == interests.means)
    // A top country alone counts once, for a list with an entry; the largest shares average.
    let partial = creators.compactMap { creator -> String? in
      guard creator.audience.countries?.sharesEstimated == true else { return nil }
      return creator.audience.countries?.entries.first?.key
    }
    var tops: [String: Double] = [:]
    for key in partial { tops[key, default: 0] += 1 }
    #expect(priors.topCountries == tops.mapValues { $0 / Double(max(partial.count, 1)) })
    let largest = creators.compactMap { creator -> Double? in
      guard let countries = creator.audience.countries, !countries.sharesEstimated else {
        return nil
      }
      return countries.entries.map(\.share).max() ?? 0
    }
    #expect(priors.topCountryShare == Self.reference(largest) / Double(largest.count))
    #expect(
      priors.counts[2...5] == [full.count, languages.count, interests.count, partial.count][...])
  }

  @Test("canonically equivalent keys written with other bytes are one key of the priors")
  func equivalentKeysAddUp() {
    // "café" precomposed (U+00E9) and decomposed (e + U+0301), short and past 15 bytes.
    let pairs = [("café", "cafe\u{301}"), ("café-and-pastry", "cafe\u{301}-and-pastry")]
    for (composed, decomposed) in pairs {
      var first = Creator(id: "a", platform: .instagram, followers: 1_000)
      first.audience.interests = Distribution(entries: [.init(key: composed, share: 0.4)])
      var second = Creator(id: "b", platform: .instagram, followers: 1_000)
      second.audience.interests = Distribution(entries: [.init(key: decomposed, share: 0.2)])
      let priors = AudiencePriors.fit([first, second])
      // Both creators have interests: (0.4 + 0.2) / 2, whichever spelling is asked for.
      #expect(priors.interests.count == 1)
      #expect(abs((priors.interests[composed] ?? 0) - 0.3) < 1e-12, "\(composed)")
      #expect(abs((priors.interests[decomposed] ?? 0) - 0.3) < 1e-12, "\(composed)")
    }
  }
}
