import CreatorMatch

/// Fast paths for the list cells of a well-formed export, which make up most of a wide table's
/// decoding time: one pass over the bytes, no trimming, no closures.
///
/// Each returns `nil` for anything it does not fully understand, and the general parser then
/// reads the cell; whatever it accepts, the general parser reads to the same values (tests
/// compare the two on generated and hand-written cells).
extension CreatorRowDecoder {
  /// `KEY:share|KEY:share` with no spaces: keys are valid two-letter codes (countries,
  /// languages) or non-empty lower-case ASCII labels (interests), shares are plain decimals in
  /// 0–1, and no key repeats.
  static func plainEntries(_ bytes: UnsafeBufferPointer<UInt8>, field: CreatorField)
    -> [Distribution.Entry]?
  {
    var labels = SmallStrings()
    return plainEntries(bytes, bytes.indices, field: field, labels: &labels)
  }

  /// ``plainEntries(_:field:)`` of the cell `all[cell]`, interest labels made once in `labels`
  /// and copied after; the bytes after the cell may be read (never taken as part of it), so that
  /// shares are read eight bytes at a time to the cell's end.
  static func plainEntries(
    _ all: UnsafeBufferPointer<UInt8>, _ cell: Range<Int>, field: CreatorField,
    labels labelStrings: inout SmallStrings
  ) -> [Distribution.Entry]? {
    let limit = cell.upperBound
    var parts = 1
    for index in cell where all[index] == UInt8(ascii: "|") { parts += 1 }
    let labels = field == .audInterests
    let codes = field == .audCountries ? CodeTable.countries : CodeTable.languages
    // Room for every part at once, but not through `Array(unsafeUninitializedCapacity:)`: that
    // runs unspecialized in the standard library and looks the storage type up at run time
    // (~550 instructions, more than appending a handful of entries).
    var entries: [Distribution.Entry] = []
    entries.reserveCapacity(parts)
    // Codes are checked for repeats by their packed values.
    var seen = CodeSet()
    var index = cell.lowerBound
    while index < limit {
      // The key, up to the colon.
      let keyStart = index
      while index < limit, all[index] != UInt8(ascii: ":") {
        guard isLabelByte(all[index]) else { return nil }
        index += 1
      }
      guard index < limit, index > keyStart else { return nil }
      let keyBytes = UnsafeBufferPointer(rebasing: all[keyStart..<index])
      // The share, up to the bar or the cell's end, read in the pass that finds the bar.
      guard let (share, end) = HumanNumber.plainDecimal(all, from: index + 1),
        end == limit || (end < limit && all[end] == UInt8(ascii: "|")), share <= 1
      else { return nil }
      index = end + 1
      if index == limit { return nil }  // a trailing bar: an empty part
      let key: String
      if labels {
        for byte in keyBytes where byte >= 0x41 && byte <= 0x5A { return nil }
        key = labelStrings.string(keyBytes)
        for entry in entries where entry.key == key { return nil }
      } else {
        let packed = ByteFields.twoLetters(keyBytes)
        guard let code = codes.code(packed), seen.insert(packed) else { return nil }
        key = code
      }
      entries.append(Distribution.Entry(key: key, share: share))
    }
    return entries.isEmpty ? nil : entries
  }

  /// `12000|12500|13100`: plain non-negative decimals between single bars, nothing else.
  static func plainHistory(_ bytes: UnsafeBufferPointer<UInt8>) -> [Double]? {
    plainHistory(bytes, bytes.indices)
  }

  /// ``plainHistory(_:)`` of the cell `all[cell]`; the bytes after it may be read (never taken
  /// as part of it), so that numbers are read eight bytes at a time to the cell's end.
  static func plainHistory(_ all: UnsafeBufferPointer<UInt8>, _ cell: Range<Int>) -> [Double]? {
    let limit = cell.upperBound
    var parts = 1
    for index in cell where all[index] == UInt8(ascii: "|") { parts += 1 }
    // Parsed in one pass, into an array sized once: finding each bar before parsing the number
    // up to it read every byte twice. (Not `Array(unsafeUninitializedCapacity:)`, which looks
    // its storage type up at run time: ~550 instructions, more than a dozen appends.)
    var values: [Double] = []
    values.reserveCapacity(parts)
    var start = cell.lowerBound
    while true {
      guard let (value, end) = HumanNumber.plainDecimal(all, from: start),
        end == limit || (end < limit && all[end] == UInt8(ascii: "|"))
      else { return nil }
      values.append(value)
      if end == limit { return values }
      start = end + 1
    }
  }

  /// A byte a plain key may hold: printable ASCII other than space and the list and key
  /// separators the general parser splits on.
  @inline(__always)
  private static func isLabelByte(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "|") && byte != UInt8(ascii: ",")
      && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "=")
  }
}

/// A set of packed two-letter codes (``TwoLetterCode``, 1...676) as bits, inline: a repeat is
/// found with one load, for any number of entries. (A `SIMD16` of the first sixteen codes was
/// written lane by lane, and reading the vector back after each write stalled the loop.)
struct CodeSet {
  /// 11 × 64 bits ≥ ``TwoLetterCode/tableSize``.
  private var words:
    (
      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
      UInt64, UInt64
    ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

  /// Adds `packed`, a valid packed code (below ``TwoLetterCode/tableSize``); `false` when it was
  /// in the set already.
  @inline(__always)
  mutating func insert(_ packed: UInt16) -> Bool {
    let offset = Int(packed >> 6) * 8
    let bit = UInt64(1) << UInt64(packed & 63)
    return withUnsafeMutableBytes(of: &words) { raw in
      let word = raw.load(fromByteOffset: offset, as: UInt64.self)
      guard word & bit == 0 else { return false }
      raw.storeBytes(of: word | bit, toByteOffset: offset, as: UInt64.self)
      return true
    }
  }
}

/// Strings of 1–15 bytes made once and then copied, by their bytes: the labels of a creator
/// table (categories, interests) repeat from row to row, and making each again cost ~200
/// instructions (`String(decoding:as:)` checks and copies the bytes), where a copy of a string
/// this short is 16 bytes with no reference count. Identical bytes make identical strings, so a
/// string found here is the one `String(decoding:as:)` would make.
///
/// One per reading thread (each stretch makes its own): 64 slots, each the last string made
/// whose bytes hash to it.
struct SmallStrings {
  /// Per slot, the bytes (zero-padded, the first in the lowest) and the length in the top byte;
  /// empty until the first string is made (a cache made for one JSON row may never be used).
  private var keys: [UInt64] = []
  private var strings: [String] = []

  /// An empty cache.
  init() {}

  /// `String(decoding: bytes, as: UTF8.self)`, made once for each distinct short `bytes`.
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let count = bytes.count
    guard count >= 1, count <= 15, let base = bytes.baseAddress else {
      return String(decoding: bytes, as: UTF8.self)
    }
    // The bytes as two words; a 15-byte string leaves the top byte of the second for its length.
    var low: UInt64 = 0
    var high: UInt64 = 0
    if count >= 8 {
      low = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self).littleEndian
      for index in 8..<count { high |= UInt64(bytes[index]) << UInt64((index - 8) << 3) }
    } else {
      for index in 0..<count { low |= UInt64(bytes[index]) << UInt64(index << 3) }
    }
    high |= UInt64(count) << 56
    if keys.isEmpty {
      keys = Array(repeating: 0, count: 2 * 64)
      strings = Array(repeating: "", count: 64)
    }
    let slot = Int(
      truncatingIfNeeded: ((low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> 58)
    if keys[2 * slot] == low && keys[2 * slot + 1] == high { return strings[slot] }
    let made = String(decoding: bytes, as: UTF8.self)
    keys[2 * slot] = low
    keys[2 * slot + 1] = high
    strings[slot] = made
    return made
  }
}
