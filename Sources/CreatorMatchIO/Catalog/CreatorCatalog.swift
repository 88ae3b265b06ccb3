import CreatorMatch
import CreatorMatchSupport

/// Creators ready for briefs: the one path from files to a ranking table.
///
/// Every command, the batch job and the benchmarks build their table here, in the same stages:
/// read the creator file (and merge posts), keep the creators a run selects (a shard), tokenize
/// their text into a `CreatorCorpus`, fit the `PopulationModel` or take it from a file, and
/// build the columnar `CreatorTable`. Results do not depend on `threads`.
///
/// ```swift
/// let read = try CreatorCatalog.read(CreatorSource(path: "datasets/creators.csv"))
/// let catalog = try CreatorCatalog(creators: read.creators)
/// let ranking = Ranker(table: catalog.table).rank(brief, top: 10)
/// ```
public struct CreatorCatalog: Sendable {
  /// The columnar table the ranker scores.
  public let table: CreatorTable
  /// The population model the table was built with.
  public let model: PopulationModel
  /// Names, countries and category labels by table row, for ranking output.
  public let labels: CreatorLabels

  /// What reading a ``CreatorSource`` gave: the creators and the reports to show the user.
  public struct Read: Sendable {
    /// The creators loaded, in file order, with posts merged.
    public var creators: [Creator]
    /// Rows read, loaded and skipped, with the first problems.
    public var report: IngestReport
    /// What merging the posts file did, when there was one.
    public var posts: PostsReader.Report?
  }

  /// Reads the creators of `source` and merges its posts.
  ///
  /// - Parameter source: The creator file, its reading options and an optional posts file.
  /// - Returns: The creators with the ingest and posts reports.
  /// - Throws: ``CatalogError/ingest(_:)`` when a file is missing or unreadable, a strict read
  ///   meets a bad row, or no row is usable.
  /// - Complexity: O(n) in the size of the files.
  public static func read(_ source: CreatorSource) throws(CatalogError) -> Read {
    do {
      let load = try CreatorFileReader.read(path: source.path, options: source.options)
      var creators = load.creators
      var posts: PostsReader.Report?
      if let postsPath = source.postsPath {
        posts = try PostsReader.merge(
          path: postsPath, into: &creators, strict: source.options.strict)
      }
      return Read(creators: creators, report: load.report, posts: posts)
    } catch {
      throw .ingest(error)
    }
  }

  /// Builds the table for `creators`: tokenizes their text, fits or reads the model, and lays
  /// out the columns.
  ///
  /// - Parameters:
  ///   - creators: The creators, in the order that breaks ties in rankings.
  ///   - model: Fit the model on `creators` (the default), read it from a file, or use one given.
  ///   - threads: Worker threads; `nil` uses every core. The result does not depend on it.
  /// - Throws: ``CatalogError`` when the model file cannot be read or is not a valid model.
  /// - Complexity: O(n) in the creators and their text.
  public init(creators: [Creator], model: ModelSource = .fit, threads: Int? = nil)
    throws(CatalogError)
  {
    let threads = ParallelBlocks.threadCount(threads)
    let corpus = CreatorCorpus(creators: creators, threads: threads)
    let fitted: PopulationModel
    switch model {
    case .fit: fitted = PopulationModel.fit(creators: creators, corpus: corpus)
    case .file(let path): fitted = try Self.readModel(path)
    case .given(let given): fitted = given
    }
    self.model = fitted
    table = CreatorTable(creators: creators, corpus: corpus, model: fitted, threads: threads)
    labels = CreatorLabels(creators: creators)
  }

  /// A catalog from parts already built: a prepared snapshot's table, model and labels.
  package init(table: CreatorTable, model: PopulationModel, labels: CreatorLabels) {
    self.table = table
    self.model = model
    self.labels = labels
  }

  /// Fits the population model on `creators` alone, without building a table (for `fit`).
  ///
  /// - Parameters:
  ///   - creators: The creators to fit on.
  ///   - threads: Worker threads for tokenizing; `nil` uses every core.
  /// - Returns: The same model ``init(creators:model:threads:)`` fits.
  /// - Complexity: O(n) in the creators and their text.
  public static func fitModel(creators: [Creator], threads: Int? = nil) -> PopulationModel {
    let corpus = CreatorCorpus(creators: creators, threads: ParallelBlocks.threadCount(threads))
    return PopulationModel.fit(creators: creators, corpus: corpus)
  }

  /// Reads a model file written by `creatormatch fit`.
  ///
  /// - Parameter path: The model file.
  /// - Returns: The model.
  /// - Throws: ``CatalogError/ingest(_:)`` when the file is missing or unreadable,
  ///   ``CatalogError/model(_:)`` when it is not a valid model.
  public static func readModel(_ path: String) throws(CatalogError) -> PopulationModel {
    let bytes: [UInt8]
    do {
      bytes = try AtomicFile.read(path)
    } catch {
      throw .ingest(error)
    }
    do {
      return try PopulationModel.decode(bytes, source: path)
    } catch {
      throw .model(error)
    }
  }
}
