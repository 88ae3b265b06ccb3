import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import CreatorMatchSupport

/// The options and positional arguments of one invocation, with typed accessors that turn bad
/// values into ``UsageError``s naming the option.
///
/// Commands read their options through the ``OptionSpec`` constants their ``CommandSpec`` is
/// built from (`arguments.integer(RankCommand.topOption, in: 1...1_000_000)`), so each option's
/// name is written once and a misspelled one does not compile. The accessors keyed by a name
/// string are for specs assembled elsewhere (such as `creatormatch-bench`).
package struct ParsedArguments: Sendable {
  /// The subcommand.
  package let command: String
  /// Values by option name, in the order given.
  package private(set) var values: [String: [String]] = [:]
  /// Flags given.
  package private(set) var flags: Set<String> = []
  /// Positional arguments.
  package private(set) var positional: [String] = []
  /// Whether `--help` or `-h` was given.
  package private(set) var helpRequested = false
  /// The names of the options the spec declares; reading any other option is a programming error.
  let declared: Set<String>

  init(command: String, declared: Set<String>) {
    self.command = command
    self.declared = declared
  }

  mutating func add(_ name: String, value: String) { values[name, default: []].append(value) }
  mutating func set(flag name: String) { flags.insert(name) }
  mutating func add(positional value: String) { positional.append(value) }
  mutating func setHelp() {
    helpRequested = true
    flags.insert("help")
  }

  // MARK: Reading declared options

  /// The name of `option`, which the command's spec must declare.
  private func name(of option: OptionSpec) -> String {
    assert(
      declared.contains(option.name),
      "'\(command)' reads --\(option.name), which its spec does not declare")
    return option.name
  }

  /// Whether a flag was given.
  package func isSet(_ flag: OptionSpec) -> Bool { has(name(of: flag)) }

  /// The last value of an option, if given.
  package func value(_ option: OptionSpec) -> String? { string(name(of: option)) }

  /// Every value of a repeatable option, in the order given.
  package func values(_ option: OptionSpec) -> [String] { strings(name(of: option)) }

  /// A required option's value.
  package func requiredValue(_ option: OptionSpec) throws(UsageError) -> String {
    try required(name(of: option))
  }

  /// An integer option in `range`.
  package func integer(_ option: OptionSpec, in range: ClosedRange<Int> = 0...Int.max)
    throws(UsageError) -> Int?
  {
    try integer(name(of: option), in: range)
  }

  /// A number option that must be positive.
  package func positiveNumber(_ option: OptionSpec) throws(UsageError) -> Double? {
    try positiveNumber(name(of: option))
  }

  /// An option whose value must be one of an enumeration's raw values.
  package func choice<T: RawRepresentable & CaseIterable>(_ option: OptionSpec, as type: T.Type)
    throws(UsageError) -> T? where T.RawValue == String
  {
    try choice(name(of: option), as: type)
  }

  /// The `--threads` option (``CreatorInput/threadsOption``): 1…4,096 workers, every core when
  /// absent.
  package func threads() throws(UsageError) -> Int {
    ParallelBlocks.threadCount(try integer(CreatorInput.threadsOption, in: 1...4_096))
  }

  // MARK: Reading options by name

  /// Whether a flag was given.
  package func has(_ flag: String) -> Bool { flags.contains(flag) }

  /// The last value of an option, if given.
  package func string(_ name: String) -> String? { values[name]?.last }

  /// Every value of a repeatable option.
  package func strings(_ name: String) -> [String] { values[name] ?? [] }

  /// A required option's value.
  package func required(_ name: String) throws(UsageError) -> String {
    guard let value = string(name) else {
      throw UsageError("missing expected argument '--\(name)'", command: command)
    }
    return value
  }

  /// An integer option in `range`.
  package func integer(_ name: String, in range: ClosedRange<Int> = 0...Int.max) throws(UsageError)
    -> Int?
  {
    guard let text = string(name) else { return nil }
    guard let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value)
    else {
      let bound =
        range.upperBound == Int.max
        ? "an integer ≥ \(range.lowerBound)"
        : "an integer in \(range.lowerBound)...\(range.upperBound)"
      throw UsageError("--\(name): '\(text)' is not \(bound)", command: command)
    }
    return value
  }

  /// A number option that must be positive.
  package func positiveNumber(_ name: String) throws(UsageError) -> Double? {
    guard let text = string(name) else { return nil }
    guard case .value(let value, _) = HumanNumber.parse(text), value > 0 else {
      throw UsageError("--\(name): '\(text)' is not a number above 0", command: command)
    }
    return value
  }

  /// An option whose value must be one of an enumeration's raw values.
  package func choice<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type)
    throws(UsageError) -> T? where T.RawValue == String
  {
    guard let text = string(name) else { return nil }
    guard let value = T(rawValue: text.lowercased()) else {
      let choices = T.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError("--\(name): '\(text)' is not one of \(choices)", command: command)
    }
    return value
  }
}
