import CreatorMatchSupport
import Foundation

/// A seeded Monte Carlo of a portfolio of creators' campaign return, where sums of log-normal
/// profits have no closed form (<doc:ROIForecast#Portfolio>).
///
/// Sample j draws, from counter-based streams (SplitMix64 of a key and the sample index, so any
/// sample can be computed alone, on any thread, in any order):
///
/// - one brand-level error ε_b ~ N(0, σ_CTR² + σ_CVR²) shared by every creator (the brief's CTR and
///   CVR are the brand's, not the creator's);
/// - per creator c, its own error ε_c ~ N(0, σ_I² + 0.25·v) and, for an estimated price, a cost error
///   η_c ~ N(0, 0.4²); the streams are keyed by the seed, the brief id and the creator id.
///
/// profit_c = P50 profit_c · exp(ε_b + ε_c), conversions likewise, cost_c = P50 cost_c · exp(η_c);
/// portfolio ROI_j = Σ profit / Σ cost − 1. For one creator this is exactly the closed-form model,
/// which the tests check to within 1% at 200,000 samples.
///
/// ```swift
/// let result = PortfolioSimulation.run(forecasts, briefID: "pl", samples: 100_000, seed: 1)
/// result.roi.p50, result.probabilityOfProfit
/// ```
/// - Complexity: O(samples × creators) in parallel blocks, plus O(samples log samples) for
///   quantiles.
public enum PortfolioSimulation {
  /// One creator's input: its id (for its random stream) and its forecast.
  public struct Member: Sendable {
    /// Creator id.
    public var id: String
    /// The forecast.
    public var forecast: CreatorForecast

    /// Creates a member.
    public init(id: String, forecast: CreatorForecast) {
      self.id = id
      self.forecast = forecast
    }
  }

  /// P10, P50 and P90 of a simulated quantity.
  public struct Band: Sendable, Equatable {
    /// 10th percentile.
    public var p10: Double
    /// Median.
    public var p50: Double
    /// 90th percentile.
    public var p90: Double
  }

  /// The simulation's outcome.
  public struct Result: Sendable, Equatable {
    /// Samples drawn.
    public var samples: Int
    /// The seed.
    public var seed: UInt64
    /// Total cost.
    public var cost: Band
    /// Total first-order conversions.
    public var conversions: Band
    /// Total lifetime gross profit.
    public var profit: Band
    /// Portfolio ROI.
    public var roi: Band
    /// Share of samples with ROI > 0.
    public var probabilityOfProfit: Double
    /// The distribution of the portfolio ROI over the samples, for a chart.
    public var roiHistogram: Histogram
  }

  /// Equal-width bins of a simulated quantity between its P1 and P99 (type 7, as ``band(_:)``),
  /// the samples outside that range counted apart, so that a few extreme draws do not squeeze
  /// the chart.
  public struct Histogram: Sendable, Equatable {
    /// The first bin's lower edge (the P1).
    public var lower: Double
    /// The width of every bin.
    public var binWidth: Double
    /// Samples per bin; bin i holds values in [lower + i·width, lower + (i+1)·width), the last
    /// bin also its upper edge.
    public var counts: [Int]
    /// Samples below ``lower``.
    public var below: Int
    /// Samples above the last bin, and samples that are not finite.
    public var above: Int

    /// The default number of bins.
    public static let defaultBins = 40

    /// The histogram of values.
    ///
    /// - Parameters:
    ///   - values: The samples, in any order.
    ///   - bins: The number of bins (at least 1).
    /// - Returns: The histogram; all counts 0 for no finite value.
    /// - Complexity: O(n log n) to sort.
    public static func of(_ values: [Double], bins: Int = defaultBins) -> Histogram {
      let binCount = max(1, bins)
      let finite = values.filter(\.isFinite).sorted()
      guard !finite.isEmpty else {
        return Histogram(
          lower: 0, binWidth: 1, counts: Array(repeating: 0, count: binCount), below: 0,
          above: values.count)
      }
      let lower = quantile(finite, 0.01)
      let upper = quantile(finite, 0.99)
      // All samples equal (or nearly): one unit-wide range keeps the bins well defined.
      let width = upper > lower ? (upper - lower) / Double(binCount) : 1 / Double(binCount)
      var counts = Array(repeating: 0, count: binCount)
      var below = 0
      var above = values.count - finite.count
      let top = lower + width * Double(binCount)
      for value in finite {
        if value < lower {
          below += 1
        } else if value > top {
          above += 1
        } else {
          counts[min(Int((value - lower) / width), binCount - 1)] += 1
        }
      }
      return Histogram(lower: lower, binWidth: width, counts: counts, below: below, above: above)
    }
  }

  /// Simulates `members` for brief `briefID` with `samples` draws from `seed` on `threads` workers.
  public static func run(
    _ members: [Member], briefID: String, samples: Int, seed: UInt64,
    threads requested: Int? = nil
  ) -> Result {
    let threads = ParallelBlocks.threadCount(requested)
    let count = max(1, samples)
    let briefKey = StableHash.hash(briefID, seed: seed)
    let sharedSD = ForecastPlan.sharedLogVariance.squareRoot()
    struct Prepared: Sendable {
      var profit: Double
      var conversions: Double
      var cost: Double
      var creatorSD: Double
      var costSD: Double
      var key: UInt64
    }
    let prepared = members.map { member in
      Prepared(
        profit: member.forecast.lifetimeProfit, conversions: member.forecast.conversions,
        cost: member.forecast.cost, creatorSD: member.forecast.creatorLogSD,
        costSD: member.forecast.costLogSD, key: StableHash.hash(member.id, seed: briefKey))
    }
    let sharedKey = StableHash.mix(briefKey ^ 0x5348_4152_4544)  // "SHARED"
    let blocks = ParallelBlocks(count: count, blockSize: 8_192)
    let draws = blocks.map(threads: threads) { range -> [(Double, Double, Double)] in
      range.map { sample -> (Double, Double, Double) in
        let shared = sharedSD * normal(key: sharedKey, counter: UInt64(sample))
        var profit = 0.0
        var conversions = 0.0
        var cost = 0.0
        for member in prepared {
          let own = member.creatorSD * normal(key: member.key, counter: UInt64(sample) << 1)
          let factor = exp(shared + own)
          profit += member.profit * factor
          conversions += member.conversions * factor
          let costFactor =
            member.costSD > 0
            ? exp(member.costSD * normal(key: member.key, counter: UInt64(sample) << 1 | 1)) : 1
          cost += member.cost * costFactor
        }
        return (profit, conversions, cost)
      }
    }.flatMap { $0 }
    let profits = draws.map(\.0)
    let conversions = draws.map(\.1)
    let costs = draws.map(\.2)
    let rois = draws.map { $0.2 > 0 ? $0.0 / $0.2 - 1 : ($0.0 > 0 ? Double.infinity : 0) }
    let positive = rois.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
    return Result(
      samples: count, seed: seed, cost: band(costs), conversions: band(conversions),
      profit: band(profits), roi: band(rois),
      probabilityOfProfit: Double(positive) / Double(count), roiHistogram: .of(rois))
  }

  /// The P10, P50 and P90 of values (linear interpolation between order statistics, type 7).
  public static func band(_ values: [Double]) -> Band {
    let sorted = values.sorted()
    return Band(
      p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9))
  }

  /// The q-quantile of sorted values, type 7 (as numpy's default).
  public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
  }

  /// A standard normal draw that depends only on (key, counter): Box–Muller on two 53-bit
  /// uniforms from the SplitMix64 finalizer of the key and counter.
  @inlinable
  public static func normal(key: UInt64, counter: UInt64) -> Double {
    let base = key &+ counter &* 0x9E37_79B9_7F4A_7C15
    let u1 = Double(StableHash.mix(base) >> 11) * 0x1p-53
    let u2 = Double(StableHash.mix(base ^ 0xD1B5_4A32_D192_ED03) >> 11) * 0x1p-53
    return (-2 * log(max(u1, 0x1p-60))).squareRoot() * cos(2 * Double.pi * u2)
  }
}
