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
  /// Seeds (UTF-8) by their first two characters (three bytes each), packed in an integer: a
  /// kana such as `フ` starts dozens of seeds, and keying by one character compared each of
  /// them wherever it occurred.
  private let byFirstTwo: [UInt32: [[UInt8]]]
  /// A bit per scalar of the Basic Multilingual Plane that starts a seed, and one per scalar
  /// that is the second character of one: most characters of a text are neither, and two bit
  /// tests spare them the hashing of a dictionary look-up.
  private let firsts: [UInt64]
  private let seconds: [UInt64]

  /// The seeds of the built-in taxonomy.
  package static let builtIn = SeedLexicon(taxonomy: .builtIn)

  /// The lexicon of a taxonomy's seeds of at least three characters, all in bigram scripts.
  package init(taxonomy: Taxonomy) {
    var byFirstTwo: [UInt32: [[UInt8]]] = [:]
    var firsts = [UInt64](repeating: 0, count: 0x10000 / 64)
    var seconds = firsts
    for niche in taxonomy.niches {
      for seed in niche.seeds.values.joined() where Self.isWholeTerm(seed) {
        let bytes = Array(seed.utf8)
        let first = Self.scalar(bytes[0], bytes[1], bytes[2])
        let second = Self.scalar(bytes[3], bytes[4], bytes[5])
        let key = Self.key(first, second)
        if !(byFirstTwo[key]?.contains(bytes) ?? false) {
          byFirstTwo[key, default: []].append(bytes)
        }
        firsts[first >> 6] |= 1 << UInt64(first & 63)
        seconds[second >> 6] |= 1 << UInt64(second & 63)
      }
    }
    self.byFirstTwo = byFirstTwo
    self.firsts = firsts
    self.seconds = seconds
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
    if byFirstTwo.isEmpty || text.count < 9 { return }
    var index = 0
    while index + 9 <= text.count {
      let lead = text[index]
      guard lead >= 0xE0 && lead < 0xF0 else {
        index += 1
        continue
      }
      let first = Self.scalar(lead, text[index + 1], text[index + 2])
      let second = Self.scalar(text[index + 3], text[index + 4], text[index + 5])
      if firsts[first >> 6] & (1 << UInt64(first & 63)) != 0,
        seconds[second >> 6] & (1 << UInt64(second & 63)) != 0,
        let seeds = byFirstTwo[Self.key(first, second)]
      {
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

  /// The scalar of a three-byte UTF-8 sequence. Any three bytes give a value below 0x10000,
  /// and a text's bytes that are a seed's character give that character, so no seed is missed;
  /// other bytes giving the same value only cost a look-up that the comparison then rejects.
  @inline(__always)
  private static func scalar(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
    Int(first & 0x0F) << 12 | Int(second & 0x3F) << 6 | Int(third & 0x3F)
  }

  /// The key of a seed's first two characters.
  @inline(__always)
  private static func key(_ first: Int, _ second: Int) -> UInt32 {
    UInt32(truncatingIfNeeded: first << 16 | second)
  }
}
