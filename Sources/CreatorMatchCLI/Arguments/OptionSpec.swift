import CreatorMatchBatch
import CreatorMatchIO

/// One command-line option: `--name <value>` or a `--flag`.
package struct OptionSpec: Sendable {
  /// The long name without dashes.
  package var name: String
  /// A one-letter short name, if any.
  package var short: Character?
  /// The value's placeholder (`file`, `n`), or `nil` for a flag.
  package var valueName: String?
  /// What it does, one line.
  package var help: String
  /// Whether it may be given several times (values accumulate).
  package var repeatable: Bool
  /// Whether the command cannot run without it.
  package var required: Bool
  /// The default, for help text.
  package var defaultDescription: String?

  /// Creates an option that takes a value.
  package static func value(
    _ name: String, short: Character? = nil, _ valueName: String, required: Bool = false,
    repeatable: Bool = false, default defaultDescription: String? = nil, help: String
  ) -> OptionSpec {
    OptionSpec(
      name: name, short: short, valueName: valueName, help: help, repeatable: repeatable,
      required: required, defaultDescription: defaultDescription)
  }

  /// Creates a flag.
  package static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
    OptionSpec(
      name: name, short: short, valueName: nil, help: help, repeatable: false, required: false,
      defaultDescription: nil)
  }

  /// Whether the option is a flag.
  package var isFlag: Bool { valueName == nil }

  /// `--name <value>` or `--name`.
  package var synopsis: String {
    isFlag ? "--\(name)" : "--\(name) <\(valueName ?? "value")>"
  }
}

/// A subcommand's interface: its options, help text and examples.
package struct CommandSpec: Sendable {
  /// The subcommand name.
  package var name: String
  /// One-line summary.
  package var abstract: String
  /// Longer help, paragraphs.
  package var discussion: String
  /// Options (every command also takes `--help`).
  package var options: [OptionSpec]
  /// Placeholder for positional arguments (`<shard-dir>...`), if the command takes any.
  package var positional: String?
  /// Example invocations, each with a comment.
  package var examples: [(command: String, comment: String)]
  /// The executable the usage line starts with; `creatormatch` unless a separate tool (such as
  /// `creatormatch-bench`) reuses the parser, in which case `name` may be empty.
  package var program: String

  /// Creates a spec.
  package init(
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
  package var usage: String {
    var parts = name.isEmpty ? [program] : [program, name]
    for option in options where option.required { parts.append(option.synopsis) }
    for option in options where !option.required {
      parts.append("[\(option.synopsis)\(option.repeatable ? " ..." : "")]")
    }
    if let positional { parts.append(positional) }
    return parts.joined(separator: " ")
  }
}
