import CreatorMatchSupport

extension PopulationModel {
  /// A population fit collected a stretch of creators at a time, so that `fit` can read a file
  /// window by window and never hold every creator: each stretch gives its curve samples, audience
  /// shares and document frequencies, and is then dropped.
  ///
  /// The model equals ``PopulationModel/fit(creators:corpus:)`` of all the creators at once
  /// (tested byte for byte through the model file), whatever the stretches, blocks and threads:
  /// curve samples and shares are summed in sorted order, and counts are whole numbers.
  ///
  /// ```swift
  /// var fitter = PopulationModel.Fitter()
  /// for stretch in stretches { fitter.add(stretch) }
  /// let model = fitter.model()
  /// ```
  package struct Fitter: Sendable {
    private var frequencies: DocumentFrequencyCounter
    private var shares = AudiencePriors.Shares()
    private var samples = Array(repeating: [CurveSample](), count: CurveKey.count)
    /// Creators added so far.
    package private(set) var count = 0
    private let threads: Int
    private let blockSize: Int

    /// One block's part of a stretch, read by one worker.
    private struct Part: Sendable {
      var text: CreatorCorpus.SlotBlock
      var shares = AudiencePriors.Shares()
      var samples = Array(repeating: [CurveSample](), count: CurveKey.count)
    }

    /// No creator yet.
    ///
    /// - Parameters:
    ///   - threads: Worker threads; `nil` uses every core. The model does not depend on it.
    ///   - blockSize: Creators a worker reads at a time (tests make it tiny).
    package init(threads: Int? = nil, blockSize: Int = 4_096) {
      self.threads = ParallelBlocks.threadCount(threads)
      self.blockSize = max(1, blockSize)
      frequencies = DocumentFrequencyCounter(threads: threads, blockSize: blockSize)
    }

    /// Adds `creators`, the creators after those added so far: their text, audience shares and
    /// curve samples are read in parallel blocks, then merged in block order.
    ///
    /// - Parameter creators: The next stretch of creators.
    /// - Complexity: O(the stretch's size and text length).
    package mutating func add(_ creators: [Creator]) {
      let parts = ParallelBlocks(count: creators.count, blockSize: blockSize).map(
        threads: threads
      ) { range in
        var part = Part(text: CreatorCorpus.SlotBlock(creators: creators, range: range))
        // Through a pointer, so that the fields are read in place rather than from a copy of
        // the creator (a retain and a release of each of its strings and arrays).
        creators.withUnsafeBufferPointer { buffer in
          guard let base = buffer.baseAddress else { return }
          for row in range {
            let creator = base + row
            part.shares.add(creator)
            PopulationModel.add(
              CurveInput(
                platform: creator.pointee.platform, followers: creator.pointee.followers,
                observation: EngagementObservation(creator: creator),
                perPostVariance: creator.pointee.perPostLogRateVariance),
              to: &part.samples)
          }
        }
        return part
      }
      frequencies.add(blocks: parts.map(\.text))
      for part in parts {
        shares.merge(part.shares)
        for index in samples.indices { samples[index] += part.samples[index] }
      }
      count += creators.count
    }

    /// The model of every creator added.
    ///
    /// - Returns: The fitted model, equal to ``PopulationModel/fit(creators:corpus:)``'s.
    /// - Complexity: O(n) for the audience priors, O(n log n) for the curves' sample order.
    package func model() -> PopulationModel {
      PopulationModel.fit(
        samples: samples, count: count,
        documentFrequencies: DocumentFrequencies(documents: count, counts: frequencies.counts()),
        audiencePriors: shares.priors(), threads: threads)
    }
  }
}
