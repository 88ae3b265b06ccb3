import CreatorMatchSupport

/// The 64-bit hash of a follower id that every sketch uses: ``StableHash`` of the id's bytes
/// (FNV-1a, then the SplitMix64 finalizer), unseeded. The same id hashes the same in every file,
/// process and release, so sketches built on different machines (or shards) can be merged and
/// compared; a change here changes every sketch file's contents.
package enum FollowerHash {
  /// The hash of an id's UTF-8 bytes.
  @inlinable
  package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    StableHash.hash(bytes: bytes)
  }

  /// The hash of an id.
  @inlinable
  package static func hash(_ id: String) -> UInt64 {
    StableHash.hash(id)
  }
}
