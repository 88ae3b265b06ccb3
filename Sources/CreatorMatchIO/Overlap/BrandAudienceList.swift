import CreatorMatch

/// A brand's own audience as a list of ids, one a line: its followers' ids or its customers'
/// handles, in the same form as the follower ids of the edge file (or pre-hashed the same way
/// on both sides; see the README's "Brand audience").
///
/// Each line is trimmed of spaces, tabs and a carriage return; blank lines are skipped. Every id
/// is hashed with the follower hash the sketches use, so the sketch file holds 64-bit hashes
/// only, never the ids themselves.
public enum BrandAudienceList {
  /// What was read.
  public struct Report: Sendable, Equatable {
    /// Ids read (lines that were not blank).
    public var ids = 0
  }

  /// Adds every id of `bytes` to `creatorID`'s audience in `builder`, kept exact.
  ///
  /// - Parameters:
  ///   - bytes: The file's bytes.
  ///   - creatorID: The id the brand audience is stored under.
  ///   - builder: The sketch builder.
  /// - Returns: How many ids were read.
  /// - Complexity: O(bytes).
  public static func add(
    _ bytes: [UInt8], as creatorID: String, into builder: inout AudienceSketchBuilder
  ) -> Report {
    builder.keepExact(creatorID)
    let slot = builder.slot(for: creatorID)
    var report = Report()
    bytes.withUnsafeBufferPointer { buffer in
      var start = 0
      while start < buffer.count {
        var end = start
        while end < buffer.count && buffer[end] != 0x0A { end += 1 }
        var low = start
        var high = end
        while low < high && isSpace(buffer[low]) { low += 1 }
        while high > low && isSpace(buffer[high - 1]) { high -= 1 }
        if high > low {
          let id = UnsafeBufferPointer(rebasing: buffer[low..<high])
          builder.add(FollowerHash.hash(id), to: slot)
          report.ids += 1
        }
        start = end + 1
      }
    }
    return report
  }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
}
