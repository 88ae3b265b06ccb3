import CreatorMatchSupport
import Foundation

/// Engagement against same-size peers, with empirical-Bayes shrinkage (<doc:Formulas#Engagement>).
///
/// With x = ln ER, the peer mean μ(f) from the platform's ``EngagementCurve``, the between-creator
/// variance τ² and the sampling variance s² = σ²/n of a rate averaged over n posts:
///
/// - weight w = τ² / (τ² + s²), shrunk estimate θ = w·x + (1 − w)·μ(f);
/// - posterior variance v = 1 / (1/τ² + 1/s²);
/// - score s_eng = Φ((θ − μ(f)) / τ), the share of same-size peers this creator out-engages,
///   pulled toward 0.5 when the evidence is thin;
/// - raw z = (x − μ(f)) / √(τ² + s²), used by ``Authenticity``.
///
/// A creator without engagement data gets θ = μ(f) and s_eng = 0.5.
///
/// ```swift
/// let curve = EngagementCurve.feedPrior
/// let result = EngagementModel.assess(observation, followers: 18_400, curve: curve)
/// result.score          // e.g. 0.83
/// result.peerMultiple   // ER ÷ same-size median, e.g. 1.9
/// ```
/// This is the James–Stein / Efron–Morris normal-normal estimator (Efron and Morris, 1975).
public enum EngagementModel {
  /// Rates are floored at 1e-5 before taking logs.
  public static let minimumRate = 1e-5
  /// Posts assumed when a table does not say how many the averages cover.
  public static let defaultPostsSampled = 12.0

  /// The assessment of one creator.
  public struct Assessment: Sendable, Equatable {
    /// The observation, or `nil` without engagement data.
    public var observation: EngagementObservation?
    /// μ(f), the expected log rate of same-size peers.
    public var peerMean: Double
    /// τ, the curve's between-creator standard deviation.
    public var tau: Double
    /// w, the weight on the creator's own rate.
    public var weight: Double
    /// θ, the shrunk log rate.
    public var theta: Double
    /// v, the posterior variance of θ.
    public var posteriorVariance: Double
    /// Raw z of the unshrunk rate against peers (0 without data).
    public var rawZ: Double
    /// s_eng in 0–1.
    public var score: Double

    /// The same-size peer median rate, exp(μ(f)).
    public var peerMedianRate: Double { exp(peerMean) }
    /// The creator's rate ÷ the peer median (`nil` without data).
    public var peerMultiple: Double? { observation.map { $0.rate / peerMedianRate } }
    /// The shrunk rate exp(θ).
    public var shrunkRate: Double { exp(theta) }
  }

  /// Assesses `observation` for a creator with `followers` against `curve`.
  public static func assess(
    _ observation: EngagementObservation?, followers: Double, curve: EngagementCurve
  ) -> Assessment {
    let mu = curve.mean(followers: followers)
    let tau2 = max(curve.tau2, EngagementCurve.minimumTau2)
    let tau = tau2.squareRoot()
    guard let observation else {
      return Assessment(
        observation: nil, peerMean: mu, tau: tau, weight: 0, theta: mu, posteriorVariance: tau2,
        rawZ: 0, score: 0.5)
    }
    let x = observation.logRate
    let s2 = curve.sigma2 / max(observation.posts, 1)
    let weight = tau2 / (tau2 + s2)
    let theta = weight * x + (1 - weight) * mu
    let posterior = 1 / (1 / tau2 + 1 / s2)
    let rawZ = (x - mu) / (tau2 + s2).squareRoot()
    let score = NormalDistribution.cdf((theta - mu) / tau)
    return Assessment(
      observation: observation, peerMean: mu, tau: tau, weight: weight, theta: theta,
      posteriorVariance: posterior, rawZ: rawZ, score: score)
  }
}
