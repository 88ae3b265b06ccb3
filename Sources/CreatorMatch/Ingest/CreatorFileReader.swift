import Foundation

/// Reads a creator table (CSV, TSV, JSONL) into ``Creator`` values with a report.
///
/// Lenient by default: a bad row is skipped, counted by rule, and the first few are kept verbatim
/// as `file:line:column: message`. With ``IngestOptions/strict`` the first bad row throws.
/// Duplicate ids keep the first row and report the later ones.
///
/// ```swift
/// let load = try CreatorFileReader.read(path: "datasets/creators.csv")
/// print(load.creators.count, load.report.rowsSkipped)
/// ```
/// Complexity: O(n) in the file size; CSV is streamed, so memory is the creators plus one chunk.
public enum CreatorFileReader {
  /// The creators read and the report.
  public struct Load: Sendable {
    /// Creators in file order.
    public var creators: [Creator]
    /// What happened.
    public var report: IngestReport
  }

  /// Reads `path` with `options`.
  /// - Throws: ``IngestError`` when the file is missing or unusable, when a row is bad in strict
  ///   mode, or when no row is usable.
  public static func read(path: String, options: IngestOptions = IngestOptions())
    throws(IngestError)
    -> Load
  {
    let format: IngestOptions.Format
    if let chosen = options.format {
      format = chosen
    } else {
      format = try detectFormat(path: path)
    }
    var load: Load
    switch format {
    case .csv: load = try readCSV(path: path, options: options)
    case .jsonl: load = try readJSONLines(path: path, options: options)
    }
    if load.creators.isEmpty && load.report.rowsRead > 0 {
      throw .noUsableRows(
        path: path, skipped: load.report.rowsSkipped, firstProblem: load.report.firstErrors.first)
    }
    if load.report.rowsRead == 0 {
      throw .unusable(
        Diagnostic(
          file: path, line: 0, column: 0, severity: .error, rule: "no-rows",
          message: "the file has a header but no data rows"))
    }
    load.report.rowsLoaded = load.creators.count
    return load
  }

  static func detectFormat(path: String) throws(IngestError) -> IngestOptions.Format {
    let lower = path.lowercased()
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
      return .jsonl
    }
    if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") {
      return .csv
    }
    var source = try ByteSource(path: path)
    let head = try source.read(maximum: 64)
    let first = head.drop(while: { $0 <= 0x20 || $0 >= 0xBB }).first
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .jsonl : .csv
  }

  /// Accumulates rows into creators, checking id uniqueness.
  struct Accumulator {
    var creators: [Creator] = []
    var report: IngestReport
    var ids = IdentifierIndex()
    let options: IngestOptions

    init(report: IngestReport, options: IngestOptions) {
      self.report = report
      self.options = options
    }

    mutating func add(_ row: FieldRow, decoder: CreatorRowDecoder, extra: [Diagnostic] = [])
      throws(IngestError)
    {
      var decoded = Self.decode(row, decoder: decoder, extra: extra)
      try add(&decoded, line: row.line, idColumn: row.column(.id), file: decoder.file)
    }

    /// A row decoded (possibly on another thread), its id's hash and its problems.
    struct Decoded: Sendable {
      var creator: Creator?
      var idHash: UInt64
      var diagnostics: [Diagnostic]
    }

    static func decode(_ row: FieldRow, decoder: CreatorRowDecoder, extra: [Diagnostic] = [])
      -> Decoded
    {
      var diagnostics = extra
      // A row that could not even be read (bad JSON) is not decoded, so it reports one problem.
      let creator =
        extra.contains(where: { $0.severity == .error })
        ? nil : decoder.decode(row, into: &diagnostics)
      return Decoded(
        creator: creator, idHash: creator.map { StableHash.hash($0.id) } ?? 0,
        diagnostics: diagnostics)
    }

    /// Takes a decoded row in file order: checks id uniqueness, counts, and moves the creator
    /// out of `decoded` (so the single thread that keeps file order copies no fields).
    mutating func add(_ decoded: inout Decoded, line: Int, idColumn: Int, file: String)
      throws(IngestError)
    {
      report.rowsRead += 1
      var creator = decoded.creator.take()
      if let id = creator?.id,
        let firstLine = ids.firstLine(of: id, hash: decoded.idHash, line: line, among: creators)
      {
        decoded.diagnostics.append(
          Diagnostic(
            file: file, line: line, column: idColumn, severity: .error,
            rule: "duplicate-id",
            message: "id: \"\(id)\" duplicates the row at line \(firstLine); "
              + "the first one is kept"))
        creator = nil
      }
      let diagnostics = decoded.diagnostics
      if options.strict, let error = diagnostics.first(where: { $0.severity == .error }) {
        throw .badRow(error)
      }
      if !diagnostics.isEmpty { report.record(diagnostics, keep: options.keptProblems) }
      if let kept = creator.take() {
        creators.append(kept)
        if diagnostics.contains(where: { $0.severity == .warning }) { report.rowsWithWarnings += 1 }
      } else {
        report.rowsSkipped += 1
      }
    }
  }

  private static func readCSV(path: String, options: IngestOptions) throws(IngestError) -> Load {
    var reader = try CSVReader(path: path, delimiter: options.delimiter)
    let mapping = try ColumnMapping(
      header: reader.header, overrides: options.columnOverrides, file: path)
    try checkRequiredColumns(mapping, path: path, options: options)
    var report = IngestReport(file: path, format: .csv)
    report.ignoredColumns = mapping.ignoredColumns
    report.mapping = mapping.summary
    var accumulator = Accumulator(report: report, options: options)
    let decoder = CreatorRowDecoder(file: path, defaultPlatform: options.defaultPlatform)
    var record = CSVRecord()
    let fieldColumns = CreatorField.allCases.map { mapping.columns(for: $0) }
    let headerCount = reader.header.count
    // Rows are tokenized in file order into batches, decoded in parallel, then taken in order,
    // so the result and its diagnostics are those of a sequential read.
    let batchSize = 8_192
    var batch = FieldRowBatch(fieldColumns: fieldColumns)
    var extras: [[Diagnostic]] = []
    let threads = ParallelBlocks.threadCount(nil)
    let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    // The batch on the decoding threads while this thread tokenizes the next one.
    var pending: PendingDecode?
    var spare: FieldRowBatch?
    func takeDecoded() throws(IngestError) {
      guard let current = pending else { return }
      pending = nil
      var (handed, decoded) = current.wait()
      guard var rows = handed else { return }
      let column = rows.columns[CreatorField.id.ordinal]
      var index = 0
      for block in decoded.indices {
        for item in decoded[block].indices {
          try accumulator.add(
            &decoded[block][item], line: rows.lines[index], idColumn: column, file: path)
          index += 1
        }
      }
      if accumulator.creators.capacity < 2 * batchSize, fileSize > 0, rows.bytes.count > 0 {
        // Estimate the row count from the first batch, so the creators array grows once.
        let estimate = Int(Double(fileSize) / Double(rows.bytes.count) * Double(rows.count) * 1.05)
        accumulator.creators.reserveCapacity(estimate)
      }
      // Reuse the buffers: fresh multi-megabyte arrays every batch cost page faults.
      rows.removeAll()
      spare = rows
    }
    func flush() throws(IngestError) {
      guard batch.count > 0 else { return }
      // Hand the filled buffers to the decoders and start the next batch on the spare ones (or
      // fresh ones), so the next appends do not copy buffers the decoders share.
      let rows = batch
      batch = spare.take() ?? FieldRowBatch(reserving: rows)
      let started = PendingDecode(rows: rows, extras: extras, decoder: decoder, threads: threads)
      extras.removeAll(keepingCapacity: true)
      try takeDecoded()
      pending = started
    }
    while true {
      let more: Bool
      do {
        more = try reader.next(into: &record)
      } catch {
        try flush()
        try takeDecoded()
        if options.strict { throw error }
        if case .badRow(let diagnostic) = error {
          accumulator.report.rowsRead += 1
          accumulator.report.rowsSkipped += 1
          accumulator.report.record([diagnostic], keep: options.keptProblems)
        }
        break
      }
      guard more else { break }
      var extra: [Diagnostic] = []
      if record.count != headerCount {
        extra.append(
          Diagnostic(
            file: path, line: record.line, column: 0, severity: .warning, rule: "field-count",
            message: "the row has \(record.count) fields but the header has \(headerCount); "
              + (record.count > headerCount
                ? "the extra fields are ignored" : "the missing fields are read as blank")))
      }
      batch.append(record)
      extras.append(extra)
      if batch.count == batchSize { try flush() }
    }
    try flush()
    try takeDecoded()
    return Load(creators: accumulator.creators, report: accumulator.report)
  }

  private static func checkRequiredColumns(
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

  private static func readJSONLines(path: String, options: IngestOptions) throws(IngestError)
    -> Load
  {
    let bytes = try ByteSource.readAll(path: path)
    var report = IngestReport(file: path, format: .jsonl)
    var accumulator = Accumulator(report: report, options: options)
    let decoder = CreatorRowDecoder(file: path, defaultPlatform: options.defaultPlatform)
    var ignored: [String] = []
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
          if !ignored.contains(member.key) { ignored.append(member.key) }
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
      var lineNumber = 0
      var lineStart = start
      while lineStart < bytes.count {
        lineNumber += 1
        let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
        let line = Array(bytes[lineStart..<lineEnd])
        lineStart = lineEnd + 1
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        let node: JSONNode
        do {
          node = try JSONParser.parse(line)
        } catch {
          row.reset(line: lineNumber)
          try accumulator.add(
            row, decoder: decoder,
            extra: [.invalidJSON(error, file: path, line: lineNumber)])
          continue
        }
        try handle(node, line: lineNumber)
      }
    }
    report = accumulator.report
    report.ignoredColumns = ignored
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

/// One batch of CSV rows being decoded on the worker threads while the reading thread tokenizes
/// the next, so tokenizing (one thread) and decoding (every core) overlap.
private final class PendingDecode: @unchecked Sendable {
  // Safe without a lock: `results` is written once, by the background task before it signals
  // `done`, and `results` and `rows` are touched by the reading thread only after `wait()` has
  // seen that signal, which orders the two.
  private var rows: FieldRowBatch?
  private var results: [[CreatorFileReader.Accumulator.Decoded]] = []
  private let done = DispatchSemaphore(value: 0)

  init(rows: FieldRowBatch, extras: [[Diagnostic]], decoder: CreatorRowDecoder, threads: Int) {
    self.rows = rows
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      decode(extras: extras, decoder: decoder, threads: threads)
      done.signal()
    }
  }

  private func decode(extras: [[Diagnostic]], decoder: CreatorRowDecoder, threads: Int) {
    // The views share `rows`' buffers only until this returns, so the reader can reuse them.
    guard let rows = self.rows else { return }
    results = ParallelBlocks(count: rows.count, blockSize: 512).map(threads: threads) { range in
      range.map {
        CreatorFileReader.Accumulator.decode(
          FieldRow(batch: rows, index: $0), decoder: decoder, extra: extras[$0])
      }
    }
  }

  /// Blocks until the batch is decoded, then hands over the rows (for their lines and, emptied,
  /// their buffers) and the results (each block in row order).
  func wait() -> (rows: FieldRowBatch?, decoded: [[CreatorFileReader.Accumulator.Decoded]]) {
    done.wait()
    defer { results = [] }
    return (rows.take(), results)
  }
}
