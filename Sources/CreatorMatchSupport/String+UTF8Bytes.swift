extension String {
  /// Calls `body` with the string's UTF-8 bytes: in place when they are contiguous (native and
  /// small strings, every string on Linux), else in a contiguous copy of the string.
  ///
  /// `withUTF8` alone needs a `var`, a copy of the string: a retain and a release of its storage
  /// on every call, which the loops that read every creator's id, labels, share keys and text
  /// measured. Both paths pass the same bytes.
  ///
  /// - Parameter body: Reads the bytes; they are valid only during the call.
  /// - Returns: What `body` returns.
  /// - Complexity: O(1) before `body` for a contiguous string, O(n) otherwise.
  @inlinable @inline(__always)
  package func withUTF8Bytes<Result>(
    _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = self
    return try copy.withUTF8(body)
  }
}
