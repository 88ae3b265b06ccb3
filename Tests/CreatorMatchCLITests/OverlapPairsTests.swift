import CreatorMatch
import CreatorMatchSupport
import Testing

@testable import CreatorMatchCLI

@Suite("overlap's most-overlapping pairs in bounded memory")
struct OverlapPairsTests {
  /// Overlaps with 0…11 shared followers: creator k shares k followers with creator "base".
  static let overlaps: [SketchSet.PairOverlap] = {
    var builder = AudienceSketchBuilder()
    for follower in 0..<12 { builder.add(UInt64(follower), creatorID: "base") }
    for k in 0..<12 {
      for follower in 0..<k { builder.add(UInt64(follower), creatorID: "c\(k)") }
      builder.add(UInt64(1_000 + k), creatorID: "c\(k)")
    }
    let set = SketchSet(sketches: builder.finish())
    return (0..<12).compactMap { set.overlap("base", "c\($0)") }
  }()

  static func pair(shared: Double) -> SketchSet.PairOverlap { overlaps[Int(shared)] }

  @Test(
    "the kept pairs are the top of the full sort, earlier pairs first among equals",
    arguments: [1, 3, 20])
  func topAgreesWithFullSort(limit: Int) {
    var random = SeededRandom(seed: 9)
    let offered = (0..<1_000).map { index in
      ("a\(index)", "b\(index)", Self.pair(shared: Double(random.next() % 12)))
    }
    #expect(Self.overlaps.map(\.sharedFollowers) == (0..<12).map(Double.init))
    var top = OverlapCommand.TopPairs(limit: limit)
    for (a, b, overlap) in offered { top.add(a, b, overlap) }
    let reference = offered.enumerated().sorted {
      $0.element.2.sharedFollowers != $1.element.2.sharedFollowers
        ? $0.element.2.sharedFollowers > $1.element.2.sharedFollowers : $0.offset < $1.offset
    }.prefix(limit).map { $0.element.0 }
    #expect(top.sorted.map(\.0) == reference)
    #expect(top.seen == 1_000)
  }

  @Test("pairs held never pass twice the limit, for 10 or 100,000 pairs offered")
  func heldIsBounded() {
    for count in [10, 100_000] {
      var top = OverlapCommand.TopPairs(limit: 20)
      var most = 0
      for index in 0..<count {
        top.add("a", "b", Self.pair(shared: Double(index % 7)))
        most = max(most, top.held)
      }
      #expect(most <= 40, "\(count) pairs: held up to \(most)")
    }
  }
}
