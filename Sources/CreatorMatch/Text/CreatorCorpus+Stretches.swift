/// A ``CreatorCorpus`` put together from the corpora of consecutive stretches of creators, so
/// that a reader can tokenize each stretch as it is read and drop its text.
///
/// Term ids are given in order of first appearance across the stretches, as ``CreatorCorpus``
/// gives them across its blocks, so the result equals the corpus of all the creators at once
/// (tested), wherever the stretches are cut.
package struct CreatorCorpusStretches: Sendable {
  private var global = TermInterner()
  private var offsets = [0]
  private var termIDs: [Int32] = []
  private var termCounts: [UInt16] = []

  /// No stretch yet.
  package init() {}

  /// Rows appended so far.
  package var count: Int { offsets.count - 1 }

  /// Appends the rows of `stretch`, the corpus of the creators after those appended so far.
  ///
  /// - Complexity: O(the stretch's entries + its distinct terms' length).
  package mutating func append(_ stretch: CreatorCorpus) {
    let remap = stretch.terms.map { term in
      var term = term
      return term.withUTF8 { global.intern($0) }
    }
    let base = termIDs.count
    termIDs.append(contentsOf: stretch.termIDs.lazy.map { remap[Int($0)] })
    termCounts.append(contentsOf: stretch.termCounts)
    for end in stretch.offsets.dropFirst() { offsets.append(base + end) }
  }

  /// The corpus of every row appended.
  package func corpus() -> CreatorCorpus {
    CreatorCorpus(
      terms: (0..<global.count).map { global.string($0) }, offsets: offsets, termIDs: termIDs,
      termCounts: termCounts)
  }
}

extension CreatorCorpus {
  /// A corpus from its parts (see ``CreatorCorpusStretches``).
  fileprivate init(terms: [String], offsets: [Int], termIDs: [Int32], termCounts: [UInt16]) {
    self.terms = terms
    self.offsets = offsets
    self.termIDs = termIDs
    self.termCounts = termCounts
  }
}
