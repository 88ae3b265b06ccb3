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
  /// row has data for (``CreatorTable/audienceData``), without summing its shares: the factors'
  /// evidence depends only on that and on the creator's own country and language. The summary's
  /// coverage counts every row of a table with it, which the full evaluation made as costly as
  /// the ranking itself.
  ///
  /// - Parameters:
  ///   - row: The creator's row.
  ///   - table: The table the plan was compiled for.
  /// - Returns: The weakest evidence of the targeted dimensions; measured when none is targeted.
  /// - Complexity: O(1).
  package func evidence(_ row: Int, in table: CreatorTable) -> Evidence {
    let data = table.audienceData[row]
    let homes = homes(row, data: data, in: table)
    return evidence(data: data, countryHome: homes.country, languageHome: homes.language)
  }

  /// Where row `row`'s own country and language lie for this plan, as
  /// ``evidence(data:countryHome:languageHome:)`` reads them: 0 unknown, 1 in the target, 2
  /// outside it; 0 as well where the row has data in that dimension or the plan does not target
  /// it (the home is not read then), so rows with equal evidence get equal values.
  ///
  /// - Parameters:
  ///   - row: The creator's row.
  ///   - data: The row's ``CreatorTable/audienceData`` byte.
  ///   - table: The table the plan was compiled for.
  /// - Returns: The country's and the language's class.
  /// - Complexity: O(1).
  @inline(__always)
  package func homes(_ row: Int, data: UInt8, in table: CreatorTable) -> (
    country: UInt8, language: UInt8
  ) {
    func home(_ own: UInt16, _ allowed: [Double]) -> UInt8 {
      own == 0 ? 0 : allowed[Int(own)] != 0 ? 1 : 2
    }
    var country: UInt8 = 0
    var language: UInt8 = 0
    if let countryAllowed, data & AudienceData.countries == 0 {
      country = home(table.countries[row], countryAllowed)
    }
    if let languageAllowed, data & AudienceData.languages == 0 {
      language = home(table.languages[row], languageAllowed)
    }
    return (country, language)
  }

  /// The audience's evidence of a row with ``CreatorTable/audienceData`` byte `data` and the
  /// given ``homes(_:data:in:)`` classes: the one rule behind ``evidence(_:in:)`` and the
  /// coverage count, which applies it once per distinct value instead of once per row.
  ///
  /// - Parameters:
  ///   - data: ``AudienceData`` bits.
  ///   - countryHome: The own country's class (0 unknown, 1 in the target, 2 outside).
  ///   - languageHome: The own language's class.
  /// - Returns: The weakest evidence of the targeted dimensions; measured when none is targeted.
  /// - Complexity: O(1).
  package func evidence(data: UInt8, countryHome: UInt8, languageHome: UInt8) -> Evidence {
    var evidence = Evidence.measured
    if gender != nil, data & AudienceData.female == 0 { evidence = genderMissing.evidence }
    if !target.ages.isEmpty, data & AudienceData.ages == 0 {
      evidence = max(evidence, ageMissing.evidence)
    }
    if countryAllowed != nil {
      evidence = max(
        evidence,
        Self.geographicEvidence(
          data, has: AudienceData.countries, filled: AudienceData.countriesFilled,
          home: countryHome, missing: countryMissing))
    }
    if languageAllowed != nil {
      evidence = max(
        evidence,
        Self.geographicEvidence(
          data, has: AudienceData.languages, filled: AudienceData.languagesFilled,
          home: languageHome, missing: languageMissing))
    }
    if interestAllowed != nil {
      if data & AudienceData.interests == 0 {
        evidence = max(evidence, interestMissing.evidence)
      } else if data & AudienceData.interestsFilled != 0 {
        evidence = max(evidence, .partial)
      }
    }
    return evidence
  }

  /// The evidence of `geographicFactor`: the home estimate without data, else partial or measured.
  private static func geographicEvidence(
    _ data: UInt8, has: UInt8, filled: UInt8, home: UInt8, missing: HomeFactors
  ) -> Evidence {
    guard data & has != 0 else {
      switch home {
      case 0: return missing.unknown.evidence
      case 1: return missing.inTarget.evidence
      default: return missing.outside.evidence
      }
    }
    return data & filled != 0 ? .partial : .measured
  }
}
