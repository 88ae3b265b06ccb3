import CreatorMatch
import CreatorMatchIO

/// `creatormatch niches`: list the built-in niches with the category labels that map to them and
/// their seed terms per language, and the labels that mark account types.
enum NichesCommand: Subcommand {
  /// The output formats of `niches`: readable blocks or JSON.
  enum Format: String, CaseIterable {
    case table, json
  }

  static let formatOption = OptionSpec.value(
    "format", "table|json", default: "table", help: "Output format.")
  static let nicheOption = OptionSpec.value(
    "niche", "name", help: "Show only the niche this id or label names (\"Fitness & Gym\").")

  static let spec = CommandSpec(
    name: "niches",
    abstract: "List the built-in niches: their category labels and seed terms per language.",
    discussion: """
      A brief's niche.categories and niche.exclude_categories, and a creator's category labels,
      map to these niches; case, "&" and "and" are ignored ("Food & Cooking" = "food cooking").
      A brief category adds its niche's seed terms in the audience's languages to the query.
      Adult content is excluded unless a brief lists it in niche.categories or sets
      niche.include_adult. The last section lists the category labels that mark an account as a
      brand, organization, media outlet or politician (constraints.account_types).
      """,
    options: [formatOption, nicheOption],
    examples: [
      ("creatormatch niches", "Every niche with its labels and seed terms"),
      (
        "creatormatch niches --niche \"Cinema & Actors/actresses\"",
        "The niche an export label maps to"
      ),
      ("creatormatch niches --format json", "The taxonomy as JSON, for scripts"),
    ])

  /// The parsed command line of `niches`.
  struct Options: CommandOptions {
    var format: Format
    /// The index of the one niche to show, or `nil` for all.
    var niche: Int?

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      format = try arguments.choice(formatOption, as: Format.self) ?? .table
      if let label = arguments.value(nicheOption) {
        let taxonomy = Taxonomy.builtIn
        guard let index = taxonomy.nicheIndex(forLabel: label) else {
          var message = "--niche: '\(label)' names no built-in niche"
          if let suggestion = CommandLineParser.closest(
            Taxonomy.normalizeLabel(label), taxonomy.niches.map(\.id))
          {
            message += "; did you mean '\(suggestion)'?"
          }
          throw UsageError(message, command: spec.name)
        }
        niche = index
      }
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let taxonomy = Taxonomy.builtIn
    let niches = options.niche.map { [taxonomy.niches[$0]] } ?? taxonomy.niches
    switch options.format {
    case .json: context.writeOutput(json(niches, allNiches: options.niche == nil))
    case .table:
      context.writeOutput(
        text(niches, allNiches: options.niche == nil, width: max(40, context.terminalWidth)))
    }
    return .ok
  }

  /// The account-type labels grouped by type, each group sorted, in ``AccountType`` order.
  static func accountTypeLabels() -> [(AccountType, [String])] {
    AccountType.allCases.compactMap { type in
      let labels = AccountType.labelTypes.filter { $0.value == type }.map(\.key).sorted()
      return labels.isEmpty ? nil : (type, labels)
    }
  }

  static func text(_ niches: [Taxonomy.Niche], allNiches: Bool, width: Int) -> String {
    var lines: [String] = []
    if allNiches {
      lines.append(
        contentsOf: Formatting.wrap(
          "\(niches.count) niches; seed terms in \(Taxonomy.languages.joined(separator: ", "))",
          width: width))
    }
    for niche in niches {
      if !lines.isEmpty { lines.append("") }
      lines.append(
        niche.id
          + (niche.id == Taxonomy.adultContentID ? " (excluded unless a brief asks for it)" : ""))
      lines += Formatting.wrap(
        "  labels: " + niche.labels.joined(separator: ", "), width: width, indent: "          ")
      for language in Taxonomy.languages {
        let seeds = niche.seeds[language] ?? []
        lines += Formatting.wrap(
          "  \(language): " + seeds.joined(separator: ", "), width: width, indent: "      ")
      }
    }
    if allNiches {
      lines.append("")
      lines.append(
        "account-type labels (whole category labels; kept by default: "
          + AccountType.defaultAllowed.map(\.rawValue).joined(separator: ", ") + ")")
      for (type, labels) in accountTypeLabels() {
        let head = "  \(type.rawValue): "
        lines += Formatting.wrap(
          head + labels.joined(separator: ", "), width: width,
          indent: String(repeating: " ", count: head.count))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func json(_ niches: [Taxonomy.Niche], allNiches: Bool) -> String {
    var json = JSONWriter(pretty: true)
    json.object { root in
      root.key("niches")
      root.array { list in
        for niche in niches {
          list.object { item in
            item.key("id")
            item.string(niche.id)
            item.key("excluded_by_default")
            item.bool(niche.id == Taxonomy.adultContentID)
            item.key("labels")
            item.stringArray(niche.labels)
            item.key("seeds")
            item.object { seeds in
              for language in Taxonomy.languages {
                seeds.key(language)
                seeds.stringArray(niche.seeds[language] ?? [])
              }
            }
          }
        }
      }
      if allNiches {
        root.key("account_types")
        root.object { types in
          types.key("default")
          types.stringArray(AccountType.defaultAllowed.map(\.rawValue))
          types.key("labels")
          types.object { labels in
            for (type, names) in accountTypeLabels() {
              labels.key(type.rawValue)
              labels.stringArray(names)
            }
          }
        }
      }
    }
    return json.text + "\n"
  }
}
