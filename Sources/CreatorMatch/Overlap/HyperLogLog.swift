/// A HyperLogLog sketch of a set of 64-bit hashes (Flajolet, Fusy, Gandouet and Meunier, 2007)
/// with p = 14 (16,384 one-byte registers, standard error 1.04/√16384 ≈ 0.81%).
///
/// Register j keeps the maximum rank ρ = 1 + leading zeros of the hash bits after the top p bits
/// (capped at q + 1 = 51). Sketches of different sets merge by register-wise maximum into the
/// sketch of their union. The cardinality uses Ertl's improved estimator (see
/// `HyperLogLog+Estimate.swift`), which includes the small-range correction without tables.
///
/// ```swift
/// var hll = HyperLogLog()
/// for id in followers { hll.insert(FollowerHash.hash(id)) }
/// hll.cardinality  // ≈ followers.count ± 0.8%
/// ```
/// - Complexity: insert O(1); merge and estimate O(m).
public struct HyperLogLog: Sendable, Equatable {
  /// Bits of the hash that choose the register.
  public static let precision = 14
  /// Number of registers, m = 2^p.
  public static let registerCount = 1 << precision
  /// q = 64 − p: hash bits left for the rank.
  public static let rankBits = 64 - precision

  /// The registers.
  public var registers: [UInt8] { storage }
  @usableFromInline
  var storage: [UInt8]

  /// An empty sketch.
  public init() {
    storage = Array(repeating: 0, count: Self.registerCount)
  }

  /// A sketch with the given registers (from a sketch file).
  public init?(registers: [UInt8]) {
    guard registers.count == Self.registerCount,
      registers.allSatisfy({ Int($0) <= Self.rankBits + 1 })
    else { return nil }
    storage = registers
  }

  /// Adds one hashed element.
  @inlinable
  public mutating func insert(_ hash: UInt64) {
    let index = Int(hash >> UInt64(Self.rankBits))
    let rest = hash << UInt64(Self.precision)
    let rank = rest == 0 ? UInt8(Self.rankBits + 1) : UInt8(rest.leadingZeroBitCount + 1)
    storage.withUnsafeMutableBufferPointer { buffer in
      if rank > buffer[index] { buffer[index] = rank }
    }
  }

  /// Adds hashed elements: the same sketch as inserting them one by one, with one look at the
  /// registers' storage for all of them instead of one (a uniqueness check) each.
  /// - Parameter hashes: The elements' hashes.
  /// - Complexity: O(`hashes.count`).
  package mutating func insert(contentsOf hashes: UnsafeBufferPointer<UInt64>) {
    storage.withUnsafeMutableBufferPointer { buffer in
      for hash in hashes {
        let index = Int(hash >> UInt64(Self.rankBits))
        let rest = hash << UInt64(Self.precision)
        let rank = rest == 0 ? UInt8(Self.rankBits + 1) : UInt8(rest.leadingZeroBitCount + 1)
        if rank > buffer[index] { buffer[index] = rank }
      }
    }
  }

  /// Merges `other` into this sketch: the result sketches the union.
  public mutating func formUnion(_ other: HyperLogLog) {
    storage.withUnsafeMutableBufferPointer { mine in
      other.storage.withUnsafeBufferPointer { theirs in
        for index in 0..<mine.count where theirs[index] > mine[index] {
          mine[index] = theirs[index]
        }
      }
    }
  }

  /// The sketch of the union.
  public func union(_ other: HyperLogLog) -> HyperLogLog {
    var copy = self
    copy.formUnion(other)
    return copy
  }
}
