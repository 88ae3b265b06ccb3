import CreatorMatchSupport

/// The columns of a ``CreatorTable`` that depend on neither the model nor the other creators:
/// identity, platform and size, prices, category masks, account types and the audience, laid out
/// a stretch of creators at a time.
///
/// The table needs the fitted model for its scores, and the model needs every creator; laying
/// out the rest as the creators are read lets a reader drop each creator's text, categories and
/// audience once its stretch is laid out (see `CreatorCatalog.load`), instead of holding every
/// creator at full weight until the model is fitted. ``CreatorTable/init(layout:creators:corpus:model:threads:)``
/// adds the scores. The columns are the same however the creators are cut into stretches.
package struct CreatorTableLayout: Sendable {
  var ids: [String] = []
  var handles: [String?] = []
  var platforms = ContiguousArray<UInt8>()
  var tiers = ContiguousArray<UInt8>()
  var followers = ContiguousArray<Double>()
  var countries = ContiguousArray<UInt16>()
  var languages = ContiguousArray<UInt16>()
  var sponsored = ContiguousArray<Float>()
  var views = ContiguousArray<Float>()
  var prices = ContiguousArray<Float>()
  var currencies = ContiguousArray<UInt32>()
  var categoryMasks = ContiguousArray<UInt64>()
  var accountTypes = ContiguousArray<UInt8>()
  var nonCreatorRows: [Int] = []
  var female = ContiguousArray<Float>()
  /// Age shares row-major (the table keeps them bucket-major, which needs the final row count).
  var agesByRow = ContiguousArray<Float>()
  var estimated = ContiguousArray<UInt8>()
  var countryRows = SparseSharesBuilder(withLeaders: true)
  var languageRows = SparseSharesBuilder(withLeaders: true)
  var interestRows = SparseSharesBuilder(withLeaders: false)
  var interestIDs: [String: UInt16] = [:]
  var interestLabels: [String] = []
  /// What the model-dependent scores read of each row (the table's scores and the curve fit).
  var scoreInputs = ContiguousArray<CreatorScoreInput>()
  // Per distinct category label, its taxonomy mask and account type (labels repeat a lot).
  private var labelCache: [String: (mask: UInt64, type: AccountType?)] = [:]
  // The same answers by the labels' exact bytes, looked up first (see `ExactBytesTable`): a
  // `String` key was hashed by SipHash for every label of every row. Values index
  // `labelAnswers`.
  private var labelBytes = ExactBytesTable()
  private var labelAnswers: [(mask: UInt64, type: AccountType?)] = []
  // `interestIDs` by the keys' exact bytes, looked up first, as `labelBytes`.
  private var interestBytes = ExactBytesTable()
  /// One row's audience entries while they are added (reused: see `appendRow`).
  private var rowEntries: [(UInt16, Double)] = []

  /// Rows laid out so far.
  package var count: Int { ids.count }

  /// An empty layout with room for `rows` rows, so that no column is copied as it grows.
  ///
  /// - Parameter rows: The number of rows expected (0 when unknown: columns grow as needed).
  package init(reserving rows: Int = 0) {
    guard rows > 0 else { return }
    ids.reserveCapacity(rows)
    handles.reserveCapacity(rows)
    platforms.reserveCapacity(rows)
    tiers.reserveCapacity(rows)
    followers.reserveCapacity(rows)
    countries.reserveCapacity(rows)
    languages.reserveCapacity(rows)
    sponsored.reserveCapacity(rows)
    views.reserveCapacity(rows)
    prices.reserveCapacity(rows)
    currencies.reserveCapacity(rows)
    categoryMasks.reserveCapacity(rows)
    accountTypes.reserveCapacity(rows)
    female.reserveCapacity(rows)
    agesByRow.reserveCapacity(rows * AgeBucket.allCases.count)
    estimated.reserveCapacity(rows)
    scoreInputs.reserveCapacity(rows)
  }

  /// Lays out `creators[rows]` after the rows already laid out.
  ///
  /// - Parameters:
  ///   - creators: The creators; only `rows` are read.
  ///   - rows: The creators to lay out, in table order.
  ///   - corpus: Tokenized text holding these creators, `creators[rows.lowerBound]` at corpus row
  ///     `corpusRow` and the rest after it.
  ///   - corpusRow: The corpus row of the first creator of `rows`.
  ///   - threads: Worker threads for the account types; the result does not depend on it.
  /// - Complexity: O(rows + their text's terms and audience entries).
  package mutating func append(
    _ creators: [Creator], rows: Range<Int>, corpus: CreatorCorpus, corpusRow: Int, threads: Int
  ) {
    // The account type's text rules (rules 1, 3 and 4) and the score inputs in parallel
    // blocks. The bio rule reads a bio word by word, which costs more than everything else a
    // creator needs here; it runs only for rows whose text has a term of some bio phrase (the
    // corpus already tokenized every text, so the check is a look-up per term), and only when
    // every word of some phrase is among them (see `AccountType.BioPhraseFilter`).
    let bioFilter = AccountType.BioPhraseFilter(vocabulary: corpus.terms)
    let textTypes = ParallelBlocks(count: rows.count, blockSize: 8_192).map(threads: threads) {
      range in
      // The creator is borrowed from the array's storage, not copied: a copy of a creator
      // retains and releases each of its strings and arrays, a tenth of this pass (an array's
      // or a buffer's subscript passed as an argument was still copied; a pointer's is not).
      creators.withUnsafeBufferPointer {
        buffer -> [(known: AccountType?, text: AccountType?, input: CreatorScoreInput)] in
        guard let base = buffer.baseAddress else { return [] }
        return range.map { index in
          Self.textRules(
            base + rows.lowerBound + index, corpus: corpus, entry: corpusRow + index,
            bioFilter: bioFilter)
        }
      }
    }
    if rows.count > 0 {
      // The audience rows at their final size once, when this is the only stretch.
      var entries = (countries: 0, languages: 0, interests: 0)
      creators.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for row in rows {
          entries.countries += base[row].audience.countries?.entries.count ?? 0
          entries.languages += base[row].audience.languages?.entries.count ?? 0
          entries.interests += base[row].audience.interests?.entries.count ?? 0
        }
      }
      if count == 0 {
        // The room reserved for the rows of every stretch (see `init(reserving:)`), with as
        // many entries a row as this first stretch has.
        let expected = max(rows.count, ids.capacity)
        func scaled(_ entries: Int) -> Int {
          Int((Double(entries) * Double(expected) / Double(rows.count)).rounded(.up))
        }
        countryRows.reserve(rows: expected, entries: scaled(entries.countries))
        languageRows.reserve(rows: expected, entries: scaled(entries.languages))
        interestRows.reserve(rows: expected, entries: scaled(entries.interests))
      }
    }
    var index = 0
    creators.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for block in textTypes {
        for types in block {
          let entry = corpusRow + index
          appendRow(
            base + rows.lowerBound + index, types: types,
            hasText: corpus.offsets[entry] != corpus.offsets[entry + 1])
          index += 1
        }
      }
    }
  }

  /// The account type's text rules and the score inputs of `creator`, whose text is corpus row
  /// `entry`. The creator is read in place, field by field: passed whole from the array's
  /// storage it would be copied (a retain and a release of each of its strings and arrays).
  private static func textRules(
    _ creator: UnsafePointer<Creator>, corpus: CreatorCorpus, entry: Int,
    bioFilter: AccountType.BioPhraseFilter
  ) -> (known: AccountType?, text: AccountType?, input: CreatorScoreInput) {
    let input = CreatorScoreInput(creator)
    let known = AccountType.known(handle: creator.pointee.handle, id: creator.pointee.id)
    guard known == nil else { return (known, nil, input) }
    if let named = AccountType.type(forName: creator.pointee.name) { return (nil, named, input) }
    let mayMatch = corpus.termIDs.withUnsafeBufferPointer { ids in
      bioFilter.mayMatch(
        bio: creator.pointee.bio,
        terms: UnsafeBufferPointer(rebasing: ids[corpus.offsets[entry]..<corpus.offsets[entry + 1]])
      )
    }
    guard mayMatch else { return (nil, nil, input) }
    return (nil, AccountType.type(forBio: creator.pointee.bio), input)
  }

  /// Appends the columns of `creator` (read in place, as in `textRules`), with its text rules'
  /// results and whether it has text.
  private mutating func appendRow(
    _ creator: UnsafePointer<Creator>,
    types: (known: AccountType?, text: AccountType?, input: CreatorScoreInput),
    hasText: Bool
  ) {
    let buckets = AgeBucket.allCases.count
    let tableRow = count
    scoreInputs.append(types.input)
    ids.append(creator.pointee.id)
    handles.append(creator.pointee.handle)
    platforms.append(UInt8(creator.pointee.platform.ordinal))
    tiers.append(UInt8(creator.pointee.tier.ordinal))
    followers.append(creator.pointee.followers)
    countries.append(TwoLetterCode.pack(creator.pointee.country))
    languages.append(TwoLetterCode.pack(creator.pointee.language))
    sponsored.append(creator.pointee.sponsoredShare.map(Float.init) ?? .nan)
    views.append(creator.pointee.engagement.views.map(Float.init) ?? .nan)
    prices.append(creator.pointee.pricePerPost.map(Float.init) ?? .nan)
    currencies.append(CreatorTable.packCurrency(creator.pointee.currency))

    // Categories → taxonomy masks, and the account type in AccountType.infer's order: listed
    // handle, category label, display name, bio. Both cached per distinct label, in one look-up.
    var mask: UInt64 = 0
    var type = types.known
    for label in creator.pointee.categories {
      let cached: (mask: UInt64, type: AccountType?)
      if let known = labelBytes.value(for: label) {
        cached = labelAnswers[known]
      } else {
        if let known = labelCache[label] {
          cached = known
        } else {
          cached = (Taxonomy.builtIn.mask(forLabel: label), AccountType.type(forLabel: label))
          labelCache[label] = cached
        }
        labelBytes.insert(label, labelAnswers.count)
        labelAnswers.append(cached)
      }
      mask |= cached.mask
      if type == nil { type = cached.type }
    }
    categoryMasks.append(mask)
    let final = type ?? types.text ?? .creator
    accountTypes.append(UInt8(final.ordinal))
    if final != .creator { nonCreatorRows.append(tableRow) }

    // Audience, read through the pointer field by field: `let audience = creator.pointee
    // .audience` copied the profile (a retain and a release of its array and distributions).
    female.append(creator.pointee.audience.femaleShare.map(Float.init) ?? .nan)
    if let shares = creator.pointee.audience.ageShares {
      for bucket in 0..<buckets {
        agesByRow.append(bucket < shares.count ? Float(shares[bucket]) : .nan)
      }
    } else {
      for _ in 0..<buckets { agesByRow.append(.nan) }
    }
    var bits: UInt8 = 0
    if creator.pointee.audience.countries?.sharesEstimated == true { bits |= 1 }
    if creator.pointee.audience.languages?.sharesEstimated == true { bits |= 2 }
    if creator.pointee.audience.interests?.sharesEstimated == true { bits |= 4 }
    // Bit 3: no text and no category to read a niche from.
    if !hasText && creator.pointee.categories.isEmpty { bits |= 8 }
    estimated.append(bits)
    // The row's entries go through one reused array, not three new ones a row.
    Self.addCodeRow(creator.pointee.audience.countries, through: &rowEntries, to: &countryRows)
    Self.addCodeRow(creator.pointee.audience.languages, through: &rowEntries, to: &languageRows)
    rowEntries.removeAll(keepingCapacity: true)
    for entry in creator.pointee.audience.interests?.entries ?? [] {
      let id: UInt16
      if let known = interestBytes.value(for: entry.key) {
        id = UInt16(truncatingIfNeeded: known)
      } else if let known = interestIDs[entry.key] {
        // A key equal to one seen before, written with other bytes (composed or not).
        id = known
        interestBytes.insert(entry.key, Int(id))
      } else {
        // Keys are 16-bit; a table with more distinct interests than that keeps the first.
        guard interestLabels.count < Int(UInt16.max) else { continue }
        id = UInt16(interestLabels.count)
        interestIDs[entry.key] = id
        interestLabels.append(entry.key)
        interestBytes.insert(entry.key, Int(id))
      }
      rowEntries.append((id, entry.share))
    }
    interestRows.addRow(rowEntries)
  }

  /// Adds a row of two-letter codes' shares (countries or languages) to `rows`, packing the codes
  /// into `entries`, which is emptied first and reused from row to row.
  private static func addCodeRow(
    _ distribution: Distribution?, through entries: inout [(UInt16, Double)],
    to rows: inout SparseSharesBuilder
  ) {
    entries.removeAll(keepingCapacity: true)
    if let distribution {
      // By index into the entries' storage: iterating the array copied each entry (a retain and
      // a release of its key).
      distribution.entries.withUnsafeBufferPointer { buffer in
        for index in buffer.indices {
          entries.append((TwoLetterCode.pack(buffer[index].key), buffer[index].share))
        }
      }
    }
    rows.addRow(entries)
  }

  /// The age shares bucket-major, as the table keeps them: a brief's age sum then reads one
  /// dense column per target bucket.
  func agesByBucket() -> ContiguousArray<Float> {
    let buckets = AgeBucket.allCases.count
    let rows = count
    var ages = ContiguousArray<Float>(repeating: .nan, count: rows * buckets)
    for row in 0..<rows {
      for bucket in 0..<buckets {
        ages[bucket * rows + row] = agesByRow[row * buckets + bucket]
      }
    }
    return ages
  }
}

/// What the model-dependent scores of a creator read: its engagement observation, its
/// authenticity evidence without the engagement z-score, and what the curve fit reads, in about
/// a tenth of a `Creator`'s memory, so that a reader can drop the creators as it lays them out.
package struct CreatorScoreInput: Sendable {
  let platform: Platform
  let followers: Double
  let observation: EngagementObservation?
  // The evidence's optional numbers and the per-post variance; `present` says which are known.
  private let values: (Double, Double, Double, Double, Double, Double, Double, Double)
  private let steps: (Int32, Int32)
  /// Bits 0–7: `values` known; bits 8–9: `steps` known; bit 10: the real share was read from
  /// engagement.
  private let present: UInt16

  /// The inputs of `creator`.
  init(_ creator: borrowing Creator) {
    self = withUnsafePointer(to: creator) { CreatorScoreInput($0) }
  }

  /// The inputs of a creator held in place: its fields are read where they are, as a creator
  /// passed whole from an array's storage would be copied (a retain and a release of each of its
  /// strings and arrays, for every row of the table).
  init(_ creator: UnsafePointer<Creator>) {
    platform = creator.pointee.platform
    followers = creator.pointee.followers
    observation = EngagementObservation(creator: creator)
    let evidence = Authenticity.evidence(of: creator)
    var bits: UInt16 = 0
    // No array of the optionals: that would be an allocation per creator.
    func known(_ value: Double?, _ bit: Int) -> Double {
      guard let value else { return 0 }
      bits |= 1 << bit
      return value
    }
    values = (
      known(evidence.commentsPerLike, 0), known(evidence.likes, 1),
      known(evidence.followRatio, 2), known(evidence.jumpZ, 3), known(evidence.jumpShare, 4),
      known(evidence.sponsoredShare, 5), known(evidence.realShare, 6),
      known(creator.pointee.perPostLogRateVariance, 7)
    )
    // A step is an index into the follower history, far below 2³¹.
    steps = (
      Int32(clamping: evidence.jumpStep ?? 0), Int32(clamping: evidence.jumpSteps ?? 0)
    )
    if evidence.jumpStep != nil { bits |= 1 << 8 }
    if evidence.jumpSteps != nil { bits |= 1 << 9 }
    if evidence.realShareFromEngagement { bits |= 1 << 10 }
    present = bits
  }

  private func value(_ index: Int, _ value: Double) -> Double? {
    present & (1 << index) != 0 ? value : nil
  }

  /// `Authenticity.evidence(of:)` of the creator.
  var evidence: Authenticity.Evidence {
    var evidence = Authenticity.Evidence()
    evidence.commentsPerLike = value(0, values.0)
    evidence.likes = value(1, values.1)
    evidence.followRatio = value(2, values.2)
    evidence.jumpZ = value(3, values.3)
    evidence.jumpShare = value(4, values.4)
    evidence.sponsoredShare = value(5, values.5)
    evidence.realShare = value(6, values.6)
    evidence.jumpStep = present & (1 << 8) != 0 ? Int(steps.0) : nil
    evidence.jumpSteps = present & (1 << 9) != 0 ? Int(steps.1) : nil
    evidence.realShareFromEngagement = present & (1 << 10) != 0
    return evidence
  }

  /// The creator's per-post variance of the log rate, when a posts file gave one.
  var perPostVariance: Double? { value(7, values.7) }
}
