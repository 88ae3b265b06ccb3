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
  /// Reused by every compaction of an exact buffer (``formSortedUnique(_:scratch:)``).
  private var scratch: [UInt64] = []

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
      hll.insert(contentsOf: hashes)
      minHash.insert(contentsOf: hashes)
      accumulators[slot] = .sketch(hll, minHash)
    }
  }

  /// An exact buffer, compacted (and switched to sketches past the threshold) once it holds more
  /// than twice the threshold, so a large audience never holds all its edges.
  private mutating func compacted(_ buffer: consuming [UInt64], slot: Int) -> Accumulator {
    guard buffer.count > 2 * max(exactThreshold, 512), !pinned.contains(slot) else {
      return .exact(buffer)
    }
    var unique = consume buffer
    Self.formSortedUnique(&unique, scratch: &scratch)
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
        buffer.withUnsafeBufferPointer { buffer in
          hll.insert(contentsOf: buffer)
          minHash.insert(contentsOf: buffer)
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
  /// so one counting pass by their top bits, with about two buckets a hash, leaves them in
  /// order but for the few that share a bucket, which one insertion pass over the whole array
  /// puts right, seldom mispredicting a branch (a pass per bucket did, once a bucket): O(n).
  /// When a bucket is not small (skewed values, say from a test), each bucket is sorted on its
  /// own, by the standard library when it is large, so the worst case stays O(n log n).
  static func sortedUnique(_ hashes: [UInt64]) -> [UInt64] {
    let count = hashes.count
    guard count > 1 else { return hashes }
    return [UInt64](unsafeUninitializedCapacity: count) { sorted, initialized in
      initialized = hashes.withUnsafeBufferPointer { sortUnique($0, into: sorted) }
    }
  }

  /// Sorts `hashes` and drops its repeats in its own storage, through `scratch` (grown when too
  /// small and kept for the next call): finishing the exact sets allocated a new array for
  /// each, a fifth of the memory `sketch` touched.
  /// - Parameters:
  ///   - hashes: The hashes; afterwards, the distinct ones ascending.
  ///   - scratch: Any array, reused across calls.
  static func formSortedUnique(_ hashes: inout [UInt64], scratch: inout [UInt64]) {
    let count = hashes.count
    guard count > 1 else { return }
    if scratch.count < count {
      scratch = [UInt64](unsafeUninitializedCapacity: max(count, 2 * scratch.count)) {
        _, initialized in
        // Only ever written before it is read.
        initialized = max(count, 2 * scratch.count)
      }
    }
    let kept = scratch.withUnsafeMutableBufferPointer { target in
      let kept = hashes.withUnsafeBufferPointer { sortUnique($0, into: target) }
      hashes.withUnsafeMutableBufferPointer { hashes in
        _ = hashes.update(fromContentsOf: UnsafeBufferPointer(rebasing: target[0..<kept]))
      }
      return kept
    }
    hashes.removeLast(count - kept)
  }

  /// Writes the distinct values of `source` (at least two), ascending, to the start of `sorted`
  /// (as long as `source`, not overlapping it) and returns how many there are.
  private static func sortUnique(
    _ source: UnsafeBufferPointer<UInt64>, into sorted: UnsafeMutableBufferPointer<UInt64>
  ) -> Int {
    let count = source.count
    // ⌈log₂ n⌉ + 1 bits: n to 2n buckets, at most 2¹⁴ (64 KiB of counts, in cache).
    let bits = min(14, (count - 1).bitWidth - (count - 1).leadingZeroBitCount + 1)
    let shift = UInt64(64 - bits)
    let bucketCount = 1 << bits
    let starts = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: bucketCount + 1)
    defer { starts.deallocate() }
    starts.initialize(repeating: 0)
    var largest: UInt32 = 0
    for hash in source { starts[Int(hash >> shift) + 1] &+= 1 }
    for bucket in 0..<bucketCount {
      largest = max(largest, starts[bucket + 1])
      starts[bucket + 1] &+= starts[bucket]
    }
    // Each bucket's start moves to its end as it is filled.
    for hash in source {
      let bucket = Int(hash >> shift)
      sorted[Int(starts[bucket])] = hash
      starts[bucket] &+= 1
    }
    if largest <= 32 {
      // A value only ever moves within its bucket, a few places at most.
      var index = 1
      while index < count {
        let value = sorted[index]
        var hole = index
        while hole > 0 && sorted[hole - 1] > value {
          sorted[hole] = sorted[hole - 1]
          hole -= 1
        }
        sorted[hole] = value
        index += 1
      }
    } else {
      // starts[b] is now bucket b's end, and bucket b − 1's end its start.
      var lower = 0
      for bucket in 0..<bucketCount {
        let upper = Int(starts[bucket])
        if upper - lower > 32 {
          var large = UnsafeMutableBufferPointer(rebasing: sorted[lower..<upper])
          large.sort()
        } else if upper - lower > 1 {
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
        lower = upper
      }
    }
    // Duplicates are adjacent now: keep the first of each run, in place.
    var kept = 1
    for index in 1..<count where sorted[index] != sorted[kept - 1] {
      sorted[kept] = sorted[index]
      kept += 1
    }
    return kept
  }

  static func sketch(_ hashes: [UInt64]) -> Accumulator {
    var hll = HyperLogLog()
    var minHash = MinHash()
    hashes.withUnsafeBufferPointer { hashes in
      hll.insert(contentsOf: hashes)
      minHash.insert(contentsOf: hashes)
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

  /// The finished sketches, as ``finish(threads:)`` makes them, leaving this builder empty.
  ///
  /// Each exact set is sorted in its own storage, through one scratch buffer per block of
  /// creators, instead of into a new array: the exact sets are most of the memory `sketch`
  /// holds, and every new page costs a fault.
  /// - Parameters:
  ///   - threads: Workers (nil: every core); the sketches do not depend on it.
  ///   - each: Called on the worker that finished them with each block's number and sketches
  ///     (blocks of ``finishBlockSize`` creators in slot order, numbered from 0, started in
  ///     order), so a caller can write the first blocks while later ones are finished.
  /// - Returns: One sketch per creator, in the order of ``slot(for:)``'s first calls.
  /// - Complexity: O(n) per exact set of n uniform hashes, O(m) per sketch.
  package mutating func takeFinished(
    threads: Int? = nil, each: (@Sendable (Int, [AudienceSketch]) -> Void)? = nil
  ) -> [AudienceSketch] {
    let taken = TakenAccumulators(accumulators)
    accumulators = []
    let builder = self
    self = AudienceSketchBuilder(exactThreshold: exactThreshold)
    return ParallelBlocks(count: builder.order.count, blockSize: Self.finishBlockSize).map(
      threads: ParallelBlocks.threadCount(threads)
    ) { slots in
      var scratch: [UInt64] = []
      let sketches = slots.map {
        builder.finished(slot: $0, taking: taken.take($0), scratch: &scratch)
      }
      each?(slots.lowerBound / Self.finishBlockSize, sketches)
      return sketches
    }.flatMap { $0 }
  }

  /// Creators a block of ``takeFinished(threads:each:)`` finishes together.
  package static let finishBlockSize = 64

  /// The follower edges read for `creatorID` so far (duplicates included); `nil` when it has
  /// no slot.
  package func edges(of creatorID: String) -> UInt64? {
    index[creatorID].map { edgeCounts[$0] }
  }

  /// The finished sketch of a slot whose accumulator was taken out of the builder.
  private func finished(
    slot: Int, taking accumulator: consuming Accumulator, scratch: inout [UInt64]
  )
    -> AudienceSketch
  {
    let storage: AudienceSketch.Storage
    switch consume accumulator {
    case .exact(var hashes):
      Self.formSortedUnique(&hashes, scratch: &scratch)
      storage = self.storage(sortedUnique: hashes, slot: slot)
    case .sketch(let hll, let minHash):
      storage = .sketch(hll, minHash)
    }
    return AudienceSketch(creatorID: order[slot], storage: storage, edges: edgeCounts[slot])
  }

  /// A slot's finished exact set as it is stored: sketches past the exact threshold, unless the
  /// slot is pinned exact.
  private func storage(sortedUnique unique: [UInt64], slot: Int) -> AudienceSketch.Storage {
    if unique.count > exactThreshold, !pinned.contains(slot),
      case .sketch(let hll, let minHash) = Self.sketch(unique)
    {
      return .sketch(hll, minHash)
    }
    return .exact(unique)
  }

  /// The finished sketch of one slot.
  private func finished(slot: Int) -> AudienceSketch {
    let storage: AudienceSketch.Storage
    switch accumulators[slot] {
    case .exact(let hashes):
      storage = self.storage(sortedUnique: Self.sortedUnique(hashes), slot: slot)
    case .sketch(let hll, let minHash):
      storage = .sketch(hll, minHash)
    }
    return AudienceSketch(creatorID: order[slot], storage: storage, edges: edgeCounts[slot])
  }
}

/// A builder's accumulators moved out of it for ``AudienceSketchBuilder/takeFinished(threads:each:)``:
/// each is taken exactly once, by the worker finishing its slot, so that its exact set is the
/// only reference to its storage and is sorted there.
private final class TakenAccumulators: @unchecked Sendable {
  // Safe to share: workers take disjoint slots, each once, and nothing else reads the storage.
  private let storage: UnsafeMutableBufferPointer<AudienceSketchBuilder.Accumulator>

  init(_ accumulators: [AudienceSketchBuilder.Accumulator]) {
    storage = .allocate(capacity: accumulators.count)
    _ = storage.initialize(fromContentsOf: accumulators)
  }

  /// Moves slot `index`'s accumulator out (once per slot).
  func take(_ index: Int) -> AudienceSketchBuilder.Accumulator {
    storage.moveElement(from: index)
  }

  // Every slot has been taken by then, so there is nothing left to deinitialize.
  deinit { storage.deallocate() }
}
