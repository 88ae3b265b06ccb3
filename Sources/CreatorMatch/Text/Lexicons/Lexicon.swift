/// The grown seed lists of the built-in taxonomy: per language, the terms each niche adds to the
/// core taxonomy's handful (`Taxonomy.core`), so that a brief's category finds the vocabulary
/// creators actually write (`Taxonomy.builtIn` is the core grown by these lists).
///
/// The lists are this package's own work, written from everyday usage of each language's niche
/// vocabulary (lemma forms, common hashtags, no brand names beyond platforms), not tuned on any
/// evaluation text; the Lexicons article of the DocC catalogue records the source and licence of every list. Two rules keep
/// them precise, and `LexiconTests` checks both:
///
/// - The query splits a multi-word seed into its words, so every word of an added term belongs
///   to its own niche alone: a word that any other niche's seeds also hold (`coach` in fitness
///   and sports, `batería` as drums and battery) is left out, except between beauty and skincare.
/// - Everyday words that would match unrelated texts (`look`, `life`, `day`, `live`, `game`)
///   are left out; `Lexicon.dropped` also removes such words from the core lists.
enum Lexicon {
  /// Added terms by language code, then niche id.
  static let byLanguage: [String: [String: [String]]] = [
    "en": english, "es": spanish, "de": german, "fr": french, "pl": polish, "ru": russian,
    "uk": ukrainian, "ja": japanese,
  ]

  /// Core seeds the grown taxonomy leaves out, by language: everyday words that match texts
  /// of any niche (Spanish `look`, English `life` and `daily`), and multi-word seeds whose
  /// words are everyday or another niche's (the query splits `home decor` into `home` and
  /// `decor`, `estilo de vida` into `estilo` and `vida`, German `haute couture` stems to the
  /// skin's `haut`). The generator still writes them (it uses the core lists), so generated
  /// data does not change.
  static let dropped: [String: Set<String>] = [
    "es": ["look", "estilo de vida"], "en": ["life", "daily", "home decor", "lingerie model"],
    "de": ["haute couture"], "fr": ["salle de sport"],
  ]

  /// Category labels of real exports that are deliberately mapped to no niche (normalized by
  /// `Taxonomy.normalizeLabel`): they name no topic a brief could ask for (kim2020's `other`,
  /// TweetTopicXL's `other_hobbies`, `relationships` and `youth_&_student_life`).
  static let unmappedLabels: Set<String> = [
    "other", "other hobbies", "relationships", "youth student life",
  ]

  /// `niches` with each language's seeds grown by ``byLanguage`` (core seeds first, in order,
  /// minus ``dropped``; added terms after them; each term once, compared in lower case).
  /// - Parameter niches: The core niches.
  /// - Returns: The same niches, in the same order, with the grown seed lists.
  /// - Complexity: O(t), t the number of terms.
  static func grow(_ niches: [Taxonomy.Niche]) -> [Taxonomy.Niche] {
    niches.map { niche in
      var grown = niche
      for language in Taxonomy.languages {
        var seen = Set<String>()
        var terms: [String] = []
        let added = byLanguage[language]?[niche.id] ?? []
        for term in (niche.seeds[language] ?? []) + added
        where dropped[language]?.contains(term) != true && seen.insert(term.lowercased()).inserted {
          terms.append(term)
        }
        if !terms.isEmpty { grown.seeds[language] = terms }
      }
      return grown
    }
  }
}
