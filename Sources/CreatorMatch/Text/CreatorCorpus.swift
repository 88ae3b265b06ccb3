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
    self.init(creators: creators, threads: requested, blockSize: 4_096)
  }

  /// Tokenizes `creators` on up to `threads` workers in blocks of `blockSize` creators; the
  /// result does not depend on either (the tests vary both).
  ///
  /// Three steps, so that the stemming rules and the hashtag splits run once per distinct surface
  /// form and stemmer in the whole corpus, not once per block that holds it:
  /// 1. each block (in parallel) reads its creators into counts of (surface form, stemmer)
  ///    pairs, "slots", with a block-local vocabulary of surface forms;
  /// 2. the blocks' slots are merged in block order into one list in order of first appearance,
  ///    and the distinct slots are stemmed and split (in parallel, in fixed chunks);
  /// 3. each row's slot counts become stem counts (a slot gives its stem and its parts' stems).
  ///
  /// A stem first appears in the token stream at the first occurrence of the first slot (in
  /// order of first appearance) that gives it, so interning the slots' stems in that order gives
  /// term ids in first-appearance order, as tokenizing with stems directly would.
  package init(creators: [Creator], threads requested: Int?, blockSize: Int) {
    let threads = ParallelBlocks.threadCount(requested)
    let blocks = ParallelBlocks(count: creators.count, blockSize: blockSize)
    var local = blocks.map(threads: threads) { range in
      SlotBlock(creators: creators, range: range)
    }
    // Step 2: global slots in order of first appearance; each block's dense slots → global.
    var numbering = SlotNumbering()
    let remaps = local.map { numbering.remap($0) }
    let (slotCodes, surfaces) = (numbering.slotCodes, numbering.surfaces)
    // The index by slot code is not needed past here.
    numbering = SlotNumbering()
    let expansion = Expansion(slotCodes: slotCodes, surfaces: surfaces, threads: threads)
    // Step 3: rows of slot counts → rows of stem counts, block by block; each block is freed once
    // rewritten, so the blocks and the merged arrays are not both held whole.
    var offsets = [0]
    offsets.reserveCapacity(creators.count + 1)
    var termIDs: [Int32] = []
    termIDs.reserveCapacity(local.reduce(0) { $0 + $1.slots.count })
    var termCounts: [UInt16] = []
    termCounts.reserveCapacity(termIDs.capacity)
    var rowCounts = [Int](repeating: 0, count: expansion.terms.count)
    for index in local.indices {
      let block = local[index]
      local[index] = SlotBlock()
      let remap = remaps[index]
      var start = 0
      for end in block.ends {
        // The row's terms go to `termIDs` as they first appear, their counts once it is read.
        let first = termIDs.count
        for entry in start..<end {
          let slot = Int(remap[Int(block.slots[entry])])
          let count = Int(block.counts[entry])
          for position in expansion.offsets[slot]..<expansion.offsets[slot + 1] {
            let id = expansion.ids[position]
            if rowCounts[Int(id)] == 0 { termIDs.append(id) }
            rowCounts[Int(id)] += count
          }
        }
        for position in first..<termIDs.count {
          let id = Int(termIDs[position])
          termCounts.append(UInt16(min(rowCounts[id], Int(UInt16.max))))
          rowCounts[id] = 0
        }
        offsets.append(termIDs.count)
        start = end
      }
    }
    self.terms = expansion.terms
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

  /// One block's creators as counts of slots: a slot is a (surface form, stemmer) pair, coded
  /// as `surface × stride + stemmer` over the block's vocabulary of surface forms.
  ///
  /// Each token is looked up once in a table of the block's surface forms (stop words first, so
  /// the same look-up drops them); nothing is stemmed here (see ``Expansion``).
  struct SlotBlock: Sendable {
    /// The first id of a surface form that is not a stop word.
    static let firstTerm = TermInterner(stopWords: true).count
    /// Slots per surface form: one per ``StemLanguage`` and one for "not stemmed".
    static let stride = StemLanguage.allCases.count + 1

    /// The block's surface forms.
    var surfaces = TermInterner()
    /// The block's slot codes in order of first appearance; a row entry is an index here.
    var slotCodes: [Int32] = []
    /// Row entries: indices into ``slotCodes``, each row's in first-appearance order.
    var slots: [Int32] = []
    /// How often each entry's slot occurs in its row.
    var counts: [UInt32] = []
    /// Row `i` of the block ends at entry `ends[i]`.
    var ends: [Int] = []

    /// An empty block, left in the place of one already merged.
    init() {}

    init(creators: [Creator], range: Range<Int>) {
      var reader = Reader()
      var scanner = TermScanner()
      let lexicon = SeedLexicon.builtIn
      var ends: [Int] = []
      ends.reserveCapacity(range.count)
      // Through a pointer, field by field and without binding the fields to locals: binding
      // `creators[row]` to a local, or passing `pointee` whole, copied the creator (a retain and
      // a release of each of its strings and arrays, about 4% of `fit`); a field passed straight
      // to a call is borrowed.
      creators.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for row in range {
          let creator = base + row
          // The parts in the order `CreatorCorpus.text(of:)` joins them; the separator it puts
          // between them ends every word and bigram run, as the end of a part does.
          reader.read(creator.pointee.bio, scanner: &scanner, lexicon: lexicon)
          reader.read(creator.pointee.hashtags, scanner: &scanner, lexicon: lexicon)
          for category in creator.pointee.categories {
            reader.read(category, scanner: &scanner, lexicon: lexicon)
          }
          reader.read(creator.pointee.captions, scanner: &scanner, lexicon: lexicon)
          reader.endRow(creator, letters: scanner.letters)
          scanner.letters = StemContext.LetterCounts()
          ends.append(reader.slots.count)
        }
      }
      self.surfaces = reader.surfaces
      self.slotCodes = reader.slotCodes
      self.slots = reader.slots
      self.counts = reader.counts
      self.ends = ends
    }

    /// The state of reading one block, changed through its own mutating methods: variables
    /// captured by local functions would have every access checked for exclusivity at run time
    /// (about 8% of `fit`'s CPU samples).
    ///
    /// A row's terms are kept as (surface form, script) until the row is read whole, and only
    /// then given their stemmers: the stemmer of a script can depend on letters anywhere in the
    /// row's text, which the scanner counts as it reads the text (a pass of its own over every
    /// part before).
    private struct Reader {
      /// The first id of a surface form that is not a stop word.
      let first = Int32(SlotBlock.firstTerm)
      /// The block's surface forms, stop words first.
      var surfaces = TermInterner(stopWords: true)
      /// Per surface form, its slot with the first stemmer it was counted with, as
      /// `dense << 8 | stemmer`, or -1 until counted: most surface forms of a block get one
      /// stemmer, and an array by surface is an eighth the size of one by slot code (fewer
      /// cache misses per term).
      var firstSlot: [Int64] = []
      /// Dense slot per slot code of the other stemmers of a surface form, -1 until seen.
      var denseOfCode: [Int32] = []
      /// Slot codes by dense slot, in order of first appearance.
      var slotCodes: [Int32] = []
      /// Per-slot count in the current row, indexed by dense slot; reset at the row's end
      /// through its entries.
      var rowCounts: [UInt32] = []
      /// The block's row entries (dense slots, each row's in first-appearance order) and their
      /// counts: a row's slots go straight here as they first appear (a list of the row's own,
      /// copied and emptied at its end, was a tenth of the row's bookkeeping); the counts are
      /// added at the row's end.
      var slots: [Int32] = []
      var counts: [UInt32] = []
      /// The current row's terms in order, each `surface << 2 | script` (see
      /// ``StemContext/script(firstByte:)``), waiting for the row's stemmers.
      var rowTerms: [Int32] = []
      /// Whether the part being read had a term in an unspaced script (then seeds are sought).
      var sawUnspaced = false
      /// The declared language code of the last row read with terms, and what it reads as: a
      /// block's rows repeat a few codes, and equal short codes compare by their bits, where
      /// reading a code was a tenth of the row's end.
      var lastCode: String?
      var lastDeclared: StemLanguage?

      /// Counts one occurrence of the slot (surface, stemmer) in the current row.
      @inline(__always)
      mutating func count(surface: Int32, language: Int) {
        let code = Int(surface) * SlotBlock.stride + language
        if Int(surface) >= firstSlot.count {
          firstSlot.append(
            contentsOf: repeatElement(
              -1, count: max(Int(surface) + 1, firstSlot.count * 2) - firstSlot.count))
        }
        let first = firstSlot[Int(surface)]
        let dense: Int32
        if first >= 0 && Int(first & 0xFF) == language {
          dense = Int32(truncatingIfNeeded: first >> 8)
        } else if first < 0 {
          dense = newSlot(code)
          firstSlot[Int(surface)] = Int64(dense) << 8 | Int64(language)
        } else {
          if code >= denseOfCode.count {
            denseOfCode.append(
              contentsOf: repeatElement(
                -1, count: max(code + 1, denseOfCode.count * 2) - denseOfCode.count))
          }
          if denseOfCode[code] < 0 { denseOfCode[code] = newSlot(code) }
          dense = denseOfCode[code]
        }
        if rowCounts[Int(dense)] == 0 { slots.append(dense) }
        rowCounts[Int(dense)] &+= 1
      }

      /// Numbers a slot seen for the first time in the block.
      private mutating func newSlot(_ code: Int) -> Int32 {
        let dense = Int32(slotCodes.count)
        slotCodes.append(Int32(code))
        rowCounts.append(0)
        return dense
      }

      /// Keeps the terms of one part of the current creator's text.
      mutating func read(_ part: String, scanner: inout TermScanner, lexicon: SeedLexicon) {
        if part.isEmpty { return }
        // In place (`withUTF8` alone copied the string: a retain and a release).
        part.withUTF8Bytes { read($0, scanner: &scanner, lexicon: lexicon) }
      }

      /// Keeps the terms of one part of the current creator's text, as UTF-8.
      private mutating func read(
        _ bytes: UnsafeBufferPointer<UInt8>, scanner: inout TermScanner, lexicon: SeedLexicon
      ) {
        scanner.scan(bytes) { term in
          let surface = surfaces.intern(term)
          if surface < first { return }
          // A term in an unspaced script starts with a three- or four-byte scalar.
          if term[0] >= 0xE0 { sawUnspaced = true }
          rowTerms.append(surface << 2 | Int32(StemContext.script(firstByte: term[0])))
        }
        // Whole seeds of unspaced scripts, after the part's bigrams (see `SeedLexicon`); a
        // seed is a term as it is, so its slot is "not stemmed".
        if sawUnspaced {
          lexicon.forEachMatch(in: bytes) { seed in
            rowTerms.append(surfaces.intern(seed) << 2 | Int32(StemContext.otherScript))
          }
          sawUnspaced = false
        }
      }

      /// Gives the current row's terms their stemmers, counts their slots and appends the
      /// row's entries and counts to the block's.
      ///
      /// - Parameters:
      ///   - creator: The creator of the row.
      ///   - letters: The letters of the row's text, as ``StemContext/LetterCounts`` counts them.
      mutating func endRow(_ creator: UnsafePointer<Creator>, letters: StemContext.LetterCounts) {
        if rowTerms.isEmpty { return }
        let code = creator.pointee.language
        // `String`'s `!=` compares canonical equivalence: safe, as `StemLanguage(code:)` answers
        // the same for equivalent codes.
        if code != lastCode {
          lastDeclared = StemLanguage(code: code)
          lastCode = code
        }
        let context = StemContext(declared: lastDeclared, counts: letters)
        let start = slots.count
        for term in rowTerms {
          let language = context.index(script: Int(term & 3))
          count(surface: term >> 2, language: language)
        }
        rowTerms.removeAll(keepingCapacity: true)
        for entry in start..<slots.count {
          let dense = Int(slots[entry])
          counts.append(rowCounts[dense])
          rowCounts[dense] = 0
        }
      }
    }
  }

  /// What each distinct slot of the corpus counts as: its stem, then the stems of its parts
  /// when it is run-together words (see ``HashtagSegmenter``), as term ids.
  ///
  /// The slots are stemmed and split in parallel chunks of a fixed size, each into a chunk-local
  /// vocabulary; the chunks' stems are then interned in slot order, so the ids do not depend on
  /// the thread count.
  struct Expansion {
    /// The stems (the corpus's terms).
    var terms: [String]
    /// Slot `s` counts as `ids[offsets[s]..<offsets[s + 1]]`.
    var offsets: [Int]
    var ids: [Int32]

    /// One chunk of slots: stems in a chunk-local vocabulary.
    struct Chunk: Sendable {
      var terms = TermInterner()
      var offsets = [0]
      var ids: [Int32] = []
    }

    init(slotCodes: [Int32], surfaces: TermInterner, threads: Int) {
      let chunks = ParallelBlocks(count: slotCodes.count, blockSize: 8_192).map(threads: threads) {
        range in
        var chunk = Chunk()
        var scalars: [UInt32] = []
        var bytes: [UInt8] = []
        let segmenter = HashtagSegmenter.builtIn
        for index in range {
          let (surface, language) = Int(slotCodes[index]).quotientAndRemainder(
            dividingBy: SlotBlock.stride)
          surfaces.withTerm(surface) { term in
            chunk.ids.append(
              CreatorCorpus.stem(term, language, into: &chunk.terms, &scalars, &bytes))
            chunk.ids += CreatorCorpus.parts(
              term, language, segmenter: segmenter, into: &chunk.terms, &scalars, &bytes)
          }
          chunk.offsets.append(chunk.ids.count)
        }
        return chunk
      }
      var global = TermInterner()
      var offsets = [0]
      offsets.reserveCapacity(slotCodes.count + 1)
      var ids: [Int32] = []
      for chunk in chunks {
        // Chunk-local ids are in first-appearance order within the chunk, so interning them in
        // the chunk's slot order (not id order) keeps global ids in first-appearance order.
        var remap = [Int32](repeating: -1, count: chunk.terms.count)
        let base = ids.count
        for position in chunk.ids.indices {
          let local = Int(chunk.ids[position])
          if remap[local] < 0 { remap[local] = chunk.terms.withTerm(local) { global.intern($0) } }
          ids.append(remap[local])
        }
        for end in chunk.offsets.dropFirst() { offsets.append(base + end) }
      }
      self.terms = (0..<global.count).map { global.string($0) }
      self.offsets = offsets
      self.ids = ids
    }
  }

  /// The stemmers for a creator's text (see ``StemContext``): its declared language for the
  /// script that language is written in, else a guess from the letters of all its text. The
  /// corpus counts those letters as it scans (a row's stemmers are chosen at its end); this is
  /// the rule written out, which the tests hold the corpus to.
  package static func stemContext(of creator: Creator) -> StemContext {
    var counts = StemContext.LetterCounts()
    // A declared Latin-script language still leaves Cyrillic words to be told apart, and the
    // other way round, so the text is read unless nothing is left to guess.
    counts.add(creator.bio)
    counts.add(creator.hashtags)
    for category in creator.categories { counts.add(category) }
    counts.add(creator.captions)
    return StemContext(declared: StemLanguage(code: creator.language), counts: counts)
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
