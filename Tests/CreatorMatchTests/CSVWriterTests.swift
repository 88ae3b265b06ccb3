import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

@Suite("CSV writer: RFC 4180 quoting and the formula guard")
struct CSVWriterTests {
  @Test(
    "a field is quoted, with inner quotes doubled, exactly when it holds a comma, quote, CR or LF",
    arguments: [
      ("plain", "plain"),
      ("", ""),
      ("two words", "two words"),
      ("a,b", "\"a,b\""),
      ("say \"hi\"", "\"say \"\"hi\"\"\""),
      ("\"", "\"\"\"\""),
      ("line1\nline2", "\"line1\nline2\""),
      ("cr\rhere", "\"cr\rhere\""),
      ("crlf\r\nhere", "\"crlf\r\nhere\""),
      ("東京,大阪", "\"東京,大阪\""),
      ("semi;colon\ttab", "semi;colon\ttab"),
    ])
  func quoting(field: String, expected: String) {
    #expect(CSVWriter.escape(field) == expected)
  }

  @Test(
    "a text cell starting with =, +, - or @ gets a leading apostrophe",
    arguments: [
      ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
      ("+48 600 000 000", "'+48 600 000 000"),
      ("-5", "'-5"),
      ("@ania.glow", "'@ania.glow"),
      ("=", "'="),
    ])
  func formulaGuard(field: String, expected: String) {
    #expect(CSVWriter.escape(field) == expected)
  }

  @Test(
    "only the first character triggers the guard; other leading characters are left alone",
    arguments: [
      ("a=b", "a=b"),
      ("x-1", "x-1"),
      ("mail@example.com", "mail@example.com"),
      (" =1+1", " =1+1"),
      ("'=already", "'=already"),
      ("#tag", "#tag"),
    ])
  func guardOnlyAtStart(field: String, expected: String) {
    #expect(CSVWriter.escape(field) == expected)
  }

  @Test("a guarded cell that also needs quoting is guarded first, then quoted")
  func guardThenQuote() {
    #expect(CSVWriter.escape("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
    #expect(CSVWriter.escape("-a,b") == "\"'-a,b\"")
  }

  @Test("text rows join escaped cells with commas and end each line with LF")
  func textRows() {
    var csv = CSVWriter()
    #expect(csv.text.isEmpty)
    csv.row(["id", "note"])
    csv.row(["=cmd", "a,b"])
    csv.row(["c1", ""])
    #expect(csv.text == "id,note\n'=cmd,\"a,b\"\nc1,\n")
  }

  @Test("an empty row is an empty line")
  func emptyRow() {
    var csv = CSVWriter()
    csv.row([String]())
    csv.row([String]())
    #expect(csv.text == "\n\n")
  }

  @Test("number cells are written as given (a negative number is not guarded); text cells are")
  func cellRows() {
    var csv = CSVWriter()
    csv.row([.text("-x"), .number("-12.5"), .text("a\"b"), .number("3")])
    #expect(csv.text == "'-x,-12.5,\"a\"\"b\",3\n")
  }
}
