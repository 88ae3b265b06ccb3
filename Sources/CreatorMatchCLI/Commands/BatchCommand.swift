import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import CreatorMatchSupport
import Dispatch
import Foundation

/// `creatormatch batch`: score many briefs against one creator table, on one machine or as one
/// shard of an array job.
enum BatchCommand: Subcommand {
  static let briefsOption = OptionSpec.value(
    "briefs", "dir|file.jsonl", required: true,
    help: "Briefs: a directory of *.json or a JSONL file.")
  static let outOption = OptionSpec.value("out", "dir", required: true, help: "Output directory.")
  static let topOption = OptionSpec.value(
    "top", "n", default: "50", help: "Creators kept per brief.")
  static let formatOption = OptionSpec.value(
    "format", "csv|jsonl", default: "csv", help: "Ranking file format.")
  static let jobsOption = OptionSpec.value(
    "jobs", "n", default: "all cores", help: "Briefs scored in parallel.")
  static let resumeOption = OptionSpec.flag(
    "resume", help: "Continue the batch recorded in --out, redoing only unfinished briefs.")
  static let shardOption = OptionSpec.value(
    "shard", "i/n", help: "Score shard i of n (0-based) of the creators.")
  static let shardsOption = OptionSpec.value(
    "shards", "n", help: "Shard count; the index comes from the array job's environment.")
  static let reportOption = OptionSpec.value(
    "report", "dir",
    help: "Also write an HTML report per brief and an index.html linking them to this directory.")
  static let quietOption = OptionSpec.flag(
    "quiet", help: "No progress or summary on standard error (errors still show).")

  static let spec = CommandSpec(
    name: "batch",
    abstract:
      "Score many briefs against a creator table: one file per brief, a manifest, resumable.",
    discussion: """
      Loads the creators once, ranks every brief (a directory of *.json or a JSONL file) in
      parallel, and writes per brief a ranking and a summary, plus manifest.json with each
      output's size and checksum. Files are written atomically; --resume continues a killed
      run and produces exactly the uninterrupted run's files. A brief that cannot be read is
      recorded as failed with its reason and the others finish (exit 65 if any failed).
      Sharding: --shard i/n, or --shards n with the index from JOB_COMPLETION_INDEX (Kubernetes),
      AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch) or SLURM_ARRAY_TASK_ID (Slurm); shards are numbered
      from 0, need one shared --model, and combine with 'creatormatch merge'.
      """,
    options: CreatorInput.options + [
      briefsOption, outOption, topOption, formatOption, jobsOption, resumeOption, shardOption,
      shardsOption, reportOption, quietOption, CreatorInput.modelOption, CreatorInput.threadsOption,
      AuditShares.option, BrandSketches.option,
    ],
    examples: [
      (
        "creatormatch batch --creators datasets/creators.csv --briefs datasets/briefs --out /tmp/batch",
        "Every committed brief, locally"
      ),
      (
        "creatormatch fit --creators all.csv --out model.json && creatormatch batch --creators all.csv --model model.json --briefs briefs/ --out out/shard-$JOB_COMPLETION_INDEX --shards 8",
        "One task of an 8-way Kubernetes Indexed Job (then 'creatormatch merge')"
      ),
      (
        "creatormatch batch --creators datasets/creators.csv --briefs datasets/briefs --out /tmp/batch --report /tmp/batch-report",
        "Also an HTML page per brief and /tmp/batch-report/index.html linking them"
      ),
      (
        "creatormatch batch --creators all.csv --briefs briefs.jsonl --out /tmp/batch --resume",
        "Continue after a crash or a kill"
      ),
    ])

  /// The parsed command line of `batch`.
  struct Options: CommandOptions {
    var top: Int
    var format: BatchRows.Format
    var jobs: Int
    var out: String
    var briefs: String
    var quiet: Bool
    var shard: ShardSpec?
    var model: String?
    var input: CreatorInput
    var resume: Bool
    var threads: Int
    var audit: String?
    var report: String?
    var sketches: String?

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      top = try arguments.integer(topOption, in: 1...1_000_000) ?? 50
      format = try arguments.choice(formatOption, as: BatchRows.Format.self) ?? .csv
      jobs = ParallelBlocks.threadCount(try arguments.integer(jobsOption, in: 1...4_096))
      out = try arguments.requiredValue(outOption)
      briefs = try arguments.requiredValue(briefsOption)
      quiet = arguments.isSet(quietOption)
      shard = try shardSpec(arguments, environment: environment)
      model = arguments.value(CreatorInput.modelOption)
      if let shard, shard.count > 1, model == nil {
        throw UsageError(
          "sharded runs must score against one shared model: run 'creatormatch fit' once and pass --model",
          command: "batch")
      }
      input = try CreatorInput(arguments)
      threads = try arguments.threads()
      audit = arguments.value(AuditShares.option)
      sketches = arguments.value(BrandSketches.option)
      resume = arguments.isSet(resumeOption)
      report = arguments.value(reportOption)
      if report != nil, let shard, shard.count > 1 {
        // A shard ranks only its part of the creators: its report would present a partial
        // ranking as the brief's.
        throw UsageError(
          "--report needs the whole table: write reports from the merged batch's unsharded run",
          command: "batch")
      }
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let briefsPath = options.briefs
    let out = options.out
    let quiet = options.quiet
    let shard = options.shard
    let entries: [BriefSource.Entry]
    do {
      entries = try BriefSource.load(briefsPath)
    } catch {
      throw CLIError(error)
    }
    guard !entries.isEmpty else {
      throw CLIError("\(briefsPath): no briefs (*.json files or JSONL lines)", code: .noInput)
    }
    let sketches = try BrandSketches.load(options.sketches)
    let input = options.input
    let catalog: CreatorCatalog
    var source = reportSourceName(input.path)
    if input.isSnapshot {
      // A shard would need the creators' ids to split on before the table is built; a snapshot
      // holds the built table only.
      if shard != nil {
        throw CLIError(
          "--shard cannot split a prepared snapshot (\(input.path)); prepare one per shard, "
            + "or use the creator file",
          code: .usage)
      }
      let loaded = try input.loadSnapshot(modelPath: options.model, auditPath: options.audit)
      catalog = loaded.catalog
      source = loaded.source
    } else if options.audit == nil && shard == nil {
      // With no audited shares to set and no shard to pick, the catalog is built as the file is
      // read, without holding every creator at full weight (see `CreatorCatalog.load`).
      do {
        catalog = try CreatorCatalog.load(
          input.source, model: options.model.map { .file($0) } ?? .fit, threads: options.threads
        ) { report, posts in
          if !quiet { input.report(report, posts: posts, context: context) }
        }.catalog
      } catch {
        throw CLIError(error)
      }
    } else {
      var creators = try input.load(context: quiet ? silent(context) : context, quiet: quiet)
      if let audit = options.audit {
        try AuditShares.apply(
          audit, to: &creators, strict: input.options.strict,
          context: quiet ? silent(context) : context)
      }
      if let shard { creators = creators.filter { shard.contains($0.id) } }
      catalog = try PreparedTable.catalog(
        creators, modelPath: options.model, threads: options.threads)
    }
    let table = catalog.table
    let labels = catalog.labels
    let model = catalog.model
    let settings = BatchManifest.Settings(
      top: options.top, format: options.format, shard: shard,
      creatorsFingerprint: BatchJob.fingerprint(ofFile: input.path),
      modelFingerprint: BatchManifest.checksum(Array(model.jsonText().utf8)))
    var configuration = BatchJob.Configuration(
      jobs: options.jobs, resume: options.resume, outputDirectory: out, settings: settings,
      threads: options.threads)
    if let sketches {
      // Each named brand audience once, shared by every brief that names it.
      configuration.sketchesLoaded = true
      for entry in entries {
        guard case .success(let brief) = entry.brief, let id = brief.audience.brandAudience,
          configuration.brandAudiences[id] == nil
        else { continue }
        configuration.brandAudiences[id] = BrandAudience(
          set: sketches, brandID: id, table: table, threads: options.threads)
      }
    }
    let showProgress = context.errorIsTerminal && !quiet
    let outcome: BatchJob.Outcome
    do throws(BatchJob.Failure) {
      outcome = try BatchJob.run(
        table: table, labels: labels, entries: entries, configuration: configuration
      ) { progress in
        guard showProgress else { return }
        context.writeError("\r" + progressLine(progress))
      }
    } catch {
      throw CLIError(
        error.description,
        code: error.isUsage ? .usage : error.isDataError ? .dataError : .ioError)
    }
    if showProgress {
      context.writeError(
        "\rbatch: \(entries.count) briefs × \(Formatting.grouped(Double(table.count))) creators in "
          + "\(Formatting.fixed(outcome.seconds, 1)) s (\(outcome.ranked) ranked, \(outcome.reused) reused) → \(out)\u{1B}[K\n"
      )
    }
    // Shown even with --quiet, like errors: an empty ranking file is a problem with the data.
    let shardNote = shard.map { " (in shard \($0))" } ?? ""
    for warning in outcome.warnings {
      context.writeError("batch: warning: \(warning.message)\(shardNote)\n")
    }
    for failure in outcome.failures {
      context.writeError("batch: brief \(failure.brief) failed: \(failure.reason)\n")
    }
    if let report = options.report {
      try writeReports(
        to: report, entries: entries, table: table, labels: labels, source: source,
        options: options, context: context)
    }
    return outcome.failures.isEmpty ? .ok : .dataError
  }

  /// Writes `rank --format html`'s page for every brief that could be read, named by the brief's
  /// output stem, and `index.html` linking them.
  static func writeReports(
    to directory: String, entries: [BriefSource.Entry], table: CreatorTable,
    labels: CreatorLabels, source: String, options: Options, context: CommandContext
  ) throws(CLIError) {
    let ranker = Ranker(table: table)
    var index: [HTMLBatchIndex.Entry] = []
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CLIError("\(directory): cannot create the report directory: \(error)", code: .ioError)
    }
    for entry in entries {
      let file = entry.name + ".html"
      switch entry.brief {
      case .failure(let failure):
        index.append(.init(id: entry.id, file: file, ranking: nil, failure: failure.reason))
      case .success(let brief):
        let plan = BriefPlan(brief: brief, table: table)
        let ranking = ranker.rank(plan, top: options.top, threads: options.threads)
        let page = HTMLRankingReport(
          report: RankingReport(
            ranking: ranking, labels: labels,
            coverage: ranker.evidenceCoverage(plan, threads: options.threads)),
          ranker: ranker, source: source, version: CreatorMatchCLI.version
        ).render()
        try OutputDestination.write(page, to: directory + "/" + file, context: context)
        index.append(.init(id: entry.id, file: file, ranking: ranking, failure: nil))
      }
    }
    try OutputDestination.write(
      HTMLBatchIndex.render(
        index, source: source, creators: table.count, version: CreatorMatchCLI.version),
      to: directory + "/index.html", context: context)
  }

  static func progressLine(_ progress: BatchJob.Progress) -> String {
    let rate = progress.elapsed > 0 ? Double(progress.evaluations) / progress.elapsed : 0
    let remaining =
      progress.done > 0
      ? progress.elapsed / Double(progress.done) * Double(progress.total - progress.done) : 0
    return
      "batch: \(progress.done)/\(progress.total) briefs · \(Formatting.compactCount(rate)) creators/s · "
      + "ETA \(Int(remaining.rounded())) s\u{1B}[K"
  }

  /// The shard from --shard, or from --shards and the array job's environment; nil when neither.
  static func shardSpec(_ arguments: ParsedArguments, environment: [String: String])
    throws(UsageError)
    -> ShardSpec?
  {
    if let text = arguments.value(shardOption) {
      // Two sources of the shard count could disagree (`--shard 0/1 --shards 2`), and running
      // one of them silently would write shards that never merge.
      if let count = arguments.value(shardsOption) {
        throw UsageError(
          "--shard \(text) and --shards \(count) both name the shard; give only one",
          command: "batch")
      }
      do {
        return try ShardSpec(parsing: text)
      } catch {
        throw UsageError("--shard: \(error.description)", command: "batch")
      }
    }
    guard let count = try arguments.integer(shardsOption, in: 1...100_000) else { return nil }
    do {
      guard let shard = try ShardSpec.fromEnvironment(environment, count: count) else {
        throw UsageError(
          "--shards \(count): no shard index in the environment ("
            + ShardSpec.indexVariables.joined(separator: ", ") + "); pass --shard i/\(count)",
          command: "batch")
      }
      return shard
    } catch let error as UsageError {
      throw error
    } catch {
      throw UsageError("--shards: \(error)", command: "batch")
    }
  }

  static func silent(_ context: CommandContext) -> CommandContext {
    var copy = context
    copy.writeError = { _ in }
    return copy
  }
}

/// `creatormatch merge`: combine a sharded batch into the unsharded result.
enum MergeCommand: Subcommand {
  static let outOption = OptionSpec.value(
    "out", "dir", required: true, help: "Where to write the merged batch.")

  static let spec = CommandSpec(
    name: "merge",
    abstract: "Merge the outputs of a sharded batch into exactly the files of an unsharded run.",
    discussion: """
      Verifies every shard file against its shard's manifest, checks that the shards are 0..n−1
      of one batch (same briefs, top, format, creators and model), re-sorts each brief's rows by
      score and id, keeps the top N, adds up the summaries' counts and writes the manifest.
      """,
    options: [outOption],
    positional: "<shard-dir> ...",
    examples: [
      ("creatormatch merge --out out/final out/shard-0 out/shard-1 out/shard-2", "Three shards")
    ])

  /// The parsed command line of `merge`.
  struct Options: CommandOptions {
    var out: String
    var shards: [String]

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      out = try arguments.requiredValue(outOption)
      shards = arguments.positional
      guard !shards.isEmpty else {
        throw UsageError("give the shard directories to merge", command: "merge")
      }
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let out = options.out
    for directory in options.shards where !FileManager.default.fileExists(atPath: directory) {
      throw CLIError("\(directory): no such directory", code: .noInput)
    }
    let manifest: BatchManifest
    do {
      manifest = try BatchMerge.merge(options.shards, into: out)
    } catch {
      throw CLIError(error.description, code: .dataError)
    }
    let failed = manifest.entries.filter { $0.status != .ok }
    if context.errorIsTerminal {
      context.writeError(
        "merge: \(options.shards.count) shards, \(manifest.entries.count) briefs → \(out)\n")
    }
    for entry in failed {
      context.writeError("merge: brief \(entry.brief) failed: \(entry.reason ?? "")\n")
    }
    return failed.isEmpty ? .ok : .dataError
  }
}
