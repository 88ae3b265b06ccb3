extension Ranker {
  /// The filter reasons in the order the sweep checks them; a reason's position is its bit in
  /// the sweep's failure mask and its 16-bit field in the sweep's failure counts.
  static let sweepChecks: [FilterReason] = [
    .platform, .followers, .tier, .creatorCountry, .authenticity, .sponsoredShare, .excludedID,
    .excludedTerm,
  ]

  /// The pass over every row of a block: writes the rows that pass all checks and whose cheap
  /// log-score bound reaches `threshold` to the front of `survivors`, and returns how many it
  /// wrote and how many rows failed each check first, as 16-bit fields in ``sweepChecks`` order
  /// (a block has fewer than 2¹⁶ rows).
  ///
  /// Branch-free per row, in two loops that each keep their columns in registers: the first
  /// combines the checks into a byte per row whose lowest set bit is the first failure; the
  /// second counts that failure (by adding 1 shifted to its field), computes the bound, and
  /// writes every row to `survivors` but advances the count only when it survives.
  /// - Complexity: O(block size).
  static func sweep(
    _ range: Range<Int>, plan: BriefPlan, view: CreatorTable.HotView,
    cosines: ContiguousArray<Double>, excluded: ContiguousArray<Bool>, threshold: Double,
    survivors: inout ContiguousArray<UInt32>
  ) -> (survivors: Int, firstFailures: UInt128) {
    precondition(range.count < 1 << 16, "a block's failure counts are 16-bit fields")
    var failures = ContiguousArray<UInt8>(repeating: 0, count: range.count)
    failures.withUnsafeMutableBufferPointer { failures in
      markFailures(range, plan: plan, view: view, excluded: excluded, into: failures)
    }
    @inline(__always) func bit(_ condition: Bool) -> Int { condition ? 1 : 0 }
    let weights = plan.weights
    let nicheFloorTerm = weights.niche * HotColumns.logFloor
    let floor = ComponentScores.floor
    let categoryMask = plan.niche.categoryMask
    let logEngagement = UnsafeBufferPointer(rebasing: view.logEngagement[range])
    let logAuthenticity = UnsafeBufferPointer(rebasing: view.logAuthenticity[range])
    let categoryMasks = UnsafeBufferPointer(rebasing: view.categoryMasks[range])
    let base = UInt32(truncatingIfNeeded: range.lowerBound)
    var count = 0
    var firstFailures: UInt128 = 0
    failures.withUnsafeBufferPointer { failures in
      cosines.withUnsafeBufferPointer { cosines in
        survivors.withUnsafeMutableBufferPointer { survivors in
          for offset in 0..<failures.count {
            let mask = UInt32(failures[offset])
            // A row that passes adds 0; its shift, 16 × 32, wraps to 0.
            firstFailures &+=
              UInt128(bit(mask != 0)) &<< (16 &* mask.trailingZeroBitCount)
            let niche = NicheQuery.fit(
              cosine: cosines[offset],
              categoryMatch: categoryMasks[offset] & categoryMask != 0)
            // Weights of 0 contribute 0: the logs are floored, hence finite.
            var bound = weights.engagement * logEngagement[offset]
            bound += weights.authenticity * logAuthenticity[offset]
            bound += niche < floor ? nicheFloorTerm : 0
            survivors[count] = base &+ UInt32(truncatingIfNeeded: offset)
            count &+= bit(mask == 0) & bit(bound >= threshold)
          }
        }
      }
    }
    return (count, firstFailures)
  }

  /// Writes each row's failed checks as a bit mask in ``sweepChecks`` order into `failures`
  /// (all zero on entry): one plain loop per check the brief actually sets, over that check's
  /// column alone. The one definition of the hard constraints: the sweep counts the lowest bit of
  /// every row, and ``failedConstraint(_:plan:table:)`` names it for a single row.
  /// `excluded` flags the rows an exclusion phrase removes, or is empty when the brief has none.
  static func markFailures(
    _ range: Range<Int>, plan: BriefPlan, view: CreatorTable.HotView,
    excluded: ContiguousArray<Bool>, into failures: UnsafeMutableBufferPointer<UInt8>
  ) {
    @inline(__always) func bit(_ condition: Bool) -> UInt8 { condition ? 1 : 0 }
    let rows = 0..<failures.count
    let platformMask = plan.platformMask
    if platformMask != (1 << UInt32(Platform.allCases.count)) - 1 {
      let platforms = UnsafeBufferPointer(rebasing: view.platforms[range])
      for offset in rows {
        failures[offset] |= bit(platformMask &>> UInt32(platforms[offset]) & 1 == 0)
      }
    }
    let minFollowers = plan.minFollowers
    let maxFollowers = plan.maxFollowers
    if minFollowers > -.infinity || maxFollowers < .infinity {
      let followers = UnsafeBufferPointer(rebasing: view.followers[range])
      for offset in rows {
        let count = followers[offset]
        failures[offset] |= (bit(count < minFollowers) | bit(count > maxFollowers)) &<< 1
      }
    }
    let tierMask = plan.tierMask
    if tierMask != (1 << UInt8(Tier.allCases.count)) - 1 {
      let tiers = UnsafeBufferPointer(rebasing: view.tiers[range])
      for offset in rows { failures[offset] |= bit(tierMask &>> tiers[offset] & 1 == 0) &<< 2 }
    }
    if let countryAllowed = plan.countryAllowed {
      let countries = UnsafeBufferPointer(rebasing: view.countries[range])
      countryAllowed.withUnsafeBufferPointer { allowed in
        for offset in rows {
          failures[offset] |= bit(!allowed[Int(countries[offset])]) &<< 3
        }
      }
    }
    let minAuthenticity = plan.minAuthenticity
    if minAuthenticity > -.infinity {
      let authenticity = UnsafeBufferPointer(rebasing: view.authenticity[range])
      for offset in rows { failures[offset] |= bit(authenticity[offset] < minAuthenticity) &<< 4 }
    }
    let maxSponsored = plan.maxSponsored
    if maxSponsored < .infinity {
      // NaN (no sponsored share measured) compares false: not filtered.
      let sponsored = UnsafeBufferPointer(rebasing: view.sponsoredShares[range])
      for offset in rows { failures[offset] |= bit(sponsored[offset] > maxSponsored) &<< 5 }
    }
    // Excluded ids and phrases are rare: set their bits where they apply.
    for row in plan.excludedRows where range.contains(row) {
      failures[row - range.lowerBound] |= 1 &<< 6
    }
    for (offset, isExcluded) in excluded.enumerated() where isExcluded {
      failures[offset] |= 1 &<< 7
    }
  }
}
