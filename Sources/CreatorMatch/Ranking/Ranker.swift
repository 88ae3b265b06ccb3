/// Ranks a ``CreatorTable`` for a brief in one fused pass per block of creators (DESIGN §6).
///
/// Per block: the niche cosines are accumulated from the postings of the query's terms (terms in
/// a fixed order, so sums do not depend on blocks), exclusion phrases are marked, then one loop
/// applies the hard constraints, computes the audience share, the value score and the composite,
/// and offers the creator to the block's ``TopK``. Blocks run on all cores; their heaps are
/// merged by (score, id), so the result is identical for any thread count and any row order.
///
/// ```swift
/// let ranker = Ranker(table: table)
/// let ranking = ranker.rank(brief, top: 20)
/// for row in ranking.rows { print(row.rank, row.id, row.score) }
/// ```
/// Complexity: O(n + postings of the query terms + n/B · terms · log n) per brief, B = block size.
public struct Ranker: Sendable {
  /// The table ranked.
  public let table: CreatorTable
  /// Creators per block.
  public static let blockSize = 16_384

  /// Creates a ranker over `table`.
  public init(table: CreatorTable) {
    self.table = table
  }

  /// Ranks `brief`, keeping the best `top`, on `threads` workers (nil: all cores).
  public func rank(_ brief: CampaignBrief, top: Int, threads: Int? = nil) -> Ranking {
    rank(BriefPlan(brief: brief, table: table), top: top, threads: threads)
  }

  /// Ranks a compiled plan.
  public func rank(_ plan: BriefPlan, top: Int, threads: Int? = nil) -> Ranking {
    let blocks = ParallelBlocks(count: table.count, blockSize: Self.blockSize)
    let table = self.table
    let capacity = max(0, top)
    let results = blocks.map(threads: ParallelBlocks.threadCount(threads)) { range in
      Self.scoreBlock(range, plan: plan, table: table, capacity: capacity)
    }
    var filtered = FilterCounts()
    var eligible = 0
    for result in results {
      filtered.add(result.filtered)
      eligible += result.eligible
    }
    let best = TopK.merged(results.map(\.heap), capacity: capacity)
    let rows = best.enumerated().map { position, candidate in
      rankedCreator(row: Int(candidate.row), rank: position + 1, plan: plan)
    }
    return Ranking(
      plan: plan, candidates: table.count, eligible: eligible, filtered: filtered, rows: rows)
  }

  struct BlockResult: Sendable {
    var heap: TopK
    var filtered: FilterCounts
    var eligible: Int
  }

  /// The first constraint `row` fails, if any (exclusion phrases are checked separately).
  @inline(__always)
  static func failedConstraint(_ row: Int, plan: BriefPlan, table: CreatorTable) -> FilterReason? {
    if plan.platformMask & (1 << UInt32(table.platforms[row])) == 0 { return .platform }
    let followers = table.followers[row]
    if followers < plan.minFollowers || followers > plan.maxFollowers { return .followers }
    if plan.tierMask & (1 << table.tiers[row]) == 0 { return .tier }
    if let allowed = plan.countryAllowed, !allowed[Int(table.countries[row])] {
      return .creatorCountry
    }
    if table.authenticity[row] < plan.minAuthenticity { return .authenticity }
    let sponsored = table.sponsoredShares[row]
    if !sponsored.isNaN && sponsored > plan.maxSponsored { return .sponsoredShare }
    return nil
  }

  static func scoreBlock(
    _ range: Range<Int>, plan: BriefPlan, table: CreatorTable, capacity: Int
  ) -> BlockResult {
    let base = range.lowerBound
    var cosines = [Double](repeating: 0, count: range.count)
    let postings = table.postings
    for term in plan.niche.terms {
      let span = postings.range(ofTerm: term.id, rows: range)
      let weight = term.weight
      for index in span {
        cosines[Int(postings.rows[index]) - base] += weight * Double(postings.weights[index])
      }
    }
    var excluded = [Bool](repeating: false, count: plan.niche.excludes.isEmpty ? 0 : range.count)
    if !plan.niche.excludes.isEmpty {
      markExcluded(range, plan: plan, table: table, into: &excluded)
    }
    var excludedIDs = plan.excludedRows.drop(while: { $0 < range.lowerBound })
    var heap = TopK(capacity: capacity)
    var filtered = FilterCounts()
    var eligible = 0
    let weights = plan.weights
    for row in range {
      if let reason = failedConstraint(row, plan: plan, table: table) {
        filtered[reason] += 1
        continue
      }
      if let next = excludedIDs.first, next == row {
        excludedIDs = excludedIDs.dropFirst()
        filtered[.excludedID] += 1
        continue
      }
      if !excluded.isEmpty && excluded[row - base] {
        filtered[.excludedTerm] += 1
        continue
      }
      eligible += 1
      let scores = componentScores(row, cosine: cosines[row - base], plan: plan, table: table)
      heap.offer(
        TopK.Candidate(
          score: scores.composite(weights), idRank: table.idRanks[row], row: UInt32(row)))
    }
    return BlockResult(heap: heap, filtered: filtered, eligible: eligible)
  }

  /// Marks rows whose text contains every token of some exclusion phrase.
  static func markExcluded(
    _ range: Range<Int>, plan: BriefPlan, table: CreatorTable, into excluded: inout [Bool]
  ) {
    let base = range.lowerBound
    var hits = [UInt8](repeating: 0, count: range.count)
    for phrase in plan.niche.excludes where !phrase.termIDs.isEmpty {
      for index in hits.indices { hits[index] = 0 }
      let needed = Set(phrase.termIDs)
      for term in needed {
        for index in table.postings.range(ofTerm: term, rows: range) {
          hits[Int(table.postings.rows[index]) - base] &+= 1
        }
      }
      for index in hits.indices where Int(hits[index]) == needed.count { excluded[index] = true }
    }
  }

  /// The component scores of `row` given its niche cosine. The same function serves the hot
  /// loop and the detail path, so a ranked row's components always reproduce its score.
  @inline(__always)
  static func componentScores(
    _ row: Int, cosine: Double, plan: BriefPlan, table: CreatorTable
  ) -> ComponentScores {
    let categoryMatch = table.categoryMasks[row] & plan.niche.categoryMask != 0
    let niche = NicheQuery.fit(cosine: cosine, categoryMatch: categoryMatch)
    let audience = plan.audience.isEmpty ? 1 : plan.audience.evaluate(row, in: table).share
    var value: Double?
    if let forecast = plan.forecast {
      value = forecast.forecast(row: row, onTargetShare: audience, table: table).probabilityOfProfit
    }
    return ComponentScores(
      engagement: table.engagementScores[row], audience: audience, niche: niche,
      authenticity: table.authenticity[row], value: value)
  }

  /// The niche cosine of one row, summed over the query terms in the same order as the block pass.
  public func cosine(row: Int, plan: BriefPlan) -> Double {
    var sum = 0.0
    for term in plan.niche.terms {
      sum += term.weight * Double(table.postings.weight(ofTerm: term.id, row: row))
    }
    return sum
  }

  /// The ranked-creator record of `row`.
  public func rankedCreator(row: Int, rank: Int, plan: BriefPlan) -> RankedCreator {
    let scores = Self.componentScores(
      row, cosine: cosine(row: row, plan: plan), plan: plan, table: table)
    let audience =
      plan.audience.isEmpty
      ? (share: 1.0, estimated: false) : plan.audience.evaluate(row, in: table)
    let rate = table.rates[row]
    return RankedCreator(
      rank: rank, row: row, id: table.ids[row], handle: table.handles[row],
      platform: Platform.allCases[Int(table.platforms[row])], followers: table.followers[row],
      score: scores.composite(plan.weights), components: scores,
      engagementRate: rate.isNaN ? nil : Double(rate), audienceEstimated: audience.estimated,
      flags: table.authenticityFlags[row],
      forecast: plan.forecast?.forecast(row: row, onTargetShare: audience.share, table: table))
  }

  /// The constraint that removes `row` for `plan`, or `nil` when it is eligible.
  public func filterReason(row: Int, plan: BriefPlan) -> FilterReason? {
    if let reason = Self.failedConstraint(row, plan: plan, table: table) { return reason }
    if plan.excludedRows.contains(row) { return .excludedID }
    if !plan.niche.excludes.isEmpty {
      var excluded = [false]
      Self.markExcluded(row..<(row + 1), plan: plan, table: table, into: &excluded)
      if excluded[0] { return .excludedTerm }
    }
    return nil
  }
}
