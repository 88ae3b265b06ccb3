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

  @Test("the bio rule reads bios as before, on the generated ones")
  func bios() {
    for generated in DatasetGenerator(seed: 7).creators(count: 2_000) {
      let bio = generated.creator.bio
      #expect(LabelText.normalized(bio) == LabelText.normalizedByScalars(bio), "\(bio)")
    }
  }
}
