import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

@Suite("Display width of terminal text")
struct DisplayWidthTests {
  @Test(
    "ASCII, Latin, Cyrillic and other narrow scripts take one cell per character",
    arguments: [
      ("", 0),
      ("a", 1),
      ("@ania.glow", 10),
      ("Łódź", 4),
      ("Привіт", 6),
      ("ｱｲｳ", 3),  // half-width katakana U+FF71…
      ("α+β", 3),
    ])
  func narrow(text: String, cells: Int) {
    #expect(DisplayWidth.of(text) == cells)
  }

  @Test(
    "CJK, kana, Hangul and full-width forms take two cells per character",
    arguments: [
      ("東京", 4),
      ("ひらがな", 8),
      ("カタカナ", 8),
      ("서울", 4),  // Hangul syllables U+AC00…
      ("ＡＢ", 4),  // full-width Latin U+FF21…
      ("。", 2),  // CJK punctuation U+3002
      ("𠀋", 2),  // CJK extension B, outside the BMP
      ("東京 tower", 10),
    ])
  func wide(text: String, cells: Int) {
    #expect(DisplayWidth.of(text) == cells)
  }

  @Test(
    "combining marks, zero-width characters, variation selectors and controls take no cells",
    arguments: [
      ("e\u{301}", 1),  // e + combining acute
      ("a\u{308}\u{323}", 1),  // a + two combining marks
      ("\u{438}\u{306}", 1),  // и + combining breve: й decomposed
      ("a\u{200B}b", 2),  // zero-width space
      ("a\u{200D}b", 2),  // zero-width joiner
      ("\u{2764}\u{FE0F}", 1),  // heavy heart (narrow here) + variation selector 16
      ("a\tb\n", 2),  // C0 controls
      ("か\u{3099}", 2),  // kana + combining voiced mark
    ])
  func zeroWidth(text: String, cells: Int) {
    #expect(DisplayWidth.of(text) == cells)
  }

  @Test(
    "emoji in the pictograph, emoticon and supplemental-symbol blocks take two cells",
    arguments: [
      ("😀", 2),  // U+1F600 emoticons
      ("🌍", 2),  // U+1F30D miscellaneous symbols and pictographs
      ("🤖", 2),  // U+1F916 supplemental symbols and pictographs
      ("hi 👋", 5),  // U+1F44B
    ])
  func emoji(text: String, cells: Int) {
    #expect(DisplayWidth.of(text) == cells)
  }

  @Test(
    "block boundaries: the first and last scalar of a wide range are wide, their neighbours not",
    arguments: [
      (0x10FF, 1), (0x1100, 2), (0x115F, 2), (0x1160, 1),
      (0x4E00, 2), (0x9FFF, 2), (0xA4CF, 2), (0xA4D0, 1),
      (0xFF60, 2), (0xFF61, 1),
      (0x1F2FF, 1), (0x1F300, 2), (0x1F64F, 2), (0x1F650, 1),
      (0x1F8FF, 1), (0x1F900, 2), (0x1F9FF, 2), (0x1FA00, 1),
      (0x1F, 0), (0x20, 1), (0x7E, 1),
    ])
  func boundaries(value: UInt32, cells: Int) throws {
    let scalar = try #require(Unicode.Scalar(value))
    #expect(DisplayWidth.width(of: scalar) == cells, "U+\(String(value, radix: 16))")
  }

  @Test(
    "truncate keeps text that fits and otherwise cuts to width − 1 cells plus an ellipsis",
    arguments: [
      ("abcdef", 6, "abcdef"),
      ("abcdef", 10, "abcdef"),
      ("abcdef", 5, "abcd…"),
      ("abcdef", 2, "a…"),
      ("abcdef", 1, "…"),
      ("abcdef", 0, ""),
      ("東京タワー", 10, "東京タワー"),
      ("東京タワー", 5, "東京…"),
      ("東京タワー", 4, "東…"),  // 東京 would need 4 + 1 cells: stop one cell short
      ("e\u{301}e\u{301}e\u{301}e\u{301}", 3, "e\u{301}e\u{301}…"),
    ])
  func truncate(text: String, width: Int, expected: String) {
    let result = DisplayWidth.truncate(text, to: width)
    #expect(result == expected)
    #expect(DisplayWidth.of(result) <= max(width, 0))
  }

  @Test("pad fills to the width in display cells, on the right or (right-aligned) on the left")
  func pad() {
    #expect(DisplayWidth.pad("ab", to: 5) == "ab   ")
    #expect(DisplayWidth.pad("ab", to: 5, alignRight: true) == "   ab")
    #expect(DisplayWidth.pad("東京", to: 6) == "東京  ")
    #expect(DisplayWidth.pad("東京", to: 6, alignRight: true) == "  東京")
    #expect(DisplayWidth.pad("e\u{301}", to: 3) == "e\u{301}  ")
  }

  @Test("pad leaves text that is already at or over the width unchanged")
  func padOverflow() {
    #expect(DisplayWidth.pad("abcdef", to: 3) == "abcdef")
    #expect(DisplayWidth.pad("東京", to: 4, alignRight: true) == "東京")
    #expect(DisplayWidth.pad("東京", to: 3) == "東京")
  }
}
