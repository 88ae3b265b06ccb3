/// Rows of (key, share) pairs in compressed sparse row form, with each row's two largest shares
/// for the ranking's cheap bound on a target sum.
package struct SparseShares: Sendable {
  /// Row `i` is `offsets[i]..<offsets[i + 1]`.
  package let offsets: Column<UInt32>
  /// Keys (packed codes or label ids).
  package let keys: Column<UInt16>
  /// Shares.
  package let shares: Column<Float>
  /// Per row, when built with leaders (empty otherwise): the key with the largest share (shares
  /// of a key listed twice added up; 0 for an empty row).
  package let leaderKeys: Column<UInt16>
  /// Per row: the leader's share, rounded up to `Float`.
  package let leaderShares: Column<Float>
  /// Per row: the largest share of any other key, rounded up to `Float` (0 when there is none).
  package let runnerUpShares: Column<Float>

  /// The entries of row `row`.
  package func entries(of row: Int) -> [(key: UInt16, share: Float)] {
    (Int(offsets[row])..<Int(offsets[row + 1])).map { (keys[$0], shares[$0]) }
  }

  /// Whether row `row` has any entry.
  @inlinable
  @inline(__always)
  package func hasEntries(_ row: Int) -> Bool { offsets[row + 1] > offsets[row] }

  /// Whether the rows carry leaders (see ``leaderKeys``).
  package let hasLeaders: Bool

  /// An upper bound of row `row`'s target sum Σ share·weight[key] for 0/1 `weights` with
  /// `targets` ones, from the leaders alone: the leader's share if it is a target, plus the
  /// runner-up's share for every other target (no other key has more). Requires leaders and a
  /// row with entries. Exact for one target key when the leader is it.
  @inline(__always)
  func targetSumBound(_ row: Int, weights: [Double], targets: Double) -> Double {
    let leaderWeight = weights[Int(leaderKeys[row])]
    return leaderWeight * Double(leaderShares[row]) + (targets - leaderWeight)
      * Double(runnerUpShares[row])
  }
}

/// Builds ``SparseShares`` row by row.
struct SparseSharesBuilder {
  var offsets: ContiguousArray<UInt32> = [0]
  var keys = ContiguousArray<UInt16>()
  var shares = ContiguousArray<Float>()
  let withLeaders: Bool
  var leaderKeys = ContiguousArray<UInt16>()
  var leaderShares = ContiguousArray<Float>()
  var runnerUpShares = ContiguousArray<Float>()

  init(withLeaders: Bool) {
    self.withLeaders = withLeaders
  }

  /// Makes room for `rows` rows holding `entries` entries in all, so that no column is copied
  /// as it grows or left with unused room.
  mutating func reserve(rows: Int, entries: Int) {
    offsets.reserveCapacity(rows + 1)
    keys.reserveCapacity(entries)
    shares.reserveCapacity(entries)
    guard withLeaders else { return }
    leaderKeys.reserveCapacity(rows)
    leaderShares.reserveCapacity(rows)
    runnerUpShares.reserveCapacity(rows)
  }

  mutating func addRow(_ entries: [(UInt16, Double)]) {
    entries.withUnsafeBufferPointer { addRow($0) }
  }

  /// Adds a row of (key, share) entries, in order.
  mutating func addRow(_ entries: UnsafeBufferPointer<(UInt16, Double)>) {
    for (key, share) in entries {
      keys.append(key)
      shares.append(Float(share))
    }
    offsets.append(UInt32(keys.count))
    guard withLeaders else { return }
    // Per distinct key, its shares added as the ranking adds them (Float to Double); O(k²) for
    // a row of k entries, with no allocation. Plain loops over the buffer: the slices and
    // closures this was written with cost more than the rest of a country row.
    var leader: (key: UInt16, share: Double) = (0, 0)
    var runnerUp = 0.0
    for index in 0..<entries.count {
      let key = entries[index].0
      var seen = false
      for earlier in 0..<index where entries[earlier].0 == key {
        seen = true
        break
      }
      if seen { continue }
      var total = 0.0
      for other in index..<entries.count where entries[other].0 == key {
        total += Double(Float(entries[other].1))
      }
      if total > leader.share || index == 0 {
        runnerUp = index == 0 ? 0 : max(runnerUp, leader.share)
        leader = (key, total)
      } else {
        runnerUp = max(runnerUp, total)
      }
    }
    leaderKeys.append(leader.key)
    leaderShares.append(Self.roundedUp(leader.share))
    runnerUpShares.append(Self.roundedUp(runnerUp))
  }

  /// The smallest `Float` at or above `value`.
  static func roundedUp(_ value: Double) -> Float {
    let rounded = Float(value)
    return Double(rounded) < value ? rounded.nextUp : rounded
  }

  func build() -> SparseShares {
    SparseShares(
      offsets: Column(offsets), keys: Column(keys), shares: Column(shares),
      leaderKeys: Column(leaderKeys), leaderShares: Column(leaderShares),
      runnerUpShares: Column(runnerUpShares), hasLeaders: withLeaders)
  }
}
