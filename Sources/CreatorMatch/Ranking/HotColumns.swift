import Foundation

/// Brief-independent terms of the score, precomputed per creator in log form so that a brief's
/// pass adds instead of multiplying and takes a logarithm only where a brief-dependent quantity
/// needs one. Every value here is exactly what the detail path computes, so a ranked row's
/// components reproduce its score bit for bit.
package struct HotColumns: Sendable {
  /// ln max(s_eng, 0.01).
  package let logEngagement: Column<Double>
  /// ln max(authenticity, 0.01).
  package let logAuthenticity: Column<Double>
  /// ln impressions per post with the default reach: ln avg views (video platforms with views)
  /// or ln(followers × reach rate(followers)).
  package let logImpressions: Column<Double>
  /// ln of the measured real-audience share (0 when unmeasured).
  package let logRealShare: Column<Double>
  /// The engagement lift in the forecast's CTR, 0.5·(θ − μ), or 0 when engagement is not trusted.
  package let liftLog: Column<Double>
  /// ln of the rate card in the creator's currency (NaN without one).
  package let logPrice: Column<Double>
  /// σ_I² + 0.25·v: the creator's own variance of ln(profit).
  package let creatorVariance: Column<Double>
  /// Bit 7: impressions come from views. Bits 0–6: index of the rate card's currency in
  /// ``currencyCodes`` plus 1 (0: none, or the currency is unknown).
  package let priceKind: Column<UInt8>
  /// The currencies of rate cards in the table.
  package let currencyCodes: [String]
  /// ln of the default CPM in USD for an estimated price: ln ``PriceEstimate/cpm(platform:followers:)``
  /// plus ln of the creator's ``MarketPriceLevel`` ratio when its own or its audience's country
  /// is known (otherwise the brief's market is added by the value kernel).
  package let logEstimatedCPM: Column<Double>
  /// The market of the estimate: bits 0–1 its ``MarketPriceLevel/Source`` (0: none, the brief's
  /// market applies), bit 2 the country is listed, bit 3 it is the US.
  package let marketKind: Column<UInt8>

  /// ln 0.01: the floor of every component's log.
  package static let logFloor = ComponentScores.logFloor

  /// The brief-independent columns these are derived from.
  struct Source {
    var engagementScores: ContiguousArray<Double>
    var authenticity: ContiguousArray<Double>
    var platforms: ContiguousArray<UInt8>
    var tiers: ContiguousArray<UInt8>
    var followers: ContiguousArray<Double>
    var views: ContiguousArray<Float>
    var thetas: ContiguousArray<Double>
    var peerMeans: ContiguousArray<Double>
    var posteriorVariances: ContiguousArray<Double>
    var prices: ContiguousArray<Float>
    var currencies: ContiguousArray<UInt32>
    var flags: ContiguousArray<UInt16>
    var realShares: [Double]
    var countries: ContiguousArray<UInt16>
    var audienceCountries: SparseShares
  }

  /// The ``marketKind`` bits of `market`.
  static func kind(of market: MarketPriceLevel.Market) -> UInt8 {
    var kind = market.source == .briefMarket ? 0 : market.source.rawValue
    if kind == 0 { return 0 }
    if market.listed { kind |= 4 }
    if market.country == "US" { kind |= 8 }
    return kind
  }

  /// The market of `row` from its own country, else its audience's top country (source
  /// `.unknown` when neither is known: the brief's market applies).
  static func market(
    _ row: Int, countries: Column<UInt16>, audience: SparseShares
  ) -> MarketPriceLevel.Market {
    market(own: countries[row], top: topCountry(row, audience: audience))
  }

  /// The packed top audience country of `row`, 0 when it has none.
  static func topCountry(_ row: Int, audience: SparseShares) -> UInt16 {
    audience.hasLeaders && audience.hasEntries(row) ? audience.leaderKeys[row] : 0
  }

  /// The market of a creator with packed own country `own` and top audience country `top`
  /// (0: unknown).
  static func market(own: UInt16, top: UInt16) -> MarketPriceLevel.Market {
    MarketPriceLevel.resolve(
      creatorCountry: TwoLetterCode.unpack(own), audienceCountry: TwoLetterCode.unpack(top),
      briefMarket: nil)
  }

  /// The columns of every row of `table`, computed on one thread.
  init(_ table: Source) {
    self.init(blocks: [Block(table, rows: 0..<table.followers.count)], currencies: table.currencies)
  }

  /// The columns of consecutive blocks of rows (``Block``, computed apart, in parallel), joined
  /// in order: the same columns one pass over all rows makes.
  ///
  /// - Parameters:
  ///   - blocks: Blocks covering the rows in order, each from the same ``Source``.
  ///   - currencies: The source's ``Source/currencies``.
  /// - Complexity: O(rows).
  init(blocks: consuming [Block], currencies packedCurrencies: ContiguousArray<UInt32>) {
    // The joined columns are a block's, numbered for the table.
    var joined = Block()
    joined.reserve(blocks.reduce(0) { $0 + $1.logEngagement.count })
    // Currencies are numbered in order of first appearance: a block's own first appearances,
    // taken block by block, are the table's.
    var currencies: [String] = []
    var currencyIndex: [UInt32: UInt8] = [:]
    for blockIndex in blocks.indices {
      // Taken out of the list, so that its columns are freed once copied (the blocks and the
      // joined columns were all held at once, 70 MB more at the peak for 1M creators).
      let block = blocks[blockIndex]
      blocks[blockIndex] = Block()
      var remap = [UInt8](repeating: 0, count: 128)
      for (local, packed) in block.currencies.enumerated() {
        let index: UInt8
        if let known = currencyIndex[packed] {
          index = known
        } else if currencies.count < Self.maximumCurrencies,
          let code = CreatorTable.unpackCurrency(packed)
        {
          currencies.append(code)
          index = UInt8(currencies.count)
          currencyIndex[packed] = index
        } else {
          index = 0
        }
        if local + 1 < Block.overflow { remap[local + 1] = index }
      }
      joined.appendColumns(of: block)
      for (offset, kind) in block.priceKind.enumerated() {
        let local = kind & 0x7F
        // A currency past the block's first 126 is looked up by its code (rare: a block of
        // rows with more than 126 currencies).
        let index =
          local == Block.overflow
          ? currencyIndex[packedCurrencies[block.start + offset]] ?? 0 : remap[Int(local)]
        joined.priceKind.append(kind & 0x80 | index)
      }
    }
    self.init(
      logEngagement: Column(joined.logEngagement), logAuthenticity: Column(joined.logAuthenticity),
      logImpressions: Column(joined.logImpressions), logRealShare: Column(joined.logRealShare),
      liftLog: Column(joined.liftLog), logPrice: Column(joined.logPrice),
      creatorVariance: Column(joined.creatorVariance), priceKind: Column(joined.priceKind),
      currencyCodes: currencies, logEstimatedCPM: Column(joined.logEstimatedCPM),
      marketKind: Column(joined.marketKind))
  }

  /// Currencies numbered in ``priceKind`` (bits 0–6, 0 for none).
  static let maximumCurrencies = 126

  /// The columns of one block of rows, with the rate cards' currencies numbered within the
  /// block (``init(blocks:)`` numbers them for the table).
  struct Block: Sendable {
    var logEngagement = ContiguousArray<Double>()
    var logAuthenticity = ContiguousArray<Double>()
    var logImpressions = ContiguousArray<Double>()
    var logRealShare = ContiguousArray<Double>()
    var liftLog = ContiguousArray<Double>()
    var logPrice = ContiguousArray<Double>()
    var creatorVariance = ContiguousArray<Double>()
    /// As ``HotColumns/priceKind``, with bits 0–6 an index into ``currencies`` plus 1, or
    /// ``overflow`` for a currency past the first 126.
    var priceKind = ContiguousArray<UInt8>()
    var logEstimatedCPM = ContiguousArray<Double>()
    var marketKind = ContiguousArray<UInt8>()
    /// The packed currencies of the block's rate cards in order of first appearance: all of
    /// them, since a currency past the block's first 126 may still be among the table's.
    var currencies: [UInt32] = []
    /// The block's first row.
    var start = 0

    /// The ``priceKind`` index of a currency past the first 126 of the block.
    static let overflow: UInt8 = 127

    /// Makes room for `rows` rows in every column.
    mutating func reserve(_ rows: Int) {
      logEngagement.reserveCapacity(rows)
      logAuthenticity.reserveCapacity(rows)
      logImpressions.reserveCapacity(rows)
      logRealShare.reserveCapacity(rows)
      liftLog.reserveCapacity(rows)
      logPrice.reserveCapacity(rows)
      creatorVariance.reserveCapacity(rows)
      priceKind.reserveCapacity(rows)
      logEstimatedCPM.reserveCapacity(rows)
      marketKind.reserveCapacity(rows)
    }

    /// Appends the columns of `other` but its price kinds, whose currency numbers the join
    /// renumbers for the table.
    mutating func appendColumns(of other: Block) {
      logEngagement.append(contentsOf: other.logEngagement)
      logAuthenticity.append(contentsOf: other.logAuthenticity)
      logImpressions.append(contentsOf: other.logImpressions)
      logRealShare.append(contentsOf: other.logRealShare)
      liftLog.append(contentsOf: other.liftLog)
      logPrice.append(contentsOf: other.logPrice)
      creatorVariance.append(contentsOf: other.creatorVariance)
      logEstimatedCPM.append(contentsOf: other.logEstimatedCPM)
      marketKind.append(contentsOf: other.marketKind)
    }

    /// An empty block.
    init() {}

    /// The columns of `rows` of `table`.
    init(_ table: Source, rows: Range<Int>) {
      let count = rows.count
      start = rows.lowerBound
      let flags = table.flags
      logEstimatedCPM.reserveCapacity(count)
      marketKind.reserveCapacity(count)
      logEngagement.reserveCapacity(count)
      logAuthenticity.reserveCapacity(count)
      logImpressions.reserveCapacity(count)
      logRealShare.reserveCapacity(count)
      liftLog.reserveCapacity(count)
      logPrice.reserveCapacity(count)
      creatorVariance.reserveCapacity(count)
      priceKind.reserveCapacity(count)
      var currencyIndex: [UInt32: Int] = [:]
      let untrusted = AuthenticityFlag.Kind.engagementFarAbovePeers.bit
      // The table's countries as a column once, for `market`, which also reads the table's own.
      let countries = Column(table.countries)
      var markets: [UInt32: (logRatio: Double, kind: UInt8)] = [:]
      let platforms = Platform.allCases
      for row in rows {
        logEngagement.append(ComponentScores.logFloored(table.engagementScores[row]))
        logAuthenticity.append(ComponentScores.logFloored(table.authenticity[row]))
        let platform = platforms[Int(table.platforms[row])]
        let views = table.views[row]
        let fromViews = platform.measuresEngagementByViews && !views.isNaN && views > 0
        let followers = table.followers[row]
        logImpressions.append(
          fromViews
            ? log(Double(views))
            : log(followers * PriceEstimate.reachRate(followers: followers)))
        // The market depends only on the two countries: resolved once per pair (a few hundred
        // in a table), not per row through two strings and the price-level tables.
        let own = countries[row]
        let top = HotColumns.topCountry(row, audience: table.audienceCountries)
        let pair = UInt32(own) << 16 | UInt32(top)
        let market: (logRatio: Double, kind: UInt8)
        if let known = markets[pair] {
          market = known
        } else {
          let resolved = HotColumns.market(own: own, top: top)
          market = (
            resolved.source == .unknown ? 0 : log(resolved.ratio), HotColumns.kind(of: resolved)
          )
          markets[pair] = market
        }
        logEstimatedCPM.append(
          log(PriceEstimate.cpm(platform: platform, followers: followers)) + market.logRatio)
        marketKind.append(market.kind)
        logRealShare.append(log(table.realShares[row]))
        liftLog.append(
          flags[row] & untrusted == 0 ? 0.5 * (table.thetas[row] - table.peerMeans[row]) : 0)
        let price = table.prices[row]
        logPrice.append(price.isNaN ? .nan : log(Double(price)))
        let impressionSD = fromViews ? ForecastPlan.viewsLogSD : ForecastPlan.impressionLogSD
        creatorVariance.append(impressionSD * impressionSD + 0.25 * table.posteriorVariances[row])
        var kind: UInt8 = fromViews ? 0x80 : 0
        let packed = table.currencies[row]
        if !price.isNaN && packed != 0 {
          let index: Int
          if let known = currencyIndex[packed] {
            index = known
          } else {
            currencies.append(packed)
            index = currencies.count
            currencyIndex[packed] = index
          }
          kind |= UInt8(min(index, Int(Block.overflow)))
        }
        priceKind.append(kind)
      }
    }
  }
}
