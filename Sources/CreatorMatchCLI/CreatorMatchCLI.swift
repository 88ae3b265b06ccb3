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
package enum CreatorMatchCLI {
  /// The version printed by `--version`.
  package static let version = "0.9.0"

  /// The subcommands, in help order.
  static let commands: [any Subcommand.Type] = [
    RankCommand.self, RoiCommand.self, ShortlistCommand.self, OverlapCommand.self,
    SketchCommand.self,
    BatchCommand.self, MergeCommand.self, ValidateCommand.self, FitCommand.self,
    PrepareCommand.self,
    GenerateCommand.self, NichesCommand.self, AuditCommand.self, SimilarCommand.self,
  ]

  /// Every subcommand's spec, in help order.
  package static var specs: [CommandSpec] { commands.map { $0.spec } }

  /// The spec of a subcommand.
  package static func spec(named name: String) -> CommandSpec? {
    commands.first(where: { $0.spec.name == name })?.spec
  }

  /// Runs one invocation (`arguments` excludes the program name) and returns the exit code.
  package static func run(_ arguments: [String], context: CommandContext) -> Int32 {
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
      if let suggestion = CommandLineParser.closest(first, specs.map(\.name)) {
        message += "; did you mean '\(suggestion)'?"
      }
      context.writeError(usageMessage(UsageError(message)) + "\n")
      return ExitCode.usage.rawValue
    }
    return execute(command, Array(arguments.dropFirst()), context: context)
  }

  /// Parses the subcommand's arguments once into its typed options and runs it. The one place
  /// where a ``UsageError`` becomes the usage message on standard error and exit code 64, and a
  /// ``CLIError`` its message and exit code.
  static func execute<Command: Subcommand>(
    _ command: Command.Type, _ arguments: [String], context: CommandContext
  ) -> Int32 {
    let options: Command.Options
    do {
      let parsed = try CommandLineParser.parse(arguments, spec: Command.spec)
      if parsed.helpRequested {
        context.writeOutput(HelpText.render(Command.spec))
        return ExitCode.ok.rawValue
      }
      options = try Command.Options(parsed, environment: context.environment)
    } catch {
      context.writeError(usageMessage(error) + "\n")
      return ExitCode.usage.rawValue
    }
    do {
      return try Command.run(options, context: context).rawValue
    } catch {
      let message = error.message.hasPrefix("error: ") ? error.message : "error: " + error.message
      context.writeError(message + "\n")
      return error.code.rawValue
    }
  }

  /// A usage error's message with the usage hint.
  static func usageMessage(_ error: UsageError) -> String {
    var text = "error: \(error.message)"
    if let command = error.command, let spec = spec(named: command) {
      text += "\nusage: \(spec.usage)\n  See 'creatormatch \(command) --help' for more information."
    } else {
      text += "\n  See 'creatormatch --help' for more information."
    }
    return text
  }
}

/// A subcommand: its interface, the typed options it parses its command line into, and how it
/// runs with them.
protocol Subcommand: Sendable {
  /// The command line, parsed and checked: every value typed, every usage error already raised.
  associatedtype Options: CommandOptions
  /// The options, help and examples.
  static var spec: CommandSpec { get }
  /// Runs the invocation; the options are valid, so failures are about data, files or output.
  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode
}

/// A subcommand's typed options, read from its parsed arguments through the ``OptionSpec``
/// constants its spec is built from.
protocol CommandOptions {
  /// Reads and checks every option; `environment` supplies array-job indices.
  init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError)
}

extension Subcommand {
  /// Parses a command line (after the subcommand name) into the typed options, as the
  /// dispatcher does; for tests.
  static func options(_ arguments: [String], environment: [String: String] = [:])
    throws(UsageError) -> Options
  {
    try Options(CommandLineParser.parse(arguments, spec: spec), environment: environment)
  }
}
