import CreatorMatch
import Foundation

/// Reads follower edges into an `AudienceSketchBuilder`: a `creator_id<TAB>follower_id` file
/// (mapped and parsed in parallel blocks, millions of edges in constant memory besides the
/// sketches), or a
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
  ///
  /// An edge file is mapped and parsed in blocks on `threads` workers (see `EdgeBlocks`); the
  /// sketches, their order (first line of each creator) and the report are the same for any
  /// thread count.
  /// - Parameters:
  ///   - path: The edge file or graph JSON.
  ///   - format: Which of the two it is.
  ///   - direction: For a graph, which end of an edge is the follower.
  ///   - builder: Receives the creators and their followers.
  ///   - strict: Stop at the first malformed line (or graph edge) instead of counting it.
  ///   - threads: Workers for an edge file (nil: every core).
  /// - Returns: The edges read, the lines skipped and the declared sample rate.
  /// - Throws: `IngestError` for a missing or unreadable file, a bad `# sample-rate`, or under
  ///   `strict` the first malformed line, with its file and line.
  /// - Complexity: O(file size); memory O(creators), not O(edges).
  public static func read(
    path: String, format: Format = .edges, direction: Direction = .targetFollows,
    into builder: inout AudienceSketchBuilder, strict: Bool = false, threads: Int? = nil
  ) throws(IngestError) -> Report {
    switch format {
    case .edges:
      return try EdgeBlocks.read(path: path, into: &builder, strict: strict, threads: threads)
    case .graphJSON:
      return try readGraph(path: path, direction: direction, into: &builder, strict: strict)
    }
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
