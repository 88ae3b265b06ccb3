/// Population averages of each audience dimension, used when a creator has no data for a
/// dimension (DESIGN §4). Averages are over the creators that have the dimension.
public struct AudiencePriors: Sendable, Equatable {
  /// Mean female share.
  public var femaleShare: Double
  /// Mean share per age bucket.
  public var ageShares: [Double]
  /// Mean share per country code.
  public var countries: [String: Double]
  /// Mean share per language code.
  public var languages: [String: Double]
  /// Mean share per interest.
  public var interests: [String: Double]
  /// How many creators each dimension was averaged over: gender, age, country, language, interest.
  public var counts: [Int]

  /// Creates priors.
  public init(
    femaleShare: Double, ageShares: [Double], countries: [String: Double],
    languages: [String: Double], interests: [String: Double], counts: [Int]
  ) {
    self.femaleShare = femaleShare
    self.ageShares = ageShares
    self.countries = countries
    self.languages = languages
    self.interests = interests
    self.counts = counts
  }

  /// Neutral priors for a population without audience data: half female, ages spread as a
  /// typical social audience, no country, language or interest mass.
  public static let neutral = AudiencePriors(
    femaleShare: 0.5, ageShares: [0.08, 0.30, 0.32, 0.17, 0.08, 0.05], countries: [:],
    languages: [:], interests: [:], counts: [0, 0, 0, 0, 0])

  /// Averages over `creators`.
  public static func fit(_ creators: [Creator]) -> AudiencePriors {
    var female = 0.0
    var femaleCount = 0
    var ages = Array(repeating: 0.0, count: AgeBucket.allCases.count)
    var ageCount = 0
    var countries: [String: Double] = [:]
    var countryCount = 0
    var languages: [String: Double] = [:]
    var languageCount = 0
    var interests: [String: Double] = [:]
    var interestCount = 0
    for creator in creators {
      let audience = creator.audience
      if let share = audience.femaleShare {
        female += share
        femaleCount += 1
      }
      if let shares = audience.ageShares {
        for index in ages.indices { ages[index] += shares[index] }
        ageCount += 1
      }
      if let distribution = audience.countries {
        for entry in distribution.entries { countries[entry.key, default: 0] += entry.share }
        countryCount += 1
      }
      if let distribution = audience.languages {
        for entry in distribution.entries { languages[entry.key, default: 0] += entry.share }
        languageCount += 1
      }
      if let distribution = audience.interests {
        for entry in distribution.entries { interests[entry.key, default: 0] += entry.share }
        interestCount += 1
      }
    }
    let neutral = AudiencePriors.neutral
    return AudiencePriors(
      femaleShare: femaleCount > 0 ? female / Double(femaleCount) : neutral.femaleShare,
      ageShares: ageCount > 0 ? ages.map { $0 / Double(ageCount) } : neutral.ageShares,
      countries: countries.mapValues { $0 / Double(max(countryCount, 1)) },
      languages: languages.mapValues { $0 / Double(max(languageCount, 1)) },
      interests: interests.mapValues { $0 / Double(max(interestCount, 1)) },
      counts: [femaleCount, ageCount, countryCount, languageCount, interestCount])
  }
}
