import CreatorMatch
import Foundation

/// One input row's raw values, one slot per ``CreatorField``, whatever the file format.
///
/// CSV records and JSONL objects are both reduced to this, so that one decoder validates both.
/// The row is reused from record to record to avoid allocation.
package struct FieldRow: Sendable {
  /// Bytes of all values, back to back.
  var bytes: [UInt8] = []
  /// Per field ordinal: the value's range in ``bytes``, or `nil` when the row has no value.
  var ranges: [FieldSpan]
  /// Per field ordinal: the 1-based column to report in diagnostics.
  var columns: [Int]
  /// The 1-based line where the row starts.
  package var line = 0

  /// A row that ``FieldRowBatch/lend(_:to:)`` fills with records, reporting `columns` (per
  /// field ordinal, 1-based).
  init(columns: [Int]) {
    ranges = Array(repeating: .absent, count: CreatorField.allCases.count)
    self.columns = columns
  }

  /// Creates an empty row.
  package init() {
    ranges = Array(repeating: .absent, count: CreatorField.allCases.count)
    columns = Array(repeating: 0, count: CreatorField.allCases.count)
    bytes.reserveCapacity(1024)
  }

  mutating func reset(line: Int) {
    bytes.removeAll(keepingCapacity: true)
    for index in ranges.indices {
      ranges[index] = .absent
      columns[index] = 0
    }
    self.line = line
  }

  /// Sets `field` to `value`'s bytes, reported at `column`; joins with `|` when a value exists
  /// and the field accepts several columns.
  mutating func set(_ field: CreatorField, _ value: UnsafeBufferPointer<UInt8>, column: Int) {
    let ordinal = field.ordinal
    if let existing = ranges[ordinal].range {
      guard !value.isEmpty else { return }
      // Values must stay contiguous: copy the existing one to the end, then append.
      if existing.isEmpty {
        let start = bytes.count
        bytes.append(contentsOf: value)
        ranges[ordinal] = FieldSpan(start..<bytes.count)
        columns[ordinal] = column
        return
      }
      let start = bytes.count
      bytes.append(contentsOf: bytes[existing])
      bytes.append(UInt8(ascii: "|"))
      bytes.append(contentsOf: value)
      ranges[ordinal] = FieldSpan(start..<bytes.count)
      return
    }
    let start = bytes.count
    bytes.append(contentsOf: value)
    ranges[ordinal] = FieldSpan(start..<bytes.count)
    columns[ordinal] = column
  }

  /// Sets `field` from text.
  mutating func set(_ field: CreatorField, text: String, column: Int) {
    var copy = text
    copy.withUTF8 { set(field, $0, column: column) }
  }

  /// Whether the row has a non-blank value for `field`.
  func has(_ field: CreatorField) -> Bool {
    guard let range = ranges[field.ordinal].range else { return false }
    return bytes[range].contains(where: { $0 != 0x20 && $0 != 0x09 })
  }

  /// Calls `body` with the value of `field`, trimmed of ASCII and no-break spaces; `nil` when the
  /// row has no value or it is blank.
  func withValue<T>(_ field: CreatorField, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
    withValueRange(field) { all, value in body(UnsafeBufferPointer(rebasing: all[value])) }
  }

  /// Calls `body` with the row's buffer and the range in it of the value of `field`, trimmed as
  /// ``withValue(_:_:)`` trims it; `nil` when the row has no value or it is blank. For readers
  /// that read ahead a word at a time: the bytes after the value are there to read.
  func withValueRange<T>(
    _ field: CreatorField, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> T
  ) -> T? {
    guard let range = ranges[field.ordinal].range else { return nil }
    return bytes.withUnsafeBufferPointer { all -> T? in
      var start = range.lowerBound
      var end = range.upperBound
      while start < end, Self.isSpace(all[start]) { start += 1 }
      while end > start, Self.isSpace(all[end - 1]) { end -= 1 }
      while end - start >= 2, all[start] == 0xC2, all[start + 1] == 0xA0 { start += 2 }
      while end - start >= 2, all[end - 2] == 0xC2, all[end - 1] == 0xA0 { end -= 2 }
      guard end > start else { return nil }
      return body(all, start..<end)
    }
  }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// The value of `field` as text, trimmed; `nil` when absent or blank.
  func text(_ field: CreatorField) -> String? {
    withValue(field) { value -> String in
      // Undo the formula-injection guard our own CSV writer adds ('=…, '+…, '-…, '@…).
      if value.count >= 2, value[0] == UInt8(ascii: "'"),
        [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")].contains(
          value[1])
      {
        return String(decoding: UnsafeBufferPointer(rebasing: value[1...]), as: UTF8.self)
      }
      return String(decoding: value, as: UTF8.self)
    }
  }

  /// The value of `field` parsed as a number, as `HumanNumber.parse` reads its bytes.
  ///
  /// A plain decimal is read in the row's buffer, not in the value's bytes alone, so that the
  /// eight bytes ``HumanNumber/plainDecimal(_:from:)`` reads at once are there for a short value
  /// too. It counts only when it ends where the value ends; anything else (a value followed by
  /// digits, as values set back to back may be) is read by the general parser, which reads a
  /// plain decimal to the same number.
  func number(_ field: CreatorField) -> HumanNumber.Parsed {
    guard let range = ranges[field.ordinal].range else { return .missing }
    return bytes.withUnsafeBufferPointer { all in
      if range.isEmpty { return .missing }
      if let (value, end) = HumanNumber.plainDecimal(all, from: range.lowerBound),
        end == range.upperBound
      {
        return .value(value, isPercent: false)
      }
      return HumanNumber.parseGeneral(UnsafeBufferPointer(rebasing: all[range]))
    }
  }

  /// The column to report for `field`.
  func column(_ field: CreatorField) -> Int { columns[field.ordinal] }
}

/// The rows of one stretch of a CSV file as they are read: each record is laid out as a
/// ``FieldRow`` (lent the record's own bytes) and decoded at once, while its bytes are still in
/// the cache; only the rows' lines are kept.
///
/// (The rows were once all laid out first, in one buffer and one range table, and decoded after:
/// by then their bytes had left the cache, and the range table, 33 spans a row, was written and
/// read back through memory.)
struct FieldRowBatch: Sendable {
  static let fieldCount = CreatorField.allCases.count

  /// Per field ordinal: the 1-based column to report in diagnostics.
  var columns: [Int]
  /// Each row's line, local to the stretch.
  var lines: [Int] = []
  /// Per field ordinal: its one source column, or −1 when no column maps to it, or −2 when
  /// several do (then ``joinedColumns`` lists them).
  private let sourceColumn: [Int]
  private let joinedColumns: [[Int]]

  /// An empty batch whose rows take field ordinal `i` from the 0-based CSV columns
  /// `fieldColumns[i]` (joined with `|` when there are several) and report the first of them.
  init(fieldColumns: [[Int]]) {
    columns = fieldColumns.map { ($0.first ?? -1) + 1 }
    sourceColumn = fieldColumns.map { $0.count == 1 ? $0[0] : ($0.isEmpty ? -1 : -2) }
    joinedColumns = fieldColumns.map { $0.count > 1 ? $0 : [] }
    joinsColumns = fieldColumns.contains { $0.count > 1 }
  }

  var count: Int { lines.count }

  /// Makes room for `rows` rows' lines.
  mutating func reserve(rows: Int) {
    lines.reserveCapacity(rows)
  }

  /// Whether some field is fed by several columns (its values are joined after the record).
  let joinsColumns: Bool

  /// A row for ``lend(_:to:)`` to fill.
  func makeRow() -> FieldRow { FieldRow(columns: columns) }

  /// Lays `record` out in `row` and appends its line: `row` borrows the record's bytes (no
  /// copy; give them back with ``takeBack(_:from:)`` once the row is decoded) and gets each
  /// field's range in them; a field fed by several columns gets their non-empty values joined
  /// with `|` after the record.
  mutating func lend(_ record: inout CSVRecord, to row: inout FieldRow) {
    lines.append(record.line)
    row.line = record.line
    record.swapBytes(&row.bytes)
    let fieldCount = record.count
    // One pass over raw buffers: the row's ranges are overwritten in place, no array grows.
    record.withFieldSpans { spans in
      sourceColumn.withUnsafeBufferPointer { sources in
        row.ranges.withUnsafeMutableBufferPointer { slots in
          for field in sources.indices {
            let column = sources[field]
            slots[field] = column >= 0 && column < fieldCount ? spans[column] : .absent
          }
        }
      }
    }
    guard joinsColumns else { return }
    let recordBytes = row.bytes.count
    for field in sourceColumn.indices where sourceColumn[field] == -2 {
      row.ranges[field] = FieldSpan(
        Self.appendJoined(
          joinedColumns[field], of: record, recordBytes: recordBytes, to: &row.bytes))
    }
  }

  /// Gives `record` back the bytes ``lend(_:to:)`` lent `row`.
  func takeBack(_ record: inout CSVRecord, from row: inout FieldRow) {
    record.swapBytes(&row.bytes)
  }

  /// Copies the non-empty values of `columns` (fields of `record`, whose `recordBytes` bytes
  /// start `bytes`) to the end of `bytes`, joined with `|`; an empty range when all are empty,
  /// `nil` when none exists.
  private static func appendJoined(
    _ columns: [Int], of record: CSVRecord, recordBytes: Int, to bytes: inout [UInt8]
  ) -> Range<Int>? {
    var joined: Range<Int>?
    for column in columns where column < record.count {
      let source = record.range(at: column)
      guard let existing = joined, !existing.isEmpty else {
        if joined == nil || !source.isEmpty { joined = source }
        continue
      }
      if source.isEmpty { continue }
      if existing.upperBound != bytes.count || existing.lowerBound < recordBytes {
        // Start the joined value after the record, so appending extends it.
        let start = bytes.count
        let copy = Array(bytes[existing])
        bytes.append(contentsOf: copy)
        joined = start..<bytes.count
      }
      let appended = Array(bytes[source])
      bytes.append(UInt8(ascii: "|"))
      bytes.append(contentsOf: appended)
      joined = (joined?.lowerBound ?? 0)..<bytes.count
    }
    return joined
  }
}

/// Where a value lies in a row buffer, or that the row has none: a range in 16 bytes where an
/// optional range takes 24, which matters at 33 fields a row.
struct FieldSpan: Sendable {
  /// The value's first byte, or −1 when there is no value.
  var start: Int
  /// The byte after the value.
  var end: Int

  /// No value.
  static let absent = FieldSpan(start: -1, end: -1)

  init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  init(_ range: Range<Int>) {
    self.init(start: range.lowerBound, end: range.upperBound)
  }

  init(_ range: Range<Int>?) {
    self = range.map(FieldSpan.init) ?? .absent
  }

  /// The range, or `nil` when there is no value.
  var range: Range<Int>? { start < 0 ? nil : start..<end }
}
