import CreatorMatch

/// Reads one JSON object member by member, checking types and rejecting unknown keys, so that
/// every schema error names its JSON path.
///
/// ```swift
/// let object = try JSONObjectReader(node, path: "$", allowedKeys: ["id", "top"])
/// let top = try object.integer("top")  // nil when absent, error when not an integer
/// ```
package struct JSONObjectReader: Sendable {
  /// The path of this object.
  package let path: String
  /// Where the object starts.
  package let position: TextPosition
  private let members: [JSONMember]

  /// Wraps `node`, which must be an object whose keys are all in `allowedKeys` (when given).
  package init(_ node: JSONNode, path: String, allowedKeys: [String]? = nil) throws(JSONSchemaError)
  {
    guard case .object(let members) = node.value else {
      throw JSONSchemaError(
        path: path, message: "expected an object, found \(node.value.kindName)",
        position: node.position)
    }
    self.path = path
    self.position = node.position
    self.members = members
    if let allowedKeys {
      for member in members where !allowedKeys.contains(member.key) {
        var message = "unknown key \"\(member.key)\""
        if let suggestion = Self.closest(to: member.key, in: allowedKeys) {
          message += "; did you mean \"\(suggestion)\"?"
        } else {
          message += "; expected one of: " + allowedKeys.joined(separator: ", ")
        }
        throw JSONSchemaError(
          path: Self.childPath(path, member.key), message: message, position: member.keyPosition)
      }
    }
  }

  /// The members in source order.
  package var allMembers: [JSONMember] { members }

  /// The path of member `key`.
  package func path(of key: String) -> String { Self.childPath(path, key) }

  static func childPath(_ parent: String, _ key: String) -> String {
    let simple = key.unicodeScalars.allSatisfy {
      ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_")
    }
    if simple && !key.isEmpty { return parent + "." + key }
    var quoted = ""
    JSONWriter.appendQuoted(key, to: &quoted)
    return parent + "[" + quoted + "]"
  }

  /// The node of member `key`, or `nil` when absent or `null`.
  package func node(_ key: String) -> JSONNode? {
    guard let member = members.first(where: { $0.key == key }) else { return nil }
    if case .null = member.node.value { return nil }
    return member.node
  }

  /// Whether the member is present and not `null`.
  package func contains(_ key: String) -> Bool { node(key) != nil }

  private func typeError(_ key: String, _ node: JSONNode, expected: String) -> JSONSchemaError {
    JSONSchemaError(
      path: path(of: key), message: "expected \(expected), found \(node.value.kindName)",
      position: node.position)
  }

  /// An error about member `key` (or this object, when the member is absent).
  package func invalid(_ key: String, _ message: String) -> JSONSchemaError {
    JSONSchemaError(
      path: path(of: key), message: message, position: node(key)?.position ?? position)
  }

  /// A required member is absent.
  package func missing(_ key: String) -> JSONSchemaError {
    JSONSchemaError(path: path(of: key), message: "required key is missing", position: position)
  }

  /// A string member.
  package func string(_ key: String) throws(JSONSchemaError) -> String? {
    guard let node = node(key) else { return nil }
    guard case .string(let value) = node.value else {
      throw typeError(key, node, expected: "a string")
    }
    return value
  }

  /// A required string member.
  package func requiredString(_ key: String) throws(JSONSchemaError) -> String {
    guard let value = try string(key) else { throw missing(key) }
    return value
  }

  /// A number member.
  package func number(_ key: String) throws(JSONSchemaError) -> Double? {
    guard let node = node(key) else { return nil }
    guard case .number(let value) = node.value else {
      throw typeError(key, node, expected: "a number")
    }
    return value
  }

  /// A number member that must lie in `range`.
  package func number(_ key: String, in range: ClosedRange<Double>, _ what: String)
    throws(JSONSchemaError) -> Double?
  {
    guard let value = try number(key) else { return nil }
    guard range.contains(value) else {
      throw invalid(key, "\(what), found \(JSONWriter.format(value))")
    }
    return value
  }

  /// An integer member.
  package func integer(_ key: String) throws(JSONSchemaError) -> Int? {
    guard let node = node(key) else { return nil }
    guard let value = node.integer else { throw typeError(key, node, expected: "an integer") }
    return value
  }

  /// A Boolean member.
  package func bool(_ key: String) throws(JSONSchemaError) -> Bool? {
    guard let node = node(key) else { return nil }
    guard case .bool(let value) = node.value else {
      throw typeError(key, node, expected: "true or false")
    }
    return value
  }

  /// An array-of-strings member; a single string is accepted as a one-element array.
  package func strings(_ key: String) throws(JSONSchemaError) -> [String]? {
    guard let node = node(key) else { return nil }
    switch node.value {
    case .string(let single):
      return [single]
    case .array(let elements):
      var result: [String] = []
      for (offset, element) in elements.enumerated() {
        guard case .string(let value) = element.value else {
          throw JSONSchemaError(
            path: path(of: key) + "[\(offset)]",
            message: "expected a string, found \(element.value.kindName)",
            position: element.position)
        }
        result.append(value)
      }
      return result
    default:
      throw typeError(key, node, expected: "an array of strings")
    }
  }

  /// An object member, read with its own allowed keys.
  package func object(_ key: String, allowedKeys: [String]? = nil) throws(JSONSchemaError)
    -> JSONObjectReader?
  {
    guard let node = node(key) else { return nil }
    return try JSONObjectReader(node, path: path(of: key), allowedKeys: allowedKeys)
  }

  /// The allowed key closest to `key` by edit distance, when it is a plausible typo.
  static func closest(to key: String, in candidates: [String]) -> String? {
    let lower = key.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(lower, candidate.lowercased())
      if distance <= max(1, candidate.count / 3), best.map({ distance < $0.1 }) ?? true {
        best = (candidate, distance)
      }
    }
    return best?.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
