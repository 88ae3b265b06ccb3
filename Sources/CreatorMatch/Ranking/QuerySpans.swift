import CreatorMatchSupport

/// Where each query term's postings cross block boundaries, found in one forward pass per term
/// when a ranking starts, so that blocks need no binary search (one per block and term, each
/// step a likely cache miss, cost more than the pass).
///
/// - Complexity: O(blocks + postings of the query terms).
struct QuerySpans: Sendable {
  /// Per query term (in the query's order): for each block, the first posting index of a row
  /// at or after the block's start, then the term's end.
  let boundaries: [ContiguousArray<Int>]

  init(plan: BriefPlan, table: CreatorTable, blocks: ParallelBlocks) {
    let postings = table.postings
    boundaries = plan.niche.terms.map { term in
      var positions = ContiguousArray<Int>(repeating: 0, count: blocks.blockCount + 1)
      var index = postings.offsets[term.id]
      let end = postings.offsets[term.id + 1]
      for block in 0..<blocks.blockCount {
        let start = UInt32(clamping: blocks.range(ofBlock: block).lowerBound)
        while index < end && postings.rows[index] < start { index += 1 }
        positions[block] = index
      }
      positions[blocks.blockCount] = end
      return positions
    }
  }

  /// The postings of query term `term` (its position in the query) in block `block`.
  @inline(__always)
  func span(term: Int, block: Int) -> Range<Int> {
    boundaries[term][block]..<boundaries[term][block + 1]
  }
}
