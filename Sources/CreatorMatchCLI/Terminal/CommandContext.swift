import CreatorMatchBatch
import CreatorMatchIO
import CreatorMatchSupport
import Foundation

/// Where a command writes and what it knows about its terminal; tests capture output with
/// ``capturing()``, the executable uses ``standard()``.
package struct CommandContext: Sendable {
  /// Writes data to standard output.
  package var writeOutput: @Sendable (String) -> Void
  /// Writes diagnostics to standard error.
  package var writeError: @Sendable (String) -> Void
  /// Whether standard error is a terminal (progress is shown only then).
  package var errorIsTerminal: Bool
  /// Columns of the terminal, for tables (80 when unknown).
  package var terminalWidth: Int
  /// The environment (array-job indices, COLUMNS).
  package var environment: [String: String]

  /// Creates a context.
  package init(
    writeOutput: @escaping @Sendable (String) -> Void,
    writeError: @escaping @Sendable (String) -> Void, errorIsTerminal: Bool = false,
    terminalWidth: Int = 80, environment: [String: String] = [:]
  ) {
    self.writeOutput = writeOutput
    self.writeError = writeError
    self.errorIsTerminal = errorIsTerminal
    self.terminalWidth = terminalWidth
    self.environment = environment
  }

  /// The process's standard streams.
  package static func standard() -> CommandContext {
    let environment = ProcessInfo.processInfo.environment
    return CommandContext(
      writeOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
      writeError: { FileHandle.standardError.write(Data($0.utf8)) },
      errorIsTerminal: TerminalInfo.isTerminal(descriptor: 2),
      terminalWidth: TerminalInfo.width(environment: environment),
      environment: environment)
  }

  /// A context that records output, for tests.
  package static func capturing(
    width: Int = 80, environment: [String: String] = [:]
  ) -> (CommandContext, CapturedOutput) {
    let captured = CapturedOutput()
    let context = CommandContext(
      writeOutput: { captured.append(output: $0) }, writeError: { captured.append(error: $0) },
      errorIsTerminal: false, terminalWidth: width, environment: environment)
    return (context, captured)
  }
}

/// Output recorded by a capturing context.
package final class CapturedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var outputText = ""
  private var errorText = ""

  /// Everything written to standard output.
  package var output: String { lock.withLock { outputText } }
  /// Everything written to standard error.
  package var error: String { lock.withLock { errorText } }

  func append(output text: String) { lock.withLock { outputText += text } }
  func append(error text: String) { lock.withLock { errorText += text } }
}
