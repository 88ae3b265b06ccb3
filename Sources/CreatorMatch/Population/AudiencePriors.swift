/// Population averages of each audience dimension, used when a creator has no data for a
/// dimension (<doc:Formulas#Missing-audience-data>). Averages are over the creators that have
/// the dimension.
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

  /// Averages over `creators`. Values are summed in sorted order, so the priors do not depend
  /// on the row order of the table.
  public static func fit(_ creators: [Creator]) -> AudiencePriors {
    var female: [Double] = []
    var ages = Array(repeating: [Double](), count: AgeBucket.allCases.count)
    var countries: [String: [Double]] = [:]
    var countryCount = 0
    var languages: [String: [Double]] = [:]
    var languageCount = 0
    var interests: [String: [Double]] = [:]
    var interestCount = 0
    for creator in creators {
      let audience = creator.audience
      if let share = audience.femaleShare { female.append(share) }
      if let shares = audience.ageShares {
        for index in ages.indices { ages[index].append(shares[index]) }
      }
      if let distribution = audience.countries {
        for entry in distribution.entries { countries[entry.key, default: []].append(entry.share) }
        countryCount += 1
      }
      if let distribution = audience.languages {
        for entry in distribution.entries { languages[entry.key, default: []].append(entry.share) }
        languageCount += 1
      }
      if let distribution = audience.interests {
        for entry in distribution.entries { interests[entry.key, default: []].append(entry.share) }
        interestCount += 1
      }
    }
    func sum(_ values: [Double]) -> Double { values.sorted().reduce(0, +) }
    func means(_ table: [String: [Double]], _ count: Int) -> [String: Double] {
      table.mapValues { sum($0) / Double(max(count, 1)) }
    }
    let neutral = AudiencePriors.neutral
    let ageCount = ages[0].count
    return AudiencePriors(
      femaleShare: female.isEmpty ? neutral.femaleShare : sum(female) / Double(female.count),
      ageShares: ageCount > 0 ? ages.map { sum($0) / Double(ageCount) } : neutral.ageShares,
      countries: means(countries, countryCount), languages: means(languages, languageCount),
      interests: means(interests, interestCount),
      counts: [female.count, ageCount, countryCount, languageCount, interestCount])
  }
}
