import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO
@testable import CreatorMatchSupport

/// The stable hash decides shards, Monte Carlo streams and every sketch file's contents, so its
/// values are pinned to published test vectors: a change of any of them is a format change.
@Suite("Stable hash")
struct StableHashTests {
  /// FNV-1a 64 of ASCII strings, from the reference test vectors of Fowler, Noll and Vo.
  static let fnvVectors: [(String, UInt64)] = [
    ("", 0xCBF2_9CE4_8422_2325),
    ("a", 0xAF63_DC4C_8601_EC8C),
    ("foobar", 0x8594_4171_F739_67E8),
  ]

  @Test("FNV-1a steps match the published vectors", arguments: fnvVectors)
  func fnvStepsMatchPublishedVectors(text: String, expected: UInt64) {
    var state = StableHash.basis
    for byte in text.utf8 { StableHash.step(&state, byte) }
    #expect(state == expected)
  }

  @Test("The hash is FNV-1a then the SplitMix64 finalizer, by string and by bytes")
  func hashIsFNVThenSplitMix() {
    for (text, fnv) in Self.fnvVectors {
      let bytes = Array(text.utf8)
      #expect(StableHash.hash(text) == StableHash.mix(fnv))
      #expect(bytes.withUnsafeBufferPointer { StableHash.hash(bytes: $0) } == StableHash.mix(fnv))
      #expect(FollowerHash.hash(text) == StableHash.mix(fnv))
      #expect(bytes.withUnsafeBufferPointer { FollowerHash.hash($0) } == StableHash.mix(fnv))
    }
  }

  @Test("The finalizer matches SplitMix64's first output for seed 0")
  func finalizerMatchesSplitMix64() {
    // SplitMix64 (Steele, Lea and Flood 2014) returns mix(seed + golden gamma) first.
    #expect(StableHash.mix(0x9E37_79B9_7F4A_7C15) == 0xE220_A839_7B1D_CDAF)
    #expect(StableHash.mix(0) == 0)
  }

  @Test("A seed changes the hash of the same bytes")
  func seedChangesTheHash() {
    #expect(StableHash.hash("creator-42", seed: 1) != StableHash.hash("creator-42"))
    #expect(StableHash.hash("creator-42", seed: 0) == StableHash.hash("creator-42"))
  }

  @Test("The sketch file's checksum sink reads the bytes in any split as one run")
  func checksumSinkIsSplitInvariant() {
    let bytes = Array("foobar".utf8)
    for cut in 0...bytes.count {
      var sink = FNVSink()
      bytes[..<cut].withUnsafeBytes { sink.take($0) }
      bytes[cut...].withUnsafeBytes { sink.take($0) }
      #expect(sink.state == 0x8594_4171_F739_67E8)
    }
  }
}
