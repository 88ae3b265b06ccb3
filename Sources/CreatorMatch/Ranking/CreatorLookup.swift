/// Where one named creator stands for a brief: its rank among every eligible creator (not only
/// the top N), its component scores and composite, or the constraint that removed it.
///
/// ```swift
/// let plan = BriefPlan(brief: brief, table: table)
/// for found in Ranker(table: table).lookUp(rows: [12, 40], plan: plan) {
///   print(found.creator.id, found.rank.map(String.init) ?? "filtered", found.creator.score)
/// }
/// ```
public struct CreatorLookup: Sendable, Equatable {
  /// The creator's record. Its ``RankedCreator/rank`` is the rank among all eligible creators,
  /// or 0 when a constraint removed it; its components and score are computed either way, so a
  /// filtered creator shows what it would have scored.
  public var creator: RankedCreator
  /// The first constraint that removed the creator, or `nil` when it is eligible.
  public var filterReason: FilterReason?

  /// Creates a lookup result.
  ///
  /// - Parameters:
  ///   - creator: The creator's record (rank 0 when filtered).
  ///   - filterReason: The constraint that removed it, or `nil`.
  public init(creator: RankedCreator, filterReason: FilterReason?) {
    self.creator = creator
    self.filterReason = filterReason
  }

  /// The 1-based rank among all eligible creators, or `nil` when the creator was filtered out.
  public var rank: Int? { filterReason == nil ? creator.rank : nil }
}

extension Ranker {
  /// Looks up named rows: each one's rank among all eligible creators, components and score, or
  /// the constraint that removed it.
  ///
  /// The rank of an eligible creator is 1 + the number of eligible creators that sort before it
  /// in the ranking order (score descending, then id bytes ascending), so it equals the creator's
  /// position in a ranking whose `top` is at least the number of eligible creators. It is
  /// computed from one pass over every score (the same bits as the ranking pass): the
  /// targets are sorted in ranking order once, and each eligible row finds by binary search the
  /// first target it precedes and adds 1 there; a prefix sum then gives every target its count.
  ///
  /// - Parameters:
  ///   - rows: Table rows to look up, in the order to report them (duplicates are reported
  ///     twice; callers deduplicate).
  ///   - plan: The compiled brief.
  /// - Returns: One ``CreatorLookup`` per row of `rows`, in the same order.
  /// - Complexity: O(n · terms · log n) for the scores plus O(n log k + k log k) for the ranks,
  ///   k = `rows.count`; never O(n · k).
  public func lookUp(rows: [Int], plan: BriefPlan) -> [CreatorLookup] {
    guard !rows.isEmpty else { return [] }
    let scores = allScores(plan)
    let idRanks = table.idRanks
    // Ranking order: a row sorts before another when its score is higher, or equal with an
    // earlier id in byte order (the id rank). Filtered rows (NaN) are never compared.
    func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
      scores[lhs] != scores[rhs] ? scores[lhs] > scores[rhs] : idRanks[lhs] < idRanks[rhs]
    }
    let targets = Array(Set(rows.filter { !scores[$0].isNaN })).sorted(by: precedes)
    // before[j]: eligible rows whose first preceded target is targets[j]. Sorting is a strict
    // total order, so a row that precedes targets[j] precedes every later target too.
    var before = [Int](repeating: 0, count: targets.count + 1)
    if !targets.isEmpty {
      for row in 0..<table.count where !scores[row].isNaN {
        var low = 0
        var high = targets.count
        while low < high {
          let middle = (low + high) >> 1
          if precedes(row, targets[middle]) { high = middle } else { low = middle + 1 }
        }
        before[low] += 1
      }
    }
    var rankOfRow: [Int: Int] = [:]
    var preceding = 0
    for (index, target) in targets.enumerated() {
      preceding += before[index]
      rankOfRow[target] = preceding + 1
    }
    return rows.map { row in
      let reason = filterReason(row: row, plan: plan)
      return CreatorLookup(
        creator: rankedCreator(row: row, rank: rankOfRow[row] ?? 0, plan: plan),
        filterReason: reason)
    }
  }
}
