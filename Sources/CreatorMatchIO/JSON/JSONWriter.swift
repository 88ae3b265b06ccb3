import CreatorMatch

/// Writes JSON text with keys in the order they are given, so output is byte-stable.
///
/// Numbers use the shortest representation that round-trips (Swift's `description`), integers
/// without a fraction, and non-finite values as `null`. Strings escape only what JSON requires,
/// so Cyrillic and Japanese text stays readable.
///
/// ```swift
/// var json = JSONWriter()
/// json.object { o in
///   o.key("id"); o.string("pl-skincare")
///   o.key("top"); o.number(10)
/// }
/// json.text  // {"id":"pl-skincare","top":10}
/// ```
package struct JSONWriter: Sendable {
  /// The text written so far.
  package private(set) var text = ""
  private var needsComma: [Bool] = [false]
  private let indentUnit: String?

  /// Creates a writer; `pretty` indents nested values by two spaces.
  package init(pretty: Bool = false) {
    indentUnit = pretty ? "  " : nil
  }

  private mutating func beforeValue() {
    if let last = needsComma.last, last { text += "," }
    if needsComma.count > 1 { newline() }
    needsComma[needsComma.count - 1] = true
  }

  private mutating func newline() {
    guard let unit = indentUnit else { return }
    text += "\n" + String(repeating: unit, count: needsComma.count - 1)
  }

  /// Writes an object key; the next call writes its value.
  package mutating func key(_ key: String) {
    beforeValue()
    JSONWriter.appendQuoted(key, to: &text)
    text += indentUnit == nil ? ":" : ": "
    afterKey = true
  }

  // The value right after a key shares the key's line and takes no comma of its own.
  private var afterKey = false

  private mutating func valuePrefix() {
    if afterKey {
      afterKey = false
    } else {
      beforeValue()
    }
  }

  /// Writes a string value.
  package mutating func string(_ value: String) {
    valuePrefix()
    JSONWriter.appendQuoted(value, to: &text)
  }

  /// Writes a string value, or `null` when it is `nil`.
  package mutating func string(_ value: String?) {
    if let value { string(value) } else { null() }
  }

  /// Writes a number; non-finite values become `null`.
  package mutating func number(_ value: Double) {
    valuePrefix()
    text += JSONWriter.format(value)
  }

  /// Writes a number, or `null` when it is `nil`.
  package mutating func number(_ value: Double?) {
    if let value { number(value) } else { null() }
  }

  /// Writes a number already formatted as JSON number text (e.g. fixed decimals); text that is
  /// not a finite number (`–`, which the text formats print for an infinite or missing value,
  /// `inf`, `nan`) is written as `null`, so the document stays valid JSON.
  package mutating func rawNumber(_ text: String) {
    guard Self.isJSONNumber(text) else {
      null()
      return
    }
    valuePrefix()
    self.text += text
  }

  /// Whether `text` is a number in JSON's grammar (RFC 8259 §6).
  static func isJSONNumber(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    func digits() -> Int {
      let count = bytes.prefix(while: { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        .count
      bytes = bytes.dropFirst(count)
      return count
    }
    let leading = bytes.first
    let integer = digits()
    guard integer > 0, integer == 1 || leading != UInt8(ascii: "0") else { return false }
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      guard digits() > 0 else { return false }
    }
    if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
        bytes = bytes.dropFirst()
      }
      guard digits() > 0 else { return false }
    }
    return bytes.isEmpty
  }

  /// Writes an integer.
  package mutating func integer(_ value: Int) {
    valuePrefix()
    text += String(value)
  }

  /// Writes a Boolean.
  package mutating func bool(_ value: Bool) {
    valuePrefix()
    text += value ? "true" : "false"
  }

  /// Writes `null`.
  package mutating func null() {
    valuePrefix()
    text += "null"
  }

  /// Writes an object whose members `body` writes with ``key(_:)`` and a value each.
  package mutating func object(_ body: (inout JSONWriter) -> Void) {
    valuePrefix()
    text += "{"
    needsComma.append(false)
    body(&self)
    let hadMembers = needsComma.removeLast()
    if hadMembers { newline() }
    text += "}"
  }

  /// Writes an array whose elements `body` writes.
  package mutating func array(_ body: (inout JSONWriter) -> Void) {
    valuePrefix()
    text += "["
    needsComma.append(false)
    body(&self)
    let hadElements = needsComma.removeLast()
    if hadElements { newline() }
    text += "]"
  }

  /// Writes an array of strings.
  package mutating func stringArray(_ values: [String]) {
    array { json in
      for value in values { json.string(value) }
    }
  }

  /// Writes an already-parsed JSON value.
  package mutating func value(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let flag): bool(flag)
    case .number(let number): self.number(number)
    case .string(let string): self.string(string)
    case .array(let elements):
      array { json in
        for element in elements { json.value(element.value) }
      }
    case .object(let members):
      object { json in
        for member in members {
          json.key(member.key)
          json.value(member.node.value)
        }
      }
    }
  }

  /// The JSON text of a number: integers without a fraction, others round-trip exact.
  package static func format(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    return value.description
  }

  /// Appends `value` as a quoted JSON string.
  package static func appendQuoted(_ value: String, to text: inout String) {
    text += "\""
    var needsEscaping = false
    for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
      needsEscaping = true
      break
    }
    if !needsEscaping {
      text += value
      text += "\""
      return
    }
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    text += "\""
  }
}
