import CreatorMatchSupport
import Foundation
import Testing

@testable import CreatorMatch

// The `String`-based tokenizer that `TermScanner` replaced, kept verbatim (renamed) as the
// reference: the byte-level path must give exactly its terms.

/// The terms of text as the `String`-based tokenizer gave them: NFKC, `lowercased()`, a `String`
/// per token and per bigram, and a `Set<String>` of stop words.
enum ReferenceTokenizer {
  /// The longest word kept, in characters; longer runs are usually URLs or noise.
  static let maximumWordLength = 40

  /// The terms of `text`, in order, with repeats.
  static func tokens(_ text: String) -> [String] {
    var result: [String] = []
    forEachToken(in: text) { result.append($0) }
    return result
  }

  /// Calls `body` with each term of `text`, in order.
  static func forEachToken(in text: String, _ body: (String) -> Void) {
    if text.isEmpty { return }
    let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
    let normalized =
      isASCII ? text.lowercased() : text.precomposedStringWithCompatibilityMapping.lowercased()
    var word = String.UnicodeScalarView()
    var wordLength = 0
    var previousBigramScalar: Unicode.Scalar?
    var bigramRunLength = 0
    var pendingApostrophe = false

    func flushWord() {
      pendingApostrophe = false
      if wordLength >= 2 && wordLength <= maximumWordLength {
        let token = String(word)
        if !isAllDigits(token) && !ReferenceStopwords.contains(token) { body(token) }
      }
      word.removeAll(keepingCapacity: true)
      wordLength = 0
    }

    func flushBigramRun() {
      if bigramRunLength == 1, let single = previousBigramScalar {
        body(String(Character(single)))
      }
      previousBigramScalar = nil
      bigramRunLength = 0
    }

    for scalar in normalized.unicodeScalars {
      if isBigramScript(scalar) {
        flushWord()
        if let previous = previousBigramScalar {
          var pair = String.UnicodeScalarView()
          pair.append(previous)
          pair.append(scalar)
          body(String(pair))
        }
        previousBigramScalar = scalar
        bigramRunLength += 1
      } else if isApostrophe(scalar) {
        if wordLength > 0 && !pendingApostrophe {
          pendingApostrophe = true
        } else {
          flushWord()
          flushBigramRun()
        }
      } else if isWordScalar(scalar) {
        flushBigramRun()
        if pendingApostrophe {
          word.append("'")
          pendingApostrophe = false
        }
        word.append(scalar)
        if !scalar.properties.isGraphemeExtend { wordLength += 1 }
      } else {
        pendingApostrophe = false
        flushWord()
        flushBigramRun()
      }
    }
    flushWord()
    flushBigramRun()
  }

  /// Whether the scalar belongs to a script written without spaces between words.
  @inline(__always)
  static func isBigramScript(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x0E00 { return false }
    return (0x0E00...0x0E7F).contains(value)  // Thai
      || (0x3040...0x30FF).contains(value)  // Hiragana, Katakana (incl. ー)
      || (0x31F0...0x31FF).contains(value)  // Katakana extensions
      || (0x3400...0x4DBF).contains(value)  // CJK extension A
      || (0x4E00...0x9FFF).contains(value)  // CJK unified ideographs
      || (0xAC00...0xD7AF).contains(value)  // Hangul syllables
      || (0xF900...0xFAFF).contains(value)  // CJK compatibility ideographs
      || (0xFF66...0xFF9F).contains(value)  // half-width Katakana (NFKC folds most)
      || (0x20000...0x2FA1F).contains(value)  // CJK extensions B–F
  }

  @inline(__always)
  static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}"
  }

  @inline(__always)
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 {
      return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39)
        || (value >= 0x41 && value <= 0x5A)
    }
    let properties = scalar.properties
    return properties.isAlphabetic || properties.numericType == .decimal
      || properties.isGraphemeExtend
  }

  static func isAllDigits(_ token: String) -> Bool {
    token.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal }
  }
}

/// The stop words as the reference tokenizer kept them, in a `Set<String>`.
enum ReferenceStopwords {
  static func contains(_ token: String) -> Bool { words.contains(token) }

  static let words: Set<String> = {
    let lists = [
      // en
      "the and for with from this that you your our are was were have has had not but all out "
        + "about into over just more most very can will what when who how new get got one my me we "
        + "its it is in on at to of an as by be or so do if no up im",
      // es
      "el la los las un una unos de del y en con por para que es son mi mis tu su sus al lo se "
        + "como más pero muy ya",
      // de
      "der die das den dem des und ein eine einer mit von zu im ist sind mein meine dein für auf "
        + "aus bei nicht auch wie",
      // fr
      "le la les un une des du de et en avec pour par sur est sont mon ma mes ton ta au aux ce "
        + "qui que pas plus",
      // pl
      "i w z na do od po się jest są to mój moja moje ze we dla jak że nie tak oraz lub czy",
      // ru
      "и в во на с со к по из за от до для это как что не но мой моя мои я мы ты вы он она они "
        + "или так же",
      // uk
      "і й в у на з із до від для це як що не але мій моя мої я ми ти ви він вона вони або та",
    ]
    return Set(lists.flatMap { $0.split(separator: " ").map(String.init) })
  }()
}

@Suite("Byte-level tokenizer against the String-based reference")
struct TokenizerReferenceTests {
  /// Texts whose tokens differ between the two, with both token lists, for the failure message.
  /// The tokens are compared by their bytes: `String`'s `==` is canonical equivalence, under
  /// which a mark left uncomposed (`a` + U+0301 for `á`) would pass.
  static func differences(_ texts: [String]) -> [String] {
    var found: [String] = []
    for text in texts {
      let expected = ReferenceTokenizer.tokens(text)
      let actual = Tokenizer.tokens(text)
      if expected.map({ Array($0.utf8) }) != actual.map({ Array($0.utf8) }) && found.count < 5 {
        let scalars = text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
        found.append("\(scalars): expected \(expected), got \(actual)")
      }
    }
    return found
  }

  @Test("the same terms on the generated multilingual creators' text")
  func generatedCorpus() {
    let creators = DatasetGenerator(seed: 3).creators(count: 4_000).map(\.creator)
    let texts = creators.map { CreatorCorpus.text(of: $0) }
    #expect(Self.differences(texts) == [])
  }

  @Test("the same terms on every taxonomy seed in every language")
  func taxonomySeeds() {
    var texts: [String] = []
    for niche in Taxonomy.builtIn.niches {
      for (_, seeds) in niche.seeds { texts.append(contentsOf: seeds) }
    }
    #expect(texts.count > 100)
    #expect(Self.differences(texts) == [])
  }

  @Test("the corpus gives the stemmed terms, ids and counts of the reference tokenizer")
  func corpusMatchesReference() {
    let creators = DatasetGenerator(seed: 5).creators(count: 3_000).map(\.creator)
    Self.expectReferenceCorpus(creators)
  }

  /// Expects the corpus of `creators`, read in blocks of `blockSize`, to be the one built from
  /// the reference tokenizer, each creator's stemmers chosen from all its text before any term
  /// is read.
  static func expectReferenceCorpus(
    _ creators: [Creator], blockSize: Int = 7, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let corpus = CreatorCorpus(creators: creators, threads: 2, blockSize: blockSize)
    var terms: [String] = []
    var index: [String: Int32] = [:]
    var termIDs: [Int32] = []
    var termCounts: [UInt16] = []
    var offsets = [0]
    for creator in creators {
      var counts: [Int32: UInt16] = [:]
      var order: [Int32] = []
      // The corpus holds each token's stem in the stemmer of its script for this creator.
      let context = CreatorCorpus.stemContext(of: creator)
      // Each part's tokens, then the whole seeds found in it (see `SeedLexicon`).
      let parts = [creator.bio, creator.hashtags] + creator.categories + [creator.captions]
      let tokens = parts.filter { !$0.isEmpty }.flatMap { part in
        ReferenceTokenizer.tokens(part).flatMap { surface in
          // The word's stem, then its parts' stems when it is run-together words.
          let language = StemLanguage(rawValue: context.index(firstByte: surface.utf8.first ?? 0))
          guard let language else { return [surface] }
          let parts = HashtagSegmenter.builtIn.parts(of: surface)
          return ([surface] + parts).map { Stemmer.stem($0, language) }
        } + SeedLexicon.builtIn.matches(in: part)
      }
      for token in tokens {
        let id = index[token] ?? Int32(terms.count)
        if index[token] == nil {
          index[token] = id
          terms.append(token)
        }
        if counts[id] == nil { order.append(id) }
        counts[id, default: 0] += 1
      }
      termIDs.append(contentsOf: order)
      termCounts.append(contentsOf: order.map { counts[$0] ?? 0 })
      offsets.append(termIDs.count)
    }
    #expect(corpus.terms == terms, sourceLocation: sourceLocation)
    #expect(corpus.termIDs == termIDs, sourceLocation: sourceLocation)
    #expect(corpus.termCounts == termCounts, sourceLocation: sourceLocation)
    #expect(corpus.offsets == offsets, sourceLocation: sourceLocation)
  }

  @Test("the corpus chooses each row's stemmers after reading it, as from all its text first")
  func corpusStemmersOfMixedRows() {
    // Rows whose terms are read before the letters that decide their stemmer: Latin words
    // ahead of Polish, German or French letters, Cyrillic ones ahead of Ukrainian letters, with
    // the language declared, declared for the other script, unknown, missing or odd.
    let texts: [(bio: String, hashtags: String, captions: String)] = [
      ("kremach i twarzy zażółć", "#skincare #kremy", ""),
      ("уходу за кожей", "#догляду #шкірою їжа", "trainings daily"),
      ("Schöne Kleider und Rezepte", "#recettes #très", "журнал"),
      ("フィットネス大好き kremach", "#fitness #уходу", "ビジネス"),
      ("", "", ""),
      ("12 34", "#1a", "日本 ΟΔΟΣ"),
      ("recipes comidas canción ¿quieres?", "", "ﬁtness ｶﾞｷﾞ kremach"),
      // A Cyrillic Extended-D form whose NFKC target is the Ukrainian і while the form is no
      // letter: with no language declared the row is Russian, not Ukrainian (упражнения stems
      // to упражнен in Russian, to упражнени in Ukrainian).
      ("уходу упражнения \u{1E04C}", "", ""),
    ]
    let languages: [String?] = [
      nil, "", "en", "PL", "pl-PL", "de", "fr", "es", "ru", "uk", "UK-ua", "ja", "x",
      "e\u{301}n", "en\u{301}", "u\u{212A}", "p", "plx",
    ]
    var creators: [Creator] = []
    for (index, language) in languages.enumerated() {
      for (offset, text) in texts.enumerated() {
        var creator = Fixtures.creator("c\(index)-\(offset)")
        creator.language = language
        creator.bio = text.bio
        creator.hashtags = text.hashtags
        creator.captions = text.captions
        creator.categories = offset % 2 == 0 ? ["beauty", "Fitness Ćwiczenia"] : []
        creators.append(creator)
      }
    }
    // The declared code changing from row to row, inside blocks: rows with no terms between
    // rows of different codes, nil → "pl" → nil → "" → "pl", and canonically equivalent codes.
    let sequence: [(String?, String)] = [
      ("ru", "уходу за кожей"), ("uk", ""), ("pl", "уходу kremach"), (nil, "уходу kremach"),
      ("pl", "kremach уходу"), ("de", "12"), (nil, "kremach уходу"), ("", "kremach уходу"),
      ("pl", "kremach"), ("uk", "уходу"), (nil, "12 34"), ("ru", "уходу"), ("u\u{212A}", "уходу"),
      ("uK", "уходу"), ("uk", "уходу"), (nil, "уходу"), ("pl", ""), (nil, "kremach"),
      ("fr", "recettes"), ("en", "recettes"),
    ]
    for (index, (language, bio)) in sequence.enumerated() {
      var creator = Fixtures.creator("s\(index)")
      creator.language = language
      creator.bio = bio
      creator.hashtags = ""
      creator.captions = ""
      creator.categories = []
      creators.append(creator)
    }
    // Blocks of 5 and 9 across the rows of 8 per code: the code changes inside blocks.
    Self.expectReferenceCorpus(creators, blockSize: 5)
    Self.expectReferenceCorpus(creators, blockSize: 9)
  }

  @Test("the same terms on random Unicode text (seeded)")
  func randomUnicode() {
    var random = SeededRandom(seed: 18)
    // Scalars chosen to hit each rule: ASCII classes, apostrophes, Latin with diacritics and
    // compatibility forms (ligatures, ª, ², µ), combining marks, İ and final sigma, Cyrillic,
    // Greek, Thai, kana with voicing marks, CJK, compatibility ideographs, Hangul syllables and
    // conjoining jamo, full-width and half-width forms, emoji, Arabic-Indic digits.
    let pool: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0x27...0x27, 0x2019...0x2019, 0x2BC...0x2BC, 0xA0...0x24F, 0x300...0x36F,
      0x130...0x131, 0x3A3...0x3C9, 0x1E00...0x1EFF, 0x400...0x4FF, 0xE00...0xE7F, 0x3040...0x30FF,
      0x3099...0x309C, 0x4E00...0x4E80, 0xF900...0xF920, 0xAC00...0xAC40, 0x1100...0x11FF,
      0x3131...0x318E, 0xFB00...0xFB06, 0xFF01...0xFF9F, 0x1F300...0x1F64F, 0x660...0x669,
      0x2000...0x206F, 0x2460...0x24FF, 0x1D400...0x1D4FF, 0x10000...0x10FFFF,
    ]
    var texts: [String] = []
    for _ in 0..<20_000 {
      var text = String.UnicodeScalarView()
      let length = Int(random.next() % 24)
      // Most texts stay in a few ranges, as real text does; some mix everything.
      let ranges = (0..<3).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
      for _ in 0..<length {
        let range = ranges[Int(random.next() % 3)]
        let value = range.lowerBound + UInt32(random.next() % UInt64(range.count))
        if let scalar = Unicode.Scalar(value) { text.append(scalar) }
      }
      texts.append(String(text))
    }
    #expect(Self.differences(texts) == [])
  }

  @Test("one scanner, reused, drops what it held at an unsafe scalar anywhere in the text")
  func unsafeScalarAtEveryPosition() {
    var random = SeededRandom(seed: 29)
    // Safe scalars of the scripts the table reads (Latin, Polish, Cyrillic, kana, CJK, emoji,
    // apostrophes, digits, separators), and scalars that need normalization or the general
    // path: combining marks, a ligature, superscript two, İ, full-width and half-width forms,
    // a voicing mark, a compatibility ideograph, a conjoining jamo.
    let safe: [UInt32] = [
      0x61, 0x62, 0x41, 0x20, 0x27, 0x2019, 0x31, 0x23, 0x105, 0x142, 0x17C, 0xE9, 0xDF,
      0x43E, 0x456, 0x44B, 0x410, 0x30D5, 0x30A3, 0x65E5, 0x672C, 0x1F600, 0xB7, 0x2C,
    ]
    let unsafe: [UInt32] = [
      0x301, 0x308, 0xFB01, 0xB2, 0x130, 0xFF21, 0xFF76, 0x3099, 0xF900, 0x1161, 0xAA,
    ]
    var texts: [String] = []
    for _ in 0..<300 {
      let length = 1 + Int(random.next() % 16)
      let base = (0..<length).map { _ in safe[Int(random.next() % UInt64(safe.count))] }
      texts.append(Self.text(base))
      for position in 0...length {
        var scalars = base
        scalars.insert(unsafe[Int(random.next() % UInt64(unsafe.count))], at: position)
        texts.append(Self.text(scalars))
      }
    }
    var scanner = TermScanner()
    var found: [String] = []
    for text in texts {
      var actual: [String] = []
      var bytes = text
      bytes.withUTF8 { buffer in
        scanner.scan(buffer) { term in
          if !Stopwords.contains(term) { actual.append(String(decoding: term, as: UTF8.self)) }
        }
      }
      let expected = ReferenceTokenizer.tokens(text)
      if actual != expected && found.count < 5 {
        found.append("\(text.unicodeScalars.map(\.value)): expected \(expected), got \(actual)")
      }
    }
    #expect(texts.count > 2_000)
    #expect(found == [])
  }

  @Test("the scanner counts the letters that LetterCounts counts, on every path")
  func scannerLetters() {
    var random = SeededRandom(seed: 31)
    // Every letter LetterCounts knows (both cases), their neighbours, ASCII, CJK, and unsafe
    // scalars that send a text down the general path after some letters were counted.
    let letters = Array(
      "ąćęłńśźżĄĆĘŁŃŚŹŻäöüßÄÖÜñÑ¿¡áíóúàâçèêëîïôùûœіїєґІЇЄҐыэъёЫЭЪЁ".unicodeScalars.map(\.value))
    let others: [UInt32] = [
      0x61, 0x20, 0x23, 0xE9, 0xC0, 0x17E, 0x430, 0x44F, 0x65E5, 0x30D5, 0x1F600, 0x301, 0xFB01,
      0x130, 0xB2,
    ]
    var scanner = TermScanner()
    var mismatches = 0
    for round in 0..<3_000 {
      let length = Int(random.next() % 20)
      let values = (0..<length).map { _ in
        random.next() % 2 == 0
          ? letters[Int(random.next() % UInt64(letters.count))]
          : others[Int(random.next() % UInt64(others.count))]
      }
      var text = Self.text(values)
      var expected = StemContext.LetterCounts()
      expected.add(text)
      // Sometimes two texts between resets, as a row's parts are.
      if round % 3 == 0 { scanner.letters = StemContext.LetterCounts() }
      let before = scanner.letters
      text.withUTF8 { scanner.scan($0) { _ in } }
      var sum = before
      sum.add(expected)
      if scanner.letters != sum { mismatches += 1 }
    }
    #expect(mismatches == 0)
    #expect(StemContext.LetterCounts.letter(of: "ą") == 1)
    #expect(StemContext.LetterCounts.letter(of: "Ё") == 6)
    #expect(StemContext.LetterCounts.letter(of: "é") == 0)
  }

  /// The text of scalar values (all valid here).
  static func text(_ values: [UInt32]) -> String {
    String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
  }

  @Test("a text holding more terms than the scanner's first buffer for them")
  func manyHeldTerms() {
    // Over 1,024 bytes of terms, all safe: the held terms' buffer grows.
    let words = (0..<400).map { "słowo\($0 % 50)x уход\($0)" }
    let text = words.joined(separator: " ")
    #expect(Tokenizer.tokens(text) == ReferenceTokenizer.tokens(text))
    #expect(Tokenizer.tokens(text).count == 800)
  }

  @Test("long words, many combining marks and repeated apostrophes")
  func edges() {
    let letters = String(repeating: "a", count: 40)
    let texts = [
      letters, letters + "b", "x" + String(repeating: "\u{301}", count: 300) + "y",
      "ab''cd", "'ab'", "ab'", "rock'n'roll", "сім'я’s", "12", "1a", "١٢", "ΟΔΟΣ ΣΟΦΟΣ",
      "İstanbul", "ﬁtness ﬂow", "ｶﾞｷﾞ", "が", "か\u{3099}", "日", "日 本", "日本語", "the", "THE",
      "e\u{301}", "#skincare", "a\u{301}\u{302}b", "\u{1161}\u{11A8}", "\u{AC00}\u{11A8}",
    ]
    #expect(Self.differences(texts) == [])
  }

  @Test("ASCII runs read at once give the terms of the general path and of the reference")
  func asciiRuns() {
    var random = SeededRandom(seed: 41)
    // ASCII letters of both cases, digits, apostrophes, separators; scalars that put the runs
    // inside the scalar table's path (Polish, Cyrillic, a right quote, kana and CJK that open
    // bigram runs, emoji) and marks that lengthen a word without counting in it: an acute,
    // which sends the text down the general path, and the zero-width non-joiner and a tag
    // letter, which the table reads, so that an ASCII run continues a word whose bytes outnumber
    // its characters.
    let ascii: [UInt32] = [0x61, 0x7A, 0x41, 0x5A, 0x30, 0x39, 0x27, 0x20, 0x23, 0x2D, 0x0A]
    let other: [UInt32] = [0x17C, 0x434, 0x2019, 0x30AB, 0x65E5, 0x1F600, 0x301, 0x200C, 0xE0061]
    var texts: [String] = []
    for round in 0..<6_000 {
      var scalars: [UInt32] = []
      // Words up to past the longest kept length (40 characters), so the cut falls in a run.
      let length = Int(random.next() % 90)
      let mixed = round % 2 == 1
      for _ in 0..<length {
        let pick = random.next() % 16
        if mixed && pick == 0 {
          scalars.append(other[Int(random.next() % UInt64(other.count))])
        } else if pick < 11 {
          scalars.append(ascii[Int(random.next() % 4)])
        } else {
          scalars.append(ascii[Int(random.next() % UInt64(ascii.count))])
        }
      }
      texts.append(Self.text(scalars))
    }
    texts += [
      String(repeating: "a", count: 40), String(repeating: "a", count: 41),
      String(repeating: "ab'", count: 20), "a" + String(repeating: "\u{301}", count: 300) + "bcd",
      "日本abc", "日a", "カ'ab", "ab''", "'ab", "12'ab", "ab'12", "123", "1a", "a1",
      // Marks the table reads inside a word: the word's bytes before an ASCII run reach past the
      // term buffer's first 256 bytes, and it grows (241 bytes, then 253 with up to 40 more).
      "a" + String(repeating: "\u{200C}", count: 80) + "bcd",
      "a" + String(repeating: "\u{200C}", count: 84) + String(repeating: "b", count: 39),
      "a" + String(repeating: "\u{200C}", count: 84) + String(repeating: "b", count: 40),
      "a" + String(repeating: "\u{E0061}", count: 63) + String(repeating: "b", count: 39),
    ]
    // 39, 40 and 41 letters with a mark before the cut at the longest kept length.
    for count in 39...41 {
      for mark in ["\u{200C}", "\u{E0061}", "\u{200C}\u{E0061}\u{200C}"] {
        for position in [1, 20, count - 1] {
          texts.append(
            String(repeating: "a", count: position) + mark
              + String(repeating: "B", count: count - position))
        }
      }
    }
    #expect(Self.differences(texts) == [])
    // The same text through the general path (a combining mark alone at the end gives no term
    // but sends the text to Foundation's normalization) gives the same terms.
    var found: [String] = []
    for text in texts where Tokenizer.tokens(text) != Tokenizer.tokens(text + " \u{301}") {
      found.append(text)
    }
    #expect(Array(found.prefix(5)) == [])
  }

  @Test("every compatibility form the scalar table reads gives NFKC's terms beside any neighbour")
  func mappedForms() {
    // Every scalar the table reads as another: the compatibility forms of one safe scalar, in
    // whichever block they are (Latin-1 ª and ², Greek Extended, full- and half-width forms,
    // Cyrillic Extended-D, Arabic mathematical letters, segmented digits…). The pages are the
    // scanner's own, so the entries tested are the ones it reads.
    var mapped: [UInt32] = []
    for value: UInt32 in 0x80...0x10_FFFF {
      let entry = ScalarPages.page(Int(value >> 8))[Int(value & 0xFF)]
      guard UInt16(truncatingIfNeeded: entry >> 32) & ScalarFlags.safe != 0,
        let scalar = Unicode.Scalar(value),
        Array(String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars) != [scalar]
      else { continue }
      mapped.append(value)
    }
    // Full-width forms, ª and ², compatibility ideographs and mathematical letters among them,
    // and forms of the blocks outside the compatibility ones (Greek Extended, Cyrillic
    // Extended-D, Arabic mathematical letters, segmented digits).
    for value: UInt32 in [
      0xFF5C, 0xFF21, 0xFF41, 0xFF10, 0xAA, 0xB2, 0xF900, 0x1D400, 0x1F71, 0x1FBE, 0x1E9B,
      0x2C7C, 0xA770, 0xAB5C, 0x10781, 0x1E030, 0x1EE00, 0x1FBF0,
    ] {
      #expect(mapped.contains(value), "U+\(String(value, radix: 16))")
    }
    #expect(mapped.count > 3_000)
    // The forms whose NFKC target is a letter LetterCounts counts while the form itself is not
    // one: the letters must be the form's, as written, not its target's.
    let lettered: [UInt32] = [
      0xA69C, 0xA7F9, 0x1E047, 0x1E048, 0x1E04C, 0x1E065, 0x1E066, 0x1E067, 0x1E068,
    ]
    for value in lettered {
      #expect(mapped.contains(value), "U+\(String(value, radix: 16))")
      let target = Self.text([value]).precomposedStringWithCompatibilityMapping
      #expect(StemContext.LetterCounts.letter(of: target) != 0, "U+\(String(value, radix: 16))")
      #expect(StemContext.LetterCounts.letter(of: Self.text([value])) == 0)
    }
    // Each beside letters, digits, separators and apostrophes of ASCII, Polish, Cyrillic,
    // kana, CJK, Hangul and emoji, beside another form, and before forms and a sign followed by
    // a scalar that composes with what NFKC makes of them (Ａ + acute, half-width ｶ + a voicing
    // mark, circled ㉮ + a final jamo, the ångström sign + acute): a form or mark read as safe
    // where NFKC composes it gives other terms.
    let neighbours: [[UInt32]] = [
      [0x61], [0x5A], [0x31], [0x20], [0x27], [0x23], [0x17C], [0x434], [0x30AB], [0x65E5],
      [0xD55C], [0x1F600], [0xFF21, 0x301], [0xFF76, 0x3099], [0xFF76, 0xFF9E], [0x326E, 0x11A8],
      [0x212B, 0x301],
    ]
    // Scalars that compose with a preceding letter or syllable, put straight after each form.
    let composing: [UInt32] = [0x301, 0x3099, 0xFF9E, 0x11A8]
    var texts: [String] = []
    for (index, value) in mapped.enumerated() {
      let left = neighbours[index % neighbours.count]
      let right = neighbours[(index / neighbours.count) % neighbours.count]
      let other = mapped[(index * 7 + 3) % mapped.count]
      texts.append(Self.text([value]))
      texts.append(Self.text(left + [value] + right))
      texts.append(Self.text([0x61, 0x62, value, value, 0x63]))
      texts.append(Self.text([0x65E5, value, 0x672C, other] + left))
      texts.append(Self.text([value, 0x27] + right + [other, 0x20, value]))
      for mark in composing { texts.append(Self.text([value, mark])) }
      // Every neighbour on both sides, for a sample of the forms and all the lettered ones.
      if index % 16 == 0 || lettered.contains(value) {
        for neighbour in neighbours { texts.append(Self.text(neighbour + [value] + neighbour)) }
      }
    }
    #expect(Self.differences(texts) == [])
    // The letters the scanner counts are those of the text as written.
    var scanner = TermScanner()
    var wrongLetters: [String] = []
    for text in texts + lettered.map({ Self.text([0x443, 0x445, 0x43E, 0x434, 0x443, 0x20, $0]) }) {
      var expected = StemContext.LetterCounts()
      expected.add(text)
      scanner.letters = StemContext.LetterCounts()
      var bytes = text
      bytes.withUTF8 { scanner.scan($0) { _ in } }
      if scanner.letters != expected && wrongLetters.count < 5 {
        wrongLetters.append(
          text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
      }
    }
    #expect(wrongLetters == [])
  }

  @Test("the same terms on the real exports' text", .enabled(if: Fixtures.hasRealData))
  func realExports() throws {
    let root = try #require(Fixtures.realDataDirectory)
    var texts: [String] = []
    let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    while let url = files?.nextObject() as? URL {
      guard ["csv", "txt", "jsonl"].contains(url.pathExtension),
        let text = try? String(contentsOf: url, encoding: .utf8)
      else { continue }
      for line in text.split(separator: "\n") {
        if url.pathExtension == "jsonl" {
          // The text field of each record (the lines escape non-ASCII as \u sequences).
          if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)),
            let record = object as? [String: Any], let tweet = record["text"] as? String
          {
            texts.append(tweet)
          }
        } else {
          texts.append(String(line))
        }
      }
    }
    #expect(texts.count > 1_000)
    #expect(Self.differences(texts) == [])
  }
}

@Suite("Term interner")
struct TermInternerTests {
  @Test("ids are dense in first-insertion order and found again by their bytes")
  func ids() {
    var interner = TermInterner()
    var ids: [Int32] = []
    // Enough terms to double the table several times.
    for index in 0..<5_000 {
      var term = "term\(index % 3_000)"
      ids.append(term.withUTF8 { interner.intern($0) })
    }
    #expect(interner.count == 3_000)
    #expect(ids[0..<3_000] == ArraySlice((0..<3_000).map(Int32.init)))
    #expect(ids[3_000...] == ArraySlice((0..<2_000).map(Int32.init)))
    #expect(interner.string(1_234) == "term1234")
    var missing = "term3000"
    #expect(missing.withUTF8 { interner.find($0) } == nil)
  }

  @Test("bytes compare equal exactly when they are, at every length and differing byte")
  func byteComparison() {
    var random = SeededRandom(seed: 7)
    for count in 0...40 {
      let a = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      a.withUnsafeBytes { left in
        guard let leftBase = left.baseAddress ?? UnsafeRawPointer(bitPattern: 1) else { return }
        #expect(TermInterner.equal(leftBase, leftBase, count: count))
        for position in 0..<count {
          var b = a
          b[position] ^= 1 << UInt8(random.next() % 8)
          b.withUnsafeBytes { right in
            guard let rightBase = right.baseAddress else { return }
            #expect(!TermInterner.equal(leftBase, rightBase, count: count), "\(count) \(position)")
            #expect(TermInterner.equal(leftBase, rightBase, count: position))
          }
        }
      }
    }
  }

  @Test("stop words come first, each once, and are what the reference drops")
  func stopWords() {
    let interner = TermInterner(stopWords: true)
    #expect(interner.count == Stopwords.list.count)
    #expect(Set(Stopwords.list).count == Stopwords.list.count)
    #expect(Set(Stopwords.list) == ReferenceStopwords.words)
    for (id, word) in Stopwords.list.enumerated() { #expect(interner.string(id) == word) }
  }
}
