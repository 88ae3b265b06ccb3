import Foundation

/// Terms as UTF-8 bytes interned to dense integer ids in one open-addressing table: the corpus
/// looks each token up once, by its bytes, without making a `String` of it.
///
/// Ids are given in order of first insertion. An interner made with `stopWords: true` holds the
/// ``Stopwords`` first, as ids `0..<Stopwords.count`, so one look-up both drops a stop word and
/// finds a term.
///
/// - Complexity: expected O(length) per look-up; the table doubles at half full.
package struct TermInterner: Sendable {
  /// The terms' bytes, back to back.
  private var bytes: [UInt8] = []
  /// Term `i` is `bytes[starts[i]..<starts[i + 1]]`.
  private var starts: [Int] = [0]
  /// Each term's hash, so growing the table does not rehash the bytes.
  private var hashes: [UInt32] = []
  /// Slots: the term's hash in the high 32 bits and its id + 1 in the low ones, or 0 when empty.
  /// The count is a power of two. The hash beside the id spares a look-up its dependent load of
  /// `hashes[id]` (a cache miss in a block's table of some 10⁴ terms) for every slot it probes.
  private var slots: [UInt64]

  /// Number of terms (stop words included).
  package var count: Int { hashes.count }

  /// An empty interner, or one holding the stop words first.
  package init(stopWords: Bool = false) {
    slots = Array(repeating: 0, count: 1_024)
    if stopWords {
      for word in Stopwords.list {
        var word = word
        word.withUTF8 { _ = intern($0) }
      }
    }
  }

  /// The id of `term`, adding it when new.
  @inline(__always)
  package mutating func intern(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
    let hash = Self.hash(term)
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    while true {
      let stored = slots[slot]
      if stored == 0 { break }
      if UInt32(truncatingIfNeeded: stored >> 32) == hash {
        let id = Int(truncatingIfNeeded: stored & 0xFFFF_FFFF) - 1
        if equals(id, term) { return Int32(id) }
      }
      slot = (slot + 1) & mask
    }
    let id = Int32(hashes.count)
    bytes.append(contentsOf: term)
    starts.append(bytes.count)
    hashes.append(hash)
    slots[slot] = Self.slot(id: Int(id), hash: hash)
    if hashes.count * 2 > slots.count { grow() }
    return id
  }

  /// The slot value of term `id` with hash `hash`.
  @inline(__always)
  private static func slot(id: Int, hash: UInt32) -> UInt64 {
    UInt64(hash) << 32 | UInt64(id + 1)
  }

  /// The id of `term`, or `nil` when it was never interned.
  package func find(_ term: UnsafeBufferPointer<UInt8>) -> Int32? {
    let hash = Self.hash(term)
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    while true {
      let stored = slots[slot]
      if stored == 0 { return nil }
      if UInt32(truncatingIfNeeded: stored >> 32) == hash {
        let id = Int(truncatingIfNeeded: stored & 0xFFFF_FFFF) - 1
        if equals(id, term) { return Int32(id) }
      }
      slot = (slot + 1) & mask
    }
  }

  /// The bytes of term `id`, for the duration of `body`.
  package func withTerm<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    bytes.withUnsafeBufferPointer { all in
      body(UnsafeBufferPointer(rebasing: all[starts[id]..<starts[id + 1]]))
    }
  }

  /// Term `id` as a string.
  package func string(_ id: Int) -> String {
    withTerm(id) { String(decoding: $0, as: UTF8.self) }
  }

  @inline(__always)
  private func equals(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[id]
    let end = starts[id + 1]
    guard end - start == term.count else { return false }
    return bytes.withUnsafeBufferPointer { all in
      guard let base = all.baseAddress, let other = term.baseAddress else { return term.isEmpty }
      return Self.equal(UnsafeRawPointer(base + start), UnsafeRawPointer(other), count: term.count)
    }
  }

  /// Whether `count` bytes at `a` and `b` are equal. Most terms are 4 to 16 bytes: two
  /// overlapping loads of each compare them without a call to `memcmp` (about 1% of `fit`).
  @inline(__always)
  static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
    switch count {
    case 8...16:
      return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
        && a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
          == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    case 4..<8:
      return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
        && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
          == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    case 0..<4:
      for offset in 0..<count
      where a.load(fromByteOffset: offset, as: UInt8.self)
        != b.load(fromByteOffset: offset, as: UInt8.self)
      {
        return false
      }
      return true
    default:
      return memcmp(a, b, count) == 0
    }
  }

  private mutating func grow() {
    var larger = Array(repeating: UInt64(0), count: slots.count * 2)
    let mask = larger.count - 1
    for (id, hash) in hashes.enumerated() {
      var slot = Int(hash) & mask
      while larger[slot] != 0 { slot = (slot + 1) & mask }
      larger[slot] = Self.slot(id: id, hash: hash)
    }
    slots = larger
  }

  /// The bytes eight at a time (a term's last word and a short term's halves read overlapping,
  /// inside the term), each word mixed in by a multiply, then a final mix so the low bits (the
  /// slot) depend on every byte. FNV-1a byte by byte, a multiply per byte in one chain, was a
  /// tenth of tokenizing. Ids do not depend on the hash, only where a term sits in the table.
  @inline(__always)
  static func hash(_ term: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(term.count)
    if let base = term.baseAddress {
      let raw = UnsafeRawPointer(base)
      let count = term.count
      @inline(__always) func mix(_ word: UInt64) {
        hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
      }
      if count >= 8 {
        var offset = 0
        while offset + 8 < count {
          mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
          offset += 8
        }
        mix(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
      } else if count >= 4 {
        let low = UInt64(raw.loadUnaligned(as: UInt32.self))
        let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        mix(low | high << 32)
      } else if count > 0 {
        mix(UInt64(base[0]) | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1]) << 16)
      }
    }
    hash ^= hash >> 29
    hash = hash &* 0xBF58_476D_1CE4_E5B9
    hash ^= hash >> 32
    return UInt32(truncatingIfNeeded: hash)
  }
}
