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
    // Codes are checked for repeats by their packed values, kept inline for up to 16 entries.
    if !labels && parts > 16 { return nil }
    var entries: [Distribution.Entry] = []
    entries.reserveCapacity(parts)
    var packedKeys = SIMD16<UInt16>()
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
        guard let code = codes.code(packed) else { return nil }
        for slot in 0..<entries.count where packedKeys[slot] == packed { return nil }
        packedKeys[entries.count] = packed
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
    // Parsed into scratch space, then copied in one append: appending value by value checked the
    // array's uniqueness and capacity for each.
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: parts) { scratch in
      var written = 0
      var start = 0
      for index in 0...count where index == count || bytes[index] == UInt8(ascii: "|") {
        guard
          let value = HumanNumber.plainDecimal(
            UnsafeBufferPointer(rebasing: bytes[start..<index]))
        else { return nil }
        scratch.initializeElement(at: written, to: value)
        written += 1
        start = index + 1
      }
      var values: [Double] = []
      values.reserveCapacity(written)
      values.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<written]))
      return values
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
