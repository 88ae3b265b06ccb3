/// Byte-level helpers for list-valued cells (`PL:0.6|DE:0.1`, `a|b|c`, `1200|1250`): they split and
/// trim without creating intermediate strings, which is most of the cost of reading a wide table.
enum ByteFields {
  /// Up to two separator bytes (the second may repeat the first).
  struct Separators {
    var first: UInt8
    var second: UInt8
  }

  /// The list separators of a cell: `|` when present, else `,` and `;`.
  static func separator(_ bytes: UnsafeBufferPointer<UInt8>) -> Separators {
    if bytes.contains(UInt8(ascii: "|")) {
      return Separators(first: UInt8(ascii: "|"), second: UInt8(ascii: "|"))
    }
    return Separators(first: UInt8(ascii: ","), second: UInt8(ascii: ";"))
  }

  /// An upper bound on the parts ``forEachPart(_:separators:_:)`` finds: separators plus one.
  static func partCountBound(_ bytes: UnsafeBufferPointer<UInt8>, separators: Separators) -> Int {
    var count = 1
    for byte in bytes where byte == separators.first || byte == separators.second { count += 1 }
    return count
  }

  /// Calls `body` with each trimmed, non-empty part of `bytes` split on the separators, until
  /// `body` returns `false`.
  static func forEachPart(
    _ bytes: UnsafeBufferPointer<UInt8>, separators: Separators,
    _ body: (UnsafeBufferPointer<UInt8>) -> Bool
  ) {
    var start = 0
    var index = 0
    while index <= bytes.count {
      if index == bytes.count || bytes[index] == separators.first
        || bytes[index] == separators.second
      {
        var low = start
        var high = index
        while low < high, FieldRow.isSpace(bytes[low]) { low += 1 }
        while high > low, FieldRow.isSpace(bytes[high - 1]) { high -= 1 }
        if high > low, !body(UnsafeBufferPointer(rebasing: bytes[low..<high])) { return }
        start = index + 1
      }
      index += 1
    }
  }

  /// The packed two-letter code (see ``TwoLetterCode``) when `bytes` are exactly two ASCII
  /// letters, else 0.
  @inline(__always)
  static func twoLetters(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt16 {
    guard bytes.count == 2 else { return 0 }
    let a = bytes[0] | 0x20
    let b = bytes[1] | 0x20
    guard a >= 0x61 && a <= 0x7A && b >= 0x61 && b <= 0x7A else { return 0 }
    return 1 + UInt16(a - 0x61) * 26 + UInt16(b - 0x61)
  }
}

/// Validity of packed two-letter codes, as dense tables (no hashing on the hot path).
enum CodeTables {
  /// Assigned ISO 3166-1 country codes.
  static let countries: [Bool] = table { CountryCatalog.isValid($0.uppercased()) }
  /// Known ISO 639-1 language codes.
  static let languages: [Bool] = table { LanguageCatalog.code(for: $0) == $0 }

  private static func table(_ valid: (String) -> Bool) -> [Bool] {
    var result = Array(repeating: false, count: TwoLetterCode.tableSize)
    for packed in 1..<TwoLetterCode.tableSize {
      if let code = TwoLetterCode.unpack(UInt16(packed), uppercase: false), valid(code) {
        result[packed] = true
      }
    }
    return result
  }

  /// The upper-case country code strings by packed value.
  static let countryStrings: [String] = (0..<TwoLetterCode.tableSize).map {
    TwoLetterCode.unpack(UInt16($0)) ?? ""
  }
  /// The lower-case language code strings by packed value.
  static let languageStrings: [String] = (0..<TwoLetterCode.tableSize).map {
    TwoLetterCode.unpack(UInt16($0), uppercase: false) ?? ""
  }
}
