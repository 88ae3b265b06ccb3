import CreatorMatchSupport

/// The 64-bit hash of a follower id that every sketch uses: FNV-1a over the id's bytes, then
/// the SplitMix64 finalizer. The same id hashes the same in every file, process and release, so
/// sketches built on different machines (or shards) can be merged and compared.
package enum FollowerHash {
  /// The hash of an id's UTF-8 bytes.
  @inlinable
  package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var state: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
      state ^= UInt64(byte)
      state &*= 0x0000_0100_0000_01B3
    }
    return StableHash.mix(state)
  }

  /// The hash of an id.
  @inlinable
  package static func hash(_ id: String) -> UInt64 {
    var copy = id
    return copy.withUTF8 { hash($0) }
  }
}
