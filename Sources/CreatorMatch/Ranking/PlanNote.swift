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
  /// No creator in the population has data for a targeted audience dimension (gender, age or
  /// interest): it counts as fully on target for everyone.
  case audienceDimensionWithoutData(AudienceDimension)
  /// No creator has a full audience country distribution: the target share is estimated from
  /// the named source (with the top country's share when it is top countries).
  case countryShareEstimated(from: AudiencePriors.CountrySource, topShare: Double)
  /// No creator has audience language data: languages are estimated from the creator's own
  /// language, or the documented share per language.
  case languageShareEstimated(perLanguage: Double)
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
  /// Overlap has weight but there is no brand audience to compare with (the brief names none,
  /// or names one without sketches loaded), so overlap is left out of the score.
  case overlapWithoutBrandAudience(BrandAudienceAbsence)
  /// The brand audience (its id) is loaded and scores overlap as the goal reads it; creators
  /// without a sketch are ranked at ``BriefPlan/overlapEstimate``.
  case overlapScored(brand: String, meaning: OverlapMeaning)
  /// The niche query was expanded from the table (pseudo-relevance feedback): the added terms
  /// and their weights in the final query, highest first.
  case nicheExpanded(terms: [String], weights: [Double])
}

/// Why a brief's overlap component has no brand audience.
public enum BrandAudienceAbsence: Sendable, Equatable {
  /// The brief names no `audience.brand_audience`.
  case notNamed
  /// The brief names one (its id) but no sketch file was loaded (`--sketches`).
  case noSketches(String)
  /// The brand audience (its id) is loaded but the sketch file holds no other audience.
  case noSketchedCreators(String)
}

/// An audience dimension a brief can target.
public enum AudienceDimension: String, Sendable, Equatable {
  /// Gender.
  case gender
  /// Age buckets.
  case age
  /// Interests.
  case interest
}
