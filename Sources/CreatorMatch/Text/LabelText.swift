/// Text of column headers and category labels in a form that compares equal across spellings.
package enum LabelText {
  /// A header in comparable form: lower case, `_ - . # / ( )` and line breaks as spaces, runs of
  /// spaces collapsed, trimmed, and `+` spelled "plus". `"Avg. Likes"`, `"avg_likes"` and
  /// `"#Followers"` become `"avg likes"`, `"avg likes"` and `"followers"`.
  package static func normalized(_ header: String) -> String {
    // Most text is ASCII (every bio the account-type rule reads, a million for a large table):
    // it is read byte by byte, without lower-casing a copy and without a Unicode property
    // look-up per scalar. Anything else takes the general path.
    if let ascii = normalizedASCII(header) { return ascii }
    return normalizedByScalars(header)
  }

  /// ``normalized(_:)`` by Unicode scalar properties, for any text (and the reference the ASCII
  /// path is tested against).
  package static func normalizedByScalars(_ header: String) -> String {
    var result = ""
    var pendingSpace = false
    for scalar in header.lowercased().unicodeScalars {
      if scalar == "+" {
        if !result.isEmpty { result += " " }
        result += "plus"
        pendingSpace = false
        continue
      }
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if pendingSpace && !result.isEmpty { result += " " }
        pendingSpace = false
        result.unicodeScalars.append(scalar)
      } else {
        pendingSpace = true
      }
    }
    return result
  }

  /// ``normalized(_:)`` of ASCII text, or `nil` when `header` has a byte past ASCII. For ASCII,
  /// lower-casing maps only `A`–`Z`, and the letters and digits are the only alphabetic and
  /// numeric scalars, so the rules are the same byte for byte.
  static func normalizedASCII(_ header: String) -> String? {
    var header = header
    return header.withUTF8 { bytes -> String? in
      var ascii: UInt8 = 0
      for byte in bytes { ascii |= byte }
      guard ascii < 0x80 else { return nil }
      // At most the text's length, or five bytes (" plus") for each `+`.
      var room = 0
      for byte in bytes { room += byte == UInt8(ascii: "+") ? 5 : 1 }
      return String(unsafeUninitializedCapacity: room) { output in
        var written = 0
        var pendingSpace = false
        func put(_ byte: UInt8) {
          output[written] = byte
          written += 1
        }
        for var byte in bytes {
          if byte == UInt8(ascii: "+") {
            if written > 0 { put(0x20) }
            for letter in "plus".utf8 { put(letter) }
            pendingSpace = false
            continue
          }
          if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
          let isWord =
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
          if isWord {
            if pendingSpace && written > 0 { put(0x20) }
            pendingSpace = false
            put(byte)
          } else {
            pendingSpace = true
          }
        }
        return written
      }
    }
  }
}
