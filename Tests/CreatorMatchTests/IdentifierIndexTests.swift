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
        index.firstLine(of: id, hash: IdentifierIndex.hash(id), line: number + 2, among: kept)
          == nil)
      kept.append(creator(id))
    }
    #expect(index.count == 5_000)
    for number in stride(from: 0, to: 5_000, by: 499) {
      let id = "c\(number)"
      #expect(
        index.firstLine(of: id, hash: IdentifierIndex.hash(id), line: 9_999, among: kept) == number
          + 2)
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
        index.firstLine(of: id, hash: IdentifierIndex.hash(id), line: number + 2, among: kept)
          == nil)
      kept.append(creator(id))
    }
    for number in stride(from: 0, to: 3_000, by: 97) {
      let id = "c\(number)"
      #expect(index.touch(IdentifierIndex.hash(id)) != 0)
      #expect(
        index.firstLine(of: id, hash: IdentifierIndex.hash(id), line: 9_999, among: kept) == number
          + 2)
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

  @Test("ids whose hashes share the half the table keeps are told apart by the ids themselves")
  func sharedTags() {
    var index = IdentifierIndex(capacity: 1)
    var kept: [Creator] = []
    // 300 hashes with the same high half (the tag and the home slot) and different low halves,
    // and 300 with the same low half: each id is kept, through the growths, and found again.
    let hashes =
      (0..<300).map { 0xABCD_1234_0000_0000 | UInt64($0) }
      + (0..<300).map { UInt64($0) << 32 | 0x0000_0000_5555_5555 }
    for (number, hash) in hashes.enumerated() {
      #expect(index.firstLine(of: "id\(number)", hash: hash, line: number + 2, among: kept) == nil)
      kept.append(creator("id\(number)"))
    }
    #expect(index.count == hashes.count)
    for (number, hash) in hashes.enumerated() {
      #expect(
        index.firstLine(of: "id\(number)", hash: hash, line: 9_999, among: kept) == number + 2)
    }
    // The same id, announced with another hash, is a new id to the index (hashes come from ids).
    #expect(index.firstLine(of: "id0", hash: 0x1111_2222_3333_4444, line: 5, among: kept) == nil)
    #expect(index.count == hashes.count + 1)
  }

  @Test("the lines of kept ids survive an announced creator that was not kept")
  func announcedNotKept() {
    var index = IdentifierIndex()
    var kept: [String] = []
    #expect(index.firstLine(of: "a", hash: 1, line: 2, among: kept) == nil)
    kept.append("a")
    // "b" is announced at index 1 but not kept; "c" then takes index 1.
    #expect(index.firstLine(of: "b", hash: 2, line: 3, among: kept) == nil)
    #expect(index.firstLine(of: "c", hash: 3, line: 4, among: kept) == nil)
    kept.append("c")
    #expect(index.firstLine(of: "a", hash: 1, line: 9, among: kept) == 2)
    #expect(index.firstLine(of: "c", hash: 3, line: 9, among: kept) == 4)
  }

  @Test("an id's hash depends on its bytes alone, and 20,000 ids spread over distinct tags")
  func hashSpreadsIds() {
    let ids = (0..<20_000).map { "c\($0)" }
    // The same bytes built another way (a slice made into a new string) hash the same.
    for id in ids.prefix(100) {
      let rebuilt = String(("x" + id).dropFirst())
      #expect(IdentifierIndex.hash(rebuilt) == IdentifierIndex.hash(id))
    }
    // The tag is the high 32 bits: 20,000 random 32-bit values share about 0.05 pairs
    // (n² / 2³³), so more than two shared tags means a weak hash.
    var tags = Set<UInt64>()
    for id in ids { tags.insert(IdentifierIndex.hash(id) >> 32) }
    #expect(tags.count >= ids.count - 2)
  }
}
