import CreatorMatch
import CreatorMatchSupport

/// Reads a snapshot through a read-only mapping: checks the magic bytes, the format version, the
/// length and the section table's checksum when opened, then hands out sections by name, each
/// checked against its own checksum before its first use.
///
/// Checking a section as it is copied, then dropping its pages, keeps the process's resident
/// memory to the copies plus one section: checking the whole file first would fault every page
/// of it in next to the copies (about twice the table). ``verifyRemaining()`` checks whatever
/// was not read, so a load that calls it has checked every byte.
package final class SnapshotReader: TableColumnSource {
  private struct Entry {
    var width: Int
    var offset: Int
    var length: Int
    var checksum: UInt64
  }

  private let file: MappedFile
  private let path: String
  private let entries: [String: Entry]
  /// The sections whose checksum has been checked.
  private var verified: Set<String> = []

  /// Maps the snapshot at `path` and checks its header and section table.
  ///
  /// - Throws: ``SnapshotError`` naming `path`: missing or unmappable, not a snapshot, another
  ///   format version, truncated, the header's checksum mismatch, or a section out of bounds.
  /// - Complexity: O(sections); the sections' own checksums are checked as they are read.
  package init(path: String) throws(SnapshotError) {
    self.path = path
    guard let file = MappedFile(path: path) else {
      throw SnapshotError(
        kind: .missing, path: path,
        reason: "cannot open or map the snapshot (missing, empty or unreadable)")
    }
    self.file = file
    let bytes = UnsafeRawBufferPointer(file.bytes)
    func fail(_ kind: SnapshotError.Kind, _ reason: String) -> SnapshotError {
      SnapshotError(kind: kind, path: path, reason: reason)
    }
    guard bytes.count >= SnapshotFormat.headerSize else {
      throw SnapshotFormat.magic.starts(with: bytes.prefix(SnapshotFormat.magic.count))
        ? fail(.truncated, "truncated snapshot: \(bytes.count) bytes, shorter than its header")
        : fail(.malformed, "not a creatormatch snapshot (no magic bytes)")
    }
    guard SnapshotFormat.hasMagic(bytes) else {
      throw fail(.malformed, "not a creatormatch snapshot (no magic bytes)")
    }
    let version = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
    guard version == SnapshotFormat.version else {
      throw fail(
        .version,
        "snapshot format version \(version), but this creatormatch reads version "
          + "\(SnapshotFormat.version); run 'creatormatch prepare' again on the creator file")
    }
    let expected = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
    guard expected == UInt64(bytes.count) else {
      throw fail(
        expected > UInt64(bytes.count) ? .truncated : .corrupt,
        expected > UInt64(bytes.count)
          ? "truncated snapshot: \(bytes.count) of \(expected) bytes"
          : "snapshot is \(bytes.count) bytes but its header says \(expected)")
    }
    let sectionCount = Int(
      UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
    let tableEnd = SnapshotFormat.headerSize + sectionCount * SnapshotFormat.entrySize
    guard tableEnd <= bytes.count else {
      throw fail(.corrupt, "corrupt snapshot: the section table runs past the end of the file")
    }
    let storedSum = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    guard SnapshotFormat.headerChecksum(bytes, tableEnd: tableEnd) == storedSum else {
      throw fail(.corrupt, "corrupt snapshot: header checksum mismatch")
    }
    var entries: [String: Entry] = [:]
    for index in 0..<sectionCount {
      let base = SnapshotFormat.headerSize + index * SnapshotFormat.entrySize
      let nameBytes = bytes[base..<(base + SnapshotFormat.nameSize)].prefix { $0 != 0 }
      let name = String(decoding: nameBytes, as: UTF8.self)
      func number<T: FixedWidthInteger>(_ at: Int, _ type: T.Type) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: base + at, as: T.self))
      }
      let width = Int(number(48, UInt32.self))
      let offset = number(56, UInt64.self)
      let length = number(64, UInt64.self)
      let sum = number(72, UInt64.self)
      guard offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset,
        offset % UInt64(SnapshotFormat.alignment) == 0
      else {
        throw fail(.corrupt, "corrupt snapshot: section '\(name)' lies outside the file")
      }
      entries[name] = Entry(
        width: width, offset: Int(offset), length: Int(length), checksum: sum)
    }
    self.entries = entries
  }

  /// Checks the checksum of every section not read yet.
  ///
  /// - Throws: ``SnapshotError`` for the first section whose checksum does not match.
  package func verifyRemaining() throws(SnapshotError) {
    for (name, entry) in entries.sorted(by: { $0.value.offset < $1.value.offset })
    where !verified.contains(name) {
      _ = try data(name, entry)
    }
  }

  /// The bytes of section `name`, checked against its checksum the first time.
  private func data(_ name: String, _ entry: Entry) throws(SnapshotError)
    -> UnsafeRawBufferPointer
  {
    let data = UnsafeRawBufferPointer(
      rebasing: UnsafeRawBufferPointer(file.bytes)[entry.offset..<(entry.offset + entry.length)])
    if !verified.contains(name) {
      guard SnapshotFormat.checksum(data) == entry.checksum else {
        throw SnapshotError(
          kind: .corrupt, path: path,
          reason: "corrupt snapshot: checksum mismatch in section '\(name)'")
      }
      verified.insert(name)
    }
    return data
  }

  /// Drops the resident pages of the file up to the end of section `name`, once it is copied.
  private func release(after name: String) {
    guard let entry = entries[name] else { return }
    file.release(before: entry.offset + entry.length)
  }

  private func section(_ name: String, width: Int) throws(SnapshotError) -> UnsafeRawBufferPointer {
    guard let entry = entries[name] else {
      throw SnapshotError(kind: .malformed, path: path, reason: "snapshot has no section '\(name)'")
    }
    guard entry.width == width, width == 0 || entry.length % width == 0 else {
      throw SnapshotError(
        kind: .malformed, path: path,
        reason: "snapshot section '\(name)' has elements of \(entry.width) bytes, expected \(width)"
      )
    }
    return try data(name, entry)
  }

  private func wrongCount(_ name: String, _ found: Int, _ expected: Int) -> SnapshotError {
    SnapshotError(
      kind: .malformed, path: path,
      reason: "snapshot section '\(name)' has \(found) entries, expected \(expected)")
  }

  /// The numeric section `name`, copied into an array.
  package func numbers<T: BitwiseCopyable>(_ name: String, as type: T.Type, count: Int?) throws
    -> ContiguousArray<T>
  {
    let stride = MemoryLayout<T>.stride
    let data = try section(name, width: stride)
    let found = data.count / stride
    if let count, count != found { throw wrongCount(name, found, count) }
    defer { release(after: name) }
    return ContiguousArray(unsafeUninitializedCapacity: found) { buffer, initialized in
      if found > 0, let base = buffer.baseAddress, let source = data.baseAddress {
        UnsafeMutableRawPointer(base).copyMemory(from: source, byteCount: found * stride)
      }
      initialized = found
    }
  }

  /// The string list `name`.
  package func strings(_ name: String, count: Int?) throws -> [String] {
    let data = try section(name, width: 0)
    func malformed() -> SnapshotError {
      SnapshotError(
        kind: .malformed, path: path, reason: "snapshot string list '\(name)' is malformed")
    }
    guard data.count >= 16 else { throw malformed() }
    let stored = UInt64(littleEndian: data.loadUnaligned(as: UInt64.self))
    guard stored <= UInt64(data.count / 8 - 2) else { throw malformed() }
    let found = Int(stored)
    if let count, count != found { throw wrongCount(name, found, count) }
    defer { release(after: name) }
    let blobStart = 8 * (found + 2)
    let blobLength = data.count - blobStart
    var result: [String] = []
    result.reserveCapacity(found)
    var start = 0
    for index in 0..<found {
      let end = Int(
        truncatingIfNeeded: UInt64(
          littleEndian: data.loadUnaligned(fromByteOffset: 16 + 8 * index, as: UInt64.self)))
      guard end >= start, end <= blobLength else { throw malformed() }
      result.append(
        String(
          decoding: UnsafeRawBufferPointer(
            rebasing: data[(blobStart + start)..<(blobStart + end)]),
          as: UTF8.self))
      start = end
    }
    return result
  }

  /// The optional string list `name`.
  package func optionalStrings(_ name: String, count: Int?) throws -> [String?] {
    let values = try strings(name, count: count)
    let present = try numbers("\(name).present", as: UInt8.self, count: values.count)
    return zip(values, present).map { $1 == 0 ? nil : $0 }
  }
}
