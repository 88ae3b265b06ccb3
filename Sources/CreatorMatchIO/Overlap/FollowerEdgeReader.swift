import CreatorMatch
import Foundation

/// Reads follower edges into an `AudienceSketchBuilder`: a `creator_id<TAB>follower_id` file
/// (streamed in 1 MiB chunks, millions of edges in constant memory besides the sketches), or a
/// graph JSON `{"edges": [[src, trg], …]}` such as the Twitter follower graphs of Anwar et al.
///
/// Edge files may start with a `creator_id<TAB>follower_id` header and carry `#` comment lines
/// (a line starting with `#` and holding no TAB: `#tag<TAB>follower` is an edge of creator `#tag`);
/// a `# sample-rate R` comment says the file holds a random share R of each audience, and one
/// whose R is not a number in (0, 1] is an error. Lines end in LF, CRLF or a lone CR. Creator ids
/// must be UTF-8 (two different invalid ids would otherwise decode to the same text); follower
/// ids are hashed as bytes.
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
    case .graphJSON:
      return try readGraph(path: path, direction: direction, into: &builder, strict: strict)
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
          // A CR at the end of the buffer may be the first half of a CRLF: wait for more.
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
            switch sampleRate(comment: line) {
            case .some(.some(let rate)): report.sampleRate = rate
            case .some(.none):
              // A declared rate that cannot be read would scale every count wrongly.
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

  /// The rate of a `# sample-rate R` comment: `nil` for another comment, `.some(nil)` for a
  /// sample-rate comment whose R is not a number in (0, 1].
  static func sampleRate(comment: UnsafeBufferPointer<UInt8>) -> Double?? {
    let text = String(decoding: comment, as: UTF8.self).dropFirst().trimmingCharacters(
      in: .whitespaces)
    guard text.hasPrefix("sample-rate") else { return nil }
    let value = text.dropFirst("sample-rate".count).trimmingCharacters(in: .whitespaces)
    guard let rate = Double(value), rate > 0, rate <= 1 else { return .some(nil) }
    return .some(rate)
  }

  private static func readGraph(
    path: String, direction: Direction, into builder: inout AudienceSketchBuilder, strict: Bool
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
        let diagnostic = Diagnostic(
          file: path, line: edge.position.line, column: edge.position.column, severity: .error,
          rule: "bad-edge", message: "expected a [source, target] pair of ids")
        if strict { throw .badRow(diagnostic) }
        report.badLines += 1
        if report.firstProblems.count < 10 { report.firstProblems.append(diagnostic) }
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
