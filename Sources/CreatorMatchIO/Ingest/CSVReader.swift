import CreatorMatch
import Foundation

/// A streaming RFC 4180 reader for comma-, semicolon- or tab-separated files.
///
/// It reads the file in 1 MiB chunks, so memory stays flat however large the file is, and handles
/// what real exports contain: a UTF-8 byte order mark, CRLF or LF line ends, quoted fields holding
/// delimiters, doubled quotes and line breaks, blank lines (skipped), and UTF-16 files with a
/// byte order mark (transcoded up front). The delimiter is detected from the header line unless
/// given.
///
/// ```swift
/// var reader = try CSVReader(path: "creators.csv")
/// var record = CSVRecord()
/// while try reader.next(into: &record) {
///   print(record.line, record.string(at: 0))
/// }
/// ```
/// - Complexity: O(n) in the file size; one copy of each field's bytes into a reused record.
package struct CSVReader {
  /// The file as the caller named it, for diagnostics.
  package let path: String
  /// The field separator.
  package private(set) var delimiter: UInt8
  /// The header fields, trimmed of a BOM.
  package private(set) var header: [String] = []
  /// The physical line on which the header starts.
  package private(set) var headerLine = 1

  private var source: ByteSource
  private var buffer: [UInt8] = []
  private var position = 0
  private var endOfInput = false
  private var line = 1

  static let chunkSize = 1 << 20
  private let chunkSize: Int

  /// Opens `path` and reads its header.
  /// - Parameters:
  ///   - path: the file to read.
  ///   - delimiter: the separator; `nil` detects `,`, `;` or tab from the header line.
  package init(path: String, delimiter: UInt8? = nil) throws(IngestError) {
    self.path = path
    self.chunkSize = Self.chunkSize
    self.source = try ByteSource(path: path)
    self.delimiter = delimiter ?? UInt8(ascii: ",")
    try readHeader(detectingDelimiter: delimiter == nil)
  }

  /// Creates a reader over bytes in memory (for tests and for text already read); `chunkSize`
  /// sets how many bytes are taken at a time, so tests can put records across chunk boundaries.
  package init(bytes: [UInt8], name: String, delimiter: UInt8? = nil, chunkSize: Int = 1 << 20)
    throws(IngestError)
  {
    self.path = name
    self.chunkSize = max(1, chunkSize)
    self.source = ByteSource(bytes: bytes)
    self.delimiter = delimiter ?? UInt8(ascii: ",")
    try readHeader(detectingDelimiter: delimiter == nil)
  }

  /// Skips a byte order mark, detects the delimiter when asked, and reads the header record.
  private mutating func readHeader(detectingDelimiter: Bool) throws(IngestError) {
    try readHeaderLine()
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    if detectingDelimiter { self.delimiter = detectDelimiter() }
    var record = CSVRecord()
    guard try next(into: &record) else {
      throw .unusable(
        Diagnostic(
          file: path, line: 0, column: 0, severity: .error, rule: "empty-file",
          message: "the file is empty; expected a header line naming the columns"))
    }
    headerLine = record.line
    header = (0..<record.count).map { record.string(at: $0) }
  }

  /// Fills the buffer until it holds the whole first line (or the input ends), so that the byte
  /// order mark and the delimiter are judged on the full header whatever the chunk size.
  private mutating func readHeaderLine() throws(IngestError) {
    while !buffer.contains(0x0A) {
      if try !fill() { break }
    }
  }

  /// The input not yet read as records, reading ahead until it holds at least `size` bytes or
  /// the input ends: the bytes, the line they start on, and whether they run to the end of input.
  ///
  /// For readers that split the input themselves (``CreatorFileReader`` cuts it into stretches
  /// read in parallel); ``consume(_:newlines:)`` then says how much of it they used. Drop the
  /// returned array before consuming, or the buffer is copied.
  mutating func unread(atLeast size: Int) throws(IngestError) -> (
    bytes: [UInt8], line: Int, atEnd: Bool
  ) {
    while buffer.count - position < size {
      if try !fill(maximum: max(chunkSize, size - (buffer.count - position))) { break }
    }
    if position > 0 {
      buffer.removeSubrange(0..<position)
      position = 0
    }
    return (buffer, line, endOfInput)
  }

  /// The offset in the file of the first byte not yet read as records, and its line; `nil` when
  /// the reader's bytes are not the file's own (transcoded from UTF-16, or given in memory).
  var unreadFileOffset: (offset: Int, line: Int)? {
    source.fileOffset.map { ($0 - (buffer.count - position), line) }
  }

  /// Marks the first `count` bytes of ``unread(atLeast:)``'s, spanning `newlines` lines, as read.
  mutating func consume(_ count: Int, newlines: Int) {
    position = min(buffer.count, position + count)
    line += newlines
  }

  /// Reads more input into the buffer, dropping consumed bytes; returns whether any arrived.
  @discardableResult
  private mutating func fill(maximum: Int? = nil) throws(IngestError) -> Bool {
    if endOfInput { return false }
    if position > 0 {
      buffer.removeSubrange(0..<position)
      position = 0
    }
    let chunk = try source.read(maximum: maximum ?? chunkSize)
    if chunk.isEmpty {
      endOfInput = true
      return false
    }
    buffer.append(contentsOf: chunk)
    return true
  }

  private func detectDelimiter() -> UInt8 {
    var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
    var inQuotes = false
    var index = position
    while index < buffer.count {
      let byte = buffer[index]
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if !inQuotes {
        if byte == 0x0A { break }
        if counts[byte] != nil { counts[byte, default: 0] += 1 }
      }
      index += 1
    }
    // Ties prefer comma, then tab, then semicolon.
    let order: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";")]
    return order.max(by: { (counts[$0] ?? 0) < (counts[$1] ?? 0) }) ?? UInt8(ascii: ",")
  }

  /// Reads the next non-blank record into `record`; returns `false` at the end of input.
  /// - Throws: ``IngestError/badRow(_:)`` for a quoted field left open at the end of the file.
  package mutating func next(into record: inout CSVRecord) throws(IngestError) -> Bool {
    while true {
      record.reset()
      record.line = line
      switch parseRecord(into: &record) {
      case .complete(let consumed, let newlines):
        position += consumed
        line += newlines
        if record.isBlank { continue }
        return true
      case .needMore:
        if try fill() { continue }
        // End of input: whatever remains is the last record (parsed afresh).
        if position >= buffer.count { return false }
        record.reset()
        record.line = line
        switch parseRecord(into: &record, atEnd: true) {
        case .complete(let consumed, let newlines):
          position += consumed
          line += newlines
          if record.isBlank { continue }
          return true
        case .needMore, .unterminatedQuote:
          let startLine = line
          position = buffer.count
          throw .badRow(.unterminatedQuote(file: path, line: startLine, column: record.count + 1))
        }
      case .unterminatedQuote:
        // Only a parse at the end of input reports an open quote, so this is not reached; were
        // it reached, parsing the same bytes again would loop for ever, so it is the error.
        let startLine = line
        position = buffer.count
        throw .badRow(.unterminatedQuote(file: path, line: startLine, column: record.count + 1))
      }
    }
  }

  enum ParseOutcome {
    case complete(consumed: Int, newlines: Int)
    case needMore
    case unterminatedQuote
  }

  /// Parses one record starting at `position`. With `atEnd`, the end of the buffer ends the record.
  private func parseRecord(into record: inout CSVRecord, atEnd: Bool = false) -> ParseOutcome {
    buffer.withUnsafeBufferPointer { bytes in
      Self.parseRecord(
        bytes, from: position, delimiter: delimiter, into: &record, atEnd: atEnd)
    }
  }

  /// How many unquoted fields' spans ``parseRecord(_:from:delimiter:into:atEnd:)`` gathers on
  /// the stack before adding them to the record.
  static var gatheredFields: Int { 64 }

  /// Parses one record of `bytes` starting at `position` (a record start) into `record`. With
  /// `atEnd`, the end of `bytes` ends the record; otherwise a record cut by it needs more input.
  ///
  /// Unquoted fields are not copied one by one: the run of bytes since the last quoted field
  /// (delimiters included) is copied once, and the fields point into it. Their ends are found
  /// by ``SeparatorScan``, which reads each byte of a run of unquoted fields once.
  static func parseRecord(
    _ bytes: UnsafeBufferPointer<UInt8>, from position: Int, delimiter: UInt8,
    into record: inout CSVRecord, atEnd: Bool
  ) -> ParseOutcome {
    let count = bytes.count
    var index = position
    var newlines = 0
    // Source bytes runStart..<index are not yet copied; they will land at record offset runBase.
    var runStart = index
    var runBase = record.byteCount
    while true {
      // One field.
      if index < count && bytes[index] == UInt8(ascii: "\"") {
        record.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        record.beginField(quoted: true)
        index += 1
        while true {
          guard index < count else { return atEnd ? .unterminatedQuote : .needMore }
          // Copy up to the next quote in one go.
          let textStart = index
          while index < count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == 0x0A { newlines += 1 }
            index += 1
          }
          record.append(UnsafeBufferPointer(rebasing: bytes[textStart..<index]))
          guard index < count else { return atEnd ? .unterminatedQuote : .needMore }
          if index + 1 < count && bytes[index + 1] == UInt8(ascii: "\"") {
            record.append(UInt8(ascii: "\""))
            index += 2
            continue
          }
          if index + 1 >= count && !atEnd { return .needMore }
          index += 1
          break
        }
        // Text after the closing quote, up to the delimiter, is kept as written.
        let trailing = index
        while index < count, bytes[index] != delimiter, bytes[index] != 0x0A,
          bytes[index] != 0x0D
        {
          index += 1
        }
        record.append(UnsafeBufferPointer(rebasing: bytes[trailing..<index]))
        record.endField()
        runStart = index
        runBase = record.byteCount
      } else {
        // A run of unquoted fields, up to a quoted one or the line's end. Their spans are
        // gathered on the stack and added at once: adding them one by one checked the list's
        // uniqueness and capacity for each, 33 times a row.
        var scan = SeparatorScan(bytes, from: index, delimiter: delimiter)
        withUnsafeTemporaryAllocation(of: FieldSpan.self, capacity: Self.gatheredFields) {
          gathered in
          guard let spans = gathered.baseAddress else { return }
          var spanCount = 0
          while true {
            let fieldStart = index
            index = scan.next(bytes)
            if spanCount == Self.gatheredFields {
              record.addFields(UnsafeBufferPointer(start: spans, count: spanCount))
              spanCount = 0
            }
            (spans + spanCount).initialize(
              to: FieldSpan(
                start: runBase + (fieldStart - runStart), end: runBase + (index - runStart)))
            spanCount += 1
            guard index < count, bytes[index] == delimiter else { break }
            index += 1
            if index < count && bytes[index] == UInt8(ascii: "\"") { break }
          }
          record.addFields(UnsafeBufferPointer(start: spans, count: spanCount))
        }
        if index < count && bytes[index] == UInt8(ascii: "\"") { continue }
      }
      guard index < count else {
        guard atEnd else { return .needMore }
        record.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        return .complete(consumed: index - position, newlines: newlines)
      }
      let byte = bytes[index]
      if byte == delimiter {
        index += 1
        continue
      }
      record.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
      // Line end: LF, CRLF or a lone CR.
      if byte == 0x0D {
        if index + 1 >= count && !atEnd { return .needMore }
        index += 1
        if index < count && bytes[index] == 0x0A { index += 1 }
      } else {
        index += 1
      }
      newlines += 1
      return .complete(consumed: index - position, newlines: newlines)
    }
  }
}

/// The separators of a run of unquoted fields (the delimiter, LF and CR), in order, for
/// ``CSVReader/parseRecord(_:from:delimiter:into:atEnd:)``: each eight bytes are read once, and
/// every separator among them is taken from one mask.
///
/// (Finding each field's end on its own read the word holding it again for the next field: a
/// row's 33 short fields were some 60 words read where it holds 45.)
struct SeparatorScan {
  private let delimiter: UInt8
  /// The delimiter in every byte.
  private let delimiters: UInt64
  /// The start of the eight bytes ``mask`` flags; once past the last whole word, the next byte
  /// to read one at a time.
  private var block: Int
  /// The top bit of each byte at or after the scan's position in `block..<block + 8` that is a
  /// separator.
  private var mask: UInt64 = 0
  /// Whether fewer than eight bytes were left to read at `block`.
  private var bytewise = false

  /// A scan of `bytes` from `start`.
  @inline(__always)
  init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8) {
    self.delimiter = delimiter
    delimiters = 0x0101_0101_0101_0101 &* UInt64(delimiter)
    block = start
    if start + 8 <= bytes.count, let base = bytes.baseAddress {
      mask = Self.separators(in: UnsafeRawPointer(base + start), delimiters: delimiters)
    } else {
      bytewise = true
    }
  }

  /// The separators among the eight bytes at `address`, as the top bit of each.
  ///
  /// A byte of `x` is zero exactly when the top bit of `((x & 0x7F) + 0x7F) | x` is clear, and
  /// that sum never carries into the next byte, so every byte is judged exactly (the
  /// subtract-and-mask test flags only the lowest zero byte exactly).
  @inline(__always)
  static func separators(in address: UnsafeRawPointer, delimiters: UInt64) -> UInt64 {
    let word = UInt64(littleEndian: address.loadUnaligned(as: UInt64.self))
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let a = word ^ delimiters
    let b = word ^ 0x0A0A_0A0A_0A0A_0A0A
    let c = word ^ 0x0D0D_0D0D_0D0D_0D0D
    let nonzeroA = ((a & low) &+ low) | a
    let nonzeroB = ((b & low) &+ low) | b
    let nonzeroC = ((c & low) &+ low) | c
    return ~(nonzeroA & nonzeroB & nonzeroC) & 0x8080_8080_8080_8080
  }

  /// The index of the next separator, or `bytes.count` when none is left.
  @inline(__always)
  mutating func next(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    if !bytewise {
      while mask == 0 {
        block += 8
        guard block + 8 <= bytes.count, let base = bytes.baseAddress else {
          bytewise = true
          break
        }
        mask = Self.separators(in: UnsafeRawPointer(base + block), delimiters: delimiters)
      }
      if !bytewise {
        let found = block + mask.trailingZeroBitCount >> 3
        mask &= mask &- 1
        return found
      }
    }
    var index = Swift.min(block, bytes.count)
    while index < bytes.count {
      let byte = bytes[index]
      if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
      index += 1
    }
    block = index + 1
    return index
  }
}

/// One CSV record: its fields' bytes in one reused buffer.
package struct CSVRecord: Sendable {
  /// The physical line on which the record starts.
  package var line = 0
  private(set) var bytes: [UInt8] = []
  /// Each field's range in ``bytes``, in one array: one append a field where separate start and
  /// end arrays took two, each checking uniqueness and capacity, 33 times a row.
  private var fields: [FieldSpan] = []
  /// Whether the last field was begun (``beginField(quoted:)``) but not yet ended.
  private var fieldOpen = false
  private var lastFieldQuoted = false

  /// Creates an empty record.
  package init() {
    bytes.reserveCapacity(1024)
    fields.reserveCapacity(64)
  }

  /// Number of fields.
  package var count: Int { fields.count - (fieldOpen ? 1 : 0) }

  /// Number of bytes in the record's buffer (fields, and the delimiters between unquoted ones).
  var byteCount: Int { bytes.count }

  /// Whether the record is a blank line (one empty, unquoted field).
  var isBlank: Bool {
    count == 1 && fields[0].start == fields[0].end && !lastFieldQuoted
  }

  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    fields.removeAll(keepingCapacity: true)
    fieldOpen = false
    lastFieldQuoted = false
  }

  /// Exchanges the record's byte buffer with `other` (lending it to a row without a copy).
  mutating func swapBytes(_ other: inout [UInt8]) {
    swap(&bytes, &other)
  }

  /// Starts a field whose bytes are appended next.
  mutating func beginField(quoted: Bool) {
    fields.append(FieldSpan(start: bytes.count, end: bytes.count))
    fieldOpen = true
    lastFieldQuoted = quoted
  }

  /// Ends the field started by ``beginField(quoted:)`` at the current end of the buffer.
  mutating func endField() {
    fields[fields.count - 1].end = bytes.count
    fieldOpen = false
  }

  /// Adds unquoted fields at `spans` of the buffer (their bytes may be appended later, before
  /// use), in order.
  mutating func addFields(_ spans: UnsafeBufferPointer<FieldSpan>) {
    guard !spans.isEmpty else { return }
    fields.append(contentsOf: spans)
    lastFieldQuoted = false
  }

  mutating func append(_ byte: UInt8) { bytes.append(byte) }

  mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
    if !run.isEmpty { bytes.append(contentsOf: run) }
  }

  /// The byte range of field `index` within ``withBytes(_:)``'s buffer.
  package func range(at index: Int) -> Range<Int> {
    fields[index].start..<fields[index].end
  }

  /// Calls `body` with every field's range in the record's buffer, in field order.
  func withFieldSpans<T>(_ body: (UnsafeBufferPointer<FieldSpan>) throws -> T) rethrows -> T {
    try fields.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
  }

  /// Field `index` as text (invalid UTF-8 is replaced with U+FFFD).
  package func string(at index: Int) -> String {
    String(decoding: bytes[range(at: index)], as: UTF8.self)
  }

  /// Calls `body` with the record's bytes.
  package func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
    try bytes.withUnsafeBufferPointer(body)
  }
}

/// Reads a file's bytes in chunks, transcoding UTF-16 (with a byte order mark, or recognised
/// without one; see ``utf16Encoding(ofHead:)``) to UTF-8.
struct ByteSource {
  private var handle: FileHandle?
  private let path: String
  private var pending: [UInt8]
  /// How many of the file's bytes ``read(maximum:)`` has returned; `nil` when the bytes are not
  /// the file's own (transcoded from UTF-16, or given in memory).
  private(set) var fileOffset: Int? = 0

  init(path: String) throws(IngestError) {
    self.path = path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .missingFile(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else {
      throw .missingFile(path: path, reason: "is a directory, expected a file")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .missingFile(path: path, reason: "permission denied or unreadable")
    }
    self.handle = handle
    self.pending = []
    let head: Data
    do {
      head = try handle.read(upToCount: 4) ?? Data()
    } catch {
      throw .ioFailure(path: path, reason: error.localizedDescription)
    }
    let first = Array(head)
    guard let encoding = Self.utf16Encoding(ofHead: first) else {
      pending = first
      return
    }
    // UTF-16 exports (Excel's "Unicode text") are rare and small: transcode them whole.
    let rest: Data
    do {
      rest = try handle.readToEnd() ?? Data()
    } catch {
      throw .ioFailure(path: path, reason: error.localizedDescription)
    }
    let units = Array(first.dropFirst(encoding.markLength)) + Array(rest)
    var codeUnits: [UInt16] = []
    codeUnits.reserveCapacity(units.count / 2)
    var index = 0
    while index + 1 < units.count {
      let a = UInt16(units[index])
      let b = UInt16(units[index + 1])
      codeUnits.append(encoding.littleEndian ? a | b << 8 : a << 8 | b)
      index += 2
    }
    pending = Array(String(decoding: codeUnits, as: UTF16.self).utf8)
    self.handle = nil
    fileOffset = nil
  }

  /// The UTF-16 byte order of a file starting with `head`, and the length of its byte order
  /// mark; `nil` for anything else (UTF-8, with or without its own mark).
  ///
  /// With a mark (`FF FE`, `FE FF`) the order is certain. Without one, a file whose first two
  /// characters are ASCII and non-NUL (a header such as `id,…` always starts so) reads as
  /// `x 00 y 00` in UTF-16LE and `00 x 00 y` in UTF-16BE, and no UTF-8 text starts with a NUL:
  /// such a file was read as garbage before; now it is transcoded like one with a mark.
  static func utf16Encoding(ofHead head: [UInt8]) -> (littleEndian: Bool, markLength: Int)? {
    if head.starts(with: [0xFF, 0xFE]) { return (true, 2) }
    if head.starts(with: [0xFE, 0xFF]) { return (false, 2) }
    guard head.count >= 4 else { return nil }
    let ascii: (UInt8) -> Bool = { $0 != 0 && $0 < 0x80 }
    if ascii(head[0]), head[1] == 0, ascii(head[2]), head[3] == 0 { return (true, 0) }
    if head[0] == 0, ascii(head[1]), head[2] == 0, ascii(head[3]) { return (false, 0) }
    return nil
  }

  /// The whole of `path` as UTF-8 (UTF-16 with a byte order mark is transcoded).
  static func readAll(path: String) throws(IngestError) -> [UInt8] {
    var source = try ByteSource(path: path)
    var bytes: [UInt8] = []
    while true {
      let chunk = try source.read(maximum: CSVReader.chunkSize)
      if chunk.isEmpty { return bytes }
      bytes.append(contentsOf: chunk)
    }
  }

  init(bytes: [UInt8]) {
    self.path = "<memory>"
    self.handle = nil
    self.pending = bytes
    self.fileOffset = nil
  }

  mutating func read(maximum: Int) throws(IngestError) -> [UInt8] {
    let chunk = try readChunk(maximum: maximum)
    if let offset = fileOffset { fileOffset = offset + chunk.count }
    return chunk
  }

  private mutating func readChunk(maximum: Int) throws(IngestError) -> [UInt8] {
    if !pending.isEmpty {
      if pending.count > maximum {
        let chunk = Array(pending.prefix(maximum))
        pending.removeFirst(maximum)
        return chunk
      }
      var chunk = pending
      pending = []
      if chunk.count < maximum, let handle {
        do {
          if let more = try handle.read(upToCount: maximum - chunk.count) {
            chunk.append(contentsOf: more)
          }
        } catch {
          throw .ioFailure(path: path, reason: error.localizedDescription)
        }
      }
      return chunk
    }
    guard let handle else { return [] }
    do {
      guard let data = try handle.read(upToCount: maximum) else { return [] }
      return Array(data)
    } catch {
      throw .ioFailure(path: path, reason: error.localizedDescription)
    }
  }
}
