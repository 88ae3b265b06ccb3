import CreatorMatch
import CreatorMatchSupport
import Foundation

/// Reads a creator table (CSV, TSV, JSONL) into `Creator` values with a report.
///
/// Lenient by default: a bad row is skipped, counted by rule, and the first few are kept verbatim
/// as `file:line:column: message`. With ``IngestOptions/strict`` the first bad row throws.
/// Duplicate ids keep the first row and report the later ones.
///
/// ```swift
/// let load = try CreatorFileReader.read(path: "datasets/creators.csv")
/// print(load.creators.count, load.report.rowsSkipped)
/// ```
/// CSV is read on every core: the file is mapped (or, for pipes and UTF-16, read in chunks) and
/// cut into stretches that are tokenized and decoded in parallel, then taken in file order, so
/// the result and its diagnostics are those of a sequential read (see `CreatorFileReader+CSV`).
///
/// - Complexity: O(n) in the file size; memory is the creators plus two 16 MiB windows' rows (and
/// the mapped file's pages, which belong to the page cache).
public enum CreatorFileReader {
  /// The creators read and the report.
  public struct Load: Sendable {
    /// Creators in file order.
    public var creators: [Creator]
    /// What happened.
    public var report: IngestReport
  }

  /// Reads `path` with `options`.
  ///
  /// - Parameters:
  ///   - path: A CSV, TSV or JSONL creator file.
  ///   - options: The format, column overrides and strictness; the defaults detect the format.
  /// - Returns: The creators loaded, in file order, and the report of rows read and skipped.
  /// - Throws: ``IngestError`` when the file is missing or unusable, when a row is bad in strict
  ///   mode, or when no row is usable.
  /// - Complexity: O(n) in the size of the file.
  public static func read(path: String, options: IngestOptions = IngestOptions())
    throws(IngestError)
    -> Load
  {
    try read(path: path, options: options, stretch: nil)
  }

  /// Called on the reading thread with each stretch of creators taken, in file order; the
  /// reader keeps only their ids (for the duplicate check), so a ``Load`` read with one has no
  /// creators, only their count in its report. `expectedRows` estimates the rows of the whole
  /// file from its first window (0 when the first window is the whole file), so that the
  /// consumer can make room for them once instead of growing its columns by doubling.
  package typealias Stretch = (_ creators: [Creator], _ expectedRows: Int) -> Void

  /// Reads `path` with `options` as ``read(path:options:)`` does, handing each stretch of
  /// creators to `stretch` as soon as it is taken (a window of a CSV file; the whole file for
  /// JSONL), while the next window is read; `windowSize` is the CSV window (tests make it tiny).
  package static func read(
    path: String, options: IngestOptions, windowSize: Int = csvWindowSize, stretch: Stretch?
  ) throws(IngestError) -> Load {
    // A pipe or a device (`/dev/stdin`) can be read only once: read it whole first, then sniff
    // its format and parse those bytes (sniffing by opening it again lost its first bytes).
    let preloaded: [UInt8]? =
      MappedFile.isRegularFile(path) ? nil : try ByteSource.readAll(path: path)
    // A snapshot is mapped from its file, which a pipe or device is not: say so, instead of
    // reading its binary columns as a table.
    if let preloaded, preloaded.starts(with: SnapshotFormat.magic) {
      throw .unusable(
        Diagnostic(
          file: path, line: 0, column: 0, severity: .error, rule: "snapshot-not-a-file",
          message:
            "this is a prepared snapshot read from a pipe or device; a snapshot is mapped from "
            + "its file, so pass the snapshot's path to --creators"))
    }
    let format: IngestOptions.Format
    if let chosen = options.format {
      format = chosen
    } else if let preloaded {
      format = detectFormat(path: path, head: preloaded.prefix(64))
    } else {
      format = try detectFormat(path: path)
    }
    var load: Load
    switch format {
    case .csv:
      load = try readCSV(
        path: path, options: options, windowSize: windowSize, preloaded: preloaded,
        stretch: stretch)
    case .jsonl:
      load = try readJSONLines(path: path, options: options, preloaded: preloaded)
      load.report.rowsLoaded = load.creators.count
      if let stretch {
        stretch(load.creators, load.creators.count)
        load.creators = []
      }
    }
    if stretch == nil { load.report.rowsLoaded = load.creators.count }
    if load.report.rowsLoaded == 0 && load.report.rowsRead > 0 {
      throw .noUsableRows(
        path: path, skipped: load.report.rowsSkipped, firstProblem: load.report.firstErrors.first)
    }
    if load.report.rowsRead == 0 {
      throw .unusable(
        Diagnostic(
          file: path, line: 0, column: 0, severity: .error, rule: "no-rows",
          message: "the file has a header but no data rows"))
    }
    return load
  }

  static func detectFormat(path: String) throws(IngestError) -> IngestOptions.Format {
    if let named = format(byExtensionOf: path) { return named }
    var source = try ByteSource(path: path)
    return format(ofHead: try source.read(maximum: 64)[...])
  }

  /// The format by `path`'s extension, else by the first bytes (see ``format(ofHead:)``).
  static func detectFormat(path: String, head: ArraySlice<UInt8>) -> IngestOptions.Format {
    format(byExtensionOf: path) ?? format(ofHead: head)
  }

  /// The format a file name's extension names; `nil` when it names none.
  private static func format(byExtensionOf path: String) -> IngestOptions.Format? {
    let lower = path.lowercased()
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
      return .jsonl
    }
    if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") {
      return .csv
    }
    return nil
  }

  /// JSON when the first bytes open an object or an array, else CSV.
  private static func format(ofHead head: ArraySlice<UInt8>) -> IngestOptions.Format {
    let first = head.drop(while: { $0 <= 0x20 || $0 >= 0xBB }).first
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .jsonl : .csv
  }

  /// Accumulates rows into creators, checking id uniqueness.
  struct Accumulator {
    var creators: [Creator] = []
    /// With a stretch consumer, the ids of every creator kept (``creators`` then holds only
    /// those not yet handed on); `nil` otherwise, when ``creators`` holds them all.
    var keptIDs: [String]?
    /// Creators kept, handed on or not.
    var keptCount = 0
    var report: IngestReport
    var ids = IdentifierIndex()
    /// Creators kept in their runs (``CreatorRun``) that ``moveTaken()`` has yet to move, in
    /// file order.
    var pending: [UnsafeMutablePointer<Creator>] = []
    /// Creators in their runs dropped as repeats, for ``moveTaken()`` to destroy.
    var dropped: [UnsafeMutablePointer<Creator>] = []
    /// The sum of ``IdentifierIndex/touch(_:)``'s tags, kept so the touching loads stay.
    var touched: UInt64 = 0
    let options: IngestOptions

    init(report: IngestReport, options: IngestOptions) {
      self.report = report
      self.options = options
    }

    mutating func add(_ row: FieldRow, decoder: CreatorRowDecoder, extra: [Diagnostic] = [])
      throws(IngestError)
    {
      var decoded = Decoded(idHash: 0, diagnostics: extra)
      var creator: Creator?
      // A row that could not even be read (bad JSON) is not decoded, so it reports one problem.
      if !decoded.diagnostics.contains(where: { $0.severity == .error }) {
        decoder.decode(
          row, into: &decoded.diagnostics, idHash: &decoded.idHash, creator: &creator)
      }
      try add(
        &decoded, creator: &creator, stored: nil, line: row.line, idColumn: row.column(.id),
        file: decoder.file)
    }

    /// A row decoded (possibly on another thread): its id's hash, its problems, and whether it
    /// has a creator, which is in its stretch's ``CreatorRun``. (No creator of its own: a
    /// stretch's rows are laid out for as many rows as its run, and an optional creator here
    /// doubled that room, ~360 bytes a row.)
    struct Decoded: Sendable {
      var idHash: UInt64
      var diagnostics: [Diagnostic]
      /// Whether the creator was decoded into its stretch's ``CreatorRun``.
      var stored = false
    }

    /// Decodes `row` after the problems `decoded` holds from reading it (a row that could not
    /// even be read is not decoded), its creator into the uninitialized `slot` (of a
    /// ``CreatorRun``), its short labels made once in `labels`; returns whether it wrote one.
    static func decode(
      _ row: FieldRow, decoder: CreatorRowDecoder, into decoded: inout Decoded,
      at slot: UnsafeMutablePointer<Creator>, labels: inout SmallStrings
    ) -> Bool {
      guard !decoded.diagnostics.contains(where: { $0.severity == .error }) else { return false }
      return decoder.decode(
        row, into: &decoded.diagnostics, idHash: &decoded.idHash, at: slot, labels: &labels)
    }

    /// Takes a decoded row in file order, whose creator is `stored` in a ``CreatorRun`` when not
    /// `nil` (else in `creator`, moved out when kept): checks id uniqueness and counts. A stored
    /// creator kept waits in ``pending`` until ``moveTaken()`` moves the window's creators at
    /// once; one dropped (a repeated id) in ``dropped``, to be destroyed then.
    mutating func add(
      _ decoded: inout Decoded, creator: inout Creator?, stored: UnsafeMutablePointer<Creator>?,
      line: Int, idColumn: Int, file: String
    ) throws(IngestError) {
      report.rowsRead += 1
      // The creator stays where it is until it is kept: a creator is ~360 bytes, and each move
      // of it is a copy.
      let id = stored.map { $0.pointee.id } ?? creator?.id
      var duplicate = false
      if let id, let firstLine = firstLine(of: id, hash: decoded.idHash, line: line) {
        decoded.diagnostics.append(
          Diagnostic(
            file: file, line: line, column: idColumn, severity: .error,
            rule: "duplicate-id",
            message: "id: \"\(id)\" duplicates the row at line \(firstLine); "
              + "the first one is kept"))
        creator = nil
        duplicate = true
      }
      if !decoded.diagnostics.isEmpty {
        if options.strict,
          let error = decoded.diagnostics.first(where: { $0.severity == .error })
        {
          // The stored creators stay in their runs, which destroy them.
          throw .badRow(error)
        }
        report.record(decoded.diagnostics, keep: options.keptProblems)
      }
      if let id, !duplicate {
        keptIDs?.append(id)
        keptCount += 1
        if let stored {
          pending.append(stored)
        } else if let kept = creator.take() {
          creators.append(kept)
        }
        if decoded.diagnostics.contains(where: { $0.severity == .warning }) {
          report.rowsWithWarnings += 1
        }
      } else {
        if let stored { dropped.append(stored) }
        report.rowsSkipped += 1
      }
    }

    /// The line of the first row with `id`, or `nil` when it is the first (see
    /// ``IdentifierIndex``), among the creators kept so far: those in ``creators`` or
    /// ``pending`` in order, or with a stretch consumer those of ``keptIDs``.
    private mutating func firstLine(of id: String, hash: UInt64, line: Int) -> Int? {
      if let keptIDs {
        return ids.firstLine(of: id, hash: hash, line: line, among: keptIDs)
      }
      // Read through local copies (the id index is being changed meanwhile); they end with
      // this call, before `creators` is appended to, so that it is not copied.
      let moved = creators
      let waiting = pending
      return ids.firstLine(of: id, hash: hash, line: line, kept: moved.count + waiting.count) {
        $0 < moved.count ? moved[$0].id : waiting[$0 - moved.count].pointee.id
      }
    }

    /// Moves the creators kept from their runs to the end of ``creators``, in the order taken,
    /// each copied once, and destroys those dropped; the caller then empties the runs
    /// (``CreatorRun/forgetAll()``), which no longer hold any.
    mutating func moveTaken() {
      if !pending.isEmpty {
        // A window's list of its own (with a stretch consumer) is sized to it exactly; appending
        // to an empty list would round its room up, and the next window's list after it.
        if creators.isEmpty { creators.reserveCapacity(pending.count) }
        creators.append(contentsOf: MovingCreators(sources: pending))
        pending.removeAll(keepingCapacity: true)
      }
      for creator in dropped { creator.deinitialize(count: 1) }
      dropped.removeAll(keepingCapacity: true)
    }
  }

  static func checkRequiredColumns(
    _ mapping: ColumnMapping, path: String, options: IngestOptions
  ) throws(IngestError) {
    var missing: [String] = []
    if !mapping.has(.id) && !mapping.has(.handle) { missing.append("id") }
    if !mapping.has(.followers) { missing.append("followers") }
    if !missing.isEmpty {
      throw .unusable(
        Diagnostic(
          file: path, line: 1, column: 0, severity: .error, rule: "missing-column",
          message: "no column for required field(s) " + missing.joined(separator: ", ")
            + "; the header has " + mapping.header.map { "\"\($0)\"" }.joined(separator: ", ")
            + "; map one with --map FIELD=COLUMN (e.g. --map followers=Subscribers)"))
    }
    if !mapping.has(.platform) && options.defaultPlatform == nil {
      throw .unusable(
        Diagnostic(
          file: path, line: 1, column: 0, severity: .error, rule: "missing-column",
          message: "the file has no platform column; pass --platform NAME (e.g. --platform "
            + "instagram) or map one with --map platform=COLUMN"))
    }
  }

  private static func readJSONLines(path: String, options: IngestOptions, preloaded: [UInt8]?)
    throws(IngestError) -> Load
  {
    let bytes: [UInt8]
    if let preloaded {
      bytes = preloaded
    } else {
      bytes = try ByteSource.readAll(path: path)
    }
    var report = IngestReport(file: path, format: .jsonl)
    var accumulator = Accumulator(report: report, options: options)
    let decoder = CreatorRowDecoder(file: path, defaultPlatform: options.defaultPlatform)
    var ignored = UniqueList<String>()
    var used: [CreatorField: [String]] = [:]
    var row = FieldRow()

    func handle(_ node: JSONNode, line: Int) throws(IngestError) {
      row.reset(line: line)
      guard case .object(let members) = node.value else {
        try accumulator.add(
          row, decoder: decoder,
          extra: [
            Diagnostic(
              file: path, line: line, column: node.position.column, severity: .error,
              rule: "not-an-object", message: "expected a JSON object, found \(node.value.kindName)"
            )
          ])
        return
      }
      for member in members {
        let field: CreatorField?
        if let override = options.columnOverrides.first(where: { $0.value == member.key })?.key {
          field = override
        } else {
          field = CreatorField.matching(header: member.key)
        }
        guard let field else {
          ignored.append(member.key)
          continue
        }
        if !(used[field]?.contains(member.key) ?? false) {
          used[field, default: []].append(member.key)
        }
        if let text = flatten(member.node.value, field: field) {
          row.set(field, text: text, column: member.node.position.column)
        }
      }
      try accumulator.add(row, decoder: decoder)
    }

    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let firstContent = bytes[start...].firstIndex(where: { $0 > 0x20 })
    if let firstContent, bytes[firstContent] == UInt8(ascii: "[") {
      // A JSON array of objects.
      let document: JSONNode
      do {
        document = try JSONParser.parse(bytes)
      } catch {
        throw .unusable(.invalidJSON(error, file: path))
      }
      if case .array(let elements) = document.value {
        for element in elements { try handle(element, line: element.position.line) }
      }
    } else {
      try JSONLines.forEachLine(in: bytes, from: start) { lineNumber, line throws(IngestError) in
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        let node: JSONNode
        do throws(JSONSyntaxError) {
          node = try JSONParser.parse(line)
        } catch {
          row.reset(line: lineNumber)
          try accumulator.add(
            row, decoder: decoder,
            extra: [.invalidJSON(error, file: path, line: lineNumber)])
          return
        }
        try handle(node, line: lineNumber)
      }
    }
    report = accumulator.report
    report.ignoredColumns = ignored.elements
    report.mapping = CreatorField.allCases.compactMap { field in
      used[field].map { (field, $0) }
    }
    return Load(creators: accumulator.creators, report: report)
  }

  /// A JSON value as the text a CSV cell would hold: arrays joined by `|`, objects as `K:v|K:v`.
  static func flatten(_ value: JSONValue, field: CreatorField) -> String? {
    switch value {
    case .null: return nil
    case .bool(let flag): return flag ? "1" : "0"
    case .number(let number): return JSONWriter.format(number)
    case .string(let text): return text
    case .array(let elements):
      return elements.compactMap { flatten($0.value, field: field) }.joined(separator: "|")
    case .object(let members):
      return members.map { member in
        "\(member.key):\(flatten(member.node.value, field: field) ?? "")"
      }.joined(separator: "|")
    }
  }
}

/// Creators moved, not copied, out of the storage `sources` point to, for
/// `Array.append(contentsOf:)`: each is copied once, bit for bit, into the array's new storage,
/// and its reference counts stay as they were. Each source is left uninitialized.
struct MovingCreators: Sequence {
  let sources: [UnsafeMutablePointer<Creator>]

  var underestimatedCount: Int { sources.count }

  /// Moves the creators out one by one (used only for those past the room the array made).
  struct Iterator: IteratorProtocol {
    var sources: ArraySlice<UnsafeMutablePointer<Creator>>

    mutating func next() -> Creator? {
      sources.popFirst()?.move()
    }
  }

  func makeIterator() -> Iterator {
    Iterator(sources: sources[...])
  }

  /// Moves as many creators as fit into `buffer`, straight from their storage.
  func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Creator>) -> (Iterator, Int) {
    let count = Swift.min(buffer.count, sources.count)
    guard let base = buffer.baseAddress else { return (makeIterator(), 0) }
    for index in 0..<count {
      (base + index).moveInitialize(from: sources[index], count: 1)
    }
    return (Iterator(sources: sources[count...]), count)
  }
}
