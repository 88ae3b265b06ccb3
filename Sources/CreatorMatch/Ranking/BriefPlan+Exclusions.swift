extension BriefPlan {
  /// The rows a brief removes before scoring, with their reasons, ascending by row: excluded ids,
  /// then account types the brief does not keep, then creators in an excluded niche. A row that
  /// qualifies for several keeps the first reason in that order.
  ///
  /// Adult content is excluded unless the brief lists its niche in `niche.categories` or sets
  /// `niche.include_adult`.
  /// - Parameters:
  ///   - brief: The brief.
  ///   - table: The table it is compiled against.
  ///   - idRows: The rows of the brief's `exclude_ids` found in the table.
  /// - Returns: Rows and reasons (parallel, ascending rows), the excluded niche mask, and notes
  ///   for exclusion labels that name no niche.
  /// - Complexity: O(ids + non-creator rows), plus O(n) when an excluded niche occurs in the table.
  static func exclusions(brief: CampaignBrief, table: CreatorTable, idRows: [Int]) -> (
    rows: [Int], reasons: [FilterReason], categoryMask: UInt64, notes: [PlanNote]
  ) {
    var reasons: [Int: FilterReason] = [:]
    for row in idRows { reasons[row] = .excludedID }
    let allowed = brief.constraints.allowedAccountTypes
    if allowed.count < AccountType.allCases.count {
      let keep = allowed.reduce(UInt8(0)) { $0 | 1 << UInt8($1.ordinal) }
      for row in table.nonCreatorRows where keep >> table.accountTypes[row] & 1 == 0 {
        if reasons[row] == nil { reasons[row] = .accountType }
      }
      // Creators are never in nonCreatorRows; a brief that drops them needs the full scan.
      if !allowed.contains(.creator) {
        for row in 0..<table.count where table.accountTypes[row] == 0 {
          if reasons[row] == nil { reasons[row] = .accountType }
        }
      }
    }
    let taxonomy = Taxonomy.builtIn
    var notes: [PlanNote] = []
    var (mask, unknown) = taxonomy.mask(forNiches: brief.niche.excludeCategories)
    for label in unknown {
      notes.append(.excludedCategoryNotInTaxonomy(label))
    }
    if let adult = taxonomy.nicheIndex(forLabel: Taxonomy.adultContentID) {
      let asked =
        brief.niche.includeAdult
        || brief.niche.categories.contains { taxonomy.nicheIndex(forLabel: $0) == adult }
      if !asked { mask |= 1 << UInt64(adult) }
    }
    if mask & table.categoryUnion != 0 {
      for row in 0..<table.count where table.categoryMasks[row] & mask != 0 {
        if reasons[row] == nil { reasons[row] = .excludedCategory }
      }
    }
    let rows = reasons.keys.sorted()
    return (rows, rows.map { reasons[$0] ?? .excludedID }, mask, notes)
  }

  /// Why `row` is removed at plan time, or `nil` when it is not.
  /// - Complexity: O(log excluded rows).
  public func exclusionReason(ofRow row: Int) -> FilterReason? {
    let low = firstExcludedIndex(atLeast: row)
    return low < excludedRows.count && excludedRows[low] == row ? excludedReasons[low] : nil
  }

  /// The index of the first of ``excludedRows`` at or after `row`, by binary search.
  func firstExcludedIndex(atLeast row: Int) -> Int {
    var low = 0
    var high = excludedRows.count
    while low < high {
      let middle = (low + high) / 2
      if excludedRows[middle] < row { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Moves the counts of plan-time exclusions out of ``FilterReason/excludedID`` into their own
  /// reasons, for the rows of `range`.
  ///
  /// The sweep marks every row of ``excludedRows`` with one bit, counted as an excluded id when
  /// it is the row's first failure, that is when it passes every column check; so a row
  /// with another reason is moved exactly when ``Ranker`` finds no column constraint it fails.
  /// - Complexity: O(log excluded rows + excluded rows in `range`).
  package func attributeExclusions(
    in range: Range<Int>, to counts: inout FilterCounts, table: CreatorTable
  ) {
    var index = firstExcludedIndex(atLeast: range.lowerBound)
    while index < excludedRows.count && excludedRows[index] < range.upperBound {
      let row = excludedRows[index]
      let reason = excludedReasons[index]
      index += 1
      guard reason != .excludedID,
        Ranker.failedConstraint(row, plan: self, table: table) == .excludedID
      else { continue }
      counts[.excludedID] -= 1
      counts[reason] += 1
    }
  }
}
