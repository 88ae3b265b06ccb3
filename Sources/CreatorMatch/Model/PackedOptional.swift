/// An optional `Double` stored in 8 bytes instead of 16, for the many optional numbers of
/// ``Creator``, ``EngagementStats`` and ``AudienceProfile``: `@PackedOptional public var
/// likes: Double?` reads and writes as a `Double?`.
///
/// `Double?` takes 9 bytes and, aligned, 16; a creator holds sixteen of them. Packing them
/// takes a creator from 488 to 360 bytes, which is a quarter less memory for a table read into
/// `[Creator]` and a quarter less to move while reading it.
///
/// `nil` is one signaling-NaN bit pattern that arithmetic never produces (it only ever yields
/// quiet NaNs). Storing that exact pattern as a value reads back as `nil`; every other value,
/// other NaNs included, reads back bit for bit. Equality is `Double?`'s: `nil` equals `nil`,
/// and values compare as doubles.
///
/// It is public only because the public properties it wraps require it; there is no reason to
/// use it elsewhere.
@propertyWrapper
public struct PackedOptional: Sendable, Equatable {
  /// The bits of the value, or ``noneBits``.
  private var bits: UInt64

  /// The pattern that means `nil`: a signaling NaN with payload 1.
  static let noneBits: UInt64 = 0x7FF0_0000_0000_0001

  /// Packs `value`.
  @inline(__always)
  init(_ value: Double?) {
    bits = value?.bitPattern ?? Self.noneBits
  }

  /// Packs `wrappedValue` (a wrapped property starts as `nil` when not given one).
  @inline(__always)
  public init(wrappedValue: Double? = nil) {
    self.init(wrappedValue)
  }

  /// The value, or `nil`.
  @inline(__always)
  var value: Double? {
    bits == Self.noneBits ? nil : Double(bitPattern: bits)
  }

  /// The value of a wrapped property.
  public var wrappedValue: Double? {
    @inline(__always) get { value }
    @inline(__always) set { self = PackedOptional(newValue) }
  }

  /// Whether both hold `nil`, or values equal as doubles.
  public static func == (lhs: PackedOptional, rhs: PackedOptional) -> Bool {
    lhs.value == rhs.value
  }
}
