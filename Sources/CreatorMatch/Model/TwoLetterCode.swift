/// Packs a two-letter ISO code (country `PL` or language `pl`) into a small integer for dense
/// lookup tables: 0 means unknown, otherwise 1 + 26·first + second (case-insensitive).
public enum TwoLetterCode {
  /// Number of distinct packed values, including 0.
  public static let tableSize = 26 * 26 + 1

  /// The packed value of `code`, or 0 when it is not two ASCII letters.
  @inlinable
  public static func pack(_ code: String?) -> UInt16 {
    guard let code else { return 0 }
    // Two bytes read by index, with no array of them and no iterator: the table layout packs
    // every creator's country, language and audience keys.
    let utf8 = code.utf8
    guard utf8.count == 2 else { return 0 }
    let first = utf8[utf8.startIndex] | 0x20
    let second = utf8[utf8.index(after: utf8.startIndex)] | 0x20
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
