import CreatorMatch
import CreatorMatchSupport
import Dispatch
import Foundation

extension CreatorFileReader {
  /// Bytes read and cut into stretches at a time: large enough that every core gets many
  /// stretches (sixteen a core, so that the last ones finish close together), small enough that
  /// memory stays far below the file's size.
  static let csvWindowSize = 16 << 20

  /// Reads a CSV file in windows: each window is cut at line ends into stretches that all cores
  /// tokenize and decode at once (``CSVChunk``), while this thread takes the previous window's
  /// rows in file order. The rows, their lines and diagnostics are those of a sequential read.
  /// - Parameters:
  ///   - windowSize: bytes read at a time (tests make it tiny to put records across windows).
  ///   - stretches: stretches a window is cut into; `nil` is sixteen per core (one on one core),
  ///     and 1 reads sequentially.
  ///   - preloaded: the file's bytes when they were read already (a pipe cannot be read twice).
  static func readCSV(
    path: String, options: IngestOptions, windowSize: Int = csvWindowSize, stretches: Int? = nil,
    preloaded: [UInt8]? = nil, stretch: Stretch? = nil
  ) throws(IngestError) -> Load {
    var reader: CSVReader
    if let preloaded {
      reader = try CSVReader(bytes: preloaded, name: path, delimiter: options.delimiter)
    } else {
      reader = try CSVReader(path: path, delimiter: options.delimiter)
    }
    let mapping = try ColumnMapping(
      header: reader.header, overrides: options.columnOverrides, file: path)
    try checkRequiredColumns(mapping, path: path, options: options)
    var report = IngestReport(file: path, format: .csv)
    report.ignoredColumns = mapping.ignoredColumns
    report.mapping = mapping.summary
    var accumulator = Accumulator(report: report, options: options)
    if stretch != nil { accumulator.keptIDs = [] }
    let context = CSVChunk.Context(
      file: path, delimiter: reader.delimiter, headerCount: reader.header.count,
      fieldColumns: CreatorField.allCases.map { mapping.columns(for: $0) },
      decoder: CreatorRowDecoder(file: path, defaultPlatform: options.defaultPlatform))
    let threads = ParallelBlocks.threadCount(nil)
    let parts = max(1, stretches ?? (threads > 1 ? 16 * threads : 1))
    let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

    var taken: (chunks: [CSVChunk], line: Int)?
    var expectedRows = 0
    /// Takes a window's rows in file order and hands the creators they added to `stretch`.
    func take(_ chunks: inout [CSVChunk], firstLine: Int) throws(IngestError) {
      try Self.take(&chunks, firstLine: firstLine, into: &accumulator, file: path)
      if let stretch, !accumulator.creators.isEmpty {
        stretch(accumulator.creators, expectedRows)
        // A fresh list for the next window (the consumer holds this one, so keeping its
        // capacity allocated as much anyway), sized to that window by `moveTaken()`.
        accumulator.creators = []
      }
    }
    var request = max(1, windowSize)
    var bytesRead = 0
    /// Reads `bytes` on the workers while this thread takes the previous window; `bytes` must
    /// stay valid until this returns, which it does only once the workers are done with them.
    func read(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) throws(IngestError) -> WindowRead {
      let pending = PendingWindow(
        bytes: SharedBytes(buffer: bytes), atEnd: atEnd, context: context, parts: parts,
        threads: threads)
      do {
        if var previous = taken.take() {
          try take(&previous.chunks, firstLine: previous.line)
        }
      } catch {
        _ = pending.wait()
        throw error
      }
      return pending.wait()
    }
    func reserve(after read: WindowRead) {
      let first = bytesRead == 0
      bytesRead += read.consumed
      if first, fileSize > bytesRead, bytesRead > 0 {
        // Estimate the row count from the first window, so the creators array (or with a
        // stretch consumer, the ids kept and the consumer's columns) grows once.
        let rows = read.chunks.reduce(0) { $0 + $1.decoded.count }
        let estimate = Int(Double(fileSize) / Double(bytesRead) * Double(rows) * 1.05)
        if stretch == nil {
          accumulator.creators.reserveCapacity(estimate)
        } else {
          accumulator.keptIDs?.reserveCapacity(estimate)
          expectedRows = estimate
        }
        accumulator.ids.reserve(estimate)
      }
    }

    if let start = reader.unreadFileOffset, let mapped = MappedFile(path: path),
      start.offset <= mapped.bytes.count
    {
      // The file as it is on disk: windows are slices of the mapping, nothing is copied.
      var offset = start.offset
      var line = start.line
      while offset < mapped.bytes.count {
        let end = min(mapped.bytes.count, offset + request)
        let window = UnsafeBufferPointer(rebasing: mapped.bytes[offset..<end])
        let result = try read(window, atEnd: end == mapped.bytes.count)
        // The windows before this one are taken (their rows are creators now): their pages
        // would otherwise stay resident to the end, 365 MB for 1M creators.
        mapped.release(before: offset)
        // A record longer than the window: read it again with twice the room.
        request = result.consumed == 0 ? 2 * request : max(1, windowSize)
        reserve(after: result)
        taken = (result.chunks, line)
        offset += result.consumed
        line += result.newlines
      }
    } else {
      while true {
        let window = try reader.unread(atLeast: request)
        if window.bytes.isEmpty { break }
        let result = try window.bytes.withUnsafeBufferPointer {
          bytes throws(IngestError) -> WindowRead in
          try read(bytes, atEnd: window.atEnd)
        }
        reader.consume(result.consumed, newlines: result.newlines)
        request = result.consumed == 0 ? 2 * request : max(1, windowSize)
        reserve(after: result)
        taken = (result.chunks, window.line)
        if window.atEnd && result.consumed == window.bytes.count { break }
      }
    }
    if var previous = taken.take() {
      try take(&previous.chunks, firstLine: previous.line)
    }
    var load = Load(creators: accumulator.creators, report: accumulator.report)
    load.report.rowsLoaded = accumulator.keptCount
    return load
  }

  /// How many rows' id slots ``take(_:firstLine:into:file:)`` touches at once: enough to keep
  /// many misses in flight, few enough that the lines are still cached when their rows come up.
  static let idTouchGroup = 64

  /// Takes the stretches of one window in file order, with lines counted from `firstLine`.
  /// The creators are moved out of `chunks`, not copied.
  private static func take(
    _ chunks: inout [CSVChunk], firstLine: Int, into accumulator: inout Accumulator,
    file: String
  ) throws(IngestError) {
    var line = firstLine
    // A CSV row's creator is in its stretch's run, never in this: one for all rows (made and
    // destroyed once a row, it cost ~130 instructions a row on this thread).
    var none: Creator?
    for chunkIndex in chunks.indices {
      let idColumn = chunks[chunkIndex].rows.columns[CreatorField.id.ordinal]
      let count = chunks[chunkIndex].decoded.count
      let run = chunks[chunkIndex].creators
      // The run's creators belong to the rows that stored one, in order.
      var nextCreator = 0
      for index in chunks[chunkIndex].decoded.indices {
        if index % idTouchGroup == 0 {
          // The id slots of the next rows in one loop of independent loads, so their cache
          // misses overlap instead of stalling one row at a time.
          for ahead in index..<min(count, index + idTouchGroup) {
            accumulator.touched &+= accumulator.ids.touch(
              chunks[chunkIndex].decoded[ahead].idHash)
          }
        }
        let rowLine = line + chunks[chunkIndex].rows.lines[index]
        for problem in chunks[chunkIndex].decoded[index].diagnostics.indices {
          chunks[chunkIndex].decoded[index].diagnostics[problem].line += line
        }
        var stored: UnsafeMutablePointer<Creator>?
        if chunks[chunkIndex].decoded[index].stored {
          stored = run.creator(at: nextCreator)
          nextCreator += 1
        }
        try accumulator.add(
          &chunks[chunkIndex].decoded[index], creator: &none, stored: stored, line: rowLine,
          idColumn: idColumn, file: file)
      }
      let chunk = chunks[chunkIndex]
      if case .unterminatedQuote(let local, let column) = chunk.ending {
        let diagnostic = Diagnostic.unterminatedQuote(
          file: file, line: line + local, column: column)
        if accumulator.options.strict { throw .badRow(diagnostic) }
        accumulator.report.rowsRead += 1
        accumulator.report.rowsSkipped += 1
        accumulator.report.record([diagnostic], keep: accumulator.options.keptProblems)
      }
      line += chunk.newlines
    }
    // Every creator of the window is now kept or dropped: move them out of the runs at once.
    accumulator.moveTaken()
    for chunk in chunks { chunk.creators.forgetAll() }
  }

  /// The stretches of one window that hold, in file order, and how much of the window they read.
  struct WindowRead: Sendable {
    var chunks: [CSVChunk]
    var consumed: Int
    var newlines: Int

    /// Nothing read.
    init() {
      chunks = []
      consumed = 0
      newlines = 0
    }

    /// Reads `bytes` as `parts` stretches on `threads` workers, then checks each stretch's start
    /// against where the one before really ended and reads the wrong ones again (see
    /// ``CSVChunk``).
    init(bytes: SharedBytes, atEnd: Bool, context: CSVChunk.Context, parts: Int, threads: Int) {
      var chunks: [CSVChunk] = []
      var position = 0
      var newlines = 0
      let buffer = bytes.buffer
      let cuts = CSVChunk.cuts(buffer, parts: parts)
      let limits = Array(cuts.dropFirst()) + [buffer.count]
      let guesses = ParallelBlocks(count: cuts.count, blockSize: 1).map(threads: threads) {
        range in
        CSVChunk.read(
          bytes.buffer, from: cuts[range.lowerBound], cut: limits[range.lowerBound],
          atEnd: atEnd, context: context)
      }
      for (index, guess) in guesses.enumerated() where position < limits[index] {
        let chunk =
          guess.start == position
          ? guess
          : CSVChunk.read(
            buffer, from: position, cut: limits[index], atEnd: atEnd, context: context)
        chunks.append(chunk)
        position = chunk.end
        newlines += chunk.newlines
        guard case .complete = chunk.ending else { break }
      }
      self.chunks = chunks
      self.consumed = position
      self.newlines = newlines
    }
  }
}

/// One window being read on the worker threads while the reading thread takes the previous one.
private final class PendingWindow: @unchecked Sendable {
  // Safe without a lock: `result` is written once, by the background task before it signals
  // `done`, and read by the reading thread only after `wait()` has seen that signal.
  private var result: CreatorFileReader.WindowRead?
  private let done = DispatchSemaphore(value: 0)

  init(bytes: SharedBytes, atEnd: Bool, context: CSVChunk.Context, parts: Int, threads: Int) {
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      result = CreatorFileReader.WindowRead(
        bytes: bytes, atEnd: atEnd, context: context, parts: parts, threads: threads)
      done.signal()
    }
  }

  /// Blocks until the window is read.
  func wait() -> CreatorFileReader.WindowRead {
    done.wait()
    return result.take() ?? CreatorFileReader.WindowRead()
  }
}

/// Bytes read by worker threads; whoever makes one keeps the memory alive until they are done.
struct SharedBytes: @unchecked Sendable {
  // Safe to send: the workers only read, and `readCSV` outlives every job it starts.
  let buffer: UnsafeBufferPointer<UInt8>
}
