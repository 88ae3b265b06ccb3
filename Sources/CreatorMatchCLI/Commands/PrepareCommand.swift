import CreatorMatch
import CreatorMatchIO
import Foundation

/// `creatormatch prepare`: read, tokenize, fit and build the ranking table once, and save it as a
/// snapshot that every `--creators` option loads in a fraction of the time.
enum PrepareCommand: Subcommand {
  static let outOption = OptionSpec.value(
    "out", "file", required: true, help: "Where to write the snapshot (binary).")

  /// `--creators` as the other commands read it, but a snapshot is not an input here.
  static let creatorsOption = OptionSpec.value(
    "creators", "file", required: true,
    help: "Creator table: CSV, TSV or JSONL (format by extension, else sniffed).")

  static let spec = CommandSpec(
    name: "prepare",
    abstract: "Build the ranking table once and save it as a snapshot for --creators.",
    discussion: """
      Reads the creator table, fits the population model (or takes --model), builds the
      columnar ranking table and its text index, and writes them with the output labels to
      one checksummed binary file. Pass the snapshot as --creators to rank, roi, shortlist,
      similar, batch, validate and fit: it is recognised by its contents, loads without
      tokenizing or fitting, and gives the same output as the creator file it was prepared
      from. A snapshot of another format version, cut short or damaged is refused (exit 65);
      prepare it again.
      """,
    options: [creatorsOption] + CreatorInput.options.dropFirst() + [
      outOption, CreatorInput.modelOption, CreatorInput.threadsOption,
    ],
    examples: [
      (
        "creatormatch prepare --creators datasets/creators.csv --out creators.snapshot",
        "Prepare the sample table"
      ),
      (
        "creatormatch rank --creators creators.snapshot --brief datasets/briefs/pl-skincare.json",
        "Rank from the snapshot"
      ),
    ])

  /// The parsed command line of `prepare`.
  struct Options: CommandOptions {
    var out: String
    var model: String?
    var threads: Int
    var input: CreatorInput

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      out = try arguments.requiredValue(outOption)
      model = arguments.value(CreatorInput.modelOption)
      threads = try arguments.threads()
      input = try CreatorInput(arguments)
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let input = options.input
    let catalog: CreatorCatalog
    if SnapshotFile.isSnapshot(path: input.path) {
      throw CLIError(
        "\(input.path): is already a prepared snapshot; prepare reads a creator table",
        code: .usage)
    }
    let creators = try input.load(context: context)
    catalog = try PreparedTable.catalog(
      creators, modelPath: options.model, threads: options.threads)
    do {
      try SnapshotFile.write(catalog, source: reportSourceName(input.path), to: options.out)
    } catch {
      throw CLIError(error)
    }
    context.writeOutput(
      "snapshot: \(options.out): \(Formatting.grouped(Double(catalog.table.count))) creators, "
        + "\(Formatting.grouped(Double(catalog.table.terms.count))) terms\n")
    return .ok
  }
}
