import CreatorMatch
import CreatorMatchSupport
import Dispatch

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

  /// What ``load(_:model:threads:read:)`` gives: the catalog and the reports to show the user.
  public struct Loaded: Sendable {
    /// The catalog of the creators loaded.
    public var catalog: CreatorCatalog
    /// Rows read, loaded and skipped, with the first problems.
    public var report: IngestReport
    /// What merging the posts file did, when there was one.
    public var posts: PostsReader.Report?
  }

  /// Reads the creators of `source` and builds their catalog, equal to
  /// `CreatorCatalog(creators: read(source).creators, model: model, threads: threads)` but
  /// without holding every creator at full weight: each stretch of the file is tokenized and laid
  /// out as soon as it is read, and only what the fit and the scores read of it is kept.
  /// With a posts file, which changes the creators after the whole file is read, it reads them
  /// whole first.
  ///
  /// - Parameters:
  ///   - source: The creator file, its reading options and an optional posts file.
  ///   - model: Fit the model on the creators (the default), read it from a file, or use one given.
  ///   - threads: Worker threads; `nil` uses every core. The result does not depend on it.
  ///   - read: Called with the ingest and posts reports once the files are read, before the
  ///     model is read or fitted (to show them in that order).
  /// - Returns: The catalog with the ingest and posts reports.
  /// - Throws: ``CatalogError/ingest(_:)`` as ``read(_:)`` does, then ``CatalogError`` when the
  ///   model file cannot be read or is not a valid model.
  /// - Complexity: O(n) in the size of the files; memory is the table, the corpus and about a
  ///   third of the creators' full size (1M generated creators: 1.8 → 1.1 GB at the peak).
  public static func load(
    _ source: CreatorSource, model: ModelSource = .fit, threads: Int? = nil,
    read: (IngestReport, PostsReader.Report?) -> Void = { _, _ in }
  ) throws(CatalogError) -> Loaded {
    try load(
      source, model: model, threads: threads, windowSize: Self.windowSize,
      read: read)
  }

  /// The CSV window of ``load(_:model:threads:read:)``: half the reader's, because three
  /// windows' creators are in memory at once (one being parsed, one being taken in file order,
  /// one being tokenized and laid out; see ``Stretches``) where a plain read holds two.
  static let windowSize = CreatorFileReader.csvWindowSize / 2

  /// ``load(_:model:threads:read:)`` reading a CSV file `windowSize` bytes at a time (tests make
  /// it tiny, to build the catalog from many stretches).
  package static func load(
    _ source: CreatorSource, model: ModelSource, threads: Int?, windowSize: Int,
    read: (IngestReport, PostsReader.Report?) -> Void
  ) throws(CatalogError) -> Loaded {
    guard source.postsPath == nil else {
      let whole = try Self.read(source)
      read(whole.report, whole.posts)
      let catalog = try CreatorCatalog(creators: whole.creators, model: model, threads: threads)
      return Loaded(catalog: catalog, report: whole.report, posts: whole.posts)
    }
    let stretches = Stretches(threads: ParallelBlocks.threadCount(threads))
    let load: CreatorFileReader.Load
    do {
      load = try CreatorFileReader.read(
        path: source.path, options: source.options, windowSize: windowSize
      ) { stretches.add($0, expectedRows: $1) }
    } catch {
      stretches.finish()
      throw .ingest(error)
    }
    stretches.finish()
    read(load.report, nil)
    let catalog = try stretches.catalog(model: model)
    return Loaded(catalog: catalog, report: load.report, posts: nil)
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
    // Document frequencies only: no corpus of every creator's terms is built.
    var fitter = PopulationModel.Fitter(threads: threads)
    fitter.add(creators)
    return fitter.model()
  }

  /// Reads the creators of `source` and fits the population model on them, equal to
  /// `fitModel(creators: read(source).creators, threads: threads)` but without holding the
  /// creators: each stretch of the file is added to the fit as soon as it is read (while the
  /// next is read) and dropped. With a posts file, which changes the creators after the whole
  /// file is read, it reads them whole first.
  ///
  /// - Parameters:
  ///   - source: The creator file, its reading options and an optional posts file.
  ///   - threads: Worker threads for the fit; `nil` uses every core. The model does not depend
  ///     on it.
  ///   - read: Called with the ingest and posts reports once the files are read.
  /// - Returns: The model.
  /// - Throws: ``CatalogError/ingest(_:)`` as ``read(_:)`` does.
  /// - Complexity: O(n) in the size of the files; memory is two windows of the file, the curve
  ///   samples, the audience shares and the vocabulary (1M generated creators: 1.5 GB → about
  ///   0.4 GB at the peak).
  public static func fitModel(
    _ source: CreatorSource, threads: Int? = nil,
    read: (IngestReport, PostsReader.Report?) -> Void = { _, _ in }
  ) throws(CatalogError) -> PopulationModel {
    try fitModel(
      source, threads: threads, windowSize: CreatorFileReader.csvWindowSize, read: read)
  }

  /// ``fitModel(_:threads:read:)`` reading a CSV file `windowSize` bytes at a time (tests make
  /// it tiny, to fit on many stretches).
  package static func fitModel(
    _ source: CreatorSource, threads: Int?, windowSize: Int,
    read: (IngestReport, PostsReader.Report?) -> Void
  ) throws(CatalogError) -> PopulationModel {
    guard source.postsPath == nil else {
      let whole = try Self.read(source)
      read(whole.report, whole.posts)
      return fitModel(creators: whole.creators, threads: threads)
    }
    var fitter = PopulationModel.Fitter(threads: threads)
    let load: CreatorFileReader.Load
    do {
      load = try CreatorFileReader.read(
        path: source.path, options: source.options, windowSize: windowSize
      ) { creators, _ in fitter.add(creators) }
    } catch {
      throw .ingest(error)
    }
    read(load.report, nil)
    return fitter.model()
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

extension CreatorCatalog {
  /// A catalog built a stretch of creators at a time (see
  /// ``CreatorCatalog/load(_:model:threads:read:)``): each stretch is tokenized, laid out and
  /// added to the audience priors, then dropped; the table layout keeps what the scores and the
  /// curve fit read of each creator (``CreatorScoreInput``).
  ///
  /// The work on a stretch runs on two serial queues, off the reading thread: the text and the
  /// layout on one, the audience shares and the labels on the other. The reading thread, which
  /// takes a window's rows in file order while the workers parse the next window, used to do
  /// all of it itself, and was the critical path (a quarter of the cores idle while reading).
  /// Each queue takes the stretches in file order, so the result is that of adding them one by
  /// one; at most one stretch waits per queue, so memory holds one more window of creators.
  final class Stretches: @unchecked Sendable {
    // Safe without a lock: `text` is touched only by work on `textQueue`, `labels` only by work
    // on `labelQueue`, and both by the caller only after `finish()` has waited for that work.
    private var text: TextPart
    private var labels = LabelPart()
    private let textQueue = DispatchQueue(label: "creatormatch.catalog.text")
    private let labelQueue = DispatchQueue(label: "creatormatch.catalog.labels")
    private let textSlot = DispatchSemaphore(value: 1)
    private let labelSlot = DispatchSemaphore(value: 1)
    let threads: Int

    init(threads: Int) {
      self.threads = threads
      text = TextPart(threads: threads)
    }

    /// Queues `stretch`, the creators after those added so far, once the previous stretch is
    /// done on each queue; returns without waiting for it. `expectedRows` estimates the rows of
    /// every stretch together (0 when unknown), to make room for them with the first.
    func add(_ stretch: [Creator], expectedRows: Int) {
      textSlot.wait()
      textQueue.async { [self] in
        text.add(stretch, expectedRows: expectedRows)
        textSlot.signal()
      }
      labelSlot.wait()
      labelQueue.async { [self] in
        labels.add(stretch, expectedRows: expectedRows)
        labelSlot.signal()
      }
    }

    /// Waits until every stretch queued is added.
    func finish() {
      textQueue.sync {}
      labelQueue.sync {}
    }

    /// The catalog of every stretch added; call after ``finish()``.
    func catalog(model: ModelSource) throws(CatalogError) -> CreatorCatalog {
      let corpus = text.corpus.corpus()
      text.corpus = CreatorCorpusStretches()
      let fitted: PopulationModel
      switch model {
      case .fit:
        fitted = PopulationModel.fit(
          layout: text.layout, corpus: corpus, audiencePriors: labels.shares.priors(),
          threads: threads)
      case .file(let path): fitted = try CreatorCatalog.readModel(path)
      case .given(let given): fitted = given
      }
      // The shares (about 150 MB for 1M creators) and the layout are not needed past here.
      labels.shares = AudiencePriors.Shares()
      let layout = text.layout
      text.layout = CreatorTableLayout()
      let table = CreatorTable(
        layout: consume layout, corpus: corpus, model: fitted, threads: threads)
      return CreatorCatalog(
        table: table, model: fitted,
        labels: CreatorLabels(
          names: labels.names, countries: labels.countries, categories: labels.categories))
    }
  }

  /// The text and layout of the stretches added (see ``Stretches``).
  private struct TextPart {
    let threads: Int
    var corpus = CreatorCorpusStretches()
    var layout = CreatorTableLayout()

    init(threads: Int) {
      self.threads = threads
    }

    /// Tokenizes and lays out `stretch`, the creators after those added so far.
    mutating func add(_ stretch: [Creator], expectedRows: Int) {
      if layout.count == 0 && expectedRows > stretch.count {
        // Columns grown by doubling were copied as they grew, and left freed blocks behind that
        // the allocator did not give back (tens of MB at the peak for 1M creators); rows never
        // filled are never touched, so an estimate too large costs no memory.
        layout = CreatorTableLayout(reserving: expectedRows)
      }
      let text = CreatorCorpus(creators: stretch, threads: threads)
      layout.append(stretch, rows: stretch.indices, corpus: text, corpusRow: 0, threads: threads)
      corpus.append(text)
    }
  }

  /// What the fit and the labels need of the stretches added (see ``Stretches``).
  private struct LabelPart {
    var shares = AudiencePriors.Shares()
    var names: [String?] = []
    var countries: [String?] = []
    var categories: [[String]] = []
    /// The first of each distinct category list, which equal lists then share: most lists
    /// repeat (26 distinct ones among 1M generated creators), and a list of its own per row is an
    /// allocation of 48 bytes or more (64 MB for 1M creators).
    var distinctCategories: [[String]: [String]] = [:]
    /// The lists of `distinctCategories` by their labels' exact bytes, looked up first (see
    /// `ExactBytesTable`): the dictionary hashed every label of every row with SipHash. Values
    /// index `distinctLists`.
    var distinctBytes = ExactBytesTable()
    /// The same for lists of one label (most), keyed by the label's bytes alone: no key to build.
    var singleBytes = ExactBytesTable()
    var distinctLists: [[String]] = []
    /// The key of the row being added (reused from row to row).
    var key: [UInt8] = []

    /// Adds the audience shares and labels of `stretch`, the creators after those added so far.
    mutating func add(_ stretch: [Creator], expectedRows: Int) {
      if names.isEmpty && expectedRows > stretch.count {
        names.reserveCapacity(expectedRows)
        countries.reserveCapacity(expectedRows)
        categories.reserveCapacity(expectedRows)
      }
      // Read through a pointer, field by field: a creator passed whole from the array's storage
      // (even to a borrowing parameter) is copied, which retains each of its strings.
      stretch.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for index in buffer.indices {
          add(base + index)
        }
      }
    }

    /// Adds the audience shares and labels of `creator`.
    private mutating func add(_ creator: UnsafePointer<Creator>) {
      shares.add(creator)
      names.append(creator.pointee.name)
      countries.append(creator.pointee.country)
      let list = creator.pointee.categories
      if list.isEmpty {
        categories.append([])
        return
      }
      let found: Int?
      if list.count == 1 {
        found = singleBytes.value(for: list[0])
      } else {
        key.removeAll(keepingCapacity: true)
        for label in list { ExactBytesTable.appendKeyPart(label, to: &key) }
        found = key.withUnsafeBufferPointer { distinctBytes.value(forBytes: $0) }
      }
      if let found {
        categories.append(distinctLists[found])
      } else if let shared = distinctCategories[list] {
        // A list equal to one seen before, written with other bytes (composed or not).
        if distinctLists.count < 2 * Self.distinctCategoryLimit { remember(list, as: shared) }
        categories.append(shared)
      } else {
        // Past a bound the lists are mostly distinct, and the table of them would only grow.
        if distinctCategories.count < Self.distinctCategoryLimit {
          distinctCategories[list] = list
          remember(list, as: list)
        }
        categories.append(list)
      }
    }

    /// Keys `list` by its bytes (`key` holds them for a list of more than one label) to the
    /// list `shared`.
    private mutating func remember(_ list: [String], as shared: [String]) {
      if list.count == 1 {
        singleBytes.insert(list[0], distinctLists.count)
      } else {
        key.withUnsafeBufferPointer { distinctBytes.insert(bytes: $0, distinctLists.count) }
      }
      distinctLists.append(shared)
    }

    /// Distinct category lists kept for sharing, at most.
    static let distinctCategoryLimit = 1 << 16
  }
}
