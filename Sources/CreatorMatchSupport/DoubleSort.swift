/// Sorting and order statistics of `Double`s that give the values `sorted()` gives, faster.
///
/// The fit sums long lists of shares in ascending order (so the sums do not depend on the row
/// order) and cuts the largest residuals; a comparison sort of a million doubles was most of the
/// audience priors' time. A least-significant-digit radix sort on the doubles' bits orders them
/// in O(n), and a selection finds one order statistic without ordering the rest.
///
/// Values equal under `<` (−0 and +0) may come in another order than `sorted()` puts them; a NaN
/// (which `<` does not order) goes after +∞. Sums in ascending order are the same either way:
/// ±0 add nothing to a sum, and a NaN makes the sum NaN wherever it is.
package enum DoubleSort {
  /// Below this many values a comparison sort is as fast, without the radix sort's counts.
  static let radixThreshold = 256
  /// Bits per radix digit: 2,048 counts stay in the first-level cache.
  static let digitBits = 11

  /// A key whose unsigned order is the numeric order of `value`: negative values have every bit
  /// flipped (larger magnitude, smaller key), the others only the sign bit.
  @inline(__always)
  package static func key(_ value: Double) -> UInt64 {
    let bits = value.bitPattern
    return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
  }

  /// The value of a ``key(_:)``.
  @inline(__always)
  package static func value(_ key: UInt64) -> Double {
    Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
  }

  /// `values` in ascending order.
  ///
  /// - Parameter values: Any doubles.
  /// - Returns: The values sorted ascending, equal to `values.sorted()` up to ±0 and NaN.
  /// - Complexity: O(n), in at most six passes over the values.
  package static func sorted(_ values: [Double]) -> [Double] {
    if values.count < radixThreshold { return values.sorted() }
    return sortedKeys(values.map(key)).map(value)
  }

  /// The sum of `values` added in ascending order: `values.sorted().reduce(0, +)`, faster.
  ///
  /// - Parameter values: Any doubles.
  /// - Returns: The sum, added from the smallest value up.
  /// - Complexity: O(n).
  package static func ascendingSum(_ values: [Double]) -> Double {
    if values.count < radixThreshold { return values.sorted().reduce(0, +) }
    var sum = 0.0
    for key in sortedKeys(values.map(key)) { sum += value(key) }
    return sum
  }

  /// Keys in ascending order (see ``radixSort(_:payload:)``).
  static func sortedKeys(_ input: [UInt64]) -> [UInt64] {
    var keys = input
    var noPayload: [Int32] = []
    radixSort(&keys, payload: &noPayload)
    return keys
  }

  /// Sorts `keys` ascending by an LSD radix sort, applying the same moves to `payload` (equal
  /// keys keep their order: each pass is stable).
  ///
  /// - Parameters:
  ///   - keys: The keys (``key(_:)`` of doubles, or any unsigned order).
  ///   - payload: One value per key, moved with it.
  /// - Complexity: O(n), in at most six passes.
  package static func sort(_ keys: inout [UInt64], carrying payload: inout [Int32]) {
    precondition(keys.count == payload.count, "one payload value per key")
    radixSort(&keys, payload: &payload)
  }

  /// The radix sort of ``sortedKeys(_:)`` and ``sort(_:carrying:)``: least-significant digit
  /// first, a digit every key shares skipped (shares in [0, 1] share most of their exponent
  /// bits); `payload` moves with the keys unless it is empty.
  private static func radixSort(_ keys: inout [UInt64], payload: inout [Int32]) {
    guard let first = keys.first else { return }
    let carries = !payload.isEmpty
    var keyBuffer = [UInt64](repeating: 0, count: keys.count)
    var payloadBuffer = [Int32](repeating: 0, count: carries ? keys.count : 0)
    let radix = 1 << digitBits
    let mask = UInt64(radix - 1)
    var counts = [Int](repeating: 0, count: radix)
    var shift: UInt64 = 0
    while shift < 64 {
      for index in counts.indices { counts[index] = 0 }
      for key in keys { counts[Int((key >> shift) & mask)] += 1 }
      if counts[Int((first >> shift) & mask)] != keys.count {
        var position = 0
        for digit in counts.indices {
          let count = counts[digit]
          counts[digit] = position
          position += count
        }
        keys.withUnsafeBufferPointer { source in
          keyBuffer.withUnsafeMutableBufferPointer { target in
            payload.withUnsafeBufferPointer { payloadSource in
              payloadBuffer.withUnsafeMutableBufferPointer { payloadTarget in
                counts.withUnsafeMutableBufferPointer { starts in
                  for index in 0..<source.count {
                    let key = source[index]
                    let digit = Int((key >> shift) & mask)
                    target[starts[digit]] = key
                    if carries { payloadTarget[starts[digit]] = payloadSource[index] }
                    starts[digit] += 1
                  }
                }
              }
            }
          }
        }
        swap(&keys, &keyBuffer)
        if carries { swap(&payload, &payloadBuffer) }
      }
      shift += UInt64(digitBits)
    }
  }

  /// The `rank`-th smallest of `values` (0-based): `values.sorted()[rank]`, without sorting.
  ///
  /// - Parameters:
  ///   - values: Doubles without NaN (NaN is not ordered by `<`).
  ///   - rank: An index of `values`.
  /// - Returns: The value that sorting would put at `rank`.
  /// - Complexity: O(n) expected (quickselect with a median-of-three pivot; a small slice is
  ///   finished by insertion sort).
  package static func select(_ values: inout [Double], rank: Int) -> Double {
    precondition(values.indices.contains(rank), "rank \(rank) outside 0..<\(values.count)")
    var low = 0
    var high = values.count - 1
    while high - low > 16 {
      // Median of three as the pivot, so sorted and reversed input stay O(n).
      let middle = low + (high - low) / 2
      if values[middle] < values[low] { values.swapAt(middle, low) }
      if values[high] < values[low] { values.swapAt(high, low) }
      if values[high] < values[middle] { values.swapAt(high, middle) }
      let pivot = values[middle]
      // Hoare partition: afterwards low...j ≤ pivot ≤ j+1...high.
      var i = low - 1
      var j = high + 1
      while true {
        repeat { i += 1 } while values[i] < pivot
        repeat { j -= 1 } while pivot < values[j]
        if i >= j { break }
        values.swapAt(i, j)
      }
      if rank <= j { high = j } else { low = j + 1 }
    }
    // Insertion sort of the last few.
    if low < high {
      values.withUnsafeMutableBufferPointer { all in
        insertionSort(UnsafeMutableBufferPointer(rebasing: all[low...high]))
      }
    }
    return values[rank]
  }

  /// Sorts a few `values` in place, ascending (equal values keep their order).
  ///
  /// - Parameter values: Doubles without NaN (NaN is not ordered by `<`).
  /// - Complexity: O(n²): for the last few values of a selection, or a short list.
  @inlinable
  package static func insertionSort(_ values: UnsafeMutableBufferPointer<Double>) {
    for index in values.indices.dropFirst() {
      let item = values[index]
      var position = index
      while position > 0 && item < values[position - 1] {
        values[position] = values[position - 1]
        position -= 1
      }
      values[position] = item
    }
  }
}
