import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

@Suite("JSON parser and writer")
struct JSONTests {
  @Test(
    "pre-formatted numbers that are not JSON numbers are written as null",
    arguments: [
      ("12", "12"), ("-0.5000", "-0.5000"), ("1e-7", "1e-7"), ("0", "0"), ("–", "null"),
      ("inf", "null"), ("nan", "null"), ("-", "null"), ("01", "null"), ("1.", "null"),
      (".5", "null"), ("1e", "null"), ("", "null"), ("12 ", "null"),
    ])
  func rawNumberStaysValid(text: String, expected: String) throws {
    var json = JSONWriter()
    json.object { object in
      object.key("x")
      object.rawNumber(text)
    }
    #expect(json.text == "{\"x\":\(expected)}")
    _ = try JSONParser.parse(Array(json.text.utf8))
  }

  @Test("parses nested values and records positions")
  func parsesWithPositions() throws {
    let node = try JSONParser.parse("{\n  \"a\": [1, true, null],\n  \"b\": {\"c\": \"ж\"}\n}")
    #expect(
      node.value["a"]
        == .array([
          JSONNode(.number(1), position: TextPosition(line: 2, column: 9)),
          JSONNode(.bool(true), position: TextPosition(line: 2, column: 12)),
          JSONNode(.null, position: TextPosition(line: 2, column: 18)),
        ]))
    #expect(node.value["b"]?["c"]?.string == "ж")
  }

  @Test("a 100,000-value array on one line: right columns, one pass over the line to find them")
  func oneLineColumnsInOnePass() throws {
    // "ж" is two bytes and one column, so byte offsets and columns differ after it.
    let values = (0..<100_000).map { String($0) }
    let text = "[\"ж\"," + values.joined(separator: ",") + "]"
    let bytes = Array(text.utf8)
    let (node, scanned) = try JSONParser.parseCountingColumnScans(bytes)
    guard case .array(let items) = node.value else {
      Issue.record("expected an array")
      return
    }
    #expect(items.count == 100_001)
    #expect(items[0].position == TextPosition(line: 1, column: 2))
    var column = 6  // `["ж",` takes columns 1–5.
    for (offset, item) in items.dropFirst().enumerated() {
      if item.position != TextPosition(line: 1, column: column) {
        Issue.record("value \(offset) at \(item.position), expected column \(column)")
        break
      }
      column += values[offset].count + 1
    }
    #expect(scanned <= bytes.count)
  }

  @Test("positions on one long line count columns in scalars, keys and errors included")
  func oneLinePositions() throws {
    // Columns: `[` 1, `{` 2, `"ж"` 3, 1 at 8, `{` 12, `"k"` 13, 22 at 18, the error's `x` at 23.
    let node = try JSONParser.parse("[{\"ж\": 1}, {\"k\": 22}]")
    guard case .array(let items) = node.value, items.count == 2,
      case .object(let first) = items[0].value, case .object(let second) = items[1].value
    else {
      Issue.record("expected an array of two objects")
      return
    }
    #expect(items.map(\.position.column) == [2, 12])
    #expect(first[0].keyPosition.column == 3 && first[0].node.position.column == 8)
    #expect(second[0].keyPosition.column == 13 && second[0].node.position.column == 18)
    #expect(
      throws: JSONSyntaxError(
        message: "unexpected character 'x', expected a value",
        position: TextPosition(line: 1, column: 23))
    ) {
      _ = try JSONParser.parse("[{\"ж\": 1}, {\"k\": 22}, x]")
    }
  }

  @Test(
    "rejects malformed documents with a position",
    arguments: [
      ("{\"a\": 1,}", "trailing comma", 1, 9),
      ("[1, 2,]", "trailing comma", 1, 7),
      ("{\"a\": 1, \"a\": 2}", "duplicate key", 1, 10),
      ("{'a': 1}", "expected a quoted key", 1, 2),
      ("// c\n{}", "comments are not allowed", 1, 1),
      ("{\"a\": tru}", "invalid literal", 1, 7),
      ("\"abc", "unterminated string", 1, 5),
      ("[01]", "leading zeros", 1, 2),
      ("{\"a\": 1} x", "unexpected text", 1, 10),
    ])
  func rejectsMalformed(text: String, fragment: String, line: Int, column: Int) {
    do {
      _ = try JSONParser.parse(text)
      Issue.record("expected an error for \(text)")
    } catch {
      #expect(error.message.contains(fragment), "\(error.message)")
      #expect(error.position == TextPosition(line: line, column: column))
    }
  }

  @Test("a duplicate key is found in a large object too, with the same equality of keys")
  func duplicateInLargeObject() {
    // Keys k0…k19; past the first few the parser keeps a set of keys instead of scanning.
    let keys = (0..<20).map { "\"k\($0)\": \($0)" }
    for (duplicate, column) in [("k3", 202), ("k19", 202), ("k0", 202)] {
      let text = "{" + keys.joined(separator: ", ") + ", \"\(duplicate)\": 1}"
      do {
        _ = try JSONParser.parse(text)
        Issue.record("expected a duplicate-key error for \(duplicate)")
      } catch {
        #expect(error.message == "duplicate key \"\(duplicate)\"")
        #expect(error.position == TextPosition(line: 1, column: column))
      }
    }
    // Canonically equivalent keys (é precomposed and decomposed) are one key, as before.
    let accented = "{" + keys.joined(separator: ", ") + ", \"caf\u{E9}\": 1, \"cafe\u{301}\": 2}"
    #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(accented) }
    let distinct = "{" + keys.joined(separator: ", ") + ", \"k20\": 20}"
    #expect(throws: Never.self) { _ = try JSONParser.parse(distinct) }
  }

  @Test("columns count characters, not bytes, on lines with Cyrillic text")
  func columnsCountScalars() {
    do {
      _ = try JSONParser.parse("{\"назва\": x}")
      Issue.record("expected an error")
    } catch {
      #expect(error.position.column == 11)
    }
  }

  @Test("decodes escapes and surrogate pairs")
  func decodesEscapes() throws {
    let node = try JSONParser.parse(#"["a\"b\\c\n", "\u0144\ud83d\ude00"]"#)
    guard case .array(let items) = node.value else {
      Issue.record("not an array")
      return
    }
    #expect(items[0].value.string == "a\"b\\c\n")
    #expect(items[1].value.string == "ń😀")
  }

  @Test("writes keys in the given order with minimal escaping")
  func writesOrderedKeys() {
    var json = JSONWriter()
    json.object { object in
      object.key("z")
      object.integer(1)
      object.key("a")
      object.string("Київ \"центр\"\n")
      object.key("n")
      object.number(0.1)
      object.key("inf")
      object.number(Double.infinity)
      object.key("list")
      object.stringArray(["x"])
    }
    #expect(json.text == #"{"z":1,"a":"Київ \"центр\"\n","n":0.1,"inf":null,"list":["x"]}"#)
  }

  @Test("pretty output parses back to the same value")
  func prettyRoundTrip() throws {
    var json = JSONWriter(pretty: true)
    json.object { object in
      object.key("a")
      object.array { list in
        list.number(1.5)
        list.object { inner in
          inner.key("b")
          inner.bool(false)
        }
      }
      object.key("empty")
      object.object { _ in }
    }
    let parsed = try JSONParser.parse(json.text)
    #expect(parsed.value["a"] != nil)
    #expect(parsed.value["empty"] == .object([]))
  }
}
