import Foundation

/// How much cheaper (or dearer) creators are in a market than in the US: the price-level ratio
/// of each country to the US, used to scale the US-dollar default prices of ``PriceEstimate``
/// (<doc:ROIForecast#Prices>).
///
/// Source: World Bank, International Comparison Program via World Development Indicators,
/// 2022: the price level ratio is the PPP conversion factor for GDP (PA.NUS.PPP, local currency
/// per international dollar) divided by the official exchange rate (PA.NUS.FCRF, local currency
/// per US dollar, period average). It is unitless: US = 1, and 0.29 for India means a basket that
/// costs USD 1 in the US costs the rupee equivalent of USD 0.29 in India. Influencer fees are
/// local services priced in local wages and rents, so the price level is the best published
/// proxy for how a local rate card compares with a US one; it is still a proxy, which is why a
/// scaled price carries an extra error (``logSD(_:)``). Euro-area members share the euro's
/// 2022 rate (0.9496 per USD). Countries outside the table use the table's median.
public enum MarketPriceLevel {
  /// Where the market used to scale a creator's estimated price came from.
  public enum Source: UInt8, Sendable, Equatable {
    /// No creator country, audience country or brief market: US prices, unscaled.
    case unknown = 0
    /// The creator's own country.
    case creatorCountry = 1
    /// The country with the largest share of the creator's audience.
    case audienceCountry = 2
    /// The brief's first target country, else its first allowed creator country.
    case briefMarket = 3
  }

  /// The market of a price estimate: its country, where it came from, the scaling and its error.
  public struct Market: Sendable, Equatable {
    /// ISO 3166-1 alpha-2 code (nil when unknown).
    public var country: String?
    /// Where the country came from.
    public var source: Source
    /// The price-level ratio to the US applied (1 when unknown).
    public var ratio: Double
    /// Whether `ratio` is the country's own table entry (false: the median fallback or unknown).
    public var listed: Bool
    /// The log-scale standard deviation the scaling adds to the price.
    public var logSD: Double
  }

  /// Price level ratio to the US by country, World Bank ICP / WDI 2022 (see the type's
  /// documentation), rounded to two decimals.
  public static let ratios: [String: Double] = [
    "AE": 0.61, "AR": 0.51, "AT": 0.77, "AU": 0.98, "BD": 0.34, "BE": 0.76, "BR": 0.50,
    "CA": 0.94, "CH": 1.10, "CL": 0.51, "CN": 0.59, "CO": 0.33, "CY": 0.62, "CZ": 0.55,
    "DE": 0.77, "DK": 0.91, "EE": 0.61, "EG": 0.24, "ES": 0.64, "FI": 0.86, "FR": 0.74,
    "GB": 0.84, "GR": 0.56, "HK": 0.71, "HU": 0.44, "ID": 0.33, "IE": 0.82, "IL": 1.10,
    "IN": 0.29, "IT": 0.66, "JP": 0.74, "KE": 0.36, "KR": 0.64, "LT": 0.51, "LU": 0.89,
    "LV": 0.55, "MT": 0.61, "MX": 0.52, "MY": 0.36, "NG": 0.37, "NL": 0.80, "NO": 0.92,
    "NZ": 0.93, "PE": 0.47, "PH": 0.35, "PK": 0.22, "PL": 0.42, "PT": 0.59, "RO": 0.38,
    "RU": 0.42, "SA": 0.51, "SE": 0.87, "SG": 0.65, "SI": 0.59, "SK": 0.57, "TH": 0.33,
    "TR": 0.29, "UA": 0.36, "US": 1.00, "VN": 0.31, "ZA": 0.43,
  ]

  /// The median of ``ratios``: the scaling for a country the table lacks.
  public static let fallbackRatio = 0.59

  /// Log-scale standard deviation of the scaling for a listed country: a local rate card is
  /// typically within ×/÷ 1.35 of the US price times the price level.
  public static let listedLogSD = 0.3
  /// Log-scale standard deviation when the country is not listed (median used) or unknown.
  public static let unlistedLogSD = 0.5

  /// The log-scale standard deviation the scaling adds: 0 for the US (the rates are US rates),
  /// ``listedLogSD`` for another listed country, ``unlistedLogSD`` otherwise.
  /// - Parameter market: The resolved market.
  /// - Returns: The log-scale standard deviation.
  public static func logSD(_ market: Market) -> Double { market.logSD }

  /// The market of `country` found from `source`.
  /// - Parameters:
  ///   - country: ISO 3166-1 alpha-2 code, any case, or nil.
  ///   - source: Where it came from (ignored when `country` is nil).
  /// - Returns: The market with its ratio and error.
  public static func market(country: String?, source: Source) -> Market {
    guard let code = country?.uppercased(), !code.isEmpty else {
      return Market(country: nil, source: .unknown, ratio: 1, listed: false, logSD: unlistedLogSD)
    }
    if let ratio = ratios[code] {
      return Market(
        country: code, source: source, ratio: ratio, listed: true,
        logSD: code == "US" ? 0 : listedLogSD)
    }
    return Market(
      country: code, source: source, ratio: fallbackRatio, listed: false, logSD: unlistedLogSD)
  }

  /// The market of a creator: its own country, else its audience's top country, else the
  /// brief's market, else unknown.
  /// - Parameters:
  ///   - creatorCountry: The creator's own country.
  ///   - audienceCountry: The country with the largest audience share.
  ///   - briefMarket: The brief's market.
  /// - Returns: The first of them that is known, resolved.
  public static func resolve(
    creatorCountry: String?, audienceCountry: String?, briefMarket: String?
  ) -> Market {
    if let creatorCountry, !creatorCountry.isEmpty {
      return market(country: creatorCountry, source: .creatorCountry)
    }
    if let audienceCountry, !audienceCountry.isEmpty {
      return market(country: audienceCountry, source: .audienceCountry)
    }
    return market(country: briefMarket, source: .briefMarket)
  }
}
