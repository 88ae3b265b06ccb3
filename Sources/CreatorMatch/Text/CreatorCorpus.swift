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
      let remap = (0..<block.terms.count).map { id in
        block.terms.withTerm(id) { global.intern($0) }
      }
      let base = termIDs.count
      termIDs.append(contentsOf: block.termIDs.lazy.map { remap[Int($0)] })
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

  /// Tokenization of one block with a block-local vocabulary of stems.
  ///
  /// Each token is looked up once in a table of the block's surface forms (stop words first, so
  /// the same look-up drops them); a surface form is stemmed (``Stemmer``) the first time it
  /// occurs with each stemmer, and the stem's id is cached beside it, so the stemming rules run
  /// once per distinct form and language, not per token.
  private struct LocalBlock: Sendable {
    /// The first id of a surface form that is not a stop word.
    static let firstTerm = TermInterner(stopWords: true).count
    /// Cache entries per surface form: one per ``StemLanguage`` and one for "not stemmed".
    static let stride = StemLanguage.allCases.count + 1

    /// The stems (the block's terms).
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
      var surfaces = TermInterner(stopWords: true)
      var terms = TermInterner()
      // Stem id per (surface form, stemmer), -1 until computed.
      var stemIDs: [Int32] = []
      var scalars: [UInt32] = []
      var stemBytes: [UInt8] = []
      var context = StemContext(language: .en)
      let lexicon = SeedLexicon.builtIn
      let segmenter = HashtagSegmenter.builtIn
      // Per (surface form, stemmer): 0, or 1 + the index in `partStore` of its parts' stem ids.
      var partLists: [Int32] = []
      var partStore: [[Int32]] = []
      // Whether the part being read had a term in an unspaced script (then seeds are sought).
      var sawUnspaced = false
      var termIDs: [Int32] = []
      var termCounts: [UInt16] = []
      var ends: [Int] = []
      ends.reserveCapacity(range.count)
      for row in range {
        let creator = creators[row]
        // The parts in the order `CreatorCorpus.text(of:)` joins them; the separator it puts
        // between them ends every word and bigram run, as the end of a part does.
        func count(_ id: Int32) {
          let index = Int(id)
          if index >= rowCounts.count {
            rowCounts.append(contentsOf: repeatElement(0, count: index + 1 - rowCounts.count))
          }
          if rowCounts[index] == 0 { rowOrder.append(id) }
          rowCounts[index] += 1
        }
        func read(_ part: String) {
          if part.isEmpty { return }
          var part = part
          part.withUTF8 { bytes in
            scanner.scan(bytes) { term in
              let surface = surfaces.intern(term)
              if surface < first { return }
              // A term in an unspaced script starts with a three- or four-byte scalar.
              if term[0] >= 0xE0 { sawUnspaced = true }
              let language = context.index(firstByte: term[0])
              let slot = Int(surface) * Self.stride + language
              if slot >= stemIDs.count {
                stemIDs.append(
                  contentsOf: repeatElement(
                    -1, count: max(slot + 1, stemIDs.count * 2) - stemIDs.count))
              }
              var id = stemIDs[slot]
              if id < 0 {
                id = CreatorCorpus.stem(term, language, into: &terms, &scalars, &stemBytes)
                stemIDs[slot] = id
                // The stems of the parts of run-together words (see `HashtagSegmenter`).
                let parts = CreatorCorpus.parts(
                  term, language, segmenter: segmenter, into: &terms, &scalars, &stemBytes)
                if !parts.isEmpty {
                  if slot >= partLists.count {
                    partLists.append(
                      contentsOf: repeatElement(0, count: stemIDs.count - partLists.count))
                  }
                  partStore.append(parts)
                  partLists[slot] = Int32(partStore.count)
                }
              }
              count(id)
              if slot < partLists.count && partLists[slot] != 0 {
                for part in partStore[Int(partLists[slot]) - 1] { count(part) }
              }
            }
            // Whole seeds of unspaced scripts, after the part's bigrams (see `SeedLexicon`).
            if sawUnspaced {
              lexicon.forEachMatch(in: bytes) { seed in count(terms.intern(seed)) }
              sawUnspaced = false
            }
          }
        }
        context = Self.context(of: creator)
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

    /// The stemmers for a creator's text: its declared language, else its letters.
    static func context(of creator: Creator) -> StemContext {
      CreatorCorpus.stemContext(of: creator)
    }
  }

  /// The stemmers for a creator's text (see ``StemContext``): its declared language for the
  /// script that language is written in, else a guess from the letters of all its text.
  package static func stemContext(of creator: Creator) -> StemContext {
    let declared = StemLanguage(code: creator.language)
    var counts = StemContext.LetterCounts()
    // A declared Latin-script language still leaves Cyrillic words to be told apart, and the
    // other way round, so the text is read unless nothing is left to guess.
    counts.add(creator.bio)
    counts.add(creator.hashtags)
    for category in creator.categories { counts.add(category) }
    counts.add(creator.captions)
    return StemContext(declared: declared, counts: counts)
  }

  /// Interns the stems of the parts of run-together words `term` (see ``HashtagSegmenter``),
  /// stemmed like `term`, and returns their ids; empty when it is not cut.
  fileprivate static func parts(
    _ term: UnsafeBufferPointer<UInt8>, _ language: Int, segmenter: HashtagSegmenter,
    into terms: inout TermInterner, _ scalars: inout [UInt32], _ bytes: inout [UInt8]
  ) -> [Int32] {
    // Only words in spaced scripts are cut; bigram runs are not words.
    guard language != StemContext.none else { return [] }
    let word = String(decoding: term, as: UTF8.self).unicodeScalars.map(\.value)
    guard word.count >= HashtagSegmenter.minimumLength else { return [] }
    return segmenter.parts(of: word).map { part in
      let text = String(String.UnicodeScalarView(part.compactMap(Unicode.Scalar.init)))
      return Array(text.utf8).withUnsafeBufferPointer { buffer in
        stem(buffer, language, into: &terms, &scalars, &bytes)
      }
    }
  }

  /// Interns the stem of `term` for stemmer `language` (an index of ``StemLanguage`` or
  /// ``StemContext/none``) and returns its id.
  fileprivate static func stem(
    _ term: UnsafeBufferPointer<UInt8>, _ language: Int, into terms: inout TermInterner,
    _ scalars: inout [UInt32], _ bytes: inout [UInt8]
  ) -> Int32 {
    guard let stemLanguage = StemLanguage(rawValue: language) else { return terms.intern(term) }
    scalars.removeAll(keepingCapacity: true)
    for scalar in String(decoding: term, as: UTF8.self).unicodeScalars {
      scalars.append(scalar.value)
    }
    Stemmer.stem(&scalars, stemLanguage)
    bytes.removeAll(keepingCapacity: true)
    for value in scalars {
      guard let scalar = Unicode.Scalar(value), let units = UTF8.encode(scalar) else { continue }
      bytes.append(contentsOf: units)
    }
    return bytes.withUnsafeBufferPointer { terms.intern($0) }
  }
}
