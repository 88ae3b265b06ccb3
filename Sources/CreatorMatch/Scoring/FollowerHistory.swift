import CreatorMatchSupport

/// Detects abrupt follower jumps in a history of follower counts
/// (<doc:Formulas#Follower-jumps>).
///
/// Steps dᵢ = hᵢ₊₁ − hᵢ; the robust z of a step is (dᵢ − median d) / (1.4826 · MAD d), where MAD is
/// the median absolute deviation (scaled to match a normal's standard deviation). The scale is
/// floored at 1 follower so that a perfectly steady history does not divide by zero.
public enum FollowerHistory {
  /// The largest step and how unusual it is.
  public struct Jump: Sendable, Equatable {
    /// 1-based index of the step.
    public var step: Int
    /// Number of steps in the history.
    public var steps: Int
    /// The step's robust z.
    public var robustZ: Double
    /// The step ÷ the follower count before it.
    public var share: Double
  }

  /// The step with the highest robust z, or `nil` with fewer than 3 steps (4 counts).
  public static func largestJump(_ history: [Double]) -> Jump? {
    guard history.count >= 4 else { return nil }
    let count = history.count - 1
    // The steps and a scratch copy for the medians in one temporary allocation (on the stack
    // for a history of any usual length): every creator's history is read for a table, and the
    // four arrays this made (steps, their deviations, a copy of each to select in) were a
    // measurable share of building it.
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * count) { buffer in
      let steps = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
      let scratch = UnsafeMutableBufferPointer(rebasing: buffer[count..<(2 * count)])
      for index in 0..<count {
        steps.initializeElement(at: index, to: history[index + 1] - history[index])
        scratch.initializeElement(at: index, to: steps[index])
      }
      let center = median(inPlace: scratch)
      for index in 0..<count { scratch[index] = abs(steps[index] - center) }
      let mad = median(inPlace: scratch)
      let scale = max(1.4826 * mad, 1)
      var best: Jump?
      for (index, step) in steps.enumerated() {
        // + 0 makes a zero z positive: which of the equal ±0 steps a median lands on (the input
        // may write -0) must not show in the sign of its z.
        let z = (step - center) / scale + 0
        if best.map({ z > $0.robustZ }) ?? true {
          let before = history[index]
          best = Jump(
            step: index + 1, steps: count, robustZ: z,
            share: before > 0 ? step / before : (step > 0 ? .infinity : 0))
        }
      }
      return best
    }
  }

  /// The median of `values` as ``median(_:)`` gives it, reordering them: a short list (a
  /// history's steps) by an insertion sort in place, a longer one by selection in a copy.
  ///
  /// - Parameter values: Finite values.
  /// - Returns: The median (the mean of the middle two for even counts); NaN for no values.
  /// - Complexity: O(n²) up to 32 values, O(n) expected past.
  static func median(inPlace values: UnsafeMutableBufferPointer<Double>) -> Double {
    guard !values.isEmpty else { return .nan }
    guard values.count <= 32 else { return median(Array(values)) }
    DoubleSort.insertionSort(values)
    let middle = values.count / 2
    return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
  }

  /// The median of `values` (the mean of the middle two for even counts), the value sorting
  /// them gives, found by selection: every creator's history is read for a table, and sorting
  /// each copy was a measurable share of it.
  ///
  /// - Parameter values: Finite values (NaN is not ordered).
  /// - Returns: The median; NaN for no values.
  /// - Complexity: O(n) expected.
  public static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    var scratch = values
    let middle = scratch.count / 2
    let upper = DoubleSort.select(&scratch, rank: middle)
    if scratch.count % 2 == 1 { return upper }
    // The selection leaves every value before `middle` at most `upper`, so the largest of them
    // is the lower middle value.
    let lower = scratch[..<middle].max() ?? upper
    return (lower + upper) / 2
  }
}
