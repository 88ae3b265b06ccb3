extension AudiencePlan {
  /// One dimension's factor for a row: the share it ranks by (an estimate's lower bound), how it
  /// was obtained, and the estimate itself; ``evaluate(_:in:)`` multiplies the shares and
  /// ``breakdown(_:in:)`` lists the factors, so both give the same numbers.
  package typealias Factor = (share: Double, evidence: Evidence, estimate: Double)

  /// The female share, or 1 − it for a male target; the population prior when unknown.
  @inline(__always)
  func genderFactor(_ row: Int, _ gender: CampaignBrief.Gender, in table: CreatorTable) -> Factor {
    let female = table.femaleShares[row]
    if female.isNaN { return genderMissing }
    let share = gender == .female ? Double(female) : 1 - Double(female)
    return (share, .measured, share)
  }

  /// The sum of the target age buckets, capped at 1; the population prior when unknown.
  @inline(__always)
  func ageFactor(_ row: Int, in table: CreatorTable) -> Factor {
    if table.ageShare(row, bucket: 0).isNaN { return ageMissing }
    var sum = 0.0
    for bucket in 0..<AgeBucket.allCases.count where ageMask[bucket] {
      sum += Double(table.ageShare(row, bucket: bucket))
    }
    let share = min(sum, 1)
    return (share, .measured, share)
  }

  /// One geographic dimension's factor (countries or languages): the share in its targets, or,
  /// without data, the home estimate from the creator's own country or language. Shares the table
  /// filled in (`estimatedBit` of ``CreatorTable/estimatedShares``) are partial: for countries a
  /// top country whose share is unknown (``partialCountryShare(_:_:)``), for languages the shares
  /// as filled in.
  ///
  /// With `upperBound` the target sum of a row with data is replaced by its bound from the
  /// dense leaders (1 when the rows carry none, or the row is partial), so
  /// ``geographyBound(_:in:)`` follows the same rule without the sparse reads; a row without data
  /// keeps its exact estimate.
  @inline(__always)
  func geographicFactor(
    _ rows: SparseShares, _ row: Int, own: UInt16, _ allowed: [Double], targets: Double,
    missing: HomeFactors, estimatedBit: UInt8, in table: CreatorTable, upperBound: Bool
  ) -> Factor {
    guard rows.hasEntries(row) else {
      if own == 0 { return missing.unknown }
      return allowed[Int(own)] != 0 ? missing.inTarget : missing.outside
    }
    let partial = table.estimatedShares[row] & estimatedBit != 0
    if upperBound {
      let bound =
        rows.hasLeaders && !partial
        ? rows.targetSumBound(row, weights: allowed, targets: targets) : 1
      return (bound, .measured, bound)
    }
    let sum = Self.targetSum(rows, row, allowed)
    guard partial else { return (sum, .measured, sum) }
    let estimate = estimatedBit == 1 ? partialCountryShare(row, table) : sum
    return Self.factor(estimate: estimate, .partial)
  }

  /// The target share of a row whose country column names only its top countries, without
  /// shares: the named countries hold the table's top share t between them (split as the reader
  /// split them), the others the rest, 1 − t, in proportion to their population prior:
  /// t·S + (1 − t)·(p_T − p_{N∩T}) / (1 − p_N), for the named countries N, the target T and the
  /// reader's split S of the named ones in the target. Clamped to 0–1.
  @inline(__always)
  func partialCountryShare(_ row: Int, _ table: CreatorTable) -> Double {
    guard let allowed = countryAllowed else { return 1 }
    let rows = table.audienceCountries
    var named = 0.0
    var namedPrior = 0.0
    var namedTargetPrior = 0.0
    for entry in Int(rows.offsets[row])..<Int(rows.offsets[row + 1]) {
      let code = Int(rows.keys[entry])
      named += Double(rows.shares[entry]) * allowed[code]
      namedPrior += countryPriorByCode[code]
      namedTargetPrior += countryPriorByCode[code] * allowed[code]
    }
    let rest = max(0, countryPrior - namedTargetPrior) / max(1e-9, 1 - namedPrior)
    return min(1, max(0, topShare * named + (1 - topShare) * min(1, rest)))
  }

  /// The sum of the target interests, capped at 1; the population prior when unknown.
  @inline(__always)
  func interestFactor(_ row: Int, _ allowed: [Double], in table: CreatorTable) -> Factor {
    let factor = Self.sum(table.audienceInterests, row, allowed, missing: interestMissing)
    guard factor.evidence == .measured else { return factor }
    let share = min(factor.share, 1)
    return table.estimatedShares[row] & 4 != 0
      ? Self.factor(estimate: share, .partial) : (share, .measured, share)
  }
}

extension AudiencePlan {
  /// The evidence ``evaluate(_:in:)`` gives row `row`, read from which targeted dimensions the
  /// row has data for, without summing its shares: the factors' evidence depends only on that.
  /// The summary's coverage counts every row of a table with it, which the full evaluation made
  /// as costly as the ranking itself.
  ///
  /// - Parameters:
  ///   - row: The creator's row.
  ///   - table: The table the plan was compiled for.
  /// - Returns: The weakest evidence of the targeted dimensions; measured when none is targeted.
  /// - Complexity: O(1).
  package func evidence(_ row: Int, in table: CreatorTable) -> Evidence {
    var evidence = Evidence.measured
    if gender != nil, table.femaleShares[row].isNaN { evidence = genderMissing.evidence }
    if !target.ages.isEmpty, table.ageShare(row, bucket: 0).isNaN {
      evidence = max(evidence, ageMissing.evidence)
    }
    if let countryAllowed {
      evidence = max(
        evidence,
        Self.geographicEvidence(
          table.audienceCountries, row, own: table.countries[row], countryAllowed,
          missing: countryMissing, estimatedBit: 1, in: table))
    }
    if let languageAllowed {
      evidence = max(
        evidence,
        Self.geographicEvidence(
          table.audienceLanguages, row, own: table.languages[row], languageAllowed,
          missing: languageMissing, estimatedBit: 2, in: table))
    }
    if interestAllowed != nil {
      if !table.audienceInterests.hasEntries(row) {
        evidence = max(evidence, interestMissing.evidence)
      } else if table.estimatedShares[row] & 4 != 0 {
        evidence = max(evidence, .partial)
      }
    }
    return evidence
  }

  /// The evidence of `geographicFactor`: the home estimate without data, else partial or measured.
  private static func geographicEvidence(
    _ rows: SparseShares, _ row: Int, own: UInt16, _ allowed: [Double], missing: HomeFactors,
    estimatedBit: UInt8, in table: CreatorTable
  ) -> Evidence {
    guard rows.hasEntries(row) else {
      if own == 0 { return missing.unknown.evidence }
      return allowed[Int(own)] != 0 ? missing.inTarget.evidence : missing.outside.evidence
    }
    return table.estimatedShares[row] & estimatedBit != 0 ? .partial : .measured
  }
}
