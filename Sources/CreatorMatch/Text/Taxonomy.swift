import Foundation

/// The built-in multilingual niche taxonomy: each niche has category labels (how tables and
/// briefs name it) and seed terms in English, Spanish, German, French, Polish, Russian, Ukrainian
/// and Japanese (<doc:Formulas#Query>).
///
/// A brief category expands into its niche's seed terms, so a brief that says `"skincare"` also
/// finds creators who write `pielęgnacja`, `уход за кожей` or `スキンケア`. A creator whose category
/// label maps to the same niche gets niche fit of at least `NicheQuery.categoryFloor`.
///
/// ```swift
/// Taxonomy.builtIn.niche(forLabel: "Fitness & Gym")?.id  // "fitness"
/// ```
public struct Taxonomy: Sendable {
  /// One niche.
  public struct Niche: Sendable, Equatable {
    /// Stable identifier, also its English label.
    public var id: String
    /// Labels that mean this niche in creator tables and briefs (normalized, lower case).
    public var labels: [String]
    /// Seed terms by ISO 639-1 language code; multi-word terms allowed.
    public var seeds: [String: [String]]

    /// All seed terms in the given languages (all languages when `languages` is empty).
    public func seedTerms(languages: [String]) -> [String] {
      let codes = languages.isEmpty ? Taxonomy.languages : languages
      return codes.flatMap { seeds[$0] ?? [] }
    }
  }

  /// The languages every niche has seed terms in.
  public static let languages = ["en", "es", "de", "fr", "pl", "ru", "uk", "ja"]

  /// The niches, in a fixed order; a niche's index is its bit in category masks (at most 64).
  public let niches: [Niche]
  private let labelIndex: [String: Int]

  /// Creates a taxonomy; at most 64 niches, since category matches are kept as 64-bit masks.
  public init(niches: [Niche]) {
    precondition(niches.count <= 64, "category masks hold at most 64 niches")
    self.niches = niches
    var index: [String: Int] = [:]
    for (position, niche) in niches.enumerated() {
      index[Self.normalizeLabel(niche.id)] = position
      // Normalized once: it is the costly part of building the index.
      for label in niche.labels {
        let key = Self.normalizeLabel(label)
        if index[key] == nil { index[key] = position }
      }
    }
    labelIndex = index
  }

  /// `taxonomy` with other seed lists: the same niches, ids, labels and order, so its label index
  /// is kept rather than normalized again (the built-in taxonomy grows the core's seeds).
  ///
  /// - Parameters:
  ///   - taxonomy: The taxonomy whose niches and labels are kept.
  ///   - seeds: Each niche's seed lists, in `taxonomy`'s order of niches.
  init(_ taxonomy: Taxonomy, seeds: [[String: [String]]]) {
    precondition(seeds.count == taxonomy.niches.count, "one seed list per niche")
    niches = zip(taxonomy.niches, seeds).map { niche, seeds in
      var niche = niche
      niche.seeds = seeds
      return niche
    }
    labelIndex = taxonomy.labelIndex
  }

  /// The niche a whole label names (`"Food & Cooking"`), if any.
  public func niche(forLabel label: String) -> Niche? {
    nicheIndex(forLabel: label).map { niches[$0] }
  }

  /// The index of the niche a whole label names.
  public func nicheIndex(forLabel label: String) -> Int? {
    labelIndex[Self.normalizeLabel(label)]
  }

  /// The niches a creator's category label belongs to, as a bit mask: the whole label when it
  /// is a known label, else each of its words that is one (`"beauty and lifestyle vlog"`).
  public func mask(forLabel label: String) -> UInt64 {
    if let index = nicheIndex(forLabel: label) { return 1 << UInt64(index) }
    var mask: UInt64 = 0
    for token in Tokenizer.tokens(label) {
      if let index = labelIndex[token] { mask |= 1 << UInt64(index) }
    }
    return mask
  }

  /// The id of the niche that briefs exclude unless they ask for it (`niche.categories` lists it,
  /// or `niche.include_adult` is true).
  public static let adultContentID = "adult content"

  /// The bit mask of the niches `labels` name (niche ids or whole labels), and the labels that
  /// name none, in the order given.
  /// - Parameter labels: Niche ids or category labels, as a brief writes them.
  /// - Returns: The mask and the unknown labels.
  public func mask(forNiches labels: [String]) -> (mask: UInt64, unknown: [String]) {
    var mask: UInt64 = 0
    var unknown: [String] = []
    for label in labels {
      if let index = nicheIndex(forLabel: label) {
        mask |= 1 << UInt64(index)
      } else {
        unknown.append(label)
      }
    }
    return (mask, unknown)
  }

  /// A label in comparable form: lower case, `&`/`and`-insensitive, single spaces.
  public static func normalizeLabel(_ label: String) -> String {
    LabelText.normalized(label.replacingOccurrences(of: "&", with: " "))
      .split(separator: " ").filter { $0 != "and" }.joined(separator: " ")
  }
}
