import Foundation

/// The peer engagement curve of one platform and rate basis: the expected log engagement rate
/// of creators of a given size, μ(f) = a + b·ln f, with the spread of true rates around it.
///
/// Fitted by least squares of ln ER on ln followers (<doc:Formulas#Peer-curve>) or, with fewer than
/// ``PopulationModel/minimumCreatorsPerCurve`` creators, taken from published priors.
public struct EngagementCurve: Sendable, Equatable {
  /// Whether the curve was fitted or is a prior.
  public enum Source: String, Sendable {
    /// Least squares on the creator table.
    case fitted
    /// Published figures (too few creators to fit).
    case prior
  }

  /// Intercept a.
  public var intercept: Double
  /// Slope b on ln followers.
  public var slope: Double
  /// Between-creator variance τ² of true log rates around the curve (≥ 0.01).
  public var tau2: Double
  /// Per-post variance σ² of log rates (pooled from a posts file, else 0.5² = 0.25).
  public var sigma2: Double
  /// Creators the curve was fitted on (0 for a prior).
  public var sampleSize: Int
  /// Where the curve came from.
  public var source: Source

  /// Creates a curve.
  public init(
    intercept: Double, slope: Double, tau2: Double, sigma2: Double, sampleSize: Int, source: Source
  ) {
    self.intercept = intercept
    self.slope = slope
    self.tau2 = tau2
    self.sigma2 = sigma2
    self.sampleSize = sampleSize
    self.source = source
  }

  /// μ(f) = a + b·ln(max(f, 1)): the expected ln ER at `followers`.
  @inlinable
  public func mean(followers: Double) -> Double {
    intercept + slope * log(max(followers, 1))
  }

  /// The published prior for feed platforms (Instagram like rates: about 8% under 1k followers,
  /// 4% at 1–10k, 2.4% at 10–100k, 1.7% above 1M): a = −1.78, b = −0.18.
  public static let feedPrior = EngagementCurve(
    intercept: -1.78, slope: -0.18, tau2: priorTau2, sigma2: defaultSigma2, sampleSize: 0,
    source: .prior)

  /// The prior for rates by views on video platforms: 5% of views at any size (a = ln 0.05, b = 0).
  public static let viewsPrior = EngagementCurve(
    intercept: log(0.05), slope: 0, tau2: priorTau2, sigma2: defaultSigma2, sampleSize: 0,
    source: .prior)

  /// τ² used with a prior curve: a spread of true rates of about ×/÷ 1.8 (τ = 0.6).
  public static let priorTau2 = 0.36
  /// σ² when no posts file gives per-post variation: 0.5².
  public static let defaultSigma2 = 0.25
  /// The floor on τ² (<doc:Formulas#Peer-curve>).
  public static let minimumTau2 = 0.01
}
