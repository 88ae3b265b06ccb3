import Foundation

/// Splits free text in any language into index terms for niche matching (<doc:Formulas#Text>).
///
/// - Text is NFKC-normalized (full-width Latin and compatibility forms fold; composed and
///   decomposed Polish or Ukrainian letters become the same) and lower-cased with Unicode rules.
/// - Runs of letters, digits and combining marks form words: Latin with diacritics (`pielęgnacja`),
///   Cyrillic (`догляд`, `уход`), Greek, and so on. Words shorter than two characters, all-digit
///   words and common function words are dropped.
/// - Scripts written without spaces (Han, Hiragana, Katakana, Hangul, Thai) become overlapping
///   character bigrams (`日焼け止め` → `日焼`, `焼け`, `け止`, `止め`); a lone character is a unigram.
/// - An apostrophe between letters stays in the word, as Ukrainian spells `сім'я` and `здоров'я`
///   (U+0027, U+2019 and U+02BC all become U+0027).
/// - `#` starts a hashtag; its body is tokenized like any text, so `#skincare` matches `skincare`.
///
/// ```swift
/// Tokenizer.tokens("Pielęgnacja cery #skincare 日焼け止め")
/// // ["pielęgnacja", "cery", "skincare", "日焼", "焼け", "け止", "止め"]
/// ```
/// The rules run over UTF-8 bytes in ``TermScanner``; the corpus interns its terms from there
/// without making a `String` per token.
///
/// - Complexity: O(n) in the text length.
package enum Tokenizer {
  /// The longest word kept, in characters; longer runs are usually URLs or noise.
  package static let maximumWordLength = 40

  /// The terms of `text`, in order, with repeats.
  package static func tokens(_ text: String) -> [String] {
    var result: [String] = []
    forEachToken(in: text) { result.append($0) }
    return result
  }

  /// Calls `body` with each term of `text`, in order.
  package static func forEachToken(in text: String, _ body: (String) -> Void) {
    if text.isEmpty { return }
    var text = text
    var scanner = TermScanner()
    text.withUTF8 { bytes in
      scanner.scan(bytes) { term in
        if !Stopwords.contains(term) { body(String(decoding: term, as: UTF8.self)) }
      }
    }
  }

  /// The index terms of `text` as the corpus writes them: each word stemmed by the stemmer
  /// `context` gives its script (see ``StemContext``), with repeats.
  package static func terms(_ text: String, context: StemContext) -> [String] {
    stemmedTokens(text, context: context).map(\.stem)
  }

  /// Each token of `text` with its stem (see ``terms(_:context:)``), in order, with repeats.
  package static func stemmedTokens(_ text: String, context: StemContext) -> [(
    surface: String, stem: String
  )] {
    var result: [(surface: String, stem: String)] = []
    forEachToken(in: text) { token in
      let index = context.index(firstByte: token.utf8.first ?? 0)
      let stem = StemLanguage(rawValue: index).map { Stemmer.stem(token, $0) } ?? token
      result.append((token, stem))
    }
    return result
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
}

/// Function words in the supported languages that carry no niche meaning.
enum Stopwords {
  /// Whether the UTF-8 `term` is a stop word.
  static func contains(_ term: UnsafeBufferPointer<UInt8>) -> Bool { interned.find(term) != nil }

  /// The stop words interned, for ``contains(_:)``.
  private static let interned = TermInterner(stopWords: true)

  /// The stop words of every language, each once, in list order.
  static let list: [String] = {
    var seen = Set<String>()
    return words.filter { seen.insert($0).inserted }
  }()

  private static let words: [String] = {
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
    return lists.flatMap { $0.split(separator: " ").map(String.init) }
  }()
}
