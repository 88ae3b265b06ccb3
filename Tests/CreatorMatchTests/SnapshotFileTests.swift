import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

/// The prepared snapshot (`SnapshotFile`): its layout, its checksum, a round trip that rebuilds
/// the same table, and the refusal of damaged files.
@Suite("Prepared snapshots: layout, checksums, round trip, damage")
struct SnapshotFileTests {
  static let creators = DatasetGenerator(seed: 29).creators(count: 1_500).map(\.creator)
  static let catalog: CreatorCatalog? = try? CreatorCatalog(creators: creators, threads: 2)

  static func write(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("creatormatch-snapshot-\(UUID().uuidString).snapshot").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
    (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
  }

  @Test("the header: magic, version 3, section count, file length, aligned sections in bounds")
  func header() throws {
    let catalog = try #require(Self.catalog)
    let bytes = SnapshotFile.bytes(of: catalog, source: "creators.csv")
    #expect(Array(bytes[0..<8]) == [0x89, 0x43, 0x4D, 0x53, 0x4E, 0x41, 0x50, 0x0A])
    #expect(bytes[8..<12].elementsEqual([3, 0, 0, 0]))
    let sections = Int(bytes[12]) | Int(bytes[13]) << 8
    #expect(Self.uint64(bytes, at: 16) == UInt64(bytes.count))
    // The columns of the table (68 with the three audience share sets), the model, the source
    // name and the labels (2 optional lists of 2 sections, categories 2).
    #expect(sections > 60)
    var previousEnd = 32 + 80 * sections
    for index in 0..<sections {
      let entry = 32 + 80 * index
      let offset = Int(Self.uint64(bytes, at: entry + 56))
      let length = Int(Self.uint64(bytes, at: entry + 64))
      #expect(offset % 64 == 0)
      #expect(offset >= previousEnd)
      #expect(offset + length <= bytes.count)
      previousEnd = offset + length
    }
    // The file ends at the last section rounded up to 64 bytes.
    #expect(bytes.count == (previousEnd + 63) / 64 * 64)
  }

  @Test("a string list: count, offsets from 0, one UTF-8 blob")
  func stringLayout() {
    var writer = SnapshotWriter()
    writer.strings("s", StringColumn(["ab", "", "żó"]))
    let bytes = writer.bytes()
    // Header 32 + one entry 80 = 112, rounded up to 128.
    #expect(Self.uint64(bytes, at: 32 + 56) == 128)
    // 8 (count) + 4 × 8 (offsets) + 2 + 0 + 4 bytes of text.
    #expect(Self.uint64(bytes, at: 32 + 64) == 46)
    #expect(Self.uint64(bytes, at: 128) == 3)
    #expect((0..<4).map { Self.uint64(bytes, at: 136 + 8 * $0) } == [0, 2, 2, 6])
    #expect(Array(bytes[168..<174]) == Array("abżó".utf8))
  }

  @Test("the checksum changes with any single flipped bit, and with the length")
  func checksum() {
    var generator = SystemRandomNumberGenerator()
    let data = (0..<203).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let base = data.withUnsafeBytes { SnapshotFormat.checksum($0) }
    #expect(base == data.withUnsafeBytes { SnapshotFormat.checksum($0) })
    for index in data.indices {
      for bit in [0, 7] {
        var changed = data
        changed[index] ^= 1 << bit
        #expect(changed.withUnsafeBytes { SnapshotFormat.checksum($0) } != base)
      }
    }
    #expect((data + [0]).withUnsafeBytes { SnapshotFormat.checksum($0) } != base)
    let zeros = [UInt8](repeating: 0, count: 64)
    #expect(
      zeros.withUnsafeBytes { SnapshotFormat.checksum($0) }
        != zeros.dropLast().withUnsafeBytes { SnapshotFormat.checksum($0) })
  }

  @Test("read back, the catalog writes the same bytes and ranks every brief the same")
  func roundTrip() throws {
    let catalog = try #require(Self.catalog)
    let bytes = SnapshotFile.bytes(of: catalog, source: "creators.csv")
    let path = try Self.write(bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(SnapshotFile.isSnapshot(path: path))
    let loaded = try SnapshotFile.read(path)
    #expect(loaded.source == "creators.csv")
    #expect(loaded.catalog.model == catalog.model)
    #expect(loaded.catalog.labels == catalog.labels)
    #expect(loaded.catalog.table.count == 1_500)
    #expect(SnapshotFile.bytes(of: loaded.catalog, source: "creators.csv") == bytes)
    for name in ["pl-skincare", "us-gaming", "jp-travel"] {
      let briefPath = Fixtures.packageRoot.appendingPathComponent("datasets/briefs/\(name).json")
      let brief = try CampaignBrief.decode(
        Array(try Data(contentsOf: briefPath)), source: briefPath.path)
      let expected = Ranker(table: catalog.table).rank(brief, top: 50)
      let actual = Ranker(table: loaded.catalog.table).rank(brief, top: 50)
      #expect(actual.rows == expected.rows)
      #expect(actual.eligible == expected.eligible)
      for row in expected.rows.prefix(5) {
        #expect(
          Ranker(table: loaded.catalog.table).explain(row, plan: actual.plan)
            == Ranker(table: catalog.table).explain(row, plan: expected.plan))
      }
      #expect(loaded.catalog.table.row(ofID: expected.rows[0].id) == expected.rows[0].row)
    }
  }

  @Test("a CSV file is not a snapshot; a file cut inside the magic bytes is one, truncated")
  func recognition() throws {
    let csv = try Self.write(Array("id,followers\na,10\n".utf8))
    let cut = try Self.write([0x89, 0x43, 0x4D])
    defer {
      try? FileManager.default.removeItem(atPath: csv)
      try? FileManager.default.removeItem(atPath: cut)
    }
    #expect(!SnapshotFile.isSnapshot(path: csv))
    #expect(!SnapshotFile.isSnapshot(path: "/nonexistent/creators.snapshot"))
    #expect(SnapshotFile.isSnapshot(path: cut))
    #expect(throws: SnapshotError.self) { _ = try SnapshotFile.read(cut) }
  }

  @Test("damage is refused naming the file: another version, truncation, any flipped byte")
  func damage() throws {
    let catalog = try #require(Self.catalog)
    let bytes = SnapshotFile.bytes(of: catalog, source: "creators.csv")
    func kind(_ damaged: [UInt8]) throws -> SnapshotError.Kind? {
      let path = try Self.write(damaged)
      defer { try? FileManager.default.removeItem(atPath: path) }
      do {
        _ = try SnapshotFile.read(path)
        return nil
      } catch {
        #expect(error.description.hasPrefix(path + ": "))
        return error.kind
      }
    }
    // The previous format (2, before the audience byte) and a later one.
    for other: UInt8 in [2, 4] {
      var version = bytes
      version[8] = other
      #expect(try kind(version) == .version)
    }
    #expect(try kind(Array(bytes.prefix(bytes.count / 2))) == .truncated)
    #expect(try kind(Array(bytes.prefix(20))) == .truncated)
    var generator = SystemRandomNumberGenerator()
    // The section table, the header's length field and a spread of data bytes.
    let positions =
      [16, 24, 40, 32 + 80 + 50, 32 + 80 * 3 + 60]
      + (0..<12).map { _ in Int.random(in: 512..<bytes.count, using: &generator) }
    for position in positions {
      var flipped = bytes
      flipped[position] ^= 0x10
      let found = try kind(flipped)
      // A flip in padding between sections is harmless; anywhere else it must be caught.
      if found == nil {
        let covered = (0..<(Int(bytes[12]) | Int(bytes[13]) << 8)).contains { index in
          let entry = 32 + 80 * index
          let offset = Int(Self.uint64(bytes, at: entry + 56))
          let length = Int(Self.uint64(bytes, at: entry + 64))
          return (offset..<(offset + length)).contains(position)
        }
        #expect(!covered && position >= 32 + 80 * (Int(bytes[12]) | Int(bytes[13]) << 8))
      } else {
        #expect(found == .corrupt || found == .truncated)
      }
    }
  }

  /// Forwards columns to a writer, shortening one: a file whose checksums hold but whose columns
  /// disagree.
  struct ShorteningSink: TableColumnSink {
    var writer = SnapshotWriter()
    var shorten: String

    mutating func numbers<T: BitwiseCopyable>(_ name: String, _ values: Column<T>) {
      writer.numbers(name, name == shorten ? Column(ContiguousArray(values.dropLast())) : values)
    }
    mutating func strings(_ name: String, _ values: StringColumn) {
      writer.strings(name, name == shorten ? StringColumn(Array(values.dropLast())) : values)
    }
    mutating func optionalStrings(_ name: String, _ values: OptionalStringColumn) {
      writer.optionalStrings(name, values)
    }
  }

  @Test(
    "columns that disagree with the row count are refused, not read out of bounds",
    arguments: ["table.platforms", "table.ids", "text.postings.rows", "audience.countries.offsets"])
  func inconsistentColumns(column: String) throws {
    let catalog = try #require(Self.catalog)
    var sink = ShorteningSink(shorten: column)
    sink.writer.numbers("model.json", Column(ContiguousArray(catalog.model.jsonText().utf8)))
    catalog.table.writeColumns(to: &sink)
    let path = try Self.write(sink.writer.bytes())
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try SnapshotReader(path: path)
    #expect(throws: (any Error).self) {
      _ = try CreatorTable(columns: reader, model: catalog.model)
    }
  }

  /// Forwards columns to a writer, with one row number of `column` set past the last row: a file
  /// whose checksums hold but whose row numbers do not.
  struct RowPastEndSink: TableColumnSink {
    var writer = SnapshotWriter()
    var column: String
    var rows: Int

    mutating func numbers<T: BitwiseCopyable>(_ name: String, _ values: Column<T>) {
      guard name == column, let numbers = values as? Column<UInt32> else {
        writer.numbers(name, values)
        return
      }
      var changed = ContiguousArray(numbers)
      changed[changed.count / 2] = UInt32(rows)
      writer.numbers(name, Column(changed))
    }
    mutating func strings(_ name: String, _ values: StringColumn) { writer.strings(name, values) }
    mutating func optionalStrings(_ name: String, _ values: OptionalStringColumn) {
      writer.optionalStrings(name, values)
    }
  }

  @Test(
    "a row number past the last row is refused when the table is rebuilt",
    arguments: ["table.idRanks", "table.rowsByIDRank"])
  func rowPastEnd(column: String) throws {
    let catalog = try #require(Self.catalog)
    var sink = RowPastEndSink(column: column, rows: catalog.table.count)
    catalog.table.writeColumns(to: &sink)
    let path = try Self.write(sink.writer.bytes())
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try SnapshotReader(path: path)
    #expect(throws: TableColumnMismatch.self) {
      _ = try CreatorTable(columns: reader, model: catalog.model)
    }
  }

  /// Forwards columns to a writer, with every third posting's row set past the last row (and so
  /// out of order): a file whose checksums hold but whose postings do not.
  struct PostingsPastEndSink: TableColumnSink {
    var writer = SnapshotWriter()
    var rows: Int

    mutating func numbers<T: BitwiseCopyable>(_ name: String, _ values: Column<T>) {
      guard name == "text.postings.rows", let numbers = values as? Column<UInt32> else {
        writer.numbers(name, values)
        return
      }
      var changed = ContiguousArray(numbers)
      for index in stride(from: 0, to: changed.count, by: 3) {
        changed[index] = UInt32(rows + index % 1_000)
      }
      writer.numbers(name, Column(changed))
    }
    mutating func strings(_ name: String, _ values: StringColumn) { writer.strings(name, values) }
    mutating func optionalStrings(_ name: String, _ values: OptionalStringColumn) {
      writer.optionalStrings(name, values)
    }
  }

  @Test("posting rows past the table load, and are skipped where read, never read out of bounds")
  func postingRowsPastEnd() throws {
    let catalog = try #require(Self.catalog)
    var sink = PostingsPastEndSink(rows: catalog.table.count)
    catalog.table.writeColumns(to: &sink)
    let path = try Self.write(sink.writer.bytes())
    defer { try? FileManager.default.removeItem(atPath: path) }
    // A ranking's checks pass: the checksums hold, and the row numbers are not scanned at load.
    let reader = try SnapshotReader(
      path: path, checks: .sections(SnapshotFile.rankingSections, smallSection: 1 << 16))
    let loadedTable = try CreatorTable(columns: reader, model: catalog.model)
    let ranker = Ranker(table: loadedTable)
    for name in ["pl-skincare", "us-gaming", "jp-travel", "es-fashion"] {
      let briefPath = Fixtures.packageRoot.appendingPathComponent("datasets/briefs/\(name).json")
      var brief = try CampaignBrief.decode(
        Array(try Data(contentsOf: briefPath)), source: briefPath.path)
      brief.niche.expand = true
      let ranking = ranker.rank(brief, top: 20)
      #expect(ranking.candidates == 1_500)
      for row in ranking.rows.prefix(3) {
        #expect(!ranker.explain(row, plan: ranking.plan).isEmpty)
      }
      #expect(ranker.evidenceCoverage(ranking.plan).creators == 1_500)
    }
    let similar = Lookalike(table: loadedTable).similar(to: [0, 1, 2], top: 10)
    #expect(similar.rows.count == 10)
  }

  /// The offset and length of section `name` in snapshot `bytes`.
  static func section(_ name: String, in bytes: [UInt8]) -> Range<Int>? {
    let count = Int(bytes[12]) | Int(bytes[13]) << 8
    for index in 0..<count {
      let entry = 32 + 80 * index
      let stored = bytes[entry..<(entry + 48)].prefix { $0 != 0 }
      guard String(decoding: stored, as: UTF8.self) == name else { continue }
      let offset = Int(uint64(bytes, at: entry + 56))
      return offset..<(offset + Int(uint64(bytes, at: entry + 64)))
    }
    return nil
  }

  @Test("a loaded snapshot's columns are views of the mapping, its labels read per row")
  func viewsNotCopies() throws {
    let catalog = try #require(Self.catalog)
    let path = try Self.write(SnapshotFile.bytes(of: catalog, source: "creators.csv"))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let loaded = try SnapshotFile.read(ranking: path)
    let table = loaded.catalog.table
    // The built table owns its arrays; the loaded one owns none, and holds the same values.
    #expect(catalog.table.followers.ownedCapacity != nil)
    for column in [table.followers, table.hot.logEngagement, table.engagementScores] {
      #expect(column.ownedCapacity == nil)
    }
    #expect(table.postings.rows.ownedCapacity == nil)
    #expect(table.audienceCountries.shares.ownedCapacity == nil)
    #expect(table.followers == catalog.table.followers)
    #expect(table.ids == catalog.table.ids)
    #expect(table.handles == catalog.table.handles)
    #expect(loaded.catalog.labels == catalog.labels)
    for row in [0, 1, 749, 1_499] {
      #expect(loaded.catalog.labels.name(row) == catalog.labels.name(row))
      #expect(loaded.catalog.labels.categories(row) == catalog.labels.categories(row))
    }
    #expect(loaded.catalog.labels.categories(1_500).isEmpty)
    #expect(loaded.catalog.labels.name(-1) == nil)
    // The mapping outlives the reader and the catalog it came from.
    let followers = try { () throws -> Column<Double> in
      try SnapshotFile.read(ranking: path).catalog.table.followers
    }()
    #expect(followers.elementsEqual(catalog.table.followers))
  }

  @Test(
    "a ranking load refuses a flipped byte in any section it checks",
    arguments: SnapshotFile.rankingSections.sorted() + ["model.json", "text.terms"])
  func rankingChecks(name: String) throws {
    let catalog = try #require(Self.catalog)
    var bytes = SnapshotFile.bytes(of: catalog, source: "creators.csv")
    let range = try #require(Self.section(name, in: bytes))
    // nonCreatorRows may be empty in a sample; nothing to flip then.
    guard !range.isEmpty else { return }
    bytes[range.lowerBound + range.count / 2] ^= 0x04
    let path = try Self.write(bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try SnapshotFile.read(ranking: path)
      Issue.record("\(name): a flipped byte was not refused")
    } catch {
      #expect(error.kind == .corrupt)
      #expect(
        error.description == "\(path): corrupt snapshot: checksum mismatch in section '\(name)'")
    }
  }

  @Test(
    "outside the ranking's sections a flip is found by the full check; a ranking load passes",
    arguments: ["table.evidence", "labels.names", "table.ids", "audience.languages.shares"])
  func fullCheckOnly(name: String) throws {
    let catalog = try #require(Self.catalog)
    var bytes = SnapshotFile.bytes(of: catalog, source: "creators.csv")
    let range = try #require(Self.section(name, in: bytes))
    bytes[range.lowerBound + range.count / 2] ^= 0x04
    let path = try Self.write(bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: SnapshotError.self) { _ = try SnapshotFile.read(path) }
    // The sample's sections are all under the 64 KiB that a ranking load always checks, so the
    // ranking's rule is taken with no size exemption here.
    let reader = try SnapshotReader(
      path: path, checks: .sections(SnapshotFile.rankingSections, smallSection: 0))
    let loaded = try SnapshotFile.read(reader, path: path)
    #expect(loaded.catalog.table.count == 1_500)
    #expect(throws: SnapshotError.self) { _ = try SnapshotFile.read(ranking: path) }
  }

  @Test("string offsets out of order or past the blob read clamped, never out of bounds")
  func damagedStringOffsets() {
    let blob: Column<UInt8> = Column(ContiguousArray("abcde".utf8))
    let strings = StringColumn(ends: [0, 2, 100, 1, 5], blob: blob)
    #expect(strings.count == 4)
    // Entry 1 ends at 100, clamped to the blob's 5; entry 2 runs from 100 back to 1: empty.
    #expect(Array(strings) == ["ab", "cde", "", "bcde"])
    let empty = StringColumn(ends: [], blob: blob)
    #expect(empty.isEmpty)
  }

  @Test("a column views aligned whole elements only")
  func columnViews() {
    let storage = ContiguousArray<UInt64>([1, 2, 3, 4])
    let owner = SnapshotFileTests.Owner()
    storage.withUnsafeBytes { raw in
      let whole = Column<UInt32>(viewing: raw, owner: owner)
      #expect(whole?.count == 8)
      #expect(whole?[2] == 2)
      func part(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: raw[range])
      }
      // Not a whole number of elements; misaligned; bytes have no alignment to keep.
      #expect(Column<UInt32>(viewing: part(0..<6), owner: owner) == nil)
      #expect(Column<UInt32>(viewing: part(2..<10), owner: owner) == nil)
      #expect(Column<UInt8>(viewing: part(3..<7), owner: owner)?.count == 4)
    }
    let owned: Column<Int> = [5, 6, 7]
    #expect(owned.reduce(0, +) == 18)
    #expect(owned.withUnsafeBufferPointer { $0.count } == 3)
    #expect(Column<Int>().isEmpty)
  }

  final class Owner: Sendable {}
}
