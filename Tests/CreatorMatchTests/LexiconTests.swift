import CreatorMatch
import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

/// The grown seed lists (`Lexicon`): their size, that every word of an added term belongs to
/// one niche, everyday words left out, and the category labels of the real exports mapped.
@Suite("Lexicons")
struct LexiconTests {
  /// The niches whose lists were grown, in every language.
  static let grownNiches = [
    "beauty", "skincare", "fashion", "fitness", "food", "travel", "gaming", "tech", "family",
    "pets", "music", "sports",
  ]

  /// The query's terms of one seed in its own language, as `NicheQuery` makes them.
  static func terms(_ seed: String, language: String) -> [String] {
    if SeedLexicon.isWholeTerm(seed) { return [seed] }
    guard let stemLanguage = StemLanguage(code: language) else { return Tokenizer.tokens(seed) }
    return Tokenizer.stemmedTokens(seed, context: StemContext(language: stemLanguage)).map(\.stem)
  }

  @Test("every grown niche has 70 to 210 seeds in every language, 10,600 added in all")
  func sizes() {
    var added = 0
    for (_, niches) in Lexicon.byLanguage {
      for (niche, terms) in niches {
        #expect(Self.grownNiches.contains(niche), "\(niche) is not a grown niche")
        added += terms.count
      }
    }
    #expect(added == 10_600)
    for id in Self.grownNiches {
      guard let niche = Taxonomy.builtIn.niches.first(where: { $0.id == id }) else {
        Issue.record("no niche \(id)")
        continue
      }
      for language in Taxonomy.languages {
        let count = niche.seeds[language]?.count ?? 0
        #expect((70...210).contains(count), "\(id) \(language): \(count) seeds")
      }
    }
  }

  @Test("the grown taxonomy keeps the core niches, ids and order, and core seeds first")
  func coreKept() {
    let core = Taxonomy.core.niches
    let grown = Taxonomy.builtIn.niches
    #expect(core.map(\.id) == grown.map(\.id))
    #expect(core.map(\.labels) == grown.map(\.labels))
    for (before, after) in zip(core, grown) {
      for language in Taxonomy.languages {
        let kept = (before.seeds[language] ?? []).filter {
          Lexicon.dropped[language]?.contains($0) != true
        }
        #expect(Array((after.seeds[language] ?? []).prefix(kept.count)) == kept)
        let all = after.seeds[language] ?? []
        #expect(Set(all.map { $0.lowercased() }).count == all.count, "\(before.id) \(language)")
      }
    }
  }

  @Test("the grown taxonomy, keeping the core's label index, finds labels as one indexed afresh")
  func labelIndexKept() {
    let fresh = Taxonomy(niches: Taxonomy.builtIn.niches)
    var labels = ["Fitness & Gym", "Beauty and Lifestyle", "nothing here", "other"]
    for niche in Taxonomy.builtIn.niches {
      labels += [niche.id, niche.id.uppercased()] + niche.labels + niche.labels.map { $0 + " & " }
    }
    for label in labels {
      #expect(Taxonomy.builtIn.nicheIndex(forLabel: label) == fresh.nicheIndex(forLabel: label))
      #expect(Taxonomy.builtIn.mask(forLabel: label) == fresh.mask(forLabel: label), "\(label)")
    }
    #expect(Taxonomy.builtIn.niche(forLabel: "Fitness & Gym")?.id == "fitness")
    #expect(Taxonomy.builtIn.niche(forLabel: "Skin Care")?.id == "skincare")
  }

  @Test("every word of an added term belongs to its own niche alone (beauty and skincare share)")
  func wordsBelongToOneNiche() {
    var owners: [String: Set<String>] = [:]
    for niche in Taxonomy.builtIn.niches {
      for (language, seeds) in niche.seeds {
        for seed in seeds {
          for term in Self.terms(seed, language: language) {
            owners[term, default: []].insert(niche.id)
          }
        }
      }
    }
    let shared: Set<String> = ["beauty", "skincare"]
    for (language, niches) in Lexicon.byLanguage {
      for (niche, seeds) in niches {
        for seed in seeds {
          for term in Self.terms(seed, language: language) {
            let others = (owners[term] ?? []).subtracting([niche])
            let allowed = shared.contains(niche) && others.isSubset(of: shared)
            #expect(
              others.isEmpty || allowed,
              "\(language) \(niche) \(seed): \(term) also in \(others.sorted())")
          }
        }
      }
    }
  }

  @Test("a Japanese seed is matched whole, as one bigram, or is Latin: never by bigrams of a part")
  func japaneseSeedsWhole() {
    // `Jリーグ` would be `j` plus the bigrams `リー`, `ーグ`, and `リー` is in any `リード`.
    for seed in (Lexicon.byLanguage["ja"] ?? [:]).values.joined() {
      let scalars = seed.precomposedStringWithCompatibilityMapping.unicodeScalars
      let bigram = scalars.filter { Tokenizer.isBigramScript($0) }.count
      let whole = SeedLexicon.isWholeTerm(seed)
      #expect(whole || (bigram == 2 && scalars.count == 2) || bigram == 0, "\(seed)")
    }
  }

  @Test("a grown run-together seed is still cut into its words; a core seed is not")
  func grownCompoundsCut() {
    // `comidasaludable` is a grown Spanish food seed: the segmenter cuts it all the same, so an
    // English-read hashtag meets the seed `comida` (its whole-word stem differs by language).
    #expect(Lexicon.spanish["food"]?.contains("comidasaludable") == true)
    #expect(HashtagSegmenter.builtIn.parts(of: "comidasaludable") == ["comida", "saludable"])
    // A word of the core lists stays whole.
    #expect(HashtagSegmenter.builtIn.parts(of: "feuchtigkeitscreme") == [])
    #expect(HashtagSegmenter(taxonomy: .builtIn).parts(of: "comidasaludable") == [])
  }

  @Test("everyday words and false friends are not seeds")
  func everydayWordsLeftOut() {
    // Words that would match texts of any niche (or another language's everyday word).
    let everyday: [String: [String]] = [
      "en": [
        "look", "love", "life", "day", "daily", "live", "play", "team", "coach", "match", "time",
        "home", "world", "free", "tour", "review", "setup", "model", "journey",
      ],
      "es": ["look", "vida", "juego", "partido", "rico", "directo", "final", "casa", "nivel"],
      "de": ["handy", "tor", "fans", "finale", "level"],
      "fr": ["but", "pull", "live", "test", "niche", "salle", "race", "visite"],
      "pl": ["lot", "gra", "test", "zespół", "motywacja", "weekend"],
      "ru": ["лук", "зал", "белок", "бойцы", "мотивация", "код"],
      "uk": ["лук", "мати", "брати", "гра", "бійці", "київ"],
      "ja": ["場所", "クリア", "リード", "ライブ配信", "ツアー", "チーム", "応援"],
    ]
    var seedTerms: Set<String> = []
    for niche in Taxonomy.builtIn.niches {
      for (language, seeds) in niche.seeds {
        for seed in seeds { seedTerms.formUnion(Self.terms(seed, language: language)) }
      }
    }
    for (language, words) in everyday {
      for word in words {
        for term in Self.terms(word, language: language) {
          let isSeed = seedTerms.contains(term)
          #expect(!isSeed, "\(language) \(word) is a seed term")
        }
      }
    }
  }

  @Test("near misses in every language score zero in every niche")
  func nearMisses() {
    let texts: [(language: String, text: String)] = [
      ("en", "What a day! Love this life, see you at the match tonight, live and free"),
      ("es", "Qué día tan rico, mira este look, la vida es un juego, en directo desde casa"),
      ("de", "Das Tor ist offen, die Fans rufen, das Handy klingelt"),
      ("fr", "Mais le but est simple : un pull, un test, en live ce soir"),
      ("pl", "Jutro lot o piątej, to gra w zespole, test motywacja"),
      ("ru", "Купил лук, большой зал, мотивация"),
      ("uk", "Брати пішли, гра почалася, Київ"),
      ("ja", "今日は場所がいい、クリアした、リードする"),
    ]
    let creators = texts.enumerated().map { index, entry -> Creator in
      var creator = Creator(id: "near\(index)", platform: .instagram, followers: 10_000)
      creator.bio = entry.text
      creator.language = entry.language
      return creator
    }
    let table = Fixtures.table(creators)
    for niche in Taxonomy.builtIn.niches where niche.id != Taxonomy.adultContentID {
      let scores = NicheEvaluation.scores(table: table, niche: niche.id)
      var brief = CampaignBrief(id: "near-\(niche.id)", goal: .awareness)
      brief.niche.categories = [niche.id]
      // The query keeps only terms of the table's vocabulary: the words that matched.
      let matched = NicheQuery(brief: brief, table: table).terms.map(\.text)
      for (index, score) in scores.enumerated() {
        #expect(score == 0, "\(niche.id): \(texts[index].text) scores \(score) (\(matched))")
      }
    }
  }

  @Test("added seeds meet inflected and hashtag forms in every language")
  func grownSeedsMatch() {
    // One text per language, each with only words the core lists lack (inflected or run
    // together), and the niche it must reach.
    let cases: [(language: String, text: String, niche: String)] = [
      ("en", "Sourdough loaves and cinnamon pastries from my bakery", "food"),
      ("es", "Sentadillas, dominadas y abdominales cada mañana", "fitness"),
      ("de", "Neue Wimperntusche und Lidschatten ausprobiert", "beauty"),
      ("fr", "Randonnées et bivouac dans les sommets", "travel"),
      ("pl", "Karmienie piersią i pieluchy: życie z noworodkiem", "family"),
      ("ru", "Видеокарта и процессор для нового компьютера", "tech"),
      ("uk", "Новий реліз: альбом і кліп нашого гурту", "music"),
      ("ja", "今日は筋肉痛、スクワットとデッドリフトを頑張った", "fitness"),
    ]
    for (index, entry) in cases.enumerated() {
      var creator = Creator(id: "grown\(index)", platform: .instagram, followers: 10_000)
      creator.bio = entry.text
      creator.language = entry.language
      let table = Fixtures.table([creator])
      let grown = NicheEvaluation.scores(table: table, niche: entry.niche)[0]
      #expect(grown > 0, "\(entry.language): \(entry.text)")
      // The core lists meet none of the text's words: a one-creator table's vocabulary is its
      // words, and the query keeps only terms in the vocabulary.
      var brief = CampaignBrief(id: "core-\(entry.niche)", goal: .awareness)
      brief.niche.categories = [entry.niche]
      let core = NicheQuery(brief: brief, table: table, taxonomy: .core)
      #expect(core.terms.isEmpty, "\(entry.language): core terms \(core.terms.map(\.text))")
    }
  }

  /// The TweetTopicXL topics and the niches their labels map to (by whole label or by words).
  static let tweetTopics: [(label: String, niches: Set<String>)] = [
    ("arts_&_culture", ["art"]), ("business_&_entrepreneurs", ["finance"]),
    ("celebrity_&_pop_culture", ["entertainment"]), ("diaries_&_daily_life", ["lifestyle"]),
    ("family", ["family"]), ("fashion_&_style", ["fashion"]),
    ("film_tv_&_video", ["entertainment"]), ("fitness_&_health", ["fitness"]),
    ("food_&_dining", ["food"]), ("gaming", ["gaming"]),
    ("learning_&_educational", ["education"]), ("music", ["music"]),
    ("news_&_social_concern", ["news"]), ("other_hobbies", []), ("relationships", []),
    ("science_&_technology", ["science", "tech"]), ("sports", ["sports"]),
    ("travel_&_adventure", ["travel"]), ("youth_&_student_life", []),
  ]

  /// The niche ids of a label's mask.
  static func niches(_ label: String) -> Set<String> {
    let mask = Taxonomy.builtIn.mask(forLabel: label)
    return Set(
      Taxonomy.builtIn.niches.enumerated().filter { mask & (1 << UInt64($0.offset)) != 0 }
        .map(\.element.id))
  }

  @Test("TweetTopicXL's topics map to the niches by hand")
  func tweetTopicLabels() {
    for (label, expected) in Self.tweetTopics {
      #expect(Self.niches(label) == expected, "\(label)")
      #expect(expected.isEmpty == Lexicon.unmappedLabels.contains(Taxonomy.normalizeLabel(label)))
    }
  }

  @Test(
    "every category label of the real exports maps to a niche or is deliberately unmapped",
    .enabled(if: Fixtures.hasRealData))
  func realExportLabels() throws {
    guard let directory = Fixtures.realDataDirectory else { return }
    var labels: Set<String> = []
    // kim2020: tab-separated, the category in the second column, a blank second line.
    let kim = try String(
      contentsOf: directory.appendingPathComponent("kim2020_instagram_influencers.txt"),
      encoding: .utf8)
    for line in kim.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if fields.count > 1, !fields[1].isEmpty { labels.insert(String(fields[1])) }
    }
    // The sep-2022 export: Category_1 and Category_2, through the package's own CSV reader.
    let url = directory.appendingPathComponent("social_media_influencers_instagram_sep-2022.csv")
    var reader = try CSVReader(path: url.path)
    var record = CSVRecord()
    while try reader.next(into: &record) {
      guard record.count >= 9 else { continue }
      for index in 7...8 where !record.string(at: index).isEmpty {
        labels.insert(record.string(at: index))
      }
    }
    // TweetTopicXL: the topic keys of its records.
    for (label, _) in Self.tweetTopics { labels.insert(label) }
    #expect(labels.count >= 40)
    var unmapped: [String] = []
    for label in labels.sorted() where Self.niches(label).isEmpty {
      if !Lexicon.unmappedLabels.contains(Taxonomy.normalizeLabel(label)) { unmapped.append(label) }
    }
    #expect(unmapped.isEmpty, "labels mapped to no niche: \(unmapped)")
  }

  @Test("the Lexicons article records a source and licence for every list")
  func provenanceRecorded() throws {
    let article = "Sources/CreatorMatch/CreatorMatch.docc/Lexicons.md"
    let text = try String(
      contentsOf: Fixtures.packageRoot.appendingPathComponent(article), encoding: .utf8)
    #expect(text.contains("10,600 added terms in all"))
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
    for (language, niches) in Lexicon.byLanguage {
      for (niche, terms) in niches {
        let prefix = "| \(language) | \(niche) | "
        guard let row = rows.first(where: { $0.hasPrefix(prefix) }) else {
          Issue.record("the Lexicons article has no row for \(language) \(niche)")
          continue
        }
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(Int(cells[2]) == terms.count, "\(language) \(niche): count")
        #expect(cells[4] == "this package's own work" && cells[5] == "Apache-2.0")
      }
    }
  }
}
