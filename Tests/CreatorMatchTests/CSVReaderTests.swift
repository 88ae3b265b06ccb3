import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO
@testable import CreatorMatchSupport

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

  @Test(
    "transcodes UTF-16 files with a byte order mark, and without one",
    arguments: [(true, true), (false, true), (true, false), (false, false)])
  func utf16(littleEndian: Bool, mark: Bool) throws {
    var bytes: [UInt8] = mark ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
    for unit in "id,name\n1,Kraków\n".utf16 {
      let (low, high) = (UInt8(unit & 0xFF), UInt8(unit >> 8))
      bytes += littleEndian ? [low, high] : [high, low]
    }
    let path = try Fixtures.file("u16.csv", "")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    var reader = try CSVReader(path: path)
    var record = CSVRecord()
    #expect(try reader.next(into: &record))
    #expect(record.string(at: 1) == "Kraków")
  }

  @Test(
    "only a byte order mark or NUL-interleaved ASCII is taken for UTF-16",
    arguments: [
      ([0x69, 0x64, 0x2C, 0x6E], false), ([0xEF, 0xBB, 0xBF, 0x69], false),
      ([0x69, 0x00, 0x64, 0x00], true), ([0x00, 0x69, 0x00, 0x64], true),
      ([0x69, 0x00], false), ([0xC3, 0x00, 0x64, 0x00], false),
    ])
  func utf16Detection(head: [UInt8], detected: Bool) {
    #expect((ByteSource.utf16Encoding(ofHead: head) != nil) == detected)
  }
}

@Suite("Streaming RFC 4180 reader: round trips")
struct CSVReaderRoundTripTests {
  /// Fields with every awkward byte: delimiters, quotes, CR, LF, Cyrillic, CJK, emoji, blanks.
  static let pieces = [
    "", "a", "1,5", "say \"hi\"", "line\nbreak", "cr\r\nlf", "Київ", "東京", "🙂", " x ",
  ]

  /// The pieces ``encode(_:)`` leaves unquoted.
  static let unquotedPieces = pieces.filter { encode($0) == $0 }

  /// RFC 4180 quoting: a field is quoted when it holds a delimiter, quote, CR or LF.
  static func encode(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Wide records too: a run of unquoted fields is gathered 64 spans at a time, so records of
  /// more fields than that (quoted ones among them) flush the gathered spans mid-run.
  @Test(
    "random records written with RFC 4180 quoting read back field for field",
    arguments: [
      (1, 5), (3, 5), (17, 5), (4_096, 5), (4_096, 64), (4_096, 65), (17, 130), (4_096, 200),
    ])
  func roundTrip(chunkSize: Int, columns: Int) throws {
    var random = SeededRandom(seed: UInt64(chunkSize * 1_000 + columns))
    var expected: [[String]] = []
    var text = (0..<columns).map { "h\($0)" }.joined(separator: ",") + "\r\n"
    for _ in 0..<300 {
      // Wide records are mostly unquoted fields, so that runs longer than 64 occur.
      let quotedShare = columns > 8 ? 0.02 : 1
      var row = (0..<columns).map { _ in
        let choices = random.chance(quotedShare) ? Self.pieces : Self.unquotedPieces
        return choices[Int(random.next() % UInt64(choices.count))]
      }
      // A record of one empty unquoted field is a blank line, which readers skip.
      if row.allSatisfy(\.isEmpty) { row[0] = "x" }
      expected.append(row)
      text += row.map(Self.encode).joined(separator: ",") + (random.next() % 2 == 0 ? "\n" : "\r\n")
    }
    var reader = try CSVReader(bytes: Array(text.utf8), name: "r.csv", chunkSize: chunkSize)
    var record = CSVRecord()
    var rows: [[String]] = []
    while try reader.next(into: &record) {
      rows.append((0..<record.count).map { record.string(at: $0) })
    }
    #expect(rows.count == expected.count)
    for (index, pair) in zip(rows, expected).enumerated() where pair.0 != pair.1 {
      Issue.record("row \(index): read \(pair.0), wrote \(pair.1)")
      break
    }
  }
}
