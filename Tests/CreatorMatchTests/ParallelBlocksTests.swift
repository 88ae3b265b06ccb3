import Testing

@testable import CreatorMatch
@testable import CreatorMatchSupport

@Suite("Parallel blocks")
struct ParallelBlocksTests {
  @Test(
    "every block is computed once and results come back in block order, whatever the threads",
    arguments: [1, 2, 3, 8])
  func blocksInOrder(threads: Int) {
    let blocks = ParallelBlocks(count: 10_007, blockSize: 64)
    let ranges = blocks.map(threads: threads) { $0 }
    #expect(ranges.count == blocks.blockCount)
    #expect(ranges.first?.lowerBound == 0)
    #expect(ranges.last?.upperBound == 10_007)
    #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    let sums = blocks.map(threads: threads) { range in range.reduce(0, +) }
    #expect(sums.reduce(0, +) == (0..<10_007).reduce(0, +))
  }
}
