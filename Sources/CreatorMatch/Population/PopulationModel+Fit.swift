import CreatorMatchSupport
import Foundation

extension PopulationModel {
  /// Fits the model to `creators` (<doc:Formulas#Population>).
  ///
  /// Per platform and rate basis with at least ``minimumCreatorsPerCurve`` creators with
  /// engagement data: least squares of x = ln ER on ln f, refitted after dropping the 1% largest
  /// absolute residuals; τ² = residual variance − mean sampling variance (floor 0.01); σ² pooled
  /// from per-post variances when a posts file gave them, else 0.25.
  ///
  /// - Complexity: O(n log n) for the residual cut, plus O(total terms) for document frequencies.
  public static func fit(creators: [Creator], corpus: CreatorCorpus) -> PopulationModel {
    fit(
      curveInputs: creators.lazy.map {
        CurveInput(
          platform: $0.platform, followers: $0.followers,
          observation: EngagementObservation(creator: $0),
          perPostVariance: $0.perPostLogRateVariance)
      },
      count: creators.count, corpus: corpus, audiencePriors: AudiencePriors.fit(creators))
  }

  /// Fits the model as ``fit(creators:corpus:)`` does, from a table layout's score inputs and the
  /// audience priors already fitted (``AudiencePriors/Shares`` collected as the creators were
  /// read, whose audiences may since have been dropped). The samples are collected in blocks of
  /// `blockSize` rows and the curves fitted one each, on up to `threads` workers; the model
  /// depends on neither.
  ///
  /// - Complexity: O(n log n) for the residual cut, plus O(total terms) for document frequencies.
  package static func fit(
    layout: CreatorTableLayout, corpus: CreatorCorpus, audiencePriors: AudiencePriors,
    threads: Int = 1, blockSize: Int = 65_536
  ) -> PopulationModel {
    // The curve samples in blocks of rows on the workers, beside the document frequencies (a
    // single pass over a million score inputs was a serial stretch of the fit). Joined in block
    // order, each curve's samples are in row order, as one pass gives them.
    let inputs = layout.scoreInputs
    let blocks = ParallelBlocks(count: inputs.count, blockSize: blockSize)
    var parts = ParallelBlocks(count: 1 + blocks.blockCount, blockSize: 1).map(threads: threads) {
      task -> FitPart in
      guard task.lowerBound > 0 else {
        return .frequencies(documentFrequencies(corpus, documents: layout.count))
      }
      var samples = Array(repeating: [CurveSample](), count: CurveKey.count)
      for row in blocks.range(ofBlock: task.lowerBound - 1) {
        let input = inputs[row]
        add(
          CurveInput(
            platform: input.platform, followers: input.followers,
            observation: input.observation, perPostVariance: input.perPostVariance),
          to: &samples)
      }
      return .samples(samples)
    }
    var samples = Array(repeating: [CurveSample](), count: CurveKey.count)
    // Each curve's room at once: grown block by block, it was copied as it doubled.
    for key in samples.indices {
      samples[key].reserveCapacity(
        parts.reduce(0) {
          guard case .samples(let block) = $1 else { return $0 }
          return $0 + block[key].count
        })
    }
    var frequencies: DocumentFrequencies?
    for index in parts.indices {
      switch parts[index] {
      case .frequencies(let counted): frequencies = counted
      case .samples(let block):
        for key in block.indices { samples[key].append(contentsOf: block[key]) }
      }
      // Freed as joined.
      parts[index] = .samples([])
    }
    return fit(
      samples: samples, count: layout.count,
      // Always counted by its task; counted here only to keep this free of a forced unwrap.
      documentFrequencies: frequencies ?? documentFrequencies(corpus, documents: layout.count),
      audiencePriors: audiencePriors, threads: threads)
  }

  /// What a task of ``fit(layout:corpus:audiencePriors:threads:blockSize:)`` computes.
  private enum FitPart: Sendable {
    case frequencies(DocumentFrequencies)
    case samples([[CurveSample]])
  }

  /// The document frequency of every term of `corpus`, among `documents` creators.
  static func documentFrequencies(_ corpus: CreatorCorpus, documents: Int) -> DocumentFrequencies {
    let frequencies = corpus.documentFrequencies()
    var counts: [String: Int] = [:]
    counts.reserveCapacity(corpus.terms.count)
    for (id, term) in corpus.terms.enumerated() { counts[term] = frequencies[id] }
    return DocumentFrequencies(documents: documents, counts: counts)
  }

  /// What the curve fit reads of a creator.
  struct CurveInput {
    var platform: Platform
    var followers: Double
    var observation: EngagementObservation?
    var perPostVariance: Double?
  }

  static func fit(
    curveInputs: some Sequence<CurveInput>, count: Int, corpus: CreatorCorpus,
    audiencePriors: AudiencePriors, threads: Int = 1
  ) -> PopulationModel {
    var samples = Array(repeating: [CurveSample](), count: CurveKey.count)
    for creator in curveInputs { add(creator, to: &samples) }
    return fit(
      samples: samples, count: count,
      documentFrequencies: documentFrequencies(corpus, documents: count),
      audiencePriors: audiencePriors, threads: threads)
  }

  /// Adds `creator`'s curve sample to the samples of its curve, indexed by ``CurveKey/index``.
  static func add(_ creator: CurveInput, to samples: inout [[CurveSample]]) {
    // A non-finite log rate (likes over 5e-324 followers, say) would turn every coefficient
    // of its curve into NaN; such a creator says nothing about its peers.
    guard let observation = creator.observation,
      observation.logRate.isFinite, creator.followers.isFinite
    else { return }
    let key = CurveKey(platform: creator.platform, basis: observation.basis)
    samples[key.index].append(
      CurveSample(
        logFollowers: log(max(creator.followers, 1)), logRate: observation.logRate,
        posts: max(observation.posts, 1), perPostVariance: creator.perPostVariance))
  }

  /// The model of the curve samples of `count` creators (in any order: each curve sorts its
  /// own), their document frequencies and audience priors; the curves are fitted on up to
  /// `threads` workers, one curve each, so the result does not depend on `threads`.
  static func fit(
    samples: [[CurveSample]], count: Int, documentFrequencies: DocumentFrequencies,
    audiencePriors: AudiencePriors, threads: Int
  ) -> PopulationModel {
    let curves = ParallelBlocks(count: CurveKey.count, blockSize: 1).map(threads: threads) {
      range in
      range.map { index in
        fitCurve(CurveSample.sorted(samples[index]), prior: priorCurve(for: CurveKey.at(index)))
      }
    }.flatMap { $0 }
    return PopulationModel(
      creatorCount: count, curves: curves, documentFrequencies: documentFrequencies,
      audiencePriors: audiencePriors)
  }

  /// One creator's contribution to a curve fit.
  struct CurveSample {
    var logFollowers: Double
    var logRate: Double
    var posts: Double
    var perPostVariance: Double?

    /// `samples` in ``precedes(_:_:)`` order, as `sorted(by: precedes)` gives them: ordered by
    /// log followers with a radix sort of their bits (a comparison sort of a million samples
    /// was a fifth of the fit's last, serial step), then each run of equal log followers by the
    /// whole order. Samples equal under the order are equal in every field, so their order
    /// among themselves does not matter.
    ///
    /// - Complexity: O(n), plus O(k log k) for each run of k samples of one size.
    static func sorted(_ samples: [CurveSample]) -> [CurveSample] {
      guard samples.count >= 64 else { return samples.sorted(by: precedes) }
      // Log followers are finite (followers are, and at least 1), so their order keys order
      // them as `<` does; each sample's index moves with its key.
      var keys = samples.map { DoubleSort.key($0.logFollowers) }
      var order = Array(0..<Int32(samples.count))
      DoubleSort.sort(&keys, carrying: &order)
      var result = order.map { samples[Int($0)] }
      var start = 0
      while start < result.count {
        var end = start + 1
        while end < result.count && keys[end] == keys[start] { end += 1 }
        if end - start > 1 { result[start..<end].sort(by: precedes) }
        start = end
      }
      return result
    }

    /// A total order on samples, so that sums run in the same order whatever the row order of
    /// the table (floating-point addition is not associative).
    static func precedes(_ lhs: CurveSample, _ rhs: CurveSample) -> Bool {
      if lhs.logFollowers != rhs.logFollowers { return lhs.logFollowers < rhs.logFollowers }
      if lhs.logRate != rhs.logRate { return lhs.logRate < rhs.logRate }
      if lhs.posts != rhs.posts { return lhs.posts < rhs.posts }
      return (lhs.perPostVariance ?? -1) < (rhs.perPostVariance ?? -1)
    }
  }

  /// Fits one curve, or returns `prior` (with a pooled σ² when available) for too few samples.
  /// `samples` must be in ``CurveSample/precedes(_:_:)`` order.
  static func fitCurve(_ samples: [CurveSample], prior: EngagementCurve) -> EngagementCurve {
    // Pooled per-post variance: Σ (nᵢ − 1)·sᵢ² / Σ (nᵢ − 1) over creators with posts.
    var pooledNumerator = 0.0
    var pooledDegrees = 0.0
    for sample in samples {
      if let variance = sample.perPostVariance, sample.posts >= 2 {
        pooledNumerator += (sample.posts - 1) * variance
        pooledDegrees += sample.posts - 1
      }
    }
    let sigma2 = pooledDegrees > 0 ? pooledNumerator / pooledDegrees : EngagementCurve.defaultSigma2
    guard samples.count >= minimumCreatorsPerCurve else {
      var curve = prior
      curve.sigma2 = sigma2
      return curve
    }
    var (intercept, slope) = leastSquares(samples)
    // Second pass without the 1% largest |residuals| (outliers such as bought engagement).
    let dropCount = samples.count / 100
    var kept = samples
    if dropCount > 0 {
      // Kept: the samples before the cut in order of (|residual|, index), in index order. The
      // residuals are finite (the samples are, and so the coefficients), so a selection finds
      // the last kept residual without sorting them all; of the samples with exactly that
      // residual, the first ones by index are kept.
      let residuals = samples.map { abs($0.logRate - intercept - slope * $0.logFollowers) }
      let keepCount = samples.count - dropCount
      var scratch = residuals
      let limit = DoubleSort.select(&scratch, rank: keepCount - 1)
      scratch = []
      var ties = keepCount - residuals.reduce(0) { $0 + ($1 < limit ? 1 : 0) }
      kept = []
      kept.reserveCapacity(keepCount)
      for (index, residual) in residuals.enumerated() {
        if residual < limit {
          kept.append(samples[index])
        } else if residual == limit && ties > 0 {
          kept.append(samples[index])
          ties -= 1
        }
      }
      (intercept, slope) = leastSquares(kept)
    }
    var residualSquares = 0.0
    var samplingVariance = 0.0
    for sample in kept {
      let residual = sample.logRate - intercept - slope * sample.logFollowers
      residualSquares += residual * residual
      samplingVariance += sigma2 / sample.posts
    }
    let residualVariance = residualSquares / Double(max(kept.count - 2, 1))
    let meanSampling = samplingVariance / Double(kept.count)
    let tau2 = max(residualVariance - meanSampling, EngagementCurve.minimumTau2)
    // Finite samples can still overflow a sum; a curve of NaNs would be written as nulls.
    guard intercept.isFinite, slope.isFinite, tau2.isFinite, sigma2.isFinite else {
      return prior
    }
    return EngagementCurve(
      intercept: intercept, slope: slope, tau2: tau2, sigma2: sigma2, sampleSize: kept.count,
      source: .fitted)
  }

  /// Ordinary least squares of log rate on log followers; slope 0 when all sizes are equal.
  static func leastSquares(_ samples: [CurveSample]) -> (intercept: Double, slope: Double) {
    let count = Double(samples.count)
    let meanU = samples.reduce(0) { $0 + $1.logFollowers } / count
    let meanX = samples.reduce(0) { $0 + $1.logRate } / count
    var sxx = 0.0
    var sxy = 0.0
    for sample in samples {
      let du = sample.logFollowers - meanU
      sxx += du * du
      sxy += du * (sample.logRate - meanX)
    }
    let slope = sxx > 1e-12 * count ? sxy / sxx : 0
    return (meanX - slope * meanU, slope)
  }
}
