import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// The `creatormatch` command line: subcommand dispatch, `--help`, `--version`, and the mapping
/// of failures to messages on standard error and exit codes.
///
/// ```swift
/// let code = CreatorMatchCLI.run(["rank", "--creators", "c.csv", "--brief", "b.json"],
///                                context: .standard())
/// ```
public enum CreatorMatchCLI {
  /// The version printed by `--version`.
  public static let version = "1.0.0"

  /// The subcommands, in help order.
  static let commands: [any Subcommand.Type] = [
    RankCommand.self, RoiCommand.self, ShortlistCommand.self, OverlapCommand.self,
    SketchCommand.self,
    BatchCommand.self, MergeCommand.self, ValidateCommand.self, FitCommand.self,
    GenerateCommand.self,
  ]

  /// Every subcommand's spec, in help order.
  public static var specs: [CommandSpec] { commands.map { $0.spec } }

  /// The spec of a subcommand.
  public static func spec(named name: String) -> CommandSpec? {
    commands.first(where: { $0.spec.name == name })?.spec
  }

  /// Runs one invocation (`arguments` excludes the program name) and returns the exit code.
  public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
    guard let first = arguments.first else {
      context.writeError(HelpText.renderRoot(specs, version: version))
      return ExitCode.usage.rawValue
    }
    switch first {
    case "--version", "version":
      context.writeOutput(version + "\n")
      return ExitCode.ok.rawValue
    case "--help", "-h":
      context.writeOutput(HelpText.renderRoot(specs, version: version))
      return ExitCode.ok.rawValue
    case "help":
      if arguments.count > 1 {
        guard let spec = spec(named: arguments[1]) else {
          context.writeError(
            usageMessage(UsageError("unknown subcommand '\(arguments[1])'")) + "\n")
          return ExitCode.usage.rawValue
        }
        context.writeOutput(HelpText.render(spec))
      } else {
        context.writeOutput(HelpText.renderRoot(specs, version: version))
      }
      return ExitCode.ok.rawValue
    default:
      break
    }
    guard let command = commands.first(where: { $0.spec.name == first }) else {
      var message = "unknown subcommand '\(first)'"
      if let suggestion = ArgumentParser.closest(first, specs.map(\.name)) {
        message += "; did you mean '\(suggestion)'?"
      }
      context.writeError(usageMessage(UsageError(message)) + "\n")
      return ExitCode.usage.rawValue
    }
    let parsed: ParsedArguments
    do {
      parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), spec: command.spec)
    } catch {
      context.writeError(usageMessage(error) + "\n")
      return ExitCode.usage.rawValue
    }
    if parsed.has("help") {
      context.writeOutput(HelpText.render(command.spec))
      return ExitCode.ok.rawValue
    }
    do {
      return try command.run(parsed, context: context).rawValue
    } catch {
      let message = error.message.hasPrefix("error: ") ? error.message : "error: " + error.message
      context.writeError(message + "\n")
      return error.code.rawValue
    }
  }
}

/// A subcommand: its interface and how it runs.
protocol Subcommand: Sendable {
  /// The options, help and examples.
  static var spec: CommandSpec { get }
  /// Runs the parsed invocation.
  static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError)
    -> ExitCode
}
