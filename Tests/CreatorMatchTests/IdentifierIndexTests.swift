import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO
@testable import CreatorMatchSupport

@Suite("Duplicate-id index")
struct IdentifierIndexTests {
  func creator(_ id: String) -> Creator { Creator(id: id, platform: .instagram, followers: 100) }

  @Test("a repeated id returns the line of its first row, across many growths")
  func repeatsAcrossGrowth() {
    var index = IdentifierIndex(capacity: 1)
    var kept: [Creator] = []
    for number in 0..<5_000 {
      let id = "c\(number)"
      #expect(
        index.firstLine(of: id, hash: StableHash.hash(id), line: number + 2, among: kept) == nil)
      kept.append(creator(id))
    }
    #expect(index.count == 5_000)
    for number in stride(from: 0, to: 5_000, by: 499) {
      let id = "c\(number)"
      #expect(
        index.firstLine(of: id, hash: StableHash.hash(id), line: 9_999, among: kept) == number + 2)
    }
    #expect(index.count == 5_000)
  }

  @Test("reserving room midway keeps every id found, and an id's first slot is occupied")
  func reserveMidway() {
    var index = IdentifierIndex(capacity: 1)
    var kept: [Creator] = []
    for number in 0..<3_000 {
      if number == 1_000 { index.reserve(3_000) }
      let id = "c\(number)"
      #expect(
        index.firstLine(of: id, hash: StableHash.hash(id), line: number + 2, among: kept) == nil)
      kept.append(creator(id))
    }
    for number in stride(from: 0, to: 3_000, by: 97) {
      let id = "c\(number)"
      #expect(index.touch(StableHash.hash(id)) != 0)
      #expect(
        index.firstLine(of: id, hash: StableHash.hash(id), line: 9_999, among: kept) == number + 2)
    }
    #expect(index.count == 3_000)
  }

  @Test("different ids that share a hash are both kept and each found again")
  func hashCollision() {
    var index = IdentifierIndex()
    var kept: [Creator] = []
    #expect(index.firstLine(of: "a", hash: 42, line: 2, among: kept) == nil)
    kept.append(creator("a"))
    #expect(index.firstLine(of: "b", hash: 42, line: 3, among: kept) == nil)
    kept.append(creator("b"))
    #expect(index.firstLine(of: "b", hash: 42, line: 4, among: kept) == 3)
    #expect(index.firstLine(of: "a", hash: 42, line: 5, among: kept) == 2)
    #expect(index.count == 2)
  }
}
