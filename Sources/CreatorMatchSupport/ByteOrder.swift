/// Comparison of strings by their UTF-8 bytes: the one order CreatorMatch uses for ids and every
/// sorted output, because it is the same on every platform and in every locale (Swift's `<` on
/// `String` follows Unicode canonical equivalence instead).
package enum ByteOrder {
  /// Whether `lhs` sorts before `rhs` by UTF-8 bytes.
  @inlinable
  package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// −1, 0 or 1 as `lhs` sorts before, equal to, or after `rhs` by UTF-8 bytes.
  @inlinable
  package static func compare(_ lhs: String, _ rhs: String) -> Int {
    lhs.withUTF8Bytes { left in rhs.withUTF8Bytes { compareBytes(left, $0) } }
  }

  @inlinable
  static func compareBytes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>)
    -> Int
  {
    let shared = min(left.count, right.count)
    var index = 0
    while index < shared {
      let a = left[index]
      let b = right[index]
      if a != b { return a < b ? -1 : 1 }
      index += 1
    }
    return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
  }
}
