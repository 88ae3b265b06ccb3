import CreatorMatchBatch
import CreatorMatchIO

/// A command line that cannot be run: unknown option, missing or malformed value. Exit code 64.
package struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong.
  package var message: String
  /// The subcommand whose usage to show, if known.
  package var command: String?

  /// Creates an error.
  package init(_ message: String, command: String? = nil) {
    self.message = message
    self.command = command
  }

  /// The message.
  package var description: String { message }
}
