import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import CreatorMatchSupport

/// The options and positional arguments of one invocation, with typed accessors that turn bad
/// values into ``UsageError``s naming the option.
public struct ParsedArguments: Sendable {
  /// The subcommand.
  public let command: String
  /// Values by option name, in the order given.
  public private(set) var values: [String: [String]] = [:]
  /// Flags given.
  public private(set) var flags: Set<String> = []
  /// Positional arguments.
  public private(set) var positional: [String] = []

  init(command: String) {
    self.command = command
  }

  mutating func add(_ name: String, value: String) { values[name, default: []].append(value) }
  mutating func set(flag name: String) { flags.insert(name) }
  mutating func add(positional value: String) { positional.append(value) }

  /// Whether a flag was given.
  public func has(_ flag: String) -> Bool { flags.contains(flag) }

  /// The last value of an option, if given.
  public func string(_ name: String) -> String? { values[name]?.last }

  /// Every value of a repeatable option.
  public func strings(_ name: String) -> [String] { values[name] ?? [] }

  /// A required option's value.
  public func required(_ name: String) throws(UsageError) -> String {
    guard let value = string(name) else {
      throw UsageError("missing expected argument '--\(name)'", command: command)
    }
    return value
  }

  /// An integer option in `range`.
  public func integer(_ name: String, in range: ClosedRange<Int> = 0...Int.max) throws(UsageError)
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

  /// The `--threads` option: 1…4,096 workers, every core when absent.
  public func threads() throws(UsageError) -> Int {
    ParallelBlocks.threadCount(try integer("threads", in: 1...4_096))
  }

  /// A number option that must be positive.
  public func positiveNumber(_ name: String) throws(UsageError) -> Double? {
    guard let text = string(name) else { return nil }
    guard case .value(let value, _) = HumanNumber.parse(text), value > 0 else {
      throw UsageError("--\(name): '\(text)' is not a number above 0", command: command)
    }
    return value
  }

  /// An option whose value must be one of an enumeration's raw values.
  public func choice<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type)
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
