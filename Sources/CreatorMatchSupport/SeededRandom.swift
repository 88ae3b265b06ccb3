import Foundation

/// A small, fast, seedable generator (SplitMix64) whose sequence is fixed forever for a seed.
///
/// Used by the dataset generator, where the same `--seed` must give the same file on every
/// machine. Not for cryptography.
///
/// ```swift
/// var random = SeededRandom(seed: 7)
/// let u = random.nextUnit()  // uniform in [0, 1)
/// ```
package struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator whose sequence is determined by `seed`.
  package init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return StableHash.mix(state)
  }

  /// A uniform value in [0, 1) with 53 random bits.
  package mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform value in [lower, upper).
  package mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
    lower + (upper - lower) * nextUnit()
  }

  /// A standard normal value (Box–Muller; one of the pair is discarded to keep the stream simple).
  package mutating func nextNormal() -> Double {
    let u1 = max(nextUnit(), 0x1p-60)
    let u2 = nextUnit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A value from a normal distribution with the given mean and standard deviation.
  package mutating func normal(mean: Double, sd: Double) -> Double {
    mean + sd * nextNormal()
  }

  /// `true` with probability `p`.
  package mutating func chance(_ p: Double) -> Bool {
    nextUnit() < p
  }

  /// A Beta(α, β) value, through two Gamma draws.
  package mutating func beta(_ alpha: Double, _ beta: Double) -> Double {
    let x = gamma(alpha)
    let y = gamma(beta)
    return x / (x + y)
  }

  /// A Gamma(shape, 1) value (Marsaglia and Tsang 2000; shape < 1 boosted by U^(1/shape)).
  package mutating func gamma(_ shape: Double) -> Double {
    if shape < 1 {
      let u = max(nextUnit(), 0x1p-60)
      return gamma(shape + 1) * pow(u, 1 / shape)
    }
    let d = shape - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = nextNormal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = nextUnit()
      let x2 = x * x
      if u < 1 - 0.0331 * x2 * x2 { return d * v }
      let bound: Double = 0.5 * x2 + d * (1 - v + log(v))
      if log(max(u, 0x1p-60)) < bound { return d * v }
    }
  }

  /// One element of a non-empty array, uniformly; `nil` for an empty one.
  package mutating func pick<T>(_ items: [T]) -> T? {
    guard !items.isEmpty else { return nil }
    return items[Int(next() % UInt64(items.count))]
  }

  /// An index drawn with probability proportional to `weights` (all ≥ 0, not all 0).
  package mutating func weightedIndex(_ weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    var target = nextUnit() * total
    for (index, weight) in weights.enumerated() {
      target -= weight
      if target < 0 { return index }
    }
    return weights.count - 1
  }
}
