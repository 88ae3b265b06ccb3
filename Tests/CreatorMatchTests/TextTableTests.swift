import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

@Suite("Text table layout")
struct TextTableTests {
  @Test("columns are as wide as their widest cell, two spaces apart, numbers right-aligned")
  func alignment() {
    var table = TextTable(columns: [.init(title: "#", alignRight: true), .init(title: "name")])
    table.add(["1", "ania"])
    table.add(["10", "bo"])
    #expect(table.render(width: 80) == " #  name\n 1  ania\n10  bo\n")
  }

  @Test("widths count display cells: a CJK cell of two characters is four cells wide")
  func displayCells() {
    var table = TextTable(columns: [.init(title: "city"), .init(title: "n", alignRight: true)])
    table.add(["東京", "1"])
    table.add(["Kyiv", "12"])
    #expect(table.render(width: 80) == "city   n\n東京   1\nKyiv  12\n")
  }

  @Test("missing cells are blank and trailing spaces are trimmed from every line")
  func missingCells() {
    var table = TextTable(columns: [.init(title: "a"), .init(title: "b"), .init(title: "c")])
    table.add(["x"])
    table.add(["", "", "z"])
    #expect(table.render(width: 80) == "a  b  c\nx\n      z\n")
    #expect(table.rows == [["x"], ["", "", "z"]])
  }

  @Test("C0 and C1 controls (ESC, OSC, BEL, CSI) never reach the terminal; breaks become spaces")
  func controlsStripped() {
    var table = TextTable(columns: [.init(title: "creator"), .init(title: "n", alignRight: true)])
    table.add(["@a\u{1B}[31mred\u{1B}]0;title\u{07}\u{9B}2J\u{7F}", "1"])
    table.add(["two\nlines\tx", "2"])
    let text = table.render(width: 80)
    #expect(
      text
        == "creator              n\n@a[31mred]0;title2J  1\ntwo lines x          2\n")
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
  }

  @Test("a table without rows renders its header line")
  func headerOnly() {
    let table = TextTable(columns: [.init(title: "id"), .init(title: "score", alignRight: true)])
    #expect(table.render(width: 80) == "id  score\n")
  }

  static let handleColumns: [TextTable.Column] = [
    .init(title: "creator", flexible: true), .init(title: "score", alignRight: true),
  ]

  @Test(
    "the flexible column narrows by the excess, with an ellipsis, down to its minimum width",
    arguments: [
      // natural width 23 + 2 + 5 = 30
      (30, "creator                  score\na-very-long-handle-name   12.5\n"),
      // 10 cells too wide: creator 23 → 13
      (20, "creator        score\na-very-long-…   12.5\n"),
      // would need 5; the minimum of 8 holds and the line stays 15 cells wide
      (12, "creator   score\na-very-…   12.5\n"),
    ])
  func flexibleNarrowing(width: Int, expected: String) {
    var table = TextTable(columns: Self.handleColumns)
    table.add(["a-very-long-handle-name", "12.5"])
    #expect(table.render(width: width) == expected)
  }

  static let droppingColumns: [TextTable.Column] = [
    .init(title: "#"),
    .init(title: "creator", flexible: true),
    .init(title: "followers", alignRight: true, dropPriority: 2),
    .init(title: "notes", dropPriority: 1),
  ]

  @Test(
    "columns are dropped lowest priority first, the flexible column widening back to fit",
    arguments: [
      // natural: 1 + 10 + 9 + 15 + 3 × 2 = 41
      (41, "#  creator     followers  notes\n1  @ania.glow     12,400  sponsored often\n"),
      // notes (priority 1) goes; creator is back at its natural 10: 24 cells
      (30, "#  creator     followers\n1  @ania.glow     12,400\n"),
      // followers (priority 2) goes too: 13 cells
      (20, "#  creator\n1  @ania.glow\n"),
      // priority 0 is never dropped: the flexible column stops at its minimum of 8 (11 cells)
      (10, "#  creator\n1  @ania.g…\n"),
    ])
  func dropping(width: Int, expected: String) {
    var table = TextTable(columns: Self.droppingColumns)
    table.add(["1", "@ania.glow", "12,400", "sponsored often"])
    #expect(table.render(width: width) == expected)
  }

  @Test("a droppable column that does not fit is dropped whole, not truncated")
  func droppedWhole() {
    var table = TextTable(columns: [
      .init(title: "id"), .init(title: "bio", dropPriority: 1),
    ])
    table.add(["c1", "a long biography line"])
    // 2 + 2 + 21 = 25 > 10: bio is dropped rather than cut.
    #expect(table.render(width: 10) == "id\nc1\n")
    #expect(table.render(width: 25) == "id  bio\nc1  a long biography line\n")
  }
}
