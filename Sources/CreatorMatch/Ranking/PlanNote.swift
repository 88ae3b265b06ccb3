/// A fact about how a brief was compiled that the output reports: a component left out of the
/// score, a brief term that matches nothing, a default assumed.
///
/// The core states the fact with its values (terms, counts, currency codes, default rates);
/// CreatorMatchIO puts it into words, so the core carries no English sentences.
public enum PlanNote: Sendable, Equatable {
  /// Value has weight but the brief has no economics, so value is left out of the score.
  case valueWithoutEconomics
  /// Niche has weight but the brief has no keywords or categories, so niche is left out.
  case nicheWithoutQuery
  /// Audience has weight but the brief targets no audience, so audience is left out.
  case audienceWithoutTarget
  /// No weighted component has input; the score falls back to engagement and authenticity.
  case noWeightedInput
  /// A niche keyword, as written, that has no indexable words; it is ignored.
  case keywordWithoutWords(String)
  /// A niche category, as written, that is not in the built-in taxonomy; its words are used as
  /// keywords.
  case categoryNotInTaxonomy(String)
  /// Keyword tokens that no creator's text contains, each once, in the brief's order.
  case keywordTokensUnused([String])
  /// An audience plan note. `AudiencePlan` still words its notes itself; this case carries them
  /// through unchanged until it has typed notes of its own.
  case audience(String)
  /// The brief gives no click-through rate; the associated default (a fraction) is used.
  case defaultClickThroughRate(Double)
  /// The brief gives no conversion rate; the associated default (a fraction) is used.
  case defaultConversionRate(Double)
  /// No exchange rate from USD to the brief's currency (its code), so estimated prices assume
  /// 1 USD = 1 unit of it.
  case missingExchangeRate(currency: String)
  /// An `exclude_categories` label, as written, that is not in the built-in taxonomy; it is
  /// ignored.
  case excludedCategoryNotInTaxonomy(String)
  /// How many of the brief's `exclude_ids` are not in the creator table.
  case excludedIDsNotInTable(Int)
}
