import CreatorMatchSupport

/// Where a stored table's columns come from when it is rebuilt without its creators (a prepared
/// snapshot): each column by name, already checked against the file it came from, as a view of
/// storage the source keeps alive for as long as the column.
package protocol TableColumnSource {
  /// The column `name` as plain numbers; `count`, when given, is the number of elements it must
  /// have.
  func numbers<T: BitwiseCopyable>(_ name: String, as type: T.Type, count: Int?) throws
    -> Column<T>
  /// The string list `name`; `count`, when given, is the number it must have.
  func strings(_ name: String, count: Int?) throws -> StringColumn
  /// The optional string list `name` (a string list plus a presence byte per entry).
  func optionalStrings(_ name: String, count: Int?) throws -> OptionalStringColumn
}

/// Where a table's columns go when it is stored: each column by name.
package protocol TableColumnSink {
  /// Stores `values` as plain numbers under `name`.
  mutating func numbers<T: BitwiseCopyable>(_ name: String, _ values: Column<T>)
  /// Stores `values` under `name`.
  mutating func strings(_ name: String, _ values: StringColumn)
  /// Stores `values` under `name`, with whether each is present.
  mutating func optionalStrings(_ name: String, _ values: OptionalStringColumn)
}

/// A table column that is not the length its table says.
package struct TableColumnMismatch: Error, CustomStringConvertible {
  /// What does not fit.
  package let message: String
  /// The message.
  package var description: String { message }
}

extension CreatorTable {
  /// Stores every column of the table in `sink`, under the names ``init(columns:model:)`` reads.
  /// Derived lookups (the vocabulary dictionary) are not stored: they are rebuilt from terms.
  package func writeColumns(to sink: inout some TableColumnSink) {
    sink.numbers(
      "table.scalars",
      Column<UInt64>([
        UInt64(count), categoryUnion, audienceCountries.hasLeaders ? 1 : 0,
        audienceLanguages.hasLeaders ? 1 : 0, audienceInterests.hasLeaders ? 1 : 0,
      ]))
    sink.strings("table.ids", ids)
    sink.optionalStrings("table.handles", handles)
    sink.numbers("table.idRanks", idRanks)
    sink.numbers("table.measuredInputs", measuredInputs)
    sink.numbers("table.rowsByIDRank", rowsByIDRank)
    sink.numbers("table.platforms", platforms)
    sink.numbers("table.tiers", tiers)
    sink.numbers("table.followers", followers)
    sink.numbers("table.countries", countries)
    sink.numbers("table.languages", languages)
    sink.numbers("table.sponsoredShares", sponsoredShares)
    sink.numbers("table.engagementScores", engagementScores)
    sink.numbers("table.authenticity", authenticity)
    sink.numbers("table.categoryMasks", categoryMasks)
    sink.numbers("table.accountTypes", accountTypes)
    sink.numbers("table.nonCreatorRows", nonCreatorRows)
    sink.numbers("table.rates", rates)
    sink.numbers("table.rateBases", rateBases)
    sink.numbers("table.postsSampled", postsSampled)
    sink.numbers("table.peerMeans", peerMeans)
    sink.numbers("table.thetas", thetas)
    sink.numbers("table.views", views)
    sink.numbers("table.prices", prices)
    sink.numbers("table.currencies", currencies)
    sink.numbers("table.authenticityFlags", authenticityFlags)
    sink.numbers("table.evidence", evidence)
    sink.numbers("table.jumpSteps", jumpSteps)
    sink.numbers("table.evidenceSources", evidenceSources)
    sink.numbers("table.femaleShares", femaleShares)
    sink.numbers("table.ageShares", ageShares)
    for (name, shares) in [
      ("countries", audienceCountries), ("languages", audienceLanguages),
      ("interests", audienceInterests),
    ] {
      sink.numbers("audience.\(name).offsets", shares.offsets)
      sink.numbers("audience.\(name).keys", shares.keys)
      sink.numbers("audience.\(name).shares", shares.shares)
      sink.numbers("audience.\(name).leaderKeys", shares.leaderKeys)
      sink.numbers("audience.\(name).leaderShares", shares.leaderShares)
      sink.numbers("audience.\(name).runnerUpShares", shares.runnerUpShares)
    }
    sink.strings("table.interestLabels", StringColumn(interestLabels))
    sink.numbers("table.estimatedShares", estimatedShares)
    sink.numbers("table.audienceData", audienceData)
    sink.strings("text.terms", StringColumn(terms))
    sink.numbers("text.postings.offsets", postings.offsets)
    sink.numbers("text.postings.rows", postings.rows)
    sink.numbers("text.postings.weights", postings.weights)
    sink.numbers("text.rowTerms.offsets", rowTermOffsets)
    sink.numbers("text.rowTerms.ids", rowTermIDs)
    sink.numbers("hot.logEngagement", hot.logEngagement)
    sink.numbers("hot.logAuthenticity", hot.logAuthenticity)
    sink.numbers("hot.logImpressions", hot.logImpressions)
    sink.numbers("hot.logRealShare", hot.logRealShare)
    sink.numbers("hot.liftLog", hot.liftLog)
    sink.numbers("hot.logPrice", hot.logPrice)
    sink.numbers("hot.creatorVariance", hot.creatorVariance)
    sink.numbers("hot.priceKind", hot.priceKind)
    sink.strings("hot.currencyCodes", StringColumn(hot.currencyCodes))
    sink.numbers("hot.logEstimatedCPM", hot.logEstimatedCPM)
    sink.numbers("hot.marketKind", hot.marketKind)
  }

  /// Rebuilds a table from the columns ``writeColumns(to:)`` stored, without its creators: no
  /// text is tokenized, nothing is fitted, and the columns are used where `columns` keeps them
  /// (a snapshot's mapping) rather than copied.
  ///
  /// - Parameters:
  ///   - columns: The stored columns.
  ///   - model: The model the table was built with.
  /// - Throws: What `columns` throws for a missing or malformed column, or
  ///   ``TableColumnMismatch`` when the columns disagree with each other (row counts, offsets,
  ///   keys or rows out of range), so a damaged file cannot make a later read go out of bounds.
  /// - Complexity: O(n) for the checks of row numbers, codes and offsets (one pass over each
  ///   such column, no copies, the checks run on every core), plus one dictionary entry per term.
  package init(columns: some TableColumnSource, model: PopulationModel) throws {
    let scalars = try columns.numbers("table.scalars", as: UInt64.self, count: 5)
    guard scalars[0] <= UInt64(UInt32.max) else {
      throw TableColumnMismatch(message: "row count \(scalars[0]) is too large")
    }
    let n = Int(scalars[0])
    count = n
    self.model = model
    categoryUnion = scalars[1]
    ids = try columns.strings("table.ids", count: n)
    handles = try columns.optionalStrings("table.handles", count: n)
    idRanks = try columns.numbers("table.idRanks", as: UInt32.self, count: n)
    measuredInputs = try columns.numbers("table.measuredInputs", as: UInt8.self, count: n)
    rowsByIDRank = try columns.numbers("table.rowsByIDRank", as: UInt32.self, count: n)
    platforms = try columns.numbers("table.platforms", as: UInt8.self, count: n)
    tiers = try columns.numbers("table.tiers", as: UInt8.self, count: n)
    followers = try columns.numbers("table.followers", as: Double.self, count: n)
    countries = try columns.numbers("table.countries", as: UInt16.self, count: n)
    languages = try columns.numbers("table.languages", as: UInt16.self, count: n)
    sponsoredShares = try columns.numbers("table.sponsoredShares", as: Float.self, count: n)
    engagementScores = try columns.numbers("table.engagementScores", as: Double.self, count: n)
    authenticity = try columns.numbers("table.authenticity", as: Double.self, count: n)
    categoryMasks = try columns.numbers("table.categoryMasks", as: UInt64.self, count: n)
    accountTypes = try columns.numbers("table.accountTypes", as: UInt8.self, count: n)
    nonCreatorRows = try columns.numbers("table.nonCreatorRows", as: Int.self, count: nil)
    rates = try columns.numbers("table.rates", as: Float.self, count: n)
    rateBases = try columns.numbers("table.rateBases", as: UInt8.self, count: n)
    postsSampled = try columns.numbers("table.postsSampled", as: Float.self, count: n)
    peerMeans = try columns.numbers("table.peerMeans", as: Float.self, count: n)
    thetas = try columns.numbers("table.thetas", as: Float.self, count: n)
    views = try columns.numbers("table.views", as: Float.self, count: n)
    prices = try columns.numbers("table.prices", as: Float.self, count: n)
    currencies = try columns.numbers("table.currencies", as: UInt32.self, count: n)
    authenticityFlags = try columns.numbers("table.authenticityFlags", as: UInt16.self, count: n)
    evidence = try columns.numbers(
      "table.evidence", as: Float.self, count: n * Self.evidenceWidth)
    jumpSteps = try columns.numbers("table.jumpSteps", as: UInt8.self, count: 2 * n)
    evidenceSources = try columns.numbers("table.evidenceSources", as: UInt8.self, count: n)
    femaleShares = try columns.numbers("table.femaleShares", as: Float.self, count: n)
    ageShares = try columns.numbers(
      "table.ageShares", as: Float.self, count: n * AgeBucket.allCases.count)
    interestLabels = Array(try columns.strings("table.interestLabels", count: nil))
    // The O(n) checks of offsets, keys and row numbers, run together on every core at the end.
    var checks: [StructureCheck] = []
    func shares(_ name: String, leaders: UInt64, keyLimit: Int?) throws -> SparseShares {
      let offsets = try columns.numbers(
        "audience.\(name).offsets", as: UInt32.self, count: n + 1)
      let keys = try columns.numbers("audience.\(name).keys", as: UInt16.self, count: nil)
      let values = try columns.numbers(
        "audience.\(name).shares", as: Float.self, count: keys.count)
      let leaderCount = leaders == 1 ? n : 0
      let leaderKeys = try columns.numbers(
        "audience.\(name).leaderKeys", as: UInt16.self, count: leaderCount)
      let leaderShares = try columns.numbers(
        "audience.\(name).leaderShares", as: Float.self, count: leaderCount)
      let runnerUps = try columns.numbers(
        "audience.\(name).runnerUpShares", as: Float.self, count: leaderCount)
      checks.append(Self.offsetsCheck(offsets, total: keys.count, name: name))
      if let keyLimit {
        checks.append(
          StructureCheck(message: "audience \(name): a key names no label") {
            !keys.contains(where: { Int($0) >= keyLimit })
          })
      }
      return SparseShares(
        offsets: offsets, keys: keys, shares: values, leaderKeys: leaderKeys,
        leaderShares: leaderShares, runnerUpShares: runnerUps, hasLeaders: leaders == 1)
    }
    audienceCountries = try shares("countries", leaders: scalars[2], keyLimit: nil)
    audienceLanguages = try shares("languages", leaders: scalars[3], keyLimit: nil)
    audienceInterests = try shares(
      "interests", leaders: scalars[4], keyLimit: interestLabels.count)
    estimatedShares = try columns.numbers("table.estimatedShares", as: UInt8.self, count: n)
    // Any byte is a valid set of bits: a damaged one changes the coverage counts, never a read.
    audienceData = try columns.numbers("table.audienceData", as: UInt8.self, count: n)
    terms = Array(try columns.strings("text.terms", count: nil))
    var vocabulary: [String: Int32] = [:]
    vocabulary.reserveCapacity(terms.count)
    for (id, term) in terms.enumerated() { vocabulary[term] = Int32(id) }
    termIDs = vocabulary
    let postingOffsets = try columns.numbers(
      "text.postings.offsets", as: Int.self, count: terms.count + 1)
    let postingRows = try columns.numbers("text.postings.rows", as: UInt32.self, count: nil)
    let postingWeights = try columns.numbers(
      "text.postings.weights", as: Float.self, count: postingRows.count)
    checks.append(Self.offsetsCheck(postingOffsets, total: postingRows.count, name: "terms"))
    postings = Postings(offsets: postingOffsets, rows: postingRows, weights: postingWeights)
    rowTermOffsets = try columns.numbers("text.rowTerms.offsets", as: Int.self, count: n + 1)
    rowTermIDs = try columns.numbers("text.rowTerms.ids", as: UInt32.self, count: nil)
    // The row-term lists are checked where the expansion reads them (see `NicheQuery`).
    hot = HotColumns(
      logEngagement: try columns.numbers("hot.logEngagement", as: Double.self, count: n),
      logAuthenticity: try columns.numbers("hot.logAuthenticity", as: Double.self, count: n),
      logImpressions: try columns.numbers("hot.logImpressions", as: Double.self, count: n),
      logRealShare: try columns.numbers("hot.logRealShare", as: Double.self, count: n),
      liftLog: try columns.numbers("hot.liftLog", as: Double.self, count: n),
      logPrice: try columns.numbers("hot.logPrice", as: Double.self, count: n),
      creatorVariance: try columns.numbers("hot.creatorVariance", as: Double.self, count: n),
      priceKind: try columns.numbers("hot.priceKind", as: UInt8.self, count: n),
      currencyCodes: Array(try columns.strings("hot.currencyCodes", count: nil)),
      logEstimatedCPM: try columns.numbers("hot.logEstimatedCPM", as: Double.self, count: n),
      marketKind: try columns.numbers("hot.marketKind", as: UInt8.self, count: n))
    try Self.run(checks + rowChecks())
  }

  /// One O(n) structural check of a rebuilt table: whether it passes, and the message when not.
  struct StructureCheck: Sendable {
    /// Why the table is refused when the check fails.
    let message: String
    /// Reads the columns; `true` when they are consistent.
    let passes: @Sendable () -> Bool
  }

  /// Runs `checks` on every core, a check to a worker at a time (a snapshot's pages are first
  /// touched here, so the reading is spread over the cores), and throws the message of the first
  /// one that fails, in the order given.
  private static func run(_ checks: [StructureCheck]) throws {
    let results = ParallelBlocks(count: checks.count, blockSize: 1).map(
      threads: ParallelBlocks.threadCount(nil)
    ) { range in checks[range.lowerBound].passes() }
    if let failed = zip(checks, results).first(where: { !$0.1 }) {
      throw TableColumnMismatch(message: failed.0.message)
    }
  }

  /// Offsets must start at 0, never decrease and end at `total`.
  private static func offsetsCheck<T: BinaryInteger & BitwiseCopyable & Sendable>(
    _ offsets: Column<T>, total: Int, name: String
  ) -> StructureCheck {
    StructureCheck(message: "\(name): offsets do not describe the entries") {
      // In place over the column (a snapshot's mapping), without converting it to another array.
      let ordered = offsets.withUnsafeBufferPointer { buffer in
        zip(buffer, buffer.dropFirst()).allSatisfy { $0 <= $1 }
      }
      let last = offsets.last.map { Int($0) }
      return offsets.first == 0 && last == total && ordered
    }
  }

  /// Every stored row number (but the postings', whose readers skip one past the table) and
  /// enumerated code names something that exists, so no later read of a rebuilt table indexes
  /// out of bounds: the checks, the largest columns split in parts.
  private func rowChecks() -> [StructureCheck] {
    let message = "a row number or code is out of range"
    func below<T: FixedWidthInteger & BitwiseCopyable & Sendable>(
      _ column: Column<T>, _ bound: T
    ) -> [StructureCheck] {
      // The largest element of each part against the bound: one pass without an early exit,
      // which the compiler vectorizes (a damaged file is rare).
      let parts = ParallelBlocks(count: column.count, blockSize: 1 << 20)
      return (0..<parts.blockCount).map { part in
        let range = parts.range(ofBlock: part)
        return StructureCheck(message: message) {
          column.withUnsafeBufferPointer { buffer in
            UnsafeBufferPointer(rebasing: buffer[range]).reduce(T.min) { max($0, $1) } < bound
          }
        }
      }
    }
    let limit = UInt32(count)
    let count = self.count
    let nonCreatorRows = self.nonCreatorRows
    let priceKind = hot.priceKind
    let currencyCount = hot.currencyCodes.count
    // Not the postings' rows: their readers skip a row past the table (see `Postings`).
    return below(idRanks, limit) + below(rowsByIDRank, limit)
      + below(platforms, UInt8(Platform.allCases.count))
      + below(tiers, UInt8(Tier.allCases.count))
      + below(accountTypes, UInt8(AccountType.allCases.count)) + [
        StructureCheck(message: message) {
          nonCreatorRows.allSatisfy({ $0 >= 0 && $0 < count })
            && priceKind.allSatisfy({ Int($0 & 0x7F) <= currencyCount })
        }
      ]
  }
}

extension HotColumns {
  /// The columns as given: the builder's, or storage's (see ``CreatorTable/init(columns:model:)``).
  init(
    logEngagement: Column<Double>, logAuthenticity: Column<Double>,
    logImpressions: Column<Double>, logRealShare: Column<Double>,
    liftLog: Column<Double>, logPrice: Column<Double>,
    creatorVariance: Column<Double>, priceKind: Column<UInt8>,
    currencyCodes: [String], logEstimatedCPM: Column<Double>,
    marketKind: Column<UInt8>
  ) {
    self.logEngagement = logEngagement
    self.logAuthenticity = logAuthenticity
    self.logImpressions = logImpressions
    self.logRealShare = logRealShare
    self.liftLog = liftLog
    self.logPrice = logPrice
    self.creatorVariance = creatorVariance
    self.priceKind = priceKind
    self.currencyCodes = currencyCodes
    self.logEstimatedCPM = logEstimatedCPM
    self.marketKind = marketKind
  }
}
