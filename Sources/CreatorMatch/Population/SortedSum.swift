import CreatorMatchSupport

/// A sum of doubles added in ascending order (`values.sorted().reduce(0, +)`) whatever the order
/// they are given in, kept as counts of distinct values while there are few of them.
///
/// Shares read from files have few distinct values (two or three decimals), so counting each
/// value costs less than keeping a million of them and sorting them: the sum adds each distinct
/// value as many times as it came, smallest first. Past ``maximumDistinct`` distinct values it
/// keeps the values themselves and sorts them with ``DoubleSort``.
///
/// A value k/1000 (k in 0...1000: every share written with up to three decimals) is counted in a
/// plain array indexed by k, without hashing: probing the hash table, and growing it afresh in
/// every block of rows, was most of the audience priors' time.
package struct SortedSum: Sendable {
  /// Values added.
  package private(set) var count = 0
  /// Counts of the values k/1000 by k, 0...1000; empty until one is added. `UInt32` keeps the
  /// array at 4 KB (one per key and block of rows); a count that would overflow goes to ``slots``
  /// instead, which the sum allows (equal values are added next to each other wherever counted).
  private var thousandths: [UInt32] = []
  /// Open-addressing table of bit patterns with their counts; a count of 0 marks a free slot.
  private var slots: [Slot] = []
  private var distinct = 0
  /// The values, once more than ``maximumDistinct`` are distinct (`nil` while they are counted).
  private var values: [Double]?

  /// Distinct values counted before the values are kept whole.
  package static let maximumDistinct = 4_096

  /// A distinct value's bit pattern and how often it was added.
  private struct Slot: Sendable {
    var pattern: UInt64
    var count: Int
  }

  /// No value yet.
  package init() {}

  /// Adds `value` once.
  @inline(__always)
  package mutating func add(_ value: Double) {
    add(value, times: 1)
  }

  /// Adds `value` `times` times.
  package mutating func add(_ value: Double, times: Int) {
    guard times > 0 else { return }
    count += times
    if values != nil {
      values?.append(contentsOf: repeatElement(value, count: times))
      return
    }
    if count >= Self.countedAfter || !thousandths.isEmpty, let index = Self.thousandth(value),
      countThousandth(index, times: times)
    {
      return
    }
    if distinct * 2 >= slots.count { grow() }
    let pattern = value.bitPattern
    let isNew = slots.withUnsafeMutableBufferPointer { slots in
      let mask = slots.count - 1
      var slot = Self.slot(pattern, mask: mask)
      while slots[slot].count != 0 && slots[slot].pattern != pattern { slot = (slot + 1) & mask }
      let isNew = slots[slot].count == 0
      slots[slot].pattern = pattern
      slots[slot].count += times
      return isNew
    }
    guard isNew else { return }
    distinct += 1
    if distinct > Self.maximumDistinct { spill() }
  }

  /// Adds every value of `other`.
  ///
  /// - Parameter other: Values summed apart (another block of rows).
  /// - Complexity: O(distinct values of `other`), or O(its values) when it keeps them whole.
  package mutating func merge(_ other: SortedSum) {
    if let kept = other.values {
      if values == nil && !kept.isEmpty { spill() }
      values?.append(contentsOf: kept)
      count += kept.count
      return
    }
    if values == nil && thousandths.isEmpty {
      // The first block merged: its counts as they are (the array is shared, not copied, until
      // either side changes it).
      thousandths = other.thousandths
      count += other.thousandths.reduce(0) { $0 + Int($1) }
    } else {
      for (index, times) in other.thousandths.enumerated() where times > 0 {
        add(Self.thousandthValue(index), times: Int(times))
      }
    }
    for slot in other.slots where slot.count > 0 {
      add(Double(bitPattern: slot.pattern), times: slot.count)
    }
  }

  /// k when `value` is exactly k/1000 (as a decimal with up to three places is parsed: the
  /// division k / 1000 rounded once) for k in 0...1000; `nil` for anything else, −0 and NaN
  /// included.
  @inline(__always)
  static func thousandth(_ value: Double) -> Int? {
    let scaled = value * 1000
    // Written so that NaN fails too.
    guard scaled >= 0, scaled <= 1000 else { return nil }
    let index = Int(scaled.rounded())
    return thousandthValue(index).bitPattern == value.bitPattern ? index : nil
  }

  /// Values a sum takes (in its table) before it counts thousandths in an array: the array is
  /// 4 KB, and a table with many rare keys (a million distinct interest labels, each a sum of its
  /// own) would otherwise hold 4 KB for each, where now it holds at most 128 bytes a value. Few
  /// enough that the keys of a block of creators are still mostly counted, not hashed.
  static let countedAfter = 32

  /// Whether the sum counts thousandths in its array (tests: rare keys must not).
  var countsThousandths: Bool { !thousandths.isEmpty }

  /// k/1000, the value counted at index k of ``thousandths``.
  @inline(__always)
  static func thousandthValue(_ index: Int) -> Double { Double(index) / 1000 }

  /// Counts `times` more of the value at `index` of ``thousandths``; `false` (nothing counted)
  /// when the count would overflow.
  @inline(__always)
  private mutating func countThousandth(_ index: Int, times: Int) -> Bool {
    if thousandths.isEmpty { thousandths = [UInt32](repeating: 0, count: 1_001) }
    return thousandths.withUnsafeMutableBufferPointer { counts in
      let (total, overflow) = counts[index].addingReportingOverflow(
        UInt32(truncatingIfNeeded: times))
      guard !overflow, times <= Int(UInt32.max) else { return false }
      counts[index] = total
      return true
    }
  }

  /// The sum of every value added, added in ascending order from 0.
  ///
  /// - Returns: `values.sorted().reduce(0, +)` of the values added.
  /// - Complexity: O(n) additions, after sorting the distinct values (or all of them, once kept).
  package func sum() -> Double {
    if let values { return DoubleSort.ascendingSum(values) }
    var entries: [(key: UInt64, count: Int)] = []
    entries.reserveCapacity(distinct)
    for slot in slots where slot.count > 0 {
      entries.append((DoubleSort.key(Double(bitPattern: slot.pattern)), slot.count))
    }
    entries.sort { $0.key < $1.key }
    var sum = 0.0
    // The counted thousandths are in ascending order too: merge the two lists by key. A value
    // in both (a count that overflowed) is added next to itself either way.
    var next = 0
    for (index, times) in thousandths.enumerated() where times > 0 {
      let value = Self.thousandthValue(index)
      let key = DoubleSort.key(value)
      while next < entries.count, entries[next].key < key {
        // One addition per occurrence: a product would round differently from the sorted sum.
        let smaller = DoubleSort.value(entries[next].key)
        for _ in 0..<entries[next].count { sum += smaller }
        next += 1
      }
      for _ in 0..<times { sum += value }
    }
    for entry in entries[next...] {
      let value = DoubleSort.value(entry.key)
      for _ in 0..<entry.count { sum += value }
    }
    return sum
  }

  @inline(__always)
  private static func slot(_ pattern: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: (pattern &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  private mutating func grow() {
    let old = slots
    slots = [Slot](repeating: Slot(pattern: 0, count: 0), count: max(16, old.count * 2))
    let mask = slots.count - 1
    for entry in old where entry.count > 0 {
      var slot = Self.slot(entry.pattern, mask: mask)
      while slots[slot].count != 0 { slot = (slot + 1) & mask }
      slots[slot] = entry
    }
  }

  /// Keeps the values whole from now on: too many are distinct for counting to pay.
  private mutating func spill() {
    var kept: [Double] = []
    kept.reserveCapacity(count)
    for slot in slots where slot.count > 0 {
      kept.append(contentsOf: repeatElement(Double(bitPattern: slot.pattern), count: slot.count))
    }
    for (index, times) in thousandths.enumerated() where times > 0 {
      kept.append(contentsOf: repeatElement(Self.thousandthValue(index), count: Int(times)))
    }
    values = kept
    slots = []
    thousandths = []
    distinct = 0
  }
}
