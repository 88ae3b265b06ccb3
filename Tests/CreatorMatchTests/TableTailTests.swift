import CreatorMatch
import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchSupport

/// The faster steps of the table build after the file is read, each against the reference it
/// replaced: the tie ranks by stable passes over rows in id order against one sort of keys ending
/// in the id's rank, the postings with a table of logarithms against a logarithm per posting, and
/// the hot columns in blocks against one pass.
@Suite("Table build tail")
struct TableTailTests {
  /// The tie ranks as one comparison sort of 128-bit keys whose last 32 bits are the id's rank
  /// (the table's order before the stable passes).
  static func referenceTieRanks(
    measured: ContiguousArray<UInt8>, followers: ContiguousArray<Double>,
    rowsByIDOrder: ContiguousArray<UInt32>
  ) -> ContiguousArray<UInt32> {
    var idOrder = ContiguousArray<UInt32>(repeating: 0, count: measured.count)
    for (rank, row) in rowsByIDOrder.enumerated() { idOrder[Int(row)] = UInt32(rank) }
    var keys = [UInt128]()
    for row in measured.indices {
      let fewerMeasured = UInt128(7 - measured[row].nonzeroBitCount)
      let fewerFollowers = UInt128(~max(0, followers[row]).bitPattern)
      keys.append(fewerMeasured << 96 | fewerFollowers << 32 | UInt128(idOrder[row]))
    }
    keys.sort()
    var ranks = ContiguousArray<UInt32>(repeating: 0, count: measured.count)
    for (rank, key) in keys.enumerated() {
      ranks[Int(rowsByIDOrder[Int(truncatingIfNeeded: key & 0xFFFF_FFFF)])] = UInt32(rank)
    }
    return ranks
  }

  @Test(
    "tie ranks by stable passes in id order equal one sort with the id's rank",
    arguments: [0, 1, 7, 300, 20_000])
  func tieRanks(count: Int) {
    var random = SeededRandom(seed: UInt64(count) + 11)
    // Few distinct follower counts, so that ties on (measured, followers) are common; zeros,
    // negatives, fractions, huge and infinite counts and NaN too.
    let specials: [Double] = [0, -0.0, -5, 0.5, 1e300, .infinity, .nan, 1, 1_000, 1_000]
    // Up to seven measured bits, so that every count the ranks order by occurs.
    let measured = ContiguousArray((0..<count).map { _ in UInt8(random.next() % 128) })
    let followers = ContiguousArray(
      (0..<count).map { _ in
        random.chance(0.2)
          ? specials[Int(random.next() % UInt64(specials.count))]
          : Double(random.next() % 50) * 1_000
      })
    var rows = ContiguousArray((0..<count).map { UInt32($0) })
    rows.shuffle(using: &random)
    let ranks = CreatorTable.tieRanks(
      measured: measured, followers: followers, rowsByIDOrder: rows)
    #expect(
      ranks
        == Self.referenceTieRanks(measured: measured, followers: followers, rowsByIDOrder: rows))
  }

  /// The postings with a logarithm per posting, computed twice per row as they were.
  static func referencePostings(corpus: CreatorCorpus, idf: [Double]) -> Postings {
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

  @Test("the table of 1 + ln k holds exactly the logarithms it replaces")
  func termFrequencyWeights() {
    let table = CreatorTable.termFrequencyWeights
    #expect(table.count == 256)
    for count in table.indices {
      #expect(table[count].bitPattern == (1 + log(Double(count))).bitPattern)
    }
    #expect(table[1] == 1)
  }

  @Test("postings with the table of logarithms equal a logarithm per posting, bit for bit")
  func postings() {
    var creators = DatasetGenerator(seed: 17).creators(count: 1_500).map(\.creator)
    // Term counts past the table (300 and 1,000 of one word), a row of one repeated word, and
    // rows without text or with only words every row has (idf 0: no postings, norm 0).
    creators[0].bio = Array(repeating: "lipstick", count: 300).joined(separator: " ")
    creators[1].bio = Array(repeating: "tofu", count: 1_000).joined(separator: " ") + " vegan"
    creators[2].bio = ""
    creators[3].bio = "lipstick lipstick tofu"
    let corpus = CreatorCorpus(creators: creators, threads: 2)
    #expect(corpus.termCounts.contains { $0 >= 256 })
    let model = PopulationModel.fit(creators: creators, corpus: corpus)
    let idfs = [
      corpus.terms.map { model.documentFrequencies.idf($0) },
      // Zero and infinite weights: rows whose norm is 0 or infinite.
      corpus.terms.indices.map { $0 % 3 == 0 ? 0 : 1.5 },
      corpus.terms.indices.map { $0 % 97 == 0 ? .infinity : 0.25 },
      // No row has a norm: every slot is one left over, zero.
      corpus.terms.map { _ in 0 },
    ]
    for idf in idfs {
      let fast = CreatorTable.buildPostings(corpus: corpus, idf: idf)
      let reference = Self.referencePostings(corpus: corpus, idf: idf)
      #expect(Array(fast.offsets) == Array(reference.offsets))
      #expect(Array(fast.rows) == Array(reference.rows))
      #expect(Array(fast.weights).map(\.bitPattern) == Array(reference.weights).map(\.bitPattern))
    }
  }

  @Test("the rows' term ids view the corpus's array, which they keep alive")
  func rowTermIDs() {
    let creators = DatasetGenerator(seed: 23).creators(count: 300).map(\.creator)
    var corpus: CreatorCorpus? = CreatorCorpus(creators: creators, threads: 1)
    let expected = corpus.map { $0.termIDs.map { UInt32(bitPattern: $0) } } ?? []
    let column = corpus.map(CreatorTable.unsignedTermIDs) ?? Column()
    #expect(column.ownedCapacity == nil)
    corpus = nil
    #expect(!expected.isEmpty)
    #expect(Array(column) == expected)
    let empty = CreatorCorpus(creators: [], threads: 1)
    #expect(CreatorTable.unsignedTermIDs(empty).isEmpty)
  }

  /// A hot-column source of `count` random rows with `currencyCount` distinct rate-card
  /// currencies, first seen in an order spread over the rows.
  static func hotSource(count: Int, currencyCount: Int, seed: UInt64) -> HotColumns.Source {
    var random = SeededRandom(seed: seed)
    let codes = ["US", "PL", "DE", "GB", "BR", "IN", "XX", "FR"].map(TwoLetterCode.pack)
    var audience = SparseSharesBuilder(withLeaders: true)
    for _ in 0..<count {
      if random.chance(0.5) {
        audience.addRow([
          (codes[Int(random.next() % 8)], random.uniform(0.2, 0.7)),
          (codes[Int(random.next() % 8)], random.uniform(0, 0.3)),
        ])
      } else {
        audience.addRow([])
      }
    }
    func doubles(_ make: (inout SeededRandom) -> Double) -> ContiguousArray<Double> {
      ContiguousArray((0..<count).map { _ in make(&random) })
    }
    let currencies = ContiguousArray(
      (0..<count).map { row -> UInt32 in
        guard currencyCount > 0, row % 5 != 4 else { return 0 }
        // Letters "A".."Z" twice and a third for the index: up to 26³ codes.
        let index = (row * 7919) % currencyCount
        let letters = [index / 676, index / 26 % 26, index % 26].map { UInt32(65 + $0) }
        return letters[0] << 16 | letters[1] << 8 | letters[2]
      })
    return HotColumns.Source(
      engagementScores: doubles { $0.uniform(0, 1) },
      authenticity: doubles { $0.chance(0.1) ? 0 : $0.uniform(0, 1) },
      platforms: ContiguousArray(
        (0..<count).map { _ in UInt8(random.next() % UInt64(Platform.allCases.count)) }),
      tiers: ContiguousArray((0..<count).map { _ in UInt8(random.next() % 3) }),
      followers: doubles { ($0.uniform(2, 7) * log(10)).rounded() },
      views: ContiguousArray(
        (0..<count).map { _ in random.chance(0.3) ? .nan : Float(random.uniform(0, 50_000)) }),
      thetas: doubles { $0.normal(mean: -3, sd: 0.5) },
      peerMeans: doubles { $0.normal(mean: -3, sd: 0.2) },
      posteriorVariances: doubles { $0.uniform(0, 0.3) },
      prices: ContiguousArray(
        (0..<count).map { _ in random.chance(0.3) ? .nan : Float(random.uniform(10, 5_000)) }),
      currencies: currencies,
      flags: ContiguousArray((0..<count).map { _ in UInt16(random.next() & 0xFFFF) }),
      realShares: (0..<count).map { _ in random.chance(0.5) ? 1 : random.uniform(0, 1) },
      countries: ContiguousArray(
        (0..<count).map { _ in random.chance(0.3) ? 0 : codes[Int(random.next() % 8)] }),
      audienceCountries: audience.build())
  }

  @Test(
    "hot columns in blocks equal one pass over the rows",
    arguments: [(0, 0), (1, 3), (600, 5), (2_000, 126), (2_000, 127), (2_000, 300)])
  func hotBlocks(count: Int, currencyCount: Int) {
    let source = Self.hotSource(count: count, currencyCount: currencyCount, seed: UInt64(count))
    let whole = HotColumns(source)
    #expect(whole.currencyCodes.count <= HotColumns.maximumCurrencies)
    // Past the limit, the blocks' own numbering must agree on which currencies are numbered.
    if currencyCount > 200 { #expect(whole.currencyCodes.count == HotColumns.maximumCurrencies) }
    // The currencies numbered in order of first appearance, the first 126 only, row by row.
    var codes: [UInt32] = []
    var numbers: [UInt32: UInt8] = [:]
    var expectedNumbers: [UInt8] = []
    for row in 0..<count {
      var number: UInt8 = 0
      let packed = source.currencies[row]
      if !source.prices[row].isNaN && packed != 0 {
        if let known = numbers[packed] {
          number = known
        } else if codes.count < 126 {
          codes.append(packed)
          number = UInt8(codes.count)
          numbers[packed] = number
        }
      }
      expectedNumbers.append(number)
    }
    #expect(whole.priceKind.map { $0 & 0x7F } == expectedNumbers)
    #expect(whole.currencyCodes == codes.map { CreatorTable.unpackCurrency($0) ?? "" })
    for blockSize in [1, 37, 500, 4_096] {
      let blocks = ParallelBlocks(count: count, blockSize: blockSize)
      let joined = HotColumns(
        blocks: (0..<blocks.blockCount).map {
          HotColumns.Block(source, rows: blocks.range(ofBlock: $0))
        }, currencies: source.currencies)
      let label = "blocks of \(blockSize)"
      #expect(joined.currencyCodes == whole.currencyCodes, "\(label)")
      #expect(Array(joined.priceKind) == Array(whole.priceKind), "\(label)")
      #expect(Array(joined.marketKind) == Array(whole.marketKind), "\(label)")
      for (name, left, right) in [
        ("logEngagement", joined.logEngagement, whole.logEngagement),
        ("logAuthenticity", joined.logAuthenticity, whole.logAuthenticity),
        ("logImpressions", joined.logImpressions, whole.logImpressions),
        ("logRealShare", joined.logRealShare, whole.logRealShare),
        ("liftLog", joined.liftLog, whole.liftLog),
        ("logPrice", joined.logPrice, whole.logPrice),
        ("creatorVariance", joined.creatorVariance, whole.creatorVariance),
        ("logEstimatedCPM", joined.logEstimatedCPM, whole.logEstimatedCPM),
      ] {
        #expect(left.map(\.bitPattern) == right.map(\.bitPattern), "\(name), \(label)")
      }
    }
  }
}

@Suite("Fit from a layout in blocks")
struct LayoutFitBlockTests {
  @Test("the model fitted from a layout does not depend on threads or blocks")
  func blocks() {
    let creators = DatasetGenerator(seed: 29).creators(count: 2_000).map(\.creator)
    let corpus = CreatorCorpus(creators: creators, threads: 2)
    var layout = CreatorTableLayout(reserving: creators.count)
    layout.append(creators, rows: creators.indices, corpus: corpus, corpusRow: 0, threads: 2)
    let priors = AudiencePriors.fit(creators)
    // The reference: one pass over the creators themselves.
    let reference = PopulationModel.fit(creators: creators, corpus: corpus)
    for (threads, blockSize) in [(1, 65_536), (2, 1), (3, 97), (4, 1_000)] {
      let model = PopulationModel.fit(
        layout: layout, corpus: corpus, audiencePriors: priors, threads: threads,
        blockSize: blockSize)
      #expect(model == reference, "\(threads) threads, blocks of \(blockSize)")
    }
  }

  @Test("the score columns written in place by blocks are each row's scores, across blocks")
  func scoreColumnsInPlace() {
    // Past two blocks of 8,192 rows, on two threads, so that blocks end inside the table and
    // are written side by side.
    let creators = DatasetGenerator(seed: 23).creators(count: 16_500).map(\.creator)
    let table = Fixtures.table(creators, threads: 2)
    #expect(table.count == creators.count)
    for row in [0, 1, 8_191, 8_192, 8_193, 12_345, 16_383, 16_384, creators.count - 1] {
      let scores = CreatorScores(input: CreatorScoreInput(creators[row]), model: table.model)
      let observation = scores.engagement.observation
      #expect(table.engagementScores[row] == scores.engagement.score, "\(row)")
      #expect(table.authenticity[row] == scores.authenticity.score, "\(row)")
      #expect(
        table.rates[row].bitPattern == (observation.map { Float($0.rate) } ?? .nan).bitPattern)
      #expect(table.rateBases[row] == (observation?.basis == .views ? 1 : 0))
      #expect(
        table.postsSampled[row]
          == Float(observation?.posts ?? EngagementModel.defaultPostsSampled))
      #expect(table.peerMeans[row] == Float(scores.engagement.peerMean))
      #expect(table.thetas[row] == Float(scores.engagement.theta))
      #expect(table.authenticityFlags[row] == scores.authenticity.mask)
      let numbers = scores.authenticity.evidence
      let expected: [Float?] = [
        Float(numbers.rawZ), numbers.commentsPerLike.map(Float.init), numbers.likes.map(Float.init),
        numbers.followRatio.map(Float.init), numbers.jumpZ.map(Float.init),
        numbers.jumpShare.map(Float.init), numbers.realShare.map(Float.init),
      ]
      for (index, value) in expected.enumerated() {
        let stored = table.evidence[row * CreatorTable.evidenceWidth + index]
        #expect(stored.bitPattern == (value ?? .nan).bitPattern, "\(row) evidence \(index)")
      }
      #expect(table.jumpSteps[2 * row] == UInt8(clamping: numbers.jumpStep ?? 0))
      #expect(table.jumpSteps[2 * row + 1] == UInt8(clamping: numbers.jumpSteps ?? 0))
      #expect(table.evidenceSources[row] == (numbers.realShareFromEngagement ? 1 : 0))
    }
  }
}
