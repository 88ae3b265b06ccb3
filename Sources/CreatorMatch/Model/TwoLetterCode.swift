/// Packs a two-letter ISO code (country `PL` or language `pl`) into a small integer for dense
/// lookup tables: 0 means unknown, otherwise 1 + 26·first + second (case-insensitive).
public enum TwoLetterCode {
  /// Number of distinct packed values, including 0.
  public static let tableSize = 26 * 26 + 1

  /// The packed value of `code`, or 0 when it is not two ASCII letters.
  @inlinable
  public static func pack(_ code: String?) -> UInt16 {
    guard let code else { return 0 }
    // The bytes read in place when they are contiguous (native and small strings: all but
    // bridged ones): the UTF-8 view's count and index steps cost ~90 instructions a code, and
    // the table layout packs every creator's country, language and audience keys.
    if let packed = code.utf8.withContiguousStorageIfAvailable({ bytes in
      bytes.count == 2 ? packLetters(bytes[0], bytes[1]) : 0
    }) {
      return packed
    }
    // Two bytes read by index, with no array of them and no iterator.
    let utf8 = code.utf8
    guard utf8.count == 2 else { return 0 }
    return packLetters(utf8[utf8.startIndex], utf8[utf8.index(after: utf8.startIndex)])
  }

  /// The packed value of a code's two bytes, or 0 when they are not two ASCII letters.
  @inlinable
  @inline(__always)
  static func packLetters(_ first: UInt8, _ second: UInt8) -> UInt16 {
    let first = first | 0x20
    let second = second | 0x20
    let a = UInt8(ascii: "a")
    let z = UInt8(ascii: "z")
    guard first >= a && first <= z && second >= a && second <= z else { return 0 }
    return 1 + UInt16(first - a) * 26 + UInt16(second - a)
  }

  /// The upper-case code of a packed value, or `nil` for 0.
  public static func unpack(_ value: UInt16, uppercase: Bool = true) -> String? {
    guard value > 0, Int(value) < tableSize else { return nil }
    let base = uppercase ? UInt8(ascii: "A") : UInt8(ascii: "a")
    let first = UInt8((value - 1) / 26)
    let second = UInt8((value - 1) % 26)
    return String(decoding: [base + first, base + second], as: UTF8.self)
  }
}
