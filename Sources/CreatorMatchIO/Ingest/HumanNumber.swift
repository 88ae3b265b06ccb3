import CreatorMatch

/// Parses the number formats found in creator-table exports: `12,345`, `12 345`, `1.234.567`,
/// `3,4`, `12.3K`, `4.5M`, `1.2B`, `3.4%`, `$1,200`, and blank or `NaN` for missing.
///
/// Separators: when both `,` and `.` occur, the last one is the decimal mark. A lone `,` followed
/// by exactly three digits (and a leading group of 1–3 digits not starting with 0) is a thousands
/// separator; otherwise it is a decimal comma. Spaces (also no-break spaces) between digit groups
/// are thousands separators. Suffixes `k`, `m`, `b` (any case) scale by 10³, 10⁶, 10⁹; `%` divides by
/// 100 and sets the `isPercent` flag of ``Parsed/value(_:isPercent:)``.
///
/// The value is computed as an integer mantissa times a power of ten, so `12.3K` is exactly 12300
/// and `3.4%` is the nearest double to 0.034.
///
/// ```swift
/// HumanNumber.parse("12.3K")  // .value(12300, isPercent: false)
/// HumanNumber.parse("n/a")    // .missing
/// ```
/// - Complexity: O(n) in the text length, no allocation for ASCII input.
package enum HumanNumber {
  /// The outcome of parsing.
  package enum Parsed: Sendable, Equatable {
    /// A number; `isPercent` when written with `%`.
    case value(Double, isPercent: Bool)
    /// Blank or a missing-value marker (`NaN`, `N/A`, `null`, `-`, `none`).
    case missing
    /// Not a number.
    case invalid
  }

  /// Parses text.
  package static func parse(_ text: String) -> Parsed {
    var copy = text
    return copy.withUTF8 { parse(UnsafeBufferPointer(rebasing: $0[...])) }
  }

  /// 10^`exponent` for `exponent` in 0...22, each exactly representable. A switch compiles to a
  /// constant table; a global array cost a lazy-initialization check, a retain and a release on
  /// every lookup, once per decimal number read.
  @inline(__always)
  static func powerOfTen(_ exponent: Int) -> Double {
    switch exponent {
    case 0: 1
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    default: 1e22
    }
  }

  /// Parses UTF-8 bytes.
  package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
    // Empty cells are common (a table's unused columns): missing, without the general path.
    if bytes.isEmpty { return .missing }
    if let plain = plainDecimal(bytes) { return .value(plain, isPercent: false) }
    return parseGeneral(bytes)
  }

  /// The common case in one pass: digits with at most one `.` and nothing else (`12345`, `0.62`),
  /// up to 15 significant digits; `nil` for anything else. The result equals the general path's.
  @inline(__always)
  static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard let (value, end) = plainDecimal(bytes, from: 0), end == bytes.count else { return nil }
    return value
  }

  /// The plain decimal that starts at `start` and runs to the first byte that is neither a digit
  /// nor its one dot, with where it ends: the rule of ``plainDecimal(_:)`` for a cell holding a
  /// list (`12000|12500`), read in the same pass that finds its separators.
  ///
  /// With eight bytes to read from `start`, a number of up to seven bytes (all the counts and
  /// shares of a usual export) is read as one word (``plainDecimalWord(_:from:)``); longer ones,
  /// and those near the end of `bytes`, byte by byte (``plainDecimalBytewise(_:from:)``). Both
  /// give the same result (tested on random bytes).
  ///
  /// - Returns: The value and the index of the byte after it; `nil` when that run is not 1–16
  ///   bytes with a digit and a dot neither first nor last.
  @inline(__always)
  static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    value: Double, end: Int
  )? {
    if bytes.count - start >= 8, let base = bytes.baseAddress {
      switch plainDecimalWord(
        UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self).littleEndian)
      {
      case .number(let value, let length): return (value, start + length)
      case .notPlain: return nil
      case .longer: break
      }
    }
    return plainDecimalBytewise(bytes, from: start)
  }

  /// What ``plainDecimalWord(_:)`` makes of eight bytes.
  enum WordDecimal {
    /// A plain decimal of `length` bytes, followed by a byte that ends it.
    case number(Double, length: Int)
    /// The bytes start with no plain decimal.
    case notPlain
    /// The number runs to the eighth byte or past: read it byte by byte.
    case longer
  }

  /// The plain decimal at the start of `word` (eight bytes, the first in the lowest), read
  /// without a loop.
  ///
  /// A byte is a digit when it XOR `0x30` is below 10: adding `0x76` then leaves its top bit
  /// clear, and every other byte has the top bit set in the sum or in itself. The lowest flagged
  /// byte is exact; a byte of `0x80` or more may carry into the one above it, so higher flags
  /// can be wrong, but only above a non-digit, and the second flag is read only when the first
  /// is a dot, which carries nothing. The digits are then combined four pairs, two quads, one
  /// octet at a time by multiplications (the well-known SWAR decimal parse).
  @inline(__always)
  static func plainDecimalWord(_ word: UInt64) -> WordDecimal {
    let values = word ^ 0x3030_3030_3030_3030
    let flags = ((values &+ 0x7676_7676_7676_7676) | values) & 0x8080_8080_8080_8080
    guard flags != 0 else { return .longer }
    let first = flags.trailingZeroBitCount >> 3
    if (word >> UInt64(first << 3)) & 0xFF != 0x2E {
      // No dot: the digits are the bytes before the first non-digit.
      guard first > 0 else { return .notPlain }
      return .number(Double(digitValue(values, count: first)), length: first)
    }
    // A dot at `first`: the fraction runs to the next non-digit.
    guard first > 0 else { return .notPlain }
    let rest = flags & (flags &- 1)
    guard rest != 0 else { return .longer }
    let second = rest.trailingZeroBitCount >> 3
    let decimals = second - first - 1
    guard decimals > 0 else { return .notPlain }
    let whole = digitValue(values, count: first)
    let fraction = digitValue(values >> UInt64((first + 1) << 3), count: decimals)
    let mantissa = whole &* UInt64(powerOfTen(decimals)) &+ fraction
    return .number(Double(mantissa) / powerOfTen(decimals), length: second)
  }

  /// The number whose `count` (1–8) decimal digits are the low bytes of `values` (each 0–9,
  /// the first digit lowest).
  @inline(__always)
  static func digitValue(_ values: UInt64, count: Int) -> UInt64 {
    // The digits to the top, zeros (leading zeros of the number) below them.
    var value = values << UInt64((8 - count) << 3)
    value = ((value & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
    value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
    return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
  }

  /// ``plainDecimal(_:from:)`` byte by byte: the reference, and the path for numbers of eight
  /// bytes or more and for the last bytes of a buffer.
  static func plainDecimalBytewise(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    value: Double, end: Int
  )? {
    var mantissa: UInt64 = 0
    var digits = 0
    // The offset of the dot, −1 without one.
    var dot = -1
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      let digit = byte &- 0x30
      if digit < 10 {
        // Wraps only past 19 digits, which the length check below rejects.
        mantissa = mantissa &* 10 &+ UInt64(digit)
        digits &+= 1
      } else if byte == 0x2E && dot < 0 {
        dot = index
      } else {
        break
      }
      index += 1
    }
    let length = index - start
    guard length > 0, length <= 16, digits > 0, dot != start, dot != index - 1 else { return nil }
    let decimals = dot < 0 ? 0 : index - 1 - dot
    return (decimals == 0 ? Double(mantissa) : Double(mantissa) / powerOfTen(decimals), index)
  }

  static func parseGeneral(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes, at: start) { start += spaceWidth(bytes, at: start) }
    while end > start, isTrailingSpace(bytes, end: end) {
      end -= trailingSpaceWidth(bytes, end: end)
    }
    if start == end { return .missing }
    if isMissingMarker(bytes, start, end) { return .missing }
    // "NaN%" and "n/a %" are missing percentages, not invalid ones.
    if bytes[end - 1] == UInt8(ascii: "%") {
      var markerEnd = end - 1
      while markerEnd > start, bytes[markerEnd - 1] == UInt8(ascii: " ") { markerEnd -= 1 }
      if markerEnd > start && isMissingMarker(bytes, start, markerEnd) { return .missing }
    }

    var index = start
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    index = skipCurrencySymbol(bytes, index, end)

    // Suffix: %, k, m, b (after optional spaces).
    var scaleExponent = 0
    var isPercent = false
    var digitsEnd = end
    let last = bytes[end - 1] | 0x20
    if bytes[end - 1] == UInt8(ascii: "%") {
      isPercent = true
      scaleExponent = -2
      digitsEnd -= 1
    } else if last == UInt8(ascii: "k") {
      scaleExponent = 3
      digitsEnd -= 1
    } else if last == UInt8(ascii: "m") {
      scaleExponent = 6
      digitsEnd -= 1
    } else if last == UInt8(ascii: "b") {
      scaleExponent = 9
      digitsEnd -= 1
    }
    while digitsEnd > index, bytes[digitsEnd - 1] == UInt8(ascii: " ") { digitsEnd -= 1 }
    guard digitsEnd > index else { return .invalid }

    guard let (mantissa, decimals, exponent) = parseDigits(bytes, index, digitsEnd) else {
      return .invalid
    }
    let totalExponent = scaleExponent + exponent - decimals
    var value: Double
    if mantissa < (1 << 53) && abs(totalExponent) <= 22 {
      let m = Double(mantissa)
      value = totalExponent >= 0 ? m * powerOfTen(totalExponent) : m / powerOfTen(-totalExponent)
    } else {
      // Rare long or huge literals: let the standard library round them.
      let text = "\(mantissa)e\(totalExponent)"
      guard let parsed = Double(text) else { return .invalid }
      value = parsed
    }
    if negative { value = -value }
    guard value.isFinite else { return .invalid }
    return .value(value, isPercent: isPercent)
  }

  /// Digits with separators → (integer mantissa, digits after the decimal mark, e-exponent).
  private static func parseDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> (UInt64, Int, Int)?
  {
    // Find the decimal mark.
    var lastComma = -1
    var lastDot = -1
    var commas = 0
    var dots = 0
    var exponentStart = end
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: ",") {
        lastComma = index
        commas += 1
      } else if byte == UInt8(ascii: ".") {
        lastDot = index
        dots += 1
      } else if byte | 0x20 == UInt8(ascii: "e"), index > start {
        exponentStart = index
        break
      }
      index += 1
    }
    var decimalMark = -1
    if commas > 0 && dots > 0 {
      decimalMark = max(lastComma, lastDot)
      let markIsComma = decimalMark == lastComma
      if (markIsComma && commas > 1) || (!markIsComma && dots > 1) { return nil }
    } else if dots == 1 {
      decimalMark = lastDot
    } else if commas == 1 {
      if !isThousandsGrouping(bytes, start, exponentStart, separator: UInt8(ascii: ",")) {
        decimalMark = lastComma
      }
    } else if dots > 1 {
      guard isThousandsGrouping(bytes, start, exponentStart, separator: UInt8(ascii: ".")) else {
        return nil
      }
    } else if commas > 1 {
      guard isThousandsGrouping(bytes, start, exponentStart, separator: UInt8(ascii: ",")) else {
        return nil
      }
    }

    var mantissa: UInt64 = 0
    var significant = 0
    var decimals = 0
    var droppedExponent = 0
    var sawDigit = false
    var afterMark = false
    index = start
    while index < exponentStart {
      let byte = bytes[index]
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        sawDigit = true
        if significant < 19 {
          mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
          if mantissa > 0 { significant += 1 }
          if afterMark { decimals += 1 }
        } else if !afterMark {
          droppedExponent += 1
        }
        index += 1
      } else if index == decimalMark {
        afterMark = true
        index += 1
      } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") {
        index += 1
      } else if isSpace(bytes, at: index) {
        // Spaces only between digit groups.
        guard sawDigit, !afterMark else { return nil }
        index += spaceWidth(bytes, at: index)
      } else {
        return nil
      }
    }
    guard sawDigit else { return nil }
    var exponent = droppedExponent
    if exponentStart < end {
      var cursor = exponentStart + 1
      var negativeExponent = false
      if cursor < end, bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") {
        negativeExponent = bytes[cursor] == UInt8(ascii: "-")
        cursor += 1
      }
      guard cursor < end else { return nil }
      var value = 0
      while cursor < end {
        let byte = bytes[cursor]
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"), value < 10_000 else {
          return nil
        }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
        cursor += 1
      }
      exponent += negativeExponent ? -value : value
    }
    return (mantissa, decimals, exponent)
  }

  /// Whether the separators split the digits into a first group of 1–3 digits (not a lone 0
  /// followed by more) and then groups of exactly three.
  private static func isThousandsGrouping(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, separator: UInt8
  ) -> Bool {
    var groupLength = 0
    var groups = 0
    var firstGroupStartsWithZero = false
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte == separator {
        if groups == 0 {
          guard (1...3).contains(groupLength), !firstGroupStartsWithZero else { return false }
        } else if groupLength != 3 {
          return false
        }
        groups += 1
        groupLength = 0
      } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        if groups == 0 && groupLength == 0 && byte == UInt8(ascii: "0") {
          firstGroupStartsWithZero = true
        }
        groupLength += 1
      } else {
        return false
      }
      index += 1
    }
    return groups > 0 && groupLength == 3
  }

  private static func skipCurrencySymbol(
    _ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int
  )
    -> Int
  {
    guard index < end else { return index }
    if bytes[index] == UInt8(ascii: "$") { return index + 1 }
    // € (E2 82 AC), £ (C2 A3), ¥ (C2 A5), ₴ (E2 82 B4), ₽ (E2 82 BD)
    if bytes[index] == 0xC2, index + 1 < end, bytes[index + 1] == 0xA3 || bytes[index + 1] == 0xA5 {
      return index + 2
    }
    if bytes[index] == 0xE2, index + 2 < end, bytes[index + 1] == 0x82,
      [0xAC, 0xB4, 0xBD].contains(bytes[index + 2])
    {
      return index + 3
    }
    return index
  }

  /// Whether `bytes` are a missing-value marker: `NaN`, `N/A`, `NA`, `null`, `none`, `-` or `?`,
  /// in any ASCII case. The one list of markers, for numbers and for list cells alike.
  static func isMissingMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    isMissingMarker(bytes, 0, bytes.count)
  }

  private static func isMissingMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Bool
  {
    let length = end - start
    guard length <= 4 else { return false }
    var key: UInt32 = 0
    for index in start..<end {
      let byte = bytes[index]
      key = key << 8 | UInt32(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
    }
    switch length {
    case 1: return bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "?")
    case 2: return key == 0x6E61  // na
    case 3: return key == 0x6E616E || key == 0x6E2F61  // nan, n/a
    case 4: return key == 0x6E756C6C || key == 0x6E6F6E65  // null, none
    default: return false
    }
  }

  private static func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    spaceWidth(bytes, at: index) > 0
  }

  /// Width in bytes of a space at `index`: ASCII space or tab (1), U+00A0 (2), U+202F (3).
  private static func spaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let byte = bytes[index]
    if byte == 0x20 || byte == 0x09 { return 1 }
    if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { return 2 }
    if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xAF {
      return 3
    }
    return 0
  }

  private static func isTrailingSpace(_ bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
    trailingSpaceWidth(bytes, end: end) > 0
  }

  private static func trailingSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Int {
    let byte = bytes[end - 1]
    if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { return 1 }
    if end >= 2, bytes[end - 2] == 0xC2, byte == 0xA0 { return 2 }
    if end >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80, byte == 0xAF { return 3 }
    return 0
  }
}
