import Foundation

/// One input row's raw values, one slot per ``CreatorField``, whatever the file format.
///
/// CSV records and JSONL objects are both reduced to this, so that one decoder validates both.
/// The row is reused from record to record to avoid allocation.
public struct FieldRow: Sendable {
  /// Bytes of all values, back to back.
  var bytes: [UInt8] = []
  /// Per field ordinal: the value's range in ``bytes``, or `nil` when the row has no value.
  var ranges: [Range<Int>?]
  /// Per field ordinal: the 1-based column to report in diagnostics.
  var columns: [Int]
  /// The 1-based line where the row starts.
  public var line = 0

  /// Creates an empty row.
  public init() {
    ranges = Array(repeating: nil, count: CreatorField.allCases.count)
    columns = Array(repeating: 0, count: CreatorField.allCases.count)
    bytes.reserveCapacity(1024)
  }

  mutating func reset(line: Int) {
    bytes.removeAll(keepingCapacity: true)
    for index in ranges.indices {
      ranges[index] = nil
      columns[index] = 0
    }
    self.line = line
  }

  /// Sets `field` to `value`'s bytes, reported at `column`; joins with `|` when a value exists
  /// and the field accepts several columns.
  mutating func set(_ field: CreatorField, _ value: UnsafeBufferPointer<UInt8>, column: Int) {
    let ordinal = field.ordinal
    if let existing = ranges[ordinal] {
      guard !value.isEmpty else { return }
      // Values must stay contiguous: copy the existing one to the end, then append.
      if existing.isEmpty {
        let start = bytes.count
        bytes.append(contentsOf: value)
        ranges[ordinal] = start..<bytes.count
        columns[ordinal] = column
        return
      }
      let start = bytes.count
      bytes.append(contentsOf: bytes[existing])
      bytes.append(UInt8(ascii: "|"))
      bytes.append(contentsOf: value)
      ranges[ordinal] = start..<bytes.count
      return
    }
    let start = bytes.count
    bytes.append(contentsOf: value)
    ranges[ordinal] = start..<bytes.count
    columns[ordinal] = column
  }

  /// Sets `field` from text.
  mutating func set(_ field: CreatorField, text: String, column: Int) {
    var copy = text
    copy.withUTF8 { set(field, $0, column: column) }
  }

  /// Whether the row has a non-blank value for `field`.
  func has(_ field: CreatorField) -> Bool {
    guard let range = ranges[field.ordinal] else { return false }
    return bytes[range].contains(where: { $0 != 0x20 && $0 != 0x09 })
  }

  /// The value of `field` as text, trimmed; `nil` when absent or blank.
  func text(_ field: CreatorField) -> String? {
    guard let range = ranges[field.ordinal] else { return nil }
    let text = String(decoding: bytes[range], as: UTF8.self)
    var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    // Undo the formula-injection guard our own CSV writer adds ('=…, '+…, '-…, '@…).
    if trimmed.hasPrefix("'"), let next = trimmed.dropFirst().first, "=+-@".contains(next) {
      trimmed.removeFirst()
    }
    return trimmed.isEmpty ? nil : trimmed
  }

  /// The value of `field` parsed as a number.
  func number(_ field: CreatorField) -> HumanNumber.Parsed {
    guard let range = ranges[field.ordinal] else { return .missing }
    return bytes.withUnsafeBufferPointer {
      HumanNumber.parse(UnsafeBufferPointer(rebasing: $0[range]))
    }
  }

  /// The column to report for `field`.
  func column(_ field: CreatorField) -> Int { columns[field.ordinal] }
}
