import CreatorMatchBatch
import CreatorMatchIO

/// Parses `argv` for one subcommand against its ``CommandSpec``.
///
/// Accepts `--name value`, `--name=value`, `-n value`, flags, repeated options where allowed,
/// and `--` to end options. Reports unknown options with the closest known one. (Named so that
/// it is not mistaken for swift-argument-parser's `ArgumentParser` module.)
package enum CommandLineParser {
  /// Parses `arguments` (after the subcommand name).
  package static func parse(_ arguments: [String], spec: CommandSpec) throws(UsageError)
    -> ParsedArguments
  {
    var parsed = ParsedArguments(command: spec.name, declared: Set(spec.options.map(\.name)))
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        guard spec.positional != nil else {
          throw UsageError("unexpected argument '\(argument)'", command: spec.name)
        }
        parsed.add(positional: argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      let name: String
      var inlineValue: String?
      if argument.hasPrefix("--") {
        let body = argument.dropFirst(2)
        if let equals = body.firstIndex(of: "=") {
          name = String(body[..<equals])
          inlineValue = String(body[body.index(after: equals)...])
        } else {
          name = String(body)
        }
      } else {
        let body = argument.dropFirst()
        guard body.count == 1, let letter = body.first,
          let option = spec.options.first(where: { $0.short == letter })
        else {
          if argument == "-h" {
            parsed.setHelp()
            continue
          }
          throw UsageError("unknown option '\(argument)'", command: spec.name)
        }
        name = option.name
      }
      if name == "help" {
        parsed.setHelp()
        continue
      }
      guard let option = spec.options.first(where: { $0.name == name }) else {
        var message = "unknown option '--\(name)'"
        if let suggestion = closest(name, spec.options.map(\.name) + ["help"]) {
          message += "; did you mean '--\(suggestion)'?"
        }
        throw UsageError(message, command: spec.name)
      }
      if option.isFlag {
        if inlineValue != nil {
          throw UsageError("--\(name) is a flag and takes no value", command: spec.name)
        }
        parsed.set(flag: name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else {
        guard index < arguments.count, !isOptionLike(arguments[index]) else {
          throw UsageError(
            "missing value for '--\(name) <\(option.valueName ?? "value")>'", command: spec.name)
        }
        value = arguments[index]
        index += 1
      }
      if !option.repeatable && parsed.values[name] != nil {
        throw UsageError("--\(name) was given more than once", command: spec.name)
      }
      parsed.add(name, value: value)
    }
    if !parsed.helpRequested {
      for option in spec.options where option.required && parsed.values[option.name] == nil {
        throw UsageError(
          "missing expected argument '\(option.synopsis)'", command: spec.name)
      }
    }
    return parsed
  }

  /// A value may start with `-` when it is a number (`--min -1` is not a thing here, but a
  /// negative number is still a value, not an option).
  static func isOptionLike(_ text: String) -> Bool {
    guard text.hasPrefix("-"), text.count > 1 else { return false }
    let rest = text.dropFirst()
    return !(rest.first?.isNumber ?? false)
  }

  static func closest(_ name: String, _ candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(Array(name), Array(candidate))
      if distance <= max(2, candidate.count / 3), best.map({ distance < $0.1 }) ?? true {
        best = (candidate, distance)
      }
    }
    return best?.0
  }

  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
