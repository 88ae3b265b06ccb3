import CreatorMatch

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
    writer.bytes.append(contentsOf: magic)
    writer.u32(version)
    writer.u8(UInt8(HyperLogLog.precision))
    writer.u8(0)
    writer.u16(UInt16(MinHash.binCount))
    writer.u32(UInt32(clamping: set.exactThreshold))
    writer.u64(set.sampleRate.bitPattern)
    writer.u32(UInt32(set.sketches.count))
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
