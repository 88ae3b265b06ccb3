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
    var local = blocks.map(threads: threads) { range in
      LocalBlock(creators: creators, range: range)
    }
    // Block-local ids are merged in block order, so ids are in first-appearance order.
    var global = TermInterner()
    var offsets = [0]
    offsets.reserveCapacity(creators.count + 1)
    var termIDs: [Int32] = []
    termIDs.reserveCapacity(local.reduce(0) { $0 + $1.termIDs.count })
    var termCounts: [UInt16] = []
    termCounts.reserveCapacity(termIDs.capacity)
    for index in local.indices {
      // Each block is freed once merged, so the blocks and the merged arrays are not both held
      // whole (about 120 MB each for 1M creators).
      let block = local[index]
      local[index] = LocalBlock()
      let first = LocalBlock.firstTerm
      let remap = (first..<block.terms.count).map { id in
        block.terms.withTerm(id) { global.intern($0) }
      }
      let base = termIDs.count
      termIDs.append(contentsOf: block.termIDs.lazy.map { remap[Int($0) - first] })
      termCounts.append(contentsOf: block.termCounts)
      for end in block.ends { offsets.append(base + end) }
    }
    self.terms = (0..<global.count).map { global.string($0) }
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

  /// Tokenization of one block with a block-local vocabulary (stop words first, then terms).
  private struct LocalBlock: Sendable {
    /// The first id of a term that is not a stop word.
    static let firstTerm = TermInterner(stopWords: true).count

    var terms = TermInterner()
    var termIDs: [Int32] = []
    var termCounts: [UInt16] = []
    var ends: [Int] = []

    /// An empty block, left in the place of one already merged.
    init() {}

    init(creators: [Creator], range: Range<Int>) {
      let first = Int32(Self.firstTerm)
      // Per-term count in the current row, indexed by local id, and the row's distinct ids in
      // first-appearance order; reset after each row through that list.
      var rowCounts: [Int] = []
      var rowOrder: [Int32] = []
      var scanner = TermScanner()
      var terms = TermInterner(stopWords: true)
      var termIDs: [Int32] = []
      var termCounts: [UInt16] = []
      var ends: [Int] = []
      ends.reserveCapacity(range.count)
      for row in range {
        let creator = creators[row]
        // The parts in the order `CreatorCorpus.text(of:)` joins them; the separator it puts
        // between them ends every word and bigram run, as the end of a part does.
        func read(_ part: String) {
          if part.isEmpty { return }
          var part = part
          part.withUTF8 { bytes in
            scanner.scan(bytes) { term in
              let id = terms.intern(term)
              if id < first { return }
              let index = Int(id)
              if index >= rowCounts.count {
                rowCounts.append(contentsOf: repeatElement(0, count: index + 1 - rowCounts.count))
              }
              if rowCounts[index] == 0 { rowOrder.append(id) }
              rowCounts[index] += 1
            }
          }
        }
        read(creator.bio)
        read(creator.hashtags)
        for category in creator.categories { read(category) }
        read(creator.captions)
        for id in rowOrder {
          termIDs.append(id)
          termCounts.append(UInt16(min(rowCounts[Int(id)], Int(UInt16.max))))
          rowCounts[Int(id)] = 0
        }
        rowOrder.removeAll(keepingCapacity: true)
        ends.append(termIDs.count)
      }
      self.terms = terms
      self.termIDs = termIDs
      self.termCounts = termCounts
      self.ends = ends
    }
  }
}
