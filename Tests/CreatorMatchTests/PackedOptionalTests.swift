import Testing

@testable import CreatorMatch

/// The optional numbers of the model are stored in 8 bytes; they must read back exactly and
/// compare as `Double?` does.
@Suite("Optional numbers stored in 8 bytes")
struct PackedOptionalTests {
  static let values: [Double?] = [
    nil, 0, -0.0, 1, -1, 0.34, 12_345.678, .infinity, -.infinity, .nan,
    .leastNonzeroMagnitude, .greatestFiniteMagnitude, Double(bitPattern: 0x7FF0_0000_0000_0002),
  ]

  @Test("every value reads back bit for bit, and nil reads back as nil")
  func roundTrip() {
    for value in Self.values {
      let read = PackedOptional(value).value
      #expect(read?.bitPattern == value?.bitPattern, "\(String(describing: value))")
    }
  }

  @Test("equality is Double?'s equality")
  func equality() {
    for left in Self.values {
      for right in Self.values {
        #expect(
          (PackedOptional(left) == PackedOptional(right)) == (left == right),
          "\(String(describing: left)) vs \(String(describing: right))")
      }
    }
  }

  @Test("a creator's optional numbers are set, read and cleared through the public properties")
  func creatorFields() {
    var creator = Creator(id: "a", platform: .instagram, followers: 1_000)
    #expect(creator.following == nil && creator.engagement.likes == nil)
    creator.following = 12
    creator.engagement.likes = 40.5
    creator.engagement.likes? += 1
    creator.audience.femaleShare = 0.62
    creator.perPostLogRateVariance = 0.25
    #expect(creator.following == 12)
    #expect(creator.engagement.likes == 41.5)
    #expect(creator.audience.femaleShare == 0.62)
    #expect(creator.perPostLogRateVariance == 0.25)
    var other = creator
    #expect(other == creator)
    other.engagement.likes = nil
    #expect(other != creator)
    #expect(other.engagement.perPost == nil)
    #expect(creator.engagement.perPost == 41.5)
  }

  @Test("a creator takes 360 bytes in an array (488 with 16-byte optionals)")
  func creatorSize() {
    #expect(MemoryLayout<Creator>.stride <= 360)
    #expect(MemoryLayout<EngagementStats>.size == 9 * 8)
  }
}
