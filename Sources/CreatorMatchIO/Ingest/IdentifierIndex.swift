import CreatorMatch
import CreatorMatchSupport

/// The ids seen so far in a read, for duplicate detection: an open-addressing table of 64-bit
/// words, each 32 bits of an id's 64-bit hash (computed on the decoding threads) beside the index
/// of its first row among the kept creators, with the line of each kept creator in a list of its
/// own.
///
/// A hash match is confirmed by comparing the ids themselves, so two different ids that share a
/// hash are both kept; hashing on the decoding threads (``hash(_:)``) saves hashing `String`s on
/// the one thread that takes rows in file order.
///
/// ```swift
/// var index = IdentifierIndex()
/// var kept: [Creator] = []
/// let first = Creator(id: "c1", platform: .instagram, followers: 1_000)
/// index.firstLine(of: "c1", hash: IdentifierIndex.hash("c1"), line: 2, among: kept)  // nil
/// kept.append(first)
/// index.firstLine(of: "c1", hash: IdentifierIndex.hash("c1"), line: 9, among: kept)  // 2
/// ```
/// - Complexity: expected O(1) per lookup (the load factor stays at most ½); 8 bytes a slot,
/// two to four slots an id, and 8 bytes a kept id for its line.
struct IdentifierIndex {
  /// One word a slot: the tag (``tag(_:)``) in the high half, 0 for an empty slot, and the
  /// creator's index among the kept ones in the low half. Eight bytes where a slot of hash, line
  /// and index took 24: for 1M creators the table is 32 MB instead of 96 MB, a third of the
  /// pages to fault in and zero, and the cache misses of the lookups hit a smaller table.
  private var slots: [UInt64]
  /// The line of each kept creator's row, by its index; read only for a duplicate.
  private var lines: [Int] = []
  private(set) var count = 0

  /// An empty index with room for `capacity` ids before it grows.
  init(capacity: Int = 1_024) {
    var size = 16
    while size < 2 * capacity { size <<= 1 }
    slots = Array(repeating: 0, count: size)
  }

  /// The hash an id is filed under: the standard library's `Hasher` (SipHash-1-3, seeded at
  /// random per process) of its UTF-8 bytes.
  ///
  /// Seeded, because a fixed hash (the stable hash, as before) lets a file carry ids chosen
  /// offline to share one tag: each of them would probe the whole cluster of the ones before,
  /// quadratic in the ids. The lookups never depend on slot order, so no output depends on the
  /// seed; a 7-byte id costs some 20 ns more than the stable hash, on the decoding threads.
  static func hash(_ id: String) -> UInt64 {
    var hasher = Hasher()
    id.withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    return UInt64(UInt(bitPattern: hasher.finalize()))
  }

  /// The tag of `hash`, as it sits in a slot's high half: the hash's high 32 bits with the top
  /// bit set, so that no tag is 0. Its other bits also give the slot's position (``home(_:mask:)``),
  /// so the table grows without the hashes: ids whose tags match share their home, and a false
  /// match (31 equal bits of two different ids) only costs a comparison of the ids.
  @inline(__always)
  private static func tag(_ hash: UInt64) -> UInt64 {
    (hash | (1 << 63)) & 0xFFFF_FFFF_0000_0000
  }

  /// The first slot a lookup of the tagged word `tagged` probes in a table of `mask` + 1 slots.
  @inline(__always)
  private static func home(_ tagged: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: tagged >> 32) & mask
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
  mutating func firstLine(
    of id: String, hash: UInt64, line: Int, kept: Int, idOf: (Int) -> String
  ) -> Int? {
    if 2 * (count + 1) > slots.count { grow() }
    let tagged = Self.tag(hash)
    let mask = slots.count - 1
    var index = Self.home(tagged, mask: mask)
    while slots[index] != 0 {
      let slot = slots[index]
      if slot & 0xFFFF_FFFF_0000_0000 == tagged {
        // An index past the kept ones was announced by a caller that did not keep it.
        let creator = Int(slot & 0xFFFF_FFFF)
        if creator < kept, idOf(creator) == id { return lines[creator] }
      }
      index = (index + 1) & mask
    }
    // The kept index in 32 bits: 4 billion creators are far past what memory holds.
    slots[index] = tagged | UInt64(UInt32(truncatingIfNeeded: kept))
    if kept < lines.count {
      // A caller that did not keep the creator it announced: its index is announced again.
      lines[kept] = line
    } else {
      while lines.count < kept { lines.append(0) }
      lines.append(line)
    }
    count += 1
    checkInvariants()
    return nil
  }

  /// Makes room for `capacity` ids in all, so that adding them does not rehash the table.
  mutating func reserve(_ capacity: Int) {
    var size = slots.count
    while size < 2 * capacity { size <<= 1 }
    if size > slots.count { rehash(size: size) }
    lines.reserveCapacity(capacity)
  }

  /// Reads the slot where a lookup of `hash` starts and returns it, which the caller keeps.
  ///
  /// Why: the table is far larger than the caches, so each lookup waits on memory. Touching the
  /// slots of a batch of ids first, in a loop whose loads do not depend on each other, lets the
  /// processor fetch many at once; the lookups that follow then find them in cache.
  func touch(_ hash: UInt64) -> UInt64 {
    slots[Self.home(Self.tag(hash), mask: slots.count - 1)]
  }

  private mutating func grow() { rehash(size: slots.count * 2) }

  /// Moves every id into a fresh table of `size` slots (a power of two).
  private mutating func rehash(size: Int) {
    let old = slots
    slots = Array(repeating: 0, count: size)
    let mask = slots.count - 1
    for slot in old where slot != 0 {
      var index = Self.home(slot, mask: mask)
      while slots[index] != 0 { index = (index + 1) & mask }
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
          slots.lazy.filter { $0 != 0 }.count == count, "count out of step with the table")
      }
    #endif
  }
}
