import CreatorMatch
import CreatorMatchSupport
import Foundation

/// Validates one ``FieldRow`` and turns it into a ``Creator``, collecting every problem.
///
/// Rules (each has a test with a bad input):
/// - `id` present; `platform` known (or a default given); `followers` present, numeric, ≥ 0.
/// - Counts (`following`, `posts`, averages, price) numeric and ≥ 0; `posts_sampled` ≥ 1.
/// - Counts at most 10¹⁰ (a price at most 10¹²), `engagement_rate` at most 10,000%; `followers`,
///   `following` and `posts` 0 or at least 1 (`number-out-of-range`).
/// - Shares (`sponsored_share`, `aud_female`, age buckets, `aud_real_share`) in 0–1, written as a
///   fraction or a percentage (`0.34`, `34%`); age buckets together ≤ 1.
/// - Distributions `KEY:share|KEY:share` with shares in 0–1 summing to ≤ 1 (interests may sum
///   past 1); entries written without a share split what is left and mark the dimension estimated.
/// - An unrecognized country, language or currency is a warning: the field is ignored, the row kept.
package struct CreatorRowDecoder: Sendable {
  /// The file name for diagnostics.
  package let file: String
  /// The platform for rows without one.
  package let defaultPlatform: Platform?

  /// Whether well-formed list cells take the one-pass fast paths
  /// (`CreatorRowDecoder+PlainCells.swift`); tests turn it off to compare with the general parser.
  var usesPlainCells = true

  /// Tolerance on "sums to at most 1", for rounding in exports (shares written to 2 decimals).
  static let sumTolerance = 0.011

  /// Creates a decoder.
  package init(file: String, defaultPlatform: Platform?) {
    self.file = file
    self.defaultPlatform = defaultPlatform
  }

  /// Decodes `row` into `creator`, left `nil` when the row has an error; appends problems to
  /// `diagnostics` and sets `idHash` to the id's ``IdentifierIndex/hash(_:)``.
  func decode(
    _ row: FieldRow, into diagnostics: inout [Diagnostic], idHash: inout UInt64,
    creator: inout Creator?
  ) {
    withUnsafeTemporaryAllocation(of: Creator.self, capacity: 1) { buffer in
      guard let slot = buffer.baseAddress else { return }
      var labels = SmallStrings()
      if decode(row, into: &diagnostics, idHash: &idHash, at: slot, labels: &labels) {
        creator = slot.move()
      } else {
        creator = nil
      }
    }
  }

  /// Decodes `row` into the uninitialized `slot`, and returns whether it did: on `false` the row
  /// has an error and `slot` is left uninitialized. Appends problems to `diagnostics` and sets
  /// `idHash` to the id's ``IdentifierIndex/hash(_:)``. Short labels (categories, interests) are made once in
  /// `labels` and copied after.
  ///
  /// The creator is written in place, where its reader keeps it (``CreatorRun``), and its id
  /// hashed here where it is at hand: returning a creator, or moving it out of an optional one,
  /// copied it (~360 bytes) once a row.
  func decode(
    _ row: FieldRow, into diagnostics: inout [Diagnostic], idHash: inout UInt64,
    at slot: UnsafeMutablePointer<Creator>, labels: inout SmallStrings
  ) -> Bool {
    var problems = RowProblems(line: row.line)
    defer { if !problems.all.isEmpty { diagnostics.append(contentsOf: problems.all(file: file)) } }

    guard let id = row.text(.id) else {
      problems.error(
        row.column(.id), "missing-id",
        "id: the row has no creator id (map the id column with --map id=COLUMN)")
      return false
    }
    idHash = IdentifierIndex.hash(id)
    let platform: Platform
    if let named = row.withValue(.platform, Self.platform(named:)) ?? nil {
      platform = named
    } else if let text = row.text(.platform) {
      guard let parsed = Platform(rawValue: text) ?? Platform(parsing: text) else {
        problems.error(
          row.column(.platform), "unknown-platform",
          "platform: unknown platform \"\(text)\"; expected one of "
            + Platform.allCases.map(\.rawValue).joined(separator: ", "))
        return false
      }
      platform = parsed
    } else if let defaultPlatform {
      platform = defaultPlatform
    } else {
      problems.error(
        row.column(.platform), "missing-platform",
        "platform: missing; add a platform column or pass --platform NAME")
      return false
    }

    guard let followers = count(row, .followers, &problems, required: true) else { return false }
    slot.initialize(to: Creator(id: id, platform: platform, followers: followers))
    slot.pointee.handle = row.text(.handle)
    slot.pointee.name = row.text(.name)
    slot.pointee.following = count(row, .following, &problems)
    slot.pointee.posts = count(row, .posts, &problems)
    slot.pointee.engagement = EngagementStats(
      likes: count(row, .avgLikes, &problems),
      comments: count(row, .avgComments, &problems),
      shares: count(row, .avgShares, &problems),
      saves: count(row, .avgSaves, &problems),
      views: count(row, .avgViews, &problems),
      total: count(row, .avgEngagements, &problems),
      authentic: count(row, .authenticEngagements, &problems),
      rate: engagementRate(row, &problems),
      postsSampled: count(row, .postsSampled, &problems))
    if let sampled = slot.pointee.engagement.postsSampled, sampled < 1 {
      problems.error(
        row.column(.postsSampled), "invalid-posts-sampled",
        "posts_sampled: must be at least 1, found \(JSONWriter.format(sampled))")
    }
    slot.pointee.sponsoredShare = share(row, .sponsoredShare, &problems)
    slot.pointee.country = code(row, .country, &problems, lookup: CountryCatalog.code(for:))
    slot.pointee.language = code(row, .language, &problems, lookup: LanguageCatalog.code(for:))
    slot.pointee.categories = Self.splitList(row, .categories, labels: &labels)
    slot.pointee.bio = row.text(.bio) ?? ""
    slot.pointee.hashtags = row.text(.hashtags) ?? ""
    slot.pointee.pricePerPost = count(row, .pricePerPost, &problems)
    if let upper = row.withValue(.currency, Self.currencyCode) ?? nil {
      slot.pointee.currency = upper
    } else if let currency = row.text(.currency) {
      problems.warning(
        row.column(.currency), "unknown-currency",
        "currency: \"\(currency)\" is not an ISO 4217 code such as USD, EUR, PLN; ignored")
    }
    // Filled in place: building a profile and assigning it copied it.
    audience(row, &problems, labels: &labels, into: &slot.pointee.audience)
    slot.pointee.followerHistory = history(row, &problems)
    if problems.hasErrors {
      slot.deinitialize(count: 1)
      return false
    }
    return true
  }

  /// Three ASCII letters, upper-cased; `nil` for anything else.
  static func currencyCode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard bytes.count == 3 else { return nil }
    func isLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    var upper: (UInt8, UInt8, UInt8) = (bytes[0] & 0xDF, bytes[1] & 0xDF, bytes[2] & 0xDF)
    guard isLetter(upper.0), isLetter(upper.1), isLetter(upper.2) else { return nil }
    return withUnsafeBytes(of: &upper) { String(decoding: $0, as: UTF8.self) }
  }

  /// The platform whose raw value `bytes` spell exactly, read without making a string (other
  /// spellings go through ``Platform/init(parsing:)``); `nil` for anything else.
  static func platform(named bytes: UnsafeBufferPointer<UInt8>) -> Platform? {
    func spells(_ name: StaticString) -> Bool {
      guard name.utf8CodeUnitCount == bytes.count, let base = bytes.baseAddress else {
        return false
      }
      return memcmp(name.utf8Start, base, bytes.count) == 0
    }
    switch bytes.first {
    case UInt8(ascii: "i"): return spells("instagram") ? .instagram : nil
    case UInt8(ascii: "t"): return spells("tiktok") ? .tiktok : spells("twitch") ? .twitch : nil
    case UInt8(ascii: "y"): return spells("youtube") ? .youtube : nil
    case UInt8(ascii: "x"): return spells("x") ? .x : nil
    case UInt8(ascii: "f"): return spells("facebook") ? .facebook : nil
    case UInt8(ascii: "p"): return spells("pinterest") ? .pinterest : nil
    case UInt8(ascii: "l"): return spells("linkedin") ? .linkedin : nil
    case UInt8(ascii: "o"): return spells("other") ? .other : nil
    default: return nil
    }
  }

  private func count(
    _ row: FieldRow, _ field: CreatorField, _ problems: inout RowProblems, required: Bool = false
  ) -> Double? {
    switch row.number(field) {
    case .missing:
      if required {
        problems.error(
          row.column(field), "missing-\(field.rawValue)",
          "\(field.rawValue): missing; every creator needs a \(field.rawValue) count")
      }
      return nil
    case .invalid:
      problems.error(
        row.column(field), "not-a-number",
        "\(field.rawValue): \"\(row.text(field) ?? "")\" is not a number "
          + "(accepted: 12345, 12,345, 12.3K, 4.5M, 1.2B)")
      return nil
    case .value(let value, let isPercent):
      if isPercent {
        problems.error(
          row.column(field), "not-a-count",
          "\(field.rawValue): \"\(row.text(field) ?? "")\" is a percentage, expected a count")
        return nil
      }
      if value < 0 {
        problems.error(
          row.column(field), "negative-number",
          "\(field.rawValue): \(JSONWriter.format(value)) is negative; must be 0 or more")
        return nil
      }
      let largest = Self.largestCount(field)
      guard value <= largest else {
        problems.error(
          row.column(field), "number-out-of-range",
          "\(field.rawValue): \(JSONWriter.format(value)) is past the largest accepted "
            + "\(JSONWriter.format(largest))")
        return nil
      }
      if Self.isWholeCount(field), value > 0, value < 1 {
        problems.error(
          row.column(field), "number-out-of-range",
          "\(field.rawValue): \(JSONWriter.format(value)) is between 0 and 1; "
            + "a count must be 0 or at least 1")
        return nil
      }
      return value
    }
  }

  /// Counts of accounts or posts, which are whole: a positive value below 1 (`0.5`, `5e-324`)
  /// is a broken cell, and as a divisor it turns rates into infinities that poison the fit.
  /// (A switch, not a `Set`: hashing the field for every count cell was ~4% of reading a CSV.)
  static func isWholeCount(_ field: CreatorField) -> Bool {
    switch field {
    case .followers, .following, .posts: return true
    default: return false
    }
  }

  /// The largest value a count field accepts: 10¹⁰ (more than the world's population) for
  /// audiences, posts and engagements, 10¹² for a price in any currency. Larger values are
  /// export errors, and sums, logs and conversions of them overflow or swamp every peer curve.
  static func largestCount(_ field: CreatorField) -> Double {
    field == .pricePerPost ? 1e12 : 1e10
  }

  private func share(_ row: FieldRow, _ field: CreatorField, _ problems: inout RowProblems)
    -> Double?
  {
    switch row.number(field) {
    case .missing:
      return nil
    case .invalid:
      problems.error(
        row.column(field), "not-a-number",
        "\(field.rawValue): \"\(row.text(field) ?? "")\" is not a share (write 0.34 or 34%)")
      return nil
    case .value(let value, _):
      guard (0...1).contains(value) else {
        problems.error(
          row.column(field), "share-out-of-range",
          "\(field.rawValue): \(row.text(field) ?? "") is outside 0–1 (write 0.34 or 34%)")
        return nil
      }
      return value
    }
  }

  private func engagementRate(_ row: FieldRow, _ problems: inout RowProblems) -> Double? {
    switch row.number(.engagementRate) {
    case .missing:
      return nil
    case .invalid:
      problems.error(
        row.column(.engagementRate), "not-a-number",
        "engagement_rate: \"\(row.text(.engagementRate) ?? "")\" is not a rate (write 0.021 or 2.1%)"
      )
      return nil
    case .value(let value, let isPercent):
      if value < 0 {
        problems.error(
          row.column(.engagementRate), "negative-number",
          "engagement_rate: \(JSONWriter.format(value)) is negative")
        return nil
      }
      // A rate past 10,000% (or infinite) is an export error, not an engagement rate.
      guard value <= (isPercent ? 100 : 10_000) else {
        problems.error(
          row.column(.engagementRate), "number-out-of-range",
          "engagement_rate: \(row.text(.engagementRate) ?? "") is past the largest accepted rate, "
            + "10000%")
        return nil
      }
      if !isPercent && value > 1 {
        problems.warning(
          row.column(.engagementRate), "rate-read-as-percent",
          "engagement_rate: \(JSONWriter.format(value)) read as \(JSONWriter.format(value))% "
            + "(a rate without % above 1 is taken as percent)")
        return value / 100
      }
      return value
    }
  }

  private func code(
    _ row: FieldRow, _ field: CreatorField, _ problems: inout RowProblems,
    lookup: (String) -> String?
  ) -> String? {
    // Fast path: a valid two-letter code.
    let fast = row.withValue(field) { bytes -> String? in
      let packed = ByteFields.twoLetters(bytes)
      return (field == .country ? CodeTable.countries : CodeTable.languages).code(packed)
    }
    if let fast = fast ?? nil { return fast }
    guard let text = row.text(field), !Self.isMissingMarker(text) else { return nil }
    if let code = lookup(text) {
      if MojibakeRepair.repair(text) != nil {
        problems.warning(
          row.column(field), "mis-decoded-text",
          "\(field.rawValue): \"\(text)\" looks mis-decoded (UTF-8 read as Latin-1); read as \(code)"
        )
      }
      return code
    }
    problems.warning(
      row.column(field), "unknown-\(field.rawValue)",
      "\(field.rawValue): \"\(text)\" is not a recognized \(field.rawValue) name or code; ignored")
    return nil
  }

  static func isMissingMarker(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { HumanNumber.isMissingMarker($0) }
  }

  /// The list in `field`, split on `|` (or `,`/`;`), trimmed, without blanks, markers or repeats;
  /// a one-item cell's item made once in `labels` and copied after.
  static func splitList(_ row: FieldRow, _ field: CreatorField, labels: inout SmallStrings)
    -> [String]
  {
    row.withValue(field) { bytes -> [String] in
      singleItem(bytes, labels: &labels) ?? splitList(bytes)
    } ?? []
  }

  /// The list in `bytes` split on `|` (or `,`/`;`), trimmed, without blanks, markers or repeats.
  static func splitList(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    var result = UniqueList<String>()
    ByteFields.forEachPart(bytes, separators: ByteFields.separator(bytes)) { part in
      if !HumanNumber.isMissingMarker(part) {
        result.append(String(decoding: part, as: UTF8.self))
      }
      return true
    }
    return result.elements
  }

  /// The general split of the bytes (`splitList`) for a cell with no separator, the usual
  /// one-category cell, in one scan and one allocation; `nil` when `bytes` hold a separator.
  /// (The general split, with its list of items seen and its closure, cost ~900 instructions
  /// for a cell such as `lifestyle`.)
  static func singleItem(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    var labels = SmallStrings()
    return singleItem(bytes, labels: &labels)
  }

  /// ``singleItem(_:)``, the item made once in `labels` and copied after.
  static func singleItem(_ bytes: UnsafeBufferPointer<UInt8>, labels: inout SmallStrings)
    -> [String]?
  {
    for byte in bytes
    where byte == UInt8(ascii: "|") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") {
      return nil
    }
    // The one part, trimmed as `ByteFields.forEachPart` trims it.
    let part = ByteFields.trimmed(bytes, 0..<bytes.count)
    if part.isEmpty || HumanNumber.isMissingMarker(part) { return [] }
    return [labels.string(part)]
  }

  /// Splits a list on `|`, or on `,`/`;` when there is no `|`; trims and drops blanks and repeats.
  package static func splitList(_ text: String) -> [String] {
    let separators: Set<Character> = text.contains("|") ? ["|"] : [",", ";"]
    var result = UniqueList<String>()
    for part in text.split(whereSeparator: { separators.contains($0) }) {
      let item = part.trimmingCharacters(in: .whitespacesAndNewlines)
      if !item.isEmpty && !isMissingMarker(item) { result.append(item) }
    }
    return result.elements
  }

  private func audience(
    _ row: FieldRow, _ problems: inout RowProblems, labels: inout SmallStrings,
    into profile: inout AudienceProfile
  ) {
    profile.femaleShare = share(row, .audFemale, &problems)
    profile.realShare = share(row, .audRealShare, &problems)
    var ages: [Double] = []
    for index in 0..<Self.ageFieldCount {
      if let value = share(row, Self.ageField(index), &problems) {
        // A literal: Array(repeating:count:) looked its storage type up at run time.
        if ages.isEmpty { ages = [0, 0, 0, 0, 0, 0] }
        ages[index] = value
      }
    }
    if !ages.isEmpty {
      let total = ages.reduce(0, +)
      if total > 1 + Self.sumTolerance {
        problems.error(
          row.column(.audAge13to17), "distribution-over-one",
          "aud_age_*: age shares sum to \(Self.format(total)); they must sum to at most 1")
      } else {
        profile.ageShares = ages
      }
    }
    profile.countries = distribution(row, .audCountries, &problems, labels: &labels) {
      CountryCatalog.code(for: $0)
    }
    profile.languages = distribution(row, .audLanguages, &problems, labels: &labels) {
      LanguageCatalog.code(for: $0)
    }
    profile.interests = distribution(
      row, .audInterests, &problems, labels: &labels, sumsToOne: false
    ) {
      let label = $0.lowercased().trimmingCharacters(in: .whitespaces)
      return label.isEmpty ? nil : label
    }
  }

  /// The number of age-bucket fields.
  private static let ageFieldCount = 6

  /// The age-bucket field at `index` in ``AgeBucket`` order. A switch rather than a global array:
  /// every core retained and released the one array for every row, and those shared counts cost
  /// more than the reading.
  private static func ageField(_ index: Int) -> CreatorField {
    switch index {
    case 0: .audAge13to17
    case 1: .audAge18to24
    case 2: .audAge25to34
    case 3: .audAge35to44
    case 4: .audAge45to54
    default: .audAge55plus
    }
  }

  private static func format(_ value: Double) -> String {
    String(format: "%.3f", value)
  }

  private func distribution(
    _ row: FieldRow, _ field: CreatorField, _ problems: inout RowProblems,
    labels: inout SmallStrings, sumsToOne: Bool = true, key: (String) -> String?
  ) -> Distribution? {
    if usesPlainCells,
      let plain = row.withValueRange(
        field,
        {
          Self.plainEntries($0, $1, field: field, labels: &labels)
        }) ?? nil
    {
      // Keys and shares are valid; only the sum remains to check.
      return checkedSum(Distribution(entries: plain), row, field, &problems, sumsToOne: sumsToOne)
    }
    var entries: [Distribution.Entry] = []
    // The first entries' packed two-letter codes (0 for interest labels), kept inline: a
    // country or language repeat is found by comparing integers, with no allocation.
    var packedKeys = SIMD16<UInt16>()
    var unshared = UniqueList<String>()
    // Each key's position in `entries` once they outgrow a linear search (see `UniqueList`).
    var positions: [String: Int]?
    var failure: (rule: String, message: String)?
    var unknown: [String] = []
    let present: Bool? = row.withValue(field) { bytes -> Bool in
      if HumanNumber.isMissingMarker(bytes) { return false }
      let separators = ByteFields.separator(bytes)
      // Room for every part at once: an array grown by doubling keeps unused capacity, and larger
      // blocks are slower to allocate and free.
      let parts = ByteFields.partCountBound(bytes, separators: separators)
      entries.reserveCapacity(parts)
      ByteFields.forEachPart(bytes, separators: separators) { item in
        var colon = item.count
        for index in 0..<item.count
        where item[index] == UInt8(ascii: ":") || item[index] == UInt8(ascii: "=") {
          colon = index
          break
        }
        var nameEnd = colon
        while nameEnd > 0, FieldRow.isSpace(item[nameEnd - 1]) { nameEnd -= 1 }
        let nameBytes = UnsafeBufferPointer(rebasing: item[0..<nameEnd])
        let code: String?
        // Two-letter codes are told apart by their packed value, so repeats are found without
        // comparing strings; other keys get 0 and are compared as strings.
        var packedKey: UInt16 = 0
        let packed = ByteFields.twoLetters(nameBytes)
        if field == .audCountries, let known = CodeTable.countries.code(packed) {
          code = known
          packedKey = packed
        } else if field == .audLanguages, let known = CodeTable.languages.code(packed) {
          code = known
          packedKey = packed
        } else if field == .audInterests,
          nameBytes.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) })
        {
          code = nameBytes.isEmpty ? nil : String(decoding: nameBytes, as: UTF8.self)
        } else {
          code = key(
            String(decoding: nameBytes, as: UTF8.self).trimmingCharacters(in: .whitespaces))
          if field != .audInterests, var mapped = code {
            packedKey = mapped.withUTF8 { ByteFields.twoLetters($0) }
          }
        }
        guard let code else {
          unknown.append(String(decoding: nameBytes, as: UTF8.self))
          return true
        }
        if colon == item.count {
          let shared =
            positions.map { $0[code] != nil } ?? entries.contains(where: { $0.key == code })
          if !shared { unshared.append(code) }
          return true
        }
        let shareBytes = UnsafeBufferPointer(rebasing: item[(colon + 1)...])
        guard case .value(let share, _) = HumanNumber.parse(shareBytes), (0...1).contains(share)
        else {
          let name = String(decoding: nameBytes, as: UTF8.self)
          let text = String(decoding: shareBytes, as: UTF8.self).trimmingCharacters(
            in: .whitespaces)
          failure =
            if case .value = HumanNumber.parse(shareBytes) {
              (
                "share-out-of-range",
                "\(field.rawValue): share \(text) of \(name) is outside 0–1 (write 0.62 or 62%)"
              )
            } else {
              (
                "not-a-number",
                "\(field.rawValue): share \"\(text)\" of \(name) is not a number (write PL:0.62)"
              )
            }
          return false
        }
        var existing = -1
        if let positions {
          existing = positions[code] ?? -1
        } else {
          for index in entries.indices {
            let same =
              packedKey != 0 && index < packedKeys.scalarCount
              ? packedKeys[index] == packedKey : entries[index].key == code
            if same {
              existing = index
              break
            }
          }
        }
        if existing >= 0 {
          entries[existing].share += share
        } else {
          if entries.count < packedKeys.scalarCount { packedKeys[entries.count] = packedKey }
          entries.append(Distribution.Entry(key: code, share: share))
          if positions != nil {
            positions?[code] = entries.count - 1
          } else if entries.count > UniqueList<String>.linearLimit {
            positions = Dictionary(
              entries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
          }
        }
        return true
      }
      return true
    }
    guard present == true else { return nil }
    for name in unknown {
      problems.warning(
        row.column(field), "unknown-\(field.rawValue)-key",
        "\(field.rawValue): \"\(name)\" is not recognized; that entry is ignored")
    }
    if let failure {
      problems.error(row.column(field), failure.rule, failure.message)
      return nil
    }
    guard
      var result = checkedSum(
        Distribution(entries: entries), row, field, &problems, sumsToOne: sumsToOne)
    else { return nil }
    if !unshared.elements.isEmpty {
      // Entries without a share (e.g. a table's single "Audience country") split what is left.
      let remaining = sumsToOne ? max(0, 1 - result.total) : 1
      let each = remaining / Double(unshared.elements.count)
      for code in unshared.elements {
        result.entries.append(Distribution.Entry(key: code, share: each))
      }
      result.sharesEstimated = true
    }
    return result.entries.isEmpty ? nil : result
  }

  /// `distribution`, or `nil` with an error when its shares must sum to at most 1 and do not.
  private func checkedSum(
    _ distribution: Distribution, _ row: FieldRow, _ field: CreatorField,
    _ problems: inout RowProblems, sumsToOne: Bool
  ) -> Distribution? {
    let total = distribution.total
    guard sumsToOne && total > 1 + Self.sumTolerance else { return distribution }
    problems.error(
      row.column(field), "distribution-over-one",
      "\(field.rawValue): shares sum to \(Self.format(total)); they must sum to at most 1 "
        + "(the rest is other \(field == .audLanguages ? "languages" : "countries"))")
    return nil
  }

  private func history(_ row: FieldRow, _ problems: inout RowProblems) -> [Double] {
    var failed: String?
    let values =
      row.withValueRange(.followerHistory) { all, cell -> [Double] in
        if usesPlainCells, let plain = Self.plainHistory(all, cell) { return plain }
        let bytes = UnsafeBufferPointer(rebasing: all[cell])
        var values: [Double] = []
        let separators =
          bytes.contains(UInt8(ascii: "|"))
          ? ByteFields.Separators(first: UInt8(ascii: "|"), second: UInt8(ascii: "|"))
          : ByteFields.Separators(first: UInt8(ascii: ";"), second: UInt8(ascii: " "))
        values.reserveCapacity(ByteFields.partCountBound(bytes, separators: separators))
        ByteFields.forEachPart(bytes, separators: separators) { part in
          switch HumanNumber.parse(part) {
          case .value(let value, false) where value >= 0:
            values.append(value)
            return true
          case .missing:
            return true
          default:
            failed = String(decoding: part, as: UTF8.self)
            return false
          }
        }
        return values
      } ?? []
    if let failed {
      problems.error(
        row.column(.followerHistory), "invalid-history",
        "follower_history: \"\(failed)\" is not a follower count (write 12000|12500|13100)")
      return []
    }
    if let absurd = values.first(where: { $0 > Self.largestCount(.followers) }) {
      problems.error(
        row.column(.followerHistory), "invalid-history",
        "follower_history: \(JSONWriter.format(absurd)) is past the largest accepted count "
          + JSONWriter.format(Self.largestCount(.followers)))
      return []
    }
    return values
  }
}

/// Problems found in one row.
///
/// The file name is added when the problems are handed over: holding it here retained the one
/// string every core shares, once a row, and those shared counts are slow.
struct RowProblems {
  let line: Int
  private(set) var all: [Diagnostic] = []
  private(set) var hasErrors = false

  init(line: Int) {
    self.line = line
  }

  /// The problems, naming `file`.
  func all(file: String) -> [Diagnostic] {
    all.map {
      var named = $0
      named.file = file
      return named
    }
  }

  mutating func error(_ column: Int, _ rule: String, _ message: String) {
    hasErrors = true
    all.append(
      Diagnostic(
        file: "", line: line, column: column, severity: .error, rule: rule, message: message))
  }

  mutating func warning(_ column: Int, _ rule: String, _ message: String) {
    all.append(
      Diagnostic(
        file: "", line: line, column: column, severity: .warning, rule: rule, message: message))
  }
}
