import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import Foundation

/// `creatormatch fit`: fit the population model once and save it.
enum FitCommand: Subcommand {
  static let outOption = OptionSpec.value(
    "out", "file", required: true, help: "Where to write the model (JSON).")

  static let spec = CommandSpec(
    name: "fit",
    abstract: "Fit the population model (peer curves, IDF, audience priors) and save it.",
    discussion: """
      The model is what every score is measured against: per-platform engagement curves
      μ(f) = a + b·ln f with their spread τ², document frequencies for TF-IDF, and audience
      priors. Fit it once on the full table and pass it with --model to rank, roi and batch,
      so that sharded runs score against one shared population.
      """,
    options: CreatorInput.options + [outOption, CreatorInput.threadsOption],
    examples: [
      (
        "creatormatch fit --creators datasets/creators.csv --out model.json",
        "Fit on the sample table"
      ),
      (
        "creatormatch fit --creators all.csv --posts posts.jsonl --out model.json",
        "Pool per-post variance from a posts file"
      ),
    ])

  /// The parsed command line of `fit`.
  struct Options: CommandOptions {
    var out: String
    var threads: Int
    var input: CreatorInput

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      out = try arguments.requiredValue(outOption)
      threads = try arguments.threads()
      input = try CreatorInput(arguments)
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let out = options.out
    let threads = options.threads
    let model: PopulationModel
    if options.input.isSnapshot {
      // The snapshot's model is the one fitted on its creators when it was prepared.
      model = try options.input.loadSnapshot(modelPath: nil).catalog.model
    } else {
      // Fitted as the file is read, so the creators are never all held at once.
      let input = options.input
      do {
        model = try CreatorCatalog.fitModel(input.source, threads: threads) { report, posts in
          input.report(report, posts: posts, context: context)
        }
      } catch {
        throw CLIError(error)
      }
    }
    try OutputDestination.write(model.jsonText(), to: out, context: context)
    context.writeOutput(summary(model, out: out))
    return .ok
  }

  static func summary(_ model: PopulationModel, out: String) -> String {
    var table = TextTable(columns: [
      .init(title: "curve"), .init(title: "source"), .init(title: "n", alignRight: true),
      .init(title: "a", alignRight: true), .init(title: "b", alignRight: true),
      .init(title: "τ", alignRight: true), .init(title: "ER@10k", alignRight: true),
      .init(title: "ER@1M", alignRight: true),
    ])
    for index in 0..<CurveKey.count {
      let curve = model.curves[index]
      guard curve.source == .fitted else { continue }
      table.add([
        CurveKey.at(index).description, curve.source.rawValue, String(curve.sampleSize),
        Formatting.fixed(curve.intercept, 3), Formatting.fixed(curve.slope, 3),
        Formatting.fixed(curve.tau2.squareRoot(), 3),
        Formatting.percent(exp(curve.mean(followers: 10_000))),
        Formatting.percent(exp(curve.mean(followers: 1_000_000))),
      ])
    }
    var text =
      "model: \(out) from \(Formatting.grouped(Double(model.creatorCount))) creators, "
      + "\(Formatting.grouped(Double(model.documentFrequencies.counts.count))) terms\n"
    if table.rows.isEmpty {
      text +=
        "no platform has \(PopulationModel.minimumCreatorsPerCurve)+ creators with engagement "
        + "data: every curve is the published prior\n"
    } else {
      text += table.render(width: 100)
      text += "other platforms use the published priors\n"
    }
    return text
  }
}
