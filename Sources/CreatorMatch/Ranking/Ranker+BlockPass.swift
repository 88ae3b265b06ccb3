import CreatorMatchSupport
import Foundation

extension Ranker {
  /// Scores one block into a worker's running result, in stages that each shrink the list of
  /// rows still able to enter the top k.
  ///
  /// Every component's log is at most 0, so an upper bound of a creator's log-score from the
  /// terms known so far decides most creators early: a bound below the heap's threshold means
  /// the exact score is too. The stages, each a tight loop whose rows are independent (so the
  /// processor overlaps their memory reads):
  ///
  /// 1. ``sweep(_:plan:view:cosines:excluded:threshold:survivors:)``: every row, dense columns,
  ///    no data-dependent branch: the constraints and the precomputed engagement and
  ///    authenticity logs with the niche floor (about one creator in ten survives);
  /// 2. the niche term exactly (one logarithm);
  /// 3. the audience's geography factor bounded from dense per-row leaders
  ///    (``AudiencePlan/geographyBound(_:in:)``, one logarithm), which drops most creators whose
  ///    audience lives in other markets without reading their sparse shares;
  /// 4. the exact audience share, stopping as soon as its partial product is too small
  ///    (``AudiencePlan/share(_:in:atLeast:)``);
  /// 5. the value kernel and the composite, offered to the heap.
  ///
  /// Before stages 4 and 5 one loop touches the scattered cache lines those stages will read for
  /// every remaining row; its loads are independent, so they overlap instead of stalling one at a
  /// time (worth about 1 ms of the 16 ms for 1M creators). Stages 2 to 4 use the threshold at
  /// their start; it only rises, so they skip a subset of what a fresher threshold would, and
  /// stage 5 checks again with the current one.
  static func scoreBlock(
    _ block: Int, of blocks: ParallelBlocks, spans: QuerySpans, plan: BriefPlan,
    table: CreatorTable, into result: inout BlockResult, threshold: inout Double,
    scratch: inout BlockScratch
  ) {
    let range = blocks.range(ofBlock: block)
    let base = range.lowerBound
    let capacity = result.heap.capacity
    BlockScratch.reset(&scratch.cosines, count: range.count, to: 0)
    accumulateCosines(
      range, block: block, spans: spans, plan: plan, table: table, into: &scratch.cosines)
    let cosines = scratch.cosines
    // One flag per row when the brief has exclusion phrases, none otherwise.
    var excluded = ContiguousArray<Bool>(
      repeating: false, count: plan.niche.excludes.isEmpty ? 0 : range.count)
    if !plan.niche.excludes.isEmpty {
      markExcluded(range, plan: plan, table: table, into: &excluded)
    }
    BlockScratch.reset(&scratch.rows, count: range.count, to: 0)
    let (survivorCount, firstFailures) = table.withHotView { view in
      sweep(
        range, plan: plan, view: view, cosines: cosines, excluded: excluded,
        threshold: capacity == 0 ? .infinity : threshold, survivors: &scratch.rows)
    }
    // Moved out for the stages below and back at the end, so the storage is kept, not copied.
    var rows = scratch.rows
    scratch.rows = []
    defer { scratch.rows = rows }
    var failed = 0
    for (position, reason) in sweepChecks.enumerated() {
      let count = Int(truncatingIfNeeded: (firstFailures >> (16 * position)) & 0xFFFF)
      result.filtered[reason] += count
      failed += count
    }
    plan.attributeExclusions(in: range, to: &result.filtered, table: table)
    result.eligible += range.count - failed
    guard survivorCount > 0 else { return }

    @inline(__always) func bit(_ condition: Bool) -> Int { condition ? 1 : 0 }
    let weights = plan.weights
    let floor = ComponentScores.floor
    let logFloor = HotColumns.logFloor
    let categoryMask = plan.niche.categoryMask
    // Stage 2: bounds with the exact niche term, kept beside their rows.
    var bounds = ContiguousArray<Double>(repeating: 0, count: survivorCount)
    var logNiches = ContiguousArray<Double>(repeating: 0, count: survivorCount)
    var count = 0
    table.withHotView { view in
      for index in 0..<survivorCount {
        let row = Int(rows[index])
        let niche = NicheQuery.fit(
          cosine: cosines[row - base], categoryMatch: view.categoryMasks[row] & categoryMask != 0)
        let logNiche = ComponentScores.logFloored(niche)
        var bound = weights.engagement * view.logEngagement[row]
        bound += weights.authenticity * view.logAuthenticity[row]
        bound += weights.niche * logNiche
        rows[count] = UInt32(truncatingIfNeeded: row)
        bounds[count] = bound
        logNiches[count] = logNiche
        count &+= bit(bound >= threshold)
      }
    }
    // Stage 2b, only with a brand audience: the overlap term, one precomputed log per row (a
    // separate loop, so briefs without a brand audience run the loop above unchanged).
    if let overlapLogs = plan.overlapLogs, weights.overlap > 0 {
      let before = count
      count = 0
      overlapLogs.withUnsafeBufferPointer { logs in
        for index in 0..<before {
          let bound = bounds[index] + weights.overlap * logs[Int(rows[index])]
          rows[count] = rows[index]
          bounds[count] = bound
          logNiches[count] = logNiches[index]
          count &+= bit(bound >= threshold)
        }
      }
    }
    // Stage 3: the geography bound; a relative 10⁻¹² on it covers the rounding of the exact sum.
    let audience = plan.audience
    if weights.audience > 0 && !audience.isEmpty {
      let before = count
      count = 0
      for index in 0..<before {
        let row = Int(rows[index])
        let geography = audience.geographyBound(row, in: table) * (1 + 1e-12)
        let bound = bounds[index] + weights.audience * ComponentScores.logFloored(geography)
        rows[count] = rows[index]
        bounds[count] = bounds[index]
        logNiches[count] = logNiches[index]
        count &+= bit(bound >= threshold)
      }
    }
    // Stage 4: the exact audience share, its lines fetched for all rows first.
    var logAudiences = ContiguousArray<Double>(repeating: 0, count: count)
    var shares = ContiguousArray<Double>(repeating: 1, count: count)
    if !audience.isEmpty {
      var touched: UInt32 = 0
      for index in 0..<count { touched &+= audience.touch(Int(rows[index]), in: table) }
      result.touched &+= touched
      let before = count
      count = 0
      for index in 0..<before {
        let row = Int(rows[index])
        let bound = bounds[index]
        // The share at or above which the score can still reach the threshold, less a relative
        // 10⁻¹², far inside the threshold's 10⁻⁹ margin, for exp's rounding.
        let needed =
          weights.audience > 0 ? exp((threshold - bound) / weights.audience) * (1 - 1e-12) : 0
        guard
          bound >= threshold,
          let share = audience.share(row, in: table, atLeast: needed > floor ? needed : 0)
        else { continue }
        let logAudience = ComponentScores.logFloored(share)
        if weights.audience > 0 && bound + weights.audience * logAudience < threshold { continue }
        rows[count] = rows[index]
        bounds[count] = bound
        logNiches[count] = logNiches[index]
        shares[count] = share
        logAudiences[count] = logAudience
        count += 1
      }
    }
    // Stage 5: the value kernel and the exact score.
    let kernel = weights.value > 0 ? plan.forecast?.kernel : nil
    let overlapLogs = weights.overlap > 0 ? plan.overlapLogs : nil
    if let kernel {
      var touched: UInt32 = 0
      for index in 0..<count { touched &+= kernel.touch(Int(rows[index]), table: table) }
      result.touched &+= touched
    }
    table.withHotView { view in
      for index in 0..<count {
        let row = Int(rows[index])
        if bounds[index] < threshold { continue }
        let share = shares[index]
        let logAudience = logAudiences[index]
        var logValue = logFloor
        if let kernel {
          let logShare = share >= floor ? logAudience : (share > 0 ? log(share) : -.infinity)
          let z = kernel.z(row, logAudience: logShare, table: table).z
          if z >= ValueKernel.floorZ {
            logValue = ComponentScores.logFloored(NormalDistribution.cdf(z))
          }
        }
        let logSum = ComponentScores.logComposite(
          logEngagement: view.logEngagement[row], logAudience: logAudience,
          logNiche: logNiches[index], logAuthenticity: view.logAuthenticity[row],
          logValue: logValue, weights: weights, logOverlap: overlapLogs?[row] ?? 0)
        if logSum < threshold { continue }
        result.heap.offer(
          TopK.Candidate(
            score: ComponentScores.score(logComposite: logSum), idRank: view.idRanks[row],
            row: UInt32(row)))
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
    _ range: Range<Int>, plan: BriefPlan, table: CreatorTable,
    into excluded: inout ContiguousArray<Bool>
  ) {
    let base = range.lowerBound
    var hits = [UInt8](repeating: 0, count: range.count)
    for phrase in plan.niche.excludes where !phrase.termIDs.isEmpty {
      for index in hits.indices { hits[index] = 0 }
      let needed = Set(phrase.termIDs)
      for term in needed {
        for index in table.postings.range(ofTerm: term, rows: range) {
          // A row outside the block only from a damaged snapshot (see `Postings`): skipped.
          let offset = Int(table.postings.rows[index]) &- base
          if offset >= 0 && offset < hits.count { hits[offset] &+= 1 }
        }
      }
      for index in hits.indices where Int(hits[index]) == needed.count { excluded[index] = true }
    }
  }

  /// Adds every query term's postings in block `block` (rows `range`) into `cosines` (indexed
  /// from the range start), term by term in the query's fixed order.
  static func accumulateCosines(
    _ range: Range<Int>, block: Int, spans: QuerySpans, plan: BriefPlan, table: CreatorTable,
    into cosines: inout ContiguousArray<Double>
  ) {
    let base = range.lowerBound
    let postings = table.postings
    let count = cosines.count
    for (position, term) in plan.niche.terms.enumerated() {
      let weight = term.weight
      for index in spans.span(term: position, block: block) {
        // A row outside the block only from a damaged snapshot (see `Postings`): skipped, where
        // the array's own bounds check would stop the process.
        let offset = Int(postings.rows[index]) &- base
        guard offset >= 0 && offset < count else { continue }
        cosines[offset] += weight * Double(postings.weights[index])
      }
    }
  }
}
