import CreatorMatchSupport

/// Every creator's text as term counts over one vocabulary: the tokenized form that both the
/// population fit (document frequencies) and the ranking table (TF-IDF postings) need, so text is
/// tokenized once.
///
/// A creator's text is bio + hashtags + categories + captions. Term ids are assigned in order of
/// first appearance (creator order, then token order), so they do not depend on the thread count.
///
/// - Complexity: O(total text length); tokenization runs in parallel blocks.
public struct CreatorCorpus: Sendable {
  /// The terms; a term's id is its index.
  public let terms: [String]
  /// Row `i`'s entries are `offsets[i]..<offsets[i + 1]`.
  public let offsets: [Int]
  /// Term ids of each row's distinct terms, in first-appearance order.
  public let termIDs: [Int32]
  /// How often each term occurs in its row (saturating at 65,535).
  public let termCounts: [UInt16]

  /// Number of rows (creators).
  public var count: Int { offsets.count - 1 }

  /// Tokenizes `creators` on up to `threads` workers.
  public init(creators: [Creator], threads requested: Int? = nil) {
    let threads = ParallelBlocks.threadCount(requested)
    let blocks = ParallelBlocks(count: creators.count, blockSize: 4_096)
    let local = blocks.map(threads: threads) { range in
      LocalBlock(creators: creators, range: range)
    }
    var terms: [String] = []
    var index: [String: Int32] = [:]
    var offsets = [0]
    offsets.reserveCapacity(creators.count + 1)
    var termIDs: [Int32] = []
    var termCounts: [UInt16] = []
    for block in local {
      let remap = block.terms.map { term -> Int32 in
        if let id = index[term] { return id }
        let id = Int32(terms.count)
        terms.append(term)
        index[term] = id
        return id
      }
      let base = termIDs.count
      termIDs.append(contentsOf: block.termIDs.lazy.map { remap[Int($0)] })
      termCounts.append(contentsOf: block.termCounts)
      for end in block.ends { offsets.append(base + end) }
    }
    self.terms = terms
    self.offsets = offsets
    self.termIDs = termIDs
    self.termCounts = termCounts
  }

  /// The text that is tokenized for a creator.
  public static func text(of creator: Creator) -> String {
    var parts = [creator.bio, creator.hashtags]
    parts.append(contentsOf: creator.categories)
    parts.append(creator.captions)
    return parts.filter { !$0.isEmpty }.joined(separator: " \n ")
  }

  /// Number of rows containing each term, indexed by term id.
  public func documentFrequencies() -> [Int] {
    var counts = Array(repeating: 0, count: terms.count)
    for id in termIDs { counts[Int(id)] += 1 }
    return counts
  }

  /// Tokenization of one block with a block-local vocabulary.
  private struct LocalBlock: Sendable {
    var terms: [String] = []
    var termIDs: [Int32] = []
    var termCounts: [UInt16] = []
    var ends: [Int] = []

    init(creators: [Creator], range: Range<Int>) {
      var index: [String: Int32] = [:]
      var rowTerms: [Int32: Int] = [:]
      var rowOrder: [Int32] = []
      for row in range {
        rowTerms.removeAll(keepingCapacity: true)
        rowOrder.removeAll(keepingCapacity: true)
        Tokenizer.forEachToken(in: CreatorCorpus.text(of: creators[row])) { token in
          let id: Int32
          if let known = index[token] {
            id = known
          } else {
            id = Int32(terms.count)
            terms.append(token)
            index[token] = id
          }
          if let seen = rowTerms[id] {
            rowTerms[id] = seen + 1
          } else {
            rowTerms[id] = 1
            rowOrder.append(id)
          }
        }
        for id in rowOrder {
          termIDs.append(id)
          termCounts.append(UInt16(min(rowTerms[id] ?? 1, Int(UInt16.max))))
        }
        ends.append(termIDs.count)
      }
    }
  }
}
