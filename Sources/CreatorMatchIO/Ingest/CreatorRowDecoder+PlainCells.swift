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
    let count = bytes.count
    var parts = 1
    for byte in bytes where byte == UInt8(ascii: "|") { parts += 1 }
    let labels = field == .audInterests
    let codes = field == .audCountries ? CodeTable.countries : CodeTable.languages
    var entries: [Distribution.Entry] = []
    entries.reserveCapacity(parts)
    // Codes are checked for repeats by their packed values.
    var seen = CodeSet()
    var index = 0
    while index < count {
      // The key, up to the colon.
      let keyStart = index
      while index < count, bytes[index] != UInt8(ascii: ":") {
        guard isLabelByte(bytes[index]) else { return nil }
        index += 1
      }
      guard index < count, index > keyStart else { return nil }
      let keyBytes = UnsafeBufferPointer(rebasing: bytes[keyStart..<index])
      // The share, up to the bar or the end.
      index += 1
      let shareStart = index
      while index < count, bytes[index] != UInt8(ascii: "|") { index += 1 }
      guard
        let share = HumanNumber.plainDecimal(
          UnsafeBufferPointer(rebasing: bytes[shareStart..<index])),
        share <= 1
      else { return nil }
      index += 1
      if index == count { return nil }  // a trailing bar: an empty part
      let key: String
      if labels {
        for byte in keyBytes where byte >= 0x41 && byte <= 0x5A { return nil }
        key = String(decoding: keyBytes, as: UTF8.self)
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
    let count = bytes.count
    var parts = 1
    for byte in bytes where byte == UInt8(ascii: "|") { parts += 1 }
    // Parsed in one pass straight into the array's storage, sized once: appending value by
    // value checked the array's uniqueness and capacity for each, and finding each bar before
    // parsing the number up to it read every byte twice.
    var plain = true
    let values = [Double](unsafeUninitializedCapacity: parts) { storage, initialized in
      var start = 0
      while true {
        guard let (value, end) = HumanNumber.plainDecimal(bytes, from: start),
          end == count || bytes[end] == UInt8(ascii: "|")
        else {
          plain = false
          return
        }
        storage.initializeElement(at: initialized, to: value)
        initialized += 1
        if end == count { return }
        start = end + 1
      }
    }
    return plain ? values : nil
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
