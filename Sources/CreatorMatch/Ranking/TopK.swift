/// The best `capacity` candidates seen so far, by score (higher first) and then by id rank
/// (lower first), kept in a bounded binary min-heap whose root is the worst candidate kept.
///
/// Because ties are broken by the row's place in the table's tie order (measured inputs,
/// followers, id bytes), the kept set is a pure function of the
/// candidates offered, whatever their order: the ranking is identical for shuffled input and for
/// any thread count (each worker fills its own heap; ``merged(_:capacity:)`` combines them).
///
/// ```swift
/// var top = TopK(capacity: 2)
/// top.offer(TopK.Candidate(score: 71, idRank: 4, row: 0))
/// top.offer(TopK.Candidate(score: 88, idRank: 1, row: 1))
/// top.offer(TopK.Candidate(score: 64, idRank: 0, row: 2))  // rejected: worse than both
/// top.sortedBestFirst().map(\.row)  // [1, 0]
/// ```
/// - Complexity: ``offer(_:)`` is O(1) when rejected, O(log k) when kept.
package struct TopK: Sendable {
  /// One candidate: its score, its place in the table's tie order (the tie-break), and its table row.
  package struct Candidate: Sendable, Equatable {
    /// Composite score.
    package var score: Double
    /// Rank of the creator id in byte order within the table.
    package var idRank: UInt32
    /// Row in the table.
    package var row: UInt32

    /// Creates a candidate.
    @inlinable
    package init(score: Double, idRank: UInt32, row: UInt32) {
      self.score = score
      self.idRank = idRank
      self.row = row
    }

    /// Whether `self` ranks above `other`: higher score, or equal score and lower id rank.
    @inlinable
    package func ranksAbove(_ other: Candidate) -> Bool {
      score > other.score || (score == other.score && idRank < other.idRank)
    }
  }

  /// The most candidates kept.
  package let capacity: Int
  @usableFromInline
  var storage: ContiguousArray<Candidate>

  /// Creates an empty heap keeping at most `capacity` (≥ 0) candidates.
  package init(capacity: Int) {
    self.capacity = max(0, capacity)
    storage = []
    storage.reserveCapacity(self.capacity)
  }

  /// Number of candidates kept.
  package var count: Int { storage.count }

  /// The worst candidate kept, if any.
  package var worst: Candidate? { storage.first }

  /// Offers a candidate; keeps it when there is room or it ranks above the worst kept.
  @inlinable
  package mutating func offer(_ candidate: Candidate) {
    if storage.count < capacity {
      storage.append(candidate)
      siftUp(storage.count - 1)
    } else if capacity > 0, candidate.ranksAbove(storage[0]) {
      storage[0] = candidate
      siftDown(0)
    }
  }

  @inlinable
  mutating func siftUp(_ start: Int) {
    var child = start
    let element = storage[child]
    while child > 0 {
      let parent = (child - 1) / 2
      // Min-heap on "rank": the parent must rank below (be worse than) the child.
      guard storage[parent].ranksAbove(element) else { break }
      storage[child] = storage[parent]
      child = parent
    }
    storage[child] = element
  }

  @inlinable
  mutating func siftDown(_ start: Int) {
    var parent = start
    let element = storage[parent]
    let count = storage.count
    while true {
      let left = 2 * parent + 1
      if left >= count { break }
      let right = left + 1
      var worse = left
      if right < count && storage[left].ranksAbove(storage[right]) { worse = right }
      guard element.ranksAbove(storage[worse]) else { break }
      storage[parent] = storage[worse]
      parent = worse
    }
    storage[parent] = element
  }

  /// The kept candidates, best first.
  package func sortedBestFirst() -> [Candidate] {
    storage.sorted { $0.ranksAbove($1) }
  }

  /// The best `capacity` of the union of several heaps' candidates, best first.
  package static func merged(_ heaps: [TopK], capacity: Int) -> [Candidate] {
    var all: [Candidate] = []
    all.reserveCapacity(heaps.reduce(0) { $0 + $1.count })
    for heap in heaps { all.append(contentsOf: heap.storage) }
    all.sort { $0.ranksAbove($1) }
    return Array(all.prefix(max(0, capacity)))
  }
}
