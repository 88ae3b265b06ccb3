/// Splits run-together words (`fitnessmotivation`, `pielęgnacjatwarzy`, `comidasaludable`,
/// `feuchtigkeitscreme`) into the words they hold, so a hashtag counts like its words.
///
/// Dictionary-driven: the dictionary is every word of four or more letters in the taxonomy's
/// seeds, in every language. A word of at least seven letters that is not itself a word of the
/// core taxonomy's seeds (`skincare`, `streetwear` stay whole) is cut where one side is a
/// dictionary word (both sides when possible, else the
/// longest dictionary side) and the other side has at least three letters; each side is cut
/// again only into two dictionary words, to at most four parts. A side that is not in the dictionary still
/// becomes a term (`motivation` of `fitnessmotivation`), since the other side vouches for the
/// cut. The corpus adds the parts' stems to the row beside the whole word's stem, once per
/// distinct word (cached), so the cost per token is one look-up.
///
/// ```swift
/// HashtagSegmenter.builtIn.parts(of: "pielęgnacjatwarzy")  // ["pielęgnacja", "twarzy"]
/// ```
package struct HashtagSegmenter: Sendable {
  /// Dictionary words as scalar arrays.
  private let words: Set<[UInt32]>
  /// Words never cut. The grown lists' run-together seeds (`comidasaludable`,
  /// `fitnessmotivation`) are not among them: a hashtag is cut into its words beside the whole
  /// word, so it meets the words' seeds whichever language's stemmer reads it.
  private let whole: Set<[UInt32]>
  /// The first four scalars of every dictionary word, packed by `pack(_:at:)`: a cheap test
  /// that rules out most cuts before a slice is hashed.
  private let heads: Set<UInt64>

  /// The shortest word that is cut.
  package static let minimumLength = 7
  /// The shortest part that is cut off.
  package static let minimumPart = 3
  /// The shortest dictionary word.
  package static let minimumWord = 4

  /// The segmenter of the built-in taxonomy's seed words, keeping the core taxonomy's whole.
  package static let builtIn = HashtagSegmenter(taxonomy: .builtIn, whole: .core)

  /// A segmenter whose dictionary is the words of `taxonomy`'s seeds and `extra` words.
  /// - Parameters:
  ///   - taxonomy: The taxonomy whose seeds' words are the dictionary.
  ///   - whole: The taxonomy whose seeds' words are never cut (plus `extra`); `taxonomy` when
  ///     `nil`.
  ///   - extra: More dictionary words.
  package init(taxonomy: Taxonomy, whole: Taxonomy? = nil, extra: [String] = []) {
    func words(of taxonomy: Taxonomy) -> Set<[UInt32]> {
      var words = Set<[UInt32]>()
      var texts = extra
      for niche in taxonomy.niches { texts.append(contentsOf: niche.seeds.values.joined()) }
      for text in texts {
        for token in Tokenizer.tokens(text) {
          let scalars = token.unicodeScalars.map(\.value)
          if scalars.count >= Self.minimumWord { words.insert(scalars) }
        }
      }
      return words
    }
    let words = words(of: taxonomy)
    self.words = words
    self.whole = whole.map(words(of:)) ?? words
    heads = Set(words.map { Self.pack($0[...], at: 0) })
  }

  /// The low 16 bits of four scalars from `index`.
  @inline(__always)
  private static func pack(_ word: ArraySlice<UInt32>, at index: Int) -> UInt64 {
    var packed: UInt64 = 0
    for offset in 0..<4 { packed = packed << 16 | UInt64(word[index + offset] & 0xFFFF) }
    return packed
  }

  /// The parts of `word` (a lower-case token), or `[]` when it is not cut.
  package func parts(of word: String) -> [String] {
    parts(of: word.unicodeScalars.map(\.value)).map { scalars in
      var text = String.UnicodeScalarView()
      for value in scalars { if let scalar = Unicode.Scalar(value) { text.append(scalar) } }
      return String(text)
    }
  }

  /// The parts of `word` as scalars, or `[]` when it is not cut.
  package func parts(of word: [UInt32]) -> [[UInt32]] {
    var result: [[UInt32]] = []
    cut(word[...], depth: 0, into: &result)
    return result.count > 1 ? result : []
  }

  private func cut(_ word: ArraySlice<UInt32>, depth: Int, into result: inout [[UInt32]]) {
    let count = word.count
    guard depth < 2, count >= Self.minimumLength, !whole.contains(Array(word)) else {
      result.append(Array(word))
      return
    }
    // The best cut: both sides known, then the longest known side; ties to the earliest.
    var best: (index: Int, score: Int)?
    let leftKnown = heads.contains(Self.pack(word, at: word.startIndex))
    for length in Self.minimumPart...(count - Self.minimumPart) {
      let split = word.startIndex + length
      let left =
        leftKnown && length >= Self.minimumWord && words.contains(Array(word[..<split]))
      let right =
        count - length >= Self.minimumWord && heads.contains(Self.pack(word, at: split))
        && words.contains(Array(word[split...]))
      // Below the top, a part is cut again only into two known words (`saludable` is not
      // `salud` + `able`).
      guard left || right, depth == 0 || (left && right) else { continue }
      let score = (left && right ? 1_000 : 0) + max(left ? length : 0, right ? count - length : 0)
      if best.map({ score > $0.score }) ?? true { best = (split, score) }
    }
    guard let best else {
      result.append(Array(word))
      return
    }
    cut(word[..<best.index], depth: depth + 1, into: &result)
    cut(word[best.index...], depth: depth + 1, into: &result)
  }
}
