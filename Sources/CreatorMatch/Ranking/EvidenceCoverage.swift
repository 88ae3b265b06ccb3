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
  /// Counts one creator whose components were obtained as `evidence` says.
  mutating func count(_ evidence: ComponentEvidence) {
    creators += 1
    engagement[Int(evidence.engagement.rawValue)] += 1
    audience[Int(evidence.audience.rawValue)] += 1
    niche[Int(evidence.niche.rawValue)] += 1
    authenticity[Int(evidence.authenticity.rawValue)] += 1
    if let level = evidence.overlap { overlap[Int(level.rawValue)] += 1 }
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
  /// Rows are counted in parallel blocks whose integer counts are summed, so the result does not
  /// depend on the number of threads; the audience's evidence is read from which dimensions a
  /// row has data for (``AudiencePlan/evidence(_:in:)``), without summing its shares. Evaluating
  /// every row's audience made this pass cost as much as the ranking of a prepared snapshot.
  ///
  /// - Parameters:
  ///   - plan: The compiled brief.
  ///   - threads: Worker threads; `nil` uses every core.
  ///   - blockSize: Rows a worker counts at a time.
  /// - Returns: The counts per component and evidence level.
  /// - Complexity: O(n) in the table's rows.
  package func evidenceCoverage(
    _ plan: BriefPlan, threads: Int? = nil, blockSize: Int = 32_768
  ) -> EvidenceCoverage {
    let blocks = ParallelBlocks(count: table.count, blockSize: blockSize)
    let noEngagementData = table.model.curves.allSatisfy { $0.sampleSize == 0 }
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
}
