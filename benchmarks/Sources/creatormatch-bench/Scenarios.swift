import CreatorMatch
import CreatorMatchBatch
import CreatorMatchCLI
import CreatorMatchIO
import CreatorMatchSupport
import Foundation

/// Problem sizes of a run.
struct Sizes {
  var creators: Int
  var ingestRows: [Int]
  var batchBriefs: Int
  var batchCreators: Int
  var sketchIDs: Int
  var unionSketches: Int
  var shortlistCandidates: Int
  var monteCarloSamples: Int
  /// Creators whose generated follower edges `cmd-sketch` reads (audiences scale with followers,
  /// not with creators: 4,000 creators give about 5.9M edges at the generator's 1% sample).
  var edgeCreators = 1_000

  static let full = Sizes(
    creators: 1_000_000, ingestRows: [100_000, 1_000_000], batchBriefs: 100, batchCreators: 100_000,
    sketchIDs: 1_000_000, unionSketches: 1_000, shortlistCandidates: 10_000,
    monteCarloSamples: 200_000, edgeCreators: 4_000)
  static let quick = Sizes(
    creators: 100_000, ingestRows: [100_000], batchBriefs: 20, batchCreators: 20_000,
    sketchIDs: 200_000,
    unionSketches: 1_000, shortlistCandidates: 2_000, monteCarloSamples: 50_000)
}

/// The scenarios, run in order on shared generated data.
struct Scenarios {
  let sizes: Sizes
  let workDirectory: URL
  var harness: Harness
  let briefJSON: String
  let briefsDirectory: String
  /// The executable that runs the whole-command scenarios (this one, in its child mode), or `nil`
  /// when the scenarios run inside another program (the tests), which skips them.
  var commandExecutable: String? = nil

  /// The table and plan of the main ranking scenario, kept for the peer export.
  private(set) var table: CreatorTable?
  private(set) var plan: BriefPlan?
  private(set) var csvPaths: [Int: String] = [:]

  /// Every scenario, in run order, of a full run; a quick run has all but `csv-ingest-1m`.
  static let names =
    ["csv-ingest-100k", "csv-ingest-1m"] + commandNames + [
      "fit", "table-build", "memory-scan", "rank-1t", "rank-all",
      "niche", "niche-expand", "batch", "hll-build", "minhash-build", "hll-union-1000", "shortlist",
      "brand-affinity", "roi-monte-carlo",
    ]
  /// The scenarios that need the ranking table (and so the fit and the table build's setup).
  static let tableScenarios = [
    "table-build", "memory-scan", "rank-1t", "rank-all", "niche", "niche-expand",
    "roi-monte-carlo",
  ]

  /// The scenarios named by `--scenario` (repeatable), or `nil` (all) when none is named.
  /// - Throws: ``UsageError`` naming the scenarios of the mode when a name is not one of them.
  static func selection(_ requested: [String], quick: Bool) throws(UsageError) -> Set<String>? {
    guard !requested.isEmpty else { return nil }
    let available = names.filter { !(quick && $0 == "csv-ingest-1m") }
    for name in requested where !available.contains(name) {
      let known = available.joined(separator: ", ")
      throw UsageError(
        name == "csv-ingest-1m"
          ? "scenario csv-ingest-1m is not run with --quick; the quick scenarios are: \(known)"
          : "unknown scenario '\(name)'; the scenarios are: \(known)")
    }
    return Set(requested)
  }

  mutating func run() throws {
    let log = harness.log
    let largest = max(sizes.creators, sizes.ingestRows.max() ?? 0)
    func generate() -> [Creator] {
      log("generating \(largest) creators (seed 1)…")
      return DatasetGenerator(seed: 1).creators(count: largest).map(\.creator)
    }
    // The data of a scenario is made only when the scenario runs (all of it without --scenario).
    if harness.selects(any: sizes.ingestRows.map { Self.ingestName(rows: $0) }) {
      // The ingest scenarios run in a process that holds only what a reading program holds (as
      // the pandas peer does): the generated creators, ~1 GB, are dropped while they run and made
      // again after. Reading beside them measured 5–15% slower.
      do {
        let generated = generate()
        for rows in Set(sizes.ingestRows + [sizes.creators]).sorted() {
          let path = workDirectory.appendingPathComponent("creators-\(rows).csv").path
          try AtomicFile.write(CreatorCSVWriter.text(Array(generated.prefix(rows))), to: path)
          csvPaths[rows] = path
        }
      }
      // The files just written are still being flushed to disk; reading while the kernel writes
      // them back measured slower and noisier, and the pandas peer reads them minutes later.
      sync()

      for rows in sizes.ingestRows {
        let path = csvPaths[rows] ?? ""
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try harness.measure(
          Self.ingestName(rows: rows), unit: "rows", items: rows,
          bytes: bytes
        ) { try CreatorFileReader.read(path: path).creators.count }
      }
    }

    // The whole commands first, in a process of their own each, before this process holds the
    // generated creators (their memory is theirs either way; the machine's is shared).
    try runCommands()
    guard harness.selects(any: ["fit", "batch"] + Self.tableScenarios) else {
      return try runSketches()
    }
    let generated = generate()
    if harness.selects(any: ["fit"] + Self.tableScenarios) {
      let creators = Array(generated.prefix(sizes.creators))
      var corpus = CreatorCorpus(creators: creators)
      harness.measure("fit", unit: "creators", items: creators.count) { () -> PopulationModel in
        corpus = CreatorCorpus(creators: creators)
        return PopulationModel.fit(creators: creators, corpus: corpus)
      }
      let model = PopulationModel.fit(creators: creators, corpus: corpus)
      // The resident growth of one build, both sides measured with the allocator's free pages
      // handed back: the build's temporaries, freed when it returns, are not the table's memory.
      AllocatorTuning.returnFreePages()
      let before = Memory.resident()
      var table = CreatorTable(creators: creators, corpus: corpus, model: model)
      AllocatorTuning.returnFreePages()
      let residentDelta = Memory.resident() - before
      harness.measure("table-build", unit: "creators", items: creators.count) { () -> Int in
        table = CreatorTable(creators: creators, corpus: corpus, model: model)
        return table.count
      }
      self.table = table
      let brief = try CampaignBrief.decode(Array(briefJSON.utf8), source: "pl-skincare.json")
      let plan = BriefPlan(brief: brief, table: table)
      self.plan = plan
      let ranker = Ranker(table: table)
      let hotBytes = table.hotBytes
      // Twenty scans per run: one is under a millisecond at the quick size, too short to time well.
      harness.measure("memory-scan", unit: "bytes", items: 20 * hotBytes, bytes: 20 * hotBytes) {
        () -> UInt64 in
        var sum: UInt64 = 0
        for _ in 0..<20 { sum &+= table.scanHotColumns() }
        return sum
      }
      harness.measure("rank-1t", unit: "creators", items: table.count) {
        ranker.rank(plan, top: 50, threads: 1).rows.count
      }
      harness.measure("rank-all", unit: "creators", items: table.count) {
        ranker.rank(plan, top: 50).rows.count
      }
      harness.measure("niche", unit: "creators", items: table.count) {
        ranker.nicheFits(plan, threads: 1).count
      }
      // The same with the query expanded from the table: compiling the plan (the feedback
      // pass and the added terms) and the niche pass over the longer query.
      var expanding = brief
      expanding.niche.expand = true
      harness.measure("niche-expand", unit: "creators", items: table.count) {
        ranker.nicheFits(BriefPlan(brief: expanding, table: table), threads: 1).count
      }
      let rank = harness.measurement("rank-1t")?.median ?? 1
      // The fraction only when the memory scan ran (it may be left out with --scenario).
      let fraction =
        harness.measurement("memory-scan").map {
          [("fraction_of_memory_scan", $0.median / 20 / rank)]
        } ?? []
      harness.annotate(
        "rank-1t",
        fraction + [
          ("table_bytes_per_creator", Double(table.memoryFootprint) / Double(table.count)),
          ("resident_bytes_per_creator", Double(residentDelta) / Double(table.count)),
          ("hot_bytes_per_creator", Double(hotBytes) / Double(table.count)),
        ])
    }

    if harness.selects(any: ["batch"]) {
      // Batch: briefs × creators, files and manifest included.
      // The table a batch job ranks, built the one way every command builds it.
      let batchTable = try CreatorCatalog(creators: Array(generated.prefix(sizes.batchCreators)))
        .table
      let entries = try batchEntries(count: sizes.batchBriefs)
      var run = 0
      try harness.measure(
        "batch", unit: "creator-briefs", items: sizes.batchBriefs * sizes.batchCreators
      ) { () -> Int in
        run += 1
        let out = workDirectory.appendingPathComponent("batch-\(run)").path
        let settings = BatchManifest.Settings(
          top: 50, format: .csv, shard: nil, creatorsFingerprint: "bench", modelFingerprint: "bench"
        )
        let outcome = try BatchJob.run(
          table: batchTable, entries: entries,
          configuration: BatchJob.Configuration(
            jobs: ParallelBlocks.threadCount(nil), resume: false, outputDirectory: out,
            settings: settings))
        try? FileManager.default.removeItem(atPath: out)
        return outcome.ranked
      }
    }
    try runSketches()
  }

  /// The sketch, shortlist and Monte Carlo scenarios (the last on the ranking table, if built).
  mutating func runSketches() throws {
    // Sketches.
    let sketchIDs = harness.selects(any: ["hll-build", "minhash-build"]) ? sizes.sketchIDs : 0
    let ids = (0..<sketchIDs).map { "follower-\($0)" }
    let exact = Double(ids.count)
    var hllError = 0.0
    harness.measure("hll-build", unit: "ids", items: ids.count) { () -> Double in
      var hll = HyperLogLog()
      for id in ids { hll.insert(FollowerHash.hash(id)) }
      let estimate = hll.cardinality
      hllError = abs(estimate / exact - 1)
      return estimate
    }
    harness.annotate("hll-build", [("relative_error", hllError)])
    harness.measure("minhash-build", unit: "ids", items: ids.count) { () -> MinHash in
      var minHash = MinHash()
      for id in ids { minHash.insert(FollowerHash.hash(id)) }
      return minHash.densified()
    }
    harness.annotate("minhash-build", [("jaccard_mean_abs_error", Self.minHashAccuracy())])
    let unionSketches = harness.selects(any: ["hll-union-1000"]) ? sizes.unionSketches : 0
    let sketches = (0..<unionSketches).map { index -> HyperLogLog in
      var hll = HyperLogLog()
      for member in 0..<2_000 {
        hll.insert(FollowerHash.hash("u\((index * 977 + member * 13) % 1_500_000)"))
      }
      return hll
    }
    harness.measure("hll-union-1000", unit: "sketches", items: sketches.count) { () -> Double in
      var union = HyperLogLog()
      for sketch in sketches { union.formUnion(sketch) }
      return union.cardinality
    }
    let (candidates, sketchSet) = shortlistInput(
      count: harness.selects(any: ["shortlist"]) ? sizes.shortlistCandidates : 0)
    harness.measure("shortlist", unit: "candidates", items: candidates.count) {
      Shortlist.select(candidates, budget: 100_000, sketches: sketchSet).selection.picks.count
    }
    // Ten creators per shortlist candidate: 100,000 in a full run.
    let (brandSet, brandPositions) = brandAffinityInput(
      count: harness.selects(any: ["brand-affinity"]) ? 10 * sizes.shortlistCandidates : 0)
    harness.measure("brand-affinity", unit: "creators", items: brandPositions.count) {
      BrandAudience.overlaps(set: brandSet, brand: 0, positions: brandPositions, threads: nil)
        .count
    }
    guard let table, let plan else { return }
    let members = try monteCarloMembers(table: table, plan: plan)
    harness.measure(
      "roi-monte-carlo", unit: "creator-samples", items: members.count * sizes.monteCarloSamples
    ) {
      PortfolioSimulation.run(members, briefID: "bench", samples: sizes.monteCarloSamples, seed: 1)
        .roi.p50
    }
  }

  /// The name of the ingest scenario reading `rows` rows.
  static func ingestName(rows: Int) -> String {
    rows == 1_000_000 ? "csv-ingest-1m" : "csv-ingest-100k"
  }

  /// Briefs for the batch: the committed ones with numbered ids.
  func batchEntries(count: Int) throws -> [BriefSource.Entry] {
    let base = try BriefSource.load(briefsDirectory).compactMap { entry -> CampaignBrief? in
      if case .success(let brief) = entry.brief { return brief }
      return nil
    }
    guard !base.isEmpty else { return [] }
    return (0..<count).map { index in
      var brief = base[index % base.count]
      brief.id = "\(brief.id)-\(index)"
      return BriefSource.Entry(
        id: brief.id, name: BriefSource.safeName(brief.id), brief: .success(brief))
    }
  }

  /// Mean absolute MinHash Jaccard error over 40 pairs of 20,000-element unions with Jaccard
  /// 0.05…0.5 (the peer script builds the same pairs).
  static func minHashAccuracy() -> Double {
    var total = 0.0
    let targets = (0..<40).map { [0.05, 0.1, 0.2, 0.3, 0.5][$0 % 5] }
    for (index, jaccard) in targets.enumerated() {
      let shared = Int(jaccard * 20_000)
      let half = (20_000 - shared) / 2
      var a = MinHash()
      var b = MinHash()
      for member in 0..<20_000 {
        let hash = FollowerHash.hash("pair\(index)-\(member)")
        if member < shared + half { a.insert(hash) }
        if member < shared || member >= shared + half { b.insert(hash) }
      }
      total += abs(a.densified().jaccard(b.densified()) - jaccard)
    }
    return total / Double(targets.count)
  }

  func shortlistInput(count: Int) -> ([Shortlist.Candidate], SketchSet) {
    var builder = AudienceSketchBuilder(exactThreshold: 0)
    var random = SeededRandom(seed: 5)
    var candidates: [Shortlist.Candidate] = []
    for index in 0..<count {
      let id = "s\(index)"
      let size = 200 + Int(random.next() % 3_000)
      let community = Int(random.next() % 50)
      for _ in 0..<size {
        builder.add(FollowerHash.hash("c\(community)-\(random.next() % 20_000)"), creatorID: id)
      }
      candidates.append(
        Shortlist.Candidate(
          id: id, score: random.uniform(20, 80), cost: random.uniform(50, 5_000),
          followers: Double(size)))
    }
    return (candidates, SketchSet(sketches: builder.finish(), exactThreshold: 0))
  }

  /// `count` creator audiences (100,000 in a full run) against an exact brand audience of 200,000 ids, as a 1% follower
  /// sample stores them (the generator's default): 98% exact sets of 20–2,000 sampled followers
  /// (log-uniform, mean about 430: creators of 2,000 to 200,000 followers), 2% sketches of
  /// 12,000–40,000; a tenth of every audience drawn from the brand's ids.
  func brandAffinityInput(count: Int) -> (SketchSet, [Int]) {
    guard count > 0 else { return (SketchSet(sketches: []), []) }
    var random = SeededRandom(seed: 11)
    var sketches: [AudienceSketch] = []
    var brand = (0..<200_000).map { FollowerHash.hash("b\($0)") }
    brand.sort()
    sketches.append(AudienceSketch(creatorID: "brand", storage: .exact(brand), edges: 200_000))
    for index in 0..<count {
      let large = index % 50 == 0
      let size =
        large ? 12_000 + Int(random.next() % 28_000) : Int(20 * pow(100, random.uniform(0, 1)))
      var hashes: [UInt64] = []
      hashes.reserveCapacity(size)
      for member in 0..<size {
        hashes.append(
          member % 10 == 0
            ? FollowerHash.hash("b\(random.next() % 200_000)")
            : FollowerHash.hash("f\(index)-\(member)"))
      }
      if large {
        var hll = HyperLogLog()
        var minHash = MinHash()
        for hash in hashes {
          hll.insert(hash)
          minHash.insert(hash)
        }
        sketches.append(
          AudienceSketch(
            creatorID: "c\(index)", storage: .sketch(hll, minHash), edges: UInt64(size)))
      } else {
        hashes.sort()
        var unique: [UInt64] = []
        for hash in hashes where unique.last != hash { unique.append(hash) }
        sketches.append(
          AudienceSketch(creatorID: "c\(index)", storage: .exact(unique), edges: UInt64(size)))
      }
    }
    return (SketchSet(sketches: sketches, sampleRate: 0.01), Array(1...count))
  }

  func monteCarloMembers(table: CreatorTable, plan: BriefPlan) throws -> [PortfolioSimulation
    .Member]
  {
    guard let forecast = plan.forecast else { return [] }
    return (0..<20).map { row in
      PortfolioSimulation.Member(
        id: table.ids[row], forecast: forecast.forecast(row: row, onTargetShare: 0.5, table: table))
    }
  }
}
