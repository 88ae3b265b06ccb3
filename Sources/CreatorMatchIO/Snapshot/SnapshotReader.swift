import CreatorMatch
import CreatorMatchSupport

/// Reads a snapshot through a read-only mapping: checks the magic bytes, the format version, the
/// length and the section table's checksum when opened, then hands out sections by name as views
/// of the mapping (``Column``, ``StringColumn``), which keep it mapped for as long as they live.
///
/// Which sections' own checksums are checked is ``Checks``: every section (``Checks/all``, as
/// `validate` and ``SnapshotFile/read(_:)`` do), or only those a command reads in full
/// (``Checks/sections(_:smallSection:)``), each the first time it is handed out or all at once
/// on every core (``verify(_:threads:)``, as a ranking load does). Every section is checked
/// structurally either way (in the file, aligned, element width, count, string-list offsets),
/// and ``CreatorTable/init(columns:model:)`` checks every row number and offset it will index
/// with (the postings' row numbers are bounds-checked where read), so a file that passes no
/// checksum still cannot make a read go out of bounds.
package final class SnapshotReader: TableColumnSource {
  private struct Entry {
    var width: Int
    var offset: Int
    var length: Int
    var checksum: UInt64
  }

  /// Which sections' checksums are checked.
  package enum Checks: Sendable {
    /// Every section's.
    case all
    /// Those of the named sections, and of every section of at most `smallSection` bytes (the
    /// model, the vocabulary, the scalars: read whole by every command, and cheap).
    case sections(Set<String>, smallSection: Int)
  }

  private let file: MappedFile
  private let path: String
  private let entries: [String: Entry]
  private let checks: Checks
  /// The sections whose checksum has been checked.
  private var verified: Set<String> = []

  /// Maps the snapshot at `path` and checks its header and section table.
  ///
  /// - Parameters:
  ///   - path: The snapshot file.
  ///   - checks: Which sections' checksums to check as they are handed out.
  /// - Throws: ``SnapshotError`` naming `path`: missing or unmappable, not a snapshot, another
  ///   format version, truncated, the header's checksum mismatch, or a section out of bounds.
  /// - Complexity: O(sections); the sections' own checksums are checked as they are read.
  package init(path: String, checks: Checks = .all) throws(SnapshotError) {
    self.path = path
    self.checks = checks
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

  /// Under ``Checks/all``, checks the checksum of every section not handed out (so a load that
  /// calls it has checked every byte); under ``Checks/sections(_:smallSection:)``, nothing.
  ///
  /// - Throws: ``SnapshotError`` for the first section whose checksum does not match.
  package func verifyRemaining() throws(SnapshotError) {
    guard case .all = checks else { return }
    for (name, entry) in entries.sorted(by: { $0.value.offset < $1.value.offset })
    where !verified.contains(name) {
      try verify(name, entry)
    }
  }

  /// Checks the checksums of the sections named in `names` (those present, and not yet checked)
  /// now, on up to `threads` workers, a section to a worker at a time, largest first: a ranking
  /// reads its sections whole, so checking them together spreads the reading (and the first
  /// touch of their pages) over the cores instead of one column after another as the table is
  /// rebuilt.
  ///
  /// - Parameters:
  ///   - names: The sections to check.
  ///   - threads: Worker threads.
  /// - Throws: ``SnapshotError`` for the first section, in the order of `names`, whose checksum
  ///   does not match.
  /// - Complexity: O(total bytes of the sections) of work.
  package func verify(_ names: [String], threads: Int) throws(SnapshotError) {
    let pending = names.filter { entries[$0] != nil && !verified.contains($0) }
      .sorted { entries[$0]?.length ?? 0 > entries[$1]?.length ?? 0 }
    let spans = pending.compactMap { name in entries[name].map { ($0.offset, $0.length) } }
    let file = self.file
    let sums = ParallelBlocks(count: spans.count, blockSize: 1).map(threads: threads) { range in
      let (offset, length) = spans[range.lowerBound]
      return SnapshotFormat.checksum(
        UnsafeRawBufferPointer(
          rebasing: UnsafeRawBufferPointer(file.bytes)[offset..<(offset + length)]))
    }
    let found = Dictionary(uniqueKeysWithValues: zip(pending, sums))
    for name in names {
      guard let entry = entries[name], let sum = found[name] else { continue }
      guard sum == entry.checksum else {
        throw SnapshotError(
          kind: .corrupt, path: path,
          reason: "corrupt snapshot: checksum mismatch in section '\(name)'")
      }
      verified.insert(name)
    }
  }

  /// Whether ``Checks`` asks for the checksum of section `name`.
  private func shouldVerify(_ name: String, _ entry: Entry) -> Bool {
    switch checks {
    case .all: true
    case .sections(let names, let small): names.contains(name) || entry.length <= small
    }
  }

  private func bytes(_ entry: Entry) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(
      rebasing: UnsafeRawBufferPointer(file.bytes)[entry.offset..<(entry.offset + entry.length)])
  }

  private func verify(_ name: String, _ entry: Entry) throws(SnapshotError) {
    guard !verified.contains(name) else { return }
    guard SnapshotFormat.checksum(bytes(entry)) == entry.checksum else {
      throw SnapshotError(
        kind: .corrupt, path: path,
        reason: "corrupt snapshot: checksum mismatch in section '\(name)'")
    }
    verified.insert(name)
  }

  /// The bytes of section `name`, checked against its checksum the first time when ``Checks``
  /// asks for it.
  private func data(_ name: String, _ entry: Entry) throws(SnapshotError)
    -> UnsafeRawBufferPointer
  {
    if shouldVerify(name, entry) { try verify(name, entry) }
    return bytes(entry)
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

  /// A view of `bytes` (inside the mapping) as elements of `T`; the format aligns every section
  /// to 64 bytes, so only a damaged table of sections can make this fail.
  private func view<T: BitwiseCopyable>(_ bytes: UnsafeRawBufferPointer, _ name: String)
    throws(SnapshotError) -> Column<T>
  {
    guard let column = Column<T>(viewing: bytes, owner: file) else {
      throw SnapshotError(
        kind: .malformed, path: path, reason: "snapshot section '\(name)' is misaligned")
    }
    return column
  }

  /// The numeric section `name`, as a view of the mapping (nothing is copied).
  package func numbers<T: BitwiseCopyable>(_ name: String, as type: T.Type, count: Int?) throws
    -> Column<T>
  {
    let data = try section(name, width: MemoryLayout<T>.stride)
    let column: Column<T> = try view(data, name)
    if let count, count != column.count { throw wrongCount(name, column.count, count) }
    return column
  }

  /// The string list `name`, as a view of the mapping: each string is decoded when it is read.
  package func strings(_ name: String, count: Int?) throws -> StringColumn {
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
    let blobStart = 8 * (found + 2)
    let ends: Column<UInt64> = try view(
      UnsafeRawBufferPointer(rebasing: data[8..<blobStart]), name)
    let blob: Column<UInt8> = try view(
      UnsafeRawBufferPointer(rebasing: data[blobStart...]), name)
    // The first offset must be 0; the others are clamped to the blob when read (StringColumn),
    // so a damaged one garbles its own entry at worst, and a checked section has none.
    guard ends.first == 0 else { throw malformed() }
    return StringColumn(ends: ends, blob: blob)
  }

  /// The optional string list `name`.
  package func optionalStrings(_ name: String, count: Int?) throws -> OptionalStringColumn {
    let values = try strings(name, count: count)
    let present = try numbers("\(name).present", as: UInt8.self, count: values.count)
    return OptionalStringColumn(values: values, present: present)
  }
}
