/// One creator's audience, as follower-id hashes: the exact sorted set when it has at most the
/// builder's threshold of distinct followers, otherwise a ``HyperLogLog`` and a ``MinHash``.
///
/// Exact sets make overlaps between small audiences exact; sketches keep memory bounded (16 KiB
/// + 2 KiB) for large ones. Either way the audience can answer cardinality, union and Jaccard
/// questions through ``SketchSet``.
public struct AudienceSketch: Sendable, Equatable {
  /// How the audience is stored.
  public enum Storage: Sendable, Equatable {
    /// Sorted, distinct follower hashes.
    case exact([UInt64])
    /// Sketches of a large audience.
    case sketch(HyperLogLog, MinHash)
  }

  /// The creator's id.
  public var creatorID: String
  /// The stored audience.
  public var storage: Storage
  /// Follower edges read for this creator (duplicates included).
  public var edges: UInt64

  /// Creates a sketch.
  public init(creatorID: String, storage: Storage, edges: UInt64) {
    self.creatorID = creatorID
    self.storage = storage
    self.edges = edges
  }

  /// Whether the audience is stored exactly.
  public var isExact: Bool {
    if case .exact = storage { return true }
    return false
  }

  /// Distinct followers: exact, or the HyperLogLog estimate.
  public var distinctCount: Double {
    switch storage {
    case .exact(let hashes): return Double(hashes.count)
    case .sketch(let hll, _): return hll.cardinality
    }
  }

  /// A HyperLogLog of the audience (built from the exact set when exact).
  public var hyperLogLog: HyperLogLog {
    switch storage {
    case .exact(let hashes):
      var hll = HyperLogLog()
      for hash in hashes { hll.insert(hash) }
      return hll
    case .sketch(let hll, _): return hll
    }
  }

  /// The densified MinHash of the audience (built from the exact set when exact).
  public var minHash: MinHash {
    switch storage {
    case .exact(let hashes):
      var minHash = MinHash()
      for hash in hashes { minHash.insert(hash) }
      return minHash.densified()
    case .sketch(_, let minHash): return minHash.densified()
    }
  }
}
