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
  ///
  /// The bytes are read as one run: iterating the UTF-8 view cost ~250 instructions for a
  /// 7-byte id.
  @inlinable
  package static func hash(_ text: String, seed: UInt64 = 0) -> UInt64 {
    text.withUTF8Bytes { hash(bytes: $0, seed: seed) }
  }

  /// The hash of `bytes`, equal to ``hash(_:seed:)`` of the string they encode.
  @inlinable
  package static func hash(bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
    var state = basis ^ seed
    for byte in bytes { step(&state, byte) }
    return mix(state)
  }

  /// FNV-1a's 64-bit offset basis: the state before the first byte.
  @inlinable package static var basis: UInt64 { 0xCBF2_9CE4_8422_2325 }

  /// One FNV-1a step: the state after `byte`.
  @inlinable @inline(__always)
  package static func step(_ state: inout UInt64, _ byte: UInt8) {
    state ^= UInt64(byte)
    state &*= 0x0000_0100_0000_01B3
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
