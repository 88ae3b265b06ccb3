/// A read-only list of strings: `String` values the table owns (a table built from creators), or
/// UTF-8 runs in bytes another object owns (a mapped snapshot), decoded when one is read.
///
/// A snapshot's ids, handles and labels are read for the few rows a command prints, so decoding
/// a million of each when it is loaded would be most of the load's work for nothing.
package struct StringColumn: RandomAccessCollection, Sendable {
  private enum Storage: Sendable {
    case owned([String])
    /// Entry `i` is `blob[ends[i]..<ends[i + 1]]`.
    case stored(ends: Column<UInt64>, blob: Column<UInt8>)
  }

  private let storage: Storage

  /// The strings of `values`.
  ///
  /// - Parameter values: The strings; not copied.
  package init(_ values: [String]) {
    storage = .owned(values)
  }

  /// Strings stored as `ends.count - 1` runs of `blob`: entry `i` is
  /// `blob[ends[i]..<ends[i + 1]]`. Offsets are not checked here: an entry whose offsets are out
  /// of order or past the blob reads as the part of its run inside the blob (possibly empty),
  /// never outside it.
  ///
  /// - Parameters:
  ///   - ends: `count + 1` offsets into `blob`, the first 0.
  ///   - blob: The UTF-8 bytes.
  package init(ends: Column<UInt64>, blob: Column<UInt8>) {
    storage = .stored(ends: ends, blob: blob)
  }

  /// 0.
  package var startIndex: Int { 0 }
  /// The number of strings.
  package var endIndex: Int {
    switch storage {
    case .owned(let values): values.count
    case .stored(let ends, _): Swift.max(ends.count - 1, 0)
    }
  }

  /// The string at `index` (bounds-checked).
  package subscript(index: Int) -> String {
    switch storage {
    case .owned(let values):
      return values[index]
    case .stored(let ends, let blob):
      precondition(index >= 0 && index + 1 < ends.count, "StringColumn index out of range")
      let limit = UInt64(blob.count)
      let end = Swift.min(ends[index + 1], limit)
      let start = Swift.min(ends[index], end)
      return blob.withUnsafeBufferPointer {
        String(decoding: $0[Int(start)..<Int(end)], as: UTF8.self)
      }
    }
  }
}

extension StringColumn: Equatable {
  /// Whether both hold the same strings in the same order.
  package static func == (lhs: StringColumn, rhs: StringColumn) -> Bool {
    lhs.elementsEqual(rhs)
  }
}

/// A read-only list of optional strings: a ``StringColumn`` and, when stored, a presence byte per
/// entry (0: absent).
package struct OptionalStringColumn: RandomAccessCollection, Sendable {
  private enum Storage: Sendable {
    case owned([String?])
    case stored(values: StringColumn, present: Column<UInt8>)
  }

  private let storage: Storage

  /// The strings of `values`.
  ///
  /// - Parameter values: The strings; not copied.
  package init(_ values: [String?]) {
    storage = .owned(values)
  }

  /// Entry `i` is `values[i]` when `present[i] != 0`, else `nil`.
  ///
  /// - Precondition: `present.count == values.count`.
  package init(values: StringColumn, present: Column<UInt8>) {
    precondition(present.count == values.count, "a presence byte per entry")
    storage = .stored(values: values, present: present)
  }

  /// 0.
  package var startIndex: Int { 0 }
  /// The number of entries.
  package var endIndex: Int {
    switch storage {
    case .owned(let values): values.count
    case .stored(let values, _): values.count
    }
  }

  /// The entry at `index` (bounds-checked).
  package subscript(index: Int) -> String? {
    switch storage {
    case .owned(let values): values[index]
    case .stored(let values, let present): present[index] == 0 ? nil : values[index]
    }
  }
}

extension OptionalStringColumn: Equatable {
  /// Whether both hold the same entries in the same order.
  package static func == (lhs: OptionalStringColumn, rhs: OptionalStringColumn) -> Bool {
    lhs.elementsEqual(rhs)
  }
}
