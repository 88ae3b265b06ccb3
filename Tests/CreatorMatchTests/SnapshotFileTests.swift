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

  @Test("the header: magic, version 2, section count, file length, aligned sections in bounds")
  func header() throws {
    let catalog = try #require(Self.catalog)
    let bytes = SnapshotFile.bytes(of: catalog, source: "creators.csv")
    #expect(Array(bytes[0..<8]) == [0x89, 0x43, 0x4D, 0x53, 0x4E, 0x41, 0x50, 0x0A])
    #expect(bytes[8..<12].elementsEqual([2, 0, 0, 0]))
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
    writer.strings("s", ["ab", "", "żó"])
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
    var version = bytes
    version[8] = 3
    #expect(try kind(version) == .version)
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

    mutating func numbers<T: BitwiseCopyable>(_ name: String, _ values: ContiguousArray<T>) {
      writer.numbers(name, name == shorten ? ContiguousArray(values.dropLast()) : values)
    }
    mutating func strings(_ name: String, _ values: [String]) {
      writer.strings(name, name == shorten ? Array(values.dropLast()) : values)
    }
    mutating func optionalStrings(_ name: String, _ values: [String?]) {
      writer.optionalStrings(name, values)
    }
  }

  @Test(
    "columns that disagree with the row count are refused, not read out of bounds",
    arguments: ["table.platforms", "table.ids", "text.postings.rows", "audience.countries.offsets"])
  func inconsistentColumns(column: String) throws {
    let catalog = try #require(Self.catalog)
    var sink = ShorteningSink(shorten: column)
    sink.writer.numbers("model.json", ContiguousArray(catalog.model.jsonText().utf8))
    catalog.table.writeColumns(to: &sink)
    let path = try Self.write(sink.writer.bytes())
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try SnapshotReader(path: path)
    #expect(throws: (any Error).self) {
      _ = try CreatorTable(columns: reader, model: catalog.model)
    }
  }
}
