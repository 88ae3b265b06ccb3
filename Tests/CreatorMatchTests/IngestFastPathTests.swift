import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchBatch
@testable import CreatorMatchIO
@testable import CreatorMatchSupport

/// The ingest fast paths must read exactly what the general code reads: the one-pass list-cell
/// parsers, the eight-bytes-at-a-time field scan, and the mapped file.
@Suite("Ingest fast paths")
struct IngestFastPathTests {
  /// List cells from clean to awkward; the fast paths must take the first few and give way on
  /// the rest without changing the outcome.
  static let distributionCells = [
    "PL:0.59|DE:0.15|GB:0.11|UA:0.07", "pl:0.62|en:0.23", "beauty:0.5|skincare:0.26|fashion:0.12",
    "US:1", "PL:0.5|PL:0.2", "PL:0.5|Poland:0.1", "Poland:0.1|PL:0.5", "UK:0.3|DE:0.2",
    "XX:0.4", "PL:34%|DE:10%", "PL:0,34|DE:0,1", "PL: 0.5 | DE : 0.2", "PL=0.5|DE=0.2",
    "PL|DE:0.2", "PL:0.5|", "|PL:0.5", "PL:0.5||DE:0.1", "PL:1.5", "PL:-0.1", "PL:x",
    "PL:0.7|DE:0.5", "nan", "N/A", "-", "PL:0.5,DE:0.2", "PL:0.5;DE:0.2", "Beauty:0.4",
    "beauty:0.4|beauty:0.1", "food-and-drink:0.3|k-pop:0.2", "ÿ:0.2", "en:0.5|EN:0.2",
    "PL:0.1234567890123456789", "PL:.5", "PL:5.", "de:0.2|pl:0.3|uk:0.1|en:0.05",
    // Seventeen entries: past the sixteen codes whose repeats the fast path once checked inline.
    [
      "PL", "DE", "GB", "UA", "US", "FR", "IT", "ES", "CZ", "SK", "LT", "LV", "EE", "FI", "SE",
      "NO", "DK",
    ]
    .map { "\($0):0.05" }.joined(separator: "|"),
    [
      "pl", "de", "en", "uk", "fr", "it", "es", "cs", "sk", "lt", "lv", "et", "fi", "sv", "no",
      "da", "ja",
    ]
    .map { "\($0):0.05" }.joined(separator: "|"),
    (1...17).map { "topic\($0):0.05" }.joined(separator: "|"),
  ]
  static let historyCells = [
    "9995|10244|10469", "12000", "1.5|2.25", "1 | 2 | 3", "1;2;3", "1 2 3", "1.5K|2000",
    "-3|4", "1||2", "12000|", "|12000", "12,000|13,000", "1e3|2", "n/a", "12000|x",
  ]

  static func decode(_ cells: [CreatorField: String], plain: Bool) -> (Creator?, [Diagnostic]) {
    var row = FieldRow()
    row.reset(line: 2)
    row.set(.id, text: "c1", column: 1)
    row.set(.platform, text: "instagram", column: 2)
    row.set(.followers, text: "1000", column: 3)
    var column = 4
    for (field, text) in cells.sorted(by: { $0.key.ordinal < $1.key.ordinal }) {
      row.set(field, text: text, column: column)
      column += 1
    }
    var decoder = CreatorRowDecoder(file: "t.csv", defaultPlatform: nil)
    decoder.usesPlainCells = plain
    var diagnostics: [Diagnostic] = []
    var hash: UInt64 = 0
    var creator: Creator?
    decoder.decode(row, into: &diagnostics, idHash: &hash, creator: &creator)
    return (creator, diagnostics)
  }

  @Test(
    "distribution cells read the same with and without the fast path",
    arguments: [CreatorField.audCountries, .audLanguages, .audInterests])
  func distributionsAgree(field: CreatorField) {
    for cell in Self.distributionCells {
      let fast = Self.decode([field: cell], plain: true)
      let general = Self.decode([field: cell], plain: false)
      #expect(fast.0 == general.0, "\(field.rawValue) \"\(cell)\"")
      #expect(fast.1 == general.1, "\(field.rawValue) \"\(cell)\"")
    }
  }

  @Test("history cells read the same with and without the fast path")
  func historiesAgree() {
    for cell in Self.historyCells {
      let fast = Self.decode([.followerHistory: cell], plain: true)
      let general = Self.decode([.followerHistory: cell], plain: false)
      #expect(fast.0 == general.0, "\"\(cell)\"")
      #expect(fast.1 == general.1, "\"\(cell)\"")
    }
  }

  /// A random number cell: plain decimals most of the time, else signs, exponents, suffixes,
  /// separators, blanks, missing markers, huge and over-long values.
  static func randomNumber(_ random: inout SeededRandom) -> String {
    let digits = String(random.next() % 100_000)
    switch random.next() % 16 {
    case 0: return ""
    case 1: return " \(digits) "
    case 2: return "-\(digits)"
    case 3: return "+\(digits)"
    case 4: return "\(digits)e3"
    case 5: return "1.2K"
    case 6: return ["NaN", "n/a", "-", "null", "none", "nan%"][Int(random.next() % 6)]
    case 7: return "1" + String(repeating: "9", count: Int(random.next() % 30))
    case 8: return "0." + String(repeating: "3", count: Int(random.next() % 20))
    case 9: return "\(digits),\(random.next() % 1_000)"
    case 10: return ".\(digits)"
    case 11: return "\(digits)."
    case 12: return "0.\(random.next() % 1_000)%"
    default: return "\(digits).\(random.next() % 1_000)"
    }
  }

  @Test("the plain decimal parser reads what the general parser reads, or gives way")
  func plainDecimalsAgree() {
    var random = SeededRandom(seed: 29)
    var taken = 0
    for _ in 0..<20_000 {
      let text = Self.randomNumber(&random)
      var copy = text
      copy.withUTF8 { bytes in
        guard let plain = HumanNumber.plainDecimal(bytes) else { return }
        taken += 1
        #expect(HumanNumber.parseGeneral(bytes) == .value(plain, isPercent: false), "\(text)")
      }
    }
    // The plain forms above are about half the cells: the fast path must take them.
    #expect(taken > 5_000)
  }

  /// Random bytes where numbers are likely: digits, dots, separators, and bytes of `0x80` and
  /// more (whose carries the word-at-a-time reader must not trust).
  static func numberishBytes(_ random: inout SeededRandom, count: Int) -> [UInt8] {
    let others: [UInt8] =
      Array("..|,:;- eE%kK+".utf8) + [0x00, 0x2F, 0x3A, 0x7F, 0x80, 0xB0, 0xC2, 0xFF]
    return (0..<count).map { _ in
      random.chance(0.7)
        ? UInt8(ascii: "0") + UInt8(random.next() % 10)
        : others[Int(random.next() % UInt64(others.count))]
    }
  }

  @Test("the word-at-a-time decimal reader reads what the byte-by-byte one reads, from any start")
  func wordDecimalsAgree() {
    var random = SeededRandom(seed: 41)
    var words = 0
    for _ in 0..<40_000 {
      let bytes = Self.numberishBytes(&random, count: Int(random.next() % 24))
      bytes.withUnsafeBufferPointer { buffer in
        for start in 0...buffer.count {
          let fast = HumanNumber.plainDecimal(buffer, from: start)
          let reference = HumanNumber.plainDecimalBytewise(buffer, from: start)
          if buffer.count - start >= 8 { words += 1 }
          #expect(fast?.value.bitPattern == reference?.value.bitPattern, "\(bytes) from \(start)")
          #expect(fast?.end == reference?.end, "\(bytes) from \(start)")
        }
      }
    }
    #expect(words > 100_000)
    // Every plain decimal of one to seven bytes, read as a word, against the reference.
    for text in ["0", "7", "12", "9459", "0.63", "0.234", "1234567", "123456.7", "0.00001"] {
      for suffix in ["|", ",", "12345678", ".5|", "\u{FF}xxxxxxx"] {
        let bytes = Array((text + suffix).utf8)
        bytes.withUnsafeBufferPointer { buffer in
          let fast = HumanNumber.plainDecimal(buffer, from: 0)
          let reference = HumanNumber.plainDecimalBytewise(buffer, from: 0)
          #expect(fast?.value.bitPattern == reference?.value.bitPattern, "\(text + suffix)")
          #expect(fast?.end == reference?.end, "\(text + suffix)")
        }
      }
    }
  }

  @Test("a number cell read in its row's buffer reads as its own bytes do")
  func numbersInRowAgree() {
    var random = SeededRandom(seed: 43)
    let fields = [CreatorField.followers, .following, .posts, .avgLikes, .avgComments, .avgViews]
    for _ in 0..<5_000 {
      // Values set back to back, as a JSON row's are: a value may be followed by digits.
      var row = FieldRow()
      row.reset(line: 2)
      var texts: [CreatorField: String] = [:]
      for field in fields where random.chance(0.9) {
        let text =
          random.chance(0.5)
          ? String(random.next() % 1_000_000)
            + (random.chance(0.3) ? ".\(random.next() % 100)" : "")
          : Self.randomNumber(&random)
        texts[field] = text
        row.set(field, text: text, column: 1)
      }
      for field in fields {
        var copy = texts[field] ?? ""
        let expected: HumanNumber.Parsed =
          texts[field] == nil ? .missing : copy.withUTF8 { HumanNumber.parse($0) }
        #expect(row.number(field) == expected, "\(field.rawValue) \"\(texts[field] ?? "")\"")
      }
    }
  }

  @Test("list cells followed by more bytes read as the cells alone do")
  func cellsBeforeMoreBytes() {
    var random = SeededRandom(seed: 47)
    let keys = [
      (CreatorField.audCountries, ["PL", "DE", "gb", "XX"]), (.audLanguages, ["pl", "en", "uk"]),
      (.audInterests, ["beauty", "k-pop", "Food"]),
    ]
    for round in 0..<6_000 {
      let (field, names) = keys[round % 3]
      let parts = 1 + Int(random.next() % 5)
      let cell = (0..<parts).map { _ -> String in
        let share = random.chance(0.8) ? "0.\(random.next() % 1_000)" : Self.randomNumber(&random)
        return "\(names[Int(random.next() % UInt64(names.count))]):\(share)"
      }.joined(separator: "|")
      let history = (0..<parts).map { _ in
        random.chance(0.9) ? String(random.next() % 2_000_000) : Self.randomNumber(&random)
      }.joined(separator: "|")
      let after = Self.numberishBytes(&random, count: Int(random.next() % 12))
      // A number running on into the bytes after the cell (a digit or a dot next) is not read
      // there: the fast path may then give way to the general one, never read another value.
      let mayGiveWay = after.first.map { $0 == UInt8(ascii: ".") || ($0 >= 0x30 && $0 <= 0x39) }
      for (text, isHistory) in [(cell, false), (history, true)] {
        let alone = Array(text.utf8)
        let all = alone + after
        alone.withUnsafeBufferPointer { own in
          all.withUnsafeBufferPointer { buffer in
            if isHistory {
              let expected = CreatorRowDecoder.plainHistory(own)?.map(\.bitPattern)
              let read = CreatorRowDecoder.plainHistory(buffer, 0..<alone.count)?.map(\.bitPattern)
              #expect(
                read == expected || (read == nil && mayGiveWay == true), "\(text) \(after)")
            } else {
              let expected = CreatorRowDecoder.plainEntries(own, field: field)
              var labels = SmallStrings()
              let read = CreatorRowDecoder.plainEntries(
                buffer, 0..<alone.count, field: field, labels: &labels)
              #expect(
                read == expected || (read == nil && mayGiveWay == true), "\(text) \(after)")
            }
          }
        }
      }
    }
  }

  @Test(
    "a one-item list cell reads as the general split reads it, and a string's stable hash read as one run is FNV-1a over its bytes"
  )
  func singleItemsAndIDHashes() {
    var random = SeededRandom(seed: 53)
    let pieces = [
      "lifestyle", "k-pop", " ", "\t", "\u{A0}", "|", ",", ";", "n/a", "-", "None", "ÿ", "Beauty",
      "a b", "",
    ]
    var taken = 0
    for _ in 0..<20_000 {
      let text = (0..<(1 + Int(random.next() % 4))).map { _ in
        pieces[Int(random.next() % UInt64(pieces.count))]
      }.joined()
      var copy = text
      copy.withUTF8 { bytes in
        let general = CreatorRowDecoder.splitList(bytes)
        if let single = CreatorRowDecoder.singleItem(bytes) {
          taken += 1
          #expect(single == general, "\"\(text)\"")
        }
      }
      // Read as one run, the hash is FNV-1a over the UTF-8 view byte by byte.
      var state: UInt64 = 0xCBF2_9CE4_8422_2325
      for byte in text.utf8 {
        state ^= UInt64(byte)
        state &*= 0x0000_0100_0000_01B3
      }
      #expect(StableHash.hash(text) == StableHash.mix(state), "\"\(text)\"")
    }
    #expect(taken > 2_000)
  }

  @Test("a string made once and copied is the string its bytes make, through slot collisions")
  func smallStrings() {
    var random = SeededRandom(seed: 59)
    var labels = SmallStrings()
    // 300 distinct labels over 64 slots, ASCII and not, valid UTF-8 and not, 0 to 20 bytes.
    let alphabet: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz-_ ".utf8) + [0xC3, 0xA9, 0xFF, 0x80]
    let pool = (0..<300).map { _ in
      (0..<Int(random.next() % 21)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))]
      }
    }
    for _ in 0..<30_000 {
      let bytes = pool[Int(random.next() % UInt64(pool.count))]
      bytes.withUnsafeBufferPointer { buffer in
        let made = labels.string(buffer)
        let expected = String(decoding: buffer, as: UTF8.self)
        #expect(made == expected && Array(made.utf8) == Array(expected.utf8), "\(bytes)")
      }
    }
  }

  @Test("random list cells read the same with and without the fast paths")
  func randomCellsAgree() {
    var random = SeededRandom(seed: 31)
    let countries = ["PL", "DE", "GB", "US", "FR", "pl", "UK", "XX", "Poland", "ZZ"]
    let languages = ["pl", "de", "en", "uk", "EN", "xx", "Polish"]
    let interests = ["beauty", "skincare", "k-pop", "Beauty", "food", "ÿ", "a b"]
    for round in 0..<3_000 {
      let field = [CreatorField.audCountries, .audLanguages, .audInterests][round % 3]
      let keys = [countries, languages, interests][round % 3]
      // Up to 40 entries, so that repeats past the sixteenth are found too.
      let parts = 1 + Int(random.next() % (round % 7 == 0 ? 40 : 5))
      let cell = (0..<parts).map { _ -> String in
        let key = keys[Int(random.next() % UInt64(keys.count))]
        let share =
          random.chance(0.8)
          ? "0.\(random.next() % 30)" : Self.randomNumber(&random)
        return random.chance(0.95) ? "\(key):\(share)" : key
      }.joined(separator: random.chance(0.95) ? "|" : ",")
      let fast = Self.decode([field: cell], plain: true)
      let general = Self.decode([field: cell], plain: false)
      #expect(fast.0 == general.0, "\(field.rawValue) \"\(cell)\"")
      #expect(fast.1 == general.1, "\(field.rawValue) \"\(cell)\"")
    }
    for _ in 0..<3_000 {
      let parts = 1 + Int(random.next() % 14)
      let cell = (0..<parts).map { _ in
        random.chance(0.9) ? String(random.next() % 2_000_000) : Self.randomNumber(&random)
      }.joined(separator: random.chance(0.95) ? "|" : ";")
      let fast = Self.decode([.followerHistory: cell], plain: true)
      let general = Self.decode([.followerHistory: cell], plain: false)
      #expect(fast.0 == general.0, "\"\(cell)\"")
      #expect(fast.1 == general.1, "\"\(cell)\"")
    }
  }

  @Test("the one-pass history parser takes exactly the cells whose every part is plain")
  func plainHistoryParts() {
    func reference(_ text: String) -> [Double]? {
      var values: [Double] = []
      for part in text.split(separator: "|", omittingEmptySubsequences: false) {
        var copy = String(part)
        guard let value = copy.withUTF8({ HumanNumber.plainDecimal($0) }) else { return nil }
        values.append(value)
      }
      return values
    }
    var random = SeededRandom(seed: 37)
    let pieces = [
      "1", "0", "12", "9459", ".", "5.", ".5", "1.25", "0.001", "1.2.3", "1e3", "-1", "",
    ]
    for _ in 0..<20_000 {
      let parts = 1 + Int(random.next() % 6)
      var text = (0..<parts).map { _ -> String in
        random.chance(0.7)
          ? String(random.next() % 10_000_000)
            + (random.chance(0.3) ? ".\(random.next() % 100)" : "")
          : (0..<(1 + Int(random.next() % 3))).map { _ in pieces[Int(random.next() % 13)] }.joined()
      }.joined(separator: "|")
      if random.chance(0.05) { text += String(repeating: "7", count: 15 + Int(random.next() % 5)) }
      var copy = text
      let fast = copy.withUTF8 { CreatorRowDecoder.plainHistory($0) }
      let expected = reference(text)
      #expect(fast?.map(\.bitPattern) == expected?.map(\.bitPattern), "\"\(text)\"")
    }
  }

  @Test("a repeated code is found past the sixteenth entry, and every code is told apart")
  func codeSet() {
    var set = CodeSet()
    for packed in 1..<UInt16(TwoLetterCode.tableSize) {
      let inserted = set.insert(packed)
      #expect(inserted, "\(packed)")
    }
    for packed in 1..<UInt16(TwoLetterCode.tableSize) {
      let inserted = set.insert(packed)
      #expect(!inserted, "\(packed)")
    }
    let countries =
      ["PL", "DE", "GB", "UA", "US", "FR", "IT", "ES", "CZ", "SK", "LT", "LV", "EE"]
      + ["FI", "SE", "NO", "DK"]
    func entries(_ text: String) -> [Distribution.Entry]? {
      var copy = text
      return copy.withUTF8 { CreatorRowDecoder.plainEntries($0, field: .audCountries) }
    }
    let seventeen = countries.map { "\($0):0.05" }.joined(separator: "|")
    #expect(entries(seventeen)?.map(\.key) == countries)
    #expect(entries(seventeen + "|PL:0.01") == nil)
    #expect(entries(seventeen + "|DK:0.01") == nil)
  }

  @Test("the fast paths take clean cells and give way on anything else")
  func fastPathsEngage() {
    func entries(_ text: String, _ field: CreatorField) -> [Distribution.Entry]? {
      var copy = text
      return copy.withUTF8 { CreatorRowDecoder.plainEntries($0, field: field) }
    }
    func history(_ text: String) -> [Double]? {
      var copy = text
      return copy.withUTF8 { CreatorRowDecoder.plainHistory($0) }
    }
    #expect(
      entries("PL:0.59|de:0.15", .audCountries) == [
        Distribution.Entry(key: "PL", share: 0.59), Distribution.Entry(key: "DE", share: 0.15),
      ])
    #expect(entries("pl:0.62", .audLanguages) == [Distribution.Entry(key: "pl", share: 0.62)])
    #expect(
      entries("beauty:0.5|k-pop:0.25", .audInterests) == [
        Distribution.Entry(key: "beauty", share: 0.5),
        Distribution.Entry(key: "k-pop", share: 0.25),
      ])
    for awkward in ["PL:0.5|PL:0.2", "PL: 0.5", "UK:0.3", "PL:34%", "PL:1.5", "PL:0.5|", "nan"] {
      #expect(entries(awkward, .audCountries) == nil, "\(awkward)")
    }
    #expect(entries("Beauty:0.4", .audInterests) == nil)
    #expect(history("9995|10244|10469.5") == [9_995, 10_244, 10_469.5])
    for awkward in ["1 | 2", "1;2", "1||2", "12000|", "1.5K", "-3"] {
      #expect(history(awkward) == nil, "\(awkward)")
    }
  }

  @Test("platform names and currency codes read from bytes as the text path reads them")
  func platformAndCurrencyBytes() {
    func platform(_ text: String) -> Platform? {
      var copy = text
      return copy.withUTF8 { CreatorRowDecoder.platform(named: $0) }
    }
    func currency(_ text: String) -> String? {
      var copy = text
      return copy.withUTF8 { CreatorRowDecoder.currencyCode($0) }
    }
    for known in Platform.allCases { #expect(platform(known.rawValue) == known) }
    // Other spellings are left to Platform(parsing:), which the decoder tries next.
    for other in ["Instagram", "ig", "tik tok", "", "instagramx", "instagra", "t", "xx", "linked"] {
      #expect(platform(other) == nil, "\(other)")
    }
    #expect(currency("usd") == "USD")
    #expect(currency("Pln") == "PLN")
    for bad in ["US", "USDX", "U$D", "zł", "€UR", "", "1AB", "a b", "@[`"] {
      #expect(currency(bad) == nil, "\(bad)")
    }
    // End to end: an exact platform, an alias, a lower-case currency and a bad one.
    let exact = Self.decode([.currency: "eur"], plain: true)
    #expect(exact.0?.platform == .instagram)
    #expect(exact.0?.currency == "EUR")
    let bad = Self.decode([.currency: "zł"], plain: true)
    #expect(bad.0?.currency == nil)
    #expect(bad.1.map(\.rule) == ["unknown-currency"])
  }

  @Test("the word-at-a-time separator scan finds, in order, what a byte-by-byte scan finds")
  func fieldScanAgrees() {
    var random = SeededRandom(seed: 11)
    let alphabet = Array("abc,;\t\r\n\"é1 ".utf8) + [0x80, 0xFF, 0x8A, 0x0B]
    for length in [0, 1, 7, 8, 9, 15, 16, 17, 40, 200] {
      for _ in 0..<4 {
        let bytes = (0..<length).map { _ in
          random.chance(0.7)
            ? alphabet[Int(random.next() % 3)]
            : alphabet[Int(random.next() % UInt64(alphabet.count))]
        }
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] {
          bytes.withUnsafeBufferPointer { buffer in
            for start in 0...length {
              var expected: [Int] = []
              for index in start..<length
              where [delimiter, 0x0A, 0x0D].contains(buffer[index]) {
                expected.append(index)
              }
              expected.append(length)
              var scan = SeparatorScan(buffer, from: start, delimiter: delimiter)
              let found = expected.map { _ in scan.next(buffer) }
              #expect(found == expected, "\(bytes) from \(start)")
            }
          }
        }
      }
    }
  }

  @Test("a mapped file holds the file's bytes; what cannot be mapped is refused")
  func mappedFile() throws {
    let text = "id,followers\nа,1\n"
    let path = try Fixtures.file("m.csv", text)
    let mapped = try #require(MappedFile(path: path))
    #expect(Array(mapped.bytes) == Array(text.utf8))
    #expect(MappedFile(path: try Fixtures.file("e.csv", "")) == nil)
    #expect(MappedFile(path: (path as NSString).deletingLastPathComponent) == nil)
    #expect(MappedFile(path: path + ".missing") == nil)
  }
}
