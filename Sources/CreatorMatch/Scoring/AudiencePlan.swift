/// A brief's audience target compiled against a table: dense lookup tables per dimension and the
/// population prior used when a creator lacks a dimension (<doc:Formulas#Audience>).
///
/// On-target share = gender × age × geography × interest, over the dimensions the brief targets:
/// the female share (or 1 − it for a male target), the sum of target age buckets and the sum of
/// target interests, each capped at 1 (ingest accepts shares whose rounding sums a little past
/// 1). Geography is the share in the target countries and the share speaking the target
/// languages combined as min(country, language) when both are targeted: the Fréchet upper bound
/// of P(country ∧ language), because the two are strongly dependent (a Polish audience mostly
/// speaks Polish) and a plain product would count the same people twice. A dimension
/// the creator has no data for is estimated and marked so:
///
/// - countries and languages: h·[own country (language) in target] + (1 − h)·p, with the
///   creator's own country or language when known, home share h = 0.6, and p the population mean
///   of the target sum (``AudiencePriors``, used alone when the creator's own is unknown);
/// - gender, age and interests: the population mean of the target sum;
/// - a dimension no creator in the population has data for cannot tell creators apart: it counts
///   as 1 (fully on target) and the plan says so in a note.
public struct AudiencePlan: Sendable {
  /// One dimension's share for a creator, for explanations.
  public struct DimensionFit: Sendable, Equatable {
    /// Which dimension.
    public enum Kind: Sendable, Equatable {
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
    public var kind: Kind
    /// The dimension in words ("PL", "female", "ages 18-34").
    public var label: String
    /// The share of the audience inside the target for this dimension.
    public var share: Double
    /// Whether the share is the population prior (no data) or was filled in.
    public var estimated: Bool
  }

  package let gender: CampaignBrief.Gender?
  package let genderPrior: Double
  package let ageMask: [Bool]
  package let agePrior: Double
  /// Per packed country code: 1 in the target, 0 not. Numbers rather than flags so that a row's
  /// target sum multiplies instead of branching per entry (x·1 = x and adding x·0 = 0 are exact).
  package let countryAllowed: [Double]?
  package let countryPrior: Double?
  /// Per packed language code: 1 in the target, 0 not.
  package let languageAllowed: [Double]?
  package let languagePrior: Double?
  /// The number of target countries and languages (the ones in ``countryAllowed`` and
  /// ``languageAllowed``).
  let countryTargets: Double
  let languageTargets: Double
  /// Per interest label id: 1 in the target, 0 not.
  package let interestAllowed: [Double]?
  package let interestPrior: Double
  /// Notes about dimensions without data, for the output.
  public let notes: [String]

  /// The share of a creator's audience assumed to be in its own country and language when
  /// unmeasured.
  public static let homeShare = 0.6
  let target: CampaignBrief.AudienceTarget

  /// Whether the brief targets no dimension.
  public var isEmpty: Bool { target.isEmpty }

  /// Compiles the target against a table and its model's priors.
  public init(target: CampaignBrief.AudienceTarget, table: CreatorTable) {
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
    var notes: [String] = []
    let dimensionNames = ["gender", "age", "country", "language", "interest"]
    let targeted = [
      target.gender != nil, !target.ages.isEmpty, !target.countries.isEmpty,
      !target.languages.isEmpty, !target.interests.isEmpty,
    ]
    for (index, name) in dimensionNames.enumerated()
    where targeted[index] && priors.counts[index] == 0 {
      let geographic = index == 2 || index == 3
      notes.append(
        "no creator in the population has audience \(name) data: "
          + (geographic
            ? "estimated from the creator's own \(name) where known (60% at home), otherwise "
            : "")
          + "not scored (counts as fully on target)")
    }
    countryAllowed = lookup(target.countries)
    countryPrior =
      priors.counts[2] > 0
      ? min(1, target.countries.reduce(0) { $0 + (priors.countries[$1] ?? 0) }) : nil
    languageAllowed = lookup(target.languages)
    countryTargets = countryAllowed?.reduce(0, +) ?? 0
    languageTargets = languageAllowed?.reduce(0, +) ?? 0
    languagePrior =
      priors.counts[3] > 0
      ? min(1, target.languages.reduce(0) { $0 + (priors.languages[$1] ?? 0) }) : nil
    if target.interests.isEmpty {
      interestAllowed = nil
    } else {
      var allowed = Array(repeating: 0.0, count: table.interestLabels.count)
      for (id, label) in table.interestLabels.enumerated() where target.interests.contains(label) {
        allowed[id] = 1
      }
      interestAllowed = allowed
    }
    interestPrior =
      priors.counts[4] > 0
      ? min(1, target.interests.reduce(0) { $0 + (priors.interests[$1] ?? 0) }) : 1
    genderPrior = priors.counts[0] > 0 ? genderPriorRaw : 1
    agePrior = priors.counts[1] > 0 ? min(agePriorRaw, 1) : 1
    self.notes = notes
  }

  /// The estimated share of a creator without data for a geographic dimension.
  @inline(__always)
  static func homeEstimate(own: UInt16, allowed: [Double], prior: Double?) -> Double {
    guard own != 0 else { return prior ?? 1 }
    let home = allowed[Int(own)]
    return homeShare * home + (1 - homeShare) * (prior ?? 0)
  }

  /// The on-target share of row `row` and whether any factor was estimated; (1, false) when the
  /// brief targets no dimension.
  @inline(__always)
  public func evaluate(_ row: Int, in table: CreatorTable) -> (share: Double, estimated: Bool) {
    // A share is never below 0, so nothing stops early.
    evaluate(row, in: table, atLeast: 0) ?? (0, false)
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
  ) -> (share: Double, estimated: Bool)? {
    var share = 1.0
    var estimated = false
    if let gender {
      let factor = genderFactor(row, gender, in: table)
      observe(.gender, factor)
      share *= factor.share
      estimated = factor.estimated
      if share < needed { return nil }
    }
    if !target.ages.isEmpty {
      let factor = ageFactor(row, in: table)
      observe(.age, factor)
      share *= factor.share
      estimated = estimated || factor.estimated
      if share < needed { return nil }
    }
    guard
      let geography = geography(
        row, in: table, upperBound: false, share: share, atLeast: needed, observe: observe)
    else { return nil }
    estimated = estimated || geography.estimated
    share *= geography.share
    if share < needed { return nil }
    if let interestAllowed {
      let factor = interestFactor(row, interestAllowed, in: table)
      observe(.interest, factor)
      share *= factor.share
      estimated = estimated || factor.estimated
    }
    return (share, estimated)
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
    var estimated = false
    if let countryAllowed {
      let factor = geographicFactor(
        table.audienceCountries, row, own: table.countries[row], countryAllowed,
        targets: countryTargets, prior: countryPrior, estimatedBit: 1, in: table,
        upperBound: upperBound)
      observe(.country, factor)
      geography = min(geography, factor.share)
      estimated = factor.estimated
      if share * geography < needed { return nil }
    }
    if let languageAllowed {
      let factor = geographicFactor(
        table.audienceLanguages, row, own: table.languages[row], languageAllowed,
        targets: languageTargets, prior: languagePrior, estimatedBit: 2, in: table,
        upperBound: upperBound)
      observe(.language, factor)
      geography = min(geography, factor.share)
      estimated = estimated || factor.estimated
    }
    return (geography, estimated)
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

  /// The target sum of one row's sparse shares, or (`estimate`, true) when the row has none.
  @inline(__always)
  static func sum(_ rows: SparseShares, _ row: Int, _ allowed: [Double], estimate: Double) -> (
    Double, Bool
  ) {
    let start = Int(rows.offsets[row])
    let end = Int(rows.offsets[row + 1])
    guard end > start else { return (estimate, true) }
    var total = 0.0
    for entry in start..<end {
      total += Double(rows.shares[entry]) * allowed[Int(rows.keys[entry])]
    }
    return (total, false)
  }

  /// Each targeted dimension's share for row `row`, in the order gender, age, countries,
  /// languages, interests: the factors the kernel ``evaluate(_:in:atLeast:observe:)`` multiplies.
  public func breakdown(_ row: Int, in table: CreatorTable) -> [DimensionFit] {
    var result: [DimensionFit] = []
    // No share is below −∞, so the kernel visits every targeted dimension.
    _ = evaluate(row, in: table, atLeast: -.infinity) { kind, factor in
      result.append(
        DimensionFit(
          kind: kind, label: label(kind), share: factor.share, estimated: factor.estimated))
    }
    return result
  }

  /// A targeted dimension in words, as ``breakdown(_:in:)`` labels it.
  func label(_ kind: DimensionFit.Kind) -> String {
    switch kind {
    case .gender: gender?.rawValue ?? ""
    case .age: "ages " + Self.ageLabel(target.ages)
    case .country: target.countries.joined(separator: "+")
    case .language: "in " + target.languages.joined(separator: "+")
    case .interest: "into " + target.interests.joined(separator: "/")
    }
  }

  /// "18-34" for contiguous buckets, else "18-24+45-54".
  static func ageLabel(_ buckets: [AgeBucket]) -> String {
    let sorted = buckets.sorted()
    guard let first = sorted.first, let last = sorted.last else { return "" }
    if last.rawValue - first.rawValue + 1 == sorted.count {
      return last == .age55plus ? "\(first.lowerAge)+" : "\(first.lowerAge)-\(last.upperAge)"
    }
    return sorted.map(\.label).joined(separator: "+")
  }
}
