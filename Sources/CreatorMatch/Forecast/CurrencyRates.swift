/// Approximate exchange rates, in units of each currency per US dollar, used to compare a
/// creator's rate card with a brief in another currency and to express the USD price-estimate
/// table in the brief's currency.
///
/// Reference rates rounded from central-bank fixings in autumn 2025; override any with
/// `--fx CODE=units-per-USD`. Converted prices are marked in the forecast.
public struct CurrencyRates: Sendable, Equatable {
  /// Units per USD by ISO 4217 code.
  public var unitsPerUSD: [String: Double]

  /// Creates rates.
  public init(unitsPerUSD: [String: Double]) {
    self.unitsPerUSD = unitsPerUSD
  }

  /// The built-in table.
  public static let reference = CurrencyRates(unitsPerUSD: [
    "USD": 1, "EUR": 0.86, "GBP": 0.75, "PLN": 3.66, "UAH": 41.6, "JPY": 151, "CHF": 0.80,
    "CZK": 20.9, "SEK": 9.45, "NOK": 10.0, "DKK": 6.42, "HUF": 335, "RON": 4.37, "CAD": 1.40,
    "AUD": 1.53, "NZD": 1.74, "BRL": 5.38, "MXN": 18.4, "INR": 88.5, "IDR": 16_600, "KRW": 1_430,
    "CNY": 7.12, "TRY": 42.0, "RUB": 80.0, "ZAR": 17.3, "AED": 3.67, "SAR": 3.75, "SGD": 1.30,
    "THB": 32.5, "PHP": 58.5, "VND": 26_300, "ARS": 1_450, "CLP": 945, "COP": 3_850,
  ])

  /// The factor that converts an amount in `from` to `to`, or `nil` when either is unknown.
  public func factor(from: String, to: String) -> Double? {
    if from == to { return 1 }
    guard let source = unitsPerUSD[from], let target = unitsPerUSD[to], source > 0 else {
      return nil
    }
    return target / source
  }
}
