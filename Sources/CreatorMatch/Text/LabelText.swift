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
    return normalizedMixed(header)
  }

  /// ``normalized(_:)`` of any text, scalar by scalar as ``normalizedByScalars(_:)`` reads the
  /// lower-cased text (`String.lowercased()` maps each scalar by its lower-case mapping), but
  /// with ASCII by byte rules and the two-byte UTF-8 scalars (Latin, Greek, Cyrillic, …) by a
  /// table made once from the same properties: the bios the account-type rule reads are mostly
  /// in those scripts, and a property look-up per scalar was most of the rule's time.
  static func normalizedMixed(_ header: String) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(header.utf8.count + 8)
    var pendingSpace = false
    func put(_ scalar: Unicode.Scalar, isWord: Bool) {
      if isWord {
        if pendingSpace && !output.isEmpty { output.append(0x20) }
        pendingSpace = false
        UTF8.encode(scalar) { output.append($0) }
      } else {
        pendingSpace = true
      }
    }
    let table = twoByteScalars
    for scalar in header.unicodeScalars {
      let value = scalar.value
      if value < 0x80 {
        if value == 0x2B {  // "+"
          if !output.isEmpty { output.append(0x20) }
          output.append(contentsOf: "plus".utf8)
          pendingSpace = false
          continue
        }
        var byte = UInt8(value)
        if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
        put(
          Unicode.Scalar(byte),
          isWord: (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39))
      } else if value < 0x800, let mapped = table[Int(value) - 0x80] {
        put(mapped.scalar, isWord: mapped.isWord)
      } else {
        // Lower-case mappings never give "+", so only the word rule applies.
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
          put(lower, isWord: isWord(lower))
        }
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Whether ``normalizedByScalars(_:)`` keeps `scalar` as part of a word.
  private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  /// For U+0080–U+07FF: the scalar's lower-case mapping when it is one scalar, and whether that
  /// is part of a word; `nil` for the few whose mapping is longer (they take the general path).
  private static let twoByteScalars: [(scalar: Unicode.Scalar, isWord: Bool)?] = (0x80..<0x800)
    .map { value in
      guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
      let mapping = Array(scalar.properties.lowercaseMapping.unicodeScalars)
      guard mapping.count == 1 else { return nil }
      return (mapping[0], isWord(mapping[0]))
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
