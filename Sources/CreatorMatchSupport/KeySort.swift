/// A stable sort of 128-bit keys that carries a payload: the order a comparison sort by key
/// then position gives, in O(n).
///
/// The table's tie-break order sorts a million 128-bit keys; the standard library's comparison
/// sort of them was one of the longest single-threaded steps after the file was read. Keys made
/// of a few small fields (a count, a non-negative double's bits) leave most 8-bit digits the
/// same in every key, and a least-significant-digit radix sort skips those.
package enum KeySort {
  /// Below this many keys a comparison sort is as fast, without the radix sort's counts.
  static let radixThreshold = 256
  /// Bits per radix digit: the 16 digits' counts (32 KB) are taken in one pass over the keys.
  static let digitBits = 8

  /// Sorts `keys` ascending, applying the same moves to `payload`; equal keys keep their order.
  ///
  /// - Parameters:
  ///   - keys: The keys.
  ///   - payload: One value per key, moved with it.
  /// - Complexity: O(n): one pass counting every digit, then one pass per digit that is not
  ///   the same in every key (at most 16).
  package static func sort(_ keys: inout [UInt128], carrying payload: inout [UInt32]) {
    precondition(keys.count == payload.count, "one payload value per key")
    let count = keys.count
    guard count > 1 else { return }
    if count < radixThreshold {
      // Position breaks ties, so the comparison sort is stable whatever the algorithm.
      let order = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
      keys = order.map { keys[$0] }
      payload = order.map { payload[$0] }
      return
    }
    let radix = 1 << digitBits
    let digits = 128 / digitBits
    let mask = UInt64(radix - 1)
    var counts = [Int](repeating: 0, count: digits * radix)
    keys.withUnsafeBufferPointer { source in
      counts.withUnsafeMutableBufferPointer { counts in
        for key in source {
          var low = UInt64(truncatingIfNeeded: key)
          var high = UInt64(truncatingIfNeeded: key >> 64)
          for digit in 0..<(digits / 2) {
            counts[digit * radix + Int(low & mask)] += 1
            counts[(digit + digits / 2) * radix + Int(high & mask)] += 1
            low >>= UInt64(digitBits)
            high >>= UInt64(digitBits)
          }
        }
      }
    }
    var keyBuffer = [UInt128](repeating: 0, count: count)
    var payloadBuffer = [UInt32](repeating: 0, count: count)
    let first = keys[0]
    for digit in 0..<digits {
      let shift = UInt128(digit * digitBits)
      let base = digit * radix
      // A digit every key shares leaves the order as it is.
      if counts[base + Int(UInt64(truncatingIfNeeded: first >> shift) & mask)] == count {
        continue
      }
      var position = 0
      for index in base..<(base + radix) {
        let digitCount = counts[index]
        counts[index] = position
        position += digitCount
      }
      keys.withUnsafeBufferPointer { source in
        keyBuffer.withUnsafeMutableBufferPointer { target in
          payload.withUnsafeBufferPointer { payloadSource in
            payloadBuffer.withUnsafeMutableBufferPointer { payloadTarget in
              counts.withUnsafeMutableBufferPointer { starts in
                for index in 0..<count {
                  let key = source[index]
                  let slot = base + Int(UInt64(truncatingIfNeeded: key >> shift) & mask)
                  let place = starts[slot]
                  target[place] = key
                  payloadTarget[place] = payloadSource[index]
                  starts[slot] = place + 1
                }
              }
            }
          }
        }
      }
      swap(&keys, &keyBuffer)
      swap(&payload, &payloadBuffer)
    }
  }
}
