import CreatorMatchSupport

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
  /// The share of its audience a creator's largest audience country holds: the mean over
  /// creators with full country distributions, or ``defaultTopCountryShare`` when fewer than
  /// ``minimumForTopShare`` have one. Used for a country column that names only the top country.
  public var topCountryShare: Double = AudiencePriors.defaultTopCountryShare
  /// Per country, the fraction of creators with only a top audience country (no shares) whose top
  /// country it is.
  public var topCountries: [String: Double] = [:]
  /// Per country, the fraction of creators with a known home country (their own, not their
  /// audience's) based there.
  public var homeCountries: [String: Double] = [:]

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
    languages: [:], interests: [:], counts: [0, 0, 0, 0, 0, 0, 0])

  /// The top country's share assumed when too few creators have full country distributions to
  /// measure it: half the audience. A single named audience country is the largest, so it holds
  /// at least a 1/k share of k countries; national creators usually hold more at home, creators
  /// with a global audience less. One half is the deliberately middle assumption, marked partial
  /// wherever it is used and replaced by the table's own figure when it has one.
  public static let defaultTopCountryShare = 0.5
  /// Full country distributions needed to measure ``topCountryShare`` from the table.
  public static let minimumForTopShare = 10
  /// The share of its audience assumed in each target country when no creator of the table has
  /// any country information (audience, top audience country or home): 5%, an audience spread
  /// over some twenty countries. Documented rather than 1, so that a creator never looks on
  /// target for lack of data.
  public static let uninformedCountryShare = 0.05

  /// Where a country prior came from, weakest last.
  public enum CountrySource: Sendable, Equatable {
    /// Mean share over creators with full audience distributions.
    case audienceDistributions
    /// Top audience countries' frequencies × ``topCountryShare``.
    case topCountries
    /// Home countries' frequencies × the home share.
    case homeCountries
    /// No creator has country information: ``uninformedCountryShare`` per target country.
    case uninformed
  }

  /// The population's expected audience share in `countries` for a creator without country
  /// data, with where it came from: the mean over full distributions when the table has any,
  /// else the frequency of each country as a top audience country × ``topCountryShare``, else as
  /// a home country × `homeShare`, else ``uninformedCountryShare`` per country. Capped at 1.
  ///
  /// - Parameters:
  ///   - countries: The target countries (ISO 3166-1 alpha-2).
  ///   - homeShare: The share of an audience assumed in the creator's home country.
  /// - Returns: The expected share and its source.
  public func countryPrior(_ countries: [String], homeShare: Double) -> (
    share: Double, source: CountrySource
  ) {
    func total(_ table: [String: Double]) -> Double {
      countries.reduce(0) { $0 + (table[$1] ?? 0) }
    }
    if counts[2] > 0 { return (min(1, total(self.countries)), .audienceDistributions) }
    if counts[5] > 0 { return (min(1, total(topCountries) * topCountryShare), .topCountries) }
    if counts[6] > 0 { return (min(1, total(homeCountries) * homeShare), .homeCountries) }
    return (min(1, Double(countries.count) * Self.uninformedCountryShare), .uninformed)
  }

  /// Averages over `creators`. Values are summed in sorted order, so the priors do not depend
  /// on the row order of the table.
  public static func fit(_ creators: [Creator]) -> AudiencePriors {
    var shares = Shares()
    for creator in creators { shares.add(creator) }
    return shares.priors()
  }

  /// The shares ``fit(_:)`` averages, collected a creator at a time, so that a reader can add
  /// each creator as it is read and then drop its audience.
  package struct Shares: Sendable {
    // Each list of shares is summed in ascending order; a `SortedSum` keeps counts of its
    // distinct values (shares in files have two or three decimals) rather than every share.
    private var female = SortedSum()
    private var ages = Array(repeating: SortedSum(), count: AgeBucket.allCases.count)
    private var countries: [String: SortedSum] = [:]
    private var countryCount = 0
    private var languages: [String: SortedSum] = [:]
    private var languageCount = 0
    private var interests: [String: SortedSum] = [:]
    private var interestCount = 0
    private var topShares = SortedSum()
    private var topCountries: [String: Double] = [:]
    private var partialCount = 0
    private var homeCountries: [String: Double] = [:]
    private var homeCount = 0

    /// No creator yet.
    package init() {}

    /// Adds `creator`'s country and audience shares.
    package mutating func add(_ creator: Creator) {
      if let home = creator.country {
        homeCountries[home, default: 0] += 1
        homeCount += 1
      }
      let audience = creator.audience
      if let share = audience.femaleShare { female.add(share) }
      if let shares = audience.ageShares {
        for index in ages.indices { ages[index].add(shares[index]) }
      }
      if let distribution = audience.countries {
        if distribution.sharesEstimated {
          // Only the top country is named: its share is unknown, so it says which country leads
          // and nothing about the shares.
          if let top = distribution.entries.first {
            topCountries[top.key, default: 0] += 1
            partialCount += 1
          }
        } else {
          for entry in distribution.entries {
            countries[entry.key, default: SortedSum()].add(entry.share)
          }
          topShares.add(distribution.entries.map(\.share).max() ?? 0)
          countryCount += 1
        }
      }
      if let distribution = audience.languages {
        for entry in distribution.entries {
          languages[entry.key, default: SortedSum()].add(entry.share)
        }
        languageCount += 1
      }
      if let distribution = audience.interests {
        for entry in distribution.entries {
          interests[entry.key, default: SortedSum()].add(entry.share)
        }
        interestCount += 1
      }
    }

    /// Adds the shares of `other`, creators collected apart (a block read on another thread).
    /// The priors do not depend on how the creators were split, nor in which order the parts
    /// are merged: every list is summed in sorted order, and the counts are whole numbers.
    ///
    /// - Parameter other: The shares of other creators.
    /// - Complexity: O(the shares in `other`).
    package mutating func merge(_ other: Shares) {
      female.merge(other.female)
      for index in ages.indices { ages[index].merge(other.ages[index]) }
      for (key, list) in other.countries { countries[key, default: SortedSum()].merge(list) }
      countryCount += other.countryCount
      for (key, list) in other.languages { languages[key, default: SortedSum()].merge(list) }
      languageCount += other.languageCount
      for (key, list) in other.interests { interests[key, default: SortedSum()].merge(list) }
      interestCount += other.interestCount
      topShares.merge(other.topShares)
      for (key, count) in other.topCountries { topCountries[key, default: 0] += count }
      partialCount += other.partialCount
      for (key, count) in other.homeCountries { homeCountries[key, default: 0] += count }
      homeCount += other.homeCount
    }

    /// The priors of every creator added.
    package func priors() -> AudiencePriors {
      // Each list is summed whole in ascending order by one thread, the lists in parallel, so
      // the sums do not depend on the thread count (sorting a million shares per age bucket
      // with a comparison sort was most of the fit's audience time; see `SortedSum`).
      let countryKeys = Array(countries.keys)
      let languageKeys = Array(languages.keys)
      let interestKeys = Array(interests.keys)
      var lists = [female, topShares] + ages
      lists += countryKeys.map { countries[$0] ?? SortedSum() }
      lists += languageKeys.map { languages[$0] ?? SortedSum() }
      lists += interestKeys.map { interests[$0] ?? SortedSum() }
      let all = lists
      let sums = ParallelBlocks(count: all.count, blockSize: 1).map(
        threads: ParallelBlocks.threadCount(nil)
      ) { range in range.map { all[$0].sum() } }.flatMap { $0 }
      var next = 0
      func take() -> Double {
        next += 1
        return sums[next - 1]
      }
      let femaleSum = take()
      let topSum = take()
      let ageSums = ages.map { _ in take() }
      func means(_ keys: [String], _ count: Int) -> [String: Double] {
        var means: [String: Double] = [:]
        for key in keys { means[key] = take() / Double(max(count, 1)) }
        return means
      }
      let countryMeans = means(countryKeys, countryCount)
      let languageMeans = means(languageKeys, languageCount)
      let interestMeans = means(interestKeys, interestCount)
      let neutral = AudiencePriors.neutral
      let ageCount = ages[0].count
      var priors = AudiencePriors(
        femaleShare: female.count == 0 ? neutral.femaleShare : femaleSum / Double(female.count),
        ageShares: ageCount > 0 ? ageSums.map { $0 / Double(ageCount) } : neutral.ageShares,
        countries: countryMeans, languages: languageMeans, interests: interestMeans,
        counts: [
          female.count, ageCount, countryCount, languageCount, interestCount, partialCount,
          homeCount,
        ])
      if topShares.count >= AudiencePriors.minimumForTopShare {
        priors.topCountryShare = topSum / Double(topShares.count)
      }
      priors.topCountries = topCountries.mapValues { $0 / Double(max(partialCount, 1)) }
      priors.homeCountries = homeCountries.mapValues { $0 / Double(max(homeCount, 1)) }
      return priors
    }
  }
}
