import CreatorMatchBatch
import CreatorMatchIO

/// A command line that cannot be run: unknown option, missing or malformed value. Exit code 64.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// The subcommand whose usage to show, if known.
  public var command: String?

  /// Creates an error.
  public init(_ message: String, command: String? = nil) {
    self.message = message
    self.command = command
  }

  /// The message.
  public var description: String { message }
}
