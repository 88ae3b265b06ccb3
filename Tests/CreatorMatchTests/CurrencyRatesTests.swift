import Testing

@testable import CreatorMatch

@Suite("Currency rates")
struct CurrencyRatesTests {
  @Test(
    "the factor from one currency to another is target units per USD over source units per USD",
    arguments: [
      ("USD", "PLN", 3.66),
      ("PLN", "USD", 0.273_224_04),  // 1 / 3.66
      ("USD", "JPY", 151.0),
      ("JPY", "USD", 0.006_622_517),  // 1 / 151
      ("EUR", "PLN", 4.255_814_0),  // 3.66 / 0.86
      ("GBP", "EUR", 1.146_666_7),  // 0.86 / 0.75
      ("EUR", "UAH", 48.372_093),  // 41.6 / 0.86
      ("MXN", "EUR", 0.046_739_13),  // 0.86 / 18.4
    ])
  func referenceFactor(from: String, to: String, expected: Double) throws {
    let factor = try #require(CurrencyRates.reference.factor(from: from, to: to))
    #expect(abs(factor / expected - 1) < 1e-6, "\(from)→\(to) = \(factor)")
  }

  @Test("1,000 PLN is about EUR 234.97 and 140 MXN about EUR 6.54")
  func convertAmounts() throws {
    let plnToEUR = try #require(CurrencyRates.reference.factor(from: "PLN", to: "EUR"))
    #expect(abs(1_000 * plnToEUR - 234.972_68) < 0.000_01)
    let mxnToEUR = try #require(CurrencyRates.reference.factor(from: "MXN", to: "EUR"))
    #expect(abs(140 * mxnToEUR - 6.543_478) < 0.000_01)
  }

  @Test("converting there and back gives the factor 1", arguments: ["EUR", "JPY", "UAH", "IDR"])
  func roundTrip(code: String) throws {
    let there = try #require(CurrencyRates.reference.factor(from: "PLN", to: code))
    let back = try #require(CurrencyRates.reference.factor(from: code, to: "PLN"))
    #expect(abs(there * back - 1) < 1e-12)
  }

  @Test(
    "an unknown code on either side gives nil",
    arguments: [("USD", "XYZ"), ("XYZ", "USD"), ("XYZ", "ABC"), ("", "EUR"), ("usd", "EUR")])
  func unknown(from: String, to: String) {
    #expect(CurrencyRates.reference.factor(from: from, to: to) == nil)
  }

  @Test("the same code converts with factor 1, even a code the table does not know")
  func sameCode() {
    #expect(CurrencyRates.reference.factor(from: "EUR", to: "EUR") == 1)
    #expect(CurrencyRates.reference.factor(from: "XYZ", to: "XYZ") == 1)
  }

  @Test("a zero source rate gives nil rather than an infinite factor")
  func zeroSourceRate() {
    let rates = CurrencyRates(unitsPerUSD: ["USD": 1, "AAA": 0])
    #expect(rates.factor(from: "AAA", to: "USD") == nil)
  }

  @Test("an override replaces the reference rate for conversions both ways")
  func override() throws {
    var rates = CurrencyRates.reference
    rates.unitsPerUSD["PLN"] = 4
    #expect(rates.factor(from: "USD", to: "PLN") == 4)
    #expect(rates.factor(from: "PLN", to: "USD") == 0.25)
    let eur = try #require(rates.factor(from: "EUR", to: "PLN"))
    #expect(abs(eur - 4.651_162_8) < 1e-6)  // 4 / 0.86
    #expect(rates != .reference)
    #expect(CurrencyRates.reference.factor(from: "USD", to: "PLN") == 3.66)
  }
}
