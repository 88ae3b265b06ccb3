import CreatorMatchSupport

/// What kind of account a creator row is: a person who creates content, or a brand,
/// organization, media outlet or politician that happens to sit in a creator export.
///
/// Real exports of "top influencers" mix in `nike`, `natgeo` or `narendramodi`; a marketer
/// shortlisting influencers rarely wants them. ``infer(handle:id:name:categories:bio:)`` decides
/// the type with a conservative rule (see there), and a brief keeps or drops types with
/// `constraints.account_types` (default ``defaultAllowed``).
///
/// ```swift
/// AccountType.infer(handle: "nike", id: "nike", name: "Nike", categories: [], bio: "")  // .brand
/// AccountType.infer(handle: nil, id: "c1", name: nil, categories: ["Politician"], bio: "")
/// // .politician
/// ```
public enum AccountType: String, Sendable, CaseIterable, Equatable {
  /// A person who publishes content: the default when nothing says otherwise.
  case creator
  /// A company or product brand (`nike`, `sephora`).
  case brand
  /// A club, league, agency, charity or public body (`realmadrid`, `nasa`).
  case organization
  /// A publisher, news outlet or content page (`natgeo`, `9gag`, `bbcnews`).
  case media
  /// An elected official, candidate or government office holder (`narendramodi`).
  case politician

  /// The types a brief keeps when it does not list `account_types`: creators and media pages
  /// (meme and magazine pages sell sponsored posts like creators do); brands, organizations and
  /// politicians are dropped, since a brand shortlisting influencers does not hire them.
  public static let defaultAllowed: [AccountType] = [.creator, .media]

  /// Position in `allCases`, as stored in the table's account-type column.
  public var ordinal: Int {
    switch self {
    case .creator: return 0
    case .brand: return 1
    case .organization: return 2
    case .media: return 3
    case .politician: return 4
    }
  }

  /// The type named by `text` (`"creator"`, `"Brand"`, `"organisation"`, `"politicians"`).
  public init?(parsing text: String) {
    switch LabelText.normalized(text) {
    case "creator", "creators", "person", "influencer", "influencers": self = .creator
    case "brand", "brands", "company", "companies": self = .brand
    case "organization", "organizations", "organisation", "organisations", "org":
      self = .organization
    case "media", "medium", "publisher", "publishers": self = .media
    case "politician", "politicians": self = .politician
    default: return nil
    }
  }

  /// The account type of one creator row, by the first of these rules that applies:
  ///
  /// 1. the handle (or id) is in ``knownAccounts``, a short hand-checked list of well-known
  ///    non-creator accounts among Instagram's most followed (exports often carry no text for
  ///    them at all);
  /// 2. a whole category label names an account type rather than a niche (``labelTypes``:
  ///    `Brand`, `Company`, `News & media`, `Politician`, `Sports team`, …); niche labels such as
  ///    `Politics` or `Business & Careers` do not count, since creators write about politics and
  ///    business too;
  /// 3. the display name ends in a legal or club suffix (`Inc`, `LLC`, `GmbH`, `F.C.`, `C.F.`:
  ///    brand or organization) or in a media word (`News`, `Magazine`, `TV`, `Radio`: media);
  /// 4. the bio contains one of ``bioPhrases`` as whole words (`prime minister`, `member of
  ///    parliament`, `breaking news`, `customer service`, `registered charity`, …);
  ///
  /// else ``creator``. Every rule needs an explicit signal, so a person is never dropped for
  /// what they write about.
  /// - Parameters:
  ///   - handle: The display handle, with or without `@`.
  ///   - id: The account id (exports often use the handle as id).
  ///   - name: The display name.
  ///   - categories: The category labels as written.
  ///   - bio: The profile text.
  /// - Returns: The inferred type.
  /// - Complexity: O(labels + length of name and bio).
  public static func infer(
    handle: String?, id: String, name: String?, categories: [String], bio: String
  ) -> AccountType {
    if let type = known(handle: handle, id: id) { return type }
    for label in categories {
      if let type = type(forLabel: label) { return type }
    }
    return type(forName: name) ?? type(forBio: bio) ?? .creator
  }

  /// Rule 1 of ``infer(handle:id:name:categories:bio:)``: the type of a listed handle or id.
  public static func known(handle: String?, id: String) -> AccountType? {
    // The handle, then the id, each looked up on its own: an array of the two was an allocation
    // for every creator of a table.
    if let handle, let type = knownType(handle) { return type }
    return knownType(id)
  }

  /// The type of a listed account `key`, compared in lower case without a leading `@`.
  private static func knownType(_ key: String) -> AccountType? {
    // ASCII keys (nearly all) by their bytes, without a lower-cased copy: the table layout
    // looks up every creator's handle and id.
    let ascii = key.utf8.withContiguousStorageIfAvailable { knownTypeASCII($0) }
    if let ascii, let known = ascii { return known }
    return knownTypeGeneral(key)
  }

  /// ``knownType(_:)`` of an ASCII key by its bytes: `.some(nil)` for one not listed; `nil` when
  /// the key has a byte past ASCII (lower-casing a non-ASCII scalar can give an ASCII letter, as
  /// the Kelvin sign gives `k`), for ``knownTypeGeneral(_:)``.
  ///
  /// For ASCII, `lowercased()` maps only `A`–`Z`, a leading `@` is a character of its own, and
  /// equal strings are equal bytes, so this is the general rule byte for byte.
  package static func knownTypeASCII(_ key: UnsafeBufferPointer<UInt8>) -> AccountType?? {
    var start = 0
    if key.count > 0 && key[0] == UInt8(ascii: "@") { start = 1 }
    let length = key.count - start
    // Longer than any listed handle: only whether it is ASCII is left to tell.
    guard length <= knownAccountBytes.longest else {
      for byte in key where byte >= 0x80 { return nil }
      return .some(nil)
    }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) { lower in
      for index in 0..<length {
        let byte = key[start + index]
        if byte >= 0x80 { return nil }
        lower[index] = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
      }
      let ordinal = knownAccountBytes.table.value(
        forBytes: UnsafeBufferPointer(rebasing: UnsafeBufferPointer(lower)[0..<length]))
      return .some(ordinal.map { AccountType.allCases[$0] })
    }
  }

  /// ``knownType(_:)`` by the rule as written, for any key.
  package static func knownTypeGeneral(_ key: String) -> AccountType? {
    var text = key.lowercased()
    if text.hasPrefix("@") { text.removeFirst() }
    return knownAccounts[text]
  }

  /// ``knownAccounts`` by their keys' bytes, and the longest key's length.
  private static let knownAccountBytes: (table: ExactBytesTable, longest: Int) = {
    var table = ExactBytesTable()
    var longest = 0
    for (key, type) in knownAccounts {
      table.insert(key, type.ordinal)
      longest = max(longest, key.utf8.count)
    }
    return (table, longest)
  }()

  /// Rule 2: the type a whole category label names, if any.
  public static func type(forLabel label: String) -> AccountType? {
    labelTypes[Taxonomy.normalizeLabel(label)]
  }

  /// Rule 3: the type a display name's last word (or last two one-letter words, `C.F.`) names.
  public static func type(forName name: String?) -> AccountType? {
    guard let name, !name.isEmpty else { return nil }
    let words = LabelText.words(LabelText.normalized(name))
    guard words.count > 1, let last = words.last else { return nil }
    if let type = nameSuffixes[String(last)] { return type }
    return words.count > 2 ? nameSuffixes[words.suffix(2).joined()] : nil
  }

  /// Rule 4: the type of the earliest-listed ``bioPhrases`` entry found in `bio` as whole words.
  /// - Complexity: O(words of the bio): a phrase is tried only where its first word occurs.
  public static func type(forBio bio: String) -> AccountType? {
    guard !bio.isEmpty else { return nil }
    let words = LabelText.words(LabelText.normalized(bio))
    var best: Int?
    for start in words.indices {
      guard let candidates = phrasesByFirstWord[String(words[start])] else { continue }
      for (priority, phrase) in candidates where best.map({ priority < $0 }) ?? true {
        let end = start + phrase.count
        if end <= words.count && zip(words[start..<end], phrase).allSatisfy({ $0 == $1 }) {
          best = priority
        }
      }
    }
    return best.map { bioPhrases[$0].1 }
  }

  /// ``bioPhrases`` split into words and grouped by first word, with their priority.
  /// Per term of `vocabulary`, whether it is a word of some ``bioPhrases`` entry as the
  /// ``Tokenizer`` writes it: a bio without any such term cannot match a phrase, so the table
  /// build skips ``type(forBio:)`` for it.
  package static func bioPhraseTermMask(_ vocabulary: [String]) -> [Bool] {
    var words = Set<String>()
    for (phrase, _) in bioPhrases {
      // The corpus holds stems, in whichever language a creator's text was read.
      Tokenizer.forEachToken(in: phrase) { word in
        words.insert(word)
        for language in StemLanguage.allCases { words.insert(Stemmer.stem(word, language)) }
      }
    }
    return vocabulary.map { words.contains($0) }
  }

  /// Which rows' bios ``type(forBio:)`` needs to read, from the terms the corpus already found
  /// in their text.
  ///
  /// A row is read when its text has a term of some phrase (``bioPhraseTermMask(_:)``), as
  /// before; but a common word of one phrase (`daily` of "daily newspaper", `football` of
  /// "football club") sent a tenth of generated rows to the bio rule, which then found nothing.
  /// For a bio the ``Tokenizer`` splits at least wherever the bio rule does (see
  /// ``readsLikeTokenizer(_:)``), every word of a phrase the rule finds is a term of the row (the
  /// word, or a stem of it), so a phrase can match only if the row has a term for each of its
  /// words that is not a stop word; a row with no such phrase is skipped. Any other bio is read
  /// whenever the first check says so, as before.
  package struct BioPhraseFilter: Sendable {
    /// Per term of the vocabulary, whether it is a word of some phrase.
    let mask: [Bool]
    /// Per term, an index into `words` (0: none).
    private let termWords: [Int32]
    /// Per word form, the phrases having it at each of their first four word positions, as bits
    /// of the phrases' indices; `words[0]` has none.
    private let words: [WordBits]

    /// The phrases having a word at each position, as bits.
    private static var required: WordBits { shape.required }

    /// Bits of phrases by word position (positions past four are not tracked).
    struct WordBits: Sendable {
      var positions: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

      /// Sets `bit` at word position `position` (0–3).
      static func set(_ bits: inout WordBits, position: Int, bit: UInt64) {
        switch position {
        case 0: bits.positions.0 |= bit
        case 1: bits.positions.1 |= bit
        case 2: bits.positions.2 |= bit
        default: bits.positions.3 |= bit
        }
      }
    }

    /// What the filter needs of ``bioPhrases``, made once: per word form, its phrase bits, and
    /// the phrases having a word at each position. A phrase with no word that is not a stop word,
    /// or with more than four, has no bits in `required`: no row rules it out by its terms. With
    /// more phrases than 64, every row is read as before (`usable` false).
    private static let shape: (forms: [String: WordBits], required: WordBits, usable: Bool) = {
      var forms: [String: WordBits] = [:]
      var required = WordBits()
      guard bioPhrases.count <= 64 else { return (forms, required, false) }
      for (index, (phrase, _)) in bioPhrases.enumerated() {
        let bit: UInt64 = 1 << UInt64(index)
        var tokens: [String] = []
        Tokenizer.forEachToken(in: phrase) { tokens.append($0) }
        guard !tokens.isEmpty && tokens.count <= 4 else { continue }
        for (position, token) in tokens.enumerated() {
          WordBits.set(&required, position: position, bit: bit)
          // The forms the corpus can hold for the word: as it is, or stemmed in any language.
          var variants: Set<String> = [token]
          for language in StemLanguage.allCases { variants.insert(Stemmer.stem(token, language)) }
          for variant in variants {
            WordBits.set(&forms[variant, default: WordBits()], position: position, bit: bit)
          }
        }
      }
      return (forms, required, true)
    }()

    /// The filter for a corpus of `vocabulary`.
    ///
    /// - Parameter vocabulary: The corpus's terms, a term's id its index.
    /// - Complexity: O(terms).
    package init(vocabulary: [String]) {
      mask = AccountType.bioPhraseTermMask(vocabulary)
      var words = [WordBits()]
      var termWords = [Int32](repeating: 0, count: vocabulary.count)
      let forms = Self.shape.forms
      // A term is one form (terms are distinct), so there are at most as many as forms: a few
      // hundred.
      for (id, term) in vocabulary.enumerated() where mask[id] {
        guard let bits = forms[term] else { continue }
        termWords[id] = Int32(words.count)
        words.append(bits)
      }
      self.termWords = termWords
      self.words = words
    }

    /// Whether ``AccountType/type(forBio:)`` of `bio` can find a phrase, for a row whose text
    /// has the terms `terms` of the filter's vocabulary (`false` only when it cannot).
    ///
    /// - Parameters:
    ///   - bio: The row's bio.
    ///   - terms: The ids of the row's terms (each once or more; order does not matter).
    /// - Returns: Whether the row's bio must be read.
    /// - Complexity: O(terms), and O(bio) when one of them is a phrase's word.
    package func mayMatch(bio: String, terms: UnsafeBufferPointer<Int32>) -> Bool {
      var have = WordBits()
      var any = false
      for term in terms where mask[Int(term)] {
        any = true
        let bits = words[Int(termWords[Int(term)])].positions
        have.positions.0 |= bits.0
        have.positions.1 |= bits.1
        have.positions.2 |= bits.2
        have.positions.3 |= bits.3
      }
      guard any else { return false }
      guard Self.shape.usable && Self.readsLikeTokenizer(bio) else { return true }
      let required = Self.required.positions
      let candidates =
        (have.positions.0 | ~required.0) & (have.positions.1 | ~required.1)
        & (have.positions.2 | ~required.2) & (have.positions.3 | ~required.3)
      // A phrase with no tracked word has no bits in `required`, so it is in `candidates`.
      return candidates & Self.phraseBits != 0
    }

    /// The bits of every phrase.
    private static var phraseBits: UInt64 {
      bioPhrases.count >= 64 ? ~0 : (1 << UInt64(bioPhrases.count)) - 1
    }

    /// Whether the ``Tokenizer`` ends a word of `bio` at every point where the bio rule's
    /// ``LabelText/normalized(_:)`` does, reading the letters between alike: `bio` has no `'` or
    /// `+` (an apostrophe between letters stays in the tokenizer's word, and the rule reads `+` as
    /// "plus"), and every other scalar is one the tokenizer reads without normalizing the text
    /// (NFKC leaves it alone and it lower-cases to one scalar, so no ASCII letter comes of it)
    /// that is no apostrophe and no grapheme extender (the tokenizer keeps every extender in a
    /// word, the rule only letters). A scalar the tokenizer counts as a letter or digit is then
    /// one the rule does too, and where the rule joins more (digits that are not decimal, words
    /// of unspaced scripts), it finds fewer phrases, never more.
    ///
    /// - Parameter bio: The bio.
    /// - Returns: Whether the term check may skip the bio.
    /// - Complexity: O(bio).
    static func readsLikeTokenizer(_ bio: String) -> Bool {
      var lastPageNumber = -1
      var lastPage = ScalarPages.page(0)
      for scalar in bio.unicodeScalars {
        let value = scalar.value
        if value < 0x80 {
          if value == 0x27 || value == 0x2B { return false }
          continue
        }
        let pageNumber = Int(value >> 8)
        if pageNumber != lastPageNumber {
          lastPageNumber = pageNumber
          lastPage = ScalarPages.page(pageNumber)
        }
        let flags = UInt16(truncatingIfNeeded: lastPage[Int(value & 0xFF)] >> 32)
        if flags & ScalarFlags.safe == 0 || flags & ScalarFlags.apostrophe != 0 { return false }
        if flags & ScalarFlags.extend != 0 { return false }
      }
      return true
    }
  }

  static let phrasesByFirstWord: [String: [(Int, [Substring])]] = {
    var table: [String: [(Int, [Substring])]] = [:]
    for (priority, (phrase, _)) in bioPhrases.enumerated() {
      let words = LabelText.words(LabelText.normalized(phrase))
      guard let first = words.first else { continue }
      table[String(first), default: []].append((priority, words))
    }
    return table
  }()

  /// Whole category labels (normalized as ``Taxonomy/normalizeLabel(_:)``) that name an account
  /// type: Instagram business categories and provider account labels.
  public static let labelTypes: [String: AccountType] = {
    var table: [String: AccountType] = [:]
    let groups: [(AccountType, [String])] = [
      (
        .brand,
        [
          "brand", "brands", "company", "companies", "business account", "official store",
          "product service", "retail company", "shopping retail brand", "clothing brand",
          "cosmetics brand",
        ]
      ),
      (
        .organization,
        [
          "organization", "organisation", "nonprofit organization", "non profit organization",
          "nonprofit", "charity", "government organization", "sports team", "sports club",
          "sports league", "football club", "university", "political party",
        ]
      ),
      (
        .media,
        [
          "news media", "media news company", "news media website", "media", "publisher",
          "magazine", "newspaper", "tv channel", "broadcasting media production company",
          "media company",
        ]
      ),
      (
        .politician,
        ["politician", "politicians", "political candidate", "government official"]
      ),
    ]
    for (type, labels) in groups {
      for label in labels { table[Taxonomy.normalizeLabel(label)] = type }
    }
    return table
  }()

  /// Last words of a display name that mark a non-person account (normalized; `"c f"` is matched
  /// as `"cf"`).
  public static let nameSuffixes: [String: AccountType] = [
    "inc": .brand, "llc": .brand, "ltd": .brand, "gmbh": .brand, "plc": .brand, "corp": .brand,
    "corporation": .brand, "fc": .organization, "cf": .organization, "afc": .organization,
    "news": .media, "magazine": .media, "tv": .media, "radio": .media,
  ]

  /// Bio phrases (matched as whole words after normalization) that mark a non-person account; when
  /// a bio has several, the one listed first wins, so politician phrases outrank "breaking news".
  public static let bioPhrases: [(String, AccountType)] = [
    ("prime minister", .politician), ("member of parliament", .politician),
    ("chief minister", .politician), ("minister of", .politician), ("senator for", .politician),
    ("us senator", .politician), ("congressman", .politician), ("congresswoman", .politician),
    ("governor of", .politician), ("mayor of", .politician),
    ("president of the republic", .politician), ("primer ministro", .politician),
    ("premier ministre", .politician), ("bundeskanzler", .politician),
    ("abgeordneter", .politician), ("poseł na sejm", .politician),
    ("народный депутат", .politician), ("народний депутат", .politician),
    ("breaking news", .media), ("news channel", .media), ("news network", .media),
    ("news agency", .media), ("daily newspaper", .media), ("news outlet", .media),
    ("registered charity", .organization), ("nonprofit organization", .organization),
    ("non profit organization", .organization), ("football club", .organization),
    ("customer service", .brand), ("customer care", .brand), ("official store", .brand),
    ("free shipping", .brand), ("ships worldwide", .brand), ("worldwide shipping", .brand),
  ]
}
