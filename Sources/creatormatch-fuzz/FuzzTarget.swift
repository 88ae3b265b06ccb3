import CreatorMatch
import CreatorMatchBatch
import CreatorMatchIO
import Foundation

/// One reader of untrusted input, run on arbitrary bytes by libFuzzer (`.ci/fuzz`) or on the
/// committed corpora by the tests. A target passes when it returns: every error must be a thrown,
/// typed error; a trap, a crash, a hang or a blow-up of memory is a finding.
enum FuzzTarget: String, CaseIterable, Sendable {
  /// A creator table as CSV, lenient and strict; a table that loads is also fitted, ranked and
  /// explained, since hostile numbers have crashed the fit and the explanation before.
  case creatorsCSV = "creators-csv"
  /// A creator table as JSON Lines, the same way.
  case creatorsJSONL = "creators-jsonl"
  /// A posts file merged into three fixed creators.
  case posts
  /// A campaign brief (and so the JSON parser).
  case brief
  /// A population model file.
  case model
  /// A binary audience sketch file.
  case sketchFile = "sketch-file"
  /// Follower edges (`creator,follower` lines), lenient and strict.
  case edges
  /// A follower graph as JSON.
  case graph
  /// A batch manifest, a shard's rows file and a brief summary, as `merge` reads them.
  case manifest
  /// A follower sample (audit input).
  case followerSample = "follower-sample"
  /// A prepared snapshot (`creatormatch prepare`); one that loads is also ranked and explained.
  case snapshot

  /// The file name an input is written to: the readers pick the format by its extension.
  var fileName: String {
    switch self {
    case .creatorsCSV, .posts, .followerSample: return "input.csv"
    case .creatorsJSONL: return "input.jsonl"
    case .edges: return "input.edges.csv"
    case .brief, .model, .graph, .manifest: return "input.json"
    case .sketchFile: return "input.cms"
    case .snapshot: return "input.snapshot"
    }
  }

  /// Runs one input.
  func run(_ bytes: [UInt8], scratch: FuzzScratch) {
    switch self {
    case .brief:
      _ = try? CampaignBrief.decode(bytes, source: "fuzz")
    case .model:
      _ = try? PopulationModel.decode(bytes, source: "fuzz")
    case .sketchFile:
      if let set = try? SketchFile.decode(bytes, path: "fuzz") {
        let ids = set.sketches.prefix(8).map(\.creatorID)
        _ = set.unionReach(ids)
        for a in ids { for b in ids { _ = set.overlap(a, b) } }
      }
    case .manifest:
      _ = try? BatchManifest.decode(bytes, source: "fuzz")
      if let parsed = try? BatchRows.parseShardFile(bytes, source: "fuzz") {
        for row in parsed.rows {
          _ = BatchRows.problem(with: row, format: .csv)
          _ = BatchRows.problem(with: row, format: .jsonl)
        }
      }
      _ = try? BatchSummary.decode(bytes, source: "fuzz")
    default:
      guard let path = scratch.write(bytes, as: fileName) else { return }
      runFile(path)
    }
  }

  private func runFile(_ path: String) {
    switch self {
    case .creatorsCSV, .creatorsJSONL:
      var strict = IngestOptions()
      strict.strict = true
      _ = try? CreatorFileReader.read(path: path, options: strict)
      guard let load = try? CreatorFileReader.read(path: path) else { return }
      Self.rankAndExplain(Array(load.creators.prefix(25)))
    case .posts:
      var creators = Self.fixedCreators
      _ = try? PostsReader.merge(path: path, into: &creators)
      Self.rankAndExplain(creators)
    case .edges, .graph:
      for strict in [false, true] {
        var builder = AudienceSketchBuilder(exactThreshold: 16)
        _ = try? FollowerEdgeReader.read(
          path: path, format: self == .edges ? .edges : .graphJSON, into: &builder, strict: strict)
        _ = SketchSet(sketches: builder.finish(), exactThreshold: 16)
      }
    case .followerSample:
      _ = try? FollowerSampleReader.read(path: path)
    case .snapshot:
      guard SnapshotFile.isSnapshot(path: path), let loaded = try? SnapshotFile.read(path) else {
        return
      }
      Self.rankAndExplain(loaded.catalog)
    default:
      break
    }
  }

  static let fixedCreators: [Creator] =
    DatasetGenerator(seed: 1).creators(count: 3).map(\.creator)
    + [Creator(id: "c000001", platform: .instagram, followers: 1_000)]

  static let fixedBrief: CampaignBrief? = try? CampaignBrief.decode(
    Array(
      #"{"id": "fuzz", "goal": "conversions", "economics": {"average_order_value": 40, "#
        .utf8) + Array(#""gross_margin": 0.5}}"#.utf8),
    source: "fuzz")

  /// Fits, ranks and explains: the path every number of a loaded table takes.
  static func rankAndExplain(_ creators: [Creator]) {
    guard !creators.isEmpty, let catalog = try? CreatorCatalog(creators: creators, threads: 1)
    else { return }
    rankAndExplain(catalog)
  }

  /// Ranks and explains a built table.
  static func rankAndExplain(_ catalog: CreatorCatalog) {
    guard let brief = fixedBrief else { return }
    let ranker = Ranker(table: catalog.table)
    let ranking = ranker.rank(brief, top: 5, threads: 1)
    let plan = BriefPlan(brief: brief, table: catalog.table)
    for ranked in ranking.rows { _ = ranker.explain(ranked, plan: plan) }
  }
}
