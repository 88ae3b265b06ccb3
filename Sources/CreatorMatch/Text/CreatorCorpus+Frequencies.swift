import CreatorMatchSupport

/// The document frequencies of a ``CreatorCorpus`` counted a stretch of creators at a time,
/// without keeping any creator's terms: what `fit` needs of the text.
///
/// Each stretch is read into slots (surface form, stemmer) as ``CreatorCorpus`` reads it; a slot
/// is stemmed and split once, the first time any stretch holds it, into a vocabulary kept across
/// stretches, and each row then adds one to every distinct term its slots give. The counts equal
/// ``CreatorCorpus/documentFrequencies()`` of the corpus of all the creators at once (tested),
/// whatever the stretches, blocks and threads.
///
/// - Complexity: O(total text length) for the stretches, plus O(distinct slots) for stemming;
///   memory is the vocabulary and one stretch's slots.
package struct DocumentFrequencyCounter: Sendable {
  /// Global slots of every stretch so far, numbered in order of first appearance.
  private var numbering = CreatorCorpus.SlotNumbering()
  /// Slot `s` gives the terms `slotTerms[slotOffsets[s]..<slotOffsets[s + 1]]`.
  private var slotOffsets = [0]
  private var slotTerms: [Int32] = []
  /// The terms (stems), and by term id how many rows hold each and the last row that counted
  /// it (so a row counts a term once), side by side: a term's look-up touches one cache line,
  /// not one in each of two arrays as large as the vocabulary.
  private var terms = TermInterner()
  private var tallies: [Tally] = []

  /// One term's document frequency so far and the last row that added to it.
  private struct Tally {
    var frequency = 0
    var lastRow = -1
  }
  /// Rows (creators) counted.
  package private(set) var documents = 0
  private let threads: Int
  private let blockSize: Int

  /// No creator yet; stretches are tokenized on `threads` workers in blocks of `blockSize`.
  ///
  /// - Parameters:
  ///   - threads: Worker threads; `nil` uses every core. The counts do not depend on it.
  ///   - blockSize: Creators a worker reads at a time (tests make it tiny).
  package init(threads: Int? = nil, blockSize: Int = 4_096) {
    self.threads = ParallelBlocks.threadCount(threads)
    self.blockSize = max(1, blockSize)
  }

  /// Counts the terms of `creators`, the rows after those counted so far.
  ///
  /// - Parameter creators: The next stretch of creators.
  /// - Complexity: O(the stretch's text length + the length of its slots not seen before).
  package mutating func add(_ creators: [Creator]) {
    add(
      blocks: ParallelBlocks(count: creators.count, blockSize: blockSize).map(threads: threads) {
        range in
        CreatorCorpus.SlotBlock(creators: creators, range: range)
      })
  }

  /// Counts the rows of `blocks`, the next creators' slots read in consecutive blocks (the
  /// population fit reads them with the creators' other figures).
  mutating func add(blocks: [CreatorCorpus.SlotBlock]) {
    // The blocks' slots → global slots; the slots never seen before are stemmed together.
    let known = numbering.slotCodes.count
    let remaps = blocks.map { numbering.remap($0) }
    let fresh = Array(numbering.slotCodes[known...])
    if !fresh.isEmpty { expand(fresh) }
    for (block, remap) in zip(blocks, remaps) {
      var start = 0
      for end in block.ends {
        let row = documents
        documents += 1
        for entry in start..<end {
          let slot = Int(remap[Int(block.slots[entry])])
          for position in slotOffsets[slot]..<slotOffsets[slot + 1] {
            let term = Int(slotTerms[position])
            if tallies[term].lastRow != row {
              tallies[term].lastRow = row
              tallies[term].frequency += 1
            }
          }
        }
        start = end
      }
    }
  }

  /// Stems and splits the new slots `codes` (global slot codes, in slot order) and records the
  /// terms each gives.
  private mutating func expand(_ codes: [Int32]) {
    let expansion = CreatorCorpus.Expansion(
      slotCodes: codes, surfaces: numbering.surfaces, threads: threads)
    let termOf = expansion.terms.map { term in
      var term = term
      return term.withUTF8 { terms.intern($0) }
    }
    if terms.count > tallies.count {
      tallies.append(contentsOf: repeatElement(Tally(), count: terms.count - tallies.count))
    }
    let base = slotTerms.count
    slotTerms.append(contentsOf: expansion.ids.lazy.map { termOf[Int($0)] })
    for end in expansion.offsets.dropFirst() { slotOffsets.append(base + end) }
  }

  /// Rows holding each term, by term, over every stretch added.
  ///
  /// - Returns: The document frequency of every term of the creators' text (each at least 1).
  /// - Complexity: O(distinct terms).
  package func counts() -> [String: Int] {
    var counts: [String: Int] = [:]
    counts.reserveCapacity(terms.count)
    for id in 0..<terms.count { counts[terms.string(id)] = tallies[id].frequency }
    return counts
  }
}
