import CreatorMatch
import CreatorMatchIO

/// A brief's summary in a batch: how many creators were scored, eligible and filtered by each
/// constraint, the weights and the brief-level notes. Deterministic (timings are kept apart), so
/// summaries merge by adding counts and compare byte for byte.
public struct BatchSummary: Sendable, Equatable {
  /// The brief's id.
  public var briefID: String
  /// Creators scored.
  public var candidates: Int
  /// Creators that passed every constraint.
  public var eligible: Int
  /// Creators removed by each constraint, in `FilterReason` order.
  public var filtered: [Int]
  /// Rows written (at most top N).
  public var rows: Int
  /// The normalized weights used, formatted.
  public var weights: [(name: String, value: String)]
  /// Notes every shard agrees on.
  public var notes: [String]

  /// Warnings derived from the counts: a brief that leaves no creator eligible, with the
  /// constraints that emptied it. Derived rather than stored, so a merged summary warns exactly
  /// when the unsharded one does.
  public var warnings: [String] {
    RankingReport.noEligibleWarning(
      briefID: briefID, candidates: candidates, eligible: eligible, filtered: filtered
    ).map { [$0] } ?? []
  }

  /// The summary of a ranking.
  public init(ranking: Ranking) {
    briefID = ranking.brief.id
    candidates = ranking.candidates
    eligible = ranking.eligible
    filtered = ranking.filtered.counts
    rows = ranking.rows.count
    let weights = ranking.plan.weights
    self.weights = [
      ("engagement", weights.engagement), ("audience", weights.audience), ("niche", weights.niche),
      ("authenticity", weights.authenticity), ("value", weights.value),
    ].map { ($0.0, Formatting.fixed($0.1, 4)) }
    notes = ranking.plan.notes.map(\.text)
  }

  init(
    briefID: String, candidates: Int, eligible: Int, filtered: [Int], rows: Int,
    weights: [(name: String, value: String)], notes: [String]
  ) {
    self.briefID = briefID
    self.candidates = candidates
    self.eligible = eligible
    self.filtered = filtered
    self.rows = rows
    self.weights = weights
    self.notes = notes
  }

  /// Equal summaries have equal fields.
  public static func == (lhs: BatchSummary, rhs: BatchSummary) -> Bool {
    lhs.jsonText() == rhs.jsonText()
  }

  /// The summary's JSON text.
  public func jsonText() -> String {
    var json = JSONWriter(pretty: true)
    json.object { root in
      root.key("brief")
      root.string(briefID)
      root.key("candidates")
      root.integer(candidates)
      root.key("eligible")
      root.integer(eligible)
      root.key("filtered")
      root.object { object in
        for (reason, count) in zip(FilterReason.allCases, filtered) {
          object.key(reason.rawValue)
          object.integer(count)
        }
      }
      root.key("rows")
      root.integer(rows)
      root.key("weights")
      root.object { object in
        for (name, value) in weights {
          object.key(name)
          object.rawNumber(value)
        }
      }
      root.key("notes")
      root.stringArray(notes)
      root.key("warnings")
      root.stringArray(warnings)
    }
    return json.text + "\n"
  }

  /// Reads a summary.
  public static func decode(_ bytes: [UInt8], source: String) throws(JSONDocumentError)
    -> BatchSummary
  {
    try JSONDocumentError.reading(bytes, source: source) { node throws(JSONSchemaError) in
      let root = try JSONObjectReader(
        node, path: "$",
        allowedKeys: [
          "brief", "candidates", "eligible", "filtered", "rows", "weights", "notes", "warnings",
        ])
      guard let filtered = try root.object("filtered") else { throw root.missing("filtered") }
      var counts: [Int] = []
      for reason in FilterReason.allCases {
        counts.append(try filtered.integer(reason.rawValue) ?? 0)
      }
      guard let weightObject = try root.object("weights") else { throw root.missing("weights") }
      var weights: [(name: String, value: String)] = []
      for member in weightObject.allMembers {
        guard let value = member.node.value.number else {
          throw weightObject.invalid(member.key, "expected a number")
        }
        weights.append((member.key, Formatting.fixed(value, 4)))
      }
      return BatchSummary(
        briefID: try root.requiredString("brief"), candidates: try root.integer("candidates") ?? 0,
        eligible: try root.integer("eligible") ?? 0, filtered: counts,
        rows: try root.integer("rows") ?? 0,
        weights: weights, notes: try root.strings("notes") ?? [])
    }
  }

  /// The summary of the union of shards: counts added, rows as merged.
  public static func merged(_ parts: [BatchSummary], rows: Int) -> BatchSummary? {
    guard var result = parts.first else { return nil }
    for part in parts.dropFirst() {
      result.candidates += part.candidates
      result.eligible += part.eligible
      result.filtered = zip(result.filtered, part.filtered).map { $0 + $1 }
    }
    result.rows = rows
    return result
  }
}
