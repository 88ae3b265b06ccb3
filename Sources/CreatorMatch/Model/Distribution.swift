/// Shares of an audience over categories (countries, languages or interests), as a creator table
/// writes them: `PL:0.62|DE:0.11|US:0.05`.
///
/// Shares are fractions in 0–1 whose sum is at most 1 for countries and languages (the rest is
/// "other"); interest shares may sum past 1, since one follower can have many interests.
public struct Distribution: Sendable, Equatable {
  /// One category and its share.
  public struct Entry: Sendable, Equatable {
    /// The category: an ISO code (upper-case country, lower-case language) or an interest label.
    public var key: String
    /// The share of the audience in it, 0–1.
    public var share: Double

    /// Creates an entry.
    public init(key: String, share: Double) {
      self.key = key
      self.share = share
    }
  }

  /// The entries in the order written.
  public var entries: [Entry]
  /// Whether some shares were not written and were filled in (see `CreatorRowDecoder`).
  public var sharesEstimated: Bool

  /// Creates a distribution.
  public init(entries: [Entry], sharesEstimated: Bool = false) {
    self.entries = entries
    self.sharesEstimated = sharesEstimated
  }

  /// The sum of shares.
  public var total: Double { entries.reduce(0) { $0 + $1.share } }

  /// The share of `key`, 0 when absent.
  public func share(of key: String) -> Double {
    entries.first(where: { $0.key == key })?.share ?? 0
  }

  /// The `KEY:share|KEY:share` text form, shares with up to four decimals.
  public var tableText: String {
    entries.map { "\($0.key):\(Distribution.format($0.share))" }.joined(separator: "|")
  }

  static func format(_ share: Double) -> String {
    let scaled = (share * 10_000).rounded() / 10_000
    var text = String(scaled)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}
