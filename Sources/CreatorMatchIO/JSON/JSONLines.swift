/// The lines of a JSON Lines document, for the readers of creators, posts and follower samples.
package enum JSONLines {
  /// Calls `body` with each line of `bytes` from `start` (without its LF) and its 1-based number;
  /// blank lines included, so each reader keeps its own rule for skipping them.
  ///
  /// - Complexity: O(n) in the bytes.
  package static func forEachLine<Failure: Error>(
    in bytes: [UInt8], from start: Int,
    _ body: (_ number: Int, _ line: [UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    var number = 0
    var lineStart = start
    while lineStart < bytes.count {
      number += 1
      let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
      let line = Array(bytes[lineStart..<lineEnd])
      lineStart = lineEnd + 1
      try body(number, line)
    }
  }
}
