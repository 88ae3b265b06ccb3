import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// `creatormatch audit`: estimate creators' fake-follower shares from samples of their followers.
enum AuditCommand: Subcommand {
  static let accountsOption = OptionSpec.value(
    "accounts", "file", required: true,
    help: "Follower sample: CSV, TSV or JSONL, one account a row (optional creator_id column).")
  static let mapOption = OptionSpec.value(
    "map", "field=column", repeatable: true,
    help: "Read a field from a differently named column, e.g. followers=FollowerCount.")
  static let perAccountOption = OptionSpec.flag(
    "per-account", help: "Print each account's p_fake, in input order, instead of the summary.")

  static let spec = CommandSpec(
    name: "audit",
    abstract: "Estimate each creator's fake-follower share from a sample of follower accounts.",
    discussion: """
      Each account is scored by a logistic regression on its public profile (followers,
      following, posts, profile picture, private, username digit share, bio; fitted on the
      InstaFake data set, cross-validated AUC 0.990). The share flagged (p_fake > 0.5) is
      corrected for the classifier's sensitivity (0.870) and specificity (0.979) by
      Rogan–Gladen, with a 90% bootstrap interval. Also reported: mass followers (following
      more than 1,500) and suspicious accounts (p_fake > 0.5), both as raw shares.
      Columns: creator_id (optional), followers, following, posts, has_profile_picture,
      is_private, and username or username_length + username_digits; bio_length optional.
      """,
    options: [
      accountsOption, mapOption, CreatorInput.delimiterOption, CreatorInput.strictOption,
      perAccountOption, TableFormat.option, OutputDestination.option,
    ],
    examples: [
      ("creatormatch audit --accounts followers.csv", "One table row per creator"),
      (
        "creatormatch audit --accounts sample.jsonl --format json",
        "fake_share per creator as a fraction"
      ),
      (
        "creatormatch audit --accounts s.csv --map followers=FollowerCount --per-account",
        "Each account's p_fake"
      ),
    ])

  /// The parsed command line of `audit`.
  struct Options: CommandOptions {
    var accounts: String
    var overrides: [FollowerSampleField: String] = [:]
    var delimiter: UInt8?
    var strict: Bool
    var perAccount: Bool
    var format: TableFormat
    var out: String?

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
      accounts = try arguments.requiredValue(accountsOption)
      strict = arguments.isSet(CreatorInput.strictOption)
      perAccount = arguments.isSet(perAccountOption)
      format = try TableFormat.parse(arguments)
      out = arguments.value(OutputDestination.option)
      for mapping in arguments.values(mapOption) {
        let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else {
          throw UsageError("--map: '\(mapping)' is not FIELD=COLUMN", command: arguments.command)
        }
        guard let field = FollowerSampleField(name: parts[0]) else {
          throw UsageError(
            "--map: unknown field '\(parts[0])'; fields are "
              + FollowerSampleField.allCases.map(\.rawValue).joined(separator: ", "),
            command: arguments.command)
        }
        overrides[field] = parts[1]
      }
      if let value = arguments.value(CreatorInput.delimiterOption) {
        switch value.lowercased() {
        case "comma", ",": delimiter = UInt8(ascii: ",")
        case "tab", "\\t", "\t": delimiter = 0x09
        case "semicolon", ";": delimiter = UInt8(ascii: ";")
        default:
          throw UsageError(
            "--delimiter: '\(value)' is not comma, tab or semicolon", command: arguments.command)
        }
      }
    }
  }

  static func run(_ options: Options, context: CommandContext) throws(CLIError) -> ExitCode {
    let sample: FollowerSample
    do {
      sample = try FollowerSampleReader.read(
        path: options.accounts, overrides: options.overrides, delimiter: options.delimiter,
        strict: options.strict)
    } catch {
      throw CLIError(error)
    }
    if sample.rowsSkipped > 0 {
      var text =
        "\(sample.file): \(sample.rowsRead) rows read, \(sample.accounts.count) used, "
        + "\(sample.rowsSkipped) bad rows skipped\n"
      for problem in sample.firstProblems { text += "  \(problem)\n" }
      context.writeError(text)
    }
    let (audits, probabilities) = AudienceAudit.audit(sample.accounts)
    let text =
      options.perAccount
      ? perAccount(sample, probabilities: probabilities, format: options.format)
      : summary(audits, format: options.format, width: context.terminalWidth)
    try OutputDestination.write(text, to: options.out, context: context)
    return .ok
  }

  /// The per-creator summary in `format`.
  static func summary(_ audits: [AudienceAudit], format: TableFormat, width: Int) -> String {
    switch format {
    case .csv:
      var csv = CSVWriter()
      csv.row([
        "creator_id", "sample_size", "fake_share", "fake_share_low", "fake_share_high",
        "suspicious_share", "mass_follower_share",
      ])
      for audit in audits {
        csv.row([
          .text(audit.creatorID), .number(String(audit.sampleSize)),
          .number(Formatting.fixed(audit.fakeShare, 4)),
          .number(Formatting.fixed(audit.fakeShareLower, 4)),
          .number(Formatting.fixed(audit.fakeShareUpper, 4)),
          .number(Formatting.fixed(audit.suspiciousShare, 4)),
          .number(Formatting.fixed(audit.massFollowerShare, 4)),
        ])
      }
      return csv.text
    case .json:
      var json = JSONWriter(pretty: true)
      json.object { root in
        root.key("sensitivity")
        root.rawNumber(Formatting.fixed(AudienceAudit.sensitivity, 4))
        root.key("specificity")
        root.rawNumber(Formatting.fixed(AudienceAudit.specificity, 4))
        root.key("creators")
        root.array { list in
          for audit in audits {
            list.object { item in
              item.key("creator_id")
              item.string(audit.creatorID)
              item.key("sample_size")
              item.rawNumber(String(audit.sampleSize))
              item.key("fake_share")
              item.rawNumber(Formatting.fixed(audit.fakeShare, 4))
              item.key("fake_share_interval")
              item.array { pair in
                pair.rawNumber(Formatting.fixed(audit.fakeShareLower, 4))
                pair.rawNumber(Formatting.fixed(audit.fakeShareUpper, 4))
              }
              item.key("suspicious_share")
              item.rawNumber(Formatting.fixed(audit.suspiciousShare, 4))
              item.key("mass_follower_share")
              item.rawNumber(Formatting.fixed(audit.massFollowerShare, 4))
            }
          }
        }
      }
      return json.text + "\n"
    case .table:
      var table = TextTable(columns: [
        .init(title: "creator", flexible: true, minimumWidth: 8),
        .init(title: "sample", alignRight: true), .init(title: "fake", alignRight: true),
        .init(title: "90% interval", alignRight: true),
        .init(title: "suspicious", alignRight: true), .init(title: "mass", alignRight: true),
      ])
      for audit in audits {
        table.add([
          audit.creatorID.isEmpty ? "(all)" : audit.creatorID, String(audit.sampleSize),
          Formatting.percent(audit.fakeShare, digits: 1),
          Formatting.percent(audit.fakeShareLower, digits: 1) + "–"
            + Formatting.percent(audit.fakeShareUpper, digits: 1),
          Formatting.percent(audit.suspiciousShare, digits: 1),
          Formatting.percent(audit.massFollowerShare, digits: 1),
        ])
      }
      return table.render(width: width)
        + "fake: flagged share corrected for sensitivity "
        + Formatting.fixed(AudienceAudit.sensitivity, 3) + " and specificity "
        + Formatting.fixed(AudienceAudit.specificity, 3) + "\nsuspicious: p_fake > 0.5; "
        + "mass: following > 1,500\n"
    }
  }

  /// Each account's p_fake, in input order.
  static func perAccount(_ sample: FollowerSample, probabilities: [Double], format: TableFormat)
    -> String
  {
    switch format {
    case .json:
      var json = JSONWriter(pretty: true)
      json.array { list in
        for (index, account) in sample.accounts.enumerated() {
          list.object { item in
            item.key("line")
            item.rawNumber(String(sample.lines[index]))
            item.key("creator_id")
            item.string(account.creatorID)
            item.key("p_fake")
            item.rawNumber(Formatting.fixed(probabilities[index], 4))
          }
        }
      }
      return json.text + "\n"
    case .csv, .table:
      var csv = CSVWriter()
      csv.row(["line", "creator_id", "p_fake"])
      for (index, account) in sample.accounts.enumerated() {
        csv.row([
          .number(String(sample.lines[index])), .text(account.creatorID),
          .number(Formatting.fixed(probabilities[index], 4)),
        ])
      }
      return csv.text
    }
  }
}
