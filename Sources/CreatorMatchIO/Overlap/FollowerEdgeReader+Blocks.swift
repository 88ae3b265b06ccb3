import CreatorMatch
import CreatorMatchSupport
import Dispatch
import Synchronization

/// The parallel reader of `creator_id<TAB>follower_id` files behind ``FollowerEdgeReader``.
///
/// The file is mapped (or, for a pipe or a UTF-16 file, read in large windows) and cut into
/// blocks of about `blockSize` bytes, each ending just after a line end. Workers claim blocks in
/// file order and parse them as UTF-8 bytes: no `String` per line or per id, the follower ids
/// noted and hashed a run at a time (``FollowerHash``'s FNV-1a + mix, so the sketches are the
/// ones a line-by-line read makes; see ``EdgeWorker``). Each worker adds to its own
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
/// their id bytes, and the current run of one creator's follower ids.
///
/// A line whose creator is the previous line's (most lines: an edge file usually lists each
/// audience together) costs a comparison of the id's bytes and a word-at-a-time search for the
/// line end; its follower id is only noted. The run's ids are hashed when it is handed to the
/// builder, four at a time, so the four FNV-1a chains (one multiply after the other, byte by
/// byte) overlap instead of each waiting for its previous byte.
final class EdgeWorker: @unchecked Sendable {
  // Safe to share: a worker is used by one thread at a time (the parallel run hands each
  // worker to one iteration), and read by the caller after the run.
  var builder: AudienceSketchBuilder
  var table = EdgeIDTable()
  /// The current creator's consecutive follower ids, by length: `runStarts[length × capacity
  /// + i]` is where the i-th id of that length (1–16) starts in the block being parsed; longer
  /// ids are under length 0, with their lengths in `longLengths`. Their hashes go to `run`
  /// when the run is flushed.
  private let runStarts: UnsafeMutableBufferPointer<UnsafePointer<UInt8>>
  private let runCounts: UnsafeMutableBufferPointer<Int>
  private let longLengths: UnsafeMutableBufferPointer<Int>
  private let run: UnsafeMutableBufferPointer<UInt64>
  private var runCount = 0
  private var runSlot = -1
  static let runCapacity = 1024
  /// The longest id kept with the ids of its length (the others are hashed one by one).
  static let groupedLength = 16

  init(builder: AudienceSketchBuilder) {
    self.builder = builder
    run = .allocate(capacity: Self.runCapacity)
    runStarts = .allocate(capacity: (Self.groupedLength + 1) * Self.runCapacity)
    runCounts = .allocate(capacity: Self.groupedLength + 1)
    runCounts.initialize(repeating: 0)
    longLengths = .allocate(capacity: Self.runCapacity)
  }

  deinit {
    run.deallocate()
    runStarts.deallocate()
    runCounts.deallocate()
    longLengths.deallocate()
  }

  /// Notes the follower id at `start` of `length` bytes (at least 1) for the current run.
  @inline(__always)
  private func note(_ start: UnsafePointer<UInt8>, length: Int) {
    let list = length <= Self.groupedLength ? length : 0
    let position = runCounts[list]
    runStarts[list &* Self.runCapacity &+ position] = start
    if list == 0 { longLengths[position] = length }
    runCounts[list] = position &+ 1
    runCount &+= 1
  }

  /// Hashes the run's follower ids and adds them to the builder; called before the run's bytes
  /// go (at the end of every block) and when the creator changes.
  ///
  /// The hashes are handed over grouped by the ids' lengths, not in line order: the builder's
  /// audience is a set (and its sketches), which does not depend on the order.
  private func flush() {
    guard runCount > 0 else { return }
    var filled = 0
    for length in 1...Self.groupedLength where runCounts[length] > 0 {
      let starts = UnsafeBufferPointer(
        rebasing: runStarts[
          (length * Self.runCapacity)..<(length * Self.runCapacity + runCounts[length])])
      Self.hash(
        starts: starts, length: length,
        into: UnsafeMutableBufferPointer(rebasing: run[filled..<(filled + starts.count)]))
      filled += starts.count
      runCounts[length] = 0
    }
    for index in 0..<runCounts[0] {
      run[filled] = FollowerHash.hash(
        UnsafeBufferPointer(start: runStarts[index], count: longLengths[index]))
      filled += 1
    }
    runCounts[0] = 0
    builder.add(contentsOf: UnsafeBufferPointer(rebasing: run[0..<filled]), to: runSlot)
    runCount = 0
  }

  /// Parses one block of whole lines (`offset`: its position in the input, 0 for the first).
  func parse(_ block: UnsafeBufferPointer<UInt8>, offset: Int, context: EdgeBlocks.Context)
    -> EdgeBlocks.BlockResult
  {
    var result = EdgeBlocks.BlockResult()
    guard let base = block.baseAddress, !block.isEmpty else { return result }
    let end = base + block.count
    var cursor = base
    // The current creator's id bytes (in this block: the last line whose creator was found).
    var lastCreator = base
    var lastCount = 0
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

    // A UTF-8 byte-order mark before the file's first line is not part of its first id (it
    // hid the header, which then counted as an edge of a creator named "\u{FEFF}creator_id").
    if offset == 0 && block.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
      cursor += 3
    }

    while cursor < end {
      result.lines &+= 1
      let lineStart = cursor
      let tab: UnsafePointer<UInt8>
      // Whether the line's creator is the last line's: its id bytes, then a TAB.
      let sameCreator =
        lastCount > 0 && end - cursor > lastCount && cursor[lastCount] == 0x09
        && Self.equal(lastCreator, cursor, lastCount)
      if sameCreator {
        tab = cursor + lastCount
      } else {
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
        tab = scan
      }
      let followerStart = tab + 1
      let followerEnd = Self.lineEnd(from: followerStart, end: end)
      cursor = Self.afterLineEnd(followerEnd, end: end)
      if tab == lineStart || followerEnd == followerStart {
        if bad("expected creator_id<TAB>follower_id") { return result }
        continue
      }
      if !sameCreator {
        let creator = UnsafeBufferPointer(start: lineStart, count: tab - lineStart)
        if offset == 0 && result.lines == 1 && creator.elementsEqual("creator_id".utf8)
          && UnsafeBufferPointer(start: followerStart, count: followerEnd - followerStart)
            .elementsEqual("follower_id".utf8)
        {
          continue
        }
        // Not the last line's creator (that one takes the branch above).
        flush()
        guard let slot = slot(for: creator, at: offset + (lineStart - base)) else {
          if bad("the creator id is not valid UTF-8") { return result }
          continue
        }
        runSlot = slot
        lastCreator = lineStart
        lastCount = creator.count
      }
      if runCount == Self.runCapacity { flush() }
      note(followerStart, length: followerEnd - followerStart)
      result.edges &+= 1
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

  /// The first LF or CR at or after `start`, or `end`.
  ///
  /// Eight bytes at a time: a word has a byte below 0x0E (LF and CR are 0x0A and 0x0D) when
  /// `(w - 0x0E…0E) & ~w & 0x80…80` is not zero, and its lowest flag marks the first such byte
  /// (a borrow only runs upward from a flagged byte). A flagged byte that is not a line end (a
  /// TAB in a follower id, another control byte) is stepped over.
  @inline(__always)
  static func lineEnd(from start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>)
    -> UnsafePointer<UInt8>
  {
    if end - start >= 16 {
      // Most ids end within 16 bytes: both words' flags at once, and the first flagged byte
      // picked without a branch (ids of 6 to 9 bytes end in one word or the next, unpredictably).
      let low = UInt64(littleEndian: UnsafeRawPointer(start).loadUnaligned(as: UInt64.self))
      let high = UInt64(littleEndian: UnsafeRawPointer(start + 8).loadUnaligned(as: UInt64.self))
      let lowFlags = (low &- 0x0E0E_0E0E_0E0E_0E0E) & ~low & 0x8080_8080_8080_8080
      let highFlags = (high &- 0x0E0E_0E0E_0E0E_0E0E) & ~high & 0x8080_8080_8080_8080
      if lowFlags | highFlags != 0 {
        let offset =
          lowFlags != 0
          ? lowFlags.trailingZeroBitCount >> 3 : 8 + highFlags.trailingZeroBitCount >> 3
        let found = start + offset
        if found.pointee == 0x0A || found.pointee == 0x0D { return found }
      }
    }
    var scan = start
    while end - scan >= 8 {
      let word = UInt64(littleEndian: UnsafeRawPointer(scan).loadUnaligned(as: UInt64.self))
      let flags = (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080
      if flags == 0 {
        scan += 8
        continue
      }
      let found = scan + flags.trailingZeroBitCount / 8
      if found.pointee == 0x0A || found.pointee == 0x0D { return found }
      scan = found + 1
    }
    while scan < end {
      let byte = scan.pointee
      if byte == 0x0A || byte == 0x0D { return scan }
      scan += 1
    }
    return end
  }

  /// `FollowerHash.hash` of ids of one length, four at a time, so that their FNV-1a chains (a
  /// multiply after each byte, each waiting for the one before) overlap.
  ///
  /// Ids of one length make every loop's trip count the same: ids of 6 to 9 bytes in line
  /// order made the loops' exits unpredictable, and the mispredictions cost more than the
  /// hashing.
  /// - Parameters:
  ///   - starts: Where each id starts.
  ///   - length: Every id's length in bytes.
  ///   - hashes: Receives the hashes, in the order of `starts`.
  static func hash(
    starts: UnsafeBufferPointer<UnsafePointer<UInt8>>, length: Int,
    into hashes: UnsafeMutableBufferPointer<UInt64>
  ) {
    let basis = StableHash.basis
    let count = starts.count
    var index = 0
    while count - index >= 4 {
      let (a, b, c, d) = (starts[index], starts[index + 1], starts[index + 2], starts[index + 3])
      var (sa, sb, sc, sd) = (basis, basis, basis, basis)
      for byte in 0..<length {
        StableHash.step(&sa, a[byte])
        StableHash.step(&sb, b[byte])
        StableHash.step(&sc, c[byte])
        StableHash.step(&sd, d[byte])
      }
      hashes[index] = StableHash.mix(sa)
      hashes[index + 1] = StableHash.mix(sb)
      hashes[index + 2] = StableHash.mix(sc)
      hashes[index + 3] = StableHash.mix(sd)
      index += 4
    }
    while index < count {
      hashes[index] = FollowerHash.hash(UnsafeBufferPointer(start: starts[index], count: length))
      index += 1
    }
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

  /// Whether the `count` bytes at `a` and `b` are equal: whole words, the last one overlapping
  /// the one before (ids are short: a creator id is usually one or two words).
  @inline(__always)
  static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    @inline(__always)
    func word(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
      UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
    }
    @inline(__always)
    func half(_ pointer: UnsafePointer<UInt8>) -> UInt32 {
      UnsafeRawPointer(pointer).loadUnaligned(as: UInt32.self)
    }
    if count >= 8 {
      var index = 0
      while count - index > 8 {
        if word(a + index) != word(b + index) { return false }
        index += 8
      }
      return word(a + count - 8) == word(b + count - 8)
    }
    if count >= 4 {
      return half(a) == half(b) && half(a + count - 4) == half(b + count - 4)
    }
    for index in 0..<count where a[index] != b[index] { return false }
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
