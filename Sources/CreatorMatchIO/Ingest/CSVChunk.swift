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
  /// The records decoded, in order; their diagnostics' lines are local too. Their creators are
  /// in ``creators``, in the same order (a row with an error has none).
  var decoded: [CreatorFileReader.Accumulator.Decoded] = []
  /// The creators decoded, where they were decoded; taking the stretch moves them out.
  var creators = CreatorRun()
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
    // The stretch's short labels, each made once (see `SmallStrings`).
    var labels = SmallStrings()
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
          chunk.creators.reserve(rows)
        }
        position += consumed
        if !record.isBlank {
          // A field-count warning comes before the row's own problems.
          let extra = fieldCountWarning(record, context: context).map { [$0] } ?? []
          chunk.rows.lend(&record, to: &row)
          chunk.decoded.append(
            CreatorFileReader.Accumulator.Decoded(idHash: 0, diagnostics: extra))
          // Decoded where it lies in the list, its creator in the run's next slot: a returned
          // row was copied into them.
          let slot = chunk.creators.nextSlot()
          let stored = chunk.decoded.withUnsafeMutableBufferPointer { decoded -> Bool in
            guard let last = decoded.baseAddress?.advanced(by: decoded.count - 1) else {
              return false
            }
            last.pointee.stored = CreatorFileReader.Accumulator.decode(
              row, decoder: context.decoder, into: &last.pointee, at: slot, labels: &labels)
            return last.pointee.stored
          }
          if stored { chunk.creators.commit() }
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

/// Creators decoded by one stretch, in storage of their own, in row order: the reading thread
/// moves them out (``CreatorFileReader/Accumulator/moveTaken()``), each copied once from where it
/// was decoded to where it is kept.
///
/// (A decoded row held its creator as an optional, and taking it moved it out of the optional
/// and then into the list kept: two copies of ~360 bytes a row, on the one thread that takes
/// rows in file order.)
final class CreatorRun: @unchecked Sendable {
  // Safe to send: a run is written by the one worker that reads its stretch, and read and
  // emptied by the reading thread only after that worker is done with it.
  private var base: UnsafeMutablePointer<Creator>
  private var capacity: Int
  /// The creators in the run, `base[0..<count]`.
  private(set) var count = 0

  /// An empty run.
  init() {
    capacity = 16
    base = UnsafeMutablePointer<Creator>.allocate(capacity: capacity)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  /// Makes room for `total` creators in all.
  func reserve(_ total: Int) {
    guard total > capacity else { return }
    let grown = UnsafeMutablePointer<Creator>.allocate(capacity: total)
    grown.moveInitialize(from: base, count: count)
    base.deallocate()
    base = grown
    capacity = total
  }

  /// The uninitialized slot after the last creator, for ``commit()`` to add once it is written.
  func nextSlot() -> UnsafeMutablePointer<Creator> {
    if count == capacity { reserve(2 * capacity) }
    return base + count
  }

  /// Adds the creator written in ``nextSlot()``.
  func commit() {
    count += 1
  }

  /// The creator at `index` (below ``count``), in place.
  func creator(at index: Int) -> UnsafeMutablePointer<Creator> {
    precondition(index >= 0 && index < count, "creator index out of range")
    return base + index
  }

  /// Forgets every creator, which the caller has moved out or destroyed.
  func forgetAll() {
    count = 0
  }
}
