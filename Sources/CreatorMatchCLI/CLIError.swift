import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO

/// Exit codes (listed in the README's Commands section), following BSD sysexits.
package enum ExitCode: Int32, Sendable {
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
package struct CLIError: Error, Sendable, CustomStringConvertible {
  /// The message (already naming file, line, column or JSON path where known).
  package var message: String
  /// The exit code.
  package var code: ExitCode

  /// Creates an error.
  package init(_ message: String, code: ExitCode) {
    self.message = message
    self.code = code
  }

  /// The message.
  package var description: String { message }

  /// The CLI error for an ingest failure.
  package init(_ error: IngestError) {
    switch error {
    case .missingFile: self.init(error.description, code: .noInput)
    case .ioFailure: self.init(error.description, code: .ioError)
    case .unusable, .badRow, .noUsableRows: self.init(error.description, code: .dataError)
    }
  }

  /// The CLI error for an unreadable JSON document.
  package init(_ error: JSONDocumentError) {
    self.init(error.description, code: .dataError)
  }

  /// The CLI error for a catalog that could not be built.
  package init(_ error: CatalogError) {
    switch error {
    case .ingest(let error): self.init(error)
    case .model(let error): self.init(error)
    }
  }

  /// The CLI error for a failed write.
  package init(_ error: AtomicFile.WriteError) {
    self.init(error.description, code: .ioError)
  }
}
