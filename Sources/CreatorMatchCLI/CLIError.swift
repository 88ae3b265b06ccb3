import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// Exit codes (listed in the README's Commands section), following BSD sysexits.
public enum ExitCode: Int32, Sendable {
  /// Success.
  case ok = 0
  /// Anything else.
  case failure = 1
  /// Bad command line.
  case usage = 64
  /// Bad input data.
  case dataError = 65
  /// Missing input file.
  case noInput = 66
  /// Reading or writing failed.
  case ioError = 74
}

/// A failure a command reports to the user: message on standard error, exit code.
public struct CLIError: Error, Sendable, CustomStringConvertible {
  /// The message (already naming file, line, column or JSON path where known).
  public var message: String
  /// The exit code.
  public var code: ExitCode

  /// Creates an error.
  public init(_ message: String, code: ExitCode) {
    self.message = message
    self.code = code
  }

  /// The message.
  public var description: String { message }

  /// The CLI error for an ingest failure.
  public init(_ error: IngestError) {
    switch error {
    case .missingFile: self.init(error.description, code: .noInput)
    case .ioFailure: self.init(error.description, code: .ioError)
    case .unusable, .badRow, .noUsableRows: self.init(error.description, code: .dataError)
    }
  }

  /// The CLI error for an unreadable JSON document.
  public init(_ error: JSONDocumentError) {
    self.init(error.description, code: .dataError)
  }

  /// The CLI error for a catalog that could not be built.
  public init(_ error: CatalogError) {
    switch error {
    case .ingest(let error): self.init(error)
    case .model(let error): self.init(error)
    }
  }

  /// The CLI error for a failed write.
  public init(_ error: AtomicFile.WriteError) {
    self.init(error.description, code: .ioError)
  }
}
