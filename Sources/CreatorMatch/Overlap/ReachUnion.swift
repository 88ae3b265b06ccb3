/// The followers covered by a growing set of creators, able to say how many new followers a
/// candidate would add: exactly, when every audience is an exact set, or through the HyperLogLog
/// union's register histogram (O(m) per question, no allocation). Audiences without a sketch are
/// treated as disjoint from everyone and add their size.
struct ReachUnion {
  private let set: SketchSet
  private let exact: Bool
  private var covered: Set<UInt64> = []
  private var registers: [UInt8]
  private var histogram: [Int]
  private var additive = 0.0

  /// Starts empty; `exact` when every audience that will be added is an exact set.
  init(set: SketchSet, exact: Bool) {
    self.set = set
    self.exact = exact
    registers = Array(repeating: 0, count: HyperLogLog.registerCount)
    histogram = Array(repeating: 0, count: HyperLogLog.rankBits + 2)
    histogram[0] = HyperLogLog.registerCount
  }

  /// Followers covered so far, in sampled units.
  var reach: Double {
    (exact ? Double(covered.count) : HyperLogLog.estimate(histogram: histogram)) + additive
  }

  /// New followers (sampled units) the audience at `position` would add; `fallback` is the size of
  /// an audience without a sketch (`position == nil`).
  func gain(position: Int?, fallback: Double) -> Double {
    guard let position else { return fallback }
    if exact, case .exact(let hashes) = set.sketches[position].storage {
      var new = 0
      for hash in hashes where !covered.contains(hash) { new += 1 }
      return Double(new)
    }
    let candidate = set.hyperLogLog(at: position).registers
    var changed = histogram
    registers.withUnsafeBufferPointer { mine in
      candidate.withUnsafeBufferPointer { theirs in
        for index in 0..<mine.count where theirs[index] > mine[index] {
          changed[Int(mine[index])] -= 1
          changed[Int(theirs[index])] += 1
        }
      }
    }
    return max(
      0, HyperLogLog.estimate(histogram: changed) - HyperLogLog.estimate(histogram: histogram))
  }

  /// Adds the audience at `position` (or an unsketched audience of `fallback` followers).
  mutating func add(position: Int?, fallback: Double) {
    guard let position else {
      additive += fallback
      return
    }
    if exact, case .exact(let hashes) = set.sketches[position].storage {
      covered.formUnion(hashes)
      return
    }
    let candidate = set.hyperLogLog(at: position).registers
    for index in 0..<registers.count where candidate[index] > registers[index] {
      histogram[Int(registers[index])] -= 1
      histogram[Int(candidate[index])] += 1
      registers[index] = candidate[index]
    }
  }
}
