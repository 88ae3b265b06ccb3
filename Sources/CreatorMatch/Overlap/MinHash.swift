import CreatorMatchSupport

/// A one-permutation MinHash of a set of 64-bit hashes: k = 256 bins from one 64-bit hash family,
/// densified so that small sets still fill every bin (Li, Owen and Zhang 2012; Shrivastava 2017,
/// "Optimal densification for fast and accurate minwise hashing").
///
/// Each element goes to bin ⌊h·k / 2⁶⁴⌋ of a re-mixed hash h and keeps the bin's minimum of the
/// remaining bits, so an insert is O(1) instead of O(k). After the last insert, ``densified()``
/// fills each empty bin from the first non-empty bin that a fixed hash sequence of (bin, attempt)
/// reaches — the same sequence for every set, which keeps the estimate consistent. The Jaccard
/// similarity of two sets is estimated by the share of bins whose values are equal.
///
/// ```swift
/// var a = MinHash(); a.insert(h1); a.insert(h2)
/// var b = MinHash(); b.insert(h2)
/// a.densified().jaccard(b.densified())  // ≈ 0.5
/// ```
public struct MinHash: Sendable, Equatable {
  /// Number of bins.
  public static let binCount = 256
  /// The value of an empty bin.
  public static let empty = UInt64.max

  /// The bins.
  public var bins: [UInt64] { storage }
  @usableFromInline
  var storage: [UInt64]

  /// An empty sketch.
  public init() {
    storage = Array(repeating: Self.empty, count: Self.binCount)
  }

  /// A sketch with the given bins (from a sketch file).
  public init?(bins: [UInt64]) {
    guard bins.count == Self.binCount else { return nil }
    storage = bins
  }

  /// The re-mixed hash an element is binned by: the bin is its top 8 bits, the value kept its
  /// other 56, so a bin's (bin, value) pair is the transform of exactly one element's hash.
  @inlinable
  public static func transform(_ hash: UInt64) -> UInt64 {
    // A second, independent mix of the hash, so bins are not correlated with HyperLogLog registers.
    StableHash.mix(hash ^ 0x6A09_E667_F3BC_C909)
  }

  /// Adds one hashed element.
  @inlinable
  public mutating func insert(_ hash: UInt64) {
    let mixed = Self.transform(hash)
    let bin = Int(mixed >> 56)
    let value = mixed & 0x00FF_FFFF_FFFF_FFFF
    storage.withUnsafeMutableBufferPointer { buffer in
      if value < buffer[bin] { buffer[bin] = value }
    }
  }

  /// Adds hashed elements: the same sketch as inserting them one by one, with one look at the
  /// bins' storage for all of them instead of one (a uniqueness check) each.
  /// - Parameter hashes: The elements' hashes.
  /// - Complexity: O(`hashes.count`).
  package mutating func insert(contentsOf hashes: UnsafeBufferPointer<UInt64>) {
    storage.withUnsafeMutableBufferPointer { buffer in
      for hash in hashes {
        let mixed = Self.transform(hash)
        let bin = Int(mixed >> 56)
        let value = mixed & 0x00FF_FFFF_FFFF_FFFF
        if value < buffer[bin] { buffer[bin] = value }
      }
    }
  }

  /// Merges `other`: the result sketches the union (before densification).
  public mutating func formUnion(_ other: MinHash) {
    for index in storage.indices where other.storage[index] < storage[index] {
      storage[index] = other.storage[index]
    }
  }

  /// Whether every bin is empty (the empty set).
  public var isEmpty: Bool { bins.allSatisfy { $0 == Self.empty } }

  /// The sketch with empty bins filled by optimal densification.
  public func densified() -> MinHash {
    guard !isEmpty, bins.contains(Self.empty) else { return self }
    var result = self
    for bin in bins.indices where bins[bin] == Self.empty {
      var attempt: UInt64 = 1
      while true {
        let source = Int(StableHash.mix(UInt64(bin) << 32 | attempt) % UInt64(Self.binCount))
        if bins[source] != Self.empty {
          result.storage[bin] = bins[source]
          break
        }
        attempt += 1
      }
    }
    return result
  }

  /// The share of bins where two densified sketches agree: the MinHash estimate of Jaccard
  /// similarity, with standard error √(J(1 − J)/k).
  public func jaccard(_ other: MinHash) -> Double {
    if isEmpty || other.isEmpty { return 0 }
    var matches = 0
    for index in bins.indices where bins[index] == other.bins[index] { matches += 1 }
    return Double(matches) / Double(Self.binCount)
  }
}
