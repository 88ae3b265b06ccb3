import CreatorMatchSupport
import Foundation

/// Ranks a ``CreatorTable`` for a brief in one staged pass per block of creators
/// (<doc:Formulas#Ranking>).
///
/// Per block: the niche cosines are accumulated from the postings of the query's terms (terms in
/// a fixed order, so sums do not depend on blocks), exclusion phrases are marked, then a
/// branch-free sweep applies the hard constraints and a cheap score bound to every creator, and
/// the few survivors get tighter bounds and finally their exact audience share, value score and
/// composite, offered to the worker's `TopK`. Blocks run on all cores; their heaps are merged by
/// (score, id), so the result is identical for any thread count and any row order.
///
/// ```swift
/// let ranker = Ranker(table: table)
/// let ranking = ranker.rank(brief, top: 20)
/// for row in ranking.rows { print(row.rank, row.id, row.score) }
/// ```
/// - Complexity: O(n + postings of the query terms + n/B · terms) per brief, B = block size.
public struct Ranker: Sendable {
  /// The table ranked.
  public let table: CreatorTable
  /// Creators per block.
  package static let blockSize = 16_384

  /// Creates a ranker over `table`.
  ///
  /// - Parameter table: The creators to rank, built once and shared by every brief.
  public init(table: CreatorTable) {
    self.table = table
  }

  /// Ranks `brief`, keeping the best `top`, on `threads` workers (nil: all cores).
  ///
  /// - Parameters:
  ///   - brief: The campaign brief to score every creator against.
  ///   - top: How many creators to keep; zero or less keeps none.
  ///   - threads: Worker threads; `nil` uses every core. The result does not depend on it.
  /// - Returns: The best `top` creators, best first (ties broken by measured inputs, followers, then id bytes), with the plan and
  ///   filter counts.
  /// - Complexity: O(n log k) for n creators and k = `top`, plus the brief's postings.
  public func rank(_ brief: CampaignBrief, top: Int, threads: Int? = nil) -> Ranking {
    rank(BriefPlan(brief: brief, table: table), top: top, threads: threads)
  }

  /// Ranks a compiled plan.
  ///
  /// Each worker takes blocks round-robin and keeps one heap across them, so its skip threshold
  /// (see the internal `scoreBlock`) rises once instead of once per block. The
  /// merged top k does not depend on which worker saw which creator: a creator is only ever
  /// skipped when it ranks strictly below k others.
  ///
  /// - Parameters:
  ///   - plan: The brief compiled against this ranker's table.
  ///   - top: How many creators to keep; zero or less keeps none.
  ///   - threads: Worker threads; `nil` uses every core. The result does not depend on it.
  /// - Returns: The best `top` creators, best first, with the plan and filter counts.
  /// - Complexity: O(n log k) for n creators and k = `top`, plus the brief's postings.
  public func rank(_ plan: BriefPlan, top: Int, threads: Int? = nil) -> Ranking {
    let blocks = ParallelBlocks(count: table.count, blockSize: Self.blockSize)
    let table = self.table
    let capacity = max(0, top)
    let workers = max(1, min(ParallelBlocks.threadCount(threads), blocks.blockCount))
    let spans = QuerySpans(plan: plan, table: table, blocks: blocks)
    let results = ParallelBlocks(count: workers, blockSize: 1).map(threads: workers) { range in
      var result = BlockResult(
        heap: TopK(capacity: capacity), filtered: FilterCounts(), eligible: 0)
      var threshold = -Double.infinity
      var scratch = BlockScratch()
      var block = range.lowerBound
      while block < blocks.blockCount {
        Self.scoreBlock(
          block, of: blocks, spans: spans, plan: plan, table: table, into: &result,
          threshold: &threshold, scratch: &scratch)
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

  /// A worker's per-block arrays, kept from one block to the next: allocated afresh for every
  /// block, the allocator handed their pages back and faulted them in again (about 2,000 page
  /// faults, a tenth of a ranking from a 1M-creator snapshot).
  struct BlockScratch {
    var cosines = ContiguousArray<Double>()
    var rows = ContiguousArray<UInt32>()

    /// `array` holding `count` copies of `value`, in the storage it already has.
    @inline(__always)
    static func reset<T>(_ array: inout ContiguousArray<T>, count: Int, to value: T) {
      array.removeAll(keepingCapacity: true)
      array.append(contentsOf: repeatElement(value, count: count))
    }
  }

  struct BlockResult: Sendable {
    var heap: TopK
    var filtered: FilterCounts
    var eligible: Int
    /// The checksum of the lines touched ahead of scoring; kept so the loads are not removed.
    var touched: UInt32 = 0
  }

  /// The first constraint `row` fails, if any, in ``sweepChecks`` order (exclusion phrases, which
  /// need the postings, are checked separately): the lowest bit of the failure mask that
  /// ``markFailures(_:plan:view:excluded:into:)`` writes for this row alone, so a row's reason and
  /// the sweep's counts come from one definition of every check.
  static func failedConstraint(_ row: Int, plan: BriefPlan, table: CreatorTable) -> FilterReason? {
    var mask: UInt8 = 0
    table.withHotView { view in
      withUnsafeMutablePointer(to: &mask) { mask in
        markFailures(
          row..<(row + 1), plan: plan, view: view, excluded: [],
          into: UnsafeMutableBufferPointer(start: mask, count: 1))
      }
    }
    return mask == 0 ? nil : sweepChecks[mask.trailingZeroBitCount]
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
      authenticity: table.authenticity[row], value: value, overlap: plan.overlapScores?[row])
  }

  /// Niche fit of every row for a plan (cosines by blocks over the postings, then the category
  /// floor): the niche component alone, as the benchmarks measure it.
  package func nicheFits(_ plan: BriefPlan, threads: Int? = nil) -> [Double] {
    let table = self.table
    let blocks = ParallelBlocks(count: table.count, blockSize: Self.blockSize)
    let spans = QuerySpans(plan: plan, table: table, blocks: blocks)
    return blocks.map(threads: ParallelBlocks.threadCount(threads)) { range -> [Double] in
      var cosines = ContiguousArray<Double>(repeating: 0, count: range.count)
      Self.accumulateCosines(
        range, block: range.lowerBound / Self.blockSize, spans: spans, plan: plan, table: table,
        into: &cosines)
      for (offset, row) in range.enumerated() {
        cosines[offset] = NicheQuery.fit(
          cosine: cosines[offset],
          categoryMatch: table.categoryMasks[row] & plan.niche.categoryMask != 0)
      }
      return Array(cosines)
    }.flatMap { $0 }
  }

  /// Scores of every row (NaN for a row that fails a constraint), through the detail path, which
  /// gives the same bits as the ranking pass. For exports and cross-checks; O(n · terms · log n).
  package func allScores(_ plan: BriefPlan) -> [Double] {
    (0..<table.count).map { row in
      guard filterReason(row: row, plan: plan) == nil else { return .nan }
      return Self.componentScores(
        row, cosine: cosine(row: row, plan: plan),
        audience: plan.audience.evaluate(row, in: table).share, plan: plan, table: table
      )
      .composite(plan.weights)
    }
  }

  /// The niche cosine of one row, summed over the query terms in the same order as the block pass.
  package func cosine(row: Int, plan: BriefPlan) -> Double {
    var sum = 0.0
    for term in plan.niche.terms {
      sum += term.weight * Double(table.postings.weight(ofTerm: term.id, row: row))
    }
    return sum
  }

  /// The ranked-creator record of `row`.
  package func rankedCreator(row: Int, rank: Int, plan: BriefPlan) -> RankedCreator {
    let audience = plan.audience.evaluate(row, in: table)
    let scores = Self.componentScores(
      row, cosine: cosine(row: row, plan: plan), audience: audience.share, plan: plan,
      table: table)
    let rate = table.rates[row]
    let forecast = plan.forecast?.forecast(row: row, onTargetShare: audience.share, table: table)
    return RankedCreator(
      rank: rank, row: row, id: table.ids[row], handle: table.handles[row],
      platform: Platform.allCases[Int(table.platforms[row])], followers: table.followers[row],
      score: scores.composite(plan.weights), components: scores,
      engagementRate: rate.isNaN ? nil : Double(rate),
      evidence: evidence(row: row, audience: audience.evidence, forecast: forecast, plan: plan),
      measuredInputs: table.measuredInputs[row].nonzeroBitCount,
      flags: table.authenticityFlags[row],
      forecast: forecast, brandOverlap: plan.brand?.overlap(row: row))
  }

  /// How each component of `row` was obtained, given its audience's evidence and forecast.
  /// Engagement is absent, not estimated, when no creator of the table has engagement data.
  func evidence(row: Int, audience: Evidence, forecast: CreatorForecast?, plan: BriefPlan)
    -> ComponentEvidence
  {
    evidence(
      row: row, audience: audience, forecast: forecast, plan: plan,
      noEngagementData: table.model.curves.allSatisfy { $0.sampleSize == 0 })
  }

  /// ``evidence(row:audience:forecast:plan:)`` with whether the table has no engagement data
  /// given, for passes over every row.
  func evidence(
    row: Int, audience: Evidence, forecast: CreatorForecast?, plan: BriefPlan,
    noEngagementData: Bool
  ) -> ComponentEvidence {
    Self.evidence(
      inputs: table.measuredInputs[row], audience: audience, forecast: forecast,
      noEngagementData: noEngagementData,
      overlap: plan.brand.map { brand in
        brand.overlap(row: row).map { $0.exact ? .measured : .partial } ?? .estimated
      })
  }

  /// The evidence rule of ``evidence(row:audience:forecast:plan:noEngagementData:)`` from what
  /// it reads of a row: its ``CreatorTable/measuredInputs`` bits and its overlap's evidence. The
  /// coverage count applies it once per distinct value.
  static func evidence(
    inputs: UInt8, audience: Evidence, forecast: CreatorForecast?, noEngagementData: Bool,
    overlap: Evidence?
  ) -> ComponentEvidence {
    let hasEngagement = inputs & CreatorTable.measuredEngagement != 0
    return ComponentEvidence(
      engagement: hasEngagement ? .measured : noEngagementData ? .absent : .estimated,
      audience: audience,
      niche: inputs & CreatorTable.measuredNiche != 0 ? .measured : .absent,
      authenticity: inputs & CreatorTable.measuredAuthenticity != 0 ? .measured : .estimated,
      value: forecast.map { $0.priceEstimated ? .estimated : .measured },
      overlap: overlap)
  }

  /// The constraint that removes `row` for `plan`, or `nil` when it is eligible.
  package func filterReason(row: Int, plan: BriefPlan) -> FilterReason? {
    if let reason = Self.failedConstraint(row, plan: plan, table: table) {
      // The sweep marks every plan-time exclusion with the excluded-id bit; name its reason.
      return reason == .excludedID ? plan.exclusionReason(ofRow: row) ?? reason : reason
    }
    // Last in the sweep's order, so checking it only for rows that pass the rest gives the same
    // first failure without searching the postings for every row.
    if !plan.niche.excludes.isEmpty {
      var excluded: ContiguousArray = [false]
      Self.markExcluded(row..<(row + 1), plan: plan, table: table, into: &excluded)
      if excluded[0] { return .excludedTerm }
    }
    return nil
  }
}
