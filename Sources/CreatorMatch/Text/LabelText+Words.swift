extension LabelText {
  /// The words of `text`, equal to `text.split(separator: " ")` (and the same slices of it), found
  /// by its bytes.
  ///
  /// `String.split` compares whole characters, which runs the grapheme-breaking rules over every
  /// scalar: most of the account-type bio rule's time. A space is a separator only when it is a
  /// character of its own, and whether a break falls before it depends only on the scalar before
  /// it (a prepended mark joins it) and after it only on the scalar after it (a combining mark,
  /// a spacing mark or a joiner joins it): no rule that looks further back can join a space. So
  /// a space next to an ASCII byte always separates, and next to another scalar the pair is
  /// asked once (from a table for two-byte scalars, by the standard library's own rules).
  ///
  /// - Parameter text: Any text; ``normalized(_:)`` gives single spaces between words.
  /// - Returns: The non-empty runs between separating spaces.
  /// - Complexity: O(n) in the text's bytes.
  package static func words(_ text: String) -> [Substring] {
    var text = text
    let bounds = text.withUTF8 { bytes -> [(Int, Int)] in
      var bounds: [(Int, Int)] = []
      var start = 0
      for index in bytes.indices where bytes[index] == 0x20 {
        guard separates(bytes, space: index) else { continue }
        if start < index { bounds.append((start, index)) }
        start = index + 1
      }
      if start < bytes.count { bounds.append((start, bytes.count)) }
      return bounds
    }
    let utf8 = text.utf8
    return bounds.map { start, end in
      let lower = utf8.index(utf8.startIndex, offsetBy: start)
      let upper = utf8.index(lower, offsetBy: end - start)
      return text[lower..<upper]
    }
  }

  /// Whether the space at `space` is a character of its own.
  private static func separates(_ bytes: UnsafeBufferPointer<UInt8>, space: Int) -> Bool {
    if space > 0 && bytes[space - 1] >= 0x80 {
      // The scalar before: back to its lead byte.
      var lead = space - 1
      while lead > 0 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
      if !breaks(scalar(bytes, at: lead), beforeSpace: true) { return false }
    }
    if space + 1 < bytes.count && bytes[space + 1] >= 0x80 {
      if !breaks(scalar(bytes, at: space + 1), beforeSpace: false) { return false }
    }
    return true
  }

  /// The scalar whose UTF-8 starts at `index` of valid UTF-8.
  private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Unicode.Scalar {
    var iterator = UTF8.ForwardParser()
    var source = bytes[index...].makeIterator()
    guard case .valid(let encoded) = iterator.parseScalar(from: &source) else { return " " }
    return UTF8.decode(encoded)
  }

  /// Whether a grapheme break falls between `scalar` and a space after it (`beforeSpace`), or
  /// between a space and `scalar` after it.
  private static func breaks(_ scalar: Unicode.Scalar, beforeSpace: Bool) -> Bool {
    let value = Int(scalar.value)
    if value < 0x800 {
      let bits = spaceBreaks[value]
      return bits & (beforeSpace ? 1 : 2) != 0
    }
    return pairBreaks(scalar, beforeSpace: beforeSpace)
  }

  /// The standard library's answer for one pair: two characters, or one.
  private static func pairBreaks(_ scalar: Unicode.Scalar, beforeSpace: Bool) -> Bool {
    var pair = String.UnicodeScalarView()
    pair.append(beforeSpace ? scalar : " ")
    pair.append(beforeSpace ? " " : scalar)
    return String(pair).count == 2
  }

  /// For scalars below U+0800: bit 0 when a break falls between the scalar and a space after
  /// it, bit 1 when one falls between a space and the scalar after it.
  private static let spaceBreaks: [UInt8] = (0..<0x800).map { value in
    guard let scalar = Unicode.Scalar(UInt32(value)) else { return 3 }
    return (pairBreaks(scalar, beforeSpace: true) ? 1 : 0)
      | (pairBreaks(scalar, beforeSpace: false) ? 2 : 0)
  }
}
