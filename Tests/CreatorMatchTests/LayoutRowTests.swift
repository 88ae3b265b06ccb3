import CreatorMatchSupport
import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

/// The table layout's per-row fast paths, each held to the rule it stands in for: the follower
/// jump's one-sort median of deviations, the byte-keyed caches in front of the `String`-keyed
/// dictionaries, the listed-account look-up of ASCII keys, and the bio-phrase filter.
@Suite("Table layout rows: fast paths against their rules")
struct LayoutRowTests {
  /// Whether two jumps are the same bit for bit (`==` takes −0 for +0).
  static func same(_ a: FollowerHistory.Jump?, _ b: FollowerHistory.Jump?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a.step == b.step && a.steps == b.steps
      && a.robustZ.bitPattern == b.robustZ.bitPattern && a.share.bitPattern == b.share.bitPattern
  }

  static func jumps(_ history: [Double]) -> (
    fast: FollowerHistory.Jump?, general: FollowerHistory.Jump?
  ) {
    history.withUnsafeBufferPointer {
      (FollowerHistory.largestJump(in: $0), FollowerHistory.largestJumpGeneral($0))
    }
  }

  @Test("the largest jump with one sort equals the two-sort rule bit for bit")
  func jumpMatchesGeneral() {
    var random = SeededRandom(seed: 77)
    var checked = 0
    for count in 0...40 {
      for trial in 0..<200 {
        let history: [Double] = (0..<count).map { _ in
          switch trial % 5 {
          case 0:
            // Few distinct values: ties everywhere, at the medians too, and ±0 steps.
            return random.chance(0.3) ? -0.0 : Double(random.next() % 4) * 2.5
          case 1:
            return Double(random.next() % 100_000)
          case 2:
            return random.chance(0.5) ? 0 : -0.0
          case 3:
            // Steps of mixed signs and sizes.
            return Double(Int(random.next() % 2_001) - 1_000) * (random.chance(0.1) ? 1e6 : 1)
          default:
            return random.uniform(-1e300, 1e300)
          }
        }
        let (fast, general) = Self.jumps(history)
        #expect(Self.same(fast, general), "\(history)")
        checked += 1
      }
    }
    #expect(checked == 41 * 200)
    // Non-finite counts (the general path's order of NaN), and a median of two steps whose
    // mean overflows.
    let edges: [[Double]] = [
      [1, .nan, 3, 4, 5], [.nan, .nan, .nan, .nan], [1, 2, .infinity, 4, 5, 6],
      [.infinity, .infinity, 1, 2], [-.infinity, 0, 1, 2, 3], [0, 1.7e308, 0, 1.7e308, 0],
      [0, .greatestFiniteMagnitude, 0, .greatestFiniteMagnitude, 0, .greatestFiniteMagnitude],
      [-0.0, 0, -0.0, 0], [0, -0.0, 0, -0.0, -0.0], [5, 5, 5, 5, 5, 5, 5],
      [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1_024, 2_048],
    ]
    for history in edges {
      let (fast, general) = Self.jumps(history)
      #expect(Self.same(fast, general), "\(history)")
    }
    // 12 counts, as generated: steps 10 ×10 and one of 1000 at step 6 (median 10, MAD 0).
    var history: [Double] = [1_000]
    for step in 1...11 { history.append(history[step - 1] + (step == 6 ? 1_000 : 10)) }
    let jump = FollowerHistory.largestJump(history)
    #expect(jump?.step == 6)
    #expect(jump?.robustZ == 990)
    #expect(jump?.share == 1_000.0 / 1_050)
  }

  @Test("the median of deviations by merging the sorted runs equals sorting them")
  func deviationMedian() {
    var random = SeededRandom(seed: 5)
    for count in 1...33 {
      for _ in 0..<100 {
        let values = (0..<count).map { _ in Double(Int(random.next() % 7) - 3) * 1.5 }.sorted()
        let center = random.chance(0.5) ? values[count / 2] : random.uniform(-5, 5)
        let deviations = values.map { abs($0 - center) }.sorted()
        let middle = count / 2
        let expected =
          count % 2 == 1 ? deviations[middle] : (deviations[middle - 1] + deviations[middle]) / 2
        let merged = values.withUnsafeBufferPointer {
          FollowerHistory.sortedDeviationMedian($0, center: center)
        }
        #expect(merged.bitPattern == expected.bitPattern, "\(values) \(center)")
      }
    }
    // |1 − 2|, |2 − 2|, |4 − 2|, |7 − 2| → 0, 1, 2, 5: median 1.5.
    let median = [1.0, 2, 4, 7].withUnsafeBufferPointer {
      FollowerHistory.sortedDeviationMedian($0, center: 2)
    }
    #expect(median == 1.5)
  }

  @Test("a byte-keyed table finds exactly the byte strings inserted, as a dictionary does")
  func exactBytesTable() {
    var random = SeededRandom(seed: 9)
    var table = ExactBytesTable()
    var reference: [[UInt8]: Int] = [:]
    for step in 0..<5_000 {
      // Short keys from a small alphabet (many repeats and shared prefixes), some long.
      let length = random.chance(0.1) ? Int(random.next() % 40) : Int(random.next() % 5)
      let key = (0..<length).map { _ in UInt8(random.next() % 3) + (random.chance(0.1) ? 200 : 97) }
      let found = key.withUnsafeBufferPointer { table.value(forBytes: $0) }
      #expect(found == reference[key])
      if found == nil {
        key.withUnsafeBufferPointer { table.insert(bytes: $0, step) }
        reference[key] = step
      }
    }
    #expect(table.count == reference.count)
    for (key, value) in reference {
      #expect(key.withUnsafeBufferPointer { table.value(forBytes: $0) } == value)
    }
    // Strings by their bytes: canonically equal texts written differently are different keys.
    var strings = ExactBytesTable()
    strings.insert("caf\u{E9}", 1)
    #expect(strings.value(for: "caf\u{E9}") == 1)
    #expect(strings.value(for: "cafe\u{301}") == nil)
    #expect(strings.value(for: "caf") == nil)
    // A list's key: lengths keep ["ab", "c"] apart from ["a", "bc"].
    var first: [UInt8] = []
    var second: [UInt8] = []
    for part in ["ab", "c"] { ExactBytesTable.appendKeyPart(part, to: &first) }
    for part in ["a", "bc"] { ExactBytesTable.appendKeyPart(part, to: &second) }
    #expect(first != second)
    #expect(first.count == 2 * 4 + 3)
  }

  @Test("listed accounts: ASCII keys by their bytes give the lower-cased rule's answer")
  func knownAccountsASCII() {
    var random = SeededRandom(seed: 3)
    var keys = [
      "nike", "NIKE", "@Nike", "@nike", "@@nike", "nike@", "@", "", "NatGeo", "amitshah.official",
      "AMITSHAH.OFFICIAL", "zelenskyy_official", "c000001", "hugo_vibes0", "433", " nike",
      "\u{212A}ike",  // The Kelvin sign lower-cases to an ASCII k.
      "n\u{131}ke", "nik\u{E9}", "@\u{301}nike", "jairmessiasbolsonaro", "jairmessiasbolsonaro1",
      String(repeating: "x", count: 200), String(repeating: "\u{212A}", count: 30) + "nike",
    ]
    let listed = Array(AccountType.knownAccounts.keys).sorted()
    for _ in 0..<2_000 {
      var key = random.pick(listed) ?? "nike"
      if random.chance(0.5) {
        key = String(key.map { random.chance(0.5) ? Character($0.uppercased()) : $0 })
      }
      if random.chance(0.3) { key = "@" + key }
      if random.chance(0.2) { key += random.pick(["", "x", "1", ".", "\u{E9}"]) ?? "" }
      keys.append(key)
    }
    for key in keys {
      let fast = AccountType.known(handle: nil, id: key)
      #expect(fast == AccountType.knownTypeGeneral(key), "\(key)")
      var copy = key
      let ascii = copy.withUTF8 { AccountType.knownTypeASCII($0) }
      let isASCII = key.utf8.allSatisfy { $0 < 0x80 }
      #expect((ascii != nil) == isASCII, "\(key)")
    }
    #expect(AccountType.known(handle: "@NIKE", id: "c1") == .brand)
    #expect(AccountType.known(handle: "c1", id: "NatGeo") == .media)
  }

  /// Bios from phrase words, stop words, common words and the characters that make the
  /// tokenizer and the bio rule read words differently.
  static func randomBios(count: Int, seed: UInt64) -> [String] {
    var random = SeededRandom(seed: seed)
    let words = [
      "daily", "newspaper", "news", "breaking", "channel", "football", "club", "customer",
      "service", "care", "free", "shipping", "ships", "worldwide", "official", "store", "prime",
      "minister", "of", "the", "president", "republic", "us", "senator", "for", "mayor",
      "member", "parliament", "non", "profit", "nonprofit", "organization", "registered",
      "charity", "congressman", "governor", "coffee", "travel", "recipes", "Daily", "NEWS",
      "poseł", "na", "sejm", "народный", "депутат", "Bundeskanzler", "abgeordneter",
      "primer", "ministro", "premier", "ministre", "network", "agency", "outlet", "chief",
    ]
    // Separators both read alike, and scalars that read differently: an apostrophe (joins words
    // for the tokenizer), `+` ("plus" for the rule), a combining mark, a zero-width non-joiner
    // (a grapheme extender: in the tokenizer's word), `™` and `²` (NFKC makes letters and
    // digits of them), an unspaced script, and letters past ASCII.
    let joins = [
      " ", " ", " ", ", ", " · ", "'", "+", "-", "#", " & ", "’", "\u{301} ", "_", " ✨ ",
      "\u{200C}",
      "™", "²", "日本", "é", "\u{212A}", " — ", "ʼ",
    ]
    return (0..<count).map { _ in
      var bio = ""
      for index in 0..<Int(random.next() % 7) {
        if index > 0 { bio += random.pick(joins) ?? " " }
        bio += random.pick(words) ?? ""
      }
      return bio
    }
  }

  @Test("the bio filter never skips a bio the bio rule would type, and reads no more than before")
  func bioFilterIsSound() {
    let bios = Self.randomBios(count: 4_000, seed: 31)
    let languages: [String?] = [nil, "en", "pl", "de", "es", "fr", "ru", "uk"]
    let creators = bios.enumerated().map { index, bio in
      var creator = Fixtures.creator("c\(index)")
      creator.bio = bio
      creator.language = languages[index % languages.count]
      return creator
    }
    let corpus = CreatorCorpus(creators: creators, threads: 2)
    let filter = AccountType.BioPhraseFilter(vocabulary: corpus.terms)
    let mask = AccountType.bioPhraseTermMask(corpus.terms)
    var skipped = 0
    var typed = 0
    var expected: [AccountType?] = []
    for (row, creator) in creators.enumerated() {
      let ids = corpus.termIDs[corpus.offsets[row]..<corpus.offsets[row + 1]]
      let may = Array(ids).withUnsafeBufferPointer {
        filter.mayMatch(bio: creator.bio, terms: $0)
      }
      let before = ids.contains { mask[Int($0)] }
      let type = AccountType.type(forBio: creator.bio)
      if before && type != nil { typed += 1 }
      // Sound: a bio the rule types, which the check of single terms read, is still read; and
      // none is read that it did not. (A bio whose phrase the tokenizer joins into one term,
      // `congressman’s`, was never read: that check stays as it was.)
      if before && type != nil { #expect(may, "\(creator.bio)") }
      if may { #expect(before, "\(creator.bio)") }
      if before && !may { skipped += 1 }
      expected.append(before ? type : nil)
    }
    // The random bios hit phrases and miss them, and the filter skips some of the misses.
    #expect(typed > 100)
    #expect(skipped > 100)
    // The table's account types: the bio rule's wherever the check of single terms read it.
    let table = Fixtures.table(creators, threads: 2)
    for (row, creator) in creators.enumerated() {
      let type = expected[row] ?? .creator
      #expect(Int(table.accountTypes[row]) == type.ordinal, "\(creator.bio)")
    }
  }

  @Test("a daily bio with no phrase is skipped; a daily newspaper is read")
  func bioFilterExamples() {
    let bios = [
      "Daily recipe inspo and honest baking reviews", "Your daily newspaper since 1890",
      "daily-newspaper", "news'channel daily", "football club", "Football fan, club nights",
    ]
    let creators = bios.enumerated().map { index, bio in
      var creator = Fixtures.creator("c\(index)")
      creator.bio = bio
      return creator
    }
    let corpus = CreatorCorpus(creators: creators, threads: 1)
    let filter = AccountType.BioPhraseFilter(vocabulary: corpus.terms)
    let may = creators.indices.map { row in
      Array(corpus.termIDs[corpus.offsets[row]..<corpus.offsets[row + 1]])
        .withUnsafeBufferPointer { filter.mayMatch(bio: creators[row].bio, terms: $0) }
    }
    // "daily" alone: skipped. "daily newspaper" and "daily-newspaper": read (media).
    // An apostrophe joins words for the tokenizer ("news'channel" is one term), not for the
    // rule: read as before, since "daily" occurs. Both words of "football club": read.
    #expect(may == [false, true, true, true, true, true])
    #expect(AccountType.type(forBio: bios[2]) == .media)
    #expect(AccountType.type(forBio: bios[3]) == .media)
    #expect(AccountType.type(forBio: bios[5]) == nil)
  }

  @Test("labels and interests equal as strings but written with other bytes share one entry")
  func canonicallyEqualKeys() throws {
    let composed = "caf\u{E9}"
    let decomposed = "cafe\u{301}"
    var creators: [Creator] = []
    for (index, key) in [composed, decomposed, composed, "tea", decomposed].enumerated() {
      var creator = Fixtures.creator("c\(index)")
      creator.categories = [key, "Brand"]
      creator.audience.interests = Distribution(entries: [
        .init(key: key, share: 0.5), .init(key: "tea", share: 0.25),
      ])
      creators.append(creator)
    }
    // Lists of one label (keyed by the label alone) as well.
    for (index, key) in [decomposed, composed, decomposed].enumerated() {
      var creator = Fixtures.creator("s\(index)")
      creator.categories = [key]
      creators.append(creator)
    }
    let table = Fixtures.table(Array(creators.prefix(5)))
    // One interest id per string, the first spelling kept.
    #expect(table.interestLabels.count == 2)
    #expect(table.interestLabels[0].utf8.elementsEqual(composed.utf8))
    let rows = (0..<5).map { table.audienceInterests.entries(of: $0).map(\.key) }
    #expect(rows == [[0, 1], [0, 1], [0, 1], [1, 1], [0, 1]])
    #expect(table.accountTypes.allSatisfy { Int($0) == AccountType.brand.ordinal })
    // The labels keep each list as first read for every list equal to it as strings.
    let source = CreatorSource(
      path: try Fixtures.file("equal-keys.csv", CreatorCSVWriter.text(creators)))
    let loaded = try CreatorCatalog.load(source, model: .fit, threads: 2, windowSize: 512) { _, _ in
    }
    let categories = loaded.catalog.labels.categories
    #expect(categories.count == 8)
    for row in [1, 2, 4] {
      #expect(categories[row][0].utf8.elementsEqual(composed.utf8), "\(row)")
    }
    #expect(categories[3] == ["tea", "Brand"])
    // The first one-label list is written decomposed: the later ones share it.
    for row in [5, 6, 7] {
      #expect(categories[row].count == 1)
      #expect(categories[row][0].utf8.elementsEqual(decomposed.utf8), "\(row)")
    }
  }
}

@Suite("Engagements per post without arrays")
struct PerPostTests {
  /// The rule as first written: the known counts in an array, added from 0, else the total.
  static func reference(_ stats: EngagementStats) -> Double? {
    let parts = [stats.likes, stats.comments, stats.shares, stats.saves].compactMap { $0 }
    if !parts.isEmpty { return parts.reduce(0, +) }
    return stats.total
  }

  @Test("perPost equals the array rule bit for bit, for every pattern of known counts")
  func matchesReference() {
    var random = SeededRandom(seed: 19)
    let values: [Double?] = [nil, 0, -0.0, 1, 0.1, 0.2, 0.3, 1e16, -1e16, 3.5, .nan]
    for _ in 0..<5_000 {
      let stats = EngagementStats(
        likes: random.pick(values) ?? nil, comments: random.pick(values) ?? nil,
        shares: random.pick(values) ?? nil, saves: random.pick(values) ?? nil,
        total: random.pick(values) ?? nil)
      #expect(stats.perPost?.bitPattern == Self.reference(stats)?.bitPattern, "\(stats)")
    }
    // 0.1 + 0.2 + 0.3 in order (not 0.6), and the total only without counts.
    #expect(EngagementStats(likes: 0.1, comments: 0.2, shares: 0.3).perPost == 0.1 + 0.2 + 0.3)
    #expect(EngagementStats(total: 7).perPost == 7)
    #expect(EngagementStats(saves: 2, total: 7).perPost == 2)
    #expect(EngagementStats().perPost == nil)
  }
}

@Suite("Sparse share rows: leaders by plain loops")
struct SparseLeaderTests {
  /// The leaders as first written: per distinct key in order of first appearance, its shares
  /// added as Float → Double; the first key leads until one adds up to more.
  static func reference(_ entries: [(UInt16, Double)]) -> (UInt16, Float, Float) {
    var leader: (key: UInt16, share: Double) = (0, 0)
    var runnerUp = 0.0
    for (index, entry) in entries.enumerated()
    where !entries[..<index].contains(where: { $0.0 == entry.0 }) {
      var total = 0.0
      for other in entries[index...] where other.0 == entry.0 { total += Double(Float(other.1)) }
      if total > leader.share || index == 0 {
        runnerUp = index == 0 ? 0 : max(runnerUp, leader.share)
        leader = (entry.0, total)
      } else {
        runnerUp = max(runnerUp, total)
      }
    }
    return (
      leader.key, SparseSharesBuilder.roundedUp(leader.share),
      SparseSharesBuilder.roundedUp(runnerUp)
    )
  }

  @Test("keys, shares, offsets and leaders equal the first-written rule on random rows")
  func matchesReference() {
    var random = SeededRandom(seed: 23)
    var builder = SparseSharesBuilder(withLeaders: true)
    var rows: [[(UInt16, Double)]] = []
    for _ in 0..<3_000 {
      // Few keys, so that keys repeat within a row, and shares with ties and zeros.
      let row = (0..<Int(random.next() % 7)).map { _ -> (UInt16, Double) in
        (UInt16(random.next() % 4), random.pick([0, 0.1, 0.2, 0.25, 0.5, 1.0 / 3, -0.0]) ?? 0)
      }
      rows.append(row)
      builder.addRow(row)
    }
    let shares = builder.build()
    for (index, row) in rows.enumerated() {
      let expected = Self.reference(row)
      #expect(shares.leaderKeys[index] == expected.0, "\(row)")
      #expect(shares.leaderShares[index].bitPattern == expected.1.bitPattern, "\(row)")
      #expect(shares.runnerUpShares[index].bitPattern == expected.2.bitPattern, "\(row)")
      #expect(shares.entries(of: index).map(\.key) == row.map(\.0))
      #expect(shares.entries(of: index).map(\.share) == row.map { Float($0.1) })
    }
  }
}
