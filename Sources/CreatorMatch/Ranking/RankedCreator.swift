import Foundation

/// One creator in a ranking, with the component scores behind its composite score.
public struct RankedCreator: Sendable, Equatable {
  /// 1-based position.
  public var rank: Int
  /// Row in the ranking table.
  public var row: Int
  /// Creator id.
  public var id: String
  /// Handle, if known.
  public var handle: String?
  /// Platform.
  public var platform: Platform
  /// Followers.
  public var followers: Double
  /// Composite score, 0–100.
  public var score: Double
  /// The component scores, each 0–1.
  public var components: ComponentScores
  /// Observed engagement rate, if known.
  public var engagementRate: Double?
  /// How each component was obtained.
  public var evidence: ComponentEvidence
  /// How many of the creator's brief-independent inputs are measured (0–4: engagement counts,
  /// authenticity evidence, text or categories, audience data): the first tie-breaker between
  /// equal scores, before more followers and the id.
  public var measuredInputs: Int
  /// Whether the audience share used a prior or filled-in shares.
  public var audienceEstimated: Bool { evidence.audience != .measured }
  /// Authenticity flags (``AuthenticityFlag/Kind/bit`` mask).
  public var flags: UInt16
  /// The ROI forecast, when the brief has economics.
  public var forecast: CreatorForecast?
  /// The creator's overlap with the brand audience, when the brief names one, its sketches are
  /// loaded and the creator has a sketch.
  public var brandOverlap: BrandOverlap?

  /// The tier.
  public var tier: Tier { Tier(followers: followers) }
  /// The handle or id.
  public var displayName: String { handle ?? id }
  /// Whether a fraud signal is among the flags (bought or faked reach, not fatigue).
  public var isSuspicious: Bool { flagKinds.contains { $0.isFraudSignal } }

  /// The flag kinds raised.
  public var flagKinds: [AuthenticityFlag.Kind] {
    AuthenticityFlag.Kind.allCases.filter { flags & $0.bit != 0 }
  }
}

/// How each component of a ranked creator was obtained.
public struct ComponentEvidence: Sendable, Equatable {
  /// Engagement: measured from the creator's own counts, or estimated (the peers' prior).
  public var engagement: Evidence
  /// Audience: the weakest of the targeted dimensions (measured when the brief targets none).
  public var audience: Evidence
  /// Niche: measured from the creator's text or categories, absent without either.
  public var niche: Evidence
  /// Authenticity: measured when any of its evidence is known, estimated (no flags for lack of
  /// data) otherwise.
  public var authenticity: Evidence
  /// Value: measured with a rate card, estimated from a CPM; `nil` without economics.
  public var value: Evidence?
  /// Overlap with the brand audience: measured from exact sets, partial from sketches, estimated
  /// for a creator without a sketch; `nil` without a brand audience.
  public var overlap: Evidence?

  /// Creates evidence.
  public init(
    engagement: Evidence, audience: Evidence, niche: Evidence, authenticity: Evidence,
    value: Evidence?, overlap: Evidence? = nil
  ) {
    self.engagement = engagement
    self.audience = audience
    self.niche = niche
    self.authenticity = authenticity
    self.value = value
    self.overlap = overlap
  }

  /// How many of the components `weights` scores were measured.
  public func measuredCount(_ weights: ComponentWeights) -> Int {
    var count = 0
    if weights.engagement > 0 && engagement == .measured { count += 1 }
    if weights.audience > 0 && audience == .measured { count += 1 }
    if weights.niche > 0 && niche == .measured { count += 1 }
    if weights.authenticity > 0 && authenticity == .measured { count += 1 }
    if weights.value > 0 && value == .measured { count += 1 }
    if weights.overlap > 0 && overlap == .measured { count += 1 }
    return count
  }
}

/// The component scores of a creator for a brief, each 0–1.
public struct ComponentScores: Sendable, Equatable {
  /// s_eng.
  public var engagement: Double
  /// s_aud, the on-target share.
  public var audience: Double
  /// s_niche.
  public var niche: Double
  /// Authenticity.
  public var authenticity: Double
  /// s_val = P(ROI > 0), or `nil` without economics.
  public var value: Double?
  /// s_ovl, the overlap with the brand audience as the goal reads it, or `nil` without a brand
  /// audience (<doc:Formulas#Brand-audience-overlap>).
  public var overlap: Double?

  /// Creates component scores.
  public init(
    engagement: Double, audience: Double, niche: Double, authenticity: Double, value: Double?,
    overlap: Double? = nil
  ) {
    self.engagement = engagement
    self.audience = audience
    self.niche = niche
    self.authenticity = authenticity
    self.value = value
    self.overlap = overlap
  }

  /// Components are floored here before taking logs, so that one component at 0 (no matched
  /// keyword, no audience in the target) weighs the score down hard without erasing the order the
  /// other components give.
  public static let floor = 0.01

  /// The composite score, 0–100: the weighted geometric mean
  /// score = 100 × Π_c max(s_c, 0.01)^w_c with weights normalized to sum to 1.
  ///
  /// Why not the arithmetic mean 100 × Σ w_c·s_c (<doc:Formulas#Why-a-geometric-mean>)? With it,
  /// a creator with no audience in the target country (s_aud = 0) reached a top 10 on engagement
  /// alone, because an additive score treats fit as optional; the geometric mean makes every
  /// weighted component necessary (the floor costs 0.01^w_c), keeps the same weights and the same
  /// 0–100 scale, and remains a published, per-component formula: ln score = ln 100 + Σ w_c ln s_c.
  @inlinable
  public func composite(_ weights: ComponentWeights) -> Double {
    Self.score(
      logComposite: Self.logComposite(
        logEngagement: Self.logFloored(engagement), logAudience: Self.logFloored(audience),
        logNiche: Self.logFloored(niche), logAuthenticity: Self.logFloored(authenticity),
        logValue: Self.logFloored(value ?? 0), weights: weights,
        logOverlap: Self.logFloored(overlap ?? 0)))
  }

  /// ln(score / 100) = Σ_c w_c · ln max(s_c, 0.01) from the components' floored logs
  /// (``logFloored(_:)``), summed in the fixed order engagement, audience, niche, authenticity,
  /// value, skipping weights of 0.
  ///
  /// The one definition of the composite: ``composite(_:)`` and the ranking pass (which keeps
  /// the logs in precomputed columns) both sum here, so a ranked row's components reproduce its
  /// score bit for bit.
  /// - Parameters:
  ///   - logEngagement: ln max(s_eng, 0.01).
  ///   - logAudience: ln max(s_aud, 0.01).
  ///   - logNiche: ln max(s_niche, 0.01).
  ///   - logAuthenticity: ln max(authenticity, 0.01).
  ///   - logValue: ln max(s_val, 0.01), with s_val = 0 without economics.
  ///   - weights: The component weights.
  ///   - logOverlap: ln max(s_ovl, 0.01); only read when the overlap weight is above 0, which
  ///     it is only with a brand audience.
  /// - Returns: The log-score, at most 0 for weights summing to 1.
  @inlinable @inline(__always)
  public static func logComposite(
    logEngagement: Double, logAudience: Double, logNiche: Double, logAuthenticity: Double,
    logValue: Double, weights: ComponentWeights, logOverlap: Double = 0
  ) -> Double {
    var logSum = 0.0
    if weights.engagement > 0 { logSum += weights.engagement * logEngagement }
    if weights.audience > 0 { logSum += weights.audience * logAudience }
    if weights.niche > 0 { logSum += weights.niche * logNiche }
    if weights.authenticity > 0 { logSum += weights.authenticity * logAuthenticity }
    if weights.value > 0 { logSum += weights.value * logValue }
    if weights.overlap > 0 { logSum += weights.overlap * logOverlap }
    return logSum
  }

  /// The 0–100 score of a log-score: 100 · exp(logComposite).
  /// - Parameter logComposite: ln(score / 100).
  /// - Returns: The composite score.
  @inlinable @inline(__always)
  public static func score(logComposite: Double) -> Double {
    100 * exp(logComposite)
  }

  /// ln 0.01: the floor of every component's log.
  public static let logFloor = log(floor)

  /// ln(max(s, floor)): the one floor rule of every component's log. A score below the floor
  /// gives ``logFloor`` without calling `log` (the same bits, since both take the log of
  /// ``floor``), which the ranking pass relies on to skip a logarithm for low shares.
  @inlinable
  public static func logFloored(_ score: Double) -> Double {
    score < floor ? logFloor : log(score)
  }
}

/// The result of ranking one brief.
public struct Ranking: Sendable {
  /// The compiled brief.
  public var plan: BriefPlan
  /// Creators in the table.
  public var candidates: Int
  /// Creators that passed every constraint.
  public var eligible: Int
  /// How many each constraint removed.
  public var filtered: FilterCounts
  /// The top creators, best first.
  public var rows: [RankedCreator]

  /// The brief.
  public var brief: CampaignBrief { plan.brief }
}
