import CreatorMatch
import CreatorMatchIO
import CreatorMatchSupport
import Dispatch
import Foundation
import Synchronization

/// Scores many briefs against one creator table and writes one ranking file and one summary per
/// brief, plus `manifest.json` (see the README's "Batch scoring and scale-out").
///
/// - Briefs run in parallel on `jobs` workers; each brief's pass is the usual fused ranking.
/// - Every file is written atomically (temporary file + rename) and the manifest is rewritten
///   as briefs finish (after each of the first 16, then whenever it has grown by an eighth or a
///   second has passed), so a run killed at any moment leaves only complete files and a manifest
///   that names them with their sizes and checksums; a resume redoes the briefs finished since.
/// - `resume` keeps the briefs whose outputs the manifest lists and whose bytes still match, and
///   redoes the rest; leftover temporary files are removed. The result is the uninterrupted run's.
/// - A brief that cannot be read (or whose constraints cannot be met) is recorded as failed with
///   its reason; the others finish.
/// - A sharded run (``ShardSpec``) writes merge-ready rows (`BatchRows.shardFile(header:rows:)`);
///   ``BatchMerge`` combines shards into exactly the files an unsharded run writes.
///
/// Timings go to `timings.json`, the one file that differs between runs; it is not in the manifest.
public enum BatchJob {
  /// How to run.
  public struct Configuration: Sendable {
    /// Parallel briefs.
    public var jobs: Int
    /// Worker threads for one brief's ranking when briefs run one at a time (`jobs` = 1); with
    /// parallel briefs each brief ranks on one thread. Results do not depend on it.
    public var threads: Int
    /// Continue the run recorded in the output directory.
    public var resume: Bool
    /// The output directory.
    public var outputDirectory: String
    /// Settings recorded in (and checked against) the manifest: rows kept per brief, output
    /// format, shard and the fingerprints of the inputs.
    public var settings: BatchManifest.Settings
    /// The brand audiences briefs may name in `audience.brand_audience`, by id, computed once
    /// against the table from the sketch file.
    public var brandAudiences: [String: BrandAudience] = [:]
    /// Whether a sketch file was given: a brief naming a brand audience it lacks then fails
    /// (without one, the brief's overlap is left out and its summary says so).
    public var sketchesLoaded = false

    /// Creates a configuration.
    public init(
      jobs: Int, resume: Bool, outputDirectory: String, settings: BatchManifest.Settings,
      threads: Int? = nil
    ) {
      self.jobs = jobs
      self.threads = ParallelBlocks.threadCount(threads)
      self.resume = resume
      self.outputDirectory = outputDirectory
      self.settings = settings
    }
  }

  /// Progress after each brief.
  public struct Progress: Sendable {
    /// Briefs finished (including reused and failed ones).
    public var done: Int
    /// Briefs in the batch.
    public var total: Int
    /// Creator × brief evaluations so far in this run.
    public var evaluations: Int
    /// Seconds since the start.
    public var elapsed: Double
  }

  /// What happened.
  public struct Outcome: Sendable {
    /// Briefs ranked in this run.
    public var ranked: Int
    /// Briefs whose outputs were kept from an earlier run.
    public var reused: Int
    /// Failed briefs with reasons.
    public var failures: [(brief: String, reason: String)]
    /// Warnings of briefs that succeeded, in manifest order: a brief that left no creator
    /// eligible (see ``BatchSummary/warnings``), including briefs kept from an earlier run.
    public var warnings: [(brief: String, message: String)]
    /// The final manifest.
    public var manifest: BatchManifest
    /// Seconds for the whole run.
    public var seconds: Double
  }

  /// Why the batch cannot run at all.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var description: String
    /// Whether the problem is how the batch was invoked (as opposed to reading or writing files).
    public var isUsage: Bool
    /// Whether a file the batch reads is malformed (a corrupt manifest), as opposed to a file
    /// that cannot be read or written at all.
    public var isDataError: Bool = false
  }

  /// File names of a brief's outputs.
  static func outputNames(_ name: String, format: BatchRows.Format, sharded: Bool) -> (
    rows: String, summary: String
  ) {
    (sharded ? "\(name).rows.jsonl" : "\(name).\(format.fileExtension)", "\(name).summary.json")
  }

  /// Runs the batch: ranks every brief of `entries` against `table` and writes its outputs and
  /// the manifest into the configuration's directory.
  ///
  /// - Parameters:
  ///   - table: The creators to rank (this shard's, when sharded).
  ///   - labels: Names, countries and categories by table row, for the ranking files
  ///     (`CreatorLabels.empty` leaves those columns empty).
  ///   - entries: The briefs, as ``BriefSource/load(_:)`` reads them; unreadable ones are
  ///     recorded as failures.
  ///   - configuration: Workers, resume, output directory and the settings a resume must match.
  ///   - progress: Called after each brief, from any thread.
  /// - Returns: What was ranked, reused and failed, and the manifest written.
  /// - Throws: ``Failure`` when the directory cannot be written or a resume's settings differ.
  /// - Complexity: O(b · n log k) for b briefs, n creators and k rows kept per brief.
  public static func run(
    table: CreatorTable, labels: CreatorLabels = .empty, entries: [BriefSource.Entry],
    configuration: Configuration, progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) throws(Failure) -> Outcome {
    let start = DispatchTime.now().uptimeNanoseconds
    let directory = configuration.outputDirectory
    let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
    do {
      try AtomicFile.makeDirectory(directory)
    } catch {
      throw Failure(description: error.description, isUsage: false)
    }
    var previous: BatchManifest?
    if FileManager.default.fileExists(atPath: manifestPath) {
      guard configuration.resume else {
        throw Failure(
          description:
            "\(directory) already holds a batch (manifest.json); pass --resume to continue it or choose an empty directory",
          isUsage: true)
      }
      do {
        previous = try BatchManifest.decode(try AtomicFile.read(manifestPath), source: manifestPath)
      } catch {
        throw Failure(
          description: "\(manifestPath): cannot resume: \(error)", isUsage: false,
          isDataError: error is JSONDocumentError)
      }
      if previous?.settings != configuration.settings {
        throw Failure(
          description:
            "\(directory) holds a batch with other settings (top, format, shard, creators or model); resume it with the same ones or use a new directory",
          isUsage: true)
      }
    }
    removeTemporaryFiles(in: directory)

    let plan = resumePlan(entries, previous: previous?.entries ?? []) {
      verify($0.outputs, in: directory)
    }
    let kept = plan.kept
    let pending = plan.pending
    // Outputs of briefs that are no longer in the batch would not be in an uninterrupted run.
    for old in plan.stale {
      for output in old.outputs {
        try? FileManager.default.removeItem(
          atPath: (directory as NSString).appendingPathComponent(output.file))
      }
    }

    let queue = pending
    let state = Mutex(RunState(entries: kept, done: kept.count))
    let total = entries.count
    let settings = configuration.settings
    let rankingThreads = configuration.jobs > 1 ? 1 : configuration.threads
    let workers = max(1, min(configuration.jobs, pending.count))
    let cursor = Atomic<Int>(0)
    let writeError = Mutex<String?>(nil)
    let writer = Mutex(BatchManifest.Writer(path: manifestPath))
    try writeManifest(BatchManifest(settings: settings, entries: kept), to: manifestPath)

    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = cursor.wrappingAdd(1, ordering: .relaxed).oldValue
        guard index < queue.count, writeError.withLock({ $0 == nil }) else { return }
        let entry = queue[index]
        let briefStart = DispatchTime.now().uptimeNanoseconds
        var manifestEntry: BatchManifest.Entry
        do throws(Failure) {
          manifestEntry = try runBrief(
            entry, table: table, labels: labels, configuration: configuration,
            threads: rankingThreads)
        } catch {
          writeError.withLock { $0 = $0 ?? error.description }
          return
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - briefStart) / 1e9
        let snapshot = state.withLock { state -> (BatchManifest?, Progress, version: Int) in
          state.entries.append(manifestEntry)
          state.done += 1
          state.timings.append((entry.id, seconds))
          if case .success = entry.brief { state.evaluations += table.count }
          let now = DispatchTime.now().uptimeNanoseconds
          let elapsed = Double(now - start) / 1e9
          // The manifest is built only when it is due: building it sorts every entry.
          let due = state.schedule.isDue(recorded: state.entries.count, now: now)
          return (
            due ? BatchManifest(settings: settings, entries: state.entries) : nil,
            Progress(
              done: state.done, total: total, evaluations: state.evaluations, elapsed: elapsed),
            state.done
          )
        }
        // Another worker may have written a later snapshot since this one was taken; the
        // writer then drops this one, so the newest state stays on disk.
        let failure = writer.withLock { writer -> Failure? in
          guard let manifest = snapshot.0 else { return nil }
          do throws(AtomicFile.WriteError) {
            try writer.write(manifest, version: snapshot.version)
            return nil
          } catch {
            return Failure(description: error.description, isUsage: false)
          }
        }
        if let failure {
          writeError.withLock { $0 = $0 ?? failure.description }
          return
        }
        progress(snapshot.1)
      }
    }
    if let message = writeError.withLock({ $0 }) {
      throw Failure(description: message, isUsage: false)
    }
    let final = state.withLock { $0 }
    let manifest = BatchManifest(settings: settings, entries: final.entries)
    try writeManifest(manifest, to: manifestPath)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    writeTimings(final.timings, seconds: seconds, creators: table.count, directory: directory)
    let failures = manifest.entries.filter { $0.status != .ok }.map { ($0.brief, $0.reason ?? "") }
    return Outcome(
      ranked: pending.count, reused: kept.count, failures: failures,
      warnings: warnings(manifest, in: directory), manifest: manifest, seconds: seconds)
  }

  /// The warnings of every successful brief, read back from its summary file (so briefs kept
  /// from an earlier run warn too). A summary that cannot be read gives no warning: its bytes
  /// were just written or verified against the manifest.
  static func warnings(_ manifest: BatchManifest, in directory: String) -> [(
    brief: String, message: String
  )] {
    var result: [(brief: String, message: String)] = []
    for entry in manifest.entries where entry.status == .ok {
      for output in entry.outputs where output.file.hasSuffix(".summary.json") {
        let path = (directory as NSString).appendingPathComponent(output.file)
        guard let bytes = try? AtomicFile.read(path),
          let summary = try? BatchSummary.decode(bytes, source: path)
        else { continue }
        result += summary.warnings.map { (entry.brief, $0) }
      }
    }
    return result
  }

  struct RunState: Sendable {
    var entries: [BatchManifest.Entry]
    var done: Int
    var evaluations = 0
    var timings: [(String, Double)] = []
    var schedule: ManifestSchedule

    init(entries: [BatchManifest.Entry], done: Int) {
      self.entries = entries
      self.done = done
      self.schedule = ManifestSchedule(recorded: entries.count)
    }
  }

  /// When a running batch rewrites its manifest: after every brief while it lists few, then when
  /// the entries have grown by an eighth since the last write or a second has passed.
  ///
  /// Rewriting after every brief made a batch quadratic (5,000 briefs: 115 s, most of it
  /// building and writing manifests). With geometric growth the manifests written add up to at
  /// most nine times the final one, plus one per second; a run killed between two writes redoes
  /// at most an eighth of its briefs (or a second's worth) on `--resume`, with the same result.
  struct ManifestSchedule: Sendable {
    /// Entries listed in the manifest last written.
    private(set) var written: Int
    /// When it was written (`DispatchTime` nanoseconds), or 0 before the first write.
    private(set) var writtenAt: UInt64 = 0

    init(recorded: Int) { written = recorded }

    /// Whether a manifest of `recorded` entries is due at `now`; when it is, it counts as
    /// written.
    mutating func isDue(recorded: Int, now: UInt64) -> Bool {
      let due =
        recorded - written >= max(1, written / 8) || now &- writtenAt >= 1_000_000_000
      if due {
        written = recorded
        writtenAt = now
      }
      return due
    }
  }

  /// What a resumed run does with each brief: `kept` are the previous run's entries that stand
  /// (ranked, outputs intact per `intact`, brief still readable), `pending` the briefs to run,
  /// `stale` the previous entries of briefs no longer in the batch. Each look-up is a dictionary
  /// or set built once, so resuming n briefs is O(n), not a scan of the manifest per brief.
  static func resumePlan(
    _ entries: [BriefSource.Entry], previous: [BatchManifest.Entry],
    intact: (BatchManifest.Entry) -> Bool
  ) -> (kept: [BatchManifest.Entry], pending: [BriefSource.Entry], stale: [BatchManifest.Entry]) {
    // The first entry of an id wins, as a scan from the front would find it.
    let previousByID = Dictionary(
      previous.map { ($0.brief, $0) }, uniquingKeysWith: { first, _ in first })
    var kept: [BatchManifest.Entry] = []
    var pending: [BriefSource.Entry] = []
    for entry in entries {
      if let old = previousByID[entry.id], old.status == .ok,
        !old.briefChecksum.isEmpty, old.briefChecksum == entry.checksum, intact(old),
        case .success = entry.brief
      {
        kept.append(old)
      } else {
        pending.append(entry)
      }
    }
    let ids = Set(entries.map(\.id))
    return (kept, pending, previous.filter { !ids.contains($0.brief) })
  }

  /// Ranks one brief and writes its outputs; returns its manifest entry.
  static func runBrief(
    _ entry: BriefSource.Entry, table: CreatorTable, labels: CreatorLabels,
    configuration: Configuration, threads: Int
  ) throws(Failure) -> BatchManifest.Entry {
    let brief: CampaignBrief
    switch entry.brief {
    case .failure(let failure):
      return BatchManifest.Entry(
        brief: entry.id, status: .failed, reason: failure.reason, outputs: [])
    case .success(let value):
      brief = value
    }
    let settings = configuration.settings
    let sharded = settings.shard != nil
    let brand = brief.audience.brandAudience.flatMap { configuration.brandAudiences[$0] }
    if let id = brief.audience.brandAudience, configuration.sketchesLoaded, brand == nil {
      return BatchManifest.Entry(
        brief: entry.id, status: .failed,
        reason: "$.audience.brand_audience: \"\(id)\" is not in the sketch file", outputs: [])
    }
    let plan = BriefPlan(
      brief: brief, table: table, brand: brand, sketchesLoaded: configuration.sketchesLoaded)
    let ranking = Ranker(table: table).rank(plan, top: settings.top, threads: threads)
    let header = BatchRows.header(ranking, format: settings.format)
    let rows = BatchRows.rows(ranking, format: settings.format, labels: labels)
    let names = outputNames(entry.name, format: settings.format, sharded: sharded)
    let rowsText =
      sharded
      ? BatchRows.shardFile(header: header, rows: rows)
      : BatchRows.file(header: header, rows: rows, format: settings.format)
    let outputs = [
      try write(rowsText, name: names.rows, in: configuration.outputDirectory),
      try write(
        BatchSummary(ranking: ranking).jsonText(), name: names.summary,
        in: configuration.outputDirectory),
    ]
    return BatchManifest.Entry(
      brief: entry.id, status: .ok, reason: nil, outputs: outputs, briefChecksum: entry.checksum)
  }

  /// Writes a file atomically and returns its manifest record.
  static func write(_ text: String, name: String, in directory: String) throws(Failure)
    -> BatchManifest.Output
  {
    let bytes = Array(text.utf8)
    do {
      try AtomicFile.write(bytes, to: (directory as NSString).appendingPathComponent(name))
    } catch {
      throw Failure(description: error.description, isUsage: false)
    }
    return BatchManifest.Output(name, contents: bytes)
  }

  static func writeManifest(_ manifest: BatchManifest, to path: String) throws(Failure) {
    do {
      try AtomicFile.write(manifest.jsonText(), to: path)
    } catch {
      throw Failure(description: error.description, isUsage: false)
    }
  }

  /// Whether every output exists with its recorded size and checksum.
  static func verify(_ outputs: [BatchManifest.Output], in directory: String) -> Bool {
    outputs.allSatisfy { output in
      guard
        let data = FileManager.default.contents(
          atPath: (directory as NSString).appendingPathComponent(output.file))
      else { return false }
      return output.matches(Array(data))
    }
  }

  /// Removes the temporary files an interrupted atomic write leaves
  /// (`.NAME.creatormatch-tmp-PID-RANDOM`), and nothing else: a user's `.notes.tmp-1` stays.
  static func removeTemporaryFiles(in directory: String) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    for name in names where isTemporaryName(name) {
      try? FileManager.default.removeItem(
        atPath: (directory as NSString).appendingPathComponent(name))
    }
  }

  /// Whether `name` is one of AtomicFile's temporary names: `.` + a name + the marker + digits,
  /// `-`, digits.
  static func isTemporaryName(_ name: String) -> Bool {
    guard name.hasPrefix("."), let marker = name.range(of: AtomicFile.temporaryMarker) else {
      return false
    }
    let tail = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
    return marker.lowerBound > name.index(after: name.startIndex) && tail.count == 2
      && tail.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
  }

  static func writeTimings(
    _ timings: [(String, Double)], seconds: Double, creators: Int, directory: String
  ) {
    var json = JSONWriter(pretty: true)
    json.object { root in
      root.key("seconds")
      root.rawNumber(Formatting.fixed(seconds, 3))
      root.key("creators")
      root.integer(creators)
      root.key("briefs")
      root.object { object in
        for (brief, time) in timings.sorted(by: { ByteOrder.precedes($0.0, $1.0) }) {
          object.key(brief)
          object.rawNumber(Formatting.fixed(time, 4))
        }
      }
    }
    try? AtomicFile.write(
      json.text + "\n", to: (directory as NSString).appendingPathComponent("timings.json"))
  }

  /// A fingerprint of a file: its size and checksums of its first and last MiB.
  ///
  /// - Parameter path: The file.
  /// - Returns: The fingerprint, or `"missing"` when the file cannot be opened.
  /// - Complexity: O(1): at most 2 MiB are read.
  public static func fingerprint(ofFile path: String) -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else { return "missing" }
    defer { try? handle.close() }
    let size = (try? handle.seekToEnd()) ?? 0
    try? handle.seek(toOffset: 0)
    let head = (try? handle.read(upToCount: 1 << 20)) ?? Data()
    try? handle.seek(toOffset: size > 1 << 20 ? size - (1 << 20) : 0)
    let tail = (try? handle.read(upToCount: 1 << 20)) ?? Data()
    return "\(size):\(BatchManifest.checksum(Array(head))):\(BatchManifest.checksum(Array(tail)))"
  }
}
