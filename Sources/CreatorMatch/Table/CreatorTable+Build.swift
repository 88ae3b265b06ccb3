import CreatorMatchSupport
import Foundation

extension CreatorTable {
  /// Builds the table from `creators`, their tokenized text and a fitted `model`.
  ///
  /// - Precondition: `corpus` was built from the same `creators` (same count and order).
  /// - Complexity: O(n log n) for the id order, otherwise linear in creators and terms; per-creator
  /// work runs in parallel blocks and does not depend on the thread count.
  public init(
    creators: [Creator], corpus: CreatorCorpus, model: PopulationModel,
    threads requested: Int? = nil
  ) {
    let threads = ParallelBlocks.threadCount(requested)
    precondition(corpus.count == creators.count, "corpus and creators must match")
    var layout = CreatorTableLayout(reserving: creators.count)
    layout.append(
      creators, rows: creators.indices, corpus: corpus, corpusRow: 0, threads: threads)
    self.init(layout: layout, corpus: corpus, model: model, threads: threads)
  }

  /// Completes a table from its `layout` with the scores under `model`.
  ///
  /// - Parameters:
  ///   - layout: The model-independent columns and score inputs of every row; its score inputs
  ///     are freed once scored.
  ///   - corpus: The rows' tokenized text, row for row.
  ///   - model: The fitted model.
  ///   - threads: Worker threads; the result does not depend on it.
  /// - Precondition: `layout` and `corpus` have the same rows.
  /// - Complexity: O(n log n) for the id order, otherwise linear in rows and terms.
  package init(
    layout: consuming CreatorTableLayout, corpus: CreatorCorpus, model: PopulationModel,
    threads: Int
  ) {
    precondition(corpus.count == layout.count, "layout and corpus must match")
    let count = layout.count
    self.count = count
    self.model = model
    let idList = layout.ids
    ids = StringColumn(idList)
    handles = OptionalStringColumn(layout.handles)

    // Per-creator scores in parallel blocks, each writing its rows in place into the columns
    // at their final size (blocks with columns of their own, appended in block order, copied
    // 82 bytes a row and faulted in the blocks' pages for nothing). The id order and the
    // columns that do not depend on the scores (ages by bucket, audience shares, the vocabulary
    // and idf) are tasks of their own, claimed first, so that they run beside the first blocks
    // instead of before or after them all.
    let blocks = ParallelBlocks(count: count, blockSize: 8_192)
    var columns = ScoreColumns(zeroed: count)
    var sortedIDs: [Int]?
    var builtShared: SharedColumns?
    do {
      let inputs = layout.scoreInputs
      // The blocks write through unchecked pointers: every row they reach must have an input.
      precondition(inputs.count == count, "one score input per row")
      layout.scoreInputs = []
      // The columns without the score inputs (which the blocks hold): no column is copied.
      let unscored = copy layout
      let parts = columns.withRows { rows in
        ParallelBlocks(count: 2 + blocks.blockCount, blockSize: 1).map(
          threads: threads
        ) { task -> ScorePart in
          switch task.lowerBound {
          case 0:
            return .order(idList.indices.sorted { ByteOrder.precedes(idList[$0], idList[$1]) })
          case 1:
            return .shared(SharedColumns(layout: unscored, corpus: corpus, model: model))
          default: break
          }
          for row in blocks.range(ofBlock: task.lowerBound - 2) {
            rows.set(row, CreatorScores(input: inputs[row], model: model))
          }
          return .scored
        }
      }
      for part in parts {
        switch part {
        case .order(let order): sortedIDs = order
        case .shared(let shared): builtShared = shared
        case .scored: break
        }
      }
    }
    // The task always runs; the fallback only keeps this free of a forced unwrap.
    let order = sortedIDs ?? idList.indices.sorted { ByteOrder.precedes(idList[$0], idList[$1]) }
    let rowsByIDOrder = ContiguousArray(order.map { UInt32($0) })
    rowsByIDRank = Column(rowsByIDOrder)
    let platforms = layout.platforms
    let followers = layout.followers
    let countries = layout.countries
    let views = layout.views
    let prices = layout.prices
    let currencies = layout.currencies
    let engagementScores = columns.engagementScores
    let authenticity = columns.authenticity
    let peerMeans = columns.peerMeans
    let thetas = columns.thetas
    let posteriors = columns.posteriors
    let flags = columns.flags
    let evidence = columns.evidence
    // The locals feed the hot columns below as well as the table's own columns.
    self.platforms = Column(platforms)
    self.tiers = Column(layout.tiers)
    self.followers = Column(followers)
    self.countries = Column(countries)
    self.languages = Column(layout.languages)
    self.sponsoredShares = Column(layout.sponsored)
    self.engagementScores = Column(engagementScores)
    self.authenticity = Column(authenticity)
    self.rates = Column(columns.rates)
    self.rateBases = Column(columns.bases)
    self.postsSampled = Column(columns.posts)
    self.peerMeans = Column(ContiguousArray(peerMeans.map { Float($0) }))
    self.thetas = Column(ContiguousArray(thetas.map { Float($0) }))
    self.views = Column(views)
    self.prices = Column(prices)
    self.currencies = Column(currencies)
    self.authenticityFlags = Column(flags)
    self.evidence = Column(evidence)
    self.jumpSteps = Column(columns.jumpSteps)
    self.evidenceSources = Column(columns.evidenceSources)
    categoryMasks = Column(layout.categoryMasks)
    categoryUnion = layout.categoryMasks.reduce(0, |)
    accountTypes = Column(layout.accountTypes)
    nonCreatorRows = Column(ContiguousArray(layout.nonCreatorRows))
    let female = layout.female
    // The task always runs; the fallback only keeps this free of a forced unwrap.
    let shared =
      builtShared ?? SharedColumns(layout: copy layout, corpus: corpus, model: model)
    builtShared = nil
    let ages = shared.ages
    let estimated = layout.estimated
    let countryShares = shared.countries
    let languageShares = shared.languages
    let interestShares = shared.interests
    // The table's columns, and the locals the tasks below read (a task cannot read `self` before
    // every property is set).
    let femaleColumn = Column(female)
    let ageColumn = Column(ages)
    let estimatedColumn = Column(estimated)
    femaleShares = femaleColumn
    ageShares = ageColumn
    estimatedShares = estimatedColumn
    audienceCountries = countryShares
    audienceLanguages = languageShares
    audienceInterests = interestShares
    self.interestLabels = layout.interestLabels

    // TF-IDF postings.
    terms = corpus.terms
    termIDs = shared.vocabulary
    let realShares = (0..<count).map {
      Self.realShare(evidence: evidence[$0 * Self.evidenceWidth + 6])
    }
    let hotSource = HotColumns.Source(
      engagementScores: engagementScores, authenticity: authenticity, platforms: platforms,
      tiers: layout.tiers, followers: followers, views: views, thetas: thetas,
      peerMeans: peerMeans,
      posteriorVariances: posteriors, prices: prices, currencies: currencies, flags: flags,
      realShares: realShares, countries: countries,
      audienceCountries: audienceCountries)
    let measuredSource = MeasuredSource(
      rates: columns.rates, sponsored: layout.sponsored, evidence: evidence, female: female,
      ages: ages, countries: countryShares, languages: languageShares,
      interests: interestShares, estimated: estimated)
    // The postings, the tie ranks (with the measured inputs they order by) and the hot columns
    // in blocks of rows, as tasks the workers claim in that order: the two longest first, then
    // the hot blocks fill what each worker has left (the hot columns on one thread beside the
    // rest were the longest serial stretch after the fit, with the other core often idle).
    let idf = shared.idf
    let hotBlocks = ParallelBlocks(count: count, blockSize: 65_536)
    var parts = ParallelBlocks(count: 3 + hotBlocks.blockCount, blockSize: 1).map(
      threads: threads
    ) { range -> TablePart in
      switch range.lowerBound {
      case 0:
        return .postings(Self.buildPostings(corpus: corpus, idf: idf))
      case 1:
        let measured = Self.measuredInputs(measuredSource, count: count)
        return .ranks(
          measured: measured,
          ranks: Self.tieRanks(
            measured: measured, followers: followers, rowsByIDOrder: rowsByIDOrder))
      case 2:
        return .rowTerms(
          offsets: ContiguousArray(corpus.offsets), termIDs: Self.unsignedTermIDs(corpus),
          audience: AudienceData.bits(
            count: count, femaleShares: femaleColumn, ageShares: ageColumn,
            countries: countryShares, languages: languageShares, interests: interestShares,
            estimated: estimatedColumn))
      default:
        return .hot(
          HotColumns.Block(hotSource, rows: hotBlocks.range(ofBlock: range.lowerBound - 3)))
      }
    }
    var builtPostings: Postings?
    var builtRanks: (measured: ContiguousArray<UInt8>, ranks: ContiguousArray<UInt32>)?
    var builtRowTerms:
      (
        offsets: ContiguousArray<Int>, termIDs: Column<UInt32>, audience: ContiguousArray<UInt8>
      )?
    var builtHot: [HotColumns.Block] = []
    builtHot.reserveCapacity(hotBlocks.blockCount)
    for part in parts {
      switch part {
      case .postings(let lists): builtPostings = lists
      case .ranks(let measured, let ranks): builtRanks = (measured, ranks)
      case .rowTerms(let offsets, let termIDs, let audience):
        builtRowTerms = (offsets, termIDs, audience)
      case .hot(let block): builtHot.append(block)
      }
    }
    // The blocks are held once, so that joining them frees each as it is copied.
    parts = []
    // Every task always runs; the fallbacks only keep this free of a forced unwrap.
    if builtHot.count == hotBlocks.blockCount {
      hot = HotColumns(blocks: consume builtHot, currencies: currencies)
    } else {
      hot = HotColumns(hotSource)
    }
    let measured = builtRanks?.measured ?? Self.measuredInputs(measuredSource, count: count)
    postings = builtPostings ?? Self.buildPostings(corpus: corpus, idf: idf)
    rowTermOffsets = Column(builtRowTerms?.offsets ?? ContiguousArray(corpus.offsets))
    rowTermIDs = builtRowTerms?.termIDs ?? Self.unsignedTermIDs(corpus)
    measuredInputs = Column(measured)
    audienceData = Column(
      builtRowTerms?.audience
        ?? AudienceData.bits(
          count: count, femaleShares: femaleColumn, ageShares: ageColumn,
          countries: countryShares, languages: languageShares, interests: interestShares,
          estimated: estimatedColumn))
    idRanks = Column(
      builtRanks?.ranks
        ?? Self.tieRanks(measured: measured, followers: followers, rowsByIDOrder: rowsByIDOrder))
  }

  /// The corpus's term ids as the table holds them. Int32 and UInt32 ids are the same bits (ids
  /// are never negative), so the column views the corpus's own array, which it keeps alive,
  /// instead of copying it: for 1M creators a copy was tens of millions of ids, their pages
  /// faulted in as they were written, and held twice until the corpus was freed.
  static func unsignedTermIDs(_ corpus: CreatorCorpus) -> Column<UInt32> {
    // Shares the array's storage (a native array is not copied), kept alive by the box.
    let box = ColumnArray(ContiguousArray(corpus.termIDs))
    let view = box.array.withUnsafeBytes { Column<UInt32>(viewing: $0, owner: box) }
    // Int32 and UInt32 have the same size and alignment: the view always exists; the copy
    // only keeps this free of a forced unwrap.
    return view ?? Column(ContiguousArray(corpus.termIDs.lazy.map { UInt32(bitPattern: $0) }))
  }

  /// The columns ``measuredInputs(_:count:)`` reads, as the table holds them.
  struct MeasuredSource: Sendable {
    var rates: ContiguousArray<Float>
    var sponsored: ContiguousArray<Float>
    var evidence: ContiguousArray<Float>
    var female: ContiguousArray<Float>
    /// Bucket-major: the first `count` values are the first bucket's.
    var ages: ContiguousArray<Float>
    var countries: SparseShares
    var languages: SparseShares
    var interests: SparseShares
    var estimated: ContiguousArray<UInt8>
  }

  /// Each row's measured inputs: a bit per component with data of its own (engagement,
  /// authenticity, niche, audience), for the tie-break order.
  static func measuredInputs(_ source: MeasuredSource, count: Int) -> ContiguousArray<UInt8> {
    var measured = ContiguousArray<UInt8>(repeating: 0, count: count)
    let width = Self.evidenceWidth
    for row in 0..<count {
      var authenticity = !source.rates[row].isNaN || !source.sponsored[row].isNaN
      for offset in 1..<width where !source.evidence[row * width + offset].isNaN {
        authenticity = true
      }
      // The first age bucket stands for all: a row has every bucket's share or none.
      let audience =
        !source.female[row].isNaN || !source.ages[row].isNaN
        || source.countries.hasEntries(row) || source.languages.hasEntries(row)
        || source.interests.hasEntries(row)
      let niche = source.estimated[row] & 8 == 0
      measured[row] =
        (source.rates[row].isNaN ? 0 : Self.measuredEngagement)
        | (authenticity ? Self.measuredAuthenticity : 0) | (niche ? Self.measuredNiche : 0)
        | (audience ? Self.measuredAudience : 0)
    }
    return measured
  }

  /// Each row's place in the tie-break order: more measured inputs (bits of `measured`) first,
  /// then more followers (the wider reach at an equal score), then the id's UTF-8 bytes.
  ///
  /// Two stable passes, least significant first: the rows taken in id order are sorted by
  /// followers (``DoubleSort/sort(_:carrying:)``, a radix sort), then counted into their number
  /// of measured inputs; rows equal in both stay in id order. That is the order of one sort of
  /// (fewer measured, fewer followers, id rank).
  static func tieRanks(
    measured: ContiguousArray<UInt8>, followers: ContiguousArray<Double>,
    rowsByIDOrder: ContiguousArray<UInt32>
  ) -> ContiguousArray<UInt32> {
    var keys = [UInt64]()
    keys.reserveCapacity(rowsByIDOrder.count)
    var rows = [Int32]()
    rows.reserveCapacity(rowsByIDOrder.count)
    for row in rowsByIDOrder {
      // Non-negative doubles order as their bit patterns, so the complement orders descending.
      keys.append(~max(0, followers[Int(row)]).bitPattern)
      rows.append(Int32(bitPattern: row))
    }
    DoubleSort.sort(&keys, carrying: &rows)
    // A counting pass on the measured inputs (0–8 of them), fewer last: `starts[k]` is where the
    // rows with 8 − k measured inputs begin.
    var starts = [Int](repeating: 0, count: 10)
    for row in rows { starts[9 - measured[Int(UInt32(bitPattern: row))].nonzeroBitCount] += 1 }
    for fewer in 1..<starts.count { starts[fewer] += starts[fewer - 1] }
    var ranks = ContiguousArray<UInt32>(repeating: 0, count: measured.count)
    for row in rows {
      let index = Int(UInt32(bitPattern: row))
      let fewer = 8 - measured[index].nonzeroBitCount
      ranks[index] = UInt32(starts[fewer])
      starts[fewer] += 1
    }
    return ranks
  }

  /// 1 + ln k for term counts k below 256: the term-frequency factor of a posting's weight,
  /// the same values `1 + log(Double(k))` gives (it is how they are computed), looked up instead
  /// of a logarithm per posting (most counts are 1 or 2).
  static let termFrequencyWeights: [Double] = (0..<256).map { 1 + log(Double($0)) }

  /// The TF-IDF postings of `corpus`: per term, the rows that have it with their weight
  /// (1 + ln count) · idf, divided by the row's Euclidean norm. Rows with a norm of 0 (or NaN)
  /// have none.
  ///
  /// - Complexity: O(rows + postings + terms).
  static func buildPostings(corpus: CreatorCorpus, idf: [Double]) -> Postings {
    let termCount = corpus.terms.count
    var perTerm = Array(repeating: 0, count: termCount + 1)
    perTerm.withUnsafeMutableBufferPointer { perTerm in
      for id in corpus.termIDs { perTerm[Int(id) + 1] += 1 }
      if termCount > 0 {
        for index in 1...termCount { perTerm[index] += perTerm[index - 1] }
      }
    }
    var cursor = perTerm
    let total = corpus.termIDs.count
    let factors = termFrequencyWeights
    // A row's weights before the norm, computed once (they were computed twice, a logarithm
    // each time): the same products, divided by the same norm.
    var longest = 0
    for row in 0..<corpus.count {
      longest = max(longest, corpus.offsets[row + 1] - corpus.offsets[row])
    }
    var rowWeights = [Double](repeating: 0, count: longest)
    // Through buffers: the checks of five arrays per posting were most of this loop's time. The
    // rows and weights are written once each, not zeroed first: every slot is written below, a
    // posting or (the slots of rows without a norm) a zero.
    var rows = ContiguousArray<UInt32>()
    var weights = ContiguousArray<Float>()
    rows = ContiguousArray(unsafeUninitializedCapacity: total) { rows, rowsWritten in
      weights = ContiguousArray(unsafeUninitializedCapacity: total) { weights, weightsWritten in
        corpus.offsets.withUnsafeBufferPointer { offsets in
          corpus.termIDs.withUnsafeBufferPointer { termIDs in
            corpus.termCounts.withUnsafeBufferPointer { termCounts in
              idf.withUnsafeBufferPointer { idf in
                factors.withUnsafeBufferPointer { factors in
                  rowWeights.withUnsafeMutableBufferPointer { rowWeights in
                    cursor.withUnsafeMutableBufferPointer { cursor in
                      for row in 0..<corpus.count {
                        let start = offsets[row]
                        let end = offsets[row + 1]
                        var norm = 0.0
                        for entry in start..<end {
                          let count = Int(termCounts[entry])
                          let factor =
                            count < factors.count ? factors[count] : 1 + log(Double(count))
                          let weight = factor * idf[Int(termIDs[entry])]
                          rowWeights[entry - start] = weight
                          norm += weight * weight
                        }
                        norm = norm.squareRoot()
                        guard norm > 0 else { continue }
                        for entry in start..<end {
                          let term = Int(termIDs[entry])
                          let slot = cursor[term]
                          rows[slot] = UInt32(row)
                          weights[slot] = Float(rowWeights[entry - start] / norm)
                          cursor[term] = slot + 1
                        }
                      }
                      // A term's slots past its cursor belonged to rows without a norm: zero,
                      // as they always were.
                      for term in 0..<termCount {
                        for slot in cursor[term]..<perTerm[term + 1] {
                          rows[slot] = 0
                          weights[slot] = 0
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        weightsWritten = total
      }
      rowsWritten = total
    }
    return Postings(
      offsets: Column(ContiguousArray(perTerm)), rows: Column(rows), weights: Column(weights))
  }

  static func packCurrency(_ code: String?) -> UInt32 {
    guard let code, code.utf8.count == 3 else { return 0 }
    return code.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
  }

  /// The currency code of row `row`, if known.
  package func currency(of row: Int) -> String? {
    Self.unpackCurrency(currencies[row])
  }

  /// The code of a packed currency, or `nil` for 0.
  static func unpackCurrency(_ packed: UInt32) -> String? {
    guard packed != 0 else { return nil }
    let bytes = [UInt8(packed >> 16 & 0xFF), UInt8(packed >> 8 & 0xFF), UInt8(packed & 0xFF)]
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The measured real-audience share of `row` (from `aud_real_share` or authentic ÷ total
  /// engagements), or 1 when unmeasured.
  package func realShare(_ row: Int) -> Double {
    Self.realShare(evidence: evidence[row * Self.evidenceWidth + 6])
  }

  /// A real-share evidence value as a share: 1 when unmeasured (NaN), else clamped to 0–1.
  static func realShare(evidence value: Float) -> Double {
    value.isNaN ? 1 : Double(min(max(value, 0), 1))
  }

  /// The row of creator `id`, by binary search over the id order. O(log n).
  public func row(ofID id: String) -> Int? {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      let row = Int(rowsByIDRank[middle])
      let comparison = ByteOrder.compare(ids[row], id)
      if comparison == 0 { return row }
      if comparison < 0 { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  /// The id of a term, if the vocabulary has it.
  package func termID(_ term: String) -> Int? { termIDs[term].map(Int.init) }
}

/// One of the parts of a table built side by side (see ``CreatorTable/init(layout:corpus:model:threads:)``).
private enum TablePart: Sendable {
  case postings(Postings)
  case ranks(measured: ContiguousArray<UInt8>, ranks: ContiguousArray<UInt32>)
  case rowTerms(
    offsets: ContiguousArray<Int>, termIDs: Column<UInt32>, audience: ContiguousArray<UInt8>)
  case hot(HotColumns.Block)
}

/// A task of the scores of a table: the id order, the columns that do not depend on the
/// scores, or a block of rows scored (written in place, see ``ScoreColumns/withRows(_:)``).
private enum ScorePart: Sendable {
  case order([Int])
  case shared(SharedColumns)
  case scored
}

/// The table's columns that read neither the scores nor each other, built beside them.
private struct SharedColumns: Sendable {
  /// Age shares, bucket-major (``CreatorTableLayout/agesByBucket()``).
  var ages: ContiguousArray<Float>
  var countries: SparseShares
  var languages: SparseShares
  var interests: SparseShares
  /// Term ids by term.
  var vocabulary: [String: Int32]
  /// The idf of each term, by term id.
  var idf: [Double]

  init(layout: CreatorTableLayout, corpus: CreatorCorpus, model: PopulationModel) {
    ages = layout.agesByBucket()
    countries = layout.countryRows.build()
    languages = layout.languageRows.build()
    interests = layout.interestRows.build()
    vocabulary = [:]
    vocabulary.reserveCapacity(corpus.terms.count)
    for (id, term) in corpus.terms.enumerated() { vocabulary[term] = Int32(id) }
    idf = corpus.terms.map { model.documentFrequencies.idf($0) }
  }
}

/// The table's columns of the model-dependent scores.
struct ScoreColumns {
  var engagementScores: ContiguousArray<Double>
  var authenticity: ContiguousArray<Double>
  var rates: ContiguousArray<Float>
  var bases: ContiguousArray<UInt8>
  var posts: ContiguousArray<Float>
  var peerMeans: ContiguousArray<Double>
  var thetas: ContiguousArray<Double>
  var posteriors: ContiguousArray<Double>
  var flags: ContiguousArray<UInt16>
  var evidence: ContiguousArray<Float>
  var jumpSteps: ContiguousArray<UInt8>
  var evidenceSources: ContiguousArray<UInt8>

  /// Columns of `rows` rows at their final size, every value zero, for ``withRows(_:)`` to
  /// write in place.
  init(zeroed rows: Int) {
    engagementScores = ContiguousArray(repeating: 0, count: rows)
    authenticity = ContiguousArray(repeating: 0, count: rows)
    rates = ContiguousArray(repeating: 0, count: rows)
    bases = ContiguousArray(repeating: 0, count: rows)
    posts = ContiguousArray(repeating: 0, count: rows)
    peerMeans = ContiguousArray(repeating: 0, count: rows)
    thetas = ContiguousArray(repeating: 0, count: rows)
    posteriors = ContiguousArray(repeating: 0, count: rows)
    flags = ContiguousArray(repeating: 0, count: rows)
    evidence = ContiguousArray(repeating: 0, count: rows * CreatorTable.evidenceWidth)
    jumpSteps = ContiguousArray(repeating: 0, count: 2 * rows)
    evidenceSources = ContiguousArray(repeating: 0, count: rows)
  }

  /// Calls `body` with the columns' storage, whose rows it may write (``Rows/set(_:_:)``), from
  /// several threads at once as long as each row is written by one.
  mutating func withRows<Result>(_ body: (Rows) -> Result) -> Result {
    // Nested so that every pointer is valid for the whole call.
    engagementScores.withUnsafeMutableBufferPointer { engagementScores in
      authenticity.withUnsafeMutableBufferPointer { authenticity in
        rates.withUnsafeMutableBufferPointer { rates in
          bases.withUnsafeMutableBufferPointer { bases in
            posts.withUnsafeMutableBufferPointer { posts in
              peerMeans.withUnsafeMutableBufferPointer { peerMeans in
                thetas.withUnsafeMutableBufferPointer { thetas in
                  posteriors.withUnsafeMutableBufferPointer { posteriors in
                    flags.withUnsafeMutableBufferPointer { flags in
                      evidence.withUnsafeMutableBufferPointer { evidence in
                        jumpSteps.withUnsafeMutableBufferPointer { jumpSteps in
                          evidenceSources.withUnsafeMutableBufferPointer { evidenceSources in
                            body(
                              Rows(
                                engagementScores: engagementScores, authenticity: authenticity,
                                rates: rates, bases: bases, posts: posts, peerMeans: peerMeans,
                                thetas: thetas, posteriors: posteriors, flags: flags,
                                evidence: evidence, jumpSteps: jumpSteps,
                                evidenceSources: evidenceSources))
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// The storage of the columns while ``withRows(_:)`` lends it.
  struct Rows: @unchecked Sendable {
    // Safe to send: workers write disjoint rows, and the storage outlives them (`withRows`).
    let engagementScores: UnsafeMutableBufferPointer<Double>
    let authenticity: UnsafeMutableBufferPointer<Double>
    let rates: UnsafeMutableBufferPointer<Float>
    let bases: UnsafeMutableBufferPointer<UInt8>
    let posts: UnsafeMutableBufferPointer<Float>
    let peerMeans: UnsafeMutableBufferPointer<Double>
    let thetas: UnsafeMutableBufferPointer<Double>
    let posteriors: UnsafeMutableBufferPointer<Double>
    let flags: UnsafeMutableBufferPointer<UInt16>
    let evidence: UnsafeMutableBufferPointer<Float>
    let jumpSteps: UnsafeMutableBufferPointer<UInt8>
    let evidenceSources: UnsafeMutableBufferPointer<UInt8>

    /// Writes row `row`'s scores.
    func set(_ row: Int, _ scores: CreatorScores) {
      engagementScores[row] = scores.engagement.score
      authenticity[row] = scores.authenticity.score
      let observation = scores.engagement.observation
      rates[row] = observation.map { Float($0.rate) } ?? .nan
      bases[row] = observation?.basis == .views ? 1 : 0
      posts[row] = Float(observation?.posts ?? EngagementModel.defaultPostsSampled)
      peerMeans[row] = scores.engagement.peerMean
      thetas[row] = scores.engagement.theta
      posteriors[row] = scores.engagement.posteriorVariance
      flags[row] = scores.authenticity.mask
      let numbers = scores.authenticity.evidence
      let start = row * CreatorTable.evidenceWidth
      evidence[start] = Float(numbers.rawZ)
      evidence[start + 1] = numbers.commentsPerLike.map(Float.init) ?? .nan
      evidence[start + 2] = numbers.likes.map(Float.init) ?? .nan
      evidence[start + 3] = numbers.followRatio.map(Float.init) ?? .nan
      evidence[start + 4] = numbers.jumpZ.map(Float.init) ?? .nan
      evidence[start + 5] = numbers.jumpShare.map(Float.init) ?? .nan
      evidence[start + 6] = numbers.realShare.map(Float.init) ?? .nan
      jumpSteps[2 * row] = UInt8(clamping: numbers.jumpStep ?? 0)
      jumpSteps[2 * row + 1] = UInt8(clamping: numbers.jumpSteps ?? 0)
      evidenceSources[row] = numbers.realShareFromEngagement ? 1 : 0
    }
  }
}

/// Brief-independent scores of one creator.
struct CreatorScores: Sendable {
  var engagement: EngagementModel.Assessment
  var authenticity: Authenticity.Result

  /// Scores a creator from its ``CreatorScoreInput`` (the account type is laid out with the
  /// other model-independent columns, see ``CreatorTableLayout``).
  init(input: CreatorScoreInput, model: PopulationModel) {
    let basis = input.observation?.basis ?? .followers
    let curve = model.curve(for: CurveKey(platform: input.platform, basis: basis))
    engagement = EngagementModel.assess(
      input.observation, followers: input.followers, curve: curve)
    authenticity = Authenticity.assess(
      evidence: input.evidence, followers: input.followers, engagement: engagement)
  }
}
