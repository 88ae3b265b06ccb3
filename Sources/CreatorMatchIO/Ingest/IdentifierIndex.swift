import CreatorMatch

/// The ids seen so far in a read, for duplicate detection: an open-addressing table of 64-bit id
/// hashes (computed on the decoding threads) with the line and creator index of each first row.
///
/// A hash match is confirmed by comparing the ids themselves, so two different ids that share a
/// hash are both kept; the hash only saves hashing `String`s with a per-process seed on the one
/// thread that takes rows in file order.
///
/// ```swift
/// var index = IdentifierIndex()
/// var kept: [Creator] = []
/// let first = Creator(id: "c1", platform: .instagram, followers: 1_000)
/// index.firstLine(of: "c1", hash: StableHash.hash("c1"), line: 2, among: kept)  // nil
/// kept.append(first)
/// index.firstLine(of: "c1", hash: StableHash.hash("c1"), line: 9, among: kept)  // 2
/// ```
/// - Complexity: expected O(1) per lookup (the load factor stays at most ½); 24 bytes a slot,
/// two to four slots an id.
struct IdentifierIndex {
  /// One slot: the id's hash with the top bit set (0 marks an empty slot), the line of its first
  /// row and its index among the kept creators; one slot is one cache line's quarter, so a probe
  /// costs one miss.
  private struct Slot {
    var hash: UInt64 = 0
    var line = 0
    var creator: Int32 = 0
  }

  private var slots: [Slot]
  private(set) var count = 0

  /// An empty index with room for `capacity` ids before it grows.
  init(capacity: Int = 1_024) {
    var size = 16
    while size < 2 * capacity { size <<= 1 }
    slots = Array(repeating: Slot(), count: size)
  }

  /// The line of the first row with `id` when there is one; otherwise records `id` at `line` as
  /// the creator about to be appended to `kept` (at index `kept.count`) and returns `nil`.
  /// - Parameter kept: the creators kept so far, to confirm a hash match by comparing ids.
  mutating func firstLine(of id: String, hash: UInt64, line: Int, among kept: [Creator]) -> Int? {
    firstLine(of: id, hash: hash, line: line, kept: kept.count) { kept[$0].id }
  }

  /// ``firstLine(of:hash:line:among:)`` with the kept creators' ids only (a reader that hands
  /// its creators on as it reads keeps their ids, not the creators).
  mutating func firstLine(of id: String, hash: UInt64, line: Int, among kept: [String]) -> Int? {
    firstLine(of: id, hash: hash, line: line, kept: kept.count) { kept[$0] }
  }

  /// ``firstLine(of:hash:line:among:)`` with `kept` creators so far, the id of the one at an
  /// index given by `idOf`.
  @inline(__always)
  private mutating func firstLine(
    of id: String, hash: UInt64, line: Int, kept: Int, idOf: (Int) -> String
  ) -> Int? {
    if 2 * (count + 1) > slots.count { grow() }
    let tagged = hash | (1 << 63)
    let mask = slots.count - 1
    var index = Int(truncatingIfNeeded: hash) & mask
    while slots[index].hash != 0 {
      if slots[index].hash == tagged, idOf(Int(slots[index].creator)) == id {
        return slots[index].line
      }
      index = (index + 1) & mask
    }
    slots[index] = Slot(hash: tagged, line: line, creator: Int32(truncatingIfNeeded: kept))
    count += 1
    checkInvariants()
    return nil
  }

  /// Makes room for `capacity` ids in all, so that adding them does not rehash the table.
  mutating func reserve(_ capacity: Int) {
    var size = slots.count
    while size < 2 * capacity { size <<= 1 }
    if size > slots.count { rehash(size: size) }
  }

  /// Reads the slot where a lookup of `hash` starts and returns its tag, which the caller keeps.
  ///
  /// Why: the table is far larger than the caches, so each lookup waits on memory. Touching the
  /// slots of a batch of ids first, in a loop whose loads do not depend on each other, lets the
  /// processor fetch many at once; the lookups that follow then find them in cache.
  func touch(_ hash: UInt64) -> UInt64 {
    slots[Int(truncatingIfNeeded: hash) & (slots.count - 1)].hash
  }

  private mutating func grow() { rehash(size: slots.count * 2) }

  /// Moves every id into a fresh table of `size` slots (a power of two).
  private mutating func rehash(size: Int) {
    let old = slots
    slots = Array(repeating: Slot(), count: size)
    let mask = slots.count - 1
    for slot in old where slot.hash != 0 {
      var index = Int(truncatingIfNeeded: slot.hash) & mask
      while slots[index].hash != 0 { index = (index + 1) & mask }
      slots[index] = slot
    }
  }

  /// Debug builds: the table is a power of two, at most half full, and counts what it holds.
  private func checkInvariants() {
    #if DEBUG
      if count % 4_096 == 1 {
        assert(slots.count & (slots.count - 1) == 0, "table size is not a power of two")
        assert(2 * count <= slots.count, "load factor above one half")
        assert(
          slots.lazy.filter { $0.hash != 0 }.count == count, "count out of step with the table")
      }
    #endif
  }
}
