import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO
@testable import CreatorMatchSupport

@Suite("Follower edge files: comments, line ends, sample rates, ids")
struct FollowerEdgeReaderTests {
  static func read(
    _ bytes: [UInt8], format: FollowerEdgeReader.Format = .edges, strict: Bool = false
  ) throws -> (report: FollowerEdgeReader.Report, set: SketchSet) {
    let path = try Fixtures.file(format == .edges ? "edges.tsv" : "graph.json", "")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    var builder = AudienceSketchBuilder()
    let report = try FollowerEdgeReader.read(
      path: path, format: format, into: &builder, strict: strict)
    return (report, SketchSet(sketches: builder.finish()))
  }

  @Test("a line starting with # is a comment only without a TAB: #tag<TAB>x is an edge")
  func hashIDs() throws {
    let (report, set) = try Self.read(Array("#tag\tu1\n# a comment\na\tu2\n#tag\tu3\n".utf8))
    #expect(report.edges == 3)
    #expect(set.sketches.map(\.creatorID) == ["#tag", "a"])
    #expect(set.audience(of: "#tag") == 2)
  }

  @Test("LF, CRLF and lone CR line ends read the same edges", arguments: ["\n", "\r\n", "\r"])
  func lineEnds(ending: String) throws {
    let text = ["a\tu1", "a\tu2", "b\tu1"].joined(separator: ending) + ending
    let (report, set) = try Self.read(Array(text.utf8))
    #expect(report.edges == 3)
    #expect(report.badLines == 0)
    #expect(set.audience(of: "a") == 2 && set.audience(of: "b") == 1)
  }

  @Test("a CRLF split across two read chunks is one line end, not an empty line")
  func crlfAcrossChunks() throws {
    // Lines of 16 bytes ("c%05d\tu%06d\r\n" is 6 + 1 + 7 + 2): after a filler line that puts a
    // CR at the last byte of the first 1 MiB chunk, the LF starts the second.
    let chunk = CSVReader.chunkSize
    var text = ""
    var count = 0
    let lines = chunk / 16
    for index in 0..<lines {
      text +=
        "c" + String(format: "%05d", index % 100_000) + "\tu" + String(format: "%06d", index)
        + "\r\n"
      count += 1
    }
    // `lines * 16` bytes so far; a filler line ending exactly at `chunk` with its CR.
    let remaining = chunk - lines * 16
    if remaining > 0 {
      let filler = "f\t" + String(repeating: "x", count: max(1, remaining - 3))
      text += filler + "\r"
      count += 1
    } else {
      // The last line's CR is byte chunk − 2, LF chunk − 1; move one byte: drop it.
      text.removeLast()
      text += "\n"
    }
    text += "\nz\tu1\r\n"
    count += 1
    let (report, _) = try Self.read(Array(text.utf8))
    #expect(report.edges == count)
    #expect(report.badLines == 0)
  }

  @Test("a sample-rate comment that is not a rate in (0, 1] is an error naming the line")
  func badSampleRate() throws {
    for value in ["abc", "0", "1.5", "-0.1", ""] {
      #expect {
        _ = try Self.read(Array("a\tu1\n# sample-rate \(value)\n".utf8))
      } throws: { error in
        guard case .badRow(let diagnostic) = error as? IngestError else { return false }
        return diagnostic.line == 2 && diagnostic.rule == "bad-sample-rate"
      }
    }
    #expect(try Self.read(Array("# sample-rate 0.25\na\tu1\n".utf8)).report.sampleRate == 0.25)
  }

  @Test("creator ids that are not UTF-8 are bad lines, not one merged creator")
  func invalidUTF8() throws {
    let bytes: [UInt8] =
      Array("ok\tu0\n".utf8) + [0xC3, 0x28, 0x09, 0x75, 0x0A, 0xA0, 0xA1, 0x09, 0x75, 0x0A]
    let (report, set) = try Self.read(bytes)
    #expect(report.badLines == 2)
    #expect(set.sketches.map(\.creatorID) == ["ok"])
    #expect(throws: IngestError.self) { _ = try Self.read(bytes, strict: true) }
  }

  @Test("--strict stops a graph with a malformed edge; lenient counts it")
  func graphStrict() throws {
    let bytes = Array(#"{"edges": [["u1", "a"], ["u2"], 5]}"#.utf8)
    #expect(try Self.read(bytes, format: .graphJSON).report.badLines == 2)
    #expect(throws: IngestError.self) { _ = try Self.read(bytes, format: .graphJSON, strict: true) }
  }

  @Test("a sketch file repeating a creator id is corrupt")
  func duplicateIDs() throws {
    let sketch = AudienceSketch(creatorID: "a", storage: .exact([1, 2]), edges: 2)
    let bytes = SketchFile.encode(SketchSet(sketches: [sketch, sketch]))
    #expect {
      _ = try SketchFile.decode(bytes, path: "dup.cms")
    } throws: { error in
      "\(error)".contains("repeats the id a")
    }
  }
}

@Suite("Sketch sets hold memory in proportion to their data")
struct SketchSetSizeTests {
  @Test(
    "exact audiences hold no 16 KiB register arrays, however many creators",
    arguments: [10, 20_000])
  func exactSetsHoldNoRegisters(creators: Int) {
    // Follower hashes as the readers make them: well mixed (the sketches use their top bits).
    func hash(_ value: Int) -> UInt64 { StableHash.mix(UInt64(value) + 1) }
    var builder = AudienceSketchBuilder(exactThreshold: 100)
    for creator in 0..<creators { builder.add(hash(creator), creatorID: "c\(creator)") }
    // One audience past the threshold: the only one that keeps a HyperLogLog and a MinHash.
    for follower in 0..<500 { builder.add(hash(1_000_000 + follower), creatorID: "big") }
    let set = SketchSet(sketches: builder.finish(), exactThreshold: 100)
    #expect(set.sketches.count == creators + 1)
    #expect(set.precomputedSketches == 1)
    // Built on demand, they still answer: the union of two one-follower audiences is 2.
    #expect(set.unionReach(["c0", "c1"]) == 2)
    #expect(abs(set.unionReach(["c0", "big"]) - 501) < 501 * 0.05)
  }
}
