/// A 64-bit hash of bytes that is the same in every process, on every machine and in every
/// release: FNV-1a followed by the SplitMix64 finalizer for avalanche.
///
/// Swift's `Hasher` is seeded per process, so it cannot decide which shard a creator belongs to
/// or which random stream a Monte Carlo draw uses; this can.
///
/// ```swift
/// StableHash.hash("creator-42")  // the same value on every run
/// ```
/// - Complexity: O(n) in the UTF-8 length.
@usableFromInline package enum StableHash {
  /// The hash of a string's UTF-8 bytes.
  @inlinable
  package static func hash(_ text: String, seed: UInt64 = 0) -> UInt64 {
    var state: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
    for byte in text.utf8 {
      state ^= UInt64(byte)
      state &*= 0x0000_0100_0000_01B3
    }
    return mix(state)
  }

  /// The SplitMix64 finalizer (Steele, Lea and Flood 2014): a bijection on 64-bit values whose
  /// output bits each depend on every input bit.
  @inlinable
  package static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
