import CreatorMatchSupport
import Foundation
import Testing

@testable import CreatorMatch
@testable import CreatorMatchIO

/// `CreatorCatalog.load` builds the catalog a stretch of the file at a time and keeps only each
/// creator's score inputs once laid out. Its catalog must be the one built from every creator at full weight,
/// byte for byte (compared as prepared snapshots, which hold every column, the model and the
/// labels), wherever the stretches are cut and whatever the thread count.
@Suite("Catalog built as the file is read")
struct CatalogStretchTests {
  static let generated = DatasetGenerator(seed: 41).creators(count: 3_000).map(\.creator)

  static func source(_ text: String, name: String = "stretch.csv") throws -> CreatorSource {
    CreatorSource(path: try Fixtures.file(name, text))
  }

  /// The snapshot bytes of the catalog built from every creator read whole.
  static func reference(_ source: CreatorSource, model: ModelSource = .fit) throws -> [UInt8] {
    let read = try CreatorCatalog.read(source)
    let catalog = try CreatorCatalog(creators: read.creators, model: model, threads: 2)
    return SnapshotFile.bytes(of: catalog, source: "creators.csv")
  }

  static func streamed(
    _ source: CreatorSource, model: ModelSource = .fit, threads: Int, windowSize: Int
  ) throws -> (bytes: [UInt8], report: IngestReport) {
    var reported: IngestReport?
    let loaded = try CreatorCatalog.load(
      source, model: model, threads: threads, windowSize: windowSize
    ) { report, _ in reported = report }
    #expect(reported?.rowsRead == loaded.report.rowsRead)
    return (SnapshotFile.bytes(of: loaded.catalog, source: "creators.csv"), loaded.report)
  }

  @Test(
    "generated creators: the same catalog for any window size and thread count",
    arguments: [(1 << 30, 1), (200_000, 2), (65_536, 3), (7_000, 2)])
  func generatedCreators(windowSize: Int, threads: Int) throws {
    let source = try Self.source(CreatorCSVWriter.text(Self.generated))
    let reference = try Self.reference(source)
    let streamed = try Self.streamed(source, threads: threads, windowSize: windowSize)
    #expect(streamed.report.rowsLoaded == Self.generated.count)
    #expect(streamed.bytes == reference)
  }

  @Test(
    "tiny windows (a stretch of a few rows each) on one to three threads",
    arguments: [(512, 1), (512, 3), (2_048, 2), (1 << 30, 3)])
  func tinyWindows(windowSize: Int, threads: Int) throws {
    let creators = Array(Self.generated.prefix(300))
    let source = try Self.source(CreatorCSVWriter.text(creators))
    let streamed = try Self.streamed(source, threads: threads, windowSize: windowSize)
    #expect(streamed.report.rowsLoaded == creators.count)
    #expect(streamed.bytes == (try Self.reference(source)))
  }

  @Test("strict mode: the first bad row stops the streamed read with the whole read's error")
  func strictBadRow() throws {
    var source = try Self.source(
      ParallelCSVTests.table(seed: 5, rows: 2_000, unterminated: false), name: "strict.csv")
    source.options.strict = true
    var expected: String?
    do {
      _ = try CreatorCatalog.read(source)
    } catch {
      expected = error.description
    }
    #expect(expected?.contains("strict.csv:") == true)
    for (windowSize, threads) in [(512, 1), (4_096, 2), (1 << 30, 3)] {
      var streamed: String?
      do {
        _ = try Self.streamed(source, threads: threads, windowSize: windowSize)
      } catch {
        streamed = String(describing: error)
      }
      #expect(streamed == expected, "window \(windowSize), \(threads) threads")
    }
  }

  @Test(
    "the real exports in ../shared give the whole build's catalog",
    .enabled(if: Fixtures.hasRealData))
  func realExports() throws {
    for (name, source) in Fixtures.realInstagramExports {
      let reference = try Self.reference(source)
      for (windowSize, threads) in [(4_096, 1), (65_536, 2), (1 << 30, 3)] {
        let streamed = try Self.streamed(source, threads: threads, windowSize: windowSize)
        #expect(streamed.bytes == reference, "\(name), window \(windowSize)")
      }
    }
  }

  @Test("a layout made room for from an estimate, too small or too large, is the same table")
  func reservedLayout() {
    let creators = Array(Self.generated.prefix(1_000))
    let corpus = CreatorCorpus(creators: creators, threads: 2)
    let model = CreatorCatalog.fitModel(creators: creators, threads: 2)
    func table(reserving rows: Int, stretch: Int) -> [UInt8] {
      var layout = CreatorTableLayout(reserving: rows)
      var start = 0
      while start < creators.count {
        let end = min(creators.count, start + stretch)
        let part = Array(creators[start..<end])
        layout.append(
          part, rows: part.indices, corpus: CreatorCorpus(creators: part, threads: 1),
          corpusRow: 0, threads: 2)
        start = end
      }
      let table = CreatorTable(layout: layout, corpus: corpus, model: model, threads: 2)
      let catalog = CreatorCatalog(
        table: table, model: model, labels: CreatorLabels(creators: creators))
      return SnapshotFile.bytes(of: catalog, source: "creators.csv")
    }
    let reference = table(reserving: 0, stretch: creators.count)
    #expect(table(reserving: 0, stretch: 300) == reference)
    #expect(table(reserving: 400, stretch: 300) == reference)
    #expect(table(reserving: 5_000, stretch: 300) == reference)
  }

  @Test("duplicate ids, bad rows and quoted line breaks across stretches")
  func hardRows() throws {
    let source = try Self.source(
      ParallelCSVTests.table(seed: 5, rows: 2_000, unterminated: false), name: "hard.csv")
    let read = try CreatorCatalog.read(source)
    #expect(read.report.rowsSkipped > 10)
    let reference = try Self.reference(source)
    for windowSize in [512, 4_096] {
      let streamed = try Self.streamed(source, threads: 2, windowSize: windowSize)
      #expect(streamed.bytes == reference)
      #expect(streamed.report.rowsRead == read.report.rowsRead)
      #expect(streamed.report.rowsSkipped == read.report.rowsSkipped)
      #expect(streamed.report.rowsLoaded == read.creators.count)
      #expect(streamed.report.firstErrors == read.report.firstErrors)
    }
  }

  @Test("a model given or read from a file is used as the whole build uses it")
  func givenModel() throws {
    let source = try Self.source(CreatorCSVWriter.text(Array(Self.generated.prefix(800))))
    // A model fitted on other creators, so that a table built with the fitted one would differ.
    let other = CreatorCatalog.fitModel(creators: Array(Self.generated.suffix(500)), threads: 1)
    let reference = try Self.reference(source, model: .given(other))
    let streamed = try Self.streamed(source, model: .given(other), threads: 2, windowSize: 20_000)
    #expect(streamed.bytes == reference)
    #expect(streamed.bytes != (try Self.reference(source)))
  }

  @Test("the committed sample and a posts file (read whole) give the whole build's catalog")
  func committedSample() throws {
    let path = Fixtures.packageRoot.appendingPathComponent("datasets/creators.csv").path
    let source = CreatorSource(path: path)
    let reference = try Self.reference(source)
    #expect(try Self.streamed(source, threads: 2, windowSize: 10_000).bytes == reference)
    let posts = try Fixtures.file(
      "posts.jsonl",
      #"{"creator_id": "c000001", "likes": 100, "comments": 4, "views": 900}"# + "\n")
    let withPosts = CreatorSource(path: path, postsPath: posts)
    let loaded = try CreatorCatalog.load(withPosts, threads: 2)
    #expect(loaded.posts != nil)
    #expect(
      SnapshotFile.bytes(of: loaded.catalog, source: "creators.csv")
        == (try Self.reference(withPosts)))
  }

  @Test(
    "a corpus put together from stretches equals the corpus of all creators", arguments: [1, 2, 3])
  func corpusStretches(seed: UInt64) {
    let creators = Self.generated
    let whole = CreatorCorpus(creators: creators, threads: 2)
    var random = SeededRandom(seed: seed)
    var stretches = CreatorCorpusStretches()
    var start = 0
    while start < creators.count {
      // Stretches of 1 to 700 rows, so cuts fall inside and across the corpus's blocks.
      let end = min(creators.count, start + 1 + Int(random.next() % 700))
      stretches.append(CreatorCorpus(creators: Array(creators[start..<end]), threads: 1))
      start = end
    }
    #expect(stretches.count == creators.count)
    let merged = stretches.corpus()
    #expect(merged.terms == whole.terms)
    #expect(merged.offsets == whole.offsets)
    #expect(merged.termIDs == whole.termIDs)
    #expect(merged.termCounts == whole.termCounts)
  }

  @Test("a creator's score inputs give the scores of the creator itself")
  func scoreInputs() {
    let model = CreatorCatalog.fitModel(creators: Self.generated, threads: 2)
    var withHistory = 0
    for creator in Self.generated.prefix(1_000) {
      let scores = CreatorScores(input: CreatorScoreInput(creator), model: model)
      let observation = EngagementObservation(creator: creator)
      let curve = model.curve(
        for: CurveKey(platform: creator.platform, basis: observation?.basis ?? .followers))
      let engagement = EngagementModel.assess(
        observation, followers: creator.followers, curve: curve)
      #expect(scores.engagement == engagement)
      #expect(scores.authenticity == Authenticity.assess(creator, engagement: engagement))
      #expect(CreatorScoreInput(creator).perPostVariance == creator.perPostLogRateVariance)
      if scores.authenticity.evidence.jumpStep != nil { withHistory += 1 }
    }
    // Some creators have a follower jump, so the steps' round trip is exercised.
    #expect(withHistory > 0)
  }

  @Test("audience priors: each mean is its shares summed in sorted order, whatever the key")
  func audienceShares() {
    let creators = Self.generated
    var shares = AudiencePriors.Shares()
    for creator in creators { shares.add(creator) }
    let priors = shares.priors()
    #expect(priors == AudiencePriors.fit(creators))
    // The reference: every list by hand, so that a sum given to the wrong key is caught.
    func mean(_ values: [Double], over count: Int) -> Double {
      values.sorted().reduce(0, +) / Double(max(count, 1))
    }
    let female = creators.compactMap(\.audience.femaleShare)
    #expect(priors.femaleShare == mean(female, over: female.count))
    let ages = creators.compactMap(\.audience.ageShares)
    for bucket in AgeBucket.allCases.indices {
      #expect(priors.ageShares[bucket] == mean(ages.map { $0[bucket] }, over: ages.count))
    }
    for (name, path, table) in [
      ("languages", \AudienceProfile.languages, priors.languages),
      ("interests", \AudienceProfile.interests, priors.interests),
    ] {
      let distributions = creators.compactMap { $0.audience[keyPath: path] }
      var byKey: [String: [Double]] = [:]
      for distribution in distributions {
        for entry in distribution.entries { byKey[entry.key, default: []].append(entry.share) }
      }
      #expect(byKey.count > 3, "\(name)")
      #expect(table.count == byKey.count, "\(name)")
      for (key, values) in byKey {
        #expect(table[key] == mean(values, over: distributions.count), "\(name) \(key)")
      }
    }
    let measured = creators.compactMap(\.audience.countries).filter { !$0.sharesEstimated }
    var countries: [String: [Double]] = [:]
    for distribution in measured {
      for entry in distribution.entries { countries[entry.key, default: []].append(entry.share) }
    }
    #expect(countries.count > 3)
    for (key, values) in countries {
      #expect(priors.countries[key] == mean(values, over: measured.count), "\(key)")
    }
  }
}
