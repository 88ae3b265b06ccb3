import CreatorMatchSupport

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

  /// Adds a run of follower hashes to the creator in `slot`: the same audience as adding them one
  /// by one, with one look at the slot's storage per run instead of per edge (the edge reader
  /// hands over each creator's consecutive lines together).
  ///
  /// An exact buffer may pass the compaction size by up to `hashes.count` before it is compacted;
  /// what the finished sketch holds depends only on the set of hashes, not on when that happens.
  /// - Parameters:
  ///   - hashes: Follower hashes, duplicates allowed.
  ///   - slot: A slot from ``slot(for:)``.
  /// - Complexity: O(`hashes.count`) amortized.
  package mutating func add(contentsOf hashes: UnsafeBufferPointer<UInt64>, to slot: Int) {
    if hashes.isEmpty { return }
    edgeCounts[slot] += UInt64(hashes.count)
    switch accumulators[slot] {
    case .exact(var buffer):
      accumulators[slot] = .exact([])  // release the reference so the append does not copy
      buffer.append(contentsOf: hashes)
      accumulators[slot] = compacted(buffer, slot: slot)
    case .sketch(var hll, var minHash):
      accumulators[slot] = .exact([])
      for hash in hashes {
        hll.insert(hash)
        minHash.insert(hash)
      }
      accumulators[slot] = .sketch(hll, minHash)
    }
  }

  /// An exact buffer, compacted (and switched to sketches past the threshold) once it holds more
  /// than twice the threshold, so a large audience never holds all its edges.
  private func compacted(_ buffer: [UInt64], slot: Int) -> Accumulator {
    guard buffer.count > 2 * max(exactThreshold, 512), !pinned.contains(slot) else {
      return .exact(buffer)
    }
    let unique = Self.sortedUnique(buffer)
    return unique.count > exactThreshold ? Self.sketch(unique) : .exact(unique)
  }

  /// The creator ids in slot order.
  package var creatorIDs: [String] { order }

  /// An empty builder with this one's threshold and pinned audiences: one worker's share of a
  /// parallel read, merged back with ``merge(_:)``.
  package func emptyPart() -> AudienceSketchBuilder {
    var part = AudienceSketchBuilder(exactThreshold: exactThreshold)
    for slot in pinned.sorted() { part.keepExact(order[slot]) }
    return part
  }

  /// Adds everything `part` read: its creators (in its slot order, after this builder's), their
  /// edge counts and audiences. Exact sets, HyperLogLog registers (maximum) and MinHash bins
  /// (minimum) merge the same whatever the order, so a read split into parts and merged gives
  /// the sketches of a read in one piece.
  /// - Parameter part: A builder with the same threshold, from ``emptyPart()``.
  /// - Complexity: O(edges and registers held by `part`).
  package mutating func merge(_ part: AudienceSketchBuilder) {
    for (partSlot, id) in part.order.enumerated() {
      let slot = self.slot(for: id)
      if part.pinned.contains(partSlot) { pinned.insert(slot) }
      edgeCounts[slot] += part.edgeCounts[partSlot]
      let mine = accumulators[slot]
      accumulators[slot] = .exact([])
      switch (mine, part.accumulators[partSlot]) {
      case (.exact(let buffer), let theirs) where buffer.isEmpty:
        // Most creators' lines are read by one worker: its audience is taken as it is (copying
        // the exact sets was most of the serial merge).
        accumulators[slot] = theirs
      case (.exact(var buffer), .exact(let theirs)):
        buffer.append(contentsOf: theirs)
        accumulators[slot] = compacted(buffer, slot: slot)
      case (.exact(let buffer), .sketch(var hll, var minHash)),
        (.sketch(var hll, var minHash), .exact(let buffer)):
        for hash in buffer {
          hll.insert(hash)
          minHash.insert(hash)
        }
        accumulators[slot] = .sketch(hll, minHash)
      case (.sketch(var hll, var minHash), .sketch(let otherHLL, let otherMinHash)):
        hll.formUnion(otherHLL)
        minHash.formUnion(otherMinHash)
        accumulators[slot] = .sketch(hll, minHash)
      }
    }
  }

  /// The distinct hashes, ascending.
  ///
  /// Sorting the exact sets was a third of `creatormatch sketch`'s CPU time with the standard
  /// library's merge sort. Follower hashes are uniform (FNV-1a, then the SplitMix64 finalizer),
  /// so one pass by their top bits spreads them over about `count / 4` buckets of a few each,
  /// which insertion sort finishes: O(n). A bucket that is not small (skewed values, say from a
  /// test) is sorted by the standard library, so the worst case stays O(n log n).
  static func sortedUnique(_ hashes: [UInt64]) -> [UInt64] {
    let count = hashes.count
    guard count > 1 else { return hashes }
    let quarter = count / 4
    let bits = max(1, min(16, quarter.bitWidth - quarter.leadingZeroBitCount))
    let shift = UInt64(64 - bits)
    var starts = [Int](repeating: 0, count: (1 << bits) + 1)
    var sorted = [UInt64](repeating: 0, count: count)
    starts.withUnsafeMutableBufferPointer { starts in
      for hash in hashes { starts[Int(hash >> shift) + 1] += 1 }
      for bucket in 1..<starts.count { starts[bucket] += starts[bucket - 1] }
      var next = Array(starts.dropLast())
      sorted.withUnsafeMutableBufferPointer { sorted in
        next.withUnsafeMutableBufferPointer { next in
          for hash in hashes {
            let bucket = Int(hash >> shift)
            sorted[next[bucket]] = hash
            next[bucket] += 1
          }
        }
        for bucket in 0..<starts.count - 1 {
          let lower = starts[bucket]
          let upper = starts[bucket + 1]
          if upper - lower > 32 {
            sorted[lower..<upper].sort()
            continue
          }
          var index = lower + 1
          while index < upper {
            let value = sorted[index]
            var hole = index
            while hole > lower && sorted[hole - 1] > value {
              sorted[hole] = sorted[hole - 1]
              hole -= 1
            }
            sorted[hole] = value
            index += 1
          }
        }
      }
    }
    // Duplicates are adjacent now: keep the first of each run, in place.
    var kept = 1
    sorted.withUnsafeMutableBufferPointer { sorted in
      for index in 1..<count where sorted[index] != sorted[kept - 1] {
        sorted[kept] = sorted[index]
        kept += 1
      }
    }
    sorted.removeLast(count - kept)
    return sorted
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
  ///
  /// Sorting each exact set is most of the work (a fifth of `creatormatch sketch` on one
  /// thread), and creators are independent, so they are finished in parallel blocks.
  /// - Parameter threads: Workers (nil: every core); the sketches do not depend on it.
  /// - Returns: One sketch per creator, in the order of ``slot(for:)``'s first calls.
  /// - Complexity: O(n log n) per exact set of n hashes, O(m) per sketch.
  public func finish(threads: Int? = nil) -> [AudienceSketch] {
    let builder = self
    return ParallelBlocks(count: order.count, blockSize: 64).map(
      threads: ParallelBlocks.threadCount(threads)
    ) { slots in
      slots.map { builder.finished(slot: $0) }
    }.flatMap { $0 }
  }

  /// The finished sketch of one slot.
  private func finished(slot: Int) -> AudienceSketch {
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
    return AudienceSketch(creatorID: order[slot], storage: storage, edges: edgeCounts[slot])
  }
}
