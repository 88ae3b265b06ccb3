import CreatorMatchBatch
import CreatorMatchIO

/// One command-line option: `--name <value>` or a `--flag`.
public struct OptionSpec: Sendable {
  /// The long name without dashes.
  public var name: String
  /// A one-letter short name, if any.
  public var short: Character?
  /// The value's placeholder (`file`, `n`), or `nil` for a flag.
  public var valueName: String?
  /// What it does, one line.
  public var help: String
  /// Whether it may be given several times (values accumulate).
  public var repeatable: Bool
  /// Whether the command cannot run without it.
  public var required: Bool
  /// The default, for help text.
  public var defaultDescription: String?

  /// Creates an option that takes a value.
  public static func value(
    _ name: String, short: Character? = nil, _ valueName: String, required: Bool = false,
    repeatable: Bool = false, default defaultDescription: String? = nil, help: String
  ) -> OptionSpec {
    OptionSpec(
      name: name, short: short, valueName: valueName, help: help, repeatable: repeatable,
      required: required, defaultDescription: defaultDescription)
  }

  /// Creates a flag.
  public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
    OptionSpec(
      name: name, short: short, valueName: nil, help: help, repeatable: false, required: false,
      defaultDescription: nil)
  }

  /// Whether the option is a flag.
  public var isFlag: Bool { valueName == nil }

  /// `--name <value>` or `--name`.
  public var synopsis: String {
    isFlag ? "--\(name)" : "--\(name) <\(valueName ?? "value")>"
  }
}

/// A subcommand's interface: its options, help text and examples.
public struct CommandSpec: Sendable {
  /// The subcommand name.
  public var name: String
  /// One-line summary.
  public var abstract: String
  /// Longer help, paragraphs.
  public var discussion: String
  /// Options (every command also takes `--help`).
  public var options: [OptionSpec]
  /// Placeholder for positional arguments (`<shard-dir>...`), if the command takes any.
  public var positional: String?
  /// Example invocations, each with a comment.
  public var examples: [(command: String, comment: String)]
  /// The executable the usage line starts with; `creatormatch` unless a separate tool (such as
  /// `creatormatch-bench`) reuses the parser, in which case `name` may be empty.
  public var program: String

  /// Creates a spec.
  public init(
    name: String, abstract: String, discussion: String = "", options: [OptionSpec],
    positional: String? = nil, examples: [(command: String, comment: String)],
    program: String = "creatormatch"
  ) {
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.options = options
    self.positional = positional
    self.examples = examples
    self.program = program
  }

  /// The one-line usage: required options first, then optional ones in brackets.
  public var usage: String {
    var parts = name.isEmpty ? [program] : [program, name]
    for option in options where option.required { parts.append(option.synopsis) }
    for option in options where !option.required {
      parts.append("[\(option.synopsis)\(option.repeatable ? " ..." : "")]")
    }
    if let positional { parts.append(positional) }
    return parts.joined(separator: " ")
  }
}
