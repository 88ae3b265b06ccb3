import Dispatch
import Foundation
import Synchronization

/// Splits `0..<count` into fixed blocks and runs them on up to `threads` workers.
///
/// Results are independent of the thread count by construction: the block boundaries depend only
/// on `count` and `blockSize`, each block's result is computed by one worker from its block alone,
/// and results come back in block order. Callers then combine them in that order. Workers claim
/// the next block as they finish one, so which worker computes a block varies, never the result.
///
/// ```swift
/// let sums = ParallelBlocks(count: values.count, blockSize: 65_536).map(threads: 4) { range in
///   values[range].reduce(0, +)
/// }
/// ```
package struct ParallelBlocks: Sendable {
  /// Number of items to cover.
  package let count: Int
  /// Items per block; the last block may be shorter.
  package let blockSize: Int

  /// Creates a partition of `0..<count` into blocks of `blockSize` (at least 1).
  package init(count: Int, blockSize: Int) {
    self.count = max(0, count)
    self.blockSize = max(1, blockSize)
  }

  /// Number of blocks.
  package var blockCount: Int { (count + blockSize - 1) / blockSize }

  /// The item range of block `block`.
  package func range(ofBlock block: Int) -> Range<Int> {
    let start = block * blockSize
    return start..<min(count, start + blockSize)
  }

  /// The number of worker threads to use when the caller asks for `requested` (nil: all cores).
  package static func threadCount(_ requested: Int?) -> Int {
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    guard let requested, requested > 0 else { return cores }
    return requested
  }

  /// Computes `body` for every block on up to `threads` workers and returns the results in
  /// block order.
  package func map<Result: Sendable>(
    threads: Int, _ body: @Sendable (Range<Int>) -> Result
  ) -> [Result] {
    let blocks = blockCount
    if blocks == 0 { return [] }
    let workers = max(1, min(threads, blocks))
    if workers == 1 {
      return (0..<blocks).map { body(range(ofBlock: $0)) }
    }
    let slots = ResultSlots<Result>(count: blocks)
    let partition = self
    // Workers claim the next block as they finish one, so a worker slowed down by other work on
    // its core does not hold the rest back (a fixed share each left cores idle at the end).
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let block = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if block >= blocks { break }
        slots.store(body(partition.range(ofBlock: block)), at: block)
      }
    }
    return slots.values()
  }
}

/// Write-once slots filled by parallel workers, each slot by exactly one worker: the results of
/// ``ParallelBlocks/map(threads:_:)``, and of other parallel runs over numbered blocks.
package final class ResultSlots<Value: Sendable>: @unchecked Sendable {
  // Safe without a lock: every index is written by one worker only, through a raw buffer (not an
  // Array, whose exclusivity checks would see concurrent mutation), and the values are read after
  // `concurrentPerform` returns, which happens-after every write.
  private let storage: UnsafeMutableBufferPointer<Value?>

  /// `count` empty slots.
  package init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }

  deinit {
    storage.deinitialize()
    storage.deallocate()
  }

  /// Fills slot `index`; each slot is written by one worker at most.
  package func store(_ value: Value, at index: Int) {
    storage[index] = value
  }

  /// The filled slots' values in slot order; read after the parallel run has returned.
  package func values() -> [Value] {
    storage.compactMap { $0 }
  }

  /// The values of the slots before the first one left empty (a run that skipped the blocks
  /// after some point); read after the parallel run has returned.
  package func filledPrefix() -> [Value] {
    var values: [Value] = []
    for value in storage {
      guard let value else { break }
      values.append(value)
    }
    return values
  }
}
