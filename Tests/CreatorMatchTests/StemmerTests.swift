import Testing

@testable import CreatorMatch

@Suite("Stemming")
struct StemmerTests {
  /// Inflected forms that must meet, per language.
  /// Skincare bios inflected in pl, ru and uk, which the brief's keywords must meet.
  static let inflectedBios = [
    "Porady o pielęgnacji cery i kremach nawilżających",
    "Советы по уходу за кожей лица",
    "Поради щодо догляду за шкірою обличчя",
    "Pielęgnacja cery, krem nawilżający",
    "Уход за кожей лица",
    "Догляд за шкірою обличчя",
  ]

  static let meet: [(StemLanguage, String, String)] = [
    (.en, "training", "trainings"), (.en, "gaming", "games"), (.en, "recipes", "recipe"),
    (.en, "cooked", "cooking"), (.en, "stories", "story"), (.en, "hopping", "hop"),
    (.es, "comidas", "comida"), (.es, "canciones", "canción"), (.es, "deportes", "deporte"),
    (.es, "saludables", "saludable"), (.es, "recetas", "receta"),
    (.fr, "recettes", "recette"), (.fr, "beautés", "beauté"), (.fr, "journaux", "journal"),
    (.de, "kleider", "kleid"), (.de, "rezepte", "rezept"), (.de, "trainings", "training"),
    (.de, "schönheit", "schonheit"),
    (.pl, "pielęgnacji", "pielęgnacja"), (.pl, "kremach", "krem"),
    (.pl, "nawilżających", "nawilżający"), (.pl, "twarzy", "twarz"), (.pl, "siłowni", "siłownia"),
    (.pl, "treningu", "trening"), (.pl, "cery", "cera"),
    (.ru, "уходу", "уход"), (.ru, "кожей", "кожа"), (.ru, "тренировки", "тренировка"),
    (.ru, "упражнений", "упражнения"), (.ru, "увлажняющего", "увлажняющий"),
    (.uk, "догляду", "догляд"), (.uk, "шкірою", "шкіра"), (.uk, "тренуваннями", "тренування"),
    (.uk, "зволожувального", "зволожувальний"),
  ]

  /// Near misses that must stay apart.
  static let apart: [(StemLanguage, String, String)] = [
    (.en, "cooking", "cookie"), (.en, "gaming", "gamer"), (.en, "dress", "dresser"),
    (.es, "moda", "modo"), (.es, "peso", "pesa"), (.fr, "voyage", "voyageur"),
    (.de, "modern", "mode"), (.de, "garten", "gärtner"), (.pl, "moda", "modem"),
    (.pl, "ser", "serum"), (.ru, "кот", "кофе"), (.ru, "мода", "модель"),
    (.uk, "кава", "кавун"), (.uk, "мода", "модель"),
  ]

  @Test("inflected forms meet", arguments: meet.indices)
  func inflectedFormsMeet(_ index: Int) {
    let (language, first, second) = Self.meet[index]
    #expect(Stemmer.stem(first, language) == Stemmer.stem(second, language), "\(first) ~ \(second)")
  }

  @Test("near misses stay apart", arguments: apart.indices)
  func nearMissesStayApart(_ index: Int) {
    let (language, first, second) = Self.apart[index]
    #expect(Stemmer.stem(first, language) != Stemmer.stem(second, language), "\(first) ≁ \(second)")
  }

  @Test("stems by hand")
  func stemsByHand() {
    #expect(Stemmer.stem("pielęgnacji", .pl) == "pielęgnacj")
    #expect(Stemmer.stem("kremach", .pl) == "krem")
    #expect(Stemmer.stem("уходу", .ru) == "уход")
    #expect(Stemmer.stem("догляду", .uk) == "догляд")
    #expect(Stemmer.stem("gaming", .en) == "game")
    // Short words, digits and apostrophes are kept.
    #expect(Stemmer.stem("kot", .pl) == "kot")
    #expect(Stemmer.stem("4ever", .en) == "4ever")
    #expect(Stemmer.stem("сім'я", .uk) == "сім'я")
  }

  @Test("the language of a word: declared, else guessed from the text's letters")
  func languageChoice() {
    func context(_ text: String, _ declared: String? = nil) -> StemContext {
      StemContext(declared: declared, parts: [text])
    }
    #expect(context("Porady o pielęgnacji cery").latin == .pl)
    #expect(context("Comida saludable y fácil, ¿quieres?").latin == .es)
    #expect(context("Schönheit und Größe").latin == .de)
    #expect(context("Recettes très simples à la maison").latin == .fr)
    #expect(context("Healthy recipes every day").latin == .en)
    #expect(context("Поради щодо догляду за шкірою").cyrillic == .uk)
    #expect(context("Советы по уходу за кожей лица").cyrillic == .ru)
    #expect(context("Healthy recipes", "pl").latin == .pl)
    #expect(context("Советы по уходу", "uk").cyrillic == .uk)
    // A Russian bio's English hashtag is read with the English rules.
    let mixed = context("Советы по уходу #skincare", "ru")
    #expect(mixed.index(firstByte: UInt8(ascii: "s")) == StemLanguage.en.rawValue)
    #expect(mixed.index(firstByte: 0xD1) == StemLanguage.ru.rawValue)
    #expect(mixed.index(firstByte: 0xE3) == StemContext.none)
  }

  @Test("inflected bios meet the brief's keywords in pl, ru and uk")
  func inflectedBiosMatch() throws {
    let bios = Self.inflectedBios + ["Travel photos from Lisbon"]
    let creators = bios.enumerated().map { index, bio -> Creator in
      var creator = Fixtures.creator("c\(index)")
      creator.bio = bio
      return creator
    }
    let table = Fixtures.table(creators)
    let brief = try Fixtures.brief(
      """
      {"id": "b", "goal": "awareness",
       "niche": {"keywords": {"pielęgnacja": 1, "уход за кожей": 1, "догляд за шкірою": 1}}}
      """)
    let plan = BriefPlan(brief: brief, table: table)
    let fits = Ranker(table: table).nicheFits(plan, threads: 1)
    for row in 0..<3 {
      // Each inflected bio matches, as strongly as its nominative twin within a factor of two.
      #expect(fits[row] > 0.1, "\(bios[row]): \(fits[row])")
      #expect(fits[row] * 2 > fits[row + 3], "\(bios[row]): \(fits[row]) vs \(fits[row + 3])")
    }
    #expect(fits[6] == 0)
  }
}

@Suite("Hashtag segmentation and whole CJK seeds")
struct SegmentationTests {
  @Test(
    "run-together words split into the words they hold",
    arguments: [
      ("fitnessmotivation", ["fitness", "motivation"]),
      ("pielęgnacjatwarzy", ["pielęgnacja", "twarzy"]),
      ("comidasaludable", ["comida", "saludable"]),
      ("feuchtigkeitscreme", ["feuchtigkeitscreme"]),
      ("travelphotography", ["travel", "photography"]),
    ])
  func splits(_ word: String, _ expected: [String]) {
    let parts = HashtagSegmenter.builtIn.parts(of: word)
    #expect((parts.isEmpty ? [word] : parts) == expected)
  }

  @Test("dictionary words and words without a known side are not cut")
  func notCut() {
    for word in ["skincare", "streetwear", "restaurant", "wonderful", "programación", "together"] {
      #expect(HashtagSegmenter.builtIn.parts(of: word) == [], "\(word)")
    }
  }

  @Test("a hashtag counts like its words in the niche fit")
  func hashtagMatches() {
    var tagged = Fixtures.creator("tagged")
    tagged.hashtags = "#comidasaludable #recetasfaciles"
    var other = Fixtures.creator("other")
    other.hashtags = "#viajes"
    let table = Fixtures.table([tagged, other])
    var brief = CampaignBrief(id: "b", goal: .awareness)
    brief.niche.categories = ["food"]
    brief.audience.languages = ["es"]
    let fits = Ranker(table: table).nicheFits(BriefPlan(brief: brief, table: table), threads: 1)
    #expect(fits[0] > 0)
    #expect(fits[1] == 0)
  }

  @Test("a language code is read by its first two characters, lower-cased")
  func languageCodes() {
    let codes: [(String?, StemLanguage?)] = [
      ("en", .en), ("EN", .en), ("En-us", .en), ("es", .es), ("de_DE", .de), ("fr", .fr),
      ("pl", .pl), ("PL-pl", .pl), ("ru", .ru), ("uk", .uk), ("Uk", .uk), ("ja", nil),
      ("p", nil), ("", nil), (nil, nil), ("@l", nil), ("p\u{C}", nil), ("pl\u{301}", nil),
      // The first two characters, not bytes: a mark on the second makes it another letter;
      // the Kelvin sign lower-cases to k.
      ("e\u{301}n", nil), ("u\u{212A}", .uk), ("ПЛ", nil), ("plx", .pl),
    ]
    for (code, language) in codes {
      #expect(StemLanguage(code: code) == language, "\(String(describing: code))")
    }
  }

  @Test("a seed's first character is found whatever its bytes' neighbours")
  func seedFirstCharacters() {
    let lexicon = SeedLexicon.builtIn
    var seeds: [String] = []
    for niche in Taxonomy.builtIn.niches {
      seeds += niche.seeds.values.joined().filter(SeedLexicon.isWholeTerm)
    }
    #expect(seeds.count > 10)
    // Each seed alone, after ASCII, after kana, and after another seed: found each time.
    for seed in seeds {
      for text in [seed, "a" + seed, "ab" + seed + "x", "の" + seed, seeds[0] + seed] {
        #expect(lexicon.matches(in: text).contains(seed), "\(text)")
      }
    }
    // Characters that start no seed find nothing.
    #expect(lexicon.matches(in: "あいうえおかきくけこ日本語の文章です") == [])
  }

  @Test("a long CJK seed matches whole, not by one of its bigrams")
  func wholeSeeds() {
    let lexicon = SeedLexicon.builtIn
    #expect(lexicon.matches(in: "毎日フィットネスとジム") == ["フィットネス"])
    // ビジネス shares ネス with フィットネス, コーヒー shares コー with コーデ: no match.
    #expect(lexicon.matches(in: "ビジネスとコーヒー") == [])
    var fit = Fixtures.creator("fit")
    fit.bio = "フィットネス大好き"
    var business = Fixtures.creator("business")
    business.bio = "ビジネスとネットの話"
    let table = Fixtures.table([fit, business])
    var brief = CampaignBrief(id: "b", goal: .awareness)
    brief.niche.categories = ["fitness"]
    brief.audience.languages = ["ja"]
    let fits = Ranker(table: table).nicheFits(BriefPlan(brief: brief, table: table), threads: 1)
    #expect(fits[0] > 0)
    #expect(fits[1] == 0)
  }
}
