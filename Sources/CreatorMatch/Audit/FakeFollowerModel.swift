import Foundation

/// A transparent classifier of one follower account: L2-regularised logistic regression on eight
/// profile features, fitted on the InstaFake data set (200 fake, 994 real Instagram accounts;
/// Akyon & Kalfaoglu 2019, research use).
///
/// p(fake) = 1 / (1 + exp(−(β₀ + Σ βᵢ xᵢ))), with the features of ``features(_:)``. The
/// committed coefficients were fitted by ``fit(_:labels:lambda:)`` (Newton/IRLS, λ = 1 on the
/// weights, none on the intercept, from zero, to a step below 1e-12) on all 1,194 accounts; a
/// test refits them from the shared data and checks they match.
public enum FakeFollowerModel {
  /// The features' names, in ``features(_:)`` order.
  public static let featureNames = [
    "log1p_followers", "log1p_following", "log1p_posts", "has_profile_picture", "is_private",
    "username_digit_share", "has_bio", "following_over_1500",
  ]

  /// The L2 penalty the committed coefficients were fitted with.
  public static let lambda = 1.0

  /// The fitted intercept β₀.
  public static let intercept = 3.256469240444683
  /// The fitted weights βᵢ, in ``featureNames`` order.
  public static let weights: [Double] = [
    -1.5568986667503026, 0.8900165738978503, -0.8302615795283004, -1.4956754864799324,
    -1.207303703787648, 1.3634999424027985, -0.3245463676032195, 2.5169311499200067,
  ]

  /// The share of InstaFake accounts with a bio; stands in for `has_bio` when a sample does not
  /// record bio length, so a missing column moves p(fake) to its average effect, not to "no bio".
  public static let bioShare = 658.0 / 1194.0

  /// The features of one account.
  ///
  /// The ratio following/followers is not a separate feature: its log is the difference of the
  /// two log counts, which the linear model already weighs. Username length is left out because in
  /// InstaFake it mostly reflects how the fake accounts were generated, not fakeness.
  ///
  /// - Parameter account: The account.
  /// - Returns: Eight values in ``featureNames`` order.
  public static func features(_ account: FollowerAccount) -> [Double] {
    let digitShare =
      account.usernameLength > 0
      ? min(1, Double(account.usernameDigits) / Double(account.usernameLength)) : 0
    let hasBio = account.bioLength.map { $0 > 0 ? 1.0 : 0.0 } ?? bioShare
    return [
      log1p(max(0, account.followers)), log1p(max(0, account.following)),
      log1p(max(0, account.posts)), account.hasProfilePicture ? 1 : 0, account.isPrivate ? 1 : 0,
      digitShare, hasBio, account.following > AudienceAudit.massFollowingThreshold ? 1 : 0,
    ]
  }

  /// The probability that an account is fake, under the committed coefficients.
  ///
  /// - Parameter account: The account.
  /// - Returns: p(fake) in (0, 1).
  public static func probability(_ account: FollowerAccount) -> Double {
    Fit(intercept: intercept, weights: weights).probability(features(account))
  }

  /// A fitted logistic regression.
  public struct Fit: Sendable, Equatable {
    /// The intercept β₀.
    public var intercept: Double
    /// The weights βᵢ.
    public var weights: [Double]

    /// Creates a fit from its coefficients.
    ///
    /// - Parameters:
    ///   - intercept: β₀.
    ///   - weights: βᵢ, one per feature.
    public init(intercept: Double, weights: [Double]) {
      self.intercept = intercept
      self.weights = weights
    }

    /// p = σ(β₀ + β·x).
    ///
    /// - Parameter features: One value per weight.
    /// - Returns: The probability of the positive class.
    public func probability(_ features: [Double]) -> Double {
      var z = intercept
      for (weight, value) in zip(weights, features) { z += weight * value }
      return 1 / (1 + exp(-z))
    }
  }

  /// Fits an L2-regularised logistic regression by Newton's method (IRLS).
  ///
  /// Minimises −Σ log-likelihood + (λ/2)·‖β‖² (the intercept unpenalised), from β = 0, solving the
  /// Newton system by Cholesky; deterministic, so the committed coefficients can be reproduced.
  ///
  /// - Parameters:
  ///   - rows: Feature vectors, all of one length.
  ///   - labels: 1 for the positive class, 0 otherwise.
  ///   - lambda: The L2 penalty on the weights.
  /// - Returns: The fit.
  /// - Complexity: O(iterations · n · d²) for n rows of d features; about ten iterations.
  public static func fit(_ rows: [[Double]], labels: [Int], lambda: Double = lambda) -> Fit {
    let d = (rows.first?.count ?? 0) + 1
    var beta = [Double](repeating: 0, count: d)
    for _ in 0..<100 {
      var gradient = [Double](repeating: 0, count: d)
      var hessian = [Double](repeating: 0, count: d * d)
      for (row, label) in zip(rows, labels) {
        let x = [1.0] + row
        var z = 0.0
        for j in 0..<d { z += beta[j] * x[j] }
        let p = 1 / (1 + exp(-z))
        let w = max(p * (1 - p), 1e-12)
        for j in 0..<d {
          gradient[j] += (p - Double(label)) * x[j]
          for k in j..<d { hessian[j * d + k] += w * x[j] * x[k] }
        }
      }
      for j in 1..<d {
        gradient[j] += lambda * beta[j]
        hessian[j * d + j] += lambda
      }
      for j in 0..<d { for k in 0..<j { hessian[j * d + k] = hessian[k * d + j] } }
      guard let step = solveSymmetric(hessian, gradient, size: d) else { break }
      var largest = 0.0
      for j in 0..<d {
        beta[j] -= step[j]
        largest = max(largest, abs(step[j]))
      }
      if largest < 1e-12 { break }
    }
    return Fit(intercept: beta[0], weights: Array(beta.dropFirst()))
  }

  /// Solves A·x = b for a symmetric positive-definite A (row-major) by Cholesky; `nil` when A is
  /// not positive definite.
  static func solveSymmetric(_ a: [Double], _ b: [Double], size n: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0...i {
        var sum = a[i * n + j]
        for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
        if i == j {
          guard sum > 0 else { return nil }
          l[i * n + i] = sum.squareRoot()
        } else {
          l[i * n + j] = sum / l[j * n + j]
        }
      }
    }
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var sum = b[i]
      for k in 0..<i { sum -= l[i * n + k] * y[k] }
      y[i] = sum / l[i * n + i]
    }
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = y[i]
      for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
      x[i] = sum / l[i * n + i]
    }
    return x
  }

  /// Out-of-fold probabilities from stratified k-fold cross-validation: fold of the i-th row of
  /// each class is i mod k, so the split is deterministic and each fold keeps the class balance.
  ///
  /// - Parameters:
  ///   - rows: Feature vectors.
  ///   - labels: 1 for fake, 0 for real.
  ///   - folds: k (≥ 2).
  ///   - lambda: The L2 penalty.
  /// - Returns: Each row's probability from the model fitted without its fold.
  /// - Complexity: O(k · n · d² · iterations).
  public static func crossValidatedProbabilities(
    _ rows: [[Double]], labels: [Int], folds: Int = 5, lambda: Double = lambda
  ) -> [Double] {
    var seen = [0, 0]
    var fold = [Int](repeating: 0, count: rows.count)
    for (index, label) in labels.enumerated() {
      let cls = label == 1 ? 1 : 0
      fold[index] = seen[cls] % folds
      seen[cls] += 1
    }
    var out = [Double](repeating: 0, count: rows.count)
    for f in 0..<max(2, folds) {
      let train = rows.indices.filter { fold[$0] != f }
      let model = fit(train.map { rows[$0] }, labels: train.map { labels[$0] }, lambda: lambda)
      for index in rows.indices where fold[index] == f {
        out[index] = model.probability(rows[index])
      }
    }
    return out
  }

  /// Area under the ROC curve: the chance that a random positive scores above a random
  /// negative, ties counting one half (the Mann–Whitney statistic).
  ///
  /// - Parameters:
  ///   - scores: One score per row.
  ///   - labels: 1 positive, 0 negative.
  /// - Returns: AUC in [0, 1]; 0.5 when a class is empty.
  /// - Complexity: O(n log n).
  public static func rocAUC(_ scores: [Double], labels: [Int]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var positives = 0.0
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
      let midRank = Double(start + end) / 2 + 1
      for position in start...end where labels[order[position]] == 1 {
        rankSum += midRank
        positives += 1
      }
      start = end + 1
    }
    let negatives = Double(scores.count) - positives
    guard positives > 0, negatives > 0 else { return 0.5 }
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
  }
}
