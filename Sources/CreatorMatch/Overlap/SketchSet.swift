import Foundation

/// The audiences of many creators, with the overlap and reach estimates built on them
/// (<doc:AudienceOverlap#Jaccard>).
///
/// Counts are in followers: when the follower edges were a sample (rate r), every count is
/// divided by r. Pairwise estimates are exact when both audiences are exact sets.
///
/// ```swift
/// let set = SketchSet(sketches: builder.finish(), sampleRate: 1)
/// let pair = set.overlap("a", "b")
/// pair?.jaccard, pair?.sharedFollowers, pair?.shareOfSmaller
/// set.unionReach(["a", "b", "c"])
/// ```
public struct SketchSet: Sendable {
  /// The sketches in file order.
  public let sketches: [AudienceSketch]
  /// The share of each audience the edges covered (1 = every follower).
  public let sampleRate: Double
  /// The exact-set threshold the sketches were built with.
  public let exactThreshold: Int

  private let positions: [String: Int]
  // Only sketched audiences keep theirs here; an exact set's are built when asked for, so a file
  // of 100,000 micro-creators does not hold 1.6 GB of HyperLogLog registers it rarely needs.
  private let hyperLogLogs: [HyperLogLog?]
  private let minHashes: [MinHash?]
  private let counts: [Double]

  /// Indexes sketches and precomputes their HyperLogLogs, densified MinHashes and counts.
  public init(sketches: [AudienceSketch], sampleRate: Double = 1, exactThreshold: Int = 10_000) {
    self.sketches = sketches
    self.sampleRate = sampleRate > 0 ? min(sampleRate, 1) : 1
    self.exactThreshold = exactThreshold
    var positions: [String: Int] = [:]
    for (position, sketch) in sketches.enumerated() where positions[sketch.creatorID] == nil {
      positions[sketch.creatorID] = position
    }
    self.positions = positions
    hyperLogLogs = sketches.map { $0.isExact ? nil : $0.hyperLogLog }
    minHashes = sketches.map { $0.isExact ? nil : $0.minHash }
    counts = sketches.map(\.distinctCount)
  }

  /// Whether `id` has a sketch.
  public func contains(_ id: String) -> Bool { positions[id] != nil }

  /// The position of `id`'s sketch.
  public func position(of id: String) -> Int? { positions[id] }

  /// The audience size of `id` in followers (scaled by the sample rate).
  public func audience(of id: String) -> Double? {
    positions[id].map { counts[$0] / sampleRate }
  }

  /// The overlap between two creators' audiences.
  public struct PairOverlap: Sendable, Equatable {
    /// Audience of the first, in followers.
    public var audienceA: Double
    /// Audience of the second, in followers.
    public var audienceB: Double
    /// Followers of both.
    public var sharedFollowers: Double
    /// |A ∩ B| / |A ∪ B|.
    public var jaccard: Double
    /// |A ∩ B| / min(|A|, |B|): how much of the smaller audience the larger one already reaches.
    public var shareOfSmaller: Double
    /// Whether the figures are exact (both audiences stored as exact sets).
    public var exact: Bool
    /// The MinHash estimate alone, for comparison (equal to `jaccard` when exact).
    public var minHashJaccard: Double
  }

  /// The overlap of `a` and `b`, or `nil` when either has no sketch.
  public func overlap(_ a: String, _ b: String) -> PairOverlap? {
    guard let i = positions[a], let j = positions[b] else { return nil }
    return overlap(at: i, j)
  }

  /// The overlap of the sketches at two positions.
  ///
  /// Both exact: merge of the sorted sets. Otherwise the Jaccard similarity is the
  /// inverse-variance combination of two estimates: the MinHash share of equal bins
  /// (variance J(1 − J)/k) and inclusion–exclusion on HyperLogLog cardinalities,
  /// J = (|A| + |B| − |A ∪ B|)/|A ∪ B| (variance from each cardinality's relative error, exact
  /// counts having none). At J ≈ 0.1 the MinHash alone has a standard error of about 0.02; the
  /// combination about 0.007, because the union of HyperLogLogs is accurate to 0.6–0.8%.
  public func overlap(at i: Int, _ j: Int) -> PairOverlap {
    let sizeA = counts[i]
    let sizeB = counts[j]
    if case .exact(let left) = sketches[i].storage, case .exact(let right) = sketches[j].storage {
      let shared = Double(Self.intersectionCount(left, right))
      let union = sizeA + sizeB - shared
      let jaccard = union > 0 ? shared / union : 0
      return PairOverlap(
        audienceA: sizeA / sampleRate, audienceB: sizeB / sampleRate,
        sharedFollowers: shared / sampleRate, jaccard: jaccard,
        shareOfSmaller: min(sizeA, sizeB) > 0 ? shared / min(sizeA, sizeB) : 0, exact: true,
        minHashJaccard: jaccard)
    }
    let minHashEstimate = minHash(at: i).jaccard(minHash(at: j))
    let union = hyperLogLog(at: i).union(hyperLogLog(at: j)).cardinality
    let jaccard = Self.combinedJaccard(
      minHash: minHashEstimate, sizeA: sizeA, exactA: sketches[i].isExact, sizeB: sizeB,
      exactB: sketches[j].isExact, union: union)
    let shared = jaccard * (sizeA + sizeB) / (1 + jaccard)
    return PairOverlap(
      audienceA: sizeA / sampleRate, audienceB: sizeB / sampleRate,
      sharedFollowers: shared / sampleRate, jaccard: jaccard,
      shareOfSmaller: min(sizeA, sizeB) > 0 ? min(1, shared / min(sizeA, sizeB)) : 0, exact: false,
      minHashJaccard: minHashEstimate)
  }

  /// The inverse-variance combination of the MinHash and HyperLogLog Jaccard estimates.
  public static func combinedJaccard(
    minHash: Double, sizeA: Double, exactA: Bool, sizeB: Double, exactB: Bool, union: Double
  ) -> Double {
    combinedJaccardEstimate(
      minHash: minHash, sizeA: sizeA, exactA: exactA, sizeB: sizeB, exactB: exactB, union: union
    ).value
  }

  /// The inverse-variance combination of the MinHash and HyperLogLog Jaccard estimates, with its
  /// standard error √(1/(w_MinHash + w_HLL)).
  ///
  /// - Parameters:
  ///   - minHash: The MinHash share of equal bins.
  ///   - sizeA: |A|, in sampled units.
  ///   - exactA: Whether |A| is exact.
  ///   - sizeB: |B|.
  ///   - exactB: Whether |B| is exact.
  ///   - union: The HyperLogLog estimate of |A ∪ B|.
  /// - Returns: The Jaccard estimate, clamped to 0–1, and its standard error.
  public static func combinedJaccardEstimate(
    minHash: Double, sizeA: Double, exactA: Bool, sizeB: Double, exactB: Bool, union: Double
  ) -> (value: Double, standardError: Double) {
    guard union > 0 else { return (0, 0) }
    let k = Double(MinHash.binCount)
    let varianceMinHash = max(minHash * (1 - minHash), 1 / k) / k
    let errorA = exactA ? 0 : HyperLogLog.relativeError(atCardinality: sizeA) * sizeA
    let errorB = exactB ? 0 : HyperLogLog.relativeError(atCardinality: sizeB) * sizeB
    let errorU = HyperLogLog.relativeError(atCardinality: union) * union
    let intersection = min(max(sizeA + sizeB - union, 0), min(sizeA, sizeB))
    let inclusionExclusion = intersection / union
    let varianceHLL = max(
      (errorA * errorA + errorB * errorB + errorU * errorU) / (union * union), 1e-12)
    let weightMinHash = 1 / varianceMinHash
    let weightHLL = 1 / varianceHLL
    let combined =
      (minHash * weightMinHash + inclusionExclusion * weightHLL) / (weightMinHash + weightHLL)
    return (min(max(combined, 0), 1), (1 / (weightMinHash + weightHLL)).squareRoot())
  }

  /// The number of followers reached by at least one of `ids` (unknown ids are ignored): exact
  /// when every audience is exact, else the HyperLogLog union.
  public func unionReach(_ ids: [String]) -> Double {
    let chosen = ids.compactMap { positions[$0] }
    if chosen.isEmpty { return 0 }
    if chosen.allSatisfy({ sketches[$0].isExact }) {
      var all: [UInt64] = []
      for position in chosen {
        if case .exact(let hashes) = sketches[position].storage { all.append(contentsOf: hashes) }
      }
      return Double(AudienceSketchBuilder.sortedUnique(all).count) / sampleRate
    }
    var union = HyperLogLog()
    for position in chosen { union.formUnion(hyperLogLog(at: position)) }
    return union.cardinality / sampleRate
  }

  /// How many sketches hold precomputed HyperLogLog and MinHash arrays (the sketched ones only),
  /// for the test that bounds a set's memory by its data.
  var precomputedSketches: Int { hyperLogLogs.count { $0 != nil } }

  /// The HyperLogLog of the sketch at a position (built from the set when it is exact).
  public func hyperLogLog(at position: Int) -> HyperLogLog {
    hyperLogLogs[position] ?? sketches[position].hyperLogLog
  }

  /// The densified MinHash of the sketch at a position (built from the set when it is exact).
  public func minHash(at position: Int) -> MinHash {
    minHashes[position] ?? sketches[position].minHash
  }

  /// The distinct count (in sampled units) of the sketch at a position.
  public func count(at position: Int) -> Double { counts[position] }

  /// The size of the intersection of two sorted, distinct arrays.
  static func intersectionCount(_ left: [UInt64], _ right: [UInt64]) -> Int {
    var i = 0
    var j = 0
    var count = 0
    while i < left.count && j < right.count {
      if left[i] == right[j] {
        count += 1
        i += 1
        j += 1
      } else if left[i] < right[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return count
  }
}
