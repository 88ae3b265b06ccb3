/// A read-only column of plain values in contiguous memory: an array the table owns (a table
/// built from creators), or a view of bytes another object owns (a mapped snapshot), kept alive
/// as long as the column.
///
/// One representation for both, a base pointer and a count, so that the ranking kernels index
/// either the same way, with no branch per access, and a snapshot's columns are used where they
/// lie in the mapping instead of being copied out of it.
///
/// ```swift
/// let owned = Column(ContiguousArray<Double>([1, 2, 3]))
/// owned.withUnsafeBufferPointer { $0.reduce(0, +) }  // 6
/// ```
package struct Column<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
  // Sendable: the memory is never written after the column is made, and `owner` (an immutable
  // array box or a read-only mapping) is itself Sendable and keeps it alive.
  @usableFromInline let base: UnsafePointer<Element>?
  /// Number of elements.
  package let count: Int
  /// Keeps the memory at `base` alive: a ``ColumnArray`` or the mapping the column views.
  @usableFromInline let owner: AnyObject?

  /// A column owning `array`.
  ///
  /// The array is held immutable in a box for the column's life, so its storage is never
  /// reallocated or copied on write and its address stays valid: the pointer taken here is the
  /// address of storage the box keeps (a `ContiguousArray` is never bridged, unlike `Array`).
  ///
  /// - Parameter array: The values; not copied.
  /// - Complexity: O(1).
  package init(_ array: ContiguousArray<Element>) {
    let box = ColumnArray(array)
    owner = box
    count = array.count
    base = box.array.withUnsafeBufferPointer { $0.baseAddress }
  }

  /// A column viewing `bytes`, which `owner` keeps alive and unchanged for as long as anything
  /// references it.
  ///
  /// - Parameters:
  ///   - bytes: Aligned for `Element`, a whole number of elements long.
  ///   - owner: The object whose life bounds the bytes' (a mapping).
  /// - Returns: `nil` when `bytes` is misaligned or not a whole number of elements.
  /// - Complexity: O(1).
  package init?(viewing bytes: UnsafeRawBufferPointer, owner: AnyObject & Sendable) {
    let stride = MemoryLayout<Element>.stride
    guard bytes.count % stride == 0 else { return nil }
    if let start = bytes.baseAddress {
      guard Int(bitPattern: start) % MemoryLayout<Element>.alignment == 0 else { return nil }
      base = UnsafePointer(start.assumingMemoryBound(to: Element.self))
    } else {
      base = nil
    }
    count = bytes.count / stride
    self.owner = owner
  }

  /// An empty column.
  package init() {
    self.init(ContiguousArray())
  }

  /// The capacity of the owned array (elements it could hold), or `nil` for a view: lets tests
  /// check that columns are built at their final size.
  package var ownedCapacity: Int? { (owner as? ColumnArray<Element>)?.array.capacity }

  /// 0.
  @inlinable package var startIndex: Int { 0 }
  /// ``count``.
  @inlinable package var endIndex: Int { count }

  /// The element at `index`, bounds-checked as an array's is.
  @inlinable
  package subscript(index: Int) -> Element {
    precondition(index >= 0 && index < count, "Column index out of range")
    // A non-empty column always has a base address.
    return base.unsafelyUnwrapped[index]
  }

  /// Calls `body` with the elements as a buffer, valid during the call.
  ///
  /// - Parameter body: Reads the buffer; it must not keep it.
  /// - Returns: What `body` returns.
  @inlinable
  package func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R)
    rethrows -> R
  {
    try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
  }

  /// Calls `body` with the elements as a buffer, so that copying a column (`Array(column)`) is
  /// one block copy rather than an element at a time.
  ///
  /// - Parameter body: Reads the buffer; it must not keep it.
  /// - Returns: What `body` returns.
  @inlinable
  package func withContiguousStorageIfAvailable<R>(
    _ body: (UnsafeBufferPointer<Element>) throws -> R
  ) rethrows -> R? {
    try withUnsafeBufferPointer(body)
  }

  /// Calls `body` with the elements' bytes, valid during the call.
  ///
  /// - Parameter body: Reads the bytes; it must not keep them.
  /// - Returns: What `body` returns.
  package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
  }
}

extension Column: Equatable where Element: Equatable {
  /// Whether both hold equal elements in the same order (NaN equals nothing, as in arrays).
  package static func == (lhs: Column, rhs: Column) -> Bool {
    lhs.elementsEqual(rhs)
  }
}

extension Column: ExpressibleByArrayLiteral {
  /// A column owning the listed elements.
  package init(arrayLiteral elements: Element...) {
    self.init(ContiguousArray(elements))
  }
}

/// The box that keeps an owned column's array alive and unmutated.
@usableFromInline
final class ColumnArray<Element>: @unchecked Sendable {
  // Sendable: `array` is a `let` of plain values.
  let array: ContiguousArray<Element>

  init(_ array: ContiguousArray<Element>) {
    self.array = array
  }
}
