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

extension Ranker {
  /// The evidence of every row's components for `plan`, counted.
  ///
  /// - Parameter plan: The compiled brief.
  /// - Returns: The counts per component and evidence level.
  /// - Complexity: O(n) in the table's rows (one audience evaluation each).
  package func evidenceCoverage(_ plan: BriefPlan) -> EvidenceCoverage {
    var coverage = EvidenceCoverage()
    coverage.creators = table.count
    for row in 0..<table.count {
      let audience =
        plan.audience.isEmpty ? .measured : plan.audience.evaluate(row, in: table).evidence
      let evidence = self.evidence(row: row, audience: audience, forecast: nil, plan: plan)
      coverage.engagement[Int(evidence.engagement.rawValue)] += 1
      coverage.audience[Int(evidence.audience.rawValue)] += 1
      coverage.niche[Int(evidence.niche.rawValue)] += 1
      coverage.authenticity[Int(evidence.authenticity.rawValue)] += 1
      if let overlap = evidence.overlap { coverage.overlap[Int(overlap.rawValue)] += 1 }
    }
    return coverage
  }
}
