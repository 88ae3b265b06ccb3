import CreatorMatchSupport
import Foundation

/// "More creators like these": every creator of a table scored by its similarity to a seed set
/// (<doc:AudienceOverlap#Lookalikes>).
///
/// Four components, each 0–1, combined as a weighted mean whose terms are the contributions shown:
///
/// - **niche**: the cosine between the creator's TF-IDF text vector (the table's niche index) and
///   the centroid of the seeds' vectors;
/// - **audience**: 1 − the total variation distance between the creator's audience and the seeds'
///   mean, averaged over the dimensions both have (gender, age, geography = the smaller of the
///   country and language closeness, interests; shares a profile leaves out count as one "other"
///   share);
/// - **size**: 1 − |log₁₀ followers − mean log₁₀ followers of the seeds| / 2 (0 at 100× apart);
/// - **overlap** (with sketches): the mean over seeds of the share of the smaller audience that
///   the two share (exact sets exact, else the Jaccard combination of `overlap`).
///
/// Weights 0.35, 0.35, 0.10 and 0.20; a component no seed has data for is left out and the
/// others renormalized. A creator without data for a component gets 0 for it (never more than a
/// creator with data that differs). Seeds are not ranked.
///
/// ```swift
/// let search = Lookalike(table: table)
/// let result = search.similar(to: [3, 17, 42], top: 20)
/// result.rows.first?.similarity
/// ```
/// - Complexity: O(n · (dimensions + seeds)) plus the postings of the seeds' terms (and the seed
///   overlaps of every sketched creator).
public struct Lookalike: Sendable {
  /// The components of a similarity.
  public enum Component: String, Sendable, CaseIterable {
    /// Niche text.
    case niche
    /// Audience profile.
    case audience
    /// Size band.
    case size
    /// Follower overlap.
    case overlap

    /// The default weight.
    public var weight: Double {
      switch self {
      case .niche: 0.35
      case .audience: 0.35
      case .size: 0.10
      case .overlap: 0.20
      }
    }
  }

  /// One similar creator.
  public struct Row: Sendable, Equatable {
    /// 1-based rank.
    public var rank: Int
    /// Table row.
    public var row: Int
    /// Creator id.
    public var id: String
    /// Handle, if known.
    public var handle: String?
    /// Followers.
    public var followers: Double
    /// The similarity, 0–1: the sum of the contributions.
    public var similarity: Double
    /// Per component, its score (`nil`: the creator has no data for it, or it is left out).
    public var scores: [Component: Double]
    /// Per component, weight × score / total weight.
    public var contributions: [Component: Double]
  }

  /// The result of a search.
  public struct Result: Sendable {
    /// The most similar creators, best first.
    public var rows: [Row]
    /// The weights used (0 for a component left out), summing to 1.
    public var weights: [Component: Double]
    /// The seed set's strongest niche terms, by centroid weight (at most 8).
    public var seedTerms: [String]
    /// Creators compared (eligible, seeds excluded).
    public var compared: Int
  }

  /// The table searched.
  public let table: CreatorTable

  /// Creates a search over `table`.
  public init(table: CreatorTable) { self.table = table }

  /// The creators most similar to the seed rows.
  ///
  /// - Parameters:
  ///   - seeds: Table rows of the seed creators (duplicates ignored).
  ///   - top: How many to return.
  ///   - sketches: Follower sketches, for the overlap component.
  ///   - eligible: Whether a row may be returned (a brief's constraints); every row by default.
  /// - Returns: The most similar creators with each component's contribution.
  public func similar(
    to seeds: [Int], top: Int, sketches: SketchSet? = nil, eligible: (Int) -> Bool = { _ in true }
  ) -> Result {
    let seedRows = Array(Set(seeds)).sorted()
    let seedSet = Set(seedRows)
    let niche = nicheScores(seeds: seedRows)
    let profile = SeedProfile(table: table, seeds: seedRows)
    let meanLogFollowers =
      seedRows.map { log10(max(table.followers[$0], 1)) }.reduce(0, +)
      / Double(max(seedRows.count, 1))
    let seedPositions =
      sketches.map { set in seedRows.compactMap { set.position(of: table.ids[$0]) } } ?? []
    var weights: [Component: Double] = [:]
    weights[.niche] = niche.scores.isEmpty ? 0 : Component.niche.weight
    weights[.audience] = profile.isEmpty ? 0 : Component.audience.weight
    weights[.size] = Component.size.weight
    weights[.overlap] = seedPositions.isEmpty ? 0 : Component.overlap.weight
    let total = weights.values.reduce(0, +)
    for key in weights.keys { weights[key] = (weights[key] ?? 0) / total }
    var candidates: [Row] = []
    var compared = 0
    for row in 0..<table.count where !seedSet.contains(row) && eligible(row) {
      compared += 1
      var scores: [Component: Double] = [:]
      if !niche.scores.isEmpty { scores[.niche] = niche.scores[row] }
      if !profile.isEmpty { scores[.audience] = profile.similarity(row, table: table) }
      scores[.size] = max(0, 1 - abs(log10(max(table.followers[row], 1)) - meanLogFollowers) / 2)
      if let sketches, !seedPositions.isEmpty, let position = sketches.position(of: table.ids[row])
      {
        var sum = 0.0
        for seed in seedPositions { sum += sketches.overlap(at: position, seed).shareOfSmaller }
        scores[.overlap] = sum / Double(seedPositions.count)
      }
      var contributions: [Component: Double] = [:]
      var similarity = 0.0
      for component in Component.allCases {
        let weight = weights[component] ?? 0
        guard weight > 0 else { continue }
        let contribution = weight * (scores[component] ?? 0)
        contributions[component] = contribution
        similarity += contribution
      }
      candidates.append(
        Row(
          rank: 0, row: row, id: table.ids[row], handle: table.handles[row],
          followers: table.followers[row], similarity: similarity, scores: scores,
          contributions: contributions))
    }
    candidates.sort {
      $0.similarity != $1.similarity
        ? $0.similarity > $1.similarity : ByteOrder.precedes($0.id, $1.id)
    }
    var rows = Array(candidates.prefix(max(0, top)))
    for index in rows.indices { rows[index].rank = index + 1 }
    return Result(rows: rows, weights: weights, seedTerms: niche.topTerms, compared: compared)
  }

  /// The cosine of every row's text vector with the seeds' centroid (empty when the seeds have
  /// no text), and the centroid's strongest terms.
  func nicheScores(seeds: [Int]) -> (scores: [Double], topTerms: [String]) {
    let postings = table.postings
    var centroid: [(term: Int, weight: Double)] = []
    for term in 0..<(postings.offsets.count - 1) {
      var sum = 0.0
      for seed in seeds { sum += Double(postings.weight(ofTerm: term, row: seed)) }
      if sum > 0 { centroid.append((term, sum / Double(seeds.count))) }
    }
    let norm = centroid.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
    guard norm > 0 else { return ([], []) }
    var scores = Array(repeating: 0.0, count: table.count)
    for (term, weight) in centroid {
      let scaled = weight / norm
      for index in postings.offsets[term]..<postings.offsets[term + 1] {
        // Past the last row only in a damaged snapshot (see `Postings`): skipped.
        let row = Int(postings.rows[index])
        guard row < scores.count else { continue }
        scores[row] += scaled * Double(postings.weights[index])
      }
    }
    let top = centroid.sorted {
      $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term
    }.prefix(8).map { table.terms[$0.term] }
    return (scores.map { min(max($0, 0), 1) }, top)
  }
}

/// The seeds' mean audience distributions, each over the seeds that have the dimension.
package struct SeedProfile {
  var female: Double?
  var ages: [Double]?
  var countries: [UInt16: Double]?
  var languages: [UInt16: Double]?
  var interests: [UInt16: Double]?

  var isEmpty: Bool {
    female == nil && ages == nil && countries == nil && languages == nil && interests == nil
  }

  init(table: CreatorTable, seeds: [Int]) {
    let females = seeds.map { table.femaleShares[$0] }.filter { !$0.isNaN }.map(Double.init)
    female = females.isEmpty ? nil : females.reduce(0, +) / Double(females.count)
    let buckets = AgeBucket.allCases.count
    let aged = seeds.filter { !table.ageShare($0, bucket: 0).isNaN }
    if !aged.isEmpty {
      ages = (0..<buckets).map { bucket in
        aged.map { Double(table.ageShare($0, bucket: bucket)) }.reduce(0, +) / Double(aged.count)
      }
    }
    countries = Self.mean(table.audienceCountries, seeds)
    languages = Self.mean(table.audienceLanguages, seeds)
    interests = Self.mean(table.audienceInterests, seeds)
  }

  static func mean(_ shares: SparseShares, _ seeds: [Int]) -> [UInt16: Double]? {
    let having = seeds.filter { shares.hasEntries($0) }
    guard !having.isEmpty else { return nil }
    var sum: [UInt16: Double] = [:]
    for seed in having {
      for (key, share) in shares.entries(of: seed) { sum[key, default: 0] += Double(share) }
    }
    return sum.mapValues { $0 / Double(having.count) }
  }

  /// 1 − total variation distance, where the remainder of each distribution to 1 is one more
  /// "other" share.
  ///
  /// - Parameters:
  ///   - mine: A creator's shares by key.
  ///   - seeds: The seeds' mean shares by key.
  /// - Returns: The closeness, 0–1.
  package static func closeness(_ mine: [UInt16: Double], _ seeds: [UInt16: Double]) -> Double {
    var distance = 0.0
    for key in Set(mine.keys).union(seeds.keys) {
      distance += abs((mine[key] ?? 0) - (seeds[key] ?? 0))
    }
    let restMine = max(0, 1 - mine.values.reduce(0, +))
    let restSeeds = max(0, 1 - seeds.values.reduce(0, +))
    distance += abs(restMine - restSeeds)
    return min(max(1 - distance / 2, 0), 1)
  }

  /// The mean closeness over the dimensions both the row and the seeds have (gender, age,
  /// geography = min(countries, languages), interests); 0 when none.
  func similarity(_ row: Int, table: CreatorTable) -> Double {
    var sum = 0.0
    var count = 0
    if let female, !table.femaleShares[row].isNaN {
      sum += 1 - abs(Double(table.femaleShares[row]) - female)
      count += 1
    }
    if let ages, !table.ageShare(row, bucket: 0).isNaN {
      var distance = 0.0
      for (bucket, share) in ages.enumerated() {
        distance += abs(Double(table.ageShare(row, bucket: bucket)) - share)
      }
      sum += max(0, 1 - distance / 2)
      count += 1
    }
    func closeness(_ seeds: [UInt16: Double]?, _ shares: SparseShares) -> Double? {
      guard let seeds, shares.hasEntries(row) else { return nil }
      var mine: [UInt16: Double] = [:]
      for (key, share) in shares.entries(of: row) { mine[key, default: 0] += Double(share) }
      return Self.closeness(mine, seeds)
    }
    // Geography is one dimension, min(country, language), as in audience fit: an English-speaking
    // audience in GB is not an audience in the US, and two countries of one language would
    // otherwise count the same likeness twice.
    let country = closeness(countries, table.audienceCountries)
    let language = closeness(languages, table.audienceLanguages)
    if let geography = [country, language].compactMap({ $0 }).min() {
      sum += geography
      count += 1
    }
    if let interest = closeness(interests, table.audienceInterests) {
      sum += interest
      count += 1
    }
    return count > 0 ? sum / Double(count) : 0
  }
}
