/// What CreatorMatch knows about the creator population as a whole: per-platform peer engagement
/// curves, document frequencies for TF-IDF, and audience priors
/// (<doc:Formulas#Population>).
///
/// Fit it once (``fit(creators:corpus:)``, or `creatormatch fit`) and score every brief and every
/// shard against the same model, so that scores do not depend on how the table was split.
///
/// ```swift
/// let corpus = CreatorCorpus(creators: creators)
/// let model = PopulationModel.fit(creators: creators, corpus: corpus)
/// model.curve(for: CurveKey(platform: .instagram, basis: .followers)).slope
/// ```
public struct PopulationModel: Sendable, Equatable {
  /// The model file format version this build writes and reads.
  public static let formatVersion = 1
  /// Fewer creators than this on a platform and basis use the published prior curve.
  public static let minimumCreatorsPerCurve = 30

  /// Creators the model was fitted on.
  public var creatorCount: Int
  /// Curves indexed by ``CurveKey/index``.
  public var curves: [EngagementCurve]
  /// Document frequencies of terms.
  package var documentFrequencies: DocumentFrequencies
  /// Audience priors.
  public var audiencePriors: AudiencePriors

  /// Creates a model.
  package init(
    creatorCount: Int, curves: [EngagementCurve], documentFrequencies: DocumentFrequencies,
    audiencePriors: AudiencePriors
  ) {
    precondition(curves.count == CurveKey.count, "one curve per platform and basis")
    self.creatorCount = creatorCount
    self.curves = curves
    self.documentFrequencies = documentFrequencies
    self.audiencePriors = audiencePriors
  }

  /// The curve for a platform and basis.
  public func curve(for key: CurveKey) -> EngagementCurve { curves[key.index] }

  /// The prior curve for a key: by views on video platforms, the feed prior otherwise.
  public static func priorCurve(for key: CurveKey) -> EngagementCurve {
    key.basis == .views ? .viewsPrior : .feedPrior
  }
}
