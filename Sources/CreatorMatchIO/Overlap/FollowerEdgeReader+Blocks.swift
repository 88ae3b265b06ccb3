import CreatorMatch
import CreatorMatchSupport
import Dispatch
import Synchronization

/// The parallel reader of `creator_id<TAB>follower_id` files behind ``FollowerEdgeReader``.
///
/// The file is mapped (or, for a pipe or a UTF-16 file, read in large windows) and cut into
/// blocks of about `blockSize` bytes, each ending just after a line end. Workers claim blocks in
/// file order and parse them as UTF-8 bytes: no `String` per line or per id, the follower id's
/// bytes hashed in the same pass that finds the line's end (``FollowerHash``'s FNV-1a + mix, so
/// the sketches are the ones a line-by-line read makes). Each worker adds to its own
/// ``AudienceSketchBuilder``; at the end they are merged, which is order-independent (exact sets
/// are unioned, HyperLogLog registers take the maximum, MinHash bins the minimum), so the
/// sketches are byte-identical for any thread count and block size. The creators are then in
/// the order of their first line in the file, as a read in one piece gives them.
///
/// Line numbers stay exact: a block counts its lines, problems carry the block's line, and the
/// blocks' counts are added in file order when the results are taken.
enum EdgeBlocks {
  /// Bytes a block holds before it is cut at the next line end: small enough that two workers
  /// finish together on a loaded machine, large enough that claiming one is noise.
  static let defaultBlockSize = 2 << 20
  /// Bytes a window of a file read through ``ByteSource`` (a pipe, UTF-16) holds at least.
  static let windowSize = 32 << 20
  /// Problems kept for the report.
  static let problemLimit = 10

  /// What one block found, with line numbers counted from the block's first line (1).
  struct BlockResult: Sendable {
    /// Lines in the block (an unterminated last line of the input included).
    var lines = 0
    /// Edges added.
    var edges = 0
    /// Lines skipped as malformed (lenient).
    var badLines = 0
    /// The first problems (lenient).
    var problems: [Diagnostic] = []
    /// The problem that stops the read: a malformed line under `strict`, a bad sample rate.
    var fatal: Diagnostic?
    /// The last `# sample-rate` in the block.
    var sampleRate: Double?
  }

  /// Where a read stands: the blocks taken so far, in file order.
  struct Totals {
    var report = FollowerEdgeReader.Report()
    var lines = 0

    /// Takes the results of consecutive blocks in file order; throws the first fatal problem
    /// with its line in the file.
    mutating func take(_ results: [BlockResult]) throws(IngestError) {
      for result in results {
        if var fatal = result.fatal {
          fatal.line += lines
          throw .badRow(fatal)
        }
        report.edges += result.edges
        report.badLines += result.badLines
        for var problem in result.problems where report.firstProblems.count < problemLimit {
          problem.line += lines
          report.firstProblems.append(problem)
        }
        if let rate = result.sampleRate { report.sampleRate = rate }
        lines += result.lines
      }
    }
  }

  /// Reads the edge file at `path` into `builder`.
  /// - Parameters:
  ///   - threads: Workers (nil: every core); the result does not depend on it.
  ///   - blockSize: Bytes a block holds before its cut; the result does not depend on it.
  ///   - windowSize: Bytes a window of an unmapped read holds at least (tests make it small).
  ///   - mapping: Whether a regular file is mapped (tests turn it off to read it in windows).
  static func read(
    path: String, into builder: inout AudienceSketchBuilder, strict: Bool, threads: Int?,
    blockSize: Int = defaultBlockSize, windowSize: Int = windowSize, mapping: Bool = true
  ) throws(IngestError) -> FollowerEdgeReader.Report {
    let workers = (0..<ParallelBlocks.threadCount(threads)).map { _ in
      EdgeWorker(builder: builder.emptyPart())
    }
    let context = Context(path: path, strict: strict)
    var totals = Totals()
    if mapping, MappedFile.isRegularFile(path), let mapped = MappedFile(path: path),
      ByteSource.utf16Encoding(ofHead: Array(mapped.bytes.prefix(4))) == nil
    {
      // The file as it is on disk, nothing copied; each block's pages are dropped once parsed.
      let results = run(
        bytes: mapped.bytes, streamOffset: 0, blocks: cut(mapped.bytes, blockSize: blockSize),
        workers: workers, context: context, release: { mapped.release($0) })
      try totals.take(results)
    } else {
      var source = try ByteSource(path: path)
      var pending: [UInt8] = []
      var streamOffset = 0
      var atEnd = false
      while !atEnd || !pending.isEmpty {
        while !atEnd && pending.count < windowSize {
          let chunk = try source.read(maximum: min(CSVReader.chunkSize, windowSize))
          if chunk.isEmpty { atEnd = true } else { pending.append(contentsOf: chunk) }
        }
        let usable = pending.withUnsafeBufferPointer { completeLines($0, atEnd: atEnd) }
        if usable == 0 {
          // A line longer than the window (or nothing left): read on.
          if atEnd { break }
          let chunk = try source.read(maximum: min(CSVReader.chunkSize, windowSize))
          if chunk.isEmpty { atEnd = true } else { pending.append(contentsOf: chunk) }
          continue
        }
        let results = pending.withUnsafeBufferPointer { all in
          let window = UnsafeBufferPointer(rebasing: all[0..<usable])
          return run(
            bytes: window, streamOffset: streamOffset,
            blocks: cut(window, blockSize: blockSize), workers: workers, context: context,
            release: nil)
        }
        try totals.take(results)
        pending.removeFirst(usable)
        streamOffset += usable
      }
    }
    // Creators in the order of their first line, as a read in one piece makes them; then each
    // worker's audiences merged in (their order does not matter).
    let firstSeen = workers.flatMap { $0.table.entries.map { ($0.offset, $0.id) } }
      .sorted { $0.0 < $1.0 }
    for (_, id) in firstSeen { _ = builder.slot(for: id) }
    for worker in workers { builder.merge(worker.builder) }
    return totals.report
  }

  /// The length of `bytes`' prefix of whole lines: up to its last line end (a CR at the very
  /// end may be half of a CRLF, so it ends a line only at the end of the input).
  static func completeLines(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int {
    if atEnd { return bytes.count }
    var index = bytes.count - 1
    while index >= 0 {
      let byte = bytes[index]
      if byte == 0x0A || (byte == 0x0D && index < bytes.count - 1) { return index + 1 }
      index -= 1
    }
    return 0
  }

  /// Blocks of `bytes` of about `blockSize` bytes, each ending just after a line end (LF, CRLF
  /// or a lone CR: a CRLF is never split) or at the end of `bytes`.
  static func cut(_ bytes: UnsafeBufferPointer<UInt8>, blockSize: Int) -> [Range<Int>] {
    var blocks: [Range<Int>] = []
    var start = 0
    while start < bytes.count {
      var end = start + max(1, blockSize)
      if end >= bytes.count {
        blocks.append(start..<bytes.count)
        break
      }
      // Back to the byte before the nominal cut, so a cut between CR and LF finds the CR.
      end -= 1
      while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
      if end < bytes.count {
        end += bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? 2 : 1
      }
      blocks.append(start..<end)
      start = end
    }
    return blocks
  }

  /// What every block's parse needs besides its bytes.
  struct Context: Sendable {
    var path: String
    var strict: Bool
  }

  /// Parses `blocks` of `bytes` on the workers and returns their results in block order.
  static func run(
    bytes: UnsafeBufferPointer<UInt8>, streamOffset: Int, blocks: [Range<Int>],
    workers: [EdgeWorker], context: Context, release: (@Sendable (Range<Int>) -> Void)?
  ) -> [BlockResult] {
    if blocks.isEmpty { return [] }
    let slots = ResultSlots<BlockResult>(count: blocks.count)
    let shared = EdgeBytes(bytes: bytes)
    // A fatal problem makes later blocks moot: workers skip every block after the first one
    // that has one (blocks before it still run, since one of them may have an earlier one).
    let control = RunControl()
    @Sendable func work(_ worker: EdgeWorker) {
      while true {
        let block = control.next.wrappingAdd(1, ordering: .relaxed).oldValue
        if block >= blocks.count || block > control.stop.load(ordering: .relaxed) { break }
        let range = blocks[block]
        let result = worker.parse(
          UnsafeBufferPointer(rebasing: shared.bytes[range]),
          offset: streamOffset + range.lowerBound, context: context)
        if result.fatal != nil { _ = control.stop.min(block, ordering: .relaxed) }
        slots.store(result, at: block)
        release?(range)
      }
    }
    let count = min(workers.count, blocks.count)
    if count == 1 {
      work(workers[0])
    } else {
      DispatchQueue.concurrentPerform(iterations: count) { work(workers[$0]) }
    }
    return slots.filledPrefix()
  }
}

/// The counters of one parallel run: the next block to claim, and the first block with a fatal
/// problem.
private final class RunControl: Sendable {
  let next = Atomic<Int>(0)
  let stop = Atomic<Int>(Int.max)
}

/// Bytes shared read-only with the workers while they parse (the mapping or the window outlives
/// the parallel run that reads it).
private struct EdgeBytes: @unchecked Sendable {
  let bytes: UnsafeBufferPointer<UInt8>
}

/// One worker's state across the blocks it parses: its share of the sketches, its creators by
/// their id bytes, and the current run of one creator's follower hashes.
final class EdgeWorker: @unchecked Sendable {
  // Safe to share: a worker is used by one thread at a time (the parallel run hands each
  // worker to one iteration), and read by the caller after the run.
  var builder: AudienceSketchBuilder
  var table = EdgeIDTable()
  /// Hashes of the current creator's consecutive lines, added to the builder together.
  private var run: UnsafeMutableBufferPointer<UInt64>
  private var runCount = 0
  private var runSlot = -1
  static let runCapacity = 1024

  init(builder: AudienceSketchBuilder) {
    self.builder = builder
    run = .allocate(capacity: Self.runCapacity)
  }

  deinit { run.deallocate() }

  private func flush() {
    if runCount > 0 {
      builder.add(contentsOf: UnsafeBufferPointer(rebasing: run[0..<runCount]), to: runSlot)
      runCount = 0
    }
  }

  /// Parses one block of whole lines (`offset`: its position in the input, 0 for the first).
  func parse(_ block: UnsafeBufferPointer<UInt8>, offset: Int, context: EdgeBlocks.Context)
    -> EdgeBlocks.BlockResult
  {
    var result = EdgeBlocks.BlockResult()
    guard let base = block.baseAddress, !block.isEmpty else { return result }
    let end = base + block.count
    var cursor = base
    // The current creator's id bytes (in this block) and slot.
    var lastCreator: UnsafeBufferPointer<UInt8>?
    defer { flush() }

    /// Records a malformed line; `true` when it stops the read.
    func bad(_ message: String) -> Bool {
      let diagnostic = Diagnostic(
        file: context.path, line: result.lines, column: 1, severity: .error, rule: "bad-edge",
        message: message)
      if context.strict {
        result.fatal = diagnostic
        return true
      }
      result.badLines += 1
      if result.problems.count < EdgeBlocks.problemLimit { result.problems.append(diagnostic) }
      return false
    }

    while cursor < end {
      result.lines += 1
      // A UTF-8 byte-order mark before the file's first line is not part of its first id (it
      // hid the header, which then counted as an edge of a creator named "\u{FEFF}creator_id").
      if offset == 0 && result.lines == 1 && end - cursor >= 3 && cursor[0] == 0xEF
        && cursor[1] == 0xBB && cursor[2] == 0xBF
      {
        cursor += 3
      }
      let lineStart = cursor
      // The creator id: up to the first TAB, or the line end for a line without one.
      var scan = cursor
      while scan < end {
        let byte = scan.pointee
        if byte == 0x09 || byte == 0x0A || byte == 0x0D { break }
        scan += 1
      }
      if scan == end || scan.pointee != 0x09 {
        cursor = Self.afterLineEnd(scan, end: end)
        if scan == lineStart { continue }
        if lineStart.pointee == UInt8(ascii: "#") {
          switch FollowerEdgeReader.sampleRate(
            comment: UnsafeBufferPointer(start: lineStart, count: scan - lineStart))
          {
          case .some(.some(let rate)): result.sampleRate = rate
          case .some(.none):
            // A declared rate that cannot be read would scale every count wrongly.
            result.fatal = Diagnostic(
              file: context.path, line: result.lines, column: 1, severity: .error,
              rule: "bad-sample-rate",
              message: "# sample-rate: expected a number above 0 and at most 1")
            return result
          case .none: break
          }
          continue
        }
        if bad("expected creator_id<TAB>follower_id") { return result }
        continue
      }
      let tab = scan
      // The follower id, hashed while its end is found (FollowerHash.hash over the same bytes).
      var state: UInt64 = 0xCBF2_9CE4_8422_2325
      scan = tab + 1
      while scan < end {
        let byte = scan.pointee
        if byte == 0x0A || byte == 0x0D { break }
        state ^= UInt64(byte)
        state &*= 0x0000_0100_0000_01B3
        scan += 1
      }
      let followerEnd = scan
      cursor = Self.afterLineEnd(scan, end: end)
      if tab == lineStart || followerEnd == tab + 1 {
        if bad("expected creator_id<TAB>follower_id") { return result }
        continue
      }
      let creator = UnsafeBufferPointer(start: lineStart, count: tab - lineStart)
      if offset == 0 && result.lines == 1 && creator.elementsEqual("creator_id".utf8)
        && UnsafeBufferPointer(start: tab + 1, count: followerEnd - tab - 1).elementsEqual(
          "follower_id".utf8)
      {
        continue
      }
      if lastCreator == nil || !Self.equal(lastCreator.unsafelyUnwrapped, creator) {
        flush()
        guard let slot = slot(for: creator, at: offset + (lineStart - base)) else {
          if bad("the creator id is not valid UTF-8") { return result }
          continue
        }
        lastCreator = creator
        runSlot = slot
      }
      if runCount == Self.runCapacity { flush() }
      run[runCount] = StableHash.mix(state)
      runCount += 1
      result.edges += 1
    }
    return result
  }

  /// The builder slot of a creator id, created (with its first line's `offset`) on first sight;
  /// `nil` when the id is not UTF-8 (two different invalid ids would decode to the same text).
  private func slot(for creator: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int? {
    let hash = FollowerHash.hash(creator)
    if let slot = table.find(creator, hash: hash) { return slot }
    guard let id = String(validating: creator, as: UTF8.self) else { return nil }
    // The builder's String key also joins ids that differ in bytes but are the same text
    // (canonically equivalent), as a read line by line does.
    let slot = builder.slot(for: id)
    table.insert(creator, hash: hash, slot: slot, offset: offset, id: id)
    return slot
  }

  /// Where the next line starts: after the LF, CRLF or CR at `position`.
  @inline(__always)
  private static func afterLineEnd(_ position: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>)
    -> UnsafePointer<UInt8>
  {
    if position == end { return end }
    if position.pointee == 0x0D && position + 1 < end && (position + 1).pointee == 0x0A {
      return position + 2
    }
    return position + 1
  }

  @inline(__always)
  private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard a.count == b.count else { return false }
    for index in 0..<a.count where a[index] != b[index] { return false }
    return true
  }
}

/// Creator ids by their bytes: an open-addressing table over one byte arena, so finding the
/// creator of a line makes no `String`.
struct EdgeIDTable {
  /// One distinct id's bytes.
  struct Entry {
    var hash: UInt64
    var start: Int
    var length: Int
    var slot: Int
    /// The input offset of its first line (in this worker).
    var offset: Int
    var id: String
  }

  private(set) var entries: [Entry] = []
  private var arena: [UInt8] = []
  /// Entry indices, -1 for empty; the capacity is a power of two, at most half full.
  private var buckets = [Int](repeating: -1, count: 64)

  /// The slot of `key`, if present.
  func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
    let mask = buckets.count - 1
    var index = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = buckets[index]
      if entry < 0 { return nil }
      let candidate = entries[entry]
      if candidate.hash == hash && candidate.length == key.count
        && arena[candidate.start..<candidate.start + candidate.length].elementsEqual(key)
      {
        return candidate.slot
      }
      index = (index + 1) & mask
    }
  }

  /// Adds `key`, which is not present.
  mutating func insert(
    _ key: UnsafeBufferPointer<UInt8>, hash: UInt64, slot: Int, offset: Int, id: String
  ) {
    if 2 * (entries.count + 1) > buckets.count {
      buckets = [Int](repeating: -1, count: 2 * buckets.count)
      for (index, entry) in entries.enumerated() { place(index, hash: entry.hash) }
    }
    entries.append(
      Entry(hash: hash, start: arena.count, length: key.count, slot: slot, offset: offset, id: id))
    arena.append(contentsOf: key)
    place(entries.count - 1, hash: hash)
  }

  private mutating func place(_ entry: Int, hash: UInt64) {
    let mask = buckets.count - 1
    var index = Int(truncatingIfNeeded: hash) & mask
    while buckets[index] >= 0 { index = (index + 1) & mask }
    buckets[index] = entry
  }
}
