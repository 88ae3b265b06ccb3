import CreatorMatch

/// Lays out a snapshot's sections (see ``SnapshotFormat``): collects named columns, then writes
/// the header, the section table and the data, each section at an aligned offset.
package struct SnapshotWriter: TableColumnSink {
  private struct Section {
    var name: String
    var width: Int
    var bytes: [UInt8]
  }

  private var sections: [Section] = []

  /// An empty snapshot.
  package init() {}

  /// Stores `values` under `name` as their in-memory bytes (little-endian on every platform
  /// Swift builds this for).
  package mutating func numbers<T: BitwiseCopyable>(_ name: String, _ values: Column<T>) {
    let bytes = values.withUnsafeBytes { Array($0) }
    sections.append(Section(name: name, width: MemoryLayout<T>.stride, bytes: bytes))
  }

  /// Stores `values` as a count, offsets and one UTF-8 blob.
  package mutating func strings(_ name: String, _ values: StringColumn) {
    var offsets: [UInt64] = [UInt64(values.count), 0]
    offsets.reserveCapacity(values.count + 2)
    var blob: [UInt8] = []
    for value in values {
      blob.append(contentsOf: value.utf8)
      offsets.append(UInt64(blob.count))
    }
    var bytes = offsets.withUnsafeBytes { Array($0) }
    bytes.append(contentsOf: blob)
    sections.append(Section(name: name, width: 0, bytes: bytes))
  }

  /// Stores `values` as a string list (absent values empty) and a presence byte each.
  package mutating func optionalStrings(_ name: String, _ values: OptionalStringColumn) {
    strings(name, StringColumn(values.map { $0 ?? "" }))
    numbers("\(name).present", Column(ContiguousArray(values.map { $0 == nil ? UInt8(0) : 1 })))
  }

  /// The snapshot's bytes.
  ///
  /// - Precondition: every name is at most ``SnapshotFormat/nameSize`` UTF-8 bytes.
  /// - Complexity: O(total bytes).
  package func bytes() -> [UInt8] {
    let alignment = SnapshotFormat.alignment
    func aligned(_ offset: Int) -> Int { (offset + alignment - 1) / alignment * alignment }
    var offset = aligned(SnapshotFormat.headerSize + sections.count * SnapshotFormat.entrySize)
    var placed: [Int] = []
    for section in sections {
      placed.append(offset)
      offset = aligned(offset + section.bytes.count)
    }
    var file = [UInt8](repeating: 0, count: offset)
    func put<T: FixedWidthInteger>(_ value: T, at position: Int) {
      withUnsafeBytes(of: value.littleEndian) { raw in
        for (index, byte) in raw.enumerated() { file[position + index] = byte }
      }
    }
    file.replaceSubrange(0..<8, with: SnapshotFormat.magic)
    put(SnapshotFormat.version, at: 8)
    put(UInt32(sections.count), at: 12)
    put(UInt64(file.count), at: 16)
    for (index, section) in sections.enumerated() {
      let entry = SnapshotFormat.headerSize + index * SnapshotFormat.entrySize
      let name = Array(section.name.utf8)
      precondition(name.count <= SnapshotFormat.nameSize, "section name too long")
      file.replaceSubrange(entry..<(entry + name.count), with: name)
      put(UInt32(section.width), at: entry + 48)
      put(UInt64(placed[index]), at: entry + 56)
      put(UInt64(section.bytes.count), at: entry + 64)
      let sum = section.bytes.withUnsafeBytes { SnapshotFormat.checksum($0) }
      put(sum, at: entry + 72)
      let start = placed[index]
      file.replaceSubrange(start..<(start + section.bytes.count), with: section.bytes)
    }
    let tableEnd = SnapshotFormat.headerSize + sections.count * SnapshotFormat.entrySize
    put(file.withUnsafeBytes { SnapshotFormat.headerChecksum($0, tableEnd: tableEnd) }, at: 24)
    return file
  }
}
