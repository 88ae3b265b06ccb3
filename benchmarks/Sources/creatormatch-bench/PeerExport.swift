import CreatorMatch
import CreatorMatchIO
import Foundation

/// Writes what the Python peers need to run the same ranking on the same data: the table's
/// columns as little-endian binary arrays, the compiled brief plan as JSON, our score for every
/// creator, and our timings.
enum PeerExport {
  static func write(
    table: CreatorTable, plan: BriefPlan, measurements: [Measurement], csvPath: String,
    directory: String
  ) throws {
    let url = URL(fileURLWithPath: directory)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    func array<T>(_ name: String, _ values: Column<T>) throws {
      try values.withUnsafeBytes {
        try Data($0).write(to: url.appendingPathComponent(name + ".bin"))
      }
    }
    let hot = table.hot
    try array("platforms", table.platforms)
    try array("tiers", table.tiers)
    try array("followers", table.followers)
    try array("countries", table.countries)
    try array("languages", table.languages)
    try array("sponsored", table.sponsoredShares)
    try array("authenticity", table.authenticity)
    try array("log_engagement", hot.logEngagement)
    try array("log_authenticity", hot.logAuthenticity)
    try array("category_masks", table.categoryMasks)
    try array("female", table.femaleShares)
    try array("ages", table.ageShares)
    for (name, shares) in [
      ("aud_countries", table.audienceCountries), ("aud_languages", table.audienceLanguages),
      ("aud_interests", table.audienceInterests),
    ] {
      try array(name + "_offsets", shares.offsets)
      try array(name + "_keys", shares.keys)
      try array(name + "_shares", shares.shares)
    }
    try array("log_impressions", hot.logImpressions)
    try array("log_real_share", hot.logRealShare)
    try array("lift_log", hot.liftLog)
    try array("log_price", hot.logPrice)
    try array("creator_variance", hot.creatorVariance)
    try array("price_kind", hot.priceKind)
    try array("log_estimated_cpm", hot.logEstimatedCPM)
    try array("market_kind", hot.marketKind)
    try array("id_ranks", table.idRanks)
    try array("postings_offsets", Column(ContiguousArray(table.postings.offsets.map { Int64($0) })))
    try array("postings_rows", table.postings.rows)
    try array("postings_weights", table.postings.weights)
    let scores = Ranker(table: table).allScores(plan)
    try array("our_scores", Column(ContiguousArray(scores)))
    let top = Ranker(table: table).rank(plan, top: 50)
    try AtomicFile.write(
      plan.compiledJSON(table: table), to: url.appendingPathComponent("plan.json").path)
    try AtomicFile.write(PeerPlan.topJSON(top), to: url.appendingPathComponent("top.json").path)
    try AtomicFile.write(
      Report.json(measurements, quick: false), to: url.appendingPathComponent("ours.json").path)
    let ids = (0..<1_000_000).map { "follower-\($0)" }.joined(separator: "\n") + "\n"
    try AtomicFile.write(ids, to: url.appendingPathComponent("ids.txt").path)
    if !csvPath.isEmpty {
      let link = url.appendingPathComponent("creators.csv").path
      try? FileManager.default.removeItem(atPath: link)
      try FileManager.default.copyItem(atPath: csvPath, toPath: link)
    }
  }
}
