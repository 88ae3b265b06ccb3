import CreatorMatch

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
        let part = trimmed(bytes, start..<index)
        if !part.isEmpty, !body(part) { return }
        start = index + 1
      }
      index += 1
    }
  }

  /// `bytes[range]` without the spaces (``FieldRow/isSpace(_:)``) at either end.
  @inline(__always)
  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> UnsafeBufferPointer<UInt8>
  {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high, FieldRow.isSpace(bytes[low]) { low += 1 }
    while high > low, FieldRow.isSpace(bytes[high - 1]) { high -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[low..<high])
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

/// The valid two-letter codes of one kind (countries or languages) by packed value
/// (``TwoLetterCode``), with their strings: a code is checked and made in two loads, with no
/// hashing on the hot path.
///
/// The tables are allocated once and never freed, and read through plain pointers. Global arrays
/// were retained and released on every read, and with every core reading the same arrays for
/// every row, their reference counts moved one cache line back and forth between the cores
/// (8–14% of ingest time in profiles).
struct CodeTable: @unchecked Sendable {
  // Safe to share: written once when made, only read after.
  private let valid: UnsafePointer<Bool>
  private let strings: UnsafePointer<String>

  /// Assigned ISO 3166-1 country codes, upper case.
  static let countries = CodeTable(uppercase: true) { CountryCatalog.isValid($0.uppercased()) }
  /// Known ISO 639-1 language codes, lower case.
  static let languages = CodeTable(uppercase: false) { LanguageCatalog.code(for: $0) == $0 }

  private init(uppercase: Bool, isValid: (String) -> Bool) {
    let size = TwoLetterCode.tableSize
    let valid = UnsafeMutablePointer<Bool>.allocate(capacity: size)
    let strings = UnsafeMutablePointer<String>.allocate(capacity: size)
    for packed in 0..<size {
      let lower = TwoLetterCode.unpack(UInt16(packed), uppercase: false)
      valid[packed] = packed > 0 && lower.map(isValid) == true
      strings.advanced(by: packed).initialize(
        to: TwoLetterCode.unpack(UInt16(packed), uppercase: uppercase) ?? "")
    }
    self.valid = UnsafePointer(valid)
    self.strings = UnsafePointer(strings)
  }

  /// The code packed as `packed` when it is a valid one; `nil` otherwise (0 included).
  @inline(__always)
  func code(_ packed: UInt16) -> String? {
    guard Int(packed) < TwoLetterCode.tableSize, valid[Int(packed)] else { return nil }
    return strings[Int(packed)]
  }
}
