import CreatorMatch
import Foundation

extension PlanNote {
  /// The note in words, as the summaries, JSON output and batch summary files print it after
  /// `note: `.
  public var text: String {
    switch self {
    case .valueWithoutEconomics:
      return "value left out of the score: the brief has no economics"
    case .nicheExpanded(let terms, let weights):
      return "niche expanded with: "
        + zip(terms, weights).map { "\($0) (\(String(format: "%.3f", $1)))" }.joined(
          separator: ", ")
    case .nicheWithoutQuery:
      return "niche left out of the score: the brief has no keywords or categories"
    case .audienceWithoutTarget:
      return "audience left out of the score: the brief targets no audience"
    case .noWeightedInput:
      return "no weighted component has input; scoring on engagement and authenticity"
    case .keywordWithoutWords(let keyword):
      return "keyword \"\(keyword)\" has no indexable words and is ignored"
    case .categoryNotInTaxonomy(let category):
      return "category \"\(category)\" is not in the built-in taxonomy; its words are used as "
        + "keywords"
    case .keywordTokensUnused(let tokens):
      return "no creator's text contains " + tokens.map { "\"\($0)\"" }.joined(separator: ", ")
    case .audienceDimensionWithoutData(let dimension):
      return "no creator in the population has audience \(dimension.rawValue) data: not scored "
        + "(counts as fully on target)"
    case .countryShareEstimated(let source, let topShare):
      let from: String
      switch source {
      case .audienceDistributions: from = "audience distributions"
      case .topCountries:
        from = "top audience countries (the top one holding \(Self.percent(topShare)))"
      case .homeCountries: from = "home countries (60% at home)"
      case .uninformed:
        from = "nothing: \(Self.percent(AudiencePriors.uninformedCountryShare)) per target country"
      }
      return "no creator has a full audience country distribution: target share estimated from "
        + from + "; estimates rank by their lower bound"
    case .languageShareEstimated(let share):
      return "no creator in the population has audience language data: estimated from the "
        + "creator's own language where known (60% at home), otherwise \(Self.percent(share)) "
        + "per target language"
    case .defaultClickThroughRate(let rate):
      return "CTR not in the brief: default \(Self.percent(rate)) used"
    case .defaultConversionRate(let rate):
      return "CVR not in the brief: default \(Self.percent(rate)) used"
    case .missingExchangeRate(let currency):
      return "no exchange rate for \(currency): estimated prices assume 1 USD = 1 \(currency); "
        + "pass --fx \(currency)=RATE"
    case .excludedCategoryNotInTaxonomy(let label):
      return "excluded category \"\(label)\" is not in the built-in taxonomy and is ignored"
    case .excludedIDsNotInTable(let count):
      return "\(count) of the brief's exclude_ids are not in the creator table"
    case .overlapWithoutBrandAudience(.notNamed):
      return "overlap left out of the score: the brief names no audience.brand_audience"
    case .overlapWithoutBrandAudience(.noSketches(let brand)):
      return "overlap left out of the score: brand audience \"\(brand)\" needs --sketches"
    case .overlapWithoutBrandAudience(.noSketchedCreators(let brand)):
      return "overlap left out of the score: the sketch file holds no creator audience to "
        + "compare with brand audience \"\(brand)\""
    case .overlapScored(let brand, let meaning):
      let reading =
        meaning == .newToBrand
        ? "new-to-brand share (awareness)" : "affinity with diminishing returns"
      return "overlap with brand audience \"\(brand)\" scores the \(reading); creators "
        + "without a sketch get the sketched mean at its lower bound"
    }
  }

  /// A fraction as a percent without trailing zeros (0.009 → `0.9%`, 0.02 → `2%`), the way
  /// defaults are quoted.
  static func percent(_ fraction: Double) -> String { number(fraction * 100) + "%" }

  /// A number with up to four decimals and no trailing zeros (1 → `1`, 0.25 → `0.25`).
  static func number(_ value: Double) -> String {
    var text = String(format: "%.4f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}

extension ForecastAssumption {
  /// The input's name ("click-through rate").
  public var label: String {
    switch input {
    case .averageOrderValue: return "average order value"
    case .grossMargin: return "gross margin"
    case .clickThroughRate: return "click-through rate"
    case .conversionRate: return "conversion rate"
    case .reachRate: return "reach rate"
    case .repeatPurchases: return "repeat purchases"
    case .postsPerCreator: return "posts per creator"
    }
  }

  /// Where the value came from, in words ("brief", "default 0.9%", "brief or 1"); rates are
  /// quoted as percents, counts as numbers.
  public var sourceText: String {
    let isRate = input == .clickThroughRate || input == .conversionRate || input == .reachRate
    func quote(_ value: Double) -> String {
      isRate ? PlanNote.percent(value) : PlanNote.number(value)
    }
    switch source {
    case .brief: return "brief"
    case .defaultValue(let value): return "default " + quote(value)
    case .defaultByFollowers: return "default by followers"
    case .briefOrDefault(let value): return "brief or " + quote(value)
    }
  }
}
