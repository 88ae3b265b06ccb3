import Foundation

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
  ///
  /// Each worker takes blocks round-robin and keeps one heap across them, so its skip threshold
  /// (see the internal `scoreBlock`) rises once instead of once per block. The
  /// merged top k does not depend on which worker saw which creator: a creator is only ever
  /// skipped when it ranks strictly below k others.
  public func rank(_ plan: BriefPlan, top: Int, threads: Int? = nil) -> Ranking {
    let blocks = ParallelBlocks(count: table.count, blockSize: Self.blockSize)
    let table = self.table
    let capacity = max(0, top)
    let workers = max(1, min(ParallelBlocks.threadCount(threads), blocks.blockCount))
    let results = ParallelBlocks(count: workers, blockSize: 1).map(threads: workers) { range in
      var result = BlockResult(
        heap: TopK(capacity: capacity), filtered: FilterCounts(), eligible: 0)
      var threshold = -Double.infinity
      var block = range.lowerBound
      while block < blocks.blockCount {
        Self.scoreBlock(
          blocks.range(ofBlock: block), plan: plan, table: table, into: &result,
          threshold: &threshold)
        block += workers
      }
      return result
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
  static func failedConstraint(_ row: Int, plan: BriefPlan, table: CreatorTable) -> FilterReason? {
    table.withHotView { failedConstraint(row, plan: plan, view: $0) }
  }

  @inline(__always)
  static func failedConstraint(_ row: Int, plan: BriefPlan, view: CreatorTable.HotView)
    -> FilterReason?
  {
    if plan.platformMask & (1 << UInt32(view.platforms[row])) == 0 { return .platform }
    let followers = view.followers[row]
    if followers < plan.minFollowers || followers > plan.maxFollowers { return .followers }
    if plan.tierMask & (1 << view.tiers[row]) == 0 { return .tier }
    if let allowed = plan.countryAllowed, !allowed[Int(view.countries[row])] {
      return .creatorCountry
    }
    if view.authenticity[row] < plan.minAuthenticity { return .authenticity }
    let sponsored = view.sponsoredShares[row]
    if !sponsored.isNaN && sponsored > plan.maxSponsored { return .sponsoredShare }
    return nil
  }

  /// Scores one block into a worker's running result.
  ///
  /// Every component's log is at most 0, so an upper bound of a creator's log-score from the cheap
  /// terms (the precomputed engagement and authenticity logs, the niche floor) decides most
  /// creators without their audience, a logarithm, the value kernel or `exp`: a bound below the
  /// heap's threshold means the exact score is too.
  static func scoreBlock(
    _ range: Range<Int>, plan: BriefPlan, table: CreatorTable, into result: inout BlockResult,
    threshold: inout Double
  ) {
    let base = range.lowerBound
    let capacity = result.heap.capacity
    var cosines = [Double](repeating: 0, count: range.count)
    accumulateCosines(range, plan: plan, table: table, into: &cosines)
    var excluded = [Bool](repeating: false, count: plan.niche.excludes.isEmpty ? 0 : range.count)
    if !plan.niche.excludes.isEmpty {
      markExcluded(range, plan: plan, table: table, into: &excluded)
    }
    var excludedIDs = plan.excludedRows.drop(while: { $0 < range.lowerBound })
    let weights = plan.weights
    let kernel = weights.value > 0 ? plan.forecast?.kernel : nil
    let audienceEmpty = plan.audience.isEmpty
    let categoryMask = plan.niche.categoryMask
    let floor = ComponentScores.floor
    let logFloor = HotColumns.logFloor
    table.withHotView { view in
      for row in range {
        if let reason = failedConstraint(row, plan: plan, view: view) {
          result.filtered[reason] += 1
          continue
        }
        if let next = excludedIDs.first, next == row {
          excludedIDs = excludedIDs.dropFirst()
          result.filtered[.excludedID] += 1
          continue
        }
        if !excluded.isEmpty && excluded[row - base] {
          result.filtered[.excludedTerm] += 1
          continue
        }
        result.eligible += 1
        if capacity == 0 { continue }
        let niche = NicheQuery.fit(
          cosine: cosines[row - base], categoryMatch: view.categoryMasks[row] & categoryMask != 0)
        // Upper bounds with ln niche ≤ 0, ln audience ≤ 0 and ln value ≤ 0 where not yet known:
        // first without the audience (most creators stop here), then with it.
        let nicheBound = niche < floor ? logFloor : 0
        var bound = 0.0
        if weights.engagement > 0 { bound += weights.engagement * view.logEngagement[row] }
        if weights.niche > 0 { bound += weights.niche * nicheBound }
        if weights.authenticity > 0 { bound += weights.authenticity * view.logAuthenticity[row] }
        if bound < threshold { continue }
        let audience = audienceEmpty ? 1 : plan.audience.evaluate(row, in: table).share
        // The threshold's 10⁻⁹ margin covers the rounding of adding the audience term last.
        if audience < floor && weights.audience > 0
          && bound + weights.audience * logFloor < threshold
        {
          continue
        }
        let logAudience = audience < floor ? logFloor : log(audience)
        let logNiche = niche < floor ? logFloor : log(niche)
        var logValue = logFloor
        if let kernel {
          let logShare =
            audience >= floor ? logAudience : (audience > 0 ? log(audience) : -.infinity)
          let z = kernel.z(row, logAudience: logShare, table: table).z
          if z >= ValueKernel.floorZ {
            logValue = ComponentScores.logFloored(NormalDistribution.cdf(z))
          }
        }
        // The same sums, in the same order, as ComponentScores.composite.
        var logSum = 0.0
        if weights.engagement > 0 { logSum += weights.engagement * view.logEngagement[row] }
        if weights.audience > 0 { logSum += weights.audience * logAudience }
        if weights.niche > 0 { logSum += weights.niche * logNiche }
        if weights.authenticity > 0 { logSum += weights.authenticity * view.logAuthenticity[row] }
        if weights.value > 0 { logSum += weights.value * logValue }
        if logSum < threshold { continue }
        result.heap.offer(
          TopK.Candidate(score: 100 * exp(logSum), idRank: view.idRanks[row], row: UInt32(row)))
        if result.heap.count == capacity, let worst = result.heap.worst {
          threshold = rankedThreshold(worst.score)
        }
      }
    }
  }

  /// The log-score below which a creator cannot beat a heap whose worst score is `worst`:
  /// ln(worst/100) − 10⁻⁹. A log-score below it gives 100·exp(·) < worst even after exp's rounding
  /// (far below 10⁻⁹ relative), so skipping it changes nothing, ties included.
  @inline(__always)
  static func rankedThreshold(_ worst: Double) -> Double {
    worst > 0 ? log(worst / 100) - 1e-9 : -.infinity
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

  /// The component scores of `row` given its niche cosine and on-target audience share,
  /// computed with exactly the arithmetic of the ranking pass, so a ranked row's components
  /// reproduce its score bit for bit.
  static func componentScores(
    _ row: Int, cosine: Double, audience: Double, plan: BriefPlan, table: CreatorTable
  ) -> ComponentScores {
    let categoryMatch = table.categoryMasks[row] & plan.niche.categoryMask != 0
    let niche = NicheQuery.fit(cosine: cosine, categoryMatch: categoryMatch)
    let value = plan.forecast.map {
      $0.kernel.value(row, logAudience: audience > 0 ? log(audience) : -.infinity, table: table)
    }
    return ComponentScores(
      engagement: table.engagementScores[row], audience: audience, niche: niche,
      authenticity: table.authenticity[row], value: value)
  }

  /// Niche fit of every row for a plan (cosines by blocks over the postings, then the category
  /// floor): the niche component alone, as the benchmarks measure it.
  public func nicheFits(_ plan: BriefPlan, threads: Int? = nil) -> [Double] {
    let table = self.table
    let blocks = ParallelBlocks(count: table.count, blockSize: Self.blockSize)
    return blocks.map(threads: ParallelBlocks.threadCount(threads)) { range -> [Double] in
      var cosines = [Double](repeating: 0, count: range.count)
      Self.accumulateCosines(range, plan: plan, table: table, into: &cosines)
      for (offset, row) in range.enumerated() {
        cosines[offset] = NicheQuery.fit(
          cosine: cosines[offset],
          categoryMatch: table.categoryMasks[row] & plan.niche.categoryMask != 0)
      }
      return cosines
    }.flatMap { $0 }
  }

  /// Scores of every row (NaN for a row that fails a constraint), through the detail path, which
  /// gives the same bits as the ranking pass. For exports and cross-checks; O(n · terms · log n).
  public func allScores(_ plan: BriefPlan) -> [Double] {
    (0..<table.count).map { row in
      guard filterReason(row: row, plan: plan) == nil else { return .nan }
      return Self.componentScores(
        row, cosine: cosine(row: row, plan: plan),
        audience: plan.audience.evaluate(row, in: table).share, plan: plan, table: table
      )
      .composite(plan.weights)
    }
  }

  /// Adds every query term's postings in `range` into `cosines` (indexed from the range start),
  /// term by term in the query's fixed order.
  static func accumulateCosines(
    _ range: Range<Int>, plan: BriefPlan, table: CreatorTable, into cosines: inout [Double]
  ) {
    let base = range.lowerBound
    let postings = table.postings
    for term in plan.niche.terms {
      let span = postings.range(ofTerm: term.id, rows: range)
      let weight = term.weight
      for index in span {
        cosines[Int(postings.rows[index]) - base] += weight * Double(postings.weights[index])
      }
    }
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
    let audience = plan.audience.evaluate(row, in: table)
    let scores = Self.componentScores(
      row, cosine: cosine(row: row, plan: plan), audience: audience.share, plan: plan,
      table: table)
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
