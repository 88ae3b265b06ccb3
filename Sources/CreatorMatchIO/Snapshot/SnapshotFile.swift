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
    writer.strings("meta.source", [source])
    writer.numbers("model.json", ContiguousArray(catalog.model.jsonText().utf8))
    catalog.table.writeColumns(to: &writer)
    let labels = catalog.labels
    writer.optionalStrings("labels.names", labels.names)
    writer.optionalStrings("labels.countries", labels.countries)
    var offsets: ContiguousArray<UInt32> = [0]
    offsets.reserveCapacity(labels.categories.count + 1)
    var flat: [String] = []
    for list in labels.categories {
      flat.append(contentsOf: list)
      offsets.append(UInt32(flat.count))
    }
    writer.numbers("labels.categories.offsets", offsets)
    writer.strings("labels.categories", flat)
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

  /// Loads the catalog from an opened `reader`.
  package static func read(_ reader: SnapshotReader, path: String) throws(SnapshotError)
    -> Loaded
  {
    func malformed(_ error: any Error) -> SnapshotError {
      if let error = error as? SnapshotError { return error }
      return SnapshotError(kind: .malformed, path: path, reason: "malformed snapshot: \(error)")
    }
    do {
      let json = try reader.numbers("model.json", as: UInt8.self, count: nil)
      let model = try PopulationModel.decode(Array(json), source: "\(path) (model)")
      let table = try CreatorTable(columns: reader, model: model)
      let names = try reader.optionalStrings("labels.names", count: table.count)
      let countries = try reader.optionalStrings("labels.countries", count: table.count)
      let offsets = try reader.numbers(
        "labels.categories.offsets", as: UInt32.self, count: table.count + 1)
      let flat = try reader.strings("labels.categories", count: nil)
      guard offsets.first == 0, offsets.last.map(Int.init) == flat.count,
        zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 })
      else {
        throw SnapshotError(
          kind: .malformed, path: path, reason: "malformed snapshot: category offsets")
      }
      let categories = (0..<table.count).map {
        Array(flat[Int(offsets[$0])..<Int(offsets[$0 + 1])])
      }
      let source = try reader.strings("meta.source", count: 1)[0]
      try reader.verifyRemaining()
      let catalog = CreatorCatalog(
        table: table, model: model,
        labels: CreatorLabels(names: names, countries: countries, categories: categories))
      return Loaded(catalog: catalog, source: source)
    } catch {
      throw malformed(error)
    }
  }
}
