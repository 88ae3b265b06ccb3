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

  /// The share in the target countries; without data, the home estimate from the creator's own
  /// country.
  @inline(__always)
  func countryFactor(_ row: Int, _ allowed: [Double], in table: CreatorTable) -> Factor {
    let (value, fromPrior) = Self.sum(
      table.audienceCountries, row, allowed,
      estimate: Self.homeEstimate(own: table.countries[row], allowed: allowed, prior: countryPrior))
    return (value, fromPrior || table.estimatedShares[row] & 1 != 0)
  }

  /// The share speaking the target languages; without data, the home estimate from the
  /// creator's own language.
  @inline(__always)
  func languageFactor(_ row: Int, _ allowed: [Double], in table: CreatorTable) -> Factor {
    let (value, fromPrior) = Self.sum(
      table.audienceLanguages, row, allowed,
      estimate: Self.homeEstimate(
        own: table.languages[row], allowed: allowed, prior: languagePrior))
    return (value, fromPrior || table.estimatedShares[row] & 2 != 0)
  }

  /// The sum of the target interests, capped at 1; the population prior when unknown.
  @inline(__always)
  func interestFactor(_ row: Int, _ allowed: [Double], in table: CreatorTable) -> Factor {
    let (value, fromPrior) = Self.sum(
      table.audienceInterests, row, allowed, estimate: interestPrior)
    return (min(value, 1), fromPrior || table.estimatedShares[row] & 4 != 0)
  }
}
