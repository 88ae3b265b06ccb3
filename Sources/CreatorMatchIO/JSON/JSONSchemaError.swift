import CreatorMatch

/// A JSON document that is well-formed but does not fit the schema it is read as: a missing,
/// mistyped or unknown key, or a value out of range. It names the JSON path and the position.
///
/// ```text
/// brief.json:9:22: $.economics.gross_margin: must be between 0 and 1, found 1.4
/// ```
public struct JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The JSON path of the offending value, e.g. `$.niche.keywords.serum`.
  public var path: String
  /// What is wrong, in words a user can act on.
  public var message: String
  /// Where the offending value (or, for a missing key, its parent object) starts.
  public var position: TextPosition

  /// Creates an error.
  public init(path: String, message: String, position: TextPosition) {
    self.path = path
    self.message = message
    self.position = position
  }

  /// `line:column: path: message`.
  public var description: String { "\(position): \(path): \(message)" }
}
