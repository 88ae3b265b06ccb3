extension CreatorTable {
  /// Bytes the table holds: every column's elements, the id and handle strings (their inline
  /// 16 bytes plus any heap storage), the vocabulary and the postings. Used by the benchmarks to
  /// report bytes per creator; it ignores allocator overhead, which the resident-size figure shows.
  public var memoryFootprint: Int {
    func bytes<T>(_ array: Column<T>) -> Int { array.count * MemoryLayout<T>.stride }
    var total = 0
    for string in ids { total += 16 + (string.utf8.count > 15 ? string.utf8.count : 0) }
    for string in handles {
      total += 16 + ((string?.utf8.count ?? 0) > 15 ? string?.utf8.count ?? 0 : 0)
    }
    for string in terms { total += 16 + (string.utf8.count > 15 ? string.utf8.count : 0) }
    total += terms.count * 24  // vocabulary dictionary entries (key, id, load factor)
    total +=
      bytes(idRanks) + bytes(rowsByIDRank) + bytes(platforms) + bytes(tiers) + bytes(followers)
    total += bytes(countries) + bytes(languages) + bytes(sponsoredShares) + bytes(engagementScores)
    total += bytes(authenticity) + bytes(categoryMasks) + bytes(rates) + bytes(rateBases)
    total += bytes(accountTypes) + nonCreatorRows.count * MemoryLayout<Int>.stride
    total += bytes(postsSampled) + bytes(peerMeans) + bytes(thetas)
    total += bytes(views) + bytes(prices) + bytes(currencies)
    total += bytes(authenticityFlags) + bytes(evidence) + bytes(jumpSteps) + bytes(evidenceSources)
    total += bytes(femaleShares) + bytes(ageShares) + bytes(estimatedShares) + bytes(measuredInputs)
    for shares in [audienceCountries, audienceLanguages, audienceInterests] {
      total += bytes(shares.offsets) + bytes(shares.keys) + bytes(shares.shares)
      total += bytes(shares.leaderKeys) + bytes(shares.leaderShares) + bytes(shares.runnerUpShares)
    }
    total += bytes(postings.offsets) + bytes(postings.rows) + bytes(postings.weights)
    total += bytes(rowTermOffsets) + bytes(rowTermIDs)
    total += bytes(hot.logEngagement) + bytes(hot.logAuthenticity) + bytes(hot.logImpressions)
    total += bytes(hot.logRealShare) + bytes(hot.liftLog) + bytes(hot.logPrice)
    total += bytes(hot.creatorVariance) + bytes(hot.priceKind)
    total += bytes(hot.logEstimatedCPM) + bytes(hot.marketKind)
    return total
  }

  /// Reads every byte of the columns a ranking pass reads for every creator, as fast as the
  /// machine can (64-bit words, no branches), and returns a checksum so the work is not elided.
  /// This is the physical limit the ranking pass is measured against.
  package func scanHotColumns() -> UInt64 {
    var sum: UInt64 = 0
    forEachHotColumn { raw in
      let words = raw.count / 8
      raw.baseAddress.map { base in
        let pointer = base.assumingMemoryBound(to: UInt64.self)
        var local: UInt64 = 0
        for index in 0..<words { local &+= pointer[index] }
        sum &+= local
      }
      for index in (words * 8)..<raw.count { sum &+= UInt64(raw[index]) }
    }
    return sum
  }

  /// Bytes of the columns ``scanHotColumns()`` reads, over all rows.
  package var hotBytes: Int {
    var total = 0
    forEachHotColumn { total += $0.count }
    return total
  }

  /// Calls `body` with the bytes of every column a ranking pass can read for a creator: the one
  /// list both the memory scan and its byte count use.
  func forEachHotColumn(_ body: (UnsafeRawBufferPointer) -> Void) {
    func visit<T>(_ array: Column<T>) { array.withUnsafeBytes(body) }
    visit(platforms)
    visit(tiers)
    visit(followers)
    visit(countries)
    visit(languages)
    visit(sponsoredShares)
    visit(hot.logEngagement)
    visit(hot.logAuthenticity)
    visit(authenticity)
    visit(categoryMasks)
    visit(femaleShares)
    visit(ageShares)
    visit(estimatedShares)
    visit(measuredInputs)
    for shares in [audienceCountries, audienceLanguages, audienceInterests] {
      visit(shares.offsets)
      visit(shares.keys)
      visit(shares.shares)
      visit(shares.leaderKeys)
      visit(shares.leaderShares)
      visit(shares.runnerUpShares)
    }
    visit(idRanks)
    visit(hot.logImpressions)
    visit(hot.logRealShare)
    visit(hot.liftLog)
    visit(hot.logPrice)
    visit(hot.creatorVariance)
    visit(hot.priceKind)
    visit(hot.logEstimatedCPM)
    visit(hot.marketKind)
  }
}
