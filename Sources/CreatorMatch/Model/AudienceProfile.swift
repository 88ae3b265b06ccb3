/// Who follows a creator: shares by gender, age, country, language and interest, as measured by
/// the platform or an analytics provider. Every dimension is optional; a missing one is filled
/// from population priors when scoring and the result is marked estimated.
public struct AudienceProfile: Sendable, Equatable {
  /// Share of the audience that is female, 0–1.
  @PackedOptional public var femaleShare: Double?
  /// Shares by ``AgeBucket``, indexed by its raw value; `nil` when no bucket was given.
  public var ageShares: [Double]?
  /// Shares by country (ISO 3166-1 alpha-2, upper case).
  public var countries: Distribution?
  /// Shares by language (ISO 639-1, lower case).
  public var languages: Distribution?
  /// Shares by interest label (lower case); may sum past 1.
  public var interests: Distribution?
  /// Share of real (non-bot, non-mass-follower) accounts, 0–1, when a provider measured it.
  @PackedOptional public var realShare: Double?

  /// Creates a profile; every dimension defaults to unknown.
  public init(
    femaleShare: Double? = nil, ageShares: [Double]? = nil, countries: Distribution? = nil,
    languages: Distribution? = nil, interests: Distribution? = nil, realShare: Double? = nil
  ) {
    self.femaleShare = femaleShare
    self.ageShares = ageShares
    self.countries = countries
    self.languages = languages
    self.interests = interests
    self.realShare = realShare
  }
}
