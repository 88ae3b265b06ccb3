import CreatorMatch
import CreatorMatchSupport
import Dispatch
import Foundation
import Synchronization

/// The binary sketch file: versioned, checksummed, little-endian.
///
/// ```text
/// "CMSKETCH"  magic (8 bytes)       u32 version (1)
/// u8 precision (14)  u8 reserved    u16 MinHash bins (256)
/// u32 exact threshold               f64 sample rate
/// u32 creators, then per creator:
///   u32 id length, id (UTF-8), u8 kind (0 exact, 1 sketch), u64 edges,
///   exact:  u32 count, count × u64 sorted hashes
///   sketch: 16,384 × u8 registers, 256 × u64 bins
/// u64 checksum of every byte before it (FNV-1a 64 + SplitMix64 finalizer)
/// ```
/// A truncated, corrupt or foreign file is rejected with its name and what is wrong.
public enum SketchFile {
  /// The format version this build writes and reads.
  public static let version: UInt32 = 1
  static let magic = Array("CMSKETCH".utf8)

  /// Why a sketch file cannot be read.
  public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var reason: String

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
  }

  /// The file's bytes for `set`.
  public static func encode(_ set: SketchSet) -> [UInt8] {
    var writer = ByteWriter()
    // One allocation for the whole file (an exact set of a million hashes is 8 MB).
    writer.bytes.reserveCapacity(
      magic.count + 32
        + set.sketches.reduce(0) { size, sketch in
          let storage: Int
          switch sketch.storage {
          case .exact(let hashes): storage = 4 + 8 * hashes.count
          case .sketch: storage = HyperLogLog.registerCount + 8 * MinHash.binCount
          }
          return size + smallestRecord + sketch.creatorID.utf8.count + storage
        })
    writer.bytes.append(
      contentsOf: header(
        exactThreshold: set.exactThreshold, sampleRate: set.sampleRate,
        creators: set.sketches.count))
    for sketch in set.sketches {
      let id = Array(sketch.creatorID.utf8)
      writer.u32(UInt32(id.count))
      writer.bytes.append(contentsOf: id)
      switch sketch.storage {
      case .exact(let hashes):
        writer.u8(0)
        writer.u64(sketch.edges)
        writer.u32(UInt32(hashes.count))
        writer.u64s(hashes)
      case .sketch(let hll, let minHash):
        writer.u8(1)
        writer.u64(sketch.edges)
        writer.bytes.append(contentsOf: hll.registers)
        writer.u64s(minHash.bins)
      }
    }
    writer.u64(checksum(writer.bytes[...]))
    return writer.bytes
  }

  /// The fewest bytes one creator's record takes: an empty id's length (4), the storage kind
  /// (1), the edge count (8) and an exact set's hash count (4).
  static let smallestRecord = 4 + 1 + 8 + 4

  /// Reads a sketch file's bytes; `path` names it in errors.
  public static func decode(_ bytes: [UInt8], path: String) throws(ReadError) -> SketchSet {
    func fail(_ reason: String) -> ReadError { ReadError(path: path, reason: reason) }
    guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
      throw fail(
        "not a CreatorMatch sketch file (no CMSKETCH header); build one with 'creatormatch sketch'")
    }
    guard bytes.count >= magic.count + 4 + 8 else {
      throw fail("truncated: the header is incomplete")
    }
    var reader = ByteReader(bytes: bytes, offset: magic.count)
    let version = reader.u32() ?? 0
    guard version == Self.version else {
      throw fail(
        "sketch format version \(version) is not supported (this build reads version \(Self.version)); rebuild it"
      )
    }
    guard bytes.count >= magic.count + 12 else { throw fail("truncated: the header is incomplete") }
    let body = bytes[0..<(bytes.count - 8)]
    var trailer = ByteReader(bytes: bytes, offset: bytes.count - 8)
    let stored = trailer.u64() ?? 0
    guard let precision = reader.u8(), reader.u8() != nil, let binCount = reader.u16(),
      let threshold = reader.u32(), let rateBits = reader.u64(), let creatorCount = reader.u32()
    else { throw fail("truncated: the header is incomplete") }
    guard Int(precision) == HyperLogLog.precision, Int(binCount) == MinHash.binCount else {
      throw fail(
        "built with precision \(precision) and \(binCount) bins; this build uses \(HyperLogLog.precision) and \(MinHash.binCount)"
      )
    }
    // Each creator takes at least `smallestRecord` bytes, so the count a header may claim is
    // bounded by the bytes left: a damaged header claiming 4,294,967,295 creators is rejected
    // here, before it reserves room for them (the checksum is only checked after the records).
    let fitting = max(body.count - reader.offset, 0) / Self.smallestRecord
    guard Int(creatorCount) <= fitting else {
      throw fail(
        "truncated or corrupt: the header claims \(creatorCount) creators, but the "
          + "\(bytes.count) bytes hold at most \(fitting)")
    }
    var sketches: [AudienceSketch] = []
    sketches.reserveCapacity(Int(creatorCount))
    // `sketch` writes each creator once; a repeated id would make look-ups pick one of two
    // different audiences, so a file holding one is corrupt.
    var seen = Set<String>()
    for number in 0..<Int(creatorCount) {
      let truncated = fail(
        "truncated in creator \(number + 1) of \(creatorCount) (\(bytes.count) bytes)")
      guard let length = reader.u32(), let idBytes = reader.take(Int(length)),
        let kind = reader.u8(),
        let edges = reader.u64()
      else { throw truncated }
      guard reader.offset <= body.count else { throw truncated }
      let id = String(decoding: idBytes, as: UTF8.self)
      guard seen.insert(id).inserted else {
        throw fail("corrupt: creator \(number + 1) repeats the id \(id)")
      }
      switch kind {
      case 0:
        guard let count = reader.u32(), reader.offset + Int(count) * 8 <= body.count else {
          throw truncated
        }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(Int(count))
        for _ in 0..<Int(count) {
          guard let hash = reader.u64() else { throw truncated }
          if let last = hashes.last, last >= hash {
            throw fail("corrupt: the exact set of \(id) is not sorted")
          }
          hashes.append(hash)
        }
        sketches.append(AudienceSketch(creatorID: id, storage: .exact(hashes), edges: edges))
      case 1:
        guard let registers = reader.take(HyperLogLog.registerCount),
          reader.offset + MinHash.binCount * 8 <= body.count
        else { throw truncated }
        var bins: [UInt64] = []
        for _ in 0..<MinHash.binCount {
          guard let bin = reader.u64() else { throw truncated }
          bins.append(bin)
        }
        guard let hll = HyperLogLog(registers: Array(registers)), let minHash = MinHash(bins: bins)
        else {
          throw fail("corrupt: the sketch of \(id) has out-of-range registers")
        }
        sketches.append(AudienceSketch(creatorID: id, storage: .sketch(hll, minHash), edges: edges))
      default:
        throw fail("corrupt: creator \(number + 1) has an unknown storage kind \(kind)")
      }
    }
    guard reader.offset == body.count else {
      throw fail(
        reader.offset < body.count
          ? "corrupt: unexpected bytes after the last creator" : "truncated")
    }
    guard checksum(body) == stored else {
      throw fail(
        "corrupt: checksum mismatch (the file was changed or damaged after it was written)")
    }
    return SketchSet(
      sketches: sketches, sampleRate: Double(bitPattern: rateBits), exactThreshold: Int(threshold))
  }

  /// FNV-1a 64 over the bytes, then the SplitMix64 finalizer.
  static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    bytes.withUnsafeBufferPointer { FollowerHash.hash($0) }
  }
}

extension SketchFile {
  /// The bytes before the first record: magic (8), version (4), precision (1), reserved (1),
  /// MinHash bins (2), exact threshold (4), sample rate (8), creator count (4).
  static let headerSize = 32

  /// The `headerSize` bytes before the first record, for `creators` records.
  static func header(exactThreshold: Int, sampleRate: Double, creators: Int) -> [UInt8] {
    var header = ByteWriter()
    header.bytes.append(contentsOf: magic)
    header.u32(version)
    header.u8(UInt8(HyperLogLog.precision))
    header.u8(0)
    header.u16(UInt16(MinHash.binCount))
    header.u32(UInt32(clamping: exactThreshold))
    header.u64(sampleRate.bitPattern)
    // A count past 2³² − 1 cannot be held in memory as sketches; truncating never happens.
    header.u32(UInt32(truncatingIfNeeded: creators))
    return header.bytes
  }

  /// The bytes of one creator's record whose id has `idLength` UTF-8 bytes.
  static func recordSize(_ sketch: AudienceSketch, idLength: Int) -> Int {
    switch sketch.storage {
    case .exact(let hashes): return smallestRecord + idLength + 8 * hashes.count
    case .sketch:
      return smallestRecord - 4 + idLength + HyperLogLog.registerCount + 8 * MinHash.binCount
    }
  }

  /// The file's bytes for `set`, the same as ``encode(_:)``'s, with the records filled in
  /// parallel: each creator's record has a fixed size, so its place is known before any is
  /// written, and workers fill blocks of creators into one buffer.
  ///
  /// Writing the file was a third of `sketch`'s wall time on one core: the records copied into a
  /// growing array, the array copied again into a `Data`, then the checksum and the write one
  /// after the other.
  /// - Parameters:
  ///   - set: The sketches.
  ///   - threads: Workers (nil: every core); the bytes do not depend on it.
  /// - Returns: The file's bytes, its checksum trailer included.
  /// - Complexity: O(file size), spread over the workers except the checksum.
  static func encodedBuffer(_ set: SketchSet, threads: Int?) -> SketchBytes {
    let body = encodedBody(set, threads: threads)
    let sum = FollowerHash.hash(UnsafeBufferPointer(rebasing: body.bytes[0..<body.bodyCount]))
    body.storeChecksum(sum)
    return body
  }

  /// The file's bytes without the checksum's value (its 8 bytes are left for
  /// ``SketchBytes/storeChecksum(_:)``).
  static func encodedBody(_ set: SketchSet, threads: Int?) -> SketchBytes {
    let sketches = set.sketches
    // Where each record starts: a prefix sum of the sizes, one pass over the creators.
    var offsets = [Int](repeating: 0, count: sketches.count + 1)
    offsets[0] = headerSize
    for (index, sketch) in sketches.enumerated() {
      offsets[index + 1] =
        offsets[index] + recordSize(sketch, idLength: sketch.creatorID.utf8.count)
    }
    let total = offsets[sketches.count] + 8
    let buffer = SketchBytes(count: total)
    buffer.copy(
      header(
        exactThreshold: set.exactThreshold, sampleRate: set.sampleRate,
        creators: sketches.count), at: 0)
    let starts = offsets
    _ = ParallelBlocks(count: sketches.count, blockSize: 64).map(
      threads: ParallelBlocks.threadCount(threads)
    ) { range in
      for index in range { buffer.storeRecord(sketches[index], at: starts[index]) }
      return true
    }
    return buffer
  }

  /// Writes `set`'s sketch file to `path`: the bytes of ``encode(_:)``, written as
  /// ``AtomicFile/write(_:to:)`` writes (a regular file to a temporary file renamed over it, a
  /// device or FIFO through, a directory refused).
  ///
  /// The records are filled in parallel (``encodedBody(_:threads:)``); then one worker writes
  /// them while another computes the checksum, which is serial by its definition (FNV-1a, one
  /// byte after the other), and the checksum goes last.
  /// - Parameters:
  ///   - set: The sketches.
  ///   - path: The file.
  ///   - threads: Workers (nil: every core); the bytes do not depend on it.
  ///
  /// When the file cannot be opened (or a regular file's write fails), it is written again by
  /// `AtomicFile`, which reports the failure as every other output does.
  /// - Throws: `AtomicFile.WriteError` naming `path` when it cannot be written.
  /// - Complexity: O(file size).
  package static func write(_ set: SketchSet, to path: String, threads: Int? = nil)
    throws(AtomicFile.WriteError)
  {
    switch writeDirectly(set, to: path, threads: threads) {
    case .written: return
    case .retry: try AtomicFile.write(encode(set), to: path)
    case .failed(let reason): throw AtomicFile.WriteError(path: path, reason: reason)
    }
  }

  /// How ``writeDirectly(_:to:threads:)`` ended.
  enum DirectWrite {
    case written
    /// Nothing reached the target: `AtomicFile` may try (and report why it cannot).
    case retry
    /// Bytes went to a device or FIFO, which a retry would repeat.
    case failed(String)
  }

  /// The parallel write of ``write(_:to:threads:)``.
  static func writeDirectly(_ set: SketchSet, to path: String, threads: Int?) -> DirectWrite {
    guard let target = DirectTarget(path) else { return .retry }
    let buffer = encodedBody(set, threads: threads)
    let descriptor = target.descriptor
    var failure: Int32 = 0
    if ParallelBlocks.threadCount(threads) > 1 {
      // The write and the checksum read the same bytes and take about as long: side by side.
      let results = ResultSlots<UInt64>(count: 2)
      let shared = buffer
      DispatchQueue.concurrentPerform(iterations: 2) { task in
        if task == 0 {
          let written = PosixFile.writeAll(
            descriptor, UnsafeRawBufferPointer(rebasing: shared.raw[0..<shared.bodyCount]))
          results.store(UInt64(UInt32(bitPattern: written)), at: 0)
        } else {
          results.store(
            FollowerHash.hash(UnsafeBufferPointer(rebasing: shared.bytes[0..<shared.bodyCount])),
            at: 1)
        }
      }
      let values = results.values()
      if values.count == 2 {
        failure = Int32(bitPattern: UInt32(truncatingIfNeeded: values[0]))
        buffer.storeChecksum(values[1])
      } else {
        failure = EIO
      }
    } else {
      failure = PosixFile.writeAll(
        descriptor, UnsafeRawBufferPointer(rebasing: buffer.raw[0..<buffer.bodyCount]))
      buffer.storeChecksum(
        FollowerHash.hash(UnsafeBufferPointer(rebasing: buffer.bytes[0..<buffer.bodyCount])))
    }
    if failure == 0 {
      failure = PosixFile.writeAll(
        descriptor, UnsafeRawBufferPointer(rebasing: buffer.raw[buffer.bodyCount...]))
    }
    return target.finish(failure: failure)
  }
}

extension SketchFile {
  /// Finishes `builder`'s sketches (``AudienceSketchBuilder/takeFinished(threads:each:)``) and
  /// writes their sketch file to `path`, as ``write(_:to:threads:)`` would write
  /// `SketchSet(sketches:sampleRate:exactThreshold:)` of them, byte for byte.
  ///
  /// The checksum is serial by its definition (FNV-1a, one byte after the other) and took a
  /// fifth of `sketch`'s wall time after everything else was done. Here each block of creators
  /// is encoded as soon as it is finished, and the blocks are checksummed and written in file
  /// order while later blocks are still being finished: whichever worker finishes a block
  /// takes up the checksum, or the write, of the blocks ready in order when no other worker is
  /// at it.
  /// - Parameters:
  ///   - builder: The audiences; left empty.
  ///   - sampleRate: The share of each audience the edges hold.
  ///   - path: The file.
  ///   - threads: Workers (nil: every core); the bytes do not depend on it.
  /// - Returns: The finished sketches, in the builder's slot order.
  /// - Throws: `AtomicFile.WriteError` naming `path` when it cannot be written.
  /// - Complexity: O(file size), the checksum and the write overlapping the finishing.
  package static func write(
    finishing builder: inout AudienceSketchBuilder, sampleRate: Double, to path: String,
    threads: Int? = nil
  ) throws(AtomicFile.WriteError) -> [AudienceSketch] {
    // The sample rate as `SketchSet` keeps it.
    let rate = sampleRate > 0 ? min(sampleRate, 1) : 1
    let threshold = builder.exactThreshold
    let count = builder.creatorIDs.count
    guard let target = DirectTarget(path) else {
      let sketches = builder.takeFinished(threads: threads)
      try write(
        SketchSet(sketches: sketches, sampleRate: rate, exactThreshold: threshold), to: path,
        threads: threads)
      return sketches
    }
    let headerBytes = Self.header(exactThreshold: threshold, sampleRate: rate, creators: count)
    let checksum = OrderedSink(FNVSink())
    let file = OrderedSink(WriteSink(descriptor: target.descriptor))
    headerBytes.withUnsafeBytes { bytes in
      checksum.start(bytes)
      file.start(bytes)
    }
    let sketches = builder.takeFinished(threads: threads) { block, sketches in
      let size = sketches.reduce(0) { $0 + recordSize($1, idLength: $1.creatorID.utf8.count) }
      let bytes = SketchBytes(count: size + 8)
      var offset = 0
      for sketch in sketches {
        bytes.storeRecord(sketch, at: offset)
        offset += recordSize(sketch, idLength: sketch.creatorID.utf8.count)
      }
      checksum.deliver(block, bytes)
      file.deliver(block, bytes)
      checksum.drain()
      file.drain()
    }
    // Every block was delivered and drained before the workers returned; this is for a run
    // with no creators, or a drain a worker left to the one that was busy.
    checksum.drain()
    file.drain()
    let sum = checksum.finish { StableHash.mix($0.state) }
    var failure = file.finish { $0.failure }
    if failure == 0 {
      failure = withUnsafeBytes(of: sum.littleEndian) {
        PosixFile.writeAll(target.descriptor, $0)
      }
    }
    switch target.finish(failure: failure) {
    case .written:
      return sketches
    case .retry:
      try AtomicFile.write(
        encode(SketchSet(sketches: sketches, sampleRate: rate, exactThreshold: threshold)),
        to: path)
      return sketches
    case .failed(let reason):
      throw AtomicFile.WriteError(path: path, reason: reason)
    }
  }
}

/// The file a sketch file is written to without `AtomicFile`: a temporary file beside a regular
/// (or new) file, renamed over it when complete, or a device or FIFO written through.
struct DirectTarget {
  let descriptor: Int32
  let resolved: String
  let temporary: String?

  /// Opens the file; `nil` when `AtomicFile` should write it (and report why it cannot).
  init?(_ path: String) {
    guard let resolved = try? AtomicFile.resolveLinks(path) else { return nil }
    let temporary: String?
    switch AtomicFile.target(resolved) {
    case .directory:
      return nil
    case .special:
      temporary = nil
    case .absent, .regular:
      guard let path = try? AtomicFile.temporaryPath(beside: resolved, reportedAs: path) else {
        return nil
      }
      temporary = path
    }
    guard let descriptor = PosixFile.create(temporary ?? resolved, truncating: temporary != nil)
    else { return nil }
    self.descriptor = descriptor
    self.resolved = resolved
    self.temporary = temporary
  }

  /// Closes the file and renames a temporary file into place; a failure (`errno`, 0 for none)
  /// of a temporary file removes it for a retry.
  func finish(failure: Int32) -> SketchFile.DirectWrite {
    var failure = failure
    if let code = PosixFile.finish(descriptor), failure == 0 { failure = code }
    if failure == 0, let temporary, rename(temporary, resolved) != 0 { failure = errno }
    if failure == 0 { return .written }
    guard let temporary else { return .failed(PosixFile.reason(failure)) }
    _ = unlink(temporary)
    return .retry
  }
}

/// What takes a sketch file's bytes in file order: the checksum, the file.
protocol ByteSink: Sendable {
  /// Takes the next bytes.
  mutating func take(_ bytes: UnsafeRawBufferPointer)
}

/// FNV-1a over the bytes taken so far (``FollowerHash``'s, before its final mix).
struct FNVSink: ByteSink {
  var state = StableHash.basis

  mutating func take(_ bytes: UnsafeRawBufferPointer) {
    var state = self.state
    for byte in bytes { StableHash.step(&state, byte) }
    self.state = state
  }
}

/// Writes the bytes taken to a descriptor, until the first failure (its `errno`, 0 for none).
struct WriteSink: ByteSink {
  let descriptor: Int32
  var failure: Int32 = 0

  mutating func take(_ bytes: UnsafeRawBufferPointer) {
    if failure == 0 { failure = PosixFile.writeAll(descriptor, bytes) }
  }
}

/// Feeds numbered blocks to a sink in their order, whichever order they are delivered in and
/// from whichever thread: a thread that delivers a block, or drains, becomes the one feeding
/// the sink unless another already is, and feeds every block ready in order.
final class OrderedSink<Sink: ByteSink>: @unchecked Sendable {
  // Safe to share: `state` is behind its lock, and `sink` is touched only by the thread that
  // set `busy` (or before and after the parallel run), so by one thread at a time.
  private struct State {
    var ready: [Int: SketchBytes] = [:]
    var next = 0
    var busy = false
  }

  private let state = Mutex(State())
  private var sink: Sink

  init(_ sink: Sink) {
    self.sink = sink
  }

  /// Feeds bytes before block 0 (the header), before any block is delivered.
  func start(_ bytes: UnsafeRawBufferPointer) {
    sink.take(bytes)
  }

  /// Hands over block `number`'s bytes (each number once).
  func deliver(_ number: Int, _ bytes: SketchBytes) {
    state.withLock { $0.ready[number] = bytes }
  }

  /// Feeds the blocks ready in order, unless another thread is feeding them.
  func drain() {
    while true {
      let batch: [SketchBytes]? = state.withLock { state in
        if state.busy { return nil }
        var batch: [SketchBytes] = []
        while let bytes = state.ready.removeValue(forKey: state.next) {
          batch.append(bytes)
          state.next += 1
        }
        if batch.isEmpty { return nil }
        state.busy = true
        return batch
      }
      guard let batch else { return }
      for bytes in batch {
        sink.take(UnsafeRawBufferPointer(rebasing: bytes.raw[0..<bytes.bodyCount]))
      }
      state.withLock { $0.busy = false }
    }
  }

  /// The sink's result, after the last drain.
  func finish<Result>(_ result: (Sink) -> Result) -> Result {
    result(sink)
  }
}

/// A sketch file's bytes, filled by several workers at once (each record by one), then
/// checksummed and written.
final class SketchBytes: @unchecked Sendable {
  // Safe to share: workers write disjoint records, and the bytes are read only after the
  // parallel fill has returned.
  let raw: UnsafeMutableRawBufferPointer
  /// Bytes before the checksum.
  let bodyCount: Int

  /// Room for a file of `count` bytes (the checksum's 8 included).
  init(count: Int) {
    raw = .allocate(byteCount: count, alignment: 8)
    bodyCount = count - 8
  }

  deinit { raw.deallocate() }

  /// The bytes as `UInt8`s.
  var bytes: UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(raw.bindMemory(to: UInt8.self))
  }

  /// The file's bytes as an array.
  var array: [UInt8] { Array(bytes) }

  /// Copies `source` to `offset`.
  func copy(_ source: [UInt8], at offset: Int) {
    source.withUnsafeBytes { bytes in
      if let base = bytes.baseAddress, let target = raw.baseAddress {
        (target + offset).copyMemory(from: base, byteCount: bytes.count)
      }
    }
  }

  /// Stores the checksum trailer.
  func storeChecksum(_ value: UInt64) {
    raw.storeBytes(of: value.littleEndian, toByteOffset: bodyCount, as: UInt64.self)
  }

  /// Writes one creator's record at `offset`, as ``SketchFile/encode(_:)`` lays it out.
  func storeRecord(_ sketch: AudienceSketch, at offset: Int) {
    var position = offset
    var id = sketch.creatorID
    id.withUTF8 { utf8 in
      raw.storeBytes(of: UInt32(utf8.count).littleEndian, toByteOffset: position, as: UInt32.self)
      position += 4
      if let base = utf8.baseAddress, let target = raw.baseAddress {
        (target + position).copyMemory(from: base, byteCount: utf8.count)
      }
      position += utf8.count
    }
    switch sketch.storage {
    case .exact(let hashes):
      raw.storeBytes(of: 0, toByteOffset: position, as: UInt8.self)
      raw.storeBytes(of: sketch.edges.littleEndian, toByteOffset: position + 1, as: UInt64.self)
      raw.storeBytes(
        of: UInt32(truncatingIfNeeded: hashes.count).littleEndian, toByteOffset: position + 9,
        as: UInt32.self)
      storeWords(hashes, at: position + 13)
    case .sketch(let hll, let minHash):
      raw.storeBytes(of: 1, toByteOffset: position, as: UInt8.self)
      raw.storeBytes(of: sketch.edges.littleEndian, toByteOffset: position + 1, as: UInt64.self)
      hll.registers.withUnsafeBytes { registers in
        if let base = registers.baseAddress, let target = raw.baseAddress {
          (target + position + 9).copyMemory(from: base, byteCount: registers.count)
        }
      }
      storeWords(minHash.bins, at: position + 9 + HyperLogLog.registerCount)
    }
  }

  /// Little-endian `values` at `offset`: one copy of their memory on a little-endian machine.
  private func storeWords(_ values: [UInt64], at offset: Int) {
    if UInt64(1).littleEndian == 1 {
      values.withUnsafeBytes { words in
        if let base = words.baseAddress, let target = raw.baseAddress {
          (target + offset).copyMemory(from: base, byteCount: words.count)
        }
      }
    } else {
      for (index, value) in values.enumerated() {
        raw.storeBytes(of: value.littleEndian, toByteOffset: offset + 8 * index, as: UInt64.self)
      }
    }
  }
}

/// The few POSIX file calls the sketch file's writer makes (it writes from its own buffer, which
/// `FileHandle` would copy into a `Data` first).
enum PosixFile {
  /// Opens `path` for writing: created (mode 0666 less the umask) and truncated for a new file,
  /// as it is for a device or FIFO; `nil` when it cannot be.
  static func create(_ path: String, truncating: Bool) -> Int32? {
    let flags = truncating ? O_WRONLY | O_CREAT | O_TRUNC : O_WRONLY
    let descriptor = open(path, flags, 0o666)
    return descriptor < 0 ? nil : descriptor
  }

  /// Writes every byte, through short writes and interruptions; 0 or the `errno` of the failure.
  static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
    guard var cursor = bytes.baseAddress else { return 0 }
    var left = bytes.count
    while left > 0 {
      let written = write(descriptor, cursor, min(left, 1 << 30))
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      if written == 0 { return EIO }
      cursor += written
      left -= written
    }
    return 0
  }

  /// Closes `descriptor`; `nil`, or the `errno` of a failure (a delayed write error).
  static func finish(_ descriptor: Int32) -> Int32? {
    close(descriptor) == 0 ? nil : errno
  }

  /// The system's text for an `errno`.
  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Appends little-endian integers.
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func u8(_ value: UInt8) { bytes.append(value) }
  mutating func u16(_ value: UInt16) {
    for shift in stride(from: 0, to: 16, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> UInt16(shift)))
    }
  }
  mutating func u32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
    }
  }
  mutating func u64(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }
  /// Appends `values` in order: one copy of their memory on a little-endian machine (an exact
  /// set of a million hashes is 8 MB).
  mutating func u64s(_ values: [UInt64]) {
    if UInt64(1).littleEndian == 1 {
      values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    } else {
      for value in values { u64(value) }
    }
  }
}

/// Reads little-endian integers; every read returns `nil` past the end.
struct ByteReader {
  let bytes: [UInt8]
  var offset: Int

  mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
    guard count >= 0, offset + count <= bytes.count else { return nil }
    defer { offset += count }
    return bytes[offset..<(offset + count)]
  }

  mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) -> T? {
    guard let slice = take(MemoryLayout<T>.size) else { return nil }
    var value: T = 0
    for (index, byte) in slice.enumerated() { value |= T(byte) << T(8 * index) }
    return value
  }

  mutating func u8() -> UInt8? { integer(UInt8.self) }
  mutating func u16() -> UInt16? { integer(UInt16.self) }
  mutating func u32() -> UInt32? { integer(UInt32.self) }
  mutating func u64() -> UInt64? { integer(UInt64.self) }
}
