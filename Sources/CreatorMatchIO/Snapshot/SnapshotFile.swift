import CreatorMatch
import CreatorMatchSupport
import Foundation

/// A prepared snapshot: a ``CreatorCatalog`` (ranking table, fitted model, text index and output
/// labels) in one versioned, checksummed binary file laid out for mapping (``SnapshotFormat``).
///
/// `creatormatch prepare` writes one; every command that takes `--creators` recognises one by its
/// magic bytes and loads it instead of reading, tokenizing and fitting, with the same output.
///
/// ```swift
/// try SnapshotFile.write(catalog, to: "creators.snapshot")
/// let again = try SnapshotFile.read("creators.snapshot")
/// ```
package enum SnapshotFile {
  /// Whether `path` is a regular file that starts with the snapshot magic bytes. Pipes and
  /// devices are never snapshots (peeking would consume their bytes).
  package static func isSnapshot(path: String) -> Bool {
    guard CLibrary.isRegularFile(path) == true,
      let handle = FileHandle(forReadingAtPath: path)
    else { return false }
    defer { try? handle.close() }
    guard let head = try? handle.read(upToCount: SnapshotFormat.magic.count), !head.isEmpty
    else { return false }
    // A file cut inside the magic bytes is a truncated snapshot, not a table: no text file
    // starts with 0x89, which is not a UTF-8 lead byte.
    return SnapshotFormat.magic.starts(with: head)
  }

  /// A loaded snapshot: the catalog, and the name of the creator file it was prepared from
  /// (reports show it, as they would had that file been read).
  package struct Loaded: Sendable {
    /// The table, model and labels.
    package var catalog: CreatorCatalog
    /// The creator file's name, as given to ``bytes(of:source:)``.
    package var source: String
  }

  /// The snapshot bytes of `catalog`, prepared from the creator file named `source`.
  ///
  /// - Complexity: O(size of the table and labels).
  package static func bytes(of catalog: CreatorCatalog, source: String) -> [UInt8] {
    var writer = SnapshotWriter()
    writer.strings("meta.source", StringColumn([source]))
    writer.numbers("model.json", Column(ContiguousArray(catalog.model.jsonText().utf8)))
    catalog.table.writeColumns(to: &writer)
    let labels = catalog.labels
    writer.optionalStrings("labels.names", OptionalStringColumn(labels.names))
    writer.optionalStrings("labels.countries", OptionalStringColumn(labels.countries))
    var offsets: ContiguousArray<UInt32> = [0]
    let categories = labels.categories
    offsets.reserveCapacity(categories.count + 1)
    var flat: [String] = []
    for list in categories {
      flat.append(contentsOf: list)
      offsets.append(UInt32(flat.count))
    }
    writer.numbers("labels.categories.offsets", Column(offsets))
    writer.strings("labels.categories", StringColumn(flat))
    return writer.bytes()
  }

  /// Writes `catalog`, prepared from the creator file named `source`, to `path` atomically.
  ///
  /// - Throws: `AtomicFile.WriteError` when the file cannot be written.
  package static func write(_ catalog: CreatorCatalog, source: String, to path: String)
    throws(AtomicFile.WriteError)
  {
    try AtomicFile.write(bytes(of: catalog, source: source), to: path)
  }

  /// Loads the catalog stored at `path`, checking every checksum; nothing is tokenized or fitted.
  ///
  /// - Throws: ``SnapshotError`` naming `path` when the file is missing, another format version,
  ///   truncated, corrupt or malformed.
  /// - Complexity: O(file size).
  package static func read(_ path: String) throws(SnapshotError) -> Loaded {
    try read(SnapshotReader(path: path), path: path)
  }

  /// The sections the ranking pass reads for every creator (the hot columns of
  /// `CreatorTable.HotView`, the language and account-type filters) and those the summary's
  /// coverage count reads for every creator (the audience byte, the measured inputs):
  /// ``read(ranking:)`` checks their checksums, since every command that ranks reads them whole.
  package static let rankingSections: Set<String> = [
    "table.platforms", "table.tiers", "table.followers", "table.countries", "table.languages",
    "table.sponsoredShares", "table.authenticity", "table.categoryMasks", "table.idRanks",
    "table.accountTypes", "table.nonCreatorRows", "hot.logEngagement", "hot.logAuthenticity",
    "table.audienceData", "table.measuredInputs",
  ]

  /// Loads the catalog stored at `path` for ranking: the header, the section table, every small
  /// section and the ``rankingSections`` are checked against their checksums; every other
  /// section is checked structurally only (bounds, alignment, counts, row numbers and offsets),
  /// and its bytes are not read until a command needs them. `validate` checks every checksum.
  ///
  /// - Throws: ``SnapshotError`` naming `path`, as ``read(_:)``, except that damage inside a
  ///   section outside ``rankingSections`` that keeps its structure is not detected.
  /// - Complexity: O(n) over the checked sections and the row-number columns; nothing per
  ///   creator is built.
  package static func read(ranking path: String) throws(SnapshotError) -> Loaded {
    // Every ranking then compiles a brief, which needs the built-in taxonomy (its grown seed
    // lists take about a tenth of a ranking from a 1M-creator snapshot to build): build it on
    // another core while this one checks the file. Once-initialised, so a caller that reaches it
    // first waits for it rather than building it twice.
    DispatchQueue.global(qos: .userInitiated).async { _ = Taxonomy.builtIn }
    let reader = try SnapshotReader(
      path: path, checks: .sections(rankingSections, smallSection: 1 << 16))
    try reader.verify(rankingSections.sorted(), threads: ParallelBlocks.threadCount(nil))
    return try read(reader, path: path)
  }

  /// Loads the catalog from an opened `reader`; its columns are views of the reader's mapping.
  ///
  /// - Throws: ``SnapshotError`` naming `path` for a section that fails its checks.
  package static func read(_ reader: SnapshotReader, path: String) throws(SnapshotError)
    -> Loaded
  {
    func malformed(_ error: any Error) -> SnapshotError {
      if let error = error as? SnapshotError { return error }
      return SnapshotError(kind: .malformed, path: path, reason: "malformed snapshot: \(error)")
    }
    do {
      let json = try reader.numbers("model.json", as: UInt8.self, count: nil)
      // One block copy: `Array(json)` went through the generic element-by-element path,
      // unspecialized across modules (8% of a 1M-creator rank from a snapshot).
      let model = try PopulationModel.decode(
        json.withUnsafeBufferPointer { Array($0) }, source: "\(path) (model)")
      let table = try CreatorTable(columns: reader, model: model)
      let names = try reader.optionalStrings("labels.names", count: table.count)
      let countries = try reader.optionalStrings("labels.countries", count: table.count)
      let offsets = try reader.numbers(
        "labels.categories.offsets", as: UInt32.self, count: table.count + 1)
      let flat = try reader.strings("labels.categories", count: nil)
      // The other offsets are clamped when a row is read (CreatorLabels), so no O(n) pass here.
      guard offsets.first == 0, offsets.last.map(Int.init) == flat.count else {
        throw SnapshotError(
          kind: .malformed, path: path, reason: "malformed snapshot: category offsets")
      }
      let sources = try reader.strings("meta.source", count: 1)
      let source = sources[0]
      try reader.verifyRemaining()
      let catalog = CreatorCatalog(
        table: table, model: model,
        labels: CreatorLabels(
          names: names, countries: countries, categoryEnds: offsets, categories: flat))
      return Loaded(catalog: catalog, source: source)
    } catch {
      throw malformed(error)
    }
  }
}
