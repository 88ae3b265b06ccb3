import CreatorMatchSupport
import Foundation

/// Corpus-driven expansion of a niche query: pseudo-relevance feedback over the creator table
/// (<doc:Formulas#Expansion>).
///
/// The creators whose text matches the brief's own terms best (the feedback set) are read for
/// the terms they use more than the table does; the best of those join the query with a share
/// of its weight. A 1M-creator table so teaches the query its own vocabulary: the brand names,
/// slang and hashtags of the niche that no seed list holds.
///
/// 1. **Feedback set.** Every row's cosine with the brief's terms alone (no category floor) is
///    summed from the query terms' postings, the rows that match (cosine > 0) are ordered by
///    cosine, ties by the table's tie order (``CreatorTable/idRanks``), and the first
///    k = min(m, clamp(⌈m / 100⌉, ``feedbackMinimum``, ``feedbackMaximum``)) are taken, m being
///    the number of matching rows.
/// 2. **Candidates.** Each term of a feedback creator's text (read from the table's per-row term
///    lists) that is not a query or exclusion term, that some letter spells (not a number), that
///    has three letters or more in a spaced script (two-letter words are mostly function words
///    no stop list holds: Polish `co`, Spanish `ya`; bigrams of unspaced scripts are kept), that
///    at most ``maximumDocumentShare`` of the table's creators use and that at least
///    max(2, ⌈``minimumSupportShare`` · k⌉) feedback creators use.
/// 3. **Weights.** With f the feedback creators using the term, m̄ the mean of its TF-IDF weight
///    c in their vectors, df the table's creators using it and n the table's size: the feedback
///    set's mean weight (f/k)·m̄ minus the table-wide expectation of the same weight had every
///    user of the term weighed it m̄, (df/n)·m̄, so w = m̄ · (f/k − df/n) (Rocchio with the table's
///    centroid as the negative set). Terms with w ≤ 0 are dropped; the ``expansionCap`` highest
///    are kept, ties in UTF-8 byte order of the term.
/// 4. **Mix.** The kept weights, as a unit vector ê, join the brief's unit query q as
///    q′ = ((1 − α)·q + α·ê) / √((1 − α)² + α²) with α = ``expansionShare``: the brief's own
///    terms keep their relative weights and most of the mass, and q′ is again at most unit
///    length, so niche fit stays a cosine in 0–1.
extension NicheQuery {
  /// α, the expansion terms' share of the mixed query before normalization.
  package static let expansionShare = 0.3
  /// The most terms an expansion adds.
  package static let expansionCap = 10
  /// The fewest feedback creators when at least that many rows match.
  package static let feedbackMinimum = 10
  /// The most feedback creators.
  package static let feedbackMaximum = 50
  /// A term used by more than this share of the table's creators is too common to add.
  package static let maximumDocumentShare = 0.1
  /// The share of the feedback set (at least two creators) that must use a term.
  package static let minimumSupportShare = 0.2
  /// Whether briefs expand their niche query when they do not say (`niche.expand`).
  package static let expandsByDefault = false

  /// The size k of the feedback set when `matches` rows match the brief's terms.
  package static func feedbackSize(matches: Int) -> Int {
    let share = Int((Double(matches) / 100).rounded(.up))
    return min(matches, min(feedbackMaximum, max(feedbackMinimum, share)))
  }

  /// The feedback creators that must use a term, for a feedback set of `size`.
  package static func minimumSupport(feedback size: Int) -> Int {
    max(2, Int((minimumSupportShare * Double(size)).rounded(.up)))
  }

  /// The expansion terms of a query, as a unit vector (see the extension's description).
  ///
  /// - Parameters:
  ///   - query: The brief's own terms and weights, in the order they are summed.
  ///   - excluded: Term ids never added (the brief's exclusion phrases').
  ///   - table: The creators the feedback comes from.
  /// - Returns: At most ``expansionCap`` terms, highest weight first (ties in byte order), with
  ///   weights of unit length; empty when nothing qualifies.
  /// - Complexity: O(p + m·k + k·t·log d): p postings of the query's terms (the matching rows),
  ///   m matching rows, k feedback creators of t terms each, d the longest posting list.
  package static func expansionTerms(
    query: [Term], excluded: Set<Int>, table: CreatorTable
  ) -> [Term] {
    let postings = table.postings
    // Step 1: cosines of the matching rows, summed in the query's order so a row's value does
    // not depend on where the row is.
    var cosines = [Double](repeating: 0, count: table.count)
    var matching: [Int] = []
    for term in query {
      for position in postings.offsets[term.id]..<postings.offsets[term.id + 1] {
        let contribution = term.weight * Double(postings.weights[position])
        guard contribution > 0 else { continue }
        let row = Int(postings.rows[position])
        // Past the last row only in a damaged snapshot (see `Postings`): skipped.
        guard row < cosines.count else { continue }
        if cosines[row] == 0 { matching.append(row) }
        cosines[row] += contribution
      }
    }
    let size = feedbackSize(matches: matching.count)
    guard size > 0 else { return [] }
    // The best `size` rows, kept sorted: one comparison for most rows.
    func before(_ a: Int, _ b: Int) -> Bool {
      cosines[a] != cosines[b] ? cosines[a] > cosines[b] : table.idRanks[a] < table.idRanks[b]
    }
    var feedback: [Int] = []
    feedback.reserveCapacity(size + 1)
    for row in matching {
      if feedback.count == size, let last = feedback.last, !before(row, last) { continue }
      var index = feedback.count
      while index > 0 && before(row, feedback[index - 1]) { index -= 1 }
      feedback.insert(row, at: index)
      if feedback.count > size { feedback.removeLast() }
    }
    // Step 2: the feedback creators' terms, summed in feedback order.
    let own = Set(query.map(\.id)).union(excluded)
    var support: [Int: (users: Int, sum: Double)] = [:]
    for row in feedback {
      // The lists are checked where they are read, for these few rows, rather than scanned
      // whole when a snapshot loads (40 MB for 1M creators that most rankings never read): a
      // damaged list skips its row or its entry instead of reading out of bounds.
      let start = table.rowTermOffsets[row]
      let end = table.rowTermOffsets[row + 1]
      guard 0 <= start, start <= end, end <= table.rowTermIDs.count else { continue }
      for entry in start..<end {
        let term = Int(table.rowTermIDs[entry])
        guard term < table.terms.count else { continue }
        if own.contains(term) { continue }
        let weight = Double(postings.weight(ofTerm: term, row: row))
        guard weight > 0 else { continue }
        support[term, default: (0, 0)].users += 1
        support[term, default: (0, 0)].sum += weight
      }
    }
    // Step 3: weights, then the cap.
    let needed = minimumSupport(feedback: size)
    let n = Double(table.count)
    var candidates: [Term] = []
    for (term, stats) in support where stats.users >= needed {
      let users = postings.offsets[term + 1] - postings.offsets[term]
      guard Double(users) <= maximumDocumentShare * n else { continue }
      let text = table.terms[term]
      guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { continue }
      // A term in an unspaced script starts with a three- or four-byte scalar.
      guard (text.utf8.first ?? 0) >= 0xE0 || text.unicodeScalars.count >= 3 else { continue }
      let mean = stats.sum / Double(stats.users)
      let weight = mean * (Double(stats.users) / Double(size) - Double(users) / n)
      guard weight > 0 else { continue }
      candidates.append(Term(id: term, text: text, weight: weight))
    }
    candidates.sort {
      $0.weight != $1.weight ? $0.weight > $1.weight : ByteOrder.precedes($0.text, $1.text)
    }
    let kept = Array(candidates.prefix(expansionCap))
    let norm = kept.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
    guard norm > 0 else { return [] }
    return kept.map { Term(id: $0.id, text: $0.text, weight: $0.weight / norm) }
  }

  /// Mixes the brief's `terms` with the unit `expansion` (step 4): the weights of both scaled so
  /// that the expansion holds ``expansionShare`` of the mix, in summation order (term text, the
  /// brief's terms first on equal text).
  package static func mix(_ terms: [Term], _ expansion: [Term]) -> [Term] {
    let alpha = expansionShare
    let scale = 1 / ((1 - alpha) * (1 - alpha) + alpha * alpha).squareRoot()
    var mixed = terms.map {
      Term(id: $0.id, text: $0.text, weight: $0.weight * (1 - alpha) * scale)
    }
    mixed += expansion.map { Term(id: $0.id, text: $0.text, weight: $0.weight * alpha * scale) }
    let order = mixed.indices.sorted { a, b in
      mixed[a].text != mixed[b].text ? ByteOrder.precedes(mixed[a].text, mixed[b].text) : a < b
    }
    return order.map { mixed[$0] }
  }
}
