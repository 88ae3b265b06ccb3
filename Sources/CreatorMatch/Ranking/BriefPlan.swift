/// A brief compiled against a ``CreatorTable``: constraint masks, the niche query, the audience
/// plan and the effective weights. Compiling is O(query terms + log n per excluded id); the plan
/// is then applied to every creator by ``Ranker``.
public struct BriefPlan: Sendable {
  /// The brief.
  public let brief: CampaignBrief
  /// Weights actually used, normalized to sum to 1; components without input have weight 0.
  public let weights: ComponentWeights
  /// Why components were left out of the weights, and other notes for the output.
  public let notes: [PlanNote]
  /// Notes that depend on which creators the table holds (ids not found), kept apart so that
  /// sharded batch summaries carry only notes every shard agrees on.
  package let tableNotes: [PlanNote]
  /// The niche query.
  package let niche: NicheQuery
  /// The audience plan.
  package let audience: AudiencePlan
  /// The forecast plan, when the brief has economics.
  public let forecast: ForecastPlan?
  /// The brand audience the overlap component compares with, when it is scored.
  public let brand: BrandAudience?
  /// What the overlap component rewards (by the brief's goal).
  public let overlapMeaning: OverlapMeaning
  /// Per row, the overlap score s_ovl (creators without a sketch get
  /// ``overlapEstimate``); `nil` when overlap is not scored.
  package let overlapScores: [Double]?
  /// Per row, ln max(s_ovl, 0.01), read by the ranking pass.
  package let overlapLogs: [Double]?
  /// The overlap score of a creator without a sketch: the mean m of the scores of the sketch
  /// file's other audiences at its 20% lower credible bound, m − 0.8416·√(m(1 − m)/5), the rule for estimated
  /// audience shares, so an unmeasured overlap never beats a measured one of the same mean.
  public let overlapEstimate: Double?

  package let platformMask: UInt32
  package let tierMask: UInt8
  package let minFollowers: Double
  package let maxFollowers: Double
  package let countryAllowed: [Bool]?
  package let minAuthenticity: Double
  package let maxSponsored: Float
  /// Rows removed at plan time (excluded ids, account types, excluded categories), ascending;
  /// the sweep marks them all with the excluded-id bit and ``attributeExclusions(in:to:table:)``
  /// moves each count to its reason in ``excludedReasons``.
  package let excludedRows: [Int]
  /// Why each of ``excludedRows`` is removed.
  package let excludedReasons: [FilterReason]
  /// The niches whose creators this brief drops (its `exclude_categories` and adult content
  /// unless asked for), one bit per niche.
  public let excludedCategoryMask: UInt64

  /// Compiles `brief` against `table`; `rates` converts rate cards and price estimates.
  ///
  /// - Parameters:
  ///   - brief: The brief.
  ///   - table: The creators.
  ///   - rates: Exchange rates for rate cards and price estimates.
  ///   - brand: The brand audience named by the brief's `audience.brand_audience`, computed
  ///     against `table`; `nil` leaves overlap out of the score.
  ///   - sketchesLoaded: Whether a sketch file was given, so that a brief without a brand
  ///     audience is told why overlap is not scored.
  public init(
    brief: CampaignBrief, table: CreatorTable, rates: CurrencyRates = .reference,
    brand: BrandAudience? = nil, sketchesLoaded: Bool = false
  ) {
    self.brief = brief
    var notes: [PlanNote] = []
    let niche = NicheQuery(brief: brief, table: table)
    let audience = AudiencePlan(target: brief.audience, table: table)
    var weights = brief.goal.defaultWeights
    let overrides = brief.weightOverrides
    if let value = overrides.engagement { weights.engagement = value }
    if let value = overrides.audience { weights.audience = value }
    if let value = overrides.niche { weights.niche = value }
    if let value = overrides.authenticity { weights.authenticity = value }
    if let value = overrides.value { weights.value = value }
    if let value = overrides.overlap { weights.overlap = value }
    let meaning = brief.goal.overlapMeaning
    overlapMeaning = meaning
    let usable = brand.flatMap { brand in brand.fileAffinities.isEmpty ? nil : brand }
    if let usable, weights.overlap > 0 {
      let scores = (0..<table.count).map { row -> Double in
        let affinity = usable.affinities[row]
        return affinity.isNaN ? .nan : meaning.score(affinity: affinity)
      }
      // The mean over the sketch file's audiences, not the table's rows, so every shard of a
      // sharded batch estimates the same.
      var sum = 0.0
      for affinity in usable.fileAffinities { sum += meaning.score(affinity: affinity) }
      let mean = sum / Double(max(usable.fileAffinities.count, 1))
      let estimate = max(0, mean - 0.8416 * (mean * (1 - mean) / 5).squareRoot())
      let filled = scores.map { $0.isNaN ? estimate : $0 }
      overlapScores = filled
      overlapLogs = filled.map(ComponentScores.logFloored)
      overlapEstimate = estimate
      self.brand = usable
      notes.append(.overlapScored(brand: usable.id, meaning: meaning))
    } else {
      if weights.overlap > 0 {
        if let brand {
          notes.append(.overlapWithoutBrandAudience(.noSketchedCreators(brand.id)))
        } else if let named = brief.audience.brandAudience {
          notes.append(.overlapWithoutBrandAudience(.noSketches(named)))
        } else if sketchesLoaded || overrides.overlap != nil {
          notes.append(.overlapWithoutBrandAudience(.notNamed))
        }
      }
      weights.overlap = 0
      overlapScores = nil
      overlapLogs = nil
      overlapEstimate = nil
      self.brand = nil
    }
    if brief.economics == nil {
      if weights.value > 0 {
        notes.append(.valueWithoutEconomics)
      }
      weights.value = 0
    }
    if niche.isEmpty {
      if weights.niche > 0 {
        notes.append(.nicheWithoutQuery)
      }
      weights.niche = 0
    }
    if audience.isEmpty {
      if weights.audience > 0 {
        notes.append(.audienceWithoutTarget)
      }
      weights.audience = 0
    }
    if weights.total <= 0 {
      notes.append(.noWeightedInput)
      weights = ComponentWeights(engagement: 1, audience: 0, niche: 0, authenticity: 1, value: 0)
    }
    notes.append(contentsOf: niche.notes)
    notes.append(contentsOf: audience.notes)
    self.weights = weights.normalized
    self.niche = niche
    self.audience = audience
    self.forecast = brief.economics.map {
      ForecastPlan(economics: $0, brief: brief, table: table, rates: rates)
    }
    if let forecast {
      notes.append(contentsOf: forecast.notes)
    }

    let platforms = brief.platforms.isEmpty ? Platform.allCases : brief.platforms
    platformMask = platforms.reduce(0) { $0 | 1 << UInt32($1.ordinal) }
    let tiers = brief.constraints.tiers.isEmpty ? Tier.allCases : brief.constraints.tiers
    tierMask = tiers.reduce(0) { $0 | 1 << UInt8($1.ordinal) }
    minFollowers = brief.constraints.minFollowers ?? -.infinity
    maxFollowers = brief.constraints.maxFollowers ?? .infinity
    if brief.constraints.creatorCountries.isEmpty {
      countryAllowed = nil
    } else {
      var allowed = Array(repeating: false, count: TwoLetterCode.tableSize)
      for code in brief.constraints.creatorCountries {
        allowed[Int(TwoLetterCode.pack(code))] = true
      }
      countryAllowed = allowed
    }
    minAuthenticity = brief.constraints.minAuthenticity ?? -.infinity
    maxSponsored = brief.constraints.maxSponsoredShare.map(Float.init) ?? .infinity
    var rows: [Int] = []
    var unknownIDs = 0
    for id in brief.constraints.excludeIDs {
      if let row = table.row(ofID: id) { rows.append(row) } else { unknownIDs += 1 }
    }
    let exclusions = Self.exclusions(brief: brief, table: table, idRows: rows)
    excludedRows = exclusions.rows
    excludedReasons = exclusions.reasons
    excludedCategoryMask = exclusions.categoryMask
    notes.append(contentsOf: exclusions.notes)
    var tableNotes: [PlanNote] = []
    if unknownIDs > 0 { tableNotes.append(.excludedIDsNotInTable(unknownIDs)) }
    // The expansion is learnt from the table's creators, so it is a table note.
    if !niche.expansion.isEmpty {
      tableNotes.append(
        .nicheExpanded(terms: niche.expansion.map(\.text), weights: niche.expansion.map(\.weight)))
    }
    self.tableNotes = tableNotes
    self.notes = notes
  }
}
