import Testing

@testable import CreatorMatch

/// `TwoLetterCode.pack` packs without an array of letters; it must give what the array version
/// (kept here as the reference) gave, for every short text.
@Suite("Two-letter codes")
struct TwoLetterCodeTests {
  /// The packing as it was: letters collected in an array.
  static func reference(_ code: String?) -> UInt16 {
    guard let code else { return 0 }
    var letters: [UInt8] = []
    for byte in code.utf8 {
      let lower = byte | 0x20
      guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") else { return 0 }
      letters.append(lower - UInt8(ascii: "a"))
      if letters.count > 2 { return 0 }
    }
    guard letters.count == 2 else { return 0 }
    return 1 + UInt16(letters[0]) * 26 + UInt16(letters[1])
  }

  @Test("hand-computed values")
  func values() {
    #expect(TwoLetterCode.pack("PL") == 1 + 15 * 26 + 11)
    #expect(TwoLetterCode.pack("pl") == 1 + 15 * 26 + 11)
    #expect(TwoLetterCode.pack("aa") == 1)
    #expect(TwoLetterCode.pack("ZZ") == 676)
    for code in [nil, "", "P", "POL", "P1", "p@", "é", "PL "] as [String?] {
      #expect(TwoLetterCode.pack(code) == 0, "\(code ?? "nil")")
    }
    #expect(TwoLetterCode.unpack(TwoLetterCode.pack("de")) == "DE")
  }

  @Test("every text of up to three bytes from letters, neighbours and non-ASCII bytes")
  func everyShortText() {
    let bytes: [UInt8] = [0x00, 0x20, 0x40, 0x41, 0x4D, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0xC3]
    var texts: [String] = [""]
    for first in bytes {
      texts.append(String(decoding: [first], as: UTF8.self))
      for second in bytes {
        texts.append(String(decoding: [first, second], as: UTF8.self))
        for third in bytes {
          texts.append(String(decoding: [first, second, third], as: UTF8.self))
        }
      }
    }
    texts += ["żó", "Ωx", "xΩ"]
    for text in texts {
      #expect(TwoLetterCode.pack(text) == Self.reference(text), "\(Array(text.utf8))")
      // The same text in heap storage of its own (a small string's bytes are read from a copy
      // on the stack, a native string's where they lie).
      var heap = ""
      heap.reserveCapacity(64)
      heap += text
      #expect(TwoLetterCode.pack(heap) == Self.reference(text), "\(Array(text.utf8))")
    }
  }
}

/// `AccountType.known(handle:id:)` looks the handle and the id up one by one (no array of them).
@Suite("Listed accounts")
struct KnownAccountTests {
  @Test("the handle first, then the id; in lower case, without a leading @")
  func lookups() {
    let nike = AccountType.knownAccounts["nike"]
    #expect(nike != nil)
    #expect(AccountType.known(handle: "@Nike", id: "c1") == nike)
    #expect(AccountType.known(handle: nil, id: "NIKE") == nike)
    #expect(AccountType.known(handle: "someone", id: "@nike") == nike)
    #expect(AccountType.known(handle: "someone", id: "c1") == nil)
    #expect(AccountType.known(handle: nil, id: "") == nil)
    #expect(AccountType.known(handle: "@@nike", id: "c1") == nil)
    // The handle wins when both are listed.
    let listed = AccountType.knownAccounts.first { $0.value != nike }
    if let listed {
      #expect(AccountType.known(handle: listed.key, id: "nike") == listed.value)
    }
  }
}
