/// The languages the ``Stemmer`` has rules for.
package enum StemLanguage: Int, CaseIterable, Sendable {
  case en, es, de, fr, pl, ru, uk

  /// The language of an ISO 639-1 code (`"pl"`, `"PL"`, `"pl-PL"`), if it is one of these.
  package init?(code: String?) {
    guard let code else { return nil }
    // A code is read for every creator, and `prefix(2).lowercased()` made two strings of it:
    // when the first two characters are ASCII (a third byte that is not could combine with the
    // second), they are the first two bytes, lower-cased by setting bit 5 (only letters become
    // letters that way).
    var utf8 = code.utf8.makeIterator()
    guard let first = utf8.next(), let second = utf8.next() else { return nil }
    guard first < 0x80, second < 0x80, utf8.next() ?? 0 < 0x80 else {
      self.init(characters: code)
      return
    }
    self.init(first | 0x20, second | 0x20)
  }

  /// ``init(code:)`` by the code's first two characters, lower-cased (any Unicode text).
  private init?(characters code: String) {
    let lower = Array(code.prefix(2).lowercased().utf8)
    guard lower.count == 2 else { return nil }
    self.init(lower[0], lower[1])
  }

  /// The language of a lower-case two-letter code, given as its two bytes.
  private init?(_ first: UInt8, _ second: UInt8) {
    switch (first, second) {
    case (0x65, 0x6E): self = .en
    case (0x65, 0x73): self = .es
    case (0x64, 0x65): self = .de
    case (0x66, 0x72): self = .fr
    case (0x70, 0x6C): self = .pl
    case (0x72, 0x75): self = .ru
    case (0x75, 0x6B): self = .uk
    default: return nil
    }
  }

  /// Whether the language is written in Cyrillic.
  package var isCyrillic: Bool { self == .ru || self == .uk }
}

/// Light inflectional stemming (suffix stripping) for en, es, de, fr, pl, ru and uk, so that
/// inflected forms of a word meet: `pielęgnacji` ~ `pielęgnacja`, `kremach` ~ `krem`,
/// `уходу` ~ `уход`, `догляду` ~ `догляд`, `trainings` ~ `training`.
///
/// The rules are light on purpose (inflection, not derivation), written from the published
/// descriptions:
/// - **en**: Porter's step 1 (plurals, `-ed`/`-ing` with the `e` restoring and undoubling rules,
///   `y` → `i`), M. F. Porter, "An algorithm for suffix stripping", 1980.
/// - **es**, **fr**: plural removal after folding accents, as J. Savoy's light stemmers (UniNE,
///   "Light stemming approaches for the French, Portuguese, German and Hungarian languages",
///   2006); Spanish also drops an `-e` after a consonant so `-s` and `-es` plurals meet. Gender
///   is kept, so `moda` and `modo` stay apart.
/// - **de**: umlauts folded, then CISTEM's inflectional endings (Weißweiler & Fraser, 2017):
///   `-em -er -nd` on words over five letters (`-en`, `-es` too here), then `-e -s -n`.
/// - **pl**, **ru**, **uk**: the longest matching case ending of nouns and adjectives is
///   removed (the noun and adjective endings of the Snowball Russian stemmer; Polish and
///   Ukrainian lists from their declension tables), keeping at least three letters.
///
/// Every stem is computed once per distinct term and language by the corpus (a per-term
/// transform at interning time), so the cost per token stays one table look-up.
package enum Stemmer {
  /// The stem of `word` (lower-case, as the ``Tokenizer`` writes terms) in `language`.
  package static func stem(_ word: String, _ language: StemLanguage) -> String {
    var scalars = word.unicodeScalars.map(\.value)
    stem(&scalars, language)
    var result = String.UnicodeScalarView()
    for value in scalars { if let scalar = Unicode.Scalar(value) { result.append(scalar) } }
    return String(result)
  }

  /// Stems the scalars of a lower-case word in place.
  package static func stem(_ word: inout [UInt32], _ language: StemLanguage) {
    // Words with digits or apostrophes, or too short to carry an ending, are kept.
    if word.count < 4 { return }
    for scalar in word where scalar < 0x61 || scalar == 0x27 { return }
    switch language {
    case .en: english(&word)
    case .es: spanish(&word)
    case .fr: french(&word)
    case .de: german(&word)
    case .pl: strip(&word, endings: polishEndings)
    case .ru: strip(&word, endings: russianEndings)
    case .uk: strip(&word, endings: ukrainianEndings)
    }
  }

  // MARK: - Helpers

  private static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

  /// Whether `word` ends with `suffix` (compared scalar by scalar, without allocating).
  private static func ends(_ word: [UInt32], _ suffix: String) -> Bool {
    var index = word.count
    for scalar in suffix.unicodeScalars.reversed() {
      index -= 1
      if index < 0 || word[index] != scalar.value { return false }
    }
    return true
  }

  /// Removes the longest ending of `endings` that leaves at least `minimum` scalars.
  private static func strip(_ word: inout [UInt32], endings: [[UInt32]], minimum: Int = 3) {
    for ending in endings where word.count - ending.count >= minimum {
      if word.suffix(ending.count).elementsEqual(ending) {
        word.removeLast(ending.count)
        return
      }
    }
  }

  /// Endings sorted longest first, so the first match is the longest.
  private static func endings(_ list: [String]) -> [[UInt32]] {
    list.map(scalars).sorted { $0.count > $1.count }
  }

  // MARK: - English (Porter step 1)

  private static func isVowel(_ word: [UInt32], _ index: Int) -> Bool {
    switch word[index] {
    case 0x61, 0x65, 0x69, 0x6F, 0x75: return true
    case 0x79: return index > 0 && !isVowel(word, index - 1)
    default: return false
    }
  }

  /// Porter's m: the number of vowel–consonant sequences in `word[0..<end]`.
  private static func measure(_ word: [UInt32], _ end: Int) -> Int {
    var count = 0
    var index = 0
    while index < end && !isVowel(word, index) { index += 1 }
    while index < end {
      while index < end && isVowel(word, index) { index += 1 }
      if index >= end { break }
      while index < end && !isVowel(word, index) { index += 1 }
      count += 1
    }
    return count
  }

  private static func hasVowel(_ word: [UInt32], _ end: Int) -> Bool {
    (0..<end).contains { isVowel(word, $0) }
  }

  /// Consonant–vowel–consonant at the end, the last not w, x or y (Porter's *o).
  private static func endsCVC(_ word: [UInt32]) -> Bool {
    let count = word.count
    guard count >= 3 else { return false }
    let last = word[count - 1]
    return !isVowel(word, count - 3) && isVowel(word, count - 2) && !isVowel(word, count - 1)
      && last != 0x77 && last != 0x78 && last != 0x79
  }

  private static func english(_ word: inout [UInt32]) {
    // Step 1a.
    if ends(word, "sses") || ends(word, "ies") {
      word.removeLast(2)
    } else if ends(word, "ss") || ends(word, "us") || ends(word, "is") {
      // kept
    } else if ends(word, "s") {
      word.removeLast()
    }
    // Step 1b.
    var stripped = false
    if ends(word, "eed") {
      if measure(word, word.count - 3) > 0 { word.removeLast() }
    } else if ends(word, "ed"), hasVowel(word, word.count - 2) {
      word.removeLast(2)
      stripped = true
    } else if ends(word, "ing"), hasVowel(word, word.count - 3) {
      word.removeLast(3)
      stripped = true
    }
    if stripped {
      if ends(word, "at") || ends(word, "bl") || ends(word, "iz") {
        word.append(0x65)
      } else if word.count >= 2, word[word.count - 1] == word[word.count - 2],
        !isVowel(word, word.count - 1),
        ![0x6C, 0x73, 0x7A].contains(word[word.count - 1])
      {
        word.removeLast()
      } else if measure(word, word.count) == 1 && endsCVC(word) {
        word.append(0x65)
      }
    }
    // Step 1c.
    if let last = word.last, last == 0x79, word.count > 2, hasVowel(word, word.count - 1) {
      word[word.count - 1] = 0x69
    }
  }

  // MARK: - Spanish and French (plurals)

  /// Folds acute, grave, circumflex and diaeresis accents of Latin vowels and ç (not ñ).
  private static func foldAccents(_ word: inout [UInt32]) {
    for index in word.indices {
      switch word[index] {
      case 0xE0, 0xE1, 0xE2, 0xE4: word[index] = 0x61
      case 0xE8, 0xE9, 0xEA, 0xEB: word[index] = 0x65
      case 0xEC, 0xED, 0xEE, 0xEF: word[index] = 0x69
      case 0xF2, 0xF3, 0xF4, 0xF6: word[index] = 0x6F
      case 0xF9, 0xFA, 0xFB, 0xFC: word[index] = 0x75
      case 0xE7: word[index] = 0x63
      default: break
      }
    }
  }

  private static func spanish(_ word: inout [UInt32]) {
    foldAccents(&word)
    // The plural -s, then an -e after a consonant: a word ending in a vowel takes -s and one
    // ending in a consonant -es, so `deportes`, `deporte`, `canciones` and `canción` all lose
    // what the other form lacks (`deport`, `cancion`).
    if word.count > 4, word.last == 0x73, !ends(word, "ss") { word.removeLast() }
    if word.count > 4, word.last == 0x65, !isVowel(word, word.count - 2) { word.removeLast() }
  }

  private static func french(_ word: inout [UInt32]) {
    foldAccents(&word)
    guard word.count > 4 else { return }
    if ends(word, "aux") {
      word.removeLast(2)
      word.append(0x6C)
    } else if let last = word.last, last == 0x73 || last == 0x78, !ends(word, "ss") {
      word.removeLast()
    }
  }

  // MARK: - German (CISTEM's endings)

  private static func german(_ word: inout [UInt32]) {
    var folded: [UInt32] = []
    folded.reserveCapacity(word.count + 1)
    for scalar in word {
      switch scalar {
      case 0xE4: folded.append(0x61)
      case 0xF6: folded.append(0x6F)
      case 0xFC: folded.append(0x75)
      case 0xDF: folded.append(contentsOf: [0x73, 0x73])
      default: folded.append(scalar)
      }
    }
    word = folded
    if word.count > 5,
      ends(word, "em") || ends(word, "er") || ends(word, "en") || ends(word, "es")
        || ends(word, "nd")
    {
      word.removeLast(2)
    } else if word.count > 4, let last = word.last, last == 0x65 || last == 0x73 || last == 0x6E {
      word.removeLast()
    }
  }

  // MARK: - Polish, Russian, Ukrainian (case endings)

  static let polishEndings = endings([
    "ami", "ach", "ego", "emu", "ych", "ich", "ymi", "imi", "owi", "owie", "om", "ów", "ie", "ia",
    "ią", "ię", "iu", "ej", "ym", "im", "ą", "ę", "a", "e", "i", "o", "u", "y",
  ])

  static let russianEndings = endings([
    "иями", "ями", "ами", "ией", "иям", "ием", "иях", "ими", "ыми", "его", "ого", "ему", "ому",
    "ее", "ие", "ые", "ое", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "их", "ых", "ую",
    "юю", "ая", "яя", "ою", "ею", "ев", "ов", "ье", "еи", "ии", "ям", "ам", "ах", "ях", "ию",
    "ью", "ия", "ья", "а", "е", "и", "й", "о", "у", "ы", "ь", "ю", "я",
  ])

  static let ukrainianEndings = endings([
    "ами", "ями", "ові", "еві", "ого", "ому", "ими", "іми", "ій", "ий", "ої", "ою", "ею", "ам",
    "ям", "ах", "ях", "ів", "їв", "ом", "ем", "ей", "их", "іх", "ім", "им", "ая", "яя", "а",
    "е", "є", "и", "і", "ї", "о", "у", "ю", "я", "ь", "й",
  ])
}

/// Which stemmer each term of one text gets: the creator's declared language when it is one the
/// ``Stemmer`` knows, else a guess from the text's letters: Polish (ą ć ę ł ń ś ź ż), German
/// (ä ö ü ß), Spanish (ñ á í ó ú ¿ ¡) or French (à â ç è ê ë î ï ô ù û œ) by the most letters
/// particular to each, else English, for words in Latin script; Ukrainian (і ї є ґ) or Russian
/// (ы э ъ ё, and by default) for words in Cyrillic. A word's script is read from its first byte,
/// so a Russian bio's English hashtags get the English rules. Other scripts are not stemmed
/// (Japanese and Chinese keep their bigrams).
package struct StemContext: Sendable, Equatable {
  /// Stemmer for words in Latin script.
  package var latin: StemLanguage
  /// Stemmer for words in Cyrillic script.
  package var cyrillic: StemLanguage

  /// The context of one language (query terms whose language is known, such as seeds).
  package init(language: StemLanguage) {
    latin = language.isCyrillic ? .en : language
    cyrillic = language.isCyrillic ? language : .ru
  }

  /// The context of a text with the given parts and declared language code.
  package init(declared: String?, parts: [String]) {
    var counts = LetterCounts()
    for part in parts { counts.add(part) }
    self.init(declared: StemLanguage(code: declared), counts: counts)
  }

  /// The context from a declared language and the text's letter counts.
  package init(declared: StemLanguage?, counts: LetterCounts) {
    latin = counts.latin
    cyrillic = counts.cyrillic
    if let declared {
      if declared.isCyrillic { cyrillic = declared } else { latin = declared }
    }
  }

  /// The stemmer for a term starting with `byte`, as `StemLanguage.rawValue`, or
  /// `StemLanguage.allCases.count` for a term that is not stemmed.
  @inline(__always)
  package func index(firstByte byte: UInt8) -> Int {
    index(script: Self.script(firstByte: byte))
  }

  /// The stemmer for a term in `script` (one of ``latinScript``, ``cyrillicScript`` and
  /// ``otherScript``), as ``index(firstByte:)`` gives it.
  @inline(__always)
  package func index(script: Int) -> Int {
    switch script {
    case Self.latinScript: return latin.rawValue
    case Self.cyrillicScript: return cyrillic.rawValue
    default: return Self.none
    }
  }

  /// The script of a term starting with `byte`, which decides its stemmer once the text's
  /// context is known: a term can be read before the letters of the rest of its text are.
  ///
  /// - Parameter byte: The first UTF-8 byte of the term.
  /// - Returns: ``latinScript`` (a–z, or a two-byte scalar led by C3–C5: U+00C0…U+017F),
  ///   ``cyrillicScript`` (led by D0–D3: U+0400…U+04FF) or ``otherScript`` (not stemmed).
  @inline(__always)
  package static func script(firstByte byte: UInt8) -> Int {
    if byte < 0x80 { return (byte >= 0x61 && byte <= 0x7A) ? latinScript : otherScript }
    if byte >= 0xC3 && byte <= 0xC5 { return latinScript }
    if byte >= 0xD0 && byte <= 0xD3 { return cyrillicScript }
    return otherScript
  }

  /// The script of terms stemmed by ``latin``.
  package static let latinScript = 0
  /// The script of terms stemmed by ``cyrillic``.
  package static let cyrillicScript = 1
  /// The script of terms that are not stemmed.
  package static let otherScript = 2

  /// The index meaning "not stemmed".
  package static let none = StemLanguage.allCases.count

  /// Counts of letters particular to each language in a text.
  package struct LetterCounts: Sendable, Equatable {
    var polish = 0
    var german = 0
    var spanish = 0
    var french = 0
    var ukrainian = 0
    var russian = 0

    /// No letters counted.
    package init() {}

    /// Adds the letters of `text` (one pass over its two-byte UTF-8 sequences).
    package mutating func add(_ text: String) {
      var text = text
      text.withUTF8 { add($0) }
    }

    /// Adds the letters of UTF-8 `text`.
    package mutating func add(_ text: UnsafeBufferPointer<UInt8>) {
      guard let base = text.baseAddress else { return }
      // Most text is ASCII: skip it eight bytes at a time.
      var start = 0
      let raw = UnsafeRawPointer(base)
      while start + 8 <= text.count
        && raw.loadUnaligned(fromByteOffset: start, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        start += 8
      }
      if start == text.count { return }
      var previous: UInt8 = start > 0 ? base[start - 1] : 0
      for index in start..<text.count {
        let byte = base[index]
        defer { previous = byte }
        guard byte >= 0x80 && byte < 0xC0 else { continue }
        switch (previous, byte) {
        case (0xC4, 0x84...0x87), (0xC4, 0x98), (0xC4, 0x99), (0xC5, 0x81...0x84),
          (0xC5, 0x9A), (0xC5, 0x9B), (0xC5, 0xB9...0xBC):
          polish += 1
        case (0xC3, 0xA4), (0xC3, 0xB6), (0xC3, 0xBC), (0xC3, 0x9F), (0xC3, 0x84), (0xC3, 0x96),
          (0xC3, 0x9C):
          german += 1
        case (0xC3, 0xB1), (0xC3, 0x91), (0xC2, 0xBF), (0xC2, 0xA1), (0xC3, 0xA1), (0xC3, 0xAD),
          (0xC3, 0xBA):
          spanish += 1
        case (0xC3, 0xA0), (0xC3, 0xA2), (0xC3, 0xA7), (0xC3, 0xA8), (0xC3, 0xAA), (0xC3, 0xAB),
          (0xC3, 0xAE), (0xC3, 0xAF), (0xC3, 0xB4), (0xC3, 0xB9), (0xC3, 0xBB), (0xC5, 0x93):
          french += 1
        case (0xD1, 0x96), (0xD1, 0x97), (0xD1, 0x94), (0xD2, 0x91), (0xD0, 0x86), (0xD0, 0x87),
          (0xD0, 0x84), (0xD2, 0x90):
          ukrainian += 1
        case (0xD1, 0x8B), (0xD1, 0x8D), (0xD1, 0x8A), (0xD1, 0x91), (0xD0, 0xAB), (0xD0, 0xAD),
          (0xD0, 0xAA), (0xD0, 0x81):
          russian += 1
        default: break
        }
      }
    }

    /// Adds the counts of `other`.
    package mutating func add(_ other: LetterCounts) {
      polish += other.polish
      german += other.german
      spanish += other.spanish
      french += other.french
      ukrainian += other.ukrainian
      russian += other.russian
    }

    /// Adds one letter of the language `letter` (as ``letter(of:)`` numbers them).
    @inline(__always)
    package mutating func add(letter: Int) {
      switch letter {
      case 1: polish += 1
      case 2: german += 1
      case 3: spanish += 1
      case 4: french += 1
      case 5: ukrainian += 1
      case 6: russian += 1
      default: break
      }
    }

    /// The language whose particular letter `scalar` is, numbered 1 (pl), 2 (de), 3 (es),
    /// 4 (fr), 5 (uk) and 6 (ru), or 0: found by counting the letters of `scalar` itself, so a
    /// scanner that counts scalar by scalar counts what ``add(_:)`` counts.
    ///
    /// - Parameter scalar: The text of one scalar.
    /// - Returns: The language's number, or 0 when the scalar is no such letter.
    package static func letter(of scalar: String) -> Int {
      var counts = LetterCounts()
      counts.add(scalar)
      let found = [
        counts.polish, counts.german, counts.spanish, counts.french, counts.ukrainian,
        counts.russian,
      ]
      return (found.firstIndex(of: 1) ?? -1) + 1
    }

    /// The Latin-script language with the most particular letters (ties in the order pl, de,
    /// es, fr), or English when there are none.
    package var latin: StemLanguage {
      let best = max(polish, german, spanish, french)
      if best == 0 { return .en }
      if polish == best { return .pl }
      if german == best { return .de }
      if spanish == best { return .es }
      return .fr
    }

    /// Ukrainian when it has more particular letters than Russian, else Russian.
    package var cyrillic: StemLanguage { ukrainian > russian ? .uk : .ru }
  }
}
