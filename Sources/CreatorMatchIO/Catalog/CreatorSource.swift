import CreatorMatch

/// Where a creator table comes from: the file, how to read it, and an optional posts file whose
/// figures override the table's averages.
public struct CreatorSource: Sendable {
  /// The creator table: CSV, TSV or JSONL (by extension, else sniffed); `/dev/stdin` reads a pipe.
  public var path: String
  /// How to read it: column mapping, default platform, delimiter, strictness.
  public var options: IngestOptions
  /// A posts file (JSONL) merged into the creators after reading, if any.
  public var postsPath: String?

  /// A source reading `path` with `options`, and the posts at `postsPath` when given.
  public init(path: String, options: IngestOptions = IngestOptions(), postsPath: String? = nil) {
    self.path = path
    self.options = options
    self.postsPath = postsPath
  }
}

/// Where a catalog's population model comes from.
public enum ModelSource: Sendable {
  /// Fitted on the catalog's own creators.
  case fit
  /// Read from a model file written by `creatormatch fit` (needed when shards must agree).
  case file(String)
  /// A model already in memory.
  case given(PopulationModel)
}

/// Why a catalog could not be built.
public enum CatalogError: Error, Sendable, CustomStringConvertible {
  /// The creator table or the posts file could not be read.
  case ingest(IngestError)
  /// The model file is not a valid model.
  case model(JSONDocumentError)

  /// The underlying error's message, naming the file and where known the line, column or path.
  public var description: String {
    switch self {
    case .ingest(let error): error.description
    case .model(let error): error.description
    }
  }
}
