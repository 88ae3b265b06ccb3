import CreatorMatchSupport

/// A budgeted shortlist: the creators that reach the most distinct followers for the money
/// (<doc:AudienceOverlap#Shortlist>).
///
/// Budgeted maximum coverage is NP-hard; the lazy greedy of Leskovec et al. ("Cost-effective
/// outbreak detection", KDD 2007, CELF) picks by marginal unique reach per unit of cost, re-scoring a
/// candidate only when it reaches the top of the queue (marginal gains only shrink), and the
/// result is compared with the best single affordable creator (Khuller, Moss and Naor, "The
/// budgeted maximum coverage problem", IPL 1999). The better of the two reaches at least
/// ½(1 − 1/e) ≈ 0.316 of the optimum. Without follower data the overlap is unknown, and the
/// shortlist is a knapsack on score per cost instead.
///
/// ```swift
/// let result = Shortlist.select(candidates, budget: 20_000, sketches: set)
/// for pick in result.picks { print(pick.candidate.id, pick.marginalReach) }
/// ```
/// - Complexity: O(n·m) for the first gains plus O(m) per lazy re-evaluation, m = 16,384 registers
/// (O(|audience|) with exact sets).
public enum Shortlist {
  /// One candidate.
  public struct Candidate: Sendable, Equatable {
    /// Creator id.
    public var id: String
    /// Composite score for the brief.
    public var score: Double
    /// Cost in the budget's currency.
    public var cost: Double
    /// Whether the cost is an estimate.
    public var costEstimated: Bool
    /// Followers, used as the reach of a creator without a sketch.
    public var followers: Double

    /// Creates a candidate.
    public init(
      id: String, score: Double, cost: Double, costEstimated: Bool = false, followers: Double
    ) {
      self.id = id
      self.score = score
      self.cost = cost
      self.costEstimated = costEstimated
      self.followers = followers
    }
  }

  /// One chosen creator and what it added.
  public struct Pick: Sendable, Equatable {
    /// The creator.
    public var candidate: Candidate
    /// Followers it reaches.
    public var reach: Double
    /// New followers it added to those of the earlier picks.
    public var marginalReach: Double
  }

  /// How the shortlist was chosen.
  public enum Method: String, Sendable {
    /// Lazy greedy by marginal unique reach per cost.
    case greedyCoverage = "greedy-coverage"
    /// The single creator with the largest reach (it beat the greedy set).
    case bestSingle = "best-single"
    /// Knapsack on score per cost (no follower data).
    case knapsack
  }

  /// A set of picks with its totals.
  public struct Selection: Sendable, Equatable {
    /// The picks in order.
    public var picks: [Pick]
    /// Distinct followers reached.
    public var uniqueReach: Double
    /// Sum of the picks' own reach (followers counted once per creator).
    public var totalReach: Double
    /// Total cost.
    public var cost: Double
    /// With a brand audience excluded (`--new-to-brand`): the distinct followers reached who are
    /// not in it; `nil` otherwise.
    public var newToBrandReach: Double? = nil

    /// Followers paid for more than once: total − unique.
    public var duplicatedReach: Double { max(0, totalReach - uniqueReach) }
  }

  /// The outcome.
  public struct Result: Sendable, Equatable {
    /// The shortlist.
    public var selection: Selection
    /// How it was chosen.
    public var method: Method
    /// The top creators by score that fit the same budget, for comparison.
    public var baseline: Selection
    /// The budget.
    public var budget: Double
    /// Whether audience overlap was known (follower sketches for the candidates).
    public var overlapKnown: Bool
    /// Candidates without a sketch (treated as disjoint audiences).
    public var unsketched: Int
    /// The brand audience whose followers did not count as reach (`--new-to-brand`), if any.
    public var excludedBrand: String? = nil
  }

  /// Chooses creators within `budget` to maximize unique reach (or, without `sketches`, total score).
  ///
  /// - Parameters:
  ///   - candidates: The creators to choose from.
  ///   - budget: The budget, in the candidates' cost currency.
  ///   - sketches: Their audiences; `nil` makes the shortlist a knapsack on score.
  ///   - brand: The id of a brand audience in `sketches` whose followers do not count as reach
  ///     (new-to-brand reach): the greedy maximizes distinct followers outside it, and both that
  ///     and the unique reach of all followers are reported.
  /// - Returns: The shortlist, how it was chosen, and the top by score for comparison.
  public static func select(
    _ candidates: [Candidate], budget: Double, sketches: SketchSet?, excluding brand: String? = nil
  ) -> Result {
    let affordable = candidates.filter { $0.cost <= budget && $0.cost > 0 }
    guard let sketches else {
      let selection = knapsack(affordable, budget: budget)
      let baseline = topByScore(affordable, budget: budget, sketches: nil)
      return Result(
        selection: selection, method: .knapsack, baseline: baseline, budget: budget,
        overlapKnown: false,
        unsketched: candidates.count)
    }
    let positions = affordable.map { sketches.position(of: $0.id) }
    let rate = sketches.sampleRate
    let fallbacks = affordable.map { $0.followers * rate }
    let brandPosition = brand.flatMap { sketches.position(of: $0) }
    let exact = (positions + [brandPosition]).allSatisfy { position in
      position.map { sketches.sketches[$0].isExact } ?? true
    }
    // With a brand audience, the union starts as the brand's, so every gain is new-to-brand.
    var union = ReachUnion(set: sketches, exact: exact)
    if let brandPosition { union.add(position: brandPosition, fallback: 0) }
    let base = union.reach
    let alone = affordable.indices.map { index in
      brandPosition == nil
        ? positions[index].map { sketches.count(at: $0) } ?? fallbacks[index]
        : union.gain(position: positions[index], fallback: fallbacks[index])
    }

    // CELF: a max-heap of (gain / cost, then score, then id) with the round each gain was computed in.
    var queue = LazyQueue()
    for index in affordable.indices {
      queue.push(
        LazyQueue.Entry(
          ratio: alone[index] / affordable[index].cost, gain: alone[index], index: index, round: 0,
          score: affordable[index].score, id: affordable[index].id))
    }
    var remaining = budget
    var round = 0
    var greedy: [Pick] = []
    while var entry = queue.pop() {
      let candidate = affordable[entry.index]
      guard candidate.cost <= remaining else { continue }
      if entry.round != round {
        entry.gain = union.gain(position: positions[entry.index], fallback: fallbacks[entry.index])
        entry.ratio = entry.gain / candidate.cost
        entry.round = round
        queue.push(entry)
        continue
      }
      if entry.gain <= 0 { break }
      union.add(position: positions[entry.index], fallback: fallbacks[entry.index])
      greedy.append(
        Pick(
          candidate: candidate,
          reach: (positions[entry.index].map { sketches.count(at: $0) } ?? fallbacks[entry.index])
            / rate,
          marginalReach: entry.gain / rate))
      remaining -= candidate.cost
      round += 1
    }
    var selection = Selection(
      picks: greedy, uniqueReach: (union.reach - base) / rate,
      totalReach: greedy.reduce(0) { $0 + $1.reach },
      cost: greedy.reduce(0) { $0 + $1.candidate.cost })
    var method = Method.greedyCoverage
    // Khuller–Moss–Naor: the best single affordable creator, if it beats the greedy set.
    if let best = affordable.indices.max(by: { lhs, rhs in
      alone[lhs] != alone[rhs]
        ? alone[lhs] < alone[rhs] : ByteOrder.precedes(affordable[rhs].id, affordable[lhs].id)
    }), alone[best] / rate > selection.uniqueReach {
      let gain = alone[best] / rate
      let reach = (positions[best].map { sketches.count(at: $0) } ?? fallbacks[best]) / rate
      selection = Selection(
        picks: [Pick(candidate: affordable[best], reach: reach, marginalReach: gain)],
        uniqueReach: gain, totalReach: reach, cost: affordable[best].cost)
      method = .bestSingle
    }
    var baseline = topByScore(affordable, budget: budget, sketches: sketches)
    if let brandPosition {
      // Both figures: the new-to-brand reach optimized, and the reach of all followers.
      selection.newToBrandReach = selection.uniqueReach
      selection.uniqueReach = allFollowers(selection.picks, sketches: sketches)
      baseline.newToBrandReach = newToBrand(
        baseline.picks, brand: brandPosition, sketches: sketches, exact: exact)
    }
    var result = Result(
      selection: selection, method: method, baseline: baseline, budget: budget, overlapKnown: true,
      unsketched: positions.filter { $0 == nil }.count)
    result.excludedBrand = brandPosition == nil ? nil : brand
    return result
  }

  /// Distinct followers of `picks` (unsketched ones added as disjoint).
  static func allFollowers(_ picks: [Pick], sketches: SketchSet) -> Double {
    let ids = picks.map(\.candidate.id)
    let exact = ids.allSatisfy {
      sketches.position(of: $0).map { sketches.sketches[$0].isExact } ?? true
    }
    var union = ReachUnion(set: sketches, exact: exact)
    for pick in picks {
      union.add(
        position: sketches.position(of: pick.candidate.id),
        fallback: pick.candidate.followers * sketches.sampleRate)
    }
    return union.reach / sketches.sampleRate
  }

  /// Distinct followers of `picks` outside the brand audience at `brand`.
  static func newToBrand(_ picks: [Pick], brand: Int, sketches: SketchSet, exact: Bool) -> Double {
    var union = ReachUnion(set: sketches, exact: exact)
    union.add(position: brand, fallback: 0)
    let base = union.reach
    for pick in picks {
      union.add(
        position: sketches.position(of: pick.candidate.id),
        fallback: pick.candidate.followers * sketches.sampleRate)
    }
    return (union.reach - base) / sketches.sampleRate
  }

  /// The creators taken in score order while they fit the budget: what a marketer would buy
  /// from a ranking alone.
  static func topByScore(_ candidates: [Candidate], budget: Double, sketches: SketchSet?)
    -> Selection
  {
    let ordered = candidates.sorted {
      $0.score != $1.score ? $0.score > $1.score : ByteOrder.precedes($0.id, $1.id)
    }
    var remaining = budget
    var chosen: [Candidate] = []
    for candidate in ordered where candidate.cost <= remaining {
      chosen.append(candidate)
      remaining -= candidate.cost
    }
    guard let sketches else {
      let picks = chosen.map {
        Pick(candidate: $0, reach: $0.followers, marginalReach: $0.followers)
      }
      let total = chosen.reduce(0) { $0 + $1.followers }
      return Selection(
        picks: picks, uniqueReach: total, totalReach: total, cost: Self.cost(of: chosen))
    }
    let rate = sketches.sampleRate
    let exact = chosen.allSatisfy {
      sketches.position(of: $0.id).map { sketches.sketches[$0].isExact } ?? true
    }
    var union = ReachUnion(set: sketches, exact: exact)
    var picks: [Pick] = []
    for candidate in chosen {
      let position = sketches.position(of: candidate.id)
      let fallback = candidate.followers * rate
      let gain = union.gain(position: position, fallback: fallback)
      union.add(position: position, fallback: fallback)
      let reach = (position.map { sketches.count(at: $0) } ?? fallback) / rate
      picks.append(Pick(candidate: candidate, reach: reach, marginalReach: gain / rate))
    }
    return Selection(
      picks: picks, uniqueReach: union.reach / rate, totalReach: picks.reduce(0) { $0 + $1.reach },
      cost: Self.cost(of: chosen))
  }

  /// The sum of the prices, not the budget minus what is left: at a budget of 10¹⁸ the
  /// subtraction loses every price below 128 to rounding and reports a cost of 0.
  static func cost(of chosen: [Candidate]) -> Double {
    chosen.reduce(0) { $0 + $1.cost }
  }

  /// 0/1 knapsack maximizing total score within the budget; costs are rounded up to 1/2000 of the
  /// budget, so the chosen set always fits.
  static func knapsack(_ candidates: [Candidate], budget: Double) -> Selection {
    let units = 2_000
    let unit = budget / Double(units)
    let weights = candidates.map { candidate -> Int in
      // Compared as a Double before converting: a cost of 1e300 (or one that divides to
      // infinity or NaN) does not fit in an Int, and `Int(_:)` would trap.
      let ratio = ((candidate.cost / unit) - 1e-9).rounded(.up)
      guard ratio <= Double(units) else { return units + 1 }
      return Int(max(ratio, 0))
    }
    var best = Array(repeating: 0.0, count: units + 1)
    var taken = Array(repeating: [Bool](), count: candidates.count)
    for (index, candidate) in candidates.enumerated() {
      let weight = max(weights[index], 0)
      var row = Array(repeating: false, count: units + 1)
      if weight <= units {
        for capacity in stride(from: units, through: weight, by: -1) {
          let value = best[capacity - weight] + candidate.score
          if value > best[capacity] {
            best[capacity] = value
            row[capacity] = true
          }
        }
      }
      taken[index] = row
    }
    var capacity = units
    var chosen: [Candidate] = []
    for index in candidates.indices.reversed() where taken[index][capacity] {
      chosen.append(candidates[index])
      capacity -= weights[index]
    }
    chosen.reverse()
    let picks = chosen.map { Pick(candidate: $0, reach: $0.followers, marginalReach: $0.followers) }
    let total = chosen.reduce(0) { $0 + $1.followers }
    return Selection(
      picks: picks, uniqueReach: total, totalReach: total, cost: chosen.reduce(0) { $0 + $1.cost })
  }
}

/// A binary max-heap for CELF entries, ordered by ratio, then score, then id.
struct LazyQueue {
  struct Entry {
    var ratio: Double
    var gain: Double
    var index: Int
    var round: Int
    var score: Double
    var id: String

    func ranksAbove(_ other: Entry) -> Bool {
      if ratio != other.ratio { return ratio > other.ratio }
      if score != other.score { return score > other.score }
      return ByteOrder.precedes(id, other.id)
    }
  }

  private var heap: [Entry] = []

  mutating func push(_ entry: Entry) {
    heap.append(entry)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].ranksAbove(heap[parent]) else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> Entry? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let top = heap.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var best = parent
      if left < heap.count && heap[left].ranksAbove(heap[best]) { best = left }
      if right < heap.count && heap[right].ranksAbove(heap[best]) { best = right }
      if best == parent { break }
      heap.swapAt(parent, best)
      parent = best
    }
    return top
  }
}
