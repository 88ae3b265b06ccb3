import Foundation

extension HyperLogLog {
  /// The estimated number of distinct elements.
  ///
  /// Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog
  /// sketches", 2017): with C_k the number of registers of value k,
  /// n̂ = α∞·m² / (m·σ(C₀/m) + Σ_{k=1..q} C_k·2^(−k) + m·τ(1 − C_{q+1}/m)·2^(−q)), α∞ = 1/(2 ln 2).
  /// σ corrects the small range (it tends to linear counting when most registers are empty) and
  /// τ the large range, so no empirical bias tables or range switches are needed.
  public var cardinality: Double {
    var histogram = Array(repeating: 0, count: Self.rankBits + 2)
    for value in registers { histogram[Int(value)] += 1 }
    return Self.estimate(histogram: histogram)
  }

  /// The estimate from a register histogram (C₀ … C_{q+1}).
  public static func estimate(histogram: [Int]) -> Double {
    let m = Double(registerCount)
    let q = rankBits
    var z = m * tau(1 - Double(histogram[q + 1]) / m)
    for k in stride(from: q, through: 1, by: -1) {
      z += Double(histogram[k])
      z *= 0.5
    }
    z += m * sigma(Double(histogram[0]) / m)
    if z.isInfinite { return 0 }
    return m * m / (2 * log(2.0)) / z
  }

  /// σ(x) = x + Σ_{k≥1} x^(2^k)·2^(k−1); ∞ at x = 1 (an empty sketch).
  static func sigma(_ value: Double) -> Double {
    if value == 1 { return .infinity }
    var x = value
    var y = 1.0
    var z = x
    while true {
      x *= x
      let previous = z
      z += x * y
      y += y
      if z == previous { return z }
    }
  }

  /// τ(x) = (1/3)·(1 − x − Σ_{k≥1} (1 − x^(2^(−k)))²·2^(−k)).
  static func tau(_ value: Double) -> Double {
    if value == 0 || value == 1 { return 0 }
    var x = value
    var y = 1.0
    var z = 1 - x
    while true {
      x = x.squareRoot()
      let previous = z
      y *= 0.5
      z -= (1 - x) * (1 - x) * y
      if z == previous { return z / 3 }
    }
  }

  /// The estimate's relative standard error at cardinality `n`: √(m·(e^(n/m) − n/m − 1))/n in the
  /// small range, where it behaves like linear counting, and 1.04/√m above.
  public static func relativeError(atCardinality n: Double) -> Double {
    let m = Double(registerCount)
    guard n > 0 else { return 0 }
    let t = n / m
    let linear = (m * (exp(t) - t - 1)).squareRoot() / n
    return min(linear, 1.04 / m.squareRoot())
  }
}
