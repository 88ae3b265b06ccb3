/// A table from exact byte strings (a text's UTF-8, or several texts packed by
/// ``ExactBytesTable/appendKeyPart(_:to:)``) to integers (an id, or an index into the owner's
/// array of values), for a cache in front of a `String`-keyed dictionary that a loop consults
/// once per row.
///
/// A `String` key is hashed with SipHash (after checking whether it is normalized) and compared
/// by Unicode canonical equivalence; the table layout looked up every category label and audience
/// interest of a million creators that way, a few percent of reading them. This hashes the bytes
/// eight at a time and compares them with `memcmp`-like loads. It does not replace the
/// dictionary: its owner fills it only with the dictionary's answers for byte strings it has seen,
/// so a text the table has never seen, and a canonically equal text written with other bytes,
/// still go to the dictionary and get the same answer they always did.
///
/// ```swift
/// var table = ExactBytesTable()
/// table.insert("skincare", 3)
/// table.value(for: "skincare")  // 3
/// ```
///
/// Not generic over its values: a generic table was not specialized in the modules using it, and
/// asked the runtime for type metadata on every look-up.
package struct ExactBytesTable: Sendable {
  /// Per slot, 1 + the index of its entry; 0 for an empty slot. A power of two in size, at most
  /// half full.
  @usableFromInline internal var slots: [Int32]
  /// Per entry: its key's hash, where its bytes start in `bytes`, and its value.
  @usableFromInline internal var hashes: [UInt64] = []
  @usableFromInline internal var starts: [Int] = [0]
  @usableFromInline internal var bytes: [UInt8] = []
  @usableFromInline internal var values: [Int] = []

  /// An empty table.
  @inlinable
  package init() {
    slots = [Int32](repeating: 0, count: 16)
  }

  /// Entries held.
  @inlinable
  package var count: Int { values.count }

  /// The value of the key `key`, or `nil` when it was never inserted.
  ///
  /// - Parameter key: The key's bytes.
  /// - Returns: The value inserted with exactly these bytes.
  /// - Complexity: O(key length) expected.
  @inlinable @inline(__always)
  package func value(forBytes key: UnsafeBufferPointer<UInt8>) -> Int? {
    let hash = Self.hash(key)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(slots[slot]) - 1
      if entry < 0 { return nil }
      if hashes[entry] == hash && equals(entry, key) { return values[entry] }
      slot = (slot + 1) & mask
    }
  }

  /// The value of the UTF-8 bytes of `text`, or `nil` when they were never inserted.
  ///
  /// - Parameter text: The key.
  /// - Returns: The value inserted with exactly the bytes of `text`.
  /// - Complexity: O(key length) expected.
  @inlinable @inline(__always)
  package func value(for text: String) -> Int? {
    text.withUTF8Bytes { value(forBytes: $0) }
  }

  /// Inserts `value` for the key `key`, which must not be in the table.
  ///
  /// - Parameters:
  ///   - key: The key's bytes.
  ///   - value: Its value.
  /// - Complexity: O(key length) amortized.
  @inlinable
  package mutating func insert(bytes key: UnsafeBufferPointer<UInt8>, _ value: Int) {
    if 2 * (values.count + 1) > slots.count { grow() }
    let hash = Self.hash(key)
    let entry = values.count
    hashes.append(hash)
    bytes.append(contentsOf: key)
    starts.append(bytes.count)
    values.append(value)
    place(entry, hash: hash)
  }

  /// Inserts `value` for the UTF-8 bytes of `text`, which must not be in the table.
  ///
  /// - Parameters:
  ///   - text: The key.
  ///   - value: Its value.
  /// - Complexity: O(key length) amortized.
  @inlinable
  package mutating func insert(_ text: String, _ value: Int) {
    text.withUTF8Bytes { insert(bytes: $0, value) }
  }

  /// Appends `text` to a key made of several texts: its length, then its bytes, so that no two
  /// different lists of texts give the same key.
  ///
  /// - Parameters:
  ///   - text: The next text of the key.
  ///   - key: The key so far.
  @inlinable
  package static func appendKeyPart(_ text: String, to key: inout [UInt8]) {
    let utf8 = text.utf8
    var length = UInt32(truncatingIfNeeded: utf8.count)
    withUnsafeBytes(of: &length) { key.append(contentsOf: $0) }
    key.append(contentsOf: utf8)
  }

  /// Whether entry `entry`'s key is `key`: eight bytes at a time, then the rest.
  @inlinable @inline(__always)
  func equals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[entry]
    guard starts[entry + 1] - start == key.count else { return false }
    guard let keyBase = key.baseAddress else { return true }
    return bytes.withUnsafeBufferPointer { stored in
      guard let storedBase = stored.baseAddress else { return false }
      let left = UnsafeRawPointer(storedBase + start)
      let right = UnsafeRawPointer(keyBase)
      var offset = 0
      while offset + 8 <= key.count {
        if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
          != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        {
          return false
        }
        offset += 8
      }
      return Self.tail(left + offset, count: key.count - offset)
        == Self.tail(right + offset, count: key.count - offset)
    }
  }

  /// The last `count` (0–7) bytes at `bytes` as one word, read in at most three loads.
  @inlinable @inline(__always)
  static func tail(_ bytes: UnsafeRawPointer, count: Int) -> UInt64 {
    var word: UInt64 = 0
    var offset = 0
    if count & 4 != 0 {
      word = UInt64(bytes.loadUnaligned(as: UInt32.self))
      offset = 4
    }
    if count & 2 != 0 {
      word |= UInt64(bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self)) << (offset * 8)
      offset += 2
    }
    if count & 1 != 0 {
      word |= UInt64(bytes.load(fromByteOffset: offset, as: UInt8.self)) << (offset * 8)
    }
    return word
  }

  /// Puts entry `entry` in the first free slot from its hash's.
  @usableFromInline
  mutating func place(_ entry: Int, hash: UInt64) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(entry + 1)
  }

  /// Doubles the slots and places every entry again.
  @usableFromInline
  mutating func grow() {
    slots = [Int32](repeating: 0, count: 2 * slots.count)
    for entry in hashes.indices { place(entry, hash: hashes[entry]) }
  }

  /// A per-process random seed of ``hash(_:)``: the keys are a file's labels, and with a fixed
  /// hash a file could hold labels chosen offline to share their slot bits, making one probe
  /// cluster that every new label walks (quadratic in the labels). What the table answers never
  /// depends on the seed: nothing is read in slot order.
  @usableFromInline
  static let seed = UInt64.random(in: .min ... .max)

  /// A hash of `key`: eight bytes at a time (the last few as one word), multiplied and
  /// rotated, seeded with the length, and a final multiply and shifts so that the low bits pick
  /// the slot well.
  @inlinable @inline(__always)
  static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var state = (0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: key.count &+ 1)) ^ seed
    guard let base = key.baseAddress else { return state }
    let raw = UnsafeRawPointer(base)
    var offset = 0
    while offset + 8 <= key.count {
      let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      state = ((state ^ word) &* 0xFF51_AFD7_ED55_8CCD)
      state = (state << 31) | (state >> 33)
      offset += 8
    }
    state = (state ^ tail(raw + offset, count: key.count - offset)) &* 0xC4CE_B9FE_1A85_EC53
    return state ^ (state >> 29) ^ (state >> 47)
  }
}
