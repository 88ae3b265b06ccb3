import CreatorMatchSupport
import Foundation

/// A brief's niche as a unit TF-IDF query vector over a table's vocabulary, plus its taxonomy
/// categories and exclusion phrases (<doc:Formulas#Niche>).
///
/// Query weights: each keyword's tokens get the keyword's weight; each taxonomy category counts
/// like one keyword of weight 1 spread over its m distinct seed tokens (1/√m each, so the
/// category's sub-vector has unit length before idf). Seeds are taken in the brief's audience
/// languages plus English (hashtags are often English), or in every taxonomy language when the
/// brief names none. Each weight is multiplied by the term's idf and the vector is L2-normalized
/// over all its tokens (with the population model's idf, so a table that lacks some token scores
/// exactly as the full table would), so niche fit = Σₜ qₜ·cₜ is a cosine in 0–1.
package struct NicheQuery: Sendable {
  /// One query term present in the table's vocabulary.
  package struct Term: Sendable, Equatable {
    /// Term id in the table.
    package var id: Int
    /// The term as the brief or a seed wrote it (the first word that gave its stem).
    package var text: String
    /// qₜ, the normalized weight.
    package var weight: Double
  }

  /// A phrase whose presence disqualifies a creator.
  package struct ExcludePhrase: Sendable, Equatable {
    /// The phrase as written in the brief.
    package var text: String
    /// Its tokens' term ids; empty when some token occurs in no creator (it cannot match).
    package var termIDs: [Int]
  }

  /// Terms in UTF-8 byte order of their text (a summation order independent of the table),
  /// expansion terms included.
  package var terms: [Term]
  /// The terms the expansion added (<doc:Formulas#Expansion>), highest weight first, with their
  /// weights in ``terms``; empty when the query was not expanded.
  package var expansion: [Term]
  /// Taxonomy niches named by the brief, as a bit mask.
  package var categoryMask: UInt64
  /// The niches' ids, for explanations.
  package var categoryNames: [String]
  /// Exclusion phrases.
  package var excludes: [ExcludePhrase]
  /// Notes about the query for the output (unknown categories, keywords nobody uses).
  package var notes: [PlanNote]

  /// Whether the brief gave no niche at all (keywords or categories).
  package var isEmpty: Bool { terms.isEmpty && categoryMask == 0 }

  /// Niche fit is raised to at least this when a creator's category label maps to a brief
  /// category (<doc:Formulas#Categories-and-exclusions>).
  package static let categoryFloor = 0.8

  /// Compiles the brief's niche against `table`.
  package init(brief: CampaignBrief, table: CreatorTable, taxonomy: Taxonomy = .builtIn) {
    var raw: [String: Double] = [:]
    var order: [String] = []
    var notes: [PlanNote] = []
    func add(_ token: String, _ weight: Double) {
      if raw[token] == nil { order.append(token) }
      raw[token, default: 0] += weight
    }
    // The brief's own words are read like a creator's text with its audience language declared
    // when it names exactly one (else guessed from the letters); seeds in their own language.
    let declared = brief.audience.languages.count == 1 ? brief.audience.languages[0] : nil
    // The first word that gave each stem, which explanations show (`pielęgnacja`, not the
    // stem `pielęgnacj`).
    var surfaces: [String: String] = [:]
    func stems(_ text: String, _ context: StemContext) -> [String] {
      Tokenizer.stemmedTokens(text, context: context).map { pair in
        if surfaces[pair.stem] == nil { surfaces[pair.stem] = pair.surface }
        return pair.stem
      }
    }
    func briefTerms(_ text: String) -> [String] {
      stems(text, StemContext(declared: declared, parts: [text]))
    }
    for keyword in brief.niche.keywords {
      let tokens = briefTerms(keyword.term)
      if tokens.isEmpty {
        notes.append(.keywordWithoutWords(keyword.term))
      }
      for token in tokens { add(token, keyword.weight) }
    }
    var mask: UInt64 = 0
    var names: [String] = []
    let languages =
      brief.audience.languages.isEmpty
      ? Taxonomy.languages : Array(Set(brief.audience.languages + ["en"])).sorted()
    for category in brief.niche.categories {
      guard let index = taxonomy.nicheIndex(forLabel: category) else {
        notes.append(.categoryNotInTaxonomy(category))
        for token in briefTerms(category) { add(token, 1) }
        continue
      }
      let niche = taxonomy.niches[index]
      mask |= 1 << UInt64(index)
      if !names.contains(niche.id) { names.append(niche.id) }
      var seedTokens: [String] = []
      let declaredContext = StemLanguage(code: declared).map { StemContext(language: $0) }
      for code in languages {
        let context = StemLanguage(code: code).map { StemContext(language: $0) }
        for seed in niche.seeds[code] ?? [] {
          // A long seed in an unspaced script is one term (its bigrams only count together).
          var tokens =
            SeedLexicon.isWholeTerm(seed)
            ? [seed] : context.map { stems(seed, $0) } ?? Tokenizer.tokens(seed)
          // A declared audience language's creators stem a foreign seed (an English hashtag in
          // a Polish bio) by their own language's rules: that form is added too.
          if let declaredContext, let context, context != declaredContext,
            !SeedLexicon.isWholeTerm(seed)
          {
            tokens += stems(seed, declaredContext)
          }
          for token in tokens where !seedTokens.contains(token) {
            seedTokens.append(token)
          }
        }
      }
      let share = 1 / Double(max(seedTokens.count, 1)).squareRoot()
      for token in seedTokens { add(token, share) }
    }
    // Normalize over every query token with the model's idf, so the vector (and every cosine)
    // is the same whichever creators share the table, which sharded batches rely on.
    let frequencies = table.model.documentFrequencies
    var weighted: [(token: String, weight: Double)] = []
    for token in order {
      weighted.append((token, (raw[token] ?? 0) * frequencies.idf(token)))
    }
    let norm = weighted.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
    var terms: [Term] = []
    for (token, weight) in weighted {
      guard let id = table.termID(token), norm > 0 else { continue }
      terms.append(Term(id: id, text: surfaces[token] ?? token, weight: weight / norm))
    }
    // Sum in term-text order: term ids depend on the table's row order, the text does not.
    terms.sort { ByteOrder.precedes($0.text, $1.text) }
    let excludes = brief.niche.exclude.map { phrase in
      let tokens = briefTerms(phrase)
      let ids = tokens.compactMap { table.termID($0) }
      return ExcludePhrase(text: phrase, termIDs: ids.count == tokens.count ? ids : [])
    }
    var expansion: [Term] = []
    if brief.niche.expand ?? Self.expandsByDefault, !terms.isEmpty {
      let excluded = Set(brief.niche.exclude.flatMap { briefTerms($0) }.compactMap(table.termID))
      let added = Self.expansionTerms(query: terms, excluded: excluded, table: table)
      if !added.isEmpty {
        terms = Self.mix(terms, added)
        let ids = Set(added.map(\.id))
        expansion = terms.filter { ids.contains($0.id) }.sorted {
          $0.weight != $1.weight ? $0.weight > $1.weight : ByteOrder.precedes($0.text, $1.text)
        }
      }
    }
    let keywordTokens = brief.niche.keywords.flatMap { briefTerms($0.term) }
    var unused: [String] = []
    var unusedStems: Set<String> = []
    for token in keywordTokens where frequencies.counts[token] == nil {
      if unusedStems.insert(token).inserted { unused.append(surfaces[token] ?? token) }
    }
    if !unused.isEmpty { notes.append(.keywordTokensUnused(unused)) }
    self.terms = terms
    self.expansion = expansion
    self.categoryMask = mask
    self.categoryNames = names
    self.notes = notes
    self.excludes = excludes
  }

  /// Niche fit from a cosine and whether the creator's category matches: max(cosine, floor) on a
  /// match, else the cosine, clamped to 0–1.
  @inlinable
  package static func fit(cosine: Double, categoryMatch: Bool) -> Double {
    let clamped = min(max(cosine, 0), 1)
    return categoryMatch ? max(clamped, categoryFloor) : clamped
  }
}
