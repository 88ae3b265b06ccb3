extension AudiencePlan {
  /// One dimension's factor for a row and whether it was estimated; ``evaluate(_:in:)``
  /// multiplies these and ``breakdown(_:in:)`` lists them, so both give the same numbers.
  typealias Factor = (share: Double, estimated: Bool)

  /// The female share, or 1 − it for a male target; the population prior when unknown.
  @inline(__always)
  func genderFactor(_ row: Int, _ gender: CampaignBrief.Gender, in table: CreatorTable) -> Factor {
    let female = table.femaleShares[row]
    if female.isNaN { return (genderPrior, true) }
    return (gender == .female ? Double(female) : 1 - Double(female), false)
  }

  /// The sum of the target age buckets, capped at 1; the population prior when unknown.
  @inline(__always)
  func ageFactor(_ row: Int, in table: CreatorTable) -> Factor {
    if table.ageShare(row, bucket: 0).isNaN { return (agePrior, true) }
    var sum = 0.0
    for bucket in 0..<AgeBucket.allCases.count where ageMask[bucket] {
      sum += Double(table.ageShare(row, bucket: bucket))
    }
    return (min(sum, 1), false)
  }

  /// One geographic dimension's factor (countries or languages): the share in its targets, or,
  /// without data, the home estimate from the creator's own country or language; estimated also
  /// when the table filled the shares in (`estimatedBit` of ``CreatorTable/estimatedShares``).
  ///
  /// With `upperBound` the target sum of a row with data is replaced by its bound from the
  /// dense leaders (1 when the rows carry none), so ``geographyBound(_:in:)`` follows the same
  /// rule without the sparse reads; a row without data keeps its exact estimate.
  @inline(__always)
  func geographicFactor(
    _ rows: SparseShares, _ row: Int, own: UInt16, _ allowed: [Double], targets: Double,
    prior: Double?, estimatedBit: UInt8, in table: CreatorTable, upperBound: Bool
  ) -> Factor {
    if upperBound && rows.hasEntries(row) {
      let bound = rows.hasLeaders ? rows.targetSumBound(row, weights: allowed, targets: targets) : 1
      return (bound, false)
    }
    let (value, fromPrior) = Self.sum(
      rows, row, allowed, estimate: Self.homeEstimate(own: own, allowed: allowed, prior: prior))
    return (value, fromPrior || table.estimatedShares[row] & estimatedBit != 0)
  }

  /// The sum of the target interests, capped at 1; the population prior when unknown.
  @inline(__always)
  func interestFactor(_ row: Int, _ allowed: [Double], in table: CreatorTable) -> Factor {
    let (value, fromPrior) = Self.sum(
      table.audienceInterests, row, allowed, estimate: interestPrior)
    return (min(value, 1), fromPrior || table.estimatedShares[row] & 4 != 0)
  }
}
