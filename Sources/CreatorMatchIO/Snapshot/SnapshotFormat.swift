/// The layout of a prepared snapshot (`creatormatch prepare`): one file holding a creator
/// catalog's ranking table, model, text index and output labels as plain little-endian arrays,
/// so that a command ranks with the columns where they lie in the mapped file instead of
/// reading, tokenizing and fitting again.
///
/// ```text
/// offset  size  field
///      0     8  magic: 0x89 "CMSNAP" 0x0A (the 0x89 and newline catch text-mode transfers)
///      8     4  format version (UInt32)
///     12     4  section count (UInt32)
///     16     8  file length in bytes (UInt64): a shorter file was truncated
///     24     8  checksum of bytes 0..<24 and of the section table (UInt64)
///     32  80×s  section table, one entry per section:
///                 48  name (UTF-8, zero-padded)
///                  4  element width in bytes (UInt32; 0 for a string list)
///                  4  reserved (0)
///                  8  offset of the data from the start of the file (UInt64, a multiple of 64)
///                  8  length of the data in bytes (UInt64)
///                  8  checksum of the data (UInt64)
/// ```
///
/// A numeric section is `length / width` elements end to end. A string list is a UInt64 count
/// `n`, `n + 1` UInt64 offsets into the blob that follows, then the blob of UTF-8 bytes; an
/// optional string list has a second section, `NAME.present`, with a presence byte per entry.
///
/// Integrity: every load checks the magic bytes, the version, the length (a truncated file) and
/// the checksum of the header and section table, and every section structurally (inside the
/// file, aligned, its element width and count, string-list offsets clamped to their blob, and
/// every row number, code and offset the table indexes with, but the postings' row numbers,
/// which their readers bounds-check instead). Section checksums are checked for
/// every section by `validate`, and by a ranking for the sections it and the summary's coverage
/// count read for every creator and every section of at most 64 KiB
/// (`SnapshotFile.read(ranking:)`): 57 of the 497 MB of a 1M-creator snapshot. A flipped byte
/// elsewhere (the columns read for the printed rows only, the audience rows, the postings)
/// passes a ranking unnoticed and changes at most the values read from it; `validate` finds it.
package enum SnapshotFormat {
  /// The first eight bytes of every snapshot.
  package static let magic: [UInt8] = [0x89, 0x43, 0x4D, 0x53, 0x4E, 0x41, 0x50, 0x0A]
  /// The format this build writes and the only one it reads; raise it on any change of layout
  /// or of the columns stored.
  /// Version 2 added the per-row term lists (`text.rowTerms.*`) the niche expansion reads;
  /// version 3 the audience byte (`table.audienceData`) the coverage count reads.
  package static let version: UInt32 = 3
  /// Bytes before the section table.
  package static let headerSize = 32
  /// Bytes per section table entry.
  package static let entrySize = 80
  /// Bytes of an entry's name field.
  package static let nameSize = 48
  /// Alignment of every section's data: a cache line, and a multiple of every element width, so
  /// a mapped section can be read in place.
  package static let alignment = 64

  /// Whether `bytes` starts with ``magic``.
  package static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.count >= magic.count && zip(bytes.prefix(magic.count), magic).allSatisfy { $0 == $1 }
  }

  /// A 64-bit checksum of `bytes`: four independent lanes of xor, multiply by an odd constant
  /// and xorshift over 64-bit words (each step a bijection, so any single changed byte changes
  /// the result), combined with the length and the tail bytes. Lanes keep it at memory speed:
  /// checking a 1M-creator snapshot is a small part of loading it.
  ///
  /// - Complexity: O(n).
  package static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
    let blocks = bytes.count / 32
    var offset = 0
    @inline(__always) func step(_ state: UInt64, _ word: UInt64) -> UInt64 {
      let mixed = (state ^ word) &* prime
      return mixed ^ (mixed >> 29)
    }
    for _ in 0..<blocks {
      lanes.0 = step(lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      lanes.1 = step(lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
      lanes.2 = step(lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
      lanes.3 = step(lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
      offset += 32
    }
    var result = step(step(step(step(UInt64(bytes.count), lanes.0), lanes.1), lanes.2), lanes.3)
    while offset < bytes.count {
      result = step(result, UInt64(bytes[offset]) | 0x100)
      offset += 1
    }
    return step(result, 0)
  }

  /// The checksum of the header's first 24 bytes and the section table (`bytes[32..<tableEnd]`),
  /// stored at offset 24.
  package static func headerChecksum(_ bytes: UnsafeRawBufferPointer, tableEnd: Int) -> UInt64 {
    let covered = Array(bytes[0..<24]) + Array(bytes[headerSize..<tableEnd])
    return covered.withUnsafeBytes { checksum($0) }
  }
}

/// Why a snapshot cannot be used. Each message names the file.
package struct SnapshotError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  package enum Kind: Sendable, Equatable {
    /// The file is missing or cannot be mapped.
    case missing
    /// Written by another format version.
    case version
    /// Shorter than it says it is.
    case truncated
    /// A checksum does not match.
    case corrupt
    /// The bytes do not describe a valid catalog.
    case malformed
  }

  /// What went wrong.
  package var kind: Kind
  /// The snapshot file.
  package var path: String
  /// Why, in words.
  package var reason: String

  /// `path: reason`.
  package var description: String { "\(path): \(reason)" }
}
