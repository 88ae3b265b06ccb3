import CreatorMatchSupport
import Foundation

/// What the overlap component rewards (<doc:Formulas#Brand-audience-overlap>).
public enum OverlapMeaning: String, Sendable, Equatable {
  /// New-to-brand reach: s = 1 − affinity (awareness).
  case newToBrand = "new-to-brand"
  /// Affinity with diminishing returns: s = 1 − exp(−affinity / 0.1) (conversions, engagement).
  case affinity

  /// The scale of the affinity curve: an audience 10% inside the brand's scores 1 − 1/e ≈ 0.63,
  /// 20% scores 0.86 and 30% scores 0.95, so a creator gains little for going from a third to all
  /// of its audience already being the brand's (people the brand already has).
  public static let affinityScale = 0.1

  /// The overlap component score of a creator whose audience is `affinity` inside the brand's.
  ///
  /// - Parameter affinity: The share of the creator's audience in the brand audience, 0–1.
  /// - Returns: The component score, 0–1.
  public func score(affinity: Double) -> Double {
    let share = min(max(affinity, 0), 1)
    switch self {
    case .newToBrand: return 1 - share
    case .affinity: return 1 - exp(-share / Self.affinityScale)
    }
  }
}

/// One creator's audience against the brand's own audience.
public struct BrandOverlap: Sendable, Equatable {
  /// The creator's audience, in followers (scaled by the sketch file's sample rate).
  public var audience: Double
  /// Followers of the creator who are also in the brand audience.
  public var shared: Double
  /// shared / audience: the share of the creator's audience the brand already has.
  public var affinity: Double
  /// The estimator's standard error on ``affinity`` (0 when both audiences are exact sets).
  public var error: Double
  /// Whether the figures are exact.
  public var exact: Bool

  /// 1 − affinity: the share of the creator's audience new to the brand.
  public var newToBrand: Double { 1 - affinity }

  /// Creates a record.
  public init(audience: Double, shared: Double, affinity: Double, error: Double, exact: Bool) {
    self.audience = audience
    self.shared = shared
    self.affinity = affinity
    self.error = error
    self.exact = exact
  }
}

/// The brand's own audience in a sketch file and every creator's overlap with it, by table row
/// (<doc:AudienceOverlap#Brand-audience>).
///
/// Computed once per sketch file and brand, then shared by every brief that names the brand. The
/// estimator follows the storage of the two audiences:
///
/// - both exact sets: the intersection is counted (exact);
/// - the brand exact, the creator sketched: the inverse-variance combination of two estimates of
///   the affinity c = |A ∩ B|/|A|: the share of the creator's non-empty MinHash bins whose
///   minimum is a brand follower (each bin's minimum is a random member of the audience, so this
///   is a sample of k ≤ 256 followers; variance c(1 − c)/k), and inclusion–exclusion on
///   HyperLogLog cardinalities, (|A| + |B| − |A ∪ B|)/|A| (variance from the relative errors of
///   |A| and |A ∪ B|; |B| is exact);
/// - the brand sketched: the Jaccard combination that `overlap` uses
///   (``SketchSet/combinedJaccard(minHash:sizeA:exactA:sizeB:exactB:union:)``), converted with
///   |A ∩ B| = J(|A| + |B|)/(1 + J); its error grows with |B|/|A|, which is why `sketch` keeps a
///   brand audience exact whatever its size.
///
/// ```swift
/// let brand = BrandAudience(set: sketches, brandID: "brand", table: table)
/// brand?.overlap(row: 0)?.affinity
/// ```
/// - Complexity: O(|A| log |B|) per exact creator, O(k log |B| + m) per sketched one (m = 16,384
///   registers), on all cores.
public struct BrandAudience: Sendable {
  /// The brand audience's id in the sketch file.
  public let id: String
  /// The brand audience's size, in followers.
  public let size: Double
  /// Whether the brand audience is stored exactly.
  public let exact: Bool
  /// Creators of the table with a sketch (the brand itself excluded).
  public let sketchedRows: Int
  /// Per table row: the affinity, NaN without a sketch.
  package let affinities: [Double]
  /// Per table row: the affinity's standard error.
  package let errors: [Double]
  /// Per table row: the audience in followers.
  package let audiences: [Double]
  /// Per table row: whether the figures are exact.
  package let exactRows: [Bool]
  /// The affinity of every other audience in the sketch file, in file order (table or not).
  public let fileAffinities: [Double]

  /// Computes every table creator's overlap with the brand audience `brandID` of `set`.
  ///
  /// - Parameters:
  ///   - set: The sketch file's audiences.
  ///   - brandID: The id of the brand's audience in `set`.
  ///   - table: The creators; those with a sketch under their id get figures.
  ///   - threads: Worker threads; `nil` uses every core. The figures do not depend on it.
  /// - Returns: `nil` when `set` has no audience `brandID`.
  public init?(set: SketchSet, brandID: String, table: CreatorTable, threads: Int? = nil) {
    guard let brandPosition = set.position(of: brandID) else { return nil }
    // Every audience of the file but the brand's, whether or not the table has it: the mean
    // that creators without a sketch are estimated from is then the same for every shard of a
    // table.
    let positions = set.sketches.indices.filter { $0 != brandPosition }
    let rows = positions.map { table.row(ofID: set.sketches[$0].creatorID) }
    let results = Self.overlaps(
      set: set, brand: brandPosition, positions: positions, threads: threads)
    var affinities = Array(repeating: Double.nan, count: table.count)
    var errors = Array(repeating: 0.0, count: table.count)
    var audiences = Array(repeating: 0.0, count: table.count)
    var exactRows = Array(repeating: false, count: table.count)
    var index = 0
    var all: [Double] = []
    all.reserveCapacity(positions.count)
    for block in results {
      for overlap in block {
        all.append(overlap.affinity)
        if let row = rows[index], affinities[row].isNaN {
          affinities[row] = overlap.affinity
          errors[row] = overlap.error
          audiences[row] = overlap.audience
          exactRows[row] = overlap.exact
        }
        index += 1
      }
    }
    self.fileAffinities = all
    self.id = brandID
    self.size = set.count(at: brandPosition) / set.sampleRate
    self.exact = set.sketches[brandPosition].isExact
    self.sketchedRows = affinities.lazy.filter { !$0.isNaN }.count
    self.affinities = affinities
    self.errors = errors
    self.audiences = audiences
    self.exactRows = exactRows
  }

  /// The overlaps of the audiences at `positions` with the brand at `brand`, in blocks of 2,048
  /// on all cores (the benchmark's `brand-affinity` scenario measures this).
  ///
  /// - Parameters:
  ///   - set: The audiences.
  ///   - brand: The brand audience's position.
  ///   - positions: The audiences to compare.
  ///   - threads: Worker threads; `nil` uses every core.
  /// - Returns: Per block, the overlaps in `positions` order.
  package static func overlaps(
    set: SketchSet, brand: Int, positions: [Int], threads: Int?
  ) -> [[BrandOverlap]] {
    let estimator = Estimator(set: set, brand: brand)
    let blocks = ParallelBlocks(count: positions.count, blockSize: 2_048)
    return blocks.map(threads: ParallelBlocks.threadCount(threads)) { range in
      var scratch = estimator.scratch()
      return range.map { estimator.overlap(position: positions[$0], scratch: &scratch) }
    }
  }

  /// The overlap of the creator in `row` with the brand, or `nil` when it has no sketch.
  ///
  /// - Parameter row: A row of the table the audience was computed for.
  /// - Returns: The creator's figures.
  public func overlap(row: Int) -> BrandOverlap? {
    guard row >= 0, row < affinities.count, !affinities[row].isNaN else { return nil }
    return BrandOverlap(
      audience: audiences[row], shared: affinities[row] * audiences[row],
      affinity: affinities[row], error: errors[row], exact: exactRows[row])
  }

  /// The overlap of one sketch with the brand in `set`, both looked up by id.
  ///
  /// - Parameters:
  ///   - set: The audiences.
  ///   - creatorID: The creator.
  ///   - brandID: The brand audience.
  /// - Returns: `nil` when either has no sketch.
  public static func overlap(in set: SketchSet, creatorID: String, brandID: String)
    -> BrandOverlap?
  {
    guard let brand = set.position(of: brandID), let creator = set.position(of: creatorID) else {
      return nil
    }
    let estimator = Estimator(set: set, brand: brand)
    var scratch = estimator.scratch()
    return estimator.overlap(position: creator, scratch: &scratch)
  }

  /// The estimator for one brand: the brand's hashes (and their MinHash transforms) when exact,
  /// its registers and register histogram for the HyperLogLog union.
  struct Estimator: Sendable {
    let set: SketchSet
    let brandSize: Double
    let brandExact: Bool
    /// The brand's hashes for membership tests (exact brand).
    let brandMembers: HashMembership
    /// Sorted MinHash transforms of the brand hashes (exact brand): a creator's bin minimum is a
    /// brand follower exactly when its transform is here.
    let brandMixed: [UInt64]
    let brandRegisters: [UInt8]
    let brandHistogram: [Int]
    /// The brand's HyperLogLog estimate.
    let brandEstimate: Double
    /// The brand's densified MinHash (sketched brand).
    let brandMinHash: MinHash
    /// Per register, bit r set when a brand follower has rank r in it (exact brand).
    let brandPairs: [UInt64]

    init(set: SketchSet, brand: Int) {
      self.set = set
      let sketch = set.sketches[brand]
      brandSize = sketch.distinctCount
      let hll = set.hyperLogLog(at: brand)
      brandRegisters = hll.registers
      var histogram = Array(repeating: 0, count: HyperLogLog.rankBits + 2)
      for value in brandRegisters { histogram[Int(value)] += 1 }
      brandHistogram = histogram
      brandEstimate = HyperLogLog.estimate(histogram: histogram)
      if case .exact(let hashes) = sketch.storage {
        brandExact = true
        brandMembers = HashMembership(hashes)
        brandMixed = hashes.map { MinHash.transform($0) }.sorted()
        brandMinHash = MinHash()
        var pairs = Array(repeating: UInt64(0), count: HyperLogLog.registerCount)
        for hash in hashes {
          let (index, rank) = Self.register(hash)
          pairs[index] |= 1 << UInt64(rank)
        }
        brandPairs = pairs
      } else {
        brandExact = false
        brandMembers = HashMembership([])
        brandMixed = []
        brandMinHash = sketch.minHash
        brandPairs = []
      }
    }

    /// Per-worker room for an exact creator's HyperLogLog union with a sketched brand.
    struct Scratch {
      var registers: [UInt8]
      var touched: [(index: Int, old: UInt8)] = []
    }

    func scratch() -> Scratch { Scratch(registers: brandExact ? [] : brandRegisters) }

    /// The overlap of the sketch at `position` with the brand.
    func overlap(position: Int, scratch: inout Scratch) -> BrandOverlap {
      let rate = set.sampleRate
      let sketch = set.sketches[position]
      // The set's precomputed count: a sketch's cardinality would re-read its 16,384 registers.
      let size = set.count(at: position)
      guard size > 0 else {
        return BrandOverlap(audience: 0, shared: 0, affinity: 0, error: 0, exact: sketch.isExact)
      }
      if brandExact {
        switch sketch.storage {
        case .exact(let hashes):
          let shared = Double(brandMembers.count(in: hashes))
          return BrandOverlap(
            audience: size / rate, shared: shared / rate, affinity: shared / size, error: 0,
            exact: true)
        case .sketch(let hll, let minHash):
          let estimate = containment(hll: hll, rawMinHash: minHash, size: size)
          return BrandOverlap(
            audience: size / rate, shared: estimate.affinity * size / rate,
            affinity: estimate.affinity, error: estimate.error, exact: false)
        }
      }
      // A sketched brand: the Jaccard combination `overlap` uses.
      let union: Double
      let minHash: MinHash
      switch sketch.storage {
      case .exact(let hashes):
        union = exactUnion(hashes, scratch: &scratch)
        var built = MinHash()
        for hash in hashes { built.insert(hash) }
        minHash = built.densified()
      case .sketch(let hll, let raw):
        union = sketchedUnion(hll.registers)
        minHash = raw.densified()
      }
      let jaccard = SketchSet.combinedJaccardEstimate(
        minHash: minHash.jaccard(brandMinHash), sizeA: size, exactA: sketch.isExact,
        sizeB: brandSize, exactB: false, union: union)
      let shared = min(jaccard.value * (size + brandSize) / (1 + jaccard.value), size)
      let slope = (size + brandSize) / ((1 + jaccard.value) * (1 + jaccard.value)) / size
      return BrandOverlap(
        audience: size / rate, shared: shared / rate, affinity: shared / size,
        error: min(jaccard.standardError * slope, 0.5), exact: false)
    }

    /// The register and rank of a hash, as ``HyperLogLog`` files it.
    @inline(__always)
    static func register(_ hash: UInt64) -> (index: Int, rank: UInt8) {
      let index = Int(hash >> UInt64(HyperLogLog.rankBits))
      let rest = hash << UInt64(HyperLogLog.precision)
      return (
        index, rest == 0 ? UInt8(HyperLogLog.rankBits + 1) : UInt8(rest.leadingZeroBitCount + 1)
      )
    }

    /// The register-match estimate of the affinity of a sketched creator against the exact
    /// brand, with its variance.
    ///
    /// Each non-empty register of the creator holds r, the highest rank among its followers that
    /// fall in it. The brand's (register, rank) pairs are known exactly, so X_j = 1 when the brand
    /// has a follower of rank r in register j: certainly when a follower of the creator at that
    /// rank is the brand's, by coincidence otherwise. With Poisson counts per register (λ = |A|/m
    /// followers of the creator, a share c of them the brand's, and (|B| − c|A|)/m other brand
    /// followers), P(X_j = 1 | r) = a + (1 − a)·o with
    /// a = (1 − e^(−cλ·2^(−r)))/(1 − e^(−λ·2^(−r))) (a follower of the brand among those at rank
    /// r: ties at the top rank are common when λ > 1) and o = 1 − e^(−(|B| − c|A|)/m·2^(−r)).
    /// ĉ solves Σ_j P(X_j = 1 | r_j) = Σ_j X_j (increasing in c; bisection), with the delta
    /// method's variance Σ g(1 − g)/(Σ ∂g/∂c)². Below 16,384 followers nearly every follower is
    /// seen, instead of the MinHash's sample of 256.
    func registerMatch(_ scan: RegisterScan, size: Double) -> (value: Double, variance: Double)? {
      let filled = scan.filled
      let matches = scan.matches
      let rankCounts = scan.rankCounts
      guard filled > 0, brandSize > 0, size > 0 else { return nil }
      let m = Double(HyperLogLog.registerCount)
      let lambda = size / m
      let observed = Double(matches)
      let ranks = rankCounts.enumerated().filter { $0.element > 0 }.map {
        (scale: pow(2, -Double($0.offset)), count: Double($0.element))
      }
      // The expected matches at affinity c, and their variance.
      func expected(_ c: Double) -> (sum: Double, variance: Double) {
        var sum = 0.0
        var variance = 0.0
        let others = max(brandSize - c * size, 0) / m
        for (scale, count) in ranks {
          let all = -expm1(-lambda * scale)
          let a = all > 0 ? -expm1(-c * lambda * scale) / all : c
          let o = -expm1(-others * scale)
          let g = a + (1 - a) * o
          sum += count * g
          variance += count * g * (1 - g)
        }
        return (sum, variance)
      }
      var low = 0.0
      var high = 1.0
      let atZero = expected(0).sum
      let atOne = expected(1).sum
      guard atOne - atZero > 1e-9 else { return nil }
      if observed <= atZero {
        high = 0
      } else if observed >= atOne {
        low = 1
      } else {
        // 30 halvings: 10⁻⁹, far below the estimate's error.
        for _ in 0..<30 {
          let middle = (low + high) / 2
          if expected(middle).sum < observed { low = middle } else { high = middle }
        }
      }
      let value = (low + high) / 2
      let step = 1e-4
      let slope =
        (expected(min(value + step, 1)).sum - expected(max(value - step, 0)).sum)
        / (min(value + step, 1) - max(value - step, 0))
      guard slope > 0 else { return nil }
      let spread = max(expected(value).variance, 1)
      return (value, spread / (slope * slope))
    }

    /// One pass over a sketched creator's registers against the exact brand: the union's register
    /// histogram and the register-match counts.
    struct RegisterScan {
      var histogram: [Int]
      var filled = 0
      var matches = 0
      var rankCounts = Array(repeating: 0, count: 64)
    }

    func scan(_ registers: [UInt8]) -> RegisterScan {
      var result = RegisterScan(histogram: brandHistogram)
      registers.withUnsafeBufferPointer { theirs in
        brandRegisters.withUnsafeBufferPointer { mine in
          brandPairs.withUnsafeBufferPointer { pairs in
            for index in 0..<theirs.count where theirs[index] > 0 {
              let rank = Int(theirs[index])
              result.filled += 1
              result.matches += Int((pairs[index] >> UInt64(rank)) & 1)
              result.rankCounts[rank] += 1
              if theirs[index] > mine[index] {
                result.histogram[Int(mine[index])] -= 1
                result.histogram[rank] += 1
              }
            }
          }
        }
      }
      return result
    }

    /// Affinity of a sketched creator against the exact brand: the register-match estimate, the
    /// MinHash sample of members and HyperLogLog inclusion–exclusion, combined by inverse
    /// variance.
    func containment(hll: HyperLogLog, rawMinHash: MinHash, size: Double) -> (
      affinity: Double, error: Double
    ) {
      var filled = 0
      var members = 0
      for (bin, value) in rawMinHash.bins.enumerated() where value != MinHash.empty {
        filled += 1
        if Self.contains(brandMixed, UInt64(bin) << 56 | value) { members += 1 }
      }
      let k = Double(max(filled, 1))
      let sampled = Double(members) / k
      let varianceSample = max(sampled * (1 - sampled), 1 / k) / k
      let scan = scan(hll.registers)
      let union = HyperLogLog.estimate(histogram: scan.histogram)
      let errorA = HyperLogLog.relativeError(atCardinality: size) * size
      let errorU = HyperLogLog.relativeError(atCardinality: union) * union
      // The brand's HyperLogLog estimate, not its exact size: its error and the union's come from
      // mostly the same registers and cancel in the difference.
      let inclusion = min(max(size + brandEstimate - union, 0), size) / size
      let varianceHLL = max((errorA * errorA + errorU * errorU) / (size * size), 1e-12)
      var weights = [1 / varianceSample, 1 / varianceHLL]
      var values = [sampled, inclusion]
      if let match = registerMatch(scan, size: size) {
        weights.append(1 / match.variance)
        values.append(match.value)
      }

      let total = weights.reduce(0, +)
      let combined = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
      return (min(max(combined, 0), 1), (1 / total).squareRoot())
    }

    /// |A ∪ B| for a sketched creator: the brand's register histogram changed where the
    /// creator's registers are higher (O(m), no allocation besides the histogram copy).
    func sketchedUnion(_ registers: [UInt8]) -> Double {
      var histogram = brandHistogram
      registers.withUnsafeBufferPointer { theirs in
        brandRegisters.withUnsafeBufferPointer { mine in
          for index in 0..<mine.count where theirs[index] > mine[index] {
            histogram[Int(mine[index])] -= 1
            histogram[Int(theirs[index])] += 1
          }
        }
      }
      return HyperLogLog.estimate(histogram: histogram)
    }

    /// |A ∪ B| for an exact creator against a sketched brand: O(|A|), the scratch registers
    /// restored afterwards.
    func exactUnion(_ hashes: [UInt64], scratch: inout Scratch) -> Double {
      var histogram = brandHistogram
      scratch.touched.removeAll(keepingCapacity: true)
      for hash in hashes {
        let index = Int(hash >> UInt64(HyperLogLog.rankBits))
        let rest = hash << UInt64(HyperLogLog.precision)
        let rank =
          rest == 0 ? UInt8(HyperLogLog.rankBits + 1) : UInt8(rest.leadingZeroBitCount + 1)
        let old = scratch.registers[index]
        if rank > old {
          histogram[Int(old)] -= 1
          histogram[Int(rank)] += 1
          scratch.touched.append((index, old))
          scratch.registers[index] = rank
        }
      }
      for (index, old) in scratch.touched.reversed() { scratch.registers[index] = old }
      return HyperLogLog.estimate(histogram: histogram)
    }

    /// Binary search in a sorted array.
    static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
      var low = 0
      var high = sorted.count
      while low < high {
        let middle = (low + high) / 2
        if sorted[middle] < value { low = middle + 1 } else { high = middle }
      }
      return low < sorted.count && sorted[low] == value
    }
  }
}

/// A set of 64-bit hashes for fast membership counts: a bitmap of 8 bits per member, indexed by
/// the hash's top bits, rejects most non-members with one read of a table small enough for the
/// processor's cache (2.4% false positives), and an open-addressing table confirms the rest.
/// A binary search in the sorted brand set took about 18 cache misses per follower and made
/// 100,000 creators' affinities take seconds.
struct HashMembership: Sendable {
  private let bitmap: [UInt64]
  private let bitmapShift: UInt64
  private let slots: [UInt64]
  private let slotShift: UInt64
  private let hasZero: Bool

  /// Indexes `hashes` (distinct).
  init(_ hashes: [UInt64]) {
    let bitmapBits = max(16, min(30, Self.log2Ceiling(max(hashes.count, 1) * 8)))
    let slotBits = max(4, min(31, Self.log2Ceiling(max(hashes.count, 1) * 2)))
    var bitmap = Array(repeating: UInt64(0), count: (1 << bitmapBits) / 64)
    var slots = Array(repeating: UInt64(0), count: 1 << slotBits)
    let mask = slots.count - 1
    var hasZero = false
    for hash in hashes {
      let bit = Int(hash >> UInt64(64 - bitmapBits))
      bitmap[bit >> 6] |= 1 << UInt64(bit & 63)
      // 0 marks an empty slot, so the hash 0 is remembered apart.
      if hash == 0 {
        hasZero = true
        continue
      }
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 && slots[slot] != hash { slot = (slot + 1) & mask }
      slots[slot] = hash
    }
    self.bitmap = bitmap
    self.bitmapShift = UInt64(64 - bitmapBits)
    self.slots = slots
    self.slotShift = UInt64(slotBits)
    self.hasZero = hasZero
  }

  static func log2Ceiling(_ value: Int) -> Int {
    value <= 1 ? 0 : Int.bitWidth - (value - 1).leadingZeroBitCount
  }

  /// How many of `hashes` are members.
  func count(in hashes: [UInt64]) -> Int {
    var count = 0
    let mask = slots.count - 1
    bitmap.withUnsafeBufferPointer { bitmap in
      slots.withUnsafeBufferPointer { slots in
        for hash in hashes {
          let bit = Int(truncatingIfNeeded: hash >> bitmapShift)
          guard bitmap[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { continue }
          if hash == 0 {
            if hasZero { count += 1 }
            continue
          }
          var slot = Int(truncatingIfNeeded: hash) & mask
          while slots[slot] != 0 {
            if slots[slot] == hash {
              count += 1
              break
            }
            slot = (slot + 1) & mask
          }
        }
      }
    }
    return count
  }
}
