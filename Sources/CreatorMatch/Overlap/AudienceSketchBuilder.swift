/// Accumulates follower hashes per creator, keeping exact sets until a creator passes the
/// threshold of distinct followers, then switching it to HyperLogLog + MinHash.
///
/// - Complexity: O(1) amortized per edge (plus a sort when an exact buffer is compacted).
public struct AudienceSketchBuilder: Sendable {
  /// Creators with at most this many distinct followers keep exact sets.
  public let exactThreshold: Int

  enum Accumulator: Sendable {
    case exact([UInt64])
    case sketch(HyperLogLog, MinHash)
  }

  private(set) var order: [String] = []
  private var index: [String: Int] = [:]
  private var accumulators: [Accumulator] = []
  private var edgeCounts: [UInt64] = []
  /// Slots kept exact whatever their size (a brand audience: <doc:AudienceOverlap#Brand-audience>).
  private var pinned: Set<Int> = []

  /// Creates a builder.
  public init(exactThreshold: Int = 10_000) {
    self.exactThreshold = max(0, exactThreshold)
  }

  /// The slot of a creator, created on first use.
  public mutating func slot(for creatorID: String) -> Int {
    if let existing = index[creatorID] { return existing }
    let slot = order.count
    order.append(creatorID)
    index[creatorID] = slot
    accumulators.append(.exact([]))
    edgeCounts.append(0)
    return slot
  }

  /// Keeps `creatorID`'s audience an exact set whatever its size: a brand audience is compared
  /// with every creator, and against an exact brand a small creator's affinity is exact and a
  /// sketched one's is estimated from a sample of its followers instead of from a difference of
  /// two large cardinalities.
  ///
  /// - Parameter creatorID: The audience to keep exact; its slot is created if needed.
  public mutating func keepExact(_ creatorID: String) {
    pinned.insert(slot(for: creatorID))
  }

  /// Adds a follower hash to the creator in `slot`.
  public mutating func add(_ hash: UInt64, to slot: Int) {
    edgeCounts[slot] += 1
    switch accumulators[slot] {
    case .exact(var hashes):
      accumulators[slot] = .exact([])  // release the reference so the append does not copy
      hashes.append(hash)
      if hashes.count > 2 * max(exactThreshold, 512), !pinned.contains(slot) {
        hashes = Self.sortedUnique(hashes)
        if hashes.count > exactThreshold {
          accumulators[slot] = Self.sketch(hashes)
          return
        }
      }
      accumulators[slot] = .exact(hashes)
    case .sketch(var hll, var minHash):
      accumulators[slot] = .exact([])
      hll.insert(hash)
      minHash.insert(hash)
      accumulators[slot] = .sketch(hll, minHash)
    }
  }

  /// Adds a follower of `creatorID`.
  public mutating func add(_ hash: UInt64, creatorID: String) {
    add(hash, to: slot(for: creatorID))
  }

  static func sortedUnique(_ hashes: [UInt64]) -> [UInt64] {
    let sorted = hashes.sorted()
    var unique: [UInt64] = []
    unique.reserveCapacity(sorted.count)
    for hash in sorted where unique.last != hash { unique.append(hash) }
    return unique
  }

  static func sketch(_ hashes: [UInt64]) -> Accumulator {
    var hll = HyperLogLog()
    var minHash = MinHash()
    for hash in hashes {
      hll.insert(hash)
      minHash.insert(hash)
    }
    return .sketch(hll, minHash)
  }

  /// The finished sketches, in first-seen order.
  public func finish() -> [AudienceSketch] {
    order.enumerated().map { slot, id in
      let storage: AudienceSketch.Storage
      switch accumulators[slot] {
      case .exact(let hashes):
        let unique = Self.sortedUnique(hashes)
        if unique.count > exactThreshold, !pinned.contains(slot),
          case .sketch(let hll, let minHash) = Self.sketch(unique)
        {
          storage = .sketch(hll, minHash)
        } else {
          storage = .exact(unique)
        }
      case .sketch(let hll, let minHash):
        storage = .sketch(hll, minHash)
      }
      return AudienceSketch(creatorID: id, storage: storage, edges: edgeCounts[slot])
    }
  }
}
