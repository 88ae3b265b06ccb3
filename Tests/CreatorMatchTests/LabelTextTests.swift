import CreatorMatchSupport
import Testing

@testable import CreatorMatch

/// `LabelText.normalized` reads ASCII text byte by byte; it must give what the Unicode path
/// (kept as `normalizedByScalars`, the reference) gives, and leave other text to it.
@Suite("Label text: the ASCII path against the Unicode one")
struct LabelTextTests {
  @Test("hand-written headers, labels and bios")
  func handWritten() {
    let cases: [(String, String)] = [
      ("Avg. Likes", "avg likes"), ("avg_likes", "avg likes"), ("#Followers", "followers"),
      ("C++ dev", "c plus plus dev"), ("+1 (555)", "plus1 555"), ("  a--b  ", "a b"),
      ("", ""), ("+", "plus"), ("x+", "x plus"), ("Line\r\nbreak\tTAB", "line break tab"),
      ("Official Store 24/7", "official store 24 7"), ("@Brand.Co", "brand co"),
    ]
    for (text, expected) in cases {
      #expect(LabelText.normalized(text) == expected, "\(text)")
      #expect(LabelText.normalizedByScalars(text) == expected, "\(text)")
      #expect(LabelText.normalizedASCII(text) == expected, "\(text)")
    }
  }

  @Test("random ASCII text: the same as the Unicode path")
  func randomASCII() {
    var random = SeededRandom(seed: 18)
    for _ in 0..<5_000 {
      let length = Int(random.next() % 40)
      let bytes = (0..<length).map { _ in UInt8(random.next() % 128) }
      let text = String(decoding: bytes, as: UTF8.self)
      #expect(LabelText.normalizedASCII(text) == LabelText.normalizedByScalars(text), "\(bytes)")
    }
  }

  @Test("text past ASCII takes the Unicode path")
  func nonASCII() {
    for text in ["Zażółć gęślą", "Мода + стиль", "café au lait", "x²", "Ⅻ roman", "日本語 ok"] {
      #expect(LabelText.normalizedASCII(text) == nil)
      #expect(LabelText.normalized(text) == LabelText.normalizedByScalars(text))
    }
    #expect(LabelText.normalized("Мода + стиль") == "мода plus стиль")
  }

  @Test("random text from ASCII, two-byte and wider scalars: the same as the Unicode path")
  func randomUnicode() {
    var random = SeededRandom(seed: 19)
    // Ranges that hold letters, digits, marks, punctuation and multi-scalar lower-case mappings
    // (U+0130 İ), and surrogates' neighbours.
    let ranges: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0x80...0x24F, 0x370...0x3FF, 0x400...0x52F, 0x590...0x6FF, 0x700...0x7FF,
      0x1E00...0x1FFF, 0x2000...0x2BFF, 0x3000...0x30FF, 0xD7F0...0xD7FF, 0xE000...0xE0FF,
      0x1F300...0x1F6FF,
    ]
    for _ in 0..<5_000 {
      var text = ""
      for _ in 0..<Int(random.next() % 30) {
        let range = ranges[Int(random.next() % UInt64(ranges.count))]
        let value = range.lowerBound + UInt32(random.next() % UInt64(range.count))
        if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
      }
      #expect(LabelText.normalizedMixed(text) == LabelText.normalizedByScalars(text), "\(text)")
      #expect(LabelText.normalized(text) == LabelText.normalizedByScalars(text), "\(text)")
    }
    // Every two-byte scalar alone and between letters.
    for value in UInt32(0x80)..<0x800 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      for text in [String(Character(scalar)), "a\(Character(scalar))b", "+\(Character(scalar))+"] {
        #expect(LabelText.normalizedMixed(text) == LabelText.normalizedByScalars(text), "\(value)")
      }
    }
  }

  @Test("the bio rule reads bios as before, on the generated ones")
  func bios() {
    for generated in DatasetGenerator(seed: 7).creators(count: 2_000) {
      let bio = generated.creator.bio
      #expect(LabelText.normalized(bio) == LabelText.normalizedByScalars(bio), "\(bio)")
      #expect(LabelText.normalizedMixed(bio) == LabelText.normalizedByScalars(bio), "\(bio)")
    }
  }

  @Test(
    "words by bytes equal String.split(separator: \" \"), also where a space joins a mark",
    arguments: [20, 21, 22])
  func wordsEqualSplit(seed: UInt64) {
    func same(_ text: String) -> Bool {
      let expected = text.split(separator: " ")
      let words = LabelText.words(text)
      // The same slices, byte for byte (Substring equality alone is canonical equivalence).
      return words.count == expected.count
        && zip(words, expected).allSatisfy {
          $0.startIndex == $1.startIndex && $0.endIndex == $1.endIndex
        }
    }
    // Scalars that join a space before them (combining acute U+0301, Devanagari sign U+0903,
    // Thai sara am U+0E33, Hebrew point U+05B4, zero-width joiner U+200D, skin tone U+1F3FB,
    // halfwidth voiced mark U+FF9E), one that joins a space after it (Malayalam dot reph U+0D4E,
    // a prepended letter), and plain letters of several scripts.
    let alphabet: [Unicode.Scalar] = [
      " ", " ", " ", "a", "Z", "1", "é", "ж", "ą", "日", "ｶ", "\u{301}", "\u{903}", "\u{E33}",
      "\u{5B4}", "\u{200D}", "\u{1F3FB}", "\u{FF9E}", "\u{D4E}", "\u{1F600}", "\u{AC00}",
    ]
    var random = SeededRandom(seed: seed)
    for _ in 0..<5_000 {
      var text = String.UnicodeScalarView()
      for _ in 0..<Int(random.next() % 16) {
        text.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
      }
      #expect(same(String(text)), "\(String(text).unicodeScalars.map(\.value))")
    }
    for text in [
      "", " ", "  ", "a", " a ", "a b", "a\u{301} b", "a \u{301}b", "\u{D4E} b", "x\u{D4E} y",
    ] {
      #expect(same(text), "\(text.unicodeScalars.map(\.value))")
    }
    // Every two-byte scalar on either side of a space.
    for value in UInt32(0x80)..<0x800 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let character = Character(scalar)
      #expect(same("a\(character) b"), "\(value)")
      #expect(same("a \(character)b"), "\(value)")
    }
  }
}
