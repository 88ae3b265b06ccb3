import CreatorMatch

/// A strict RFC 8259 JSON parser over UTF-8 bytes that records each value's line and column.
///
/// It rejects what a hand-edited brief most often gets wrong (trailing commas, comments, single
/// quotes, duplicate keys, unescaped control characters) with a message that names the position.
/// - Complexity: O(n) in the input length; recursion depth is limited to ``maximumDepth``.
package struct JSONParser {
  /// How deeply arrays and objects may nest before the input is rejected.
  package static let maximumDepth = 256

  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var lineStart = 0
  private var depth = 0
  /// The column of `columnIndex` on the line starting at `columnLineStart`: positions are asked
  /// for in increasing order, so each one continues the scan where the last stopped, and a
  /// 100,000-value array on one line is scanned once rather than once a value.
  private var columnLineStart = -1
  private var columnIndex = 0
  private var column = 1
  /// Bytes scanned to find columns, for a test that pins the scan to one pass.
  private var columnBytesScanned = 0

  private init(bytes: [UInt8]) {
    self.bytes = bytes
    // A UTF-8 byte order mark is not part of the document.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    lineStart = index
  }

  /// Parses one complete JSON document.
  /// - Throws: ``JSONSyntaxError`` naming the line and column of the first problem.
  package static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
    try parseCountingColumnScans(bytes).node
  }

  /// Parses like ``parse(_:)-([UInt8])`` and also returns how many bytes were scanned to find
  /// the values' columns (at most the input's length).
  /// - Throws: ``JSONSyntaxError`` naming the line and column of the first problem.
  package static func parseCountingColumnScans(_ bytes: [UInt8]) throws(JSONSyntaxError)
    -> (node: JSONNode, columnBytesScanned: Int)
  {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    let node = try parser.parseValue()
    parser.skipWhitespace()
    if parser.index < parser.bytes.count {
      throw parser.error("unexpected text after the JSON value")
    }
    return (node, parser.columnBytesScanned)
  }

  /// Parses one complete JSON document from a string.
  package static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
    try parse(Array(text.utf8))
  }

  private var position: TextPosition {
    // Columns count scalars, not bytes, so that a message points at the right character of a
    // line holding Cyrillic or Japanese text.
    var column = 1
    var cursor = lineStart
    while cursor < index && cursor < bytes.count {
      if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
      cursor += 1
    }
    return TextPosition(line: line, column: column)
  }

  /// ``position``, continuing the last column scan when on the same line: O(1) amortized.
  private mutating func currentPosition() -> TextPosition {
    if columnLineStart != lineStart || columnIndex > index {
      columnLineStart = lineStart
      columnIndex = lineStart
      column = 1
    }
    while columnIndex < index && columnIndex < bytes.count {
      if bytes[columnIndex] & 0xC0 != 0x80 { column += 1 }
      columnIndex += 1
      columnBytesScanned += 1
    }
    return TextPosition(line: line, column: column)
  }

  private func error(_ message: String) -> JSONSyntaxError {
    JSONSyntaxError(message: message, position: position)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0D:
        index += 1
      case 0x0A:
        index += 1
        line += 1
        lineStart = index
      default:
        return
      }
    }
  }

  private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
    guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
    let start = currentPosition()
    switch bytes[index] {
    case UInt8(ascii: "{"): return JSONNode(try parseObject(), position: start)
    case UInt8(ascii: "["): return JSONNode(try parseArray(), position: start)
    case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), position: start)
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return JSONNode(.bool(true), position: start)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return JSONNode(.bool(false), position: start)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return JSONNode(.null, position: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONNode(.number(try parseNumber()), position: start)
    case UInt8(ascii: "'"):
      throw error("strings must use double quotes")
    case UInt8(ascii: "/"):
      throw error("comments are not allowed in JSON")
    default:
      throw error("unexpected character \(describe(bytes[index])), expected a value")
    }
  }

  private func describe(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }

  private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
    let matches = literal.withUTF8Buffer { expected -> Bool in
      let count = expected.count
      guard index + count <= bytes.count else { return false }
      for offset in 0..<count where bytes[index + offset] != expected[offset] {
        return false
      }
      return true
    }
    guard matches else { throw error("invalid literal, expected '\(literal)'") }
    index += literal.utf8CodeUnitCount
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw error("nesting deeper than \(Self.maximumDepth) levels")
    }
  }

  private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [JSONMember] = []
    // The keys seen, once an object has more than a few: a linear scan per key made an object
    // of n keys cost n² string comparisons (a model's 1,400 document frequencies: 24 ms).
    var keys: Set<String> = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input inside an object") }
      guard bytes[index] == UInt8(ascii: "\"") else {
        if bytes[index] == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
        throw error("expected a quoted key, found \(describe(bytes[index]))")
      }
      let keyPosition = currentPosition()
      let key = try parseString()
      let duplicate: Bool
      if members.count < 8 {
        duplicate = members.contains { $0.key == key }
      } else {
        if keys.isEmpty { keys = Set(members.map(\.key)) }
        duplicate = !keys.insert(key).inserted
      }
      if duplicate {
        throw JSONSyntaxError(message: "duplicate key \"\(key)\"", position: keyPosition)
      }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error("expected ':' after key \"\(key)\"")
      }
      index += 1
      skipWhitespace()
      let node = try parseValue()
      members.append(JSONMember(key: key, keyPosition: keyPosition, node: node))
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input inside an object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      throw error("expected ',' or '}' after a member, found \(describe(bytes[index]))")
    }
  }

  private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var elements: [JSONNode] = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
        throw error("trailing comma before ']'")
      }
      elements.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input inside an array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(elements)
      }
      throw error("expected ',' or ']' after an element, found \(describe(bytes[index]))")
    }
  }

  private mutating func parseString() throws(JSONSyntaxError) -> String {
    index += 1
    let start = index
    // Fast path: no escapes, so the bytes can be decoded in place.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw error("unescaped control character in a string") }
      index += 1
    }
    var scalars = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return String(decoding: scalars, as: UTF8.self)
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { throw error("unterminated escape") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append(0x22)
        case UInt8(ascii: "\\"): scalars.append(0x5C)
        case UInt8(ascii: "/"): scalars.append(0x2F)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"):
          let scalar = try parseUnicodeEscape()
          scalars.append(contentsOf: String(Character(scalar)).utf8)
        default:
          throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
        }
      default:
        if byte < 0x20 { throw error("unescaped control character in a string") }
        scalars.append(byte)
        index += 1
      }
    }
    throw error("unterminated string")
  }

  private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
    let high = try parseHex4()
    if (0xD800...0xDBFF).contains(high) {
      guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
        bytes[index + 1] == UInt8(ascii: "u")
      else { throw error("unpaired surrogate in \\u escape") }
      index += 2
      let low = try parseHex4()
      guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair") }
      let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
      guard let scalar = Unicode.Scalar(combined) else { throw error("invalid surrogate pair") }
      return scalar
    }
    guard let scalar = Unicode.Scalar(high) else { throw error("unpaired surrogate in \\u escape") }
    return scalar
  }

  private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
    if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
      throw error("numbers may not have leading zeros")
    }
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("expected a digit after the decimal point")
      }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid exponent") }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw error("number \(text) is out of range")
    }
    return value
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}

/// A JSON document that is not well-formed, with the position of the first problem.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, in words.
  public var message: String
  /// Where the problem is.
  public var position: TextPosition

  /// Creates an error.
  public init(message: String, position: TextPosition) {
    self.message = message
    self.position = position
  }

  /// `line:column: message`.
  public var description: String { "\(position): \(message)" }
}
