import CreatorMatch
import CreatorMatchIO
import Foundation

/// Helpers shared by the suites: temporary files, small tables, and the shared real data.
enum Fixtures {
  /// Writes `text` to a fresh temporary file with `name` and returns its path.
  static func file(_ name: String, _ text: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("creatormatch-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// The package root (two levels above this file's folder).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `../shared/data/real` beside the package, when present.
  static let realDataDirectory: URL? = {
    let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }()

  /// Whether the shared real data is present (tests that need it are skipped otherwise).
  static var hasRealData: Bool { realDataDirectory != nil }

  /// The three real Instagram exports, named, as Instagram creator sources with default options.
  static var realInstagramExports: [(name: String, source: CreatorSource)] {
    [
      "kim2020_instagram_influencers.txt", "social_media_influencers_instagram_sep-2022.csv",
      "top_insta_influencers_data.csv",
    ].map { name in
      var options = IngestOptions()
      options.defaultPlatform = .instagram
      return (name, CreatorSource(path: realData(name), options: options))
    }
  }

  /// The path of a real data file.
  static func realData(_ name: String) -> String {
    (realDataDirectory ?? packageRoot).appendingPathComponent(name).path
  }

  /// Reads a CSV text with default options.
  static func load(_ csv: String, options: IngestOptions = IngestOptions(), name: String = "t.csv")
    throws -> CreatorFileReader.Load
  {
    try CreatorFileReader.read(path: try file(name, csv), options: options)
  }

  /// A table built from creators with a model fitted on them.
  static func table(_ creators: [Creator], threads: Int = 1) -> CreatorTable {
    let corpus = CreatorCorpus(creators: creators, threads: threads)
    let model = PopulationModel.fit(creators: creators, corpus: corpus)
    return CreatorTable(creators: creators, corpus: corpus, model: model, threads: threads)
  }

  /// A table built against a given model.
  static func table(_ creators: [Creator], model: PopulationModel, threads: Int = 1) -> CreatorTable
  {
    let corpus = CreatorCorpus(creators: creators, threads: threads)
    return CreatorTable(creators: creators, corpus: corpus, model: model, threads: threads)
  }

  /// A minimal instagram creator.
  static func creator(
    _ id: String, followers: Double = 10_000, likes: Double? = nil, platform: Platform = .instagram
  ) -> Creator {
    var creator = Creator(id: id, platform: platform, followers: followers)
    creator.engagement.likes = likes
    return creator
  }

  /// A brief decoded from JSON text.
  static func brief(_ json: String) throws -> CampaignBrief {
    try CampaignBrief.decode(Array(json.utf8), source: "brief.json")
  }

  /// A model whose every curve is `curve` and that has no text or audience data.
  static func flatModel(_ curve: EngagementCurve, creators: Int = 100) -> PopulationModel {
    PopulationModel(
      creatorCount: creators, curves: Array(repeating: curve, count: CurveKey.count),
      documentFrequencies: DocumentFrequencies(documents: creators, counts: [:]),
      audiencePriors: .neutral)
  }
}
