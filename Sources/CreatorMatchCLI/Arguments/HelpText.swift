import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// Renders `--help` for a subcommand and for the tool, in the layout of swift-argument-parser.
package enum HelpText {
  /// Help for one subcommand.
  package static func render(_ spec: CommandSpec) -> String {
    var text = "OVERVIEW: \(spec.abstract)\n"
    if !spec.discussion.isEmpty { text += "\n" + spec.discussion + "\n" }
    text +=
      "\n"
      + Formatting.wrap("USAGE: " + spec.usage, width: 80, indent: "       ")
      .joined(separator: "\n") + "\n"
    if let positional = spec.positional {
      text += "\nARGUMENTS:\n  \(positional)\n"
    }
    text += "\nOPTIONS:\n"
    let entries =
      spec.options.map { option -> (String, String) in
        var left = option.synopsis
        if let short = option.short { left = "-\(short), " + left }
        var help = option.help
        if let defaultDescription = option.defaultDescription {
          help += " (default: \(defaultDescription))"
        }
        if option.repeatable { help += " (repeatable)" }
        return (left, help)
      } + [("-h, --help", "Show help information.")]
    text += columns(entries)
    if !spec.examples.isEmpty {
      text += "\nEXAMPLES:\n"
      for example in spec.examples {
        text += "  # \(example.comment)\n  \(example.command)\n\n"
      }
      text.removeLast()
    }
    return text
  }

  /// Help for the tool.
  package static func renderRoot(_ specs: [CommandSpec], version: String) -> String {
    var text = """
      OVERVIEW: CreatorMatch \(version): rank creators for a campaign brief, with transparent
      formulas, honest uncertainty and ROI forecasts.

      USAGE: creatormatch <subcommand> [options]

      OPTIONS:
        --version               Show the version.
        -h, --help              Show help information.

      SUBCOMMANDS:

      """
    text += columns(specs.map { ($0.name, $0.abstract) })
    text += """

      See 'creatormatch help <subcommand>' or 'creatormatch <subcommand> --help' for details.

      EXAMPLES:
        # Rank the sample creators for the Polish skincare brief
        creatormatch rank --creators datasets/creators.csv --brief datasets/briefs/pl-skincare.json

      """
    return text
  }

  /// Two-column help entries, the right column wrapped at 80 characters.
  static func columns(_ entries: [(String, String)]) -> String {
    let leftWidth = 24
    var text = ""
    for (left, right) in entries {
      var line = "  " + left
      let wrapped = wrap(right, width: 80 - leftWidth - 2)
      if left.count + 2 > leftWidth {
        text += line + "\n"
        line = String(repeating: " ", count: leftWidth)
      } else {
        line += String(repeating: " ", count: leftWidth - line.count)
      }
      for (index, part) in wrapped.enumerated() {
        text += (index == 0 ? line : String(repeating: " ", count: leftWidth)) + part + "\n"
      }
    }
    return text
  }

  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if !current.isEmpty && current.count + 1 + word.count > width {
        lines.append(current)
        current = String(word)
      } else {
        current += (current.isEmpty ? "" : " ") + word
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
  }
}
