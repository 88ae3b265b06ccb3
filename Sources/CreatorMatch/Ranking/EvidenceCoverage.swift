import CreatorMatchSupport

/// How many creators of a table had each component measured, partly measured, estimated or
/// without data for a brief: the summary line that tells a reader how much of a ranking rests on
/// estimates.
public struct EvidenceCoverage: Sendable, Equatable {
  /// Creators counted (every row of the table).
  public var creators = 0
  /// Per component, the count at each ``Evidence`` level (indexed by its raw value).
  public var engagement = [0, 0, 0, 0]
  /// Audience, for the brief's targeted dimensions (all measured when it targets none).
  public var audience = [0, 0, 0, 0]
  /// Niche: text or categories (measured) or neither (absent).
  public var niche = [0, 0, 0, 0]
  /// Authenticity: any evidence (measured) or none (estimated: no flags for lack of data).
  public var authenticity = [0, 0, 0, 0]
  /// Overlap with the brand audience: exact sets (measured), sketches (partial) or no sketch
  /// (estimated); all zero when overlap is not scored.
  public var overlap = [0, 0, 0, 0]
}

extension EvidenceCoverage {
  /// Counts `times` creators whose components were obtained as `evidence` says.
  mutating func count(_ evidence: ComponentEvidence, times: Int = 1) {
    creators += times
    engagement[Int(evidence.engagement.rawValue)] += times
    audience[Int(evidence.audience.rawValue)] += times
    niche[Int(evidence.niche.rawValue)] += times
    authenticity[Int(evidence.authenticity.rawValue)] += times
    if let level = evidence.overlap { overlap[Int(level.rawValue)] += times }
  }

  /// Adds the counts of `other` (counted over other rows) to these.
  mutating func add(_ other: EvidenceCoverage) {
    creators += other.creators
    for level in 0..<4 {
      engagement[level] += other.engagement[level]
      audience[level] += other.audience[level]
      niche[level] += other.niche[level]
      authenticity[level] += other.authenticity[level]
      overlap[level] += other.overlap[level]
    }
  }
}

extension Ranker {
  /// The evidence of every row's components for `plan`, counted.
  ///
  /// A row's evidence depends on a few bits only: its ``CreatorTable/audienceData`` byte, three
  /// bits of its ``CreatorTable/measuredInputs`` and where its own country and language lie for
  /// the plan (``AudiencePlan/homes(_:data:in:)``). Each worker counts the rows of its blocks by
  /// those bits in one histogram, and the evidence rules run once per distinct value
  /// (``AudiencePlan/evidence(data:countryHome:languageHome:)``); a plan with a brand audience,
  /// whose overlap evidence is per creator, is counted row by row. Integer counts summed, so the
  /// result does not depend on the number of threads. Evaluating every row's audience made this
  /// pass cost as much as the ranking of a prepared snapshot, and reading the six columns behind
  /// the audience byte was still a fifth of it.
  ///
  /// - Parameters:
  ///   - plan: The compiled brief.
  ///   - threads: Worker threads; `nil` uses every core.
  ///   - blockSize: Rows a worker counts at a time.
  /// - Returns: The counts per component and evidence level.
  /// - Complexity: O(n) in the table's rows, plus O(2¹⁵) per worker for the histogram.
  package func evidenceCoverage(
    _ plan: BriefPlan, threads: Int? = nil, blockSize: Int = 32_768
  ) -> EvidenceCoverage {
    let blocks = ParallelBlocks(count: table.count, blockSize: blockSize)
    let table = self.table
    let noEngagementData = table.model.curves.allSatisfy { $0.sampleSize == 0 }
    guard plan.brand == nil else {
      let parts = blocks.map(threads: ParallelBlocks.threadCount(threads)) { range in
        var coverage = EvidenceCoverage()
        for row in range {
          coverage.count(
            evidence(
              row: row, audience: plan.audience.evidence(row, in: table), forecast: nil,
              plan: plan, noEngagementData: noEngagementData))
        }
        return coverage
      }
      var coverage = EvidenceCoverage()
      for part in parts { coverage.add(part) }
      return coverage
    }
    // Key bits: 0–7 the audience byte, 8–10 the measured inputs read, 11–12 and 13–14 the homes.
    let keyCount = 1 << 15
    let workers = max(1, min(ParallelBlocks.threadCount(threads), blocks.blockCount))
    let histograms = ParallelBlocks(count: workers, blockSize: 1).map(threads: workers) {
      worker in
      // UInt32 counts: 128 KiB of fresh pages a worker, half of what Int counts fault in.
      var histogram = [UInt32](repeating: 0, count: keyCount)
      histogram.withUnsafeMutableBufferPointer { counts in
        table.audienceData.withUnsafeBufferPointer { data in
          table.measuredInputs.withUnsafeBufferPointer { inputs in
            var block = worker.lowerBound
            while block < blocks.blockCount {
              for row in blocks.range(ofBlock: block) {
                let bits = data[row]
                let homes = plan.audience.homes(row, data: bits, in: table)
                let key =
                  Int(bits) | Int(inputs[row] & 7) << 8 | Int(homes.country) << 11
                  | Int(homes.language) << 13
                counts[key] += 1
              }
              block += workers
            }
          }
        }
      }
      return histogram
    }
    var coverage = EvidenceCoverage()
    for key in 0..<keyCount {
      let rows = histograms.reduce(0) { $0 + Int($1[key]) }
      guard rows > 0 else { continue }
      let audience = plan.audience.evidence(
        data: UInt8(key & 0xFF), countryHome: UInt8(key >> 11 & 3),
        languageHome: UInt8(key >> 13 & 3))
      coverage.count(
        Self.evidence(
          inputs: UInt8(key >> 8 & 7), audience: audience, forecast: nil,
          noEngagementData: noEngagementData, overlap: nil),
        times: rows)
    }
    return coverage
  }
}
