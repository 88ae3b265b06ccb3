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
    // By key: the keys' dense ids (`ShareKeys`, no `String` hashing per share) index the lists.
    private var countryKeys = ShareKeys()
    private var countries: [SortedSum] = []
    private var countryCount = 0
    private var languageKeys = ShareKeys()
    private var languages: [SortedSum] = []
    private var languageCount = 0
    private var interestKeys = ShareKeys()
    private var interests: [SortedSum] = []
    private var interestCount = 0
    private var topShares = SortedSum()
    private var topCountryKeys = ShareKeys()
    private var topCountries: [Double] = []
    private var partialCount = 0
    private var homeCountryKeys = ShareKeys()
    private var homeCountries: [Double] = []
    private var homeCount = 0

    /// No creator yet.
    package init() {}

    /// Adds `creator`'s country and audience shares.
    package mutating func add(_ creator: borrowing Creator) {
      withUnsafePointer(to: creator) { add($0) }
    }

    /// Adds the country and audience shares of a creator held in place: its fields are read
    /// where they are, as a creator passed whole from an array's storage would be copied (a
    /// retain and a release of each of its strings and arrays, for every creator of a table).
    package mutating func add(_ creator: UnsafePointer<Creator>) {
      if let home = creator.pointee.country {
        homeCountries[homeCountryKeys.id(of: home, growing: &homeCountries, with: 0)] += 1
        homeCount += 1
      }
      if let share = creator.pointee.audience.femaleShare { female.add(share) }
      if let shares = creator.pointee.audience.ageShares {
        for index in ages.indices { ages[index].add(shares[index]) }
      }
      // The distributions are read where they lie, through the pointer: `if let` copied each
      // (a retain and a release of its entries), and `for entry in entries` each entry (its key).
      if creator.pointee.audience.countries?.sharesEstimated == true {
        // Only the top country is named: its share is unknown, so it says which country leads
        // and nothing about the shares.
        Self.forEachEntry(creator.pointee.audience.countries, first: true) { top in
          topCountries[topCountryKeys.id(of: top.pointee.key, growing: &topCountries, with: 0)] +=
            1
          partialCount += 1
        }
      } else if creator.pointee.audience.countries != nil {
        // The largest share, as `map(\.share).max() ?? 0` gives it, without an array.
        var largest = creator.pointee.audience.countries?.entries.first?.share ?? 0
        Self.forEachEntry(creator.pointee.audience.countries) { entry in
          countries[countryKeys.id(of: entry.pointee.key, growing: &countries, with: SortedSum())]
            .add(entry.pointee.share)
          if largest < entry.pointee.share { largest = entry.pointee.share }
        }
        topShares.add(largest)
        countryCount += 1
      }
      if Self.addShares(creator.pointee.audience.languages, keys: &languageKeys, to: &languages) {
        languageCount += 1
      }
      if Self.addShares(creator.pointee.audience.interests, keys: &interestKeys, to: &interests) {
        interestCount += 1
      }
    }

    /// Adds each entry's share of `distribution` to its key's sum; whether there is a
    /// distribution (a creator with one counts toward the dimension's means, even empty).
    @inline(__always)
    private static func addShares(
      _ distribution: Distribution?, keys: inout ShareKeys, to sums: inout [SortedSum]
    ) -> Bool {
      guard distribution != nil else { return false }
      forEachEntry(distribution) { entry in
        sums[keys.id(of: entry.pointee.key, growing: &sums, with: SortedSum())]
          .add(entry.pointee.share)
      }
      return true
    }

    /// Calls `body` with each entry of `distribution` (only the first when `first`), where it
    /// lies in the entries' storage; nothing when `distribution` is `nil`.
    @inline(__always)
    private static func forEachEntry(
      _ distribution: Distribution?, first: Bool = false,
      _ body: (UnsafePointer<Distribution.Entry>) -> Void
    ) {
      distribution?.entries.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for index in buffer.indices {
          body(base + index)
          if first { return }
        }
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
      for (id, key) in other.countryKeys.keys.enumerated() {
        countries[countryKeys.id(of: key, growing: &countries, with: SortedSum())]
          .merge(other.countries[id])
      }
      countryCount += other.countryCount
      for (id, key) in other.languageKeys.keys.enumerated() {
        languages[languageKeys.id(of: key, growing: &languages, with: SortedSum())]
          .merge(other.languages[id])
      }
      languageCount += other.languageCount
      for (id, key) in other.interestKeys.keys.enumerated() {
        interests[interestKeys.id(of: key, growing: &interests, with: SortedSum())]
          .merge(other.interests[id])
      }
      interestCount += other.interestCount
      topShares.merge(other.topShares)
      for (id, key) in other.topCountryKeys.keys.enumerated() {
        topCountries[topCountryKeys.id(of: key, growing: &topCountries, with: 0)] +=
          other.topCountries[id]
      }
      partialCount += other.partialCount
      for (id, key) in other.homeCountryKeys.keys.enumerated() {
        homeCountries[homeCountryKeys.id(of: key, growing: &homeCountries, with: 0)] +=
          other.homeCountries[id]
      }
      homeCount += other.homeCount
    }

    /// The priors of every creator added.
    package func priors() -> AudiencePriors {
      // Each list is summed whole in ascending order by one thread, the lists in parallel, so
      // the sums do not depend on the thread count (sorting a million shares per age bucket
      // with a comparison sort was most of the fit's audience time; see `SortedSum`).
      let all = [female, topShares] + ages + countries + languages + interests
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
      // Keys are told apart by their bytes, but `String` keys that are canonically equivalent
      // ("café" written precomposed and decomposed) are one key of the priors: their means
      // add up (the sum of both keys' shares over the same count) instead of one replacing the
      // other. A key met once gets its mean exactly (0 + mean).
      func means(_ keys: ShareKeys, _ count: Int) -> [String: Double] {
        var means: [String: Double] = [:]
        for key in keys.keys { means[key, default: 0] += take() / Double(max(count, 1)) }
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
      for (id, key) in topCountryKeys.keys.enumerated() {
        priors.topCountries[key, default: 0] += topCountries[id] / Double(max(partialCount, 1))
      }
      for (id, key) in homeCountryKeys.keys.enumerated() {
        priors.homeCountries[key, default: 0] += homeCountries[id] / Double(max(homeCount, 1))
      }
      return priors
    }
  }
}

/// Dense ids for the keys of audience shares (country and language codes, interest labels), in
/// order of first appearance: a key of up to 15 UTF-8 bytes is looked up by its bytes packed in
/// an integer, in a small open-addressing table, instead of hashing a `String` per share (the
/// dictionaries' hashing was about a third of the priors' time); longer keys use a dictionary.
struct ShareKeys: Sendable {
  /// The keys by id.
  private(set) var keys: [String] = []
  /// Slots of the packed keys' table: an id + 1, or 0 when empty. The count is a power of two.
  private var slots = [Int32](repeating: 0, count: 64)
  /// Each id's packed key (0 for a key too long to pack).
  private var packed: [UInt128] = []
  private var long: [String: Int] = [:]

  /// The id of `key`; a new key gets the next id, and `values` grows by `initial` to hold it.
  @inline(__always)
  mutating func id<Value>(of key: String, growing values: inout [Value], with initial: Value)
    -> Int
  {
    let id = self.id(of: key)
    if id == values.count { values.append(initial) }
    return id
  }

  /// The id of `key`, the next one when it is new.
  mutating func id(of key: String) -> Int {
    guard let code = Self.pack(key) else {
      if let id = long[key] { return id }
      long[key] = keys.count
      packed.append(0)
      keys.append(key)
      return keys.count - 1
    }
    let mask = slots.count - 1
    var slot = Self.slot(code, mask: mask)
    while slots[slot] != 0 {
      let id = Int(slots[slot] - 1)
      if packed[id] == code { return id }
      slot = (slot + 1) & mask
    }
    let id = keys.count
    slots[slot] = Int32(id + 1)
    packed.append(code)
    keys.append(key)
    if keys.count * 2 > slots.count { grow() }
    return id
  }

  /// The key's UTF-8 bytes and length in one integer (never 0), or `nil` past 15 bytes.
  @inline(__always)
  static func pack(_ key: String) -> UInt128? {
    // Read in place (`withUTF8` alone copied the key: a retain and a release per share added).
    key.withUTF8Bytes(pack(bytes:))
  }

  /// ``pack(_:)`` of a key's UTF-8 bytes.
  @inline(__always)
  private static func pack(bytes: UnsafeBufferPointer<UInt8>) -> UInt128? {
    // A short string's bytes are inline: no copy of them to the heap, nor a loop over its UTF-8
    // view. They are shifted into place rather than copied into the integer's memory, whose
    // read-back after a `memcpy` stalled the lookup (a third of its time).
    guard bytes.count <= 15 else { return nil }
    var low: UInt64 = 0
    var high: UInt64 = 0
    for index in 0..<min(8, bytes.count) {
      low |= UInt64(bytes[index]) &<< (8 &* UInt64(index))
    }
    for index in min(8, bytes.count)..<bytes.count {
      high |= UInt64(bytes[index]) &<< (8 &* UInt64(index &- 8))
    }
    return UInt128(low) | UInt128(high) << 64 | UInt128(bytes.count + 1) << 120
  }

  @inline(__always)
  private static func slot(_ code: UInt128, mask: Int) -> Int {
    let mixed =
      (UInt64(truncatingIfNeeded: code) ^ UInt64(truncatingIfNeeded: code >> 64) &* 31)
      &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: mixed >> 32) & mask
  }

  private mutating func grow() {
    slots = [Int32](repeating: 0, count: slots.count * 2)
    let mask = slots.count - 1
    for (id, code) in packed.enumerated() where code != 0 {
      var slot = Self.slot(code, mask: mask)
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id + 1)
    }
  }
}
