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
    return history.withUnsafeBufferPointer { largestJump(in: $0) }
  }

  /// ``largestJump(_:)`` of a history held in place (the table layout reads every creator's
  /// history where the creator is, without a copy of the array).
  ///
  /// A history of up to 33 counts, all steps finite, takes one insertion sort of the steps: the
  /// deviations from the median are then two runs already in order (down from the median, and up
  /// from it), and their median is found by merging the runs from the middle out, instead of a
  /// second sort. Anything else takes ``largestJumpGeneral(_:)``; the results are the same bit for
  /// bit (the tests hold the two to it).
  ///
  /// - Parameter history: Follower counts, oldest first.
  /// - Returns: The step with the highest robust z, or `nil` with fewer than 4 counts.
  /// - Complexity: O(n²) up to 33 counts (n ≤ 32 steps), O(n) expected past.
  package static func largestJump(in history: UnsafeBufferPointer<Double>) -> Jump? {
    guard history.count >= 4 else { return nil }
    let count = history.count - 1
    guard count <= 32 else { return largestJumpGeneral(history) }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * count) { buffer in
      let steps = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
      let sorted = UnsafeMutableBufferPointer(rebasing: buffer[count..<(2 * count)])
      var finite = true
      for index in 0..<count {
        let step = history[index + 1] - history[index]
        finite = finite && step.isFinite
        steps.initializeElement(at: index, to: step)
        sorted.initializeElement(at: index, to: step)
      }
      // A NaN is not ordered, and an infinite step makes NaN deviations: the general path keeps
      // whatever order its sorts leave them in.
      guard finite else { return largestJumpGeneral(history) }
      // The general path's median of the same values in the same order (the same median, down to
      // which of equal ±0 steps it lands on); at most 32 values, it sorts them in place, which
      // the deviations' median below reads.
      let center = median(inPlace: sorted)
      // The mean of two finite values can overflow.
      guard center.isFinite else { return largestJumpGeneral(history) }
      let mad = sortedDeviationMedian(UnsafeBufferPointer(sorted), center: center)
      return largestZ(
        steps: UnsafeBufferPointer(steps), center: center, scale: max(1.4826 * mad, 1),
        history: history)
    }
  }

  /// The first step with the highest robust z (steps − `center`) / `scale`, as a jump (a NaN z
  /// never wins over the first).
  ///
  /// - Parameters:
  ///   - steps: At least one step, `history[i + 1] − history[i]` at `i`.
  ///   - center: The steps' median.
  ///   - scale: The robust scale, 1.4826 · MAD and at least 1.
  ///   - history: The counts the steps came from.
  /// - Returns: The step's jump.
  private static func largestZ(
    steps: UnsafeBufferPointer<Double>, center: Double, scale: Double,
    history: UnsafeBufferPointer<Double>
  ) -> Jump {
    // + 0 makes a zero z positive: which of the equal ±0 steps a median lands on (the input may
    // write -0) must not show in the sign of its z.
    var bestIndex = 0
    var bestZ = (steps[0] - center) / scale + 0
    for index in 1..<steps.count {
      let z = (steps[index] - center) / scale + 0
      if z > bestZ {
        bestIndex = index
        bestZ = z
      }
    }
    let step = steps[bestIndex]
    let before = history[bestIndex]
    return Jump(
      step: bestIndex + 1, steps: steps.count, robustZ: bestZ,
      share: before > 0 ? step / before : (step > 0 ? .infinity : 0))
  }

  /// The median of |v − `center`| over the ascending `sorted` values, without sorting the
  /// deviations: below `center` they grow leftwards, from it on rightwards (subtraction and `abs`
  /// keep order), so merging the two runs from the split out lists them in ascending order.
  /// Deviations are never −0 (`abs` clears the sign) and, for finite values and center, never
  /// NaN, so the value at each rank is the one sorting them gives.
  ///
  /// - Parameters:
  ///   - sorted: At least one finite value, ascending.
  ///   - center: A finite value.
  /// - Returns: The median deviation (the mean of the middle two for even counts).
  /// - Complexity: O(n).
  static func sortedDeviationMedian(_ sorted: UnsafeBufferPointer<Double>, center: Double)
    -> Double
  {
    var right = 0
    while right < sorted.count && sorted[right] < center { right += 1 }
    var left = right - 1
    let middle = sorted.count / 2
    var previous = 0.0
    var current = 0.0
    // Ranks 0 through `middle` in ascending order; the last two are the middle ones.
    for _ in 0...middle {
      previous = current
      if left >= 0
        && (right >= sorted.count || abs(sorted[left] - center) <= abs(sorted[right] - center))
      {
        current = abs(sorted[left] - center)
        left -= 1
      } else {
        current = abs(sorted[right] - center)
        right += 1
      }
    }
    return sorted.count % 2 == 1 ? current : (previous + current) / 2
  }

  /// The rule of ``largestJump(_:)`` as written: the steps' median by a sort, their deviations'
  /// median by another. Any history (NaN and infinite counts included, and any length).
  ///
  /// - Parameter history: Follower counts, oldest first.
  /// - Returns: The step with the highest robust z, or `nil` with fewer than 4 counts.
  /// - Complexity: O(n²) up to 33 counts, O(n) expected past.
  package static func largestJumpGeneral(_ history: UnsafeBufferPointer<Double>) -> Jump? {
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
      return largestZ(
        steps: UnsafeBufferPointer(steps), center: center, scale: max(1.4826 * mad, 1),
        history: history)
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
