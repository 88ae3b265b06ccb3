/// A brief's audience target compiled against a table: dense lookup tables per dimension and the
/// population prior used when a creator lacks a dimension (<doc:Formulas#Audience>).
///
/// On-target share = gender × age × geography × interest, over the dimensions the brief targets:
/// the female share (or 1 − it for a male target), the sum of target age buckets and the sum of
/// target interests, each capped at 1 (ingest accepts shares whose rounding sums a little past
/// 1). Geography is the share in the target countries and the share speaking the target
/// languages combined as min(country, language) when both are targeted: the Fréchet upper bound
/// of P(country ∧ language), because the two are strongly dependent (a Polish audience mostly
/// speaks Polish) and a plain product would count the same people twice.
///
/// Every factor carries its ``Evidence``. A dimension the creator has no data for is estimated
/// from the creators that have it, never from nothing:
///
/// - countries and languages: h·[home in target] + (1 − h)·p with the creator's own country or
///   language when known (home share h = 0.6), p alone when not; p is the population's expected
///   target share from ``AudiencePriors/countryPrior(_:homeShare:)``: full distributions, else
///   top audience countries, else home countries, else a documented 5% per target;
/// - a country column naming only the top audience country (its share unknown) is partial: the
///   top country holds the table's measured top share t (``AudiencePriors/topCountryShare``), the
///   other countries the rest, 1 − t, in proportion to their population prior;
/// - gender, age and interests: the population mean of the target sum;
/// - a dimension no creator has data for cannot tell creators apart: it counts as 1 for everyone
///   (evidence absent) and the plan says so in a note.
///
/// An estimate ranks by its lower credible bound, not its mean, so that it never beats a
/// measurement of the same size: the share is read as Beta-distributed with the estimate as its
/// mean and κ pseudo-observations (``partialStrength`` for partial data, ``estimateStrength`` for
/// a prior), and the factor is its 20% quantile by the normal approximation,
/// max(0, m − 0.8416·√(m(1 − m)/(κ + 1))). Explanations show both.
package struct AudiencePlan: Sendable {
  /// One dimension's share for a creator, for explanations.
  package struct DimensionFit: Sendable, Equatable {
    /// Which dimension.
    package enum Kind: Sendable, Equatable {
      /// Gender.
      case gender
      /// Age buckets.
      case age
      /// Countries.
      case country
      /// Languages.
      case language
      /// Interests.
      case interest
    }

    /// Which dimension.
    package var kind: Kind
    /// The brief's target, which the dimension's label names.
    package var target: CampaignBrief.AudienceTarget
    /// The share of the audience inside the target for this dimension, as ranked (an
    /// estimate's lower bound).
    package var share: Double
    /// How the share was obtained.
    package var evidence: Evidence
    /// The estimate before its lower bound (the share itself when measured).
    package var estimate: Double
  }

  package let gender: CampaignBrief.Gender?
  /// The factor of a creator without gender data (likewise ``ageMissing`` and
  /// ``interestMissing``): the population prior's lower bound, or 1 when no creator has the data.
  package let genderMissing: Factor
  package let ageMask: [Bool]
  package let ageMissing: Factor
  /// Per packed country code: 1 in the target, 0 not. Numbers rather than flags so that a row's
  /// target sum multiplies instead of branching per entry (x·1 = x and adding x·0 = 0 are exact).
  package let countryAllowed: [Double]?
  /// The population's expected share in the target countries (and languages), p.
  package let countryPrior: Double
  /// The factors of a creator without country (language) data: home in the target, home
  /// outside it, home unknown.
  package let countryMissing: HomeFactors
  /// Per packed language code: 1 in the target, 0 not.
  package let languageAllowed: [Double]?
  package let languagePrior: Double
  package let languageMissing: HomeFactors
  /// For a top-country-only row: the top country's share t, and per packed country code the
  /// population prior of each country (the rest, 1 − t, is spread in proportion to it).
  let topShare: Double
  let countryPriorByCode: [Double]
  /// The number of target countries and languages (the ones in ``countryAllowed`` and
  /// ``languageAllowed``).
  let countryTargets: Double
  let languageTargets: Double
  /// Per interest label id: 1 in the target, 0 not.
  package let interestAllowed: [Double]?
  package let interestMissing: Factor
  /// Notes about dimensions without data, for the output.
  package let notes: [PlanNote]

  /// The share of a creator's audience assumed to be in its own country and language when
  /// unmeasured.
  package static let homeShare = 0.6
  /// κ of a partial share's lower bound: as sure as ten observed followers.
  package static let partialStrength = 10.0
  /// κ of an estimate's lower bound: as sure as four observed followers.
  package static let estimateStrength = 4.0
  /// Φ⁻¹(0.8): the lower bound is the 20% quantile.
  static let boundZ = 0.8416212335729143

  /// The share an estimate with `evidence` ranks by: its 20% lower credible bound (see the type's
  /// documentation); a measurement or an absent dimension unchanged.
  ///
  /// - Parameters:
  ///   - mean: The estimate, 0–1.
  ///   - evidence: How it was obtained.
  /// - Returns: The bound, 0 ≤ bound ≤ mean.
  @inline(__always)
  package static func lowerBound(_ mean: Double, _ evidence: Evidence) -> Double {
    let strength: Double
    switch evidence {
    case .measured, .absent: return mean
    case .partial: strength = partialStrength
    case .estimated: strength = estimateStrength
    }
    let m = min(max(mean, 0), 1)
    return max(0, m - boundZ * (m * (1 - m) / (strength + 1)).squareRoot())
  }

  /// An estimate as a factor: its lower bound, the evidence and the estimate itself.
  @inline(__always)
  static func factor(estimate: Double, _ evidence: Evidence) -> Factor {
    (lowerBound(estimate, evidence), evidence, estimate)
  }

  /// The factors of a creator without data in a geographic dimension, by its home.
  package struct HomeFactors: Sendable {
    /// Home country (language) in the target.
    package var inTarget: Factor
    /// Home outside the target.
    package var outside: Factor
    /// Home unknown.
    package var unknown: Factor

    /// h·[home in target] + (1 − h)·p for a known home, p for an unknown one, each bounded.
    init(prior: Double) {
      inTarget = AudiencePlan.factor(
        estimate: homeShare + (1 - homeShare) * prior, .estimated)
      outside = AudiencePlan.factor(estimate: (1 - homeShare) * prior, .estimated)
      unknown = AudiencePlan.factor(estimate: prior, .estimated)
    }
  }
  let target: CampaignBrief.AudienceTarget

  /// Whether the brief targets no dimension.
  package var isEmpty: Bool { target.isEmpty }

  /// Compiles the target against a table and its model's priors.
  package init(target: CampaignBrief.AudienceTarget, table: CreatorTable) {
    self.target = target
    let priors = table.model.audiencePriors
    gender = target.gender
    let genderPriorRaw = target.gender == .male ? 1 - priors.femaleShare : priors.femaleShare
    var mask = Array(repeating: false, count: AgeBucket.allCases.count)
    for bucket in target.ages { mask[bucket.rawValue] = true }
    ageMask = mask
    let agePriorRaw = target.ages.reduce(0) { $0 + priors.ageShares[$1.rawValue] }
    func lookup(_ codes: [String]) -> [Double]? {
      guard !codes.isEmpty else { return nil }
      var allowed = Array(repeating: 0.0, count: TwoLetterCode.tableSize)
      for code in codes { allowed[Int(TwoLetterCode.pack(code))] = 1 }
      allowed[0] = 0
      return allowed
    }
    var notes: [PlanNote] = []
    for (dimension, targeted, count) in [
      (AudienceDimension.gender, target.gender != nil, priors.counts[0]),
      (.age, !target.ages.isEmpty, priors.counts[1]),
      (.interest, !target.interests.isEmpty, priors.counts[4]),
    ] where targeted && count == 0 {
      notes.append(.audienceDimensionWithoutData(dimension))
    }
    countryAllowed = lookup(target.countries)
    let country = priors.countryPrior(target.countries, homeShare: Self.homeShare)
    countryPrior = country.share
    countryMissing = HomeFactors(prior: country.share)
    if countryAllowed != nil, country.source != .audienceDistributions {
      notes.append(.countryShareEstimated(from: country.source, topShare: priors.topCountryShare))
    }
    topShare = priors.topCountryShare
    var byCode = Array(repeating: 0.0, count: TwoLetterCode.tableSize)
    if countryAllowed != nil {
      for code in Set(priors.countries.keys).union(priors.topCountries.keys)
        .union(priors.homeCountries.keys)
      {
        byCode[Int(TwoLetterCode.pack(code))] =
          priors.countryPrior([code], homeShare: Self.homeShare)
          .share
      }
      byCode[0] = 0
    }
    countryPriorByCode = byCode
    languageAllowed = lookup(target.languages)
    countryTargets = countryAllowed?.reduce(0, +) ?? 0
    languageTargets = languageAllowed?.reduce(0, +) ?? 0
    languagePrior =
      priors.counts[3] > 0
      ? min(1, target.languages.reduce(0) { $0 + (priors.languages[$1] ?? 0) })
      : min(1, Double(target.languages.count) * AudiencePriors.uninformedCountryShare)
    languageMissing = HomeFactors(prior: languagePrior)
    if languageAllowed != nil, priors.counts[3] == 0 {
      notes.append(.languageShareEstimated(perLanguage: AudiencePriors.uninformedCountryShare))
    }
    if target.interests.isEmpty {
      interestAllowed = nil
    } else {
      var allowed = Array(repeating: 0.0, count: table.interestLabels.count)
      for (id, label) in table.interestLabels.enumerated() where target.interests.contains(label) {
        allowed[id] = 1
      }
      interestAllowed = allowed
    }
    interestMissing =
      priors.counts[4] > 0
      ? Self.factor(
        estimate: min(1, target.interests.reduce(0) { $0 + (priors.interests[$1] ?? 0) }),
        .estimated)
      : (1, .absent, 1)
    genderMissing =
      priors.counts[0] > 0 ? Self.factor(estimate: genderPriorRaw, .estimated) : (1, .absent, 1)
    ageMissing =
      priors.counts[1] > 0
      ? Self.factor(estimate: min(agePriorRaw, 1), .estimated) : (1, .absent, 1)
    self.notes = notes
  }

  /// The on-target share of row `row` and whether any factor was estimated; (1, false) when the
  /// brief targets no dimension.
  @inline(__always)
  package func evaluate(_ row: Int, in table: CreatorTable) -> (share: Double, evidence: Evidence) {
    // A share is never below 0, so nothing stops early.
    evaluate(row, in: table, atLeast: 0) ?? (0, .measured)
  }

  /// The on-target share of row `row`, or nil as soon as the product of the factors so far falls
  /// below `needed`: every factor is at most 1 and rounding a product by a factor at most 1
  /// never rounds up, so the share would be below it too. The ranking pass uses this to stop
  /// before the scattered reads of the later dimensions. A returned share has exactly the bits
  /// ``evaluate(_:in:)`` gives.
  @inline(__always)
  func share(_ row: Int, in table: CreatorTable, atLeast needed: Double) -> Double? {
    evaluate(row, in: table, atLeast: needed)?.share
  }

  /// The audience-share kernel, the one place the factors combine: gender × age × geography ×
  /// interest over the targeted dimensions, with geography as
  /// ``geography(_:in:upperBound:share:atLeast:observe:)`` combines it. ``evaluate(_:in:)`` and
  /// ``share(_:in:atLeast:)`` return its product and ``breakdown(_:in:)`` lists the factors it
  /// hands to `observe`, in the order they multiply.
  ///
  /// Returns nil as soon as the product so far falls below `needed` (see
  /// ``share(_:in:atLeast:)``). The ranking pass passes the default `observe`, which inlining
  /// removes.
  @inline(__always)
  func evaluate(
    _ row: Int, in table: CreatorTable, atLeast needed: Double,
    observe: (DimensionFit.Kind, Factor) -> Void = { _, _ in }
  ) -> (share: Double, evidence: Evidence)? {
    var share = 1.0
    var evidence = Evidence.measured
    if let gender {
      let factor = genderFactor(row, gender, in: table)
      observe(.gender, factor)
      share *= factor.share
      evidence = factor.evidence
      if share < needed { return nil }
    }
    if !target.ages.isEmpty {
      let factor = ageFactor(row, in: table)
      observe(.age, factor)
      share *= factor.share
      evidence = max(evidence, factor.evidence)
      if share < needed { return nil }
    }
    guard
      let geography = geography(
        row, in: table, upperBound: false, share: share, atLeast: needed, observe: observe)
    else { return nil }
    evidence = max(evidence, geography.evidence)
    share *= geography.share
    if share < needed { return nil }
    if let interestAllowed {
      let factor = interestFactor(row, interestAllowed, in: table)
      observe(.interest, factor)
      share *= factor.share
      evidence = max(evidence, factor.evidence)
    }
    return (share, evidence)
  }

  /// The geography factor min(1, country, language) over the targeted ones: the Fréchet upper
  /// bound of P(country ∧ language). Nil as soon as `share` × the factor so far falls below
  /// `needed`, so the ranking skips the language shares of a creator the countries already
  /// rule out. With `upperBound` each dimension's target sum is its bound from the dense leaders
  /// (``geographicFactor(_:_:own:_:targets:prior:estimatedBit:in:upperBound:)``).
  @inline(__always)
  func geography(
    _ row: Int, in table: CreatorTable, upperBound: Bool, share: Double, atLeast needed: Double,
    observe: (DimensionFit.Kind, Factor) -> Void
  ) -> Factor? {
    var geography = 1.0
    var estimate = 1.0
    var evidence = Evidence.measured
    if let countryAllowed {
      let factor = geographicFactor(
        table.audienceCountries, row, own: table.countries[row], countryAllowed,
        targets: countryTargets, missing: countryMissing, estimatedBit: 1, in: table,
        upperBound: upperBound)
      observe(.country, factor)
      geography = min(geography, factor.share)
      estimate = min(estimate, factor.estimate)
      evidence = factor.evidence
      if share * geography < needed { return nil }
    }
    if let languageAllowed {
      let factor = geographicFactor(
        table.audienceLanguages, row, own: table.languages[row], languageAllowed,
        targets: languageTargets, missing: languageMissing, estimatedBit: 2, in: table,
        upperBound: upperBound)
      observe(.language, factor)
      geography = min(geography, factor.share)
      estimate = min(estimate, factor.estimate)
      evidence = max(evidence, factor.evidence)
    }
    return (geography, evidence, estimate)
  }

  /// An upper bound of row `row`'s geography factor min(1, country, language) from dense columns
  /// only, so the ranking can drop most off-market creators without reading their sparse shares:
  /// the kernel's own ``geography(_:in:upperBound:share:atLeast:observe:)`` with each target sum
  /// bounded from its leaders (the exact estimate for a row without data). 1 when the brief
  /// targets neither dimension. The bound is exact up to rounding, which the caller's margin
  /// covers.
  @inline(__always)
  func geographyBound(_ row: Int, in table: CreatorTable) -> Double {
    // With a needed share of −∞ it never stops early.
    let bound = geography(
      row, in: table, upperBound: true, share: 1, atLeast: -.infinity, observe: { _, _ in })
    return bound?.share ?? 1
  }

  /// A checksum of the first cache line of every column ``share(_:in:atLeast:)`` reads for
  /// `row`. Its loads do not depend on one another, so touching a list of rows before scoring
  /// them lets the processor fetch their scattered lines in parallel rather than one miss at a
  /// time; the caller keeps the checksum so the loads stay.
  @inline(__always)
  func touch(_ row: Int, in table: CreatorTable) -> UInt32 {
    var sum: UInt32 = 0
    if gender != nil { sum &+= table.femaleShares[row].bitPattern }
    if !target.ages.isEmpty {
      for bucket in target.ages {
        sum &+= table.ageShare(row, bucket: bucket.rawValue).bitPattern
      }
    }
    func touch(_ rows: SparseShares) {
      let entry = Int(rows.offsets[row])
      if entry < rows.keys.count {
        sum &+= UInt32(rows.keys[entry]) &+ rows.shares[entry].bitPattern
      }
    }
    if countryAllowed != nil { touch(table.audienceCountries) }
    if languageAllowed != nil { touch(table.audienceLanguages) }
    if interestAllowed != nil { touch(table.audienceInterests) }
    return sum
  }

  /// The target sum of one row's sparse shares as a measured factor, or `missing` when the row
  /// has none.
  @inline(__always)
  static func sum(_ rows: SparseShares, _ row: Int, _ allowed: [Double], missing: Factor)
    -> Factor
  {
    guard rows.hasEntries(row) else { return missing }
    let sum = targetSum(rows, row, allowed)
    return (sum, .measured, sum)
  }

  /// Σ share · allowed[key] over one row's sparse shares (0 for a row without any).
  @inline(__always)
  static func targetSum(_ rows: SparseShares, _ row: Int, _ allowed: [Double]) -> Double {
    var total = 0.0
    for entry in Int(rows.offsets[row])..<Int(rows.offsets[row + 1]) {
      total += Double(rows.shares[entry]) * allowed[Int(rows.keys[entry])]
    }
    return total
  }

  /// Each targeted dimension's share for row `row`, in the order gender, age, countries,
  /// languages, interests: the factors the kernel ``evaluate(_:in:atLeast:observe:)`` multiplies.
  package func breakdown(_ row: Int, in table: CreatorTable) -> [DimensionFit] {
    var result: [DimensionFit] = []
    // No share is below −∞, so the kernel visits every targeted dimension.
    _ = evaluate(row, in: table, atLeast: -.infinity) { kind, factor in
      result.append(
        DimensionFit(
          kind: kind, target: target, share: factor.share, evidence: factor.evidence,
          estimate: factor.estimate))
    }
    return result
  }
}
