import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// `--fx CODE=rate`, repeatable: exchange rates that override the built-in reference table, for
/// the commands that turn prices into the brief's currency (`rank`, `roi`, `shortlist`).
enum ExchangeRateOption {
  static let option = OptionSpec.value(
    "fx", "CODE=rate", repeatable: true,
    help: "Exchange rate override, units of CODE per US dollar (e.g. PLN=3.9).")

  /// The reference rates with every `--fx` override applied.
  /// - Throws: ``UsageError`` naming the entry that is not `CODE=units-per-USD`.
  static func rates(_ arguments: ParsedArguments) throws(UsageError) -> CurrencyRates {
    var rates = CurrencyRates.reference
    for entry in arguments.values(option) {
      let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, parts[0].count == 3,
        case .value(let rate, false) = HumanNumber.parse(parts[1]),
        rate > 0
      else {
        throw UsageError(
          "--fx: '\(entry)' is not CODE=units-per-USD, e.g. PLN=3.9", command: arguments.command)
      }
      rates.unitsPerUSD[parts[0].uppercased()] = rate
    }
    return rates
  }
}
