/// Whole seed terms of the taxonomy in scripts written without spaces (Japanese and Chinese),
/// found in a text as they are written: the guard against bigram false positives.
///
/// The ``Tokenizer`` splits such text into character bigrams, so a seed like `フィットネス`
/// (fitness) would match any text sharing one of its bigrams: `ネス` in `ビジネス` (business),
/// `コー` of `コーデ` (outfit) in `コーヒー` (coffee). Instead, the corpus also indexes each seed
/// of three or more such characters as one term wherever the seed occurs whole, and the niche
/// query uses that term, not the seed's bigrams: the seed's bigrams count only together and in
/// order. Seeds of one or two characters are already single terms (a unigram or a bigram).
///
/// - Complexity: O(n) in the text's bytes, plus a comparison per seed starting with a character
///   found (a handful per character).
package struct SeedLexicon: Sendable {
  /// Seeds (UTF-8) by the UTF-8 bytes of their first character, packed in an integer.
  private let byFirst: [UInt32: [[UInt8]]]

  /// The seeds of the built-in taxonomy.
  package static let builtIn = SeedLexicon(taxonomy: .builtIn)

  /// The lexicon of a taxonomy's seeds of at least three characters, all in bigram scripts.
  package init(taxonomy: Taxonomy) {
    var byFirst: [UInt32: [[UInt8]]] = [:]
    for niche in taxonomy.niches {
      for seed in niche.seeds.values.joined() where Self.isWholeTerm(seed) {
        let bytes = Array(seed.utf8)
        let key = Self.key(bytes[0], bytes[1], bytes[2])
        if !(byFirst[key]?.contains(bytes) ?? false) { byFirst[key, default: []].append(bytes) }
      }
    }
    self.byFirst = byFirst
  }

  /// Whether `text` is a seed this lexicon indexes whole: three or more characters, every one
  /// of a bigram script and three bytes long in UTF-8.
  package static func isWholeTerm(_ text: String) -> Bool {
    let scalars = text.unicodeScalars
    return scalars.count >= 3
      && scalars.allSatisfy {
        Tokenizer.isBigramScript($0) && $0.value >= 0x800 && $0.value < 0x10000
      }
  }

  /// Calls `body` with the UTF-8 bytes of every seed occurring in `text`, in order of position
  /// (overlapping occurrences included).
  package func forEachMatch(
    in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    if byFirst.isEmpty || text.count < 9 { return }
    var index = 0
    while index + 9 <= text.count {
      let lead = text[index]
      guard lead >= 0xE0 && lead < 0xF0 else {
        index += 1
        continue
      }
      if let seeds = byFirst[Self.key(lead, text[index + 1], text[index + 2])] {
        for seed in seeds where index + seed.count <= text.count {
          if seed.withUnsafeBufferPointer({ seed in
            (0..<seed.count).allSatisfy { text[index + $0] == seed[$0] }
          }) {
            seed.withUnsafeBufferPointer { body($0) }
          }
        }
      }
      index += 3
    }
  }

  /// The seeds occurring in `text`, as ``forEachMatch(in:_:)`` finds them.
  package func matches(in text: String) -> [String] {
    var result: [String] = []
    var text = text
    text.withUTF8 { bytes in
      forEachMatch(in: bytes) { result.append(String(decoding: $0, as: UTF8.self)) }
    }
    return result
  }

  @inline(__always)
  private static func key(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> UInt32 {
    UInt32(first) << 16 | UInt32(second) << 8 | UInt32(third)
  }
}
