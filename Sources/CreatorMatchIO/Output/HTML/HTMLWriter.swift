/// Builds HTML text in which every piece of data is escaped.
///
/// Text and attribute values go through ``escape(_:)``, so a creator bio such as
/// `<script>alert(1)</script>` or a handle such as `"><img src=x onerror=alert(1)>` stays text
/// in the page. Only the renderers' own markup (tag names, attribute names, the fixed CSS, script
/// and SVG path data made of numbers) is written unescaped, through ``raw(_:)``.
///
/// ```swift
/// var html = HTMLWriter()
/// html.element("td", ["class": "num"], text: "4.1%")
/// html.text  // <td class="num">4.1%</td>
/// ```
package struct HTMLWriter: Sendable {
  /// The HTML written so far.
  package private(set) var text = ""

  /// Creates an empty writer.
  package init() {}

  /// `&`, `<`, `>`, `"` and `'` as character references; every other character as is (the page
  /// is UTF-8). Escaping the quotes too makes one function safe for text and for quoted attribute
  /// values alike.
  ///
  /// - Parameter value: Any text.
  /// - Returns: The text, safe inside an element or a double- or single-quoted attribute.
  /// - Complexity: O(n) in the UTF-8 length.
  package static func escape(_ value: String) -> String {
    guard value.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 })
    else { return value }
    var result = ""
    result.reserveCapacity(value.utf8.count + 16)
    for character in value.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }

  /// Appends markup as is: only for the renderers' own constant markup and numbers.
  package mutating func raw(_ markup: String) { text += markup }

  /// Appends escaped text.
  package mutating func text(_ value: String) { text += Self.escape(value) }

  /// Appends an opening tag with escaped attribute values, in the order given (the same order
  /// gives the same bytes).
  ///
  /// - Parameters:
  ///   - tag: The tag name (a constant of the renderer).
  ///   - attributes: Names (constants) and values (escaped); a `nil` value leaves the attribute
  ///     out.
  package mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
    text += "<" + tag
    for (name, value) in attributes {
      guard let value else { continue }
      text += " " + name + "=\"" + Self.escape(value) + "\""
    }
    text += ">"
  }

  /// Appends a closing tag.
  package mutating func close(_ tag: String) { text += "</" + tag + ">" }

  /// Appends an element holding escaped text.
  ///
  /// - Parameters:
  ///   - tag: The tag name.
  ///   - attributes: Attributes as in ``open(_:_:)``.
  ///   - text: The content, escaped.
  package mutating func element(
    _ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], text value: String
  ) {
    open(tag, attributes)
    text(value)
    close(tag)
  }

  /// Appends an element whose content the closure writes.
  ///
  /// - Parameters:
  ///   - tag: The tag name.
  ///   - attributes: Attributes as in ``open(_:_:)``.
  ///   - content: Writes the content.
  package mutating func element(
    _ tag: String, _ attributes: KeyValuePairs<String, String?> = [:],
    _ content: (inout HTMLWriter) -> Void
  ) {
    open(tag, attributes)
    content(&self)
    close(tag)
  }
}
