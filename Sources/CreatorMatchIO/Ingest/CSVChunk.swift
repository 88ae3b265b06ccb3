import CreatorMatch

/// One stretch of a CSV file's bytes, tokenized and decoded by one worker on its own.
///
/// ``CreatorFileReader`` cuts the input at line ends into stretches and reads them in parallel.
/// A cut may fall inside a quoted field that holds a line break; a stretch cannot know, so it
/// reads as if the cut were a record start. The reader then checks the guess in file order:
/// a stretch is right exactly when the one before it ended where it began, because parsing from a
/// record start is deterministic. A wrong stretch is read again from where the previous one
/// really ended. Lines are counted from the stretch's start and shifted once it is accepted.
///
/// - Complexity: O(n) in the stretch's bytes; one copy of each record's bytes, decoded while
///   they are in the cache.
struct CSVChunk: Sendable {
  /// How the stretch ended.
  enum Ending: Sendable {
    /// Every record up to the cut is complete.
    case complete
    /// The record at ``CSVChunk/end`` runs past the bytes given: read it with more input.
    case needMore
    /// A quoted field opened on the local line `line` never closes before the end of the input.
    case unterminatedQuote(line: Int, column: Int)
  }

  /// What every stretch of one file shares.
  struct Context: Sendable {
    var file: String
    var delimiter: UInt8
    var headerCount: Int
    var fieldColumns: [[Int]]
    var decoder: CreatorRowDecoder
  }

  /// Where reading began, as an offset in the bytes given.
  var start: Int
  /// The offset after the last complete record read.
  var end: Int
  /// Lines from ``start`` to ``end``, blank ones included.
  var newlines = 0
  /// The lines of the records read, local (0 is the stretch's first line).
  var rows: FieldRowBatch
  /// The records decoded, in order; their diagnostics' lines are local too.
  var decoded: [CreatorFileReader.Accumulator.Decoded] = []
  /// How reading stopped.
  var ending = Ending.complete

  /// Reads the records that start in `start..<cut` of `bytes` (the last one may run past `cut`)
  /// and decodes them; `atEnd` says that `bytes` runs to the end of the input.
  static func read(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, cut: Int, atEnd: Bool,
    context: Context
  ) -> CSVChunk {
    var chunk = CSVChunk(
      start: start, end: start, rows: FieldRowBatch(fieldColumns: context.fieldColumns))
    var record = CSVRecord()
    // One row, lent each record's bytes in turn (see `FieldRowBatch`).
    var row = chunk.rows.makeRow()
    var position = start
    while position < cut {
      record.reset()
      record.line = chunk.newlines
      switch CSVReader.parseRecord(
        bytes, from: position, delimiter: context.delimiter, into: &record, atEnd: atEnd)
      {
      case .complete(let consumed, let newlines):
        if chunk.rows.count == 0 && position == start {
          // Room for the stretch's rows, judged by the first one's length (taken as at least 64
          // bytes, so that a blank or tiny first line does not reserve a row per byte) with a
          // quarter to spare: growing the list of decoded rows by doubling copied it each time.
          let rows = (cut - start) / max(consumed, 64) * 5 / 4 + 16
          chunk.rows.reserve(rows: rows)
          chunk.decoded.reserveCapacity(rows)
        }
        position += consumed
        if !record.isBlank {
          // A field-count warning comes before the row's own problems.
          let extra = fieldCountWarning(record, context: context).map { [$0] } ?? []
          chunk.rows.lend(&record, to: &row)
          chunk.decoded.append(
            CreatorFileReader.Accumulator.Decoded(creator: nil, idHash: 0, diagnostics: extra))
          // Decoded where it lies in the list: a returned row was copied into it.
          chunk.decoded.withUnsafeMutableBufferPointer { decoded in
            guard let last = decoded.baseAddress?.advanced(by: decoded.count - 1) else { return }
            CreatorFileReader.Accumulator.decode(row, decoder: context.decoder, into: &last.pointee)
          }
          chunk.rows.takeBack(&record, from: &row)
        }
        chunk.newlines += newlines
        chunk.end = position
      case .needMore:
        chunk.ending = .needMore
        position = cut
      case .unterminatedQuote:
        chunk.ending = .unterminatedQuote(line: chunk.newlines, column: record.count + 1)
        chunk.end = bytes.count
        position = cut
      }
    }
    return chunk
  }

  /// The warning for a record whose field count differs from the header's (none when equal).
  private static func fieldCountWarning(_ record: CSVRecord, context: Context) -> Diagnostic? {
    guard record.count != context.headerCount else { return nil }
    return Diagnostic(
      file: context.file, line: record.line, column: 0, severity: .warning, rule: "field-count",
      message: "the row has \(record.count) fields but the header has \(context.headerCount); "
        + (record.count > context.headerCount
          ? "the extra fields are ignored" : "the missing fields are read as blank"))
  }

  /// Offsets in `bytes` just after a line feed, near `parts` equal divisions of it: where
  /// stretches start. Always begins with 0; strictly increasing; a division with no line feed
  /// after it (before the next) is dropped.
  static func cuts(_ bytes: UnsafeBufferPointer<UInt8>, parts: Int) -> [Int] {
    var result = [0]
    guard parts > 1 else { return result }
    for part in 1..<parts {
      var index = max(bytes.count * part / parts, result[result.count - 1])
      while index < bytes.count, bytes[index] != 0x0A { index += 1 }
      if index + 1 < bytes.count, index + 1 > result[result.count - 1] {
        result.append(index + 1)
      }
    }
    return result
  }
}
