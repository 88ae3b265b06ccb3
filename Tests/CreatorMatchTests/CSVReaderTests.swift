import Foundation
import Testing

@testable import CreatorMatch

@Suite("Streaming RFC 4180 reader")
struct CSVReaderTests {
  func records(_ text: String, chunkSize: Int = 1 << 20, delimiter: UInt8? = nil) throws -> (
    header: [String], rows: [[String]], lines: [Int]
  ) {
    var reader = try CSVReader(
      bytes: Array(text.utf8), name: "t.csv", delimiter: delimiter, chunkSize: chunkSize)
    var record = CSVRecord()
    var rows: [[String]] = []
    var lines: [Int] = []
    while try reader.next(into: &record) {
      rows.append((0..<record.count).map { record.string(at: $0) })
      lines.append(record.line)
    }
    return (reader.header, rows, lines)
  }

  @Test("handles BOM, CRLF, quoted delimiters, doubled quotes and embedded newlines")
  func quoting() throws {
    let text = "\u{FEFF}id,bio\r\n1,\"a, \"\"b\"\"\nc\"\r\n\r\n2,plain\r\n"
    for chunk in [1, 2, 3, 7, 1 << 20] {
      let result = try records(text, chunkSize: chunk)
      #expect(result.header == ["id", "bio"])
      #expect(result.rows == [["1", "a, \"b\"\nc"], ["2", "plain"]], "chunk \(chunk)")
      #expect(result.lines == [2, 5], "chunk \(chunk)")
    }
  }

  @Test("reads the last record once when the file does not end in a newline")
  func lastLineWithoutNewline() throws {
    for chunk in [1, 4, 1 << 20] {
      let result = try records("a\tb\n1\t2\n3\t4", chunkSize: chunk)
      #expect(result.rows == [["1", "2"], ["3", "4"]])
    }
  }

  @Test(
    "detects the delimiter from the header",
    arguments: [("a,b\n1,2\n", ","), ("a\tb\n1\t2\n", "\t"), ("a;b\n1;2\n", ";")])
  func detectsDelimiter(text: String, delimiter: String) throws {
    let reader = try CSVReader(bytes: Array(text.utf8), name: "t")
    #expect(reader.delimiter == Array(delimiter.utf8)[0])
  }

  @Test("skips blank lines and keeps quoted empty fields")
  func blankLines() throws {
    let result = try records("a\n\n\"\"\n\nx\n")
    #expect(result.rows == [[""], ["x"]])
  }

  @Test("an unterminated quote is reported at the line where it opens")
  func unterminatedQuote() throws {
    do {
      _ = try records("a,b\n1,\"open\n2,3\n")
      Issue.record("expected an error")
    } catch let error as IngestError {
      guard case .badRow(let diagnostic) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(diagnostic.line == 2)
      #expect(diagnostic.rule == "unterminated-quote")
    }
  }

  @Test("transcodes UTF-16 files with a byte order mark")
  func utf16() throws {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in "id,name\n1,Kraków\n".utf16 {
      bytes.append(UInt8(unit & 0xFF))
      bytes.append(UInt8(unit >> 8))
    }
    let path = try Fixtures.file("u16.csv", "")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    var reader = try CSVReader(path: path)
    var record = CSVRecord()
    #expect(try reader.next(into: &record))
    #expect(record.string(at: 1) == "Kraków")
  }
}
