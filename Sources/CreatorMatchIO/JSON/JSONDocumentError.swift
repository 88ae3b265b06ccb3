import CreatorMatch

/// A JSON document (a brief, a model file) that could not be read, with the file it came from.
///
/// ```text
/// datasets/briefs/pl.json:12:5: $.audience.gender: expected one of female, male, any, found "women"
/// ```
public enum JSONDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text is not well-formed JSON.
  case syntax(source: String, JSONSyntaxError)
  /// The JSON does not fit the schema.
  case schema(source: String, JSONSchemaError)

  /// `source:line:column: [path: ]message`.
  public var description: String {
    switch self {
    case .syntax(let source, let error): return "\(source):\(error)"
    case .schema(let source, let error): return "\(source):\(error)"
    }
  }

  /// The JSON path of a schema error; `nil` for a syntax error.
  public var path: String? {
    if case .schema(_, let error) = self { return error.path }
    return nil
  }

  /// The same error for a document that starts on line `line` of its file (a JSON Lines record):
  /// `briefs.jsonl:7:25`, not `briefs.jsonl:7:1:25`.
  package func onLine(_ line: Int) -> JSONDocumentError {
    switch self {
    case .syntax(let source, var error):
      error.position.line += line - 1
      return .syntax(source: source, error)
    case .schema(let source, var error):
      error.position.line += line - 1
      return .schema(source: source, error)
    }
  }

  /// Parses `bytes` and reads the document with `read`, attaching `source` to any error.
  package static func reading<T>(
    _ bytes: [UInt8], source: String, _ read: (JSONNode) throws(JSONSchemaError) -> T
  ) throws(JSONDocumentError) -> T {
    let node: JSONNode
    do {
      node = try JSONParser.parse(bytes)
    } catch {
      throw .syntax(source: source, error)
    }
    do {
      return try read(node)
    } catch {
      throw .schema(source: source, error)
    }
  }
}
