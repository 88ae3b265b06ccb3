/// Packs a two-letter ISO code (country `PL` or language `pl`) into a small integer for dense
/// lookup tables: 0 means unknown, otherwise 1 + 26·first + second (case-insensitive).
public enum TwoLetterCode {
  /// Number of distinct packed values, including 0.
  public static let tableSize = 26 * 26 + 1

  /// The packed value of `code`, or 0 when it is not two ASCII letters.
  @inlinable
  public static func pack(_ code: String?) -> UInt16 {
    guard let code else { return 0 }
    // Packed as the letters come, with no array of them: the table layout packs every creator's
    // country, language and audience keys, and an array per call was an allocation each.
    var packed: UInt16 = 0
    var letters = 0
    for byte in code.utf8 {
      let lower = byte | 0x20
      guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") else { return 0 }
      letters += 1
      if letters > 2 { return 0 }
      packed = packed * 26 + UInt16(lower - UInt8(ascii: "a"))
    }
    guard letters == 2 else { return 0 }
    return 1 + packed
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
