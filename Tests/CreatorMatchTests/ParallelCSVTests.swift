import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO
@testable import CreatorMatchSupport

/// The CSV reader cuts the input into windows and stretches read in parallel, guessing that each
/// cut is a record start. These tests put cuts everywhere, including inside quoted fields that
/// hold line breaks, and check that the result is exactly the sequential read's.
@Suite("Reading CSV in parallel stretches")
struct ParallelCSVTests {
  static let header =
    "id,platform,followers,bio,aud_countries,follower_history,country,currency"

  /// A table with what makes cutting hard: quoted bios with line breaks (LF and CRLF), doubled
  /// quotes and delimiters, CRLF and LF line ends, blank lines, short and long rows, bad values,
  /// duplicate ids and non-ASCII text.
  static func table(seed: UInt64, rows: Int, unterminated: Bool) -> String {
    var random = SeededRandom(seed: seed)
    var text = header + "\n"
    let bios = [
      "plain bio", "\"quoted, with comma\"", "\"two\nlines\"", "\"three\r\nlines\nhere\"",
      "\"a \"\"quote\"\" inside\"", "Чесно про моду ✨", "\"\n\"", "\"zażółć\ngęślą\"", "",
    ]
    for row in 0..<rows {
      let id = random.chance(0.05) ? "c\(row / 2)" : "c\(row)"
      let followers =
        random.chance(0.05) ? "-3" : String(Int(random.uniform(100, 2_000_000)))
      let bio = bios[Int(random.next() % UInt64(bios.count))]
      let countries = random.chance(0.05) ? "PL:0.9|DE:0.5" : "PL:0.6|DE:0.2"
      var fields = [
        id, random.chance(0.5) ? "ig" : "tiktok", followers, bio, countries, "100|120|130",
        random.chance(0.1) ? "Atlantis" : "PL", random.chance(0.1) ? "zł" : "PLN",
      ]
      if random.chance(0.05) { fields.removeLast(2) }
      if random.chance(0.05) { fields.append("extra") }
      text += fields.joined(separator: ",")
      text += random.chance(0.3) ? "\r\n" : "\n"
      if random.chance(0.05) { text += "\n" }
    }
    if unterminated { text += "z9,ig,10,\"never closed\nline,PL\n" }
    return text
  }

  static func read(_ path: String, windowSize: Int, stretches: Int?) throws
    -> CreatorFileReader.Load
  {
    var options = IngestOptions()
    options.keptProblems = 100_000
    return try CreatorFileReader.readCSV(
      path: path, options: options, windowSize: windowSize, stretches: stretches)
  }

  static func expectSame(_ load: CreatorFileReader.Load, as reference: CreatorFileReader.Load) {
    #expect(load.creators == reference.creators)
    #expect(load.report.rowsRead == reference.report.rowsRead)
    #expect(load.report.rowsSkipped == reference.report.rowsSkipped)
    #expect(load.report.rowsWithWarnings == reference.report.rowsWithWarnings)
    #expect(load.report.firstErrors == reference.report.firstErrors)
    #expect(load.report.firstWarnings == reference.report.firstWarnings)
  }

  @Test(
    "any window size and stretch count gives the sequential read's rows, lines and problems",
    arguments: [(1, false), (2, false), (3, true), (4, true)])
  func sameAsSequential(seed: UInt64, unterminated: Bool) throws {
    let path = try Fixtures.file(
      "p.csv", Self.table(seed: seed, rows: 400, unterminated: unterminated))
    // One stretch per window and one window for the whole file: a plain sequential read.
    let reference = try Self.read(path, windowSize: 1 << 30, stretches: 1)
    #expect(reference.report.rowsRead >= 400)
    #expect(reference.report.rowsSkipped > 10)
    #expect(reference.report.firstErrors.contains { $0.rule == "duplicate-id" })
    #expect(reference.report.firstWarnings.contains { $0.rule == "field-count" })
    #expect(
      reference.report.firstErrors.contains { $0.rule == "unterminated-quote" } == unterminated)
    for windowSize in [7, 64, 301, 4_096, 1 << 30] {
      for stretches in [1, 2, 3, 8, 64] {
        Self.expectSame(
          try Self.read(path, windowSize: windowSize, stretches: stretches), as: reference)
      }
    }
    Self.expectSame(
      try CreatorFileReader.read(
        path: path,
        options: {
          var options = IngestOptions()
          options.keptProblems = 100_000
          return options
        }()), as: reference)
  }

  @Test("creators handed on stretch by stretch are the sequential read's, repeats dropped")
  func stretchesMoveCreators() throws {
    let path = try Fixtures.file("m.csv", Self.table(seed: 5, rows: 600, unterminated: false))
    let reference = try Self.read(path, windowSize: 1 << 30, stretches: 1)
    #expect(reference.report.firstErrors.contains { $0.rule == "duplicate-id" })
    for windowSize in [64, 997, 1 << 30] {
      var handed: [Creator] = []
      var options = IngestOptions()
      options.keptProblems = 100_000
      let load = try CreatorFileReader.read(
        path: path, options: options, windowSize: windowSize,
        stretch: { creators, _ in handed += creators })
      #expect(load.creators.isEmpty)
      #expect(handed == reference.creators)
      #expect(load.report.rowsLoaded == reference.creators.count)
      #expect(load.report.firstErrors == reference.report.firstErrors)
    }
  }

  @Test("lines count the line breaks inside quoted fields, wherever the cuts fall")
  func linesAcrossQuotedBreaks() throws {
    let text =
      "id,platform,followers,bio\na,ig,10,\"x\ny\nz\"\nb,ig,-1,\"p\r\nq\"\nc,ig,-2,ok\n"
    let path = try Fixtures.file("l.csv", text)
    for windowSize in [1, 5, 1 << 20] {
      for stretches in [1, 2, 5, 40] {
        let load = try Self.read(path, windowSize: windowSize, stretches: stretches)
        #expect(load.creators.map(\.id) == ["a"])
        // Row a spans lines 2–4, b lines 5–6, c is on line 7.
        #expect(load.report.firstErrors.map(\.line) == [5, 7])
      }
    }
  }

  @Test("a strict read stops at the first bad row in file order")
  func strictFirstError() throws {
    let path = try Fixtures.file(
      "s.csv", Self.table(seed: 7, rows: 300, unterminated: false))
    var options = IngestOptions()
    options.strict = true
    let sequential = #expect(throws: IngestError.self) {
      try CreatorFileReader.readCSV(path: path, options: options, windowSize: 1 << 30, stretches: 1)
    }
    let parallel = #expect(throws: IngestError.self) {
      try CreatorFileReader.readCSV(path: path, options: options, windowSize: 97, stretches: 5)
    }
    guard case .badRow(let first) = sequential, case .badRow(let second) = parallel else {
      Issue.record("expected bad-row errors, got \(String(describing: sequential))")
      return
    }
    #expect(first == second)
  }

  @Test("cuts fall just after line feeds, start at 0 and increase")
  func cuts() {
    let bytes = Array("ab\ncd\r\nef\n\ngh".utf8)
    bytes.withUnsafeBufferPointer { buffer in
      #expect(CSVChunk.cuts(buffer, parts: 1) == [0])
      #expect(CSVChunk.cuts(buffer, parts: 2) == [0, 7])
      #expect(CSVChunk.cuts(buffer, parts: 4) == [0, 7, 10, 11])
      // More parts than lines: repeats are dropped.
      #expect(CSVChunk.cuts(buffer, parts: 13) == [0, 3, 7, 10, 11])
    }
  }
}
