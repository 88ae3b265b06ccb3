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
    let count = creators.count
    self.count = count
    self.model = model
    let idList = creators.map(\.id)
    ids = StringColumn(idList)
    handles = OptionalStringColumn(creators.map(\.handle))

    let order = idList.indices.sorted { ByteOrder.precedes(idList[$0], idList[$1]) }
    var idOrder = ContiguousArray<UInt32>(repeating: 0, count: count)
    for (rank, row) in order.enumerated() { idOrder[row] = UInt32(rank) }
    let rowsByIDOrder = ContiguousArray(order.map { UInt32($0) })
    rowsByIDRank = Column(rowsByIDOrder)

    // Per-creator scores in parallel blocks. The bio rule of the account type reads a bio word
    // by word, which costs more than everything else a creator needs here; it runs only for rows
    // whose text has a term of some bio phrase (the corpus already tokenized every text, so the
    // check is a look-up per term).
    let phraseTerms = AccountType.bioPhraseTermMask(corpus.terms)
    let blocks = ParallelBlocks(count: count, blockSize: 8_192)
    let scored = blocks.map(threads: threads) { range in
      range.map { row -> CreatorScores in
        var mayNameType = false
        for entry in corpus.offsets[row]..<corpus.offsets[row + 1]
        where phraseTerms[Int(corpus.termIDs[entry])] {
          mayNameType = true
          break
        }
        return CreatorScores(creator: creators[row], model: model, readBio: mayNameType)
      }
    }
    var platforms = ContiguousArray<UInt8>()
    var tiers = ContiguousArray<UInt8>()
    var followers = ContiguousArray<Double>()
    var countries = ContiguousArray<UInt16>()
    var languages = ContiguousArray<UInt16>()
    var sponsored = ContiguousArray<Float>()
    var engagementScores = ContiguousArray<Double>()
    var authenticity = ContiguousArray<Double>()
    var rates = ContiguousArray<Float>()
    var bases = ContiguousArray<UInt8>()
    var posts = ContiguousArray<Float>()
    var peerMeans = ContiguousArray<Double>()
    var thetas = ContiguousArray<Double>()
    var posteriors = ContiguousArray<Double>()
    var views = ContiguousArray<Float>()
    var prices = ContiguousArray<Float>()
    var currencies = ContiguousArray<UInt32>()
    var flags = ContiguousArray<UInt16>()
    var evidence = ContiguousArray<Float>()
    var jumpSteps = ContiguousArray<UInt8>()
    var evidenceSources = ContiguousArray<UInt8>()
    // Every column at its final size at once: grown by doubling, each was copied as it grew and
    // kept up to twice the room it needed.
    platforms.reserveCapacity(count)
    tiers.reserveCapacity(count)
    followers.reserveCapacity(count)
    countries.reserveCapacity(count)
    languages.reserveCapacity(count)
    sponsored.reserveCapacity(count)
    engagementScores.reserveCapacity(count)
    authenticity.reserveCapacity(count)
    rates.reserveCapacity(count)
    bases.reserveCapacity(count)
    posts.reserveCapacity(count)
    peerMeans.reserveCapacity(count)
    thetas.reserveCapacity(count)
    posteriors.reserveCapacity(count)
    views.reserveCapacity(count)
    prices.reserveCapacity(count)
    currencies.reserveCapacity(count)
    flags.reserveCapacity(count)
    evidence.reserveCapacity(count * Self.evidenceWidth)
    jumpSteps.reserveCapacity(2 * count)
    evidenceSources.reserveCapacity(count)
    var row = 0
    for block in scored {
      for scores in block {
        let creator = creators[row]
        platforms.append(UInt8(creator.platform.ordinal))
        tiers.append(UInt8(creator.tier.ordinal))
        followers.append(creator.followers)
        countries.append(TwoLetterCode.pack(creator.country))
        languages.append(TwoLetterCode.pack(creator.language))
        sponsored.append(creator.sponsoredShare.map(Float.init) ?? .nan)
        engagementScores.append(scores.engagement.score)
        authenticity.append(scores.authenticity.score)
        let observation = scores.engagement.observation
        rates.append(observation.map { Float($0.rate) } ?? .nan)
        bases.append(observation?.basis == .views ? 1 : 0)
        posts.append(Float(observation?.posts ?? EngagementModel.defaultPostsSampled))
        peerMeans.append(scores.engagement.peerMean)
        thetas.append(scores.engagement.theta)
        posteriors.append(scores.engagement.posteriorVariance)
        views.append(creator.engagement.views.map(Float.init) ?? .nan)
        prices.append(creator.pricePerPost.map(Float.init) ?? .nan)
        currencies.append(Self.packCurrency(creator.currency))
        flags.append(scores.authenticity.mask)
        let numbers = scores.authenticity.evidence
        evidence.append(Float(numbers.rawZ))
        for value in [
          numbers.commentsPerLike, numbers.likes, numbers.followRatio, numbers.jumpZ,
          numbers.jumpShare, numbers.realShare,
        ] {
          evidence.append(value.map(Float.init) ?? .nan)
        }
        jumpSteps.append(UInt8(clamping: numbers.jumpStep ?? 0))
        jumpSteps.append(UInt8(clamping: numbers.jumpSteps ?? 0))
        evidenceSources.append(numbers.realShareFromEngagement ? 1 : 0)
        row += 1
      }
    }
    self.platforms = Column(platforms)
    self.tiers = Column(tiers)
    self.followers = Column(followers)
    self.countries = Column(countries)
    self.languages = Column(languages)
    self.sponsoredShares = Column(sponsored)
    self.engagementScores = Column(engagementScores)
    self.authenticity = Column(authenticity)
    self.rates = Column(rates)
    self.rateBases = Column(bases)
    self.postsSampled = Column(posts)
    self.peerMeans = Column(ContiguousArray(peerMeans.map { Float($0) }))
    self.thetas = Column(ContiguousArray(thetas.map { Float($0) }))
    self.views = Column(views)
    self.prices = Column(prices)
    self.currencies = Column(currencies)
    self.authenticityFlags = Column(flags)
    self.evidence = Column(evidence)
    self.jumpSteps = Column(jumpSteps)
    self.evidenceSources = Column(evidenceSources)

    // Categories → taxonomy masks, cached per distinct label.
    var maskCache: [String: UInt64] = [:]
    categoryMasks = Column(
      ContiguousArray(
        creators.map { creator in
          creator.categories.reduce(UInt64(0)) { mask, label in
            if let cached = maskCache[label] { return mask | cached }
            let computed = Taxonomy.builtIn.mask(forLabel: label)
            maskCache[label] = computed
            return mask | computed
          }
        }))
    categoryUnion = categoryMasks.reduce(0, |)

    // Account types: the text rules ran with the scores, in parallel; labels here, cached per
    // distinct label like the masks. The order is AccountType.infer's.
    var labelTypeCache: [String: AccountType?] = [:]
    var typeColumn = ContiguousArray<UInt8>()
    typeColumn.reserveCapacity(count)
    var nonCreators: [Int] = []
    row = 0
    for block in scored {
      for scores in block {
        var type = scores.knownType
        if type == nil {
          for label in creators[row].categories {
            let labelType: AccountType?
            if let cached = labelTypeCache[label] {
              labelType = cached
            } else {
              labelType = AccountType.type(forLabel: label)
              labelTypeCache[label] = labelType
            }
            if let labelType {
              type = labelType
              break
            }
          }
        }
        let final = type ?? scores.textType ?? .creator
        typeColumn.append(UInt8(final.ordinal))
        if final != .creator { nonCreators.append(row) }
        row += 1
      }
    }
    accountTypes = Column(typeColumn)
    nonCreatorRows = Column(ContiguousArray(nonCreators))

    // Audience.
    var female = ContiguousArray<Float>()
    // Bucket-major: a brief's age sum then reads one dense column per target bucket, which the
    // ranking's scattered survivors touch line by line like any other column, instead of a fresh
    // cache line per row.
    let buckets = AgeBucket.allCases.count
    var ages = ContiguousArray<Float>(repeating: .nan, count: count * buckets)
    var estimated = ContiguousArray<UInt8>()
    female.reserveCapacity(count)
    estimated.reserveCapacity(count)
    var countryRows = SparseSharesBuilder(withLeaders: true)
    var languageRows = SparseSharesBuilder(withLeaders: true)
    var interestRows = SparseSharesBuilder(withLeaders: false)
    var entryCounts = (countries: 0, languages: 0, interests: 0)
    for index in creators.indices {
      entryCounts.countries += creators[index].audience.countries?.entries.count ?? 0
      entryCounts.languages += creators[index].audience.languages?.entries.count ?? 0
      entryCounts.interests += creators[index].audience.interests?.entries.count ?? 0
    }
    countryRows.reserve(rows: count, entries: entryCounts.countries)
    languageRows.reserve(rows: count, entries: entryCounts.languages)
    interestRows.reserve(rows: count, entries: entryCounts.interests)
    var interestIDs: [String: UInt16] = [:]
    var interestLabels: [String] = []
    for (row, creator) in creators.enumerated() {
      let audience = creator.audience
      female.append(audience.femaleShare.map(Float.init) ?? .nan)
      if let shares = audience.ageShares {
        for (bucket, share) in shares.prefix(buckets).enumerated() {
          ages[bucket * count + row] = Float(share)
        }
      }
      var bits: UInt8 = 0
      if audience.countries?.sharesEstimated == true { bits |= 1 }
      if audience.languages?.sharesEstimated == true { bits |= 2 }
      if audience.interests?.sharesEstimated == true { bits |= 4 }
      // Bit 3: no text and no category to read a niche from.
      if corpus.offsets[row] == corpus.offsets[row + 1] && creator.categories.isEmpty {
        bits |= 8
      }
      estimated.append(bits)
      countryRows.addRow(
        audience.countries?.entries.map { (TwoLetterCode.pack($0.key), $0.share) } ?? [])
      languageRows.addRow(
        audience.languages?.entries.map { (TwoLetterCode.pack($0.key), $0.share) } ?? [])
      var interestEntries: [(UInt16, Double)] = []
      for entry in audience.interests?.entries ?? [] {
        let id: UInt16
        if let known = interestIDs[entry.key] {
          id = known
        } else {
          // Keys are 16-bit; a table with more distinct interests than that keeps the first ones.
          guard interestLabels.count < Int(UInt16.max) else { continue }
          id = UInt16(interestLabels.count)
          interestIDs[entry.key] = id
          interestLabels.append(entry.key)
        }
        interestEntries.append((id, entry.share))
      }
      interestRows.addRow(interestEntries)
    }
    femaleShares = Column(female)
    ageShares = Column(ages)
    estimatedShares = Column(estimated)
    audienceCountries = countryRows.build()
    audienceLanguages = languageRows.build()
    audienceInterests = interestRows.build()
    self.interestLabels = interestLabels

    // TF-IDF postings.
    terms = corpus.terms
    var vocabulary: [String: Int32] = [:]
    vocabulary.reserveCapacity(corpus.terms.count)
    for (id, term) in corpus.terms.enumerated() { vocabulary[term] = Int32(id) }
    termIDs = vocabulary
    let idf = corpus.terms.map { model.documentFrequencies.idf($0) }
    postings = Self.buildPostings(corpus: corpus, idf: idf)
    rowTermOffsets = Column(ContiguousArray(corpus.offsets))
    rowTermIDs = Column(ContiguousArray(corpus.termIDs.lazy.map { UInt32(bitPattern: $0) }))
    let realShares = (0..<count).map {
      Self.realShare(evidence: evidence[$0 * Self.evidenceWidth + 6])
    }
    hot = HotColumns(
      HotColumns.Source(
        engagementScores: engagementScores, authenticity: authenticity, platforms: platforms,
        tiers: tiers, followers: followers, views: views, thetas: thetas, peerMeans: peerMeans,
        posteriorVariances: posteriors, prices: prices, currencies: currencies, flags: flags,
        realShares: realShares, countries: countries,
        audienceCountries: audienceCountries))
    var measured = ContiguousArray<UInt8>(repeating: 0, count: count)
    let width = Self.evidenceWidth
    for row in 0..<count {
      var authenticity = !self.rates[row].isNaN || !self.sponsoredShares[row].isNaN
      for offset in 1..<width where !self.evidence[row * width + offset].isNaN {
        authenticity = true
      }
      let audience =
        !self.femaleShares[row].isNaN || !self.ageShares[row].isNaN
        || self.audienceCountries.hasEntries(row) || self.audienceLanguages.hasEntries(row)
        || self.audienceInterests.hasEntries(row)
      let niche = self.estimatedShares[row] & 8 == 0
      measured[row] =
        (self.rates[row].isNaN ? 0 : Self.measuredEngagement)
        | (authenticity ? Self.measuredAuthenticity : 0) | (niche ? Self.measuredNiche : 0)
        | (audience ? Self.measuredAudience : 0)
    }
    measuredInputs = Column(measured)
    idRanks = Column(
      Self.tieRanks(
        measured: measured, followers: followers, idOrder: idOrder, rowsByIDOrder: rowsByIDOrder))
  }

  /// Each row's place in the tie-break order: more measured inputs (bits of `measured`) first,
  /// then more followers
  /// (the wider reach at an equal score), then the id's UTF-8 bytes. One sort of 128-bit keys.
  static func tieRanks(
    measured: ContiguousArray<UInt8>, followers: ContiguousArray<Double>,
    idOrder: ContiguousArray<UInt32>, rowsByIDOrder: ContiguousArray<UInt32>
  ) -> ContiguousArray<UInt32> {
    var keys = [UInt128]()
    keys.reserveCapacity(measured.count)
    for row in measured.indices {
      // Non-negative doubles order as their bit patterns, so the complement orders descending;
      // the id's rank last makes every key distinct and names its row.
      let fewerMeasured = UInt128(7 - measured[row].nonzeroBitCount)
      let fewerFollowers = UInt128(~max(0, followers[row]).bitPattern)
      keys.append(fewerMeasured << 96 | fewerFollowers << 32 | UInt128(idOrder[row]))
    }
    keys.sort()
    var ranks = ContiguousArray<UInt32>(repeating: 0, count: measured.count)
    for (rank, key) in keys.enumerated() {
      let row = Int(rowsByIDOrder[Int(truncatingIfNeeded: key & 0xFFFF_FFFF)])
      ranks[row] = UInt32(rank)
    }
    return ranks
  }

  static func buildPostings(corpus: CreatorCorpus, idf: [Double]) -> Postings {
    let termCount = corpus.terms.count
    var perTerm = Array(repeating: 0, count: termCount + 1)
    for id in corpus.termIDs { perTerm[Int(id) + 1] += 1 }
    if termCount > 0 {
      for index in 1...termCount { perTerm[index] += perTerm[index - 1] }
    }
    var cursor = perTerm
    let total = corpus.termIDs.count
    var rows = ContiguousArray<UInt32>(repeating: 0, count: total)
    var weights = ContiguousArray<Float>(repeating: 0, count: total)
    for row in 0..<corpus.count {
      let range = corpus.offsets[row]..<corpus.offsets[row + 1]
      var norm = 0.0
      for entry in range {
        let weight = (1 + log(Double(corpus.termCounts[entry]))) * idf[Int(corpus.termIDs[entry])]
        norm += weight * weight
      }
      norm = norm.squareRoot()
      guard norm > 0 else { continue }
      for entry in range {
        let term = Int(corpus.termIDs[entry])
        let weight = (1 + log(Double(corpus.termCounts[entry]))) * idf[term] / norm
        let slot = cursor[term]
        rows[slot] = UInt32(row)
        weights[slot] = Float(weight)
        cursor[term] = slot + 1
      }
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

/// Brief-independent scores of one creator.
struct CreatorScores: Sendable {
  var engagement: EngagementModel.Assessment
  var authenticity: Authenticity.Result
  /// Account type rule 1 (listed handle), if it applies.
  var knownType: AccountType?
  /// Account type rules 3 and 4 (display name, then bio), if one applies.
  var textType: AccountType?

  /// Scores `creator`; `readBio` false skips the bio rule of the account type (the caller knows
  /// its text has no word of any bio phrase).
  init(creator: Creator, model: PopulationModel, readBio: Bool = true) {
    knownType = AccountType.known(handle: creator.handle, id: creator.id)
    textType =
      knownType == nil
      ? AccountType.type(forName: creator.name)
        ?? (readBio ? AccountType.type(forBio: creator.bio) : nil) : nil
    let observation = EngagementObservation(creator: creator)
    let basis = observation?.basis ?? .followers
    let curve = model.curve(for: CurveKey(platform: creator.platform, basis: basis))
    engagement = EngagementModel.assess(observation, followers: creator.followers, curve: curve)
    authenticity = Authenticity.assess(creator, engagement: engagement)
  }
}
