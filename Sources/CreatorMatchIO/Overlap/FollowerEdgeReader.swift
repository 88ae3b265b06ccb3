import CreatorMatch
import Foundation

/// Reads follower edges into an `AudienceSketchBuilder`: a `creator_id<TAB>follower_id` file
/// (streamed in 1 MiB chunks, millions of edges in constant memory besides the sketches), or a
/// graph JSON `{"edges": [[src, trg], …]}` such as the Twitter follower graphs of Anwar et al.
///
/// Edge files may start with a `creator_id<TAB>follower_id` header and carry `#` comment lines;
/// a `# sample-rate R` comment says the file holds a random share R of each audience.
public enum FollowerEdgeReader {
  /// The edge file's format.
  public enum Format: String, Sendable, CaseIterable {
    /// `creator_id<TAB>follower_id` lines.
    case edges
    /// `{"edges": [[src, trg], …]}`.
    case graphJSON = "graph-json"
  }

  /// Which end of a graph edge is the follower.
  public enum Direction: String, Sendable, CaseIterable {
    /// `[src, trg]`: trg follows src (the account src is followed).
    case targetFollows = "target-follows"
    /// `[src, trg]`: src follows trg.
    case sourceFollows = "source-follows"
  }

  /// What reading did.
  public struct Report: Sendable {
    /// Edges added.
    public var edges = 0
    /// Lines skipped as malformed.
    public var badLines = 0
    /// The first problems.
    public var firstProblems: [Diagnostic] = []
    /// The sample rate declared in the file, if any.
    public var sampleRate: Double?
  }

  /// Reads `path` into `builder`.
  public static func read(
    path: String, format: Format = .edges, direction: Direction = .targetFollows,
    into builder: inout AudienceSketchBuilder, strict: Bool = false
  ) throws(IngestError) -> Report {
    switch format {
    case .edges: return try readEdges(path: path, into: &builder, strict: strict)
    case .graphJSON: return try readGraph(path: path, direction: direction, into: &builder)
    }
  }

  private static func readEdges(
    path: String, into builder: inout AudienceSketchBuilder, strict: Bool
  )
    throws(IngestError) -> Report
  {
    var source = try ByteSource(path: path)
    var report = Report()
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
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
          lineNumber += 1
          var end = newline
          if end > start && bytes[end - 1] == 0x0D { end -= 1 }
          defer { start = newline + 1 }
          if end == start { continue }
          let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
          if line[0] == UInt8(ascii: "#") {
            if let rate = sampleRate(comment: line) { report.sampleRate = rate }
            continue
          }
          guard let tab = line.firstIndex(of: 0x09), tab > 0, tab < line.count - 1 else {
            let diagnostic = Diagnostic(
              file: path, line: lineNumber, column: 1, severity: .error, rule: "bad-edge",
              message: "expected creator_id<TAB>follower_id")
            if strict {
              problem = diagnostic
              consumed = start
              return
            }
            report.badLines += 1
            if report.firstProblems.count < 10 { report.firstProblems.append(diagnostic) }
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
            lastCreator = Array(creator)
            lastSlot = builder.slot(for: String(decoding: creator, as: UTF8.self))
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

  static func sampleRate(comment: UnsafeBufferPointer<UInt8>) -> Double? {
    let text = String(decoding: comment, as: UTF8.self).dropFirst().trimmingCharacters(
      in: .whitespaces)
    guard text.hasPrefix("sample-rate") else { return nil }
    let value = text.dropFirst("sample-rate".count).trimmingCharacters(in: .whitespaces)
    guard let rate = Double(value), rate > 0, rate <= 1 else { return nil }
    return rate
  }

  private static func readGraph(
    path: String, direction: Direction, into builder: inout AudienceSketchBuilder
  ) throws(IngestError) -> Report {
    let bytes = try AtomicFile.read(path)
    let document: JSONNode
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw .unusable(.invalidJSON(error, file: path))
    }
    guard case .array(let edges) = document.value["edges"] ?? .null else {
      throw .unusable(
        Diagnostic(
          file: path, line: 1, column: 1, severity: .error, rule: "missing-edges",
          message: "$.edges: expected an array of [source, target] pairs"))
    }
    var report = Report()
    for edge in edges {
      guard case .array(let pair) = edge.value, pair.count == 2,
        let source = nodeID(pair[0].value), let target = nodeID(pair[1].value)
      else {
        report.badLines += 1
        if report.firstProblems.count < 10 {
          report.firstProblems.append(
            Diagnostic(
              file: path, line: edge.position.line, column: edge.position.column, severity: .error,
              rule: "bad-edge", message: "expected a [source, target] pair of ids"))
        }
        continue
      }
      let (creator, follower) = direction == .targetFollows ? (source, target) : (target, source)
      builder.add(FollowerHash.hash(follower), creatorID: creator)
      report.edges += 1
    }
    return report
  }

  static func nodeID(_ value: JSONValue) -> String? {
    switch value {
    case .string(let text): return text
    case .number(let number): return JSONWriter.format(number)
    default: return nil
    }
  }
}
