import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import Foundation

/// The creator-table options shared by `rank`, `validate`, `fit`, `roi`, `shortlist` and `batch`,
/// and the pipeline that turns them into a ranking table.
struct CreatorInput {
  static let creatorsOption = OptionSpec.value(
    "creators", "file", required: true,
    help:
      "Creator table: CSV, TSV or JSONL (format by extension, else sniffed), or a snapshot "
      + "from 'creatormatch prepare' (by its contents).")
  static let mapOption = OptionSpec.value(
    "map", "field=column", repeatable: true,
    help: "Read a field from a differently named column, e.g. followers=Subscribers.")
  static let platformOption = OptionSpec.value(
    "platform", "name", help: "Platform for rows without one (instagram, tiktok, youtube, …).")
  static let delimiterOption = OptionSpec.value(
    "delimiter", "comma|tab|semicolon", default: "detected", help: "CSV field separator.")
  static let strictOption = OptionSpec.flag(
    "strict", help: "Stop at the first bad row instead of skipping it.")
  static let postsOption = OptionSpec.value(
    "posts", "file", help: "Posts file (JSONL) whose figures override the table's averages.")

  /// The options read by ``init(_:)``, in help order.
  static let options: [OptionSpec] = [
    creatorsOption, mapOption, platformOption, delimiterOption, strictOption, postsOption,
  ]

  static let modelOption = OptionSpec.value(
    "model", "file", default: "fitted on --creators",
    help: "Population model from 'creatormatch fit' (required for sharded runs).")

  static let threadsOption = OptionSpec.value(
    "threads", "n", default: "all cores", help: "Worker threads; results do not depend on it.")

  var path: String
  var options: IngestOptions
  var postsPath: String?
  /// The options given that only apply to reading a creator file (`--map`, `--platform`,
  /// `--delimiter`, `--strict`), as typed: a snapshot refuses them rather than ignore them.
  var readingOptions: [String] = []

  init(_ arguments: ParsedArguments) throws(UsageError) {
    path = try arguments.requiredValue(Self.creatorsOption)
    options = IngestOptions()
    options.strict = arguments.isSet(Self.strictOption)
    for mapping in arguments.values(Self.mapOption) {
      let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[1].isEmpty else {
        throw UsageError("--map: '\(mapping)' is not FIELD=COLUMN", command: arguments.command)
      }
      guard let field = CreatorField(name: parts[0]) else {
        throw UsageError(
          "--map: unknown field '\(parts[0])'; fields are "
            + CreatorField.allCases.map(\.rawValue).joined(separator: ", "),
          command: arguments.command)
      }
      options.columnOverrides[field] = parts[1]
    }
    if let name = arguments.value(Self.platformOption) {
      guard let platform = Platform(parsing: name) else {
        throw UsageError(
          "--platform: unknown platform '\(name)'; expected one of "
            + Platform.allCases.map(\.rawValue).joined(separator: ", "),
          command: arguments.command)
      }
      options.defaultPlatform = platform
    }
    if let delimiter = arguments.value(Self.delimiterOption) {
      switch delimiter.lowercased() {
      case "comma", ",": options.delimiter = UInt8(ascii: ",")
      case "tab", "\\t", "\t": options.delimiter = 0x09
      case "semicolon", ";": options.delimiter = UInt8(ascii: ";")
      default:
        throw UsageError(
          "--delimiter: '\(delimiter)' is not comma, tab or semicolon", command: arguments.command)
      }
    }
    postsPath = arguments.value(Self.postsOption)
    readingOptions = [Self.mapOption, Self.platformOption, Self.delimiterOption]
      .filter { !arguments.values($0).isEmpty }.map { "--\($0.name)" }
    if arguments.isSet(Self.strictOption) { readingOptions.append("--strict") }
  }

  /// The source these options describe.
  var source: CreatorSource { CreatorSource(path: path, options: options, postsPath: postsPath) }

  /// Reads the creators (and posts) through ``CreatorCatalog``, reporting problems on standard
  /// error unless `quiet`.
  func load(context: CommandContext, quiet: Bool = false) throws(CLIError) -> [Creator] {
    let read: CreatorCatalog.Read
    do {
      read = try CreatorCatalog.read(source)
    } catch {
      throw CLIError(error)
    }
    if !quiet { report(read.report, posts: read.posts, context: context) }
    return read.creators
  }

  /// Reports skipped rows, ignored fields and what merging the posts did on standard error.
  func report(_ report: IngestReport, posts: PostsReader.Report?, context: CommandContext) {
    context.writeError(Self.problemSummary(report))
    if let postsPath, let posts {
      context.writeError(Self.postsSummary(posts, path: postsPath))
    }
  }

  /// Whether `--creators` names a prepared snapshot (by its magic bytes, whatever its name).
  var isSnapshot: Bool { SnapshotFile.isSnapshot(path: path) }

  /// The catalog stored in the snapshot `--creators` names. Options that would change the
  /// creators (`--posts`, `--audit`) are refused, since the snapshot holds no creators to change,
  /// and so are the options of reading a creator file (``readingOptions``), which it was read
  /// with when it was prepared; `--model` is accepted only when it is the model the snapshot was
  /// prepared with.
  ///
  /// `checkAll` checks every section's checksum (`validate`); otherwise only what a ranking
  /// reads whole is (``SnapshotFile/read(ranking:)``).
  func loadSnapshot(modelPath: String?, auditPath: String? = nil, checkAll: Bool = false)
    throws(CLIError) -> SnapshotFile.Loaded
  {
    if let option = readingOptions.first {
      throw CLIError(
        "\(option) applies to reading a creator file, and \(path) is a prepared snapshot whose "
          + "creators were read when it was prepared; pass \(option) to 'creatormatch prepare', "
          + "or use the creator file",
        code: .usage)
    }
    if postsPath != nil {
      throw CLIError(
        "--posts cannot change a prepared snapshot (\(path)); use the creator file, or pass "
          + "--posts to 'creatormatch prepare'",
        code: .usage)
    }
    if auditPath != nil {
      throw CLIError(
        "--audit cannot change a prepared snapshot (\(path)); use the creator file",
        code: .usage)
    }
    let loaded: SnapshotFile.Loaded
    do {
      loaded = try checkAll ? SnapshotFile.read(path) : SnapshotFile.read(ranking: path)
    } catch {
      throw CLIError(error.description, code: error.kind == .missing ? .noInput : .dataError)
    }
    if let modelPath {
      let model = try PreparedTable.readModel(modelPath)
      guard model == loaded.catalog.model else {
        throw CLIError(
          "\(modelPath): is not the model \(path) was prepared with; prepare it again with "
            + "--model \(modelPath)",
          code: .usage)
      }
    }
    return loaded
  }

  /// What merging a posts file did, for standard error.
  static func postsSummary(_ report: PostsReader.Report, path: String) -> String {
    var text =
      "\(path): \(report.postsUsed) of \(report.postsRead) posts used for "
      + "\(report.creatorsUpdated) creators"
    if report.unknownCreatorPosts > 0 {
      text += "; \(report.unknownCreatorPosts) posts name creators not in the table"
    }
    if report.badLines > 0 { text += "; \(report.badLines) bad lines skipped" }
    text += "\n"
    for problem in report.firstProblems { text += "  \(problem)\n" }
    return text
  }

  /// The lines to show on standard error when rows were skipped or fields ignored; empty otherwise.
  static func problemSummary(_ report: IngestReport) -> String {
    guard report.rowsSkipped > 0 || report.warningTotal > 0 else { return "" }
    var text =
      "\(report.file): \(count(report.rowsRead)) rows read, \(count(report.rowsLoaded)) loaded"
    if report.rowsSkipped > 0 {
      text +=
        ", \(count(report.rowsSkipped)) skipped ("
        + report.errorCounts.map { "\($0.rule) \($0.count)" }.joined(separator: ", ") + ")"
    }
    if report.warningTotal > 0 {
      text +=
        "; \(count(report.warningTotal)) warnings ("
        + report.warningCounts.map { "\($0.rule) \($0.count)" }.joined(separator: ", ") + ")"
    }
    text += "\n"
    for diagnostic in report.firstErrors + report.firstWarnings { text += "  \(diagnostic)\n" }
    if report.errorTotal > report.firstErrors.count
      || report.warningTotal > report.firstWarnings.count
    {
      text += "  (run 'creatormatch validate' for the full report)\n"
    }
    return text
  }

  static func count(_ value: Int) -> String { Formatting.grouped(Double(value)) }
}

/// A loaded creator table ready for scoring.
struct PreparedTable {
  var table: CreatorTable
  var creatorCount: Int
  /// Names, countries and categories by row, for ranking output.
  var labels: CreatorLabels = .empty
  /// The creator file's name for reports: `--creators`, or for a snapshot the file it was
  /// prepared from, so that both give the same report.
  var sourceName: String = ""

  /// Loads creators, fits or reads the model (`modelPath`, from `--model`), and builds the table,
  /// all through ``CreatorCatalog``.
  /// `auditPath` (rank's `--audit`) sets audited real-audience shares before the model is fitted.
  static func prepare(
    _ input: CreatorInput, modelPath: String?, context: CommandContext, threads: Int,
    auditPath: String? = nil
  ) throws(CLIError) -> PreparedTable {
    if input.isSnapshot {
      let loaded = try input.loadSnapshot(modelPath: modelPath, auditPath: auditPath)
      let catalog = loaded.catalog
      return PreparedTable(
        table: catalog.table, creatorCount: catalog.table.count, labels: catalog.labels,
        sourceName: loaded.source)
    }
    guard let auditPath else {
      // Without audited shares to set on the creators, the catalog is built as the file is read
      // and never holds every creator at full weight.
      let loaded: CreatorCatalog.Loaded
      do {
        // The reports come before the model is read, as they do on the other path.
        loaded = try CreatorCatalog.load(
          input.source, model: modelPath.map { .file($0) } ?? .fit, threads: threads
        ) { report, posts in input.report(report, posts: posts, context: context) }
      } catch {
        throw CLIError(error)
      }
      return PreparedTable(
        table: loaded.catalog.table, creatorCount: loaded.catalog.table.count,
        labels: loaded.catalog.labels, sourceName: reportSourceName(input.path))
    }
    var creators = try input.load(context: context)
    try AuditShares.apply(
      auditPath, to: &creators, strict: input.options.strict, context: context)
    let catalog = try catalog(creators, modelPath: modelPath, threads: threads)
    return PreparedTable(
      table: catalog.table, creatorCount: creators.count, labels: catalog.labels,
      sourceName: reportSourceName(input.path))
  }

  /// The model file at `path`.
  static func readModel(_ path: String) throws(CLIError) -> PopulationModel {
    do {
      return try CreatorCatalog.readModel(path)
    } catch {
      throw CLIError(error)
    }
  }

  /// The catalog of `creators` with the model fitted, or read from `modelPath`.
  static func catalog(_ creators: [Creator], modelPath: String?, threads: Int?) throws(CLIError)
    -> CreatorCatalog
  {
    do {
      return try CreatorCatalog(
        creators: creators, model: modelPath.map { .file($0) } ?? .fit, threads: threads)
    } catch {
      throw CLIError(error)
    }
  }
}

/// Reads a whole input file, turning a missing or unreadable file into the matching exit code.
enum InputFile {
  static func read(_ path: String) throws(CLIError) -> [UInt8] {
    do {
      return try AtomicFile.read(path)
    } catch {
      throw CLIError(error)
    }
  }
}

/// Reads a brief file.
enum BriefLoader {
  static func load(_ path: String) throws(CLIError) -> CampaignBrief {
    let bytes = try InputFile.read(path)
    do {
      return try CampaignBrief.decode(bytes, source: path)
    } catch {
      throw CLIError(error)
    }
  }
}

/// Writes a command's data to `--out` atomically or to standard output.
/// An output written in pieces (standard output, or `--out` through ``AtomicFile/Stream``),
/// buffered to about a megabyte, for outputs that must not be held whole.
final class StreamedOutput {
  private let file: AtomicFile.Stream?
  private let context: CommandContext
  private var buffer = ""

  init(path: String?, context: CommandContext) throws(CLIError) {
    self.context = context
    do {
      file = try path.map { path throws(AtomicFile.WriteError) in try AtomicFile.Stream(path: path)
      }
    } catch {
      throw CLIError(error)
    }
  }

  /// Appends `text`, flushing the buffer when it passes a megabyte.
  func write(_ text: String) throws(CLIError) {
    buffer += text
    if buffer.utf8.count >= 1 << 20 { try flush() }
  }

  /// Writes out everything and puts a file in place.
  func finish() throws(CLIError) {
    try flush()
    do {
      try file?.commit()
    } catch {
      throw CLIError(error)
    }
  }

  private func flush() throws(CLIError) {
    guard !buffer.isEmpty else { return }
    if let file {
      do {
        try file.write(buffer)
      } catch {
        throw CLIError(error)
      }
    } else {
      context.writeOutput(buffer)
    }
    buffer = ""
  }
}

enum OutputDestination {
  /// The `--out` option of commands that print to standard output by default.
  static let option = OptionSpec.value(
    "out", "file", help: "Write the output to a file (atomically) instead of stdout.")

  static func write(_ text: String, to path: String?, context: CommandContext) throws(CLIError) {
    guard let path else {
      context.writeOutput(text)
      return
    }
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      throw CLIError(error)
    }
  }
}
