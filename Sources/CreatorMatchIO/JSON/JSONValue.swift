import CreatorMatch

/// A parsed JSON document node that keeps object keys in their written order.
///
/// CreatorMatch reads briefs, JSONL creator rows, posts and model files through this type rather
/// than `JSONSerialization`, because it needs two things Foundation does not give: the source
/// position of every value (so that a diagnostic can say `brief.json:7:18`) and a distinction
/// between numbers and booleans that survives Linux's `NSNumber` bridging.
///
/// ```swift
/// let value = try JSONParser.parse(Array(#"{"top": 10}"#.utf8))
/// value["top"]?.number  // 10.0
/// ```
package indirect enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// Any JSON number, as a binary64 value.
  case number(Double)
  /// A string with its escapes resolved.
  case string(String)
  /// An array of values.
  case array([JSONNode])
  /// An object's members in source order; duplicate keys are rejected by the parser.
  case object([JSONMember])

  /// The number, if this is a number.
  package var number: Double? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The string, if this is a string.
  package var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The Boolean, if this is a Boolean.
  package var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The member named `key`, if this is an object that has it. O(members).
  package subscript(key: String) -> JSONValue? {
    if case .object(let members) = self {
      return members.first(where: { $0.key == key })?.node.value
    }
    return nil
  }

  /// A short name of the value's JSON type, used in "expected X, found Y" messages.
  package var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// A JSON value together with where it starts in the source text.
package struct JSONNode: Sendable, Equatable {
  /// The value.
  package var value: JSONValue
  /// Where the value's first character is.
  package var position: TextPosition

  /// Creates a node; `position` defaults to the start of the text for values built in code.
  package init(_ value: JSONValue, position: TextPosition = TextPosition(line: 1, column: 1)) {
    self.value = value
    self.position = position
  }

  /// The value as an integer: a whole number below 10¹⁵ in size (every such number is exact in a
  /// `Double` and fits an `Int`); `nil` for anything else.
  package var integer: Int? {
    guard case .number(let value) = value, value == value.rounded(), abs(value) < 1e15 else {
      return nil
    }
    return Int(value)
  }
}

/// One member of a JSON object: its key, where the key is written, and its value.
package struct JSONMember: Sendable, Equatable {
  /// The member's key.
  package var key: String
  /// Where the key's opening quote is.
  package var keyPosition: TextPosition
  /// The member's value.
  package var node: JSONNode

  /// Creates a member.
  package init(key: String, keyPosition: TextPosition, node: JSONNode) {
    self.key = key
    self.keyPosition = keyPosition
    self.node = node
  }
}

/// A 1-based line and column in a text file; columns count Unicode scalars.
public struct TextPosition: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column number.
  public var column: Int

  /// Creates a position.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// `line:column`.
  public var description: String { "\(line):\(column)" }
}
