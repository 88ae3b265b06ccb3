import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO
@testable import CreatorMatchSupport

/// The line-by-line edge reader the block reader replaced, kept as the reference: the block
/// reader must give the same sketches (byte for byte, in the same order), the same report and
/// the same errors on any input.
enum ReferenceEdgeReader {
  static func read(path: String, into builder: inout AudienceSketchBuilder, strict: Bool)
    throws(IngestError) -> FollowerEdgeReader.Report
  {
    var source = try ByteSource(path: path)
    var report = FollowerEdgeReader.Report()
    var pending: [UInt8] = []
    var lineNumber = 0
    var lastCreator: [UInt8] = []
    var lastSlot = -1
    var atEnd = false
    while !atEnd {
      let chunk = try source.read(maximum: CSVReader.chunkSize)
      if chunk.isEmpty {
        atEnd = true
        if pending.isEmpty { break }
        pending.append(0x0A)
      } else {
        pending.append(contentsOf: chunk)
      }
      var consumed = 0
      var problem: Diagnostic?
      pending.withUnsafeBufferPointer { bytes in
        var start = 0
        func bad(_ column: Int, _ rule: String, _ message: String) -> Bool {
          let diagnostic = Diagnostic(
            file: path, line: lineNumber, column: column, severity: .error, rule: rule,
            message: message)
          if strict {
            problem = diagnostic
            return true
          }
          report.badLines += 1
          if report.firstProblems.count < 10 { report.firstProblems.append(diagnostic) }
          return false
        }
        while let breakIndex = bytes[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
          if bytes[breakIndex] == 0x0D && breakIndex == bytes.count - 1 && !atEnd { break }
          lineNumber += 1
          let end = breakIndex
          let next =
            bytes[breakIndex] == 0x0D && breakIndex + 1 < bytes.count
              && bytes[breakIndex + 1] == 0x0A ? breakIndex + 2 : breakIndex + 1
          defer { start = next }
          if end == start { continue }
          let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
          let tabIndex = line.firstIndex(of: 0x09)
          if line[0] == UInt8(ascii: "#") && tabIndex == nil {
            switch FollowerEdgeReader.sampleRate(comment: line) {
            case .some(.some(let rate)): report.sampleRate = rate
            case .some(.none):
              problem = Diagnostic(
                file: path, line: lineNumber, column: 1, severity: .error, rule: "bad-sample-rate",
                message: "# sample-rate: expected a number above 0 and at most 1")
              consumed = start
              return
            case .none: break
            }
            continue
          }
          guard let tab = tabIndex, tab > 0, tab < line.count - 1 else {
            if bad(1, "bad-edge", "expected creator_id<TAB>follower_id") {
              consumed = start
              return
            }
            continue
          }
          let creator = UnsafeBufferPointer(rebasing: line[0..<tab])
          let follower = UnsafeBufferPointer(rebasing: line[(tab + 1)...])
          if lineNumber == 1 && creator.elementsEqual("creator_id".utf8)
            && follower.elementsEqual("follower_id".utf8)
          {
            continue
          }
          if lastSlot < 0 || !creator.elementsEqual(lastCreator) {
            guard let id = String(validating: creator, as: UTF8.self) else {
              if bad(1, "bad-edge", "the creator id is not valid UTF-8") {
                consumed = start
                return
              }
              continue
            }
            lastCreator = Array(creator)
            lastSlot = builder.slot(for: id)
          }
          builder.add(FollowerHash.hash(follower), to: lastSlot)
          report.edges += 1
        }
        consumed = start
      }
      if let problem { throw .badRow(problem) }
      pending.removeFirst(consumed)
    }
    return report
  }
}

@Suite("Follower edges in parallel blocks: the same sketches, report and errors as line by line")
struct FollowerEdgeBlockTests {
  /// What a read gives, comparable: the sketch file's bytes, the report, or the error.
  struct Outcome: Equatable, CustomStringConvertible {
    var sketchFile: [UInt8] = []
    var ids: [String] = []
    var edges = 0
    var badLines = 0
    var problems: [Diagnostic] = []
    var sampleRate: Double?
    var error: String?

    var description: String {
      error ?? "\(ids.count) creators, \(edges) edges, \(badLines) bad, rate \(sampleRate ?? 1), "
        + "problems \(problems.map(\.line)), \(sketchFile.count) bytes"
    }
  }

  static func outcome(
    _ path: String, strict: Bool = false, threshold: Int = 40, pin: String? = nil,
    read: (inout AudienceSketchBuilder) throws(IngestError) -> FollowerEdgeReader.Report
  ) -> Outcome {
    var builder = AudienceSketchBuilder(exactThreshold: threshold)
    if let pin { builder.keepExact(pin) }
    do {
      let report = try read(&builder)
      let sketches = builder.finish()
      return Outcome(
        sketchFile: SketchFile.encode(SketchSet(sketches: sketches, exactThreshold: threshold)),
        ids: sketches.map(\.creatorID), edges: report.edges, badLines: report.badLines,
        problems: report.firstProblems, sampleRate: report.sampleRate)
    } catch {
      return Outcome(error: "\(error)")
    }
  }

  static func reference(_ path: String, strict: Bool = false, pin: String? = nil) -> Outcome {
    outcome(path, strict: strict, pin: pin) { builder throws(IngestError) in
      try ReferenceEdgeReader.read(path: path, into: &builder, strict: strict)
    }
  }

  static func blocks(
    _ path: String, strict: Bool = false, pin: String? = nil, threads: Int, blockSize: Int,
    windowSize: Int = EdgeBlocks.windowSize, mapping: Bool = true
  ) -> Outcome {
    outcome(path, strict: strict, pin: pin) { builder throws(IngestError) in
      try EdgeBlocks.read(
        path: path, into: &builder, strict: strict, threads: threads, blockSize: blockSize,
        windowSize: windowSize, mapping: mapping)
    }
  }

  static func write(_ bytes: [UInt8], name: String = "edges.tsv") throws -> String {
    let path = try Fixtures.file(name, "")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// An edge file with everything the format allows: a header, comments, a sample rate, blank
  /// lines, LF, CRLF and lone CR ends, creators in runs and interleaved, audiences past the
  /// threshold, duplicates, extra TABs, quotes (literal bytes: the format has no quoting), and
  /// malformed lines; seeded.
  static func mixedFile(seed: UInt64, lines: Int, badLines: Bool = true) -> [UInt8] {
    var random = SeededRandom(seed: seed)
    var bytes = Array("creator_id\tfollower_id\n# sample-rate 0.5\n".utf8)
    let ends: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
    var creator = 0
    for _ in 0..<lines {
      let roll = Int(random.next() % UInt64(1000))
      if roll < 300 { creator = Int(random.next() % UInt64(60)) }  // a new run, often interleaved
      var line: [UInt8]
      switch roll {
      case 0..<8 where badLines: line = Array("no tab here".utf8)
      case 8..<12 where badLines: line = Array("\tu1".utf8)
      case 12..<16 where badLines: line = Array("c1\t".utf8)
      case 16..<20 where badLines: line = [0xC3, 0x28, 0x09, 0x75]
      case 20..<28: line = []
      case 28..<32: line = Array("# a comment".utf8)
      case 32..<34: line = Array("# sample-rate 0.25".utf8)
      case 34..<40: line = Array("\"quoted \tid\"\t\"u\"".utf8)
      case 40..<44: line = Array("c2\tu\textra".utf8)
      case 44..<48: line = Array("#tag\tu7".utf8)
      case 48..<50: line = Array("é\tu1".utf8)
      case 50..<52: line = Array("e\u{301}\tu2".utf8)
      default:
        // Creator 0 and 1 get large audiences (sketched past the threshold of 40).
        let follower =
          creator < 2 ? Int(random.next() % UInt64(5000)) : Int(random.next() % UInt64(60))
        line = Array("c\(creator)\tf\(follower)".utf8)
      }
      bytes += line + ends[Int(random.next() % UInt64(ends.count))]
    }
    return bytes
  }

  @Test(
    "any thread count and block size give the sketches, order, report of the line-by-line read",
    arguments: [1, 2, 3])
  func sameAsReference(seed: UInt64) throws {
    let path = try Self.write(Self.mixedFile(seed: seed, lines: 6_000))
    let expected = Self.reference(path)
    #expect(expected.error == nil)
    #expect(expected.badLines > 0 && expected.ids.count > 60)
    for threads in [1, 2, 3, 8] {
      for blockSize in [1, 2, 3, 17, 64, 1_000, 1 << 20] {
        let got = Self.blocks(path, threads: threads, blockSize: blockSize)
        #expect(got == expected, "threads \(threads), block size \(blockSize): \(got)")
      }
    }
  }

  @Test("read in windows (pipes, UTF-16) it is the same, windows and blocks of any size")
  func windows() throws {
    let path = try Self.write(Self.mixedFile(seed: 4, lines: 3_000))
    let expected = Self.reference(path)
    for (threads, blockSize, window) in [(1, 5, 1), (2, 3, 7), (2, 100, 2), (3, 1 << 20, 4_096)] {
      let got = Self.blocks(
        path, threads: threads, blockSize: blockSize, windowSize: window, mapping: false)
      #expect(got == expected, "threads \(threads), block \(blockSize), window \(window)")
    }
  }

  @Test("a UTF-16 edge file is transcoded and read as before")
  func utf16() throws {
    let text = "creator_id\tfollower_id\r\na\tu1\r\nb\tu2\r\na\tu3\r\n"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let path = try Self.write(bytes)
    let expected = Self.reference(path)
    #expect(expected.edges == 3)
    #expect(Self.blocks(path, threads: 2, blockSize: 4) == expected)
  }

  @Test(
    "strict: the first malformed line stops the read with its line in the file, whatever the blocks",
    arguments: [
      "good\tu\n", "good\tu\r\n", "good\tu\r",
    ])
  func strictLineNumbers(ending: String) throws {
    // 2,000 good lines, then a bad one at line 2,002 (after the header), then more good ones
    // and a second bad one: the first is reported.
    var text = "creator_id\tfollower_id" + ending.replacingOccurrences(of: "good\tu", with: "")
    for index in 0..<2_000 { text += ending.replacingOccurrences(of: "u", with: "u\(index)") }
    text += "broken line" + ending.replacingOccurrences(of: "good\tu", with: "")
    for index in 0..<500 { text += ending.replacingOccurrences(of: "u", with: "v\(index)") }
    text += "\tno creator" + ending.replacingOccurrences(of: "good\tu", with: "")
    let path = try Self.write(Array(text.utf8))
    let expected = Self.reference(path, strict: true)
    #expect(expected.error?.contains(":2002:1") == true, "\(expected)")
    for threads in [1, 2, 4] {
      for blockSize in [1, 10, 333, 4_096, 1 << 20] {
        #expect(Self.blocks(path, strict: true, threads: threads, blockSize: blockSize) == expected)
      }
    }
    // Lenient: both counted, each with its line.
    let lenient = Self.blocks(path, threads: 2, blockSize: 100)
    #expect(lenient.badLines == 2)
    #expect(lenient.problems.map(\.line) == [2_002, 2_503])
    #expect(lenient == Self.reference(path))
  }

  @Test("a bad sample rate late in the file is reported at its line, whatever the blocks")
  func badSampleRateLine() throws {
    var text = ""
    for index in 0..<3_000 { text += "c\(index % 7)\tu\(index)\n" }
    text += "# sample-rate 2\n"
    for index in 0..<100 { text += "d\tu\(index)\n" }
    let path = try Self.write(Array(text.utf8))
    let expected = Self.reference(path)
    #expect(expected.error?.contains(":3001:1") == true, "\(expected)")
    for blockSize in [1, 64, 1_000] {
      #expect(Self.blocks(path, threads: 2, blockSize: blockSize) == expected)
    }
  }

  @Test("a line cut between blocks, a CRLF never split: every cut is just after a line end")
  func cuts() {
    let text = Array("ab\tc\r\nd\te\rf\tg\n\n\r\r\nh\ti".utf8)
    text.withUnsafeBufferPointer { bytes in
      for blockSize in 1...text.count + 1 {
        let blocks = EdgeBlocks.cut(bytes, blockSize: blockSize)
        #expect(blocks.first?.lowerBound == 0 && blocks.last?.upperBound == text.count)
        for (a, b) in zip(blocks, blocks.dropFirst()) {
          #expect(a.upperBound == b.lowerBound && !a.isEmpty)
          let last = bytes[a.upperBound - 1]
          // After an LF, or after a CR that does not start a CRLF.
          #expect(last == 0x0A || (last == 0x0D && bytes[a.upperBound] != 0x0A))
        }
      }
    }
  }

  @Test("the header is skipped only as the file's first line, after a byte-order mark too")
  func headerAndMark() throws {
    let late = try Self.write(Array("a\tu1\ncreator_id\tfollower_id\n".utf8))
    let lateOutcome = Self.blocks(late, threads: 2, blockSize: 1)
    #expect(lateOutcome.ids == ["a", "creator_id"])
    #expect(lateOutcome == Self.reference(late))
    let plain = try Self.write(Array("creator_id\tfollower_id\na\tu\n".utf8))
    let marked = try Self.write([0xEF, 0xBB, 0xBF] + Array("creator_id\tfollower_id\na\tu\n".utf8))
    let markedEdge = try Self.write([0xEF, 0xBB, 0xBF] + Array("a\tu\n".utf8))
    for blockSize in [1, 3, 64] {
      // The mark is dropped: the same creators and report as without it (line numbers too).
      #expect(Self.blocks(marked, threads: 2, blockSize: blockSize) == Self.reference(plain))
      #expect(Self.blocks(markedEdge, threads: 2, blockSize: blockSize).ids == ["a"])
    }
  }

  @Test("a pinned audience stays exact and first, whichever worker reads its lines")
  func pinned() throws {
    var text = ""
    for index in 0..<500 { text += "c\(index % 3)\tu\(index)\n" }
    for index in 0..<500 { text += "brand\tu\(index)\n" }
    let path = try Self.write(Array(text.utf8))
    let expected = Self.reference(path, pin: "brand")
    #expect(expected.ids.first == "brand")
    for blockSize in [7, 100, 5_000] {
      #expect(Self.blocks(path, pin: "brand", threads: 2, blockSize: blockSize) == expected)
    }
  }

  @Test(
    "the real follower graphs as edge files: blocks, line by line and the graph reader agree",
    .enabled(if: Fixtures.hasRealData),
    arguments: ["bofa_careers.json", "hersheycareers.json", "verizoncareers.json"])
  func realGraphs(name: String) throws {
    // The graph's [src, trg] pairs written as src<TAB>trg lines to a temporary file (the real
    // data is never copied into the repository).
    let graph = Fixtures.realData("twitter_follower_graphs/" + name)
    guard FileManager.default.fileExists(atPath: graph) else { return }
    let document = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: graph))))
    guard case .array(let pairs) = document.value["edges"] ?? .null else {
      Issue.record("\(name): no edges")
      return
    }
    var text = "creator_id\tfollower_id\n"
    for pair in pairs {
      guard case .array(let ends) = pair.value, ends.count == 2,
        let source = FollowerEdgeReader.nodeID(ends[0].value),
        let target = FollowerEdgeReader.nodeID(ends[1].value)
      else { continue }
      text += source + "\t" + target + "\n"
    }
    let path = try Self.write(Array(text.utf8))
    let expected = Self.reference(path)
    #expect(expected.edges == pairs.count && expected.badLines == 0)
    for blockSize in [4_096, 1 << 16] {
      #expect(Self.blocks(path, threads: 2, blockSize: blockSize) == expected)
    }
    let fromGraph = Self.outcome(graph) { builder throws(IngestError) in
      try FollowerEdgeReader.read(path: graph, format: .graphJSON, into: &builder)
    }
    #expect(fromGraph.sketchFile == expected.sketchFile)
  }
}

@Suite("Audience sketch builders split and merged")
struct AudienceSketchMergeTests {
  @Test("parts merged give the builder that read everything, for any split", arguments: [5, 9])
  func mergeEqualsWhole(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    let edges = (0..<20_000).map { _ in
      let creator = Int(random.next() % UInt64(12))
      // Creators 0–2 pass the threshold of 100; the rest stay exact.
      let follower =
        creator < 3 ? Int(random.next() % UInt64(3_000)) : Int(random.next() % UInt64(90))
      return ("c\(creator)", StableHash.mix(UInt64(follower)))
    }
    var whole = AudienceSketchBuilder(exactThreshold: 100)
    whole.keepExact("c1")
    for (id, hash) in edges { whole.add(hash, creatorID: id) }
    for parts in [2, 3, 7] {
      var merged = AudienceSketchBuilder(exactThreshold: 100)
      merged.keepExact("c1")
      for (id, _) in edges { _ = merged.slot(for: id) }  // the whole read's first-seen order
      var pieces = (0..<parts).map { _ in merged.emptyPart() }
      for (index, (id, hash)) in edges.enumerated() {
        let piece = (index * 31 + index / 97) % parts
        let slot = pieces[piece].slot(for: id)
        [hash].withUnsafeBufferPointer { pieces[piece].add(contentsOf: $0, to: slot) }
      }
      for piece in pieces.reversed() { merged.merge(piece) }
      #expect(merged.finish() == whole.finish(), "\(parts) parts")
    }
    let finished = whole.finish()
    #expect(finished.first { $0.creatorID == "c1" }?.isExact == true)
    #expect(finished.first { $0.creatorID == "c0" }?.isExact == false)
    #expect(finished.map(\.edges).reduce(0, +) == 20_000)
  }

  @Test("sortedUnique gives the distinct values ascending: uniform, duplicated and skewed values")
  func sortedUnique() {
    var random = SeededRandom(seed: 12)
    for count in [0, 1, 2, 3, 31, 33, 100, 1_000, 20_001, 100_000] {
      let uniform = (0..<count).map { _ in random.next() }
      // Many duplicates (a follower counted twice), and small values that all share the top
      // bits (one large bucket: the standard library's sort).
      let duplicated = (0..<count).map { _ in StableHash.mix(random.next() % 50) }
      let skewed = (0..<count).map { _ in random.next() % 1_000 }
      for values in [
        uniform, duplicated, skewed, uniform.sorted(), Array(uniform.sorted().reversed()),
      ] {
        #expect(AudienceSketchBuilder.sortedUnique(values) == Array(Set(values)).sorted())
      }
    }
  }
}

@Suite("The edge parser's word-at-a-time pieces agree with byte-by-byte scans")
struct EdgeParserPieceTests {
  /// Random bytes rich in line ends, TABs and other control bytes, and bytes above 0x7F.
  static func randomBytes(_ random: inout SeededRandom, count: Int) -> [UInt8] {
    let alphabet: [UInt8] = [
      0x0A, 0x0D, 0x09, 0x00, 0x0B, 0x0C, 0x0E, 0x7F, 0x80, 0xFF, 0x41, 0x61,
    ]
    return (0..<count).map { _ in
      random.next() % 3 == 0
        ? alphabet[Int(random.next() % UInt64(alphabet.count))]
        : UInt8(truncatingIfNeeded: random.next())
    }
  }

  @Test("lineEnd finds the first LF or CR from any start, near the end of the bytes too")
  func lineEnd() {
    var random = SeededRandom(seed: 21)
    for _ in 0..<300 {
      let bytes = Self.randomBytes(&random, count: Int(random.next() % 64))
      bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for start in 0...buffer.count {
          let expected = buffer[start...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? buffer.count
          let found = EdgeWorker.lineEnd(from: base + start, end: base + buffer.count)
          #expect(found - base == expected, "start \(start) of \(bytes)")
        }
      }
    }
    // Long runs with no line end at all, and one just past a 16-byte window.
    for length in [15, 16, 17, 24, 40] {
      let plain =
        [UInt8](repeating: 0x61, count: length) + [0x0A] + [UInt8](repeating: 0x62, count: 20)
      plain.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        #expect(EdgeWorker.lineEnd(from: base, end: base + buffer.count) - base == length)
      }
    }
  }

  @Test("equal compares ids of every length by words the same as byte by byte")
  func equal() {
    var random = SeededRandom(seed: 22)
    for length in 0..<40 {
      for _ in 0..<50 {
        let a = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next() % 3) }
        var b = a
        if length > 0 && random.next() % 2 == 0 {
          b[Int(random.next() % UInt64(length))] &+= 1
        }
        a.withUnsafeBufferPointer { first in
          b.withUnsafeBufferPointer { second in
            guard let x = first.baseAddress, let y = second.baseAddress else { return }
            #expect(EdgeWorker.equal(x, y, length) == (a == b), "\(a) \(b)")
          }
        }
      }
    }
  }

  @Test("ids hashed four at a time by length give FollowerHash's hashes")
  func groupedHashes() {
    var random = SeededRandom(seed: 23)
    for length in 1...16 {
      for count in [0, 1, 3, 4, 5, 9, 64] {
        let ids = (0..<count).map { _ in Self.randomBytes(&random, count: length) }
        let flat = ids.flatMap { $0 }
        flat.withUnsafeBufferPointer { buffer in
          guard let base = buffer.baseAddress else { return }
          let starts = (0..<count).map { base + $0 * length }
          var hashes = [UInt64](repeating: 0, count: count)
          starts.withUnsafeBufferPointer { starts in
            hashes.withUnsafeMutableBufferPointer { out in
              EdgeWorker.hash(starts: starts, length: length, into: out)
            }
          }
          let expected = ids.map { id in id.withUnsafeBufferPointer { FollowerHash.hash($0) } }
          #expect(hashes == expected, "length \(length), count \(count)")
        }
      }
    }
  }

  @Test(
    "follower ids of 1 to 40 bytes, any bytes but line ends, read the same as line by line",
    arguments: [31, 32])
  func followerLengths(seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    var bytes = Array("creator_id\tfollower_id\n".utf8)
    var creator = 0
    for line in 0..<4_000 {
      if random.next() % 50 == 0 { creator = Int(random.next() % 9) }
      let length = 1 + Int(random.next() % 40)
      let follower = Self.randomBytes(&random, count: length).map {
        $0 == 0x0A || $0 == 0x0D ? 0x5F : $0
      }
      // Creator ids of every length 1–19, so that the last-line comparison sees them all.
      let id = Array("c\(creator)".utf8) + [UInt8](repeating: 0x78, count: creator * 2)
      bytes += id + [0x09] + follower + (line % 3 == 0 ? [0x0D, 0x0A] : [0x0A])
    }
    let path = try FollowerEdgeBlockTests.write(bytes)
    let expected = FollowerEdgeBlockTests.reference(path)
    #expect(expected.error == nil && expected.edges == 4_000)
    for threads in [1, 2, 3] {
      for blockSize in [1, 7, 100, 4_096, 1 << 20] {
        let got = FollowerEdgeBlockTests.blocks(path, threads: threads, blockSize: blockSize)
        #expect(got == expected, "threads \(threads), block size \(blockSize)")
      }
    }
  }
}

@Suite("Finishing in place and writing the sketch file in parallel")
struct SketchFinishAndWriteTests {
  /// A builder with exact, pinned and sketched audiences (threshold 100), as a read leaves it.
  static func builder(seed: UInt64) -> AudienceSketchBuilder {
    var random = SeededRandom(seed: seed)
    var builder = AudienceSketchBuilder(exactThreshold: 100)
    builder.keepExact("c1")
    for _ in 0..<30_000 {
      let creator = Int(random.next() % 150)
      let follower =
        creator < 4 ? Int(random.next() % 4_000) : Int(random.next() % UInt64(1 + creator))
      builder.add(
        StableHash.mix(UInt64(follower)), creatorID: "c\(creator)" + (creator % 7 == 0 ? "é" : ""))
    }
    _ = builder.slot(for: "no edges")
    return builder
  }

  @Test("takeFinished gives finish's sketches for any thread count and empties the builder")
  func takeFinished() {
    let expected = Self.builder(seed: 41).finish()
    #expect(expected.contains { !$0.isExact } && expected.contains { $0.isExact })
    for threads in [1, 2, 3, 8] {
      var builder = Self.builder(seed: 41)
      #expect(builder.takeFinished(threads: threads) == expected, "threads \(threads)")
      #expect(builder.creatorIDs.isEmpty)
    }
  }

  @Test("formSortedUnique sorts in place through one scratch array reused across sizes")
  func formSortedUnique() {
    var random = SeededRandom(seed: 42)
    var scratch: [UInt64] = []
    for count in [5_000, 0, 1, 2, 33, 100, 20_001, 3, 1_000] {
      for values in [
        (0..<count).map { _ in random.next() },
        (0..<count).map { _ in StableHash.mix(random.next() % 40) },
        (0..<count).map { _ in random.next() % 1_000 },
      ] {
        var sorted = values
        AudienceSketchBuilder.formSortedUnique(&sorted, scratch: &scratch)
        #expect(sorted == Array(Set(values)).sorted(), "\(count) values")
      }
    }
  }

  @Test("the parallel encoding is encode's bytes for 1–8 threads, the empty set included")
  func encodedBuffer() {
    let sketches = Self.builder(seed: 43).finish()
    for set in [
      SketchSet(sketches: sketches, sampleRate: 0.25, exactThreshold: 100),
      SketchSet(sketches: [], sampleRate: 1, exactThreshold: 7),
    ] {
      let expected = SketchFile.encode(set)
      for threads in [1, 2, 3, 8] {
        #expect(SketchFile.encodedBuffer(set, threads: threads).array == expected)
      }
    }
  }

  @Test("write puts encode's bytes in a new or an existing file and refuses a directory")
  func write() throws {
    let set = SketchSet(sketches: Self.builder(seed: 44).finish(), exactThreshold: 100)
    let expected = SketchFile.encode(set)
    let path = try Fixtures.file("audiences.cms", "an older file, longer than nothing")
    for threads in [1, 2, 4] {
      try SketchFile.write(set, to: path, threads: threads)
      #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }
    let directory = (path as NSString).deletingLastPathComponent
    #expect(throws: AtomicFile.WriteError.self) { try SketchFile.write(set, to: directory) }
    let missing = directory + "/no-such-directory/audiences.cms"
    #expect {
      try SketchFile.write(set, to: missing)
    } throws: { error in
      "\(error)".contains("no such directory")
    }
    // Nothing left behind but the file itself.
    let left = try FileManager.default.contentsOfDirectory(atPath: directory)
    #expect(left == ["audiences.cms"])
  }

  @Test("write(finishing:) writes encode's bytes of the finished sketches, for 1–8 threads")
  func writeFinishing() throws {
    let expectedSketches = Self.builder(seed: 45).finish()
    let expected = SketchFile.encode(
      SketchSet(sketches: expectedSketches, sampleRate: 0.5, exactThreshold: 100))
    let path = try Fixtures.file("finishing.cms", "an older file")
    for threads in [1, 2, 3, 8] {
      var builder = Self.builder(seed: 45)
      let sketches = try SketchFile.write(
        finishing: &builder, sampleRate: 0.5, to: path, threads: threads)
      #expect(sketches == expectedSketches, "threads \(threads)")
      #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
      #expect(builder.creatorIDs.isEmpty)
    }
    // No creators at all, and a rate kept in range as SketchSet keeps it.
    var empty = AudienceSketchBuilder(exactThreshold: 9)
    _ = try SketchFile.write(finishing: &empty, sampleRate: 3, to: path, threads: 2)
    #expect(
      Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        == SketchFile.encode(SketchSet(sketches: [], sampleRate: 3, exactThreshold: 9)))
    // A directory is refused with AtomicFile's message, and nothing is left behind.
    let directory = (path as NSString).deletingLastPathComponent
    var other = Self.builder(seed: 45)
    #expect {
      _ = try SketchFile.write(finishing: &other, sampleRate: 1, to: directory)
    } throws: { error in
      "\(error)".contains("is a directory, expected a file")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["finishing.cms"])
  }

  @Test("an ordered sink takes blocks in their order, whatever order threads deliver them in")
  func orderedSink() {
    var random = SeededRandom(seed: 46)
    let blocks = (0..<200).map { index in
      (0..<Int(random.next() % 300)).map { _ in
        UInt8(truncatingIfNeeded: random.next() ^ UInt64(index))
      }
    }
    let header: [UInt8] = [1, 2, 3]
    let expected = (header + blocks.flatMap { $0 }).withUnsafeBufferPointer {
      FollowerHash.hash($0)
    }
    var order = Array(0..<blocks.count)
    for index in order.indices.reversed() {
      order.swapAt(index, Int(random.next() % UInt64(index + 1)))
    }
    let shuffled = order
    for threads in [1, 2, 4] {
      let sink = OrderedSink(FNVSink())
      header.withUnsafeBytes { sink.start($0) }
      DispatchQueue.concurrentPerform(iterations: threads) { thread in
        for position in stride(from: thread, to: shuffled.count, by: threads) {
          let number = shuffled[position]
          let bytes = SketchBytes(count: blocks[number].count + 8)
          bytes.copy(blocks[number], at: 0)
          sink.deliver(number, bytes)
          sink.drain()
        }
      }
      sink.drain()
      #expect(sink.finish { StableHash.mix($0.state) } == expected, "threads \(threads)")
    }
  }

  @Test("a run of hashes inserted at once gives the sketches of inserting them one by one")
  func insertRun() {
    var random = SeededRandom(seed: 47)
    for count in [0, 1, 100, 50_000] {
      // 0 and 1 << 50 have nothing below the register bits (the largest rank).
      let hashes = (0..<count).map { _ in random.next() } + [0, UInt64.max, 1 << 50]
      var oneByOne = HyperLogLog()
      var oneByOneMin = MinHash()
      for hash in hashes {
        oneByOne.insert(hash)
        oneByOneMin.insert(hash)
      }
      var atOnce = HyperLogLog()
      var atOnceMin = MinHash()
      hashes.withUnsafeBufferPointer {
        atOnce.insert(contentsOf: $0)
        atOnceMin.insert(contentsOf: $0)
      }
      #expect(atOnce == oneByOne && atOnceMin == oneByOneMin, "\(count) hashes")
    }
  }
}
