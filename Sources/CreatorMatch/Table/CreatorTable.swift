/// The ranking table: every brief-independent number about every creator, in struct-of-arrays
/// layout, so that scoring a brief is one pass over a few dense arrays (<doc:Formulas#Ranking>;
/// measurements in the README's Performance section).
///
/// Built once from creators, their tokenized text and a ``PopulationModel``: engagement scores,
/// authenticity and its evidence, category masks, audience shares in compressed rows, and the
/// TF-IDF postings of every term (an inverted index with rows sorted by creator).
///
/// ```swift
/// let table = CreatorTable(creators: creators, corpus: corpus, model: model)
/// let ranking = Ranker(table: table).rank(brief, top: 20)
/// ```
/// Memory: about 300–450 bytes per creator, most of it postings (see `benchmarks/`).
public struct CreatorTable: Sendable {
  /// Number of creators.
  public let count: Int
  /// The model the table was built against.
  public let model: PopulationModel

  // Identity (cold: read for output only).
  /// Creator ids.
  package let ids: StringColumn
  /// Creator handles (nil when the table had none).
  package let handles: OptionalStringColumn
  /// Each row's place in the tie-break order between creators of equal score: more measured
  /// inputs first (``measuredInputs``), then more followers, then the id's UTF-8 bytes.
  package let idRanks: Column<UInt32>
  /// Per row, which of its brief-independent inputs are measured, as bits:
  /// ``measuredEngagement`` (engagement counts), ``measuredAuthenticity`` (any authenticity
  /// evidence), ``measuredNiche`` (text or categories), ``measuredAudience`` (any audience data).
  /// The ranked creator's evidence and the tie order both read them.
  package let measuredInputs: Column<UInt8>
  /// Bits of ``measuredInputs``.
  package static let measuredEngagement: UInt8 = 1
  package static let measuredAuthenticity: UInt8 = 2
  package static let measuredNiche: UInt8 = 4
  package static let measuredAudience: UInt8 = 8
  /// Row of the id at each rank (the inverse of ``idRanks``), for id lookups by binary search.
  let rowsByIDRank: Column<UInt32>

  // Hot filter and score columns.
  /// ``Platform/ordinal`` per row.
  package let platforms: Column<UInt8>
  /// ``Tier/ordinal`` per row.
  package let tiers: Column<UInt8>
  /// Followers per row.
  package let followers: Column<Double>
  /// Creator country, packed with ``TwoLetterCode`` (0 = unknown).
  package let countries: Column<UInt16>
  /// Creator language, packed with ``TwoLetterCode`` (0 = unknown).
  package let languages: Column<UInt16>
  /// Sponsored share (NaN = unknown).
  package let sponsoredShares: Column<Float>
  /// s_eng per row.
  package let engagementScores: Column<Double>
  /// Authenticity per row.
  package let authenticity: Column<Double>
  /// Taxonomy niches of the creator's category labels, one bit per niche.
  package let categoryMasks: Column<UInt64>
  /// ``AccountType/ordinal`` per row, from ``AccountType/infer(handle:id:name:categories:bio:)``.
  package let accountTypes: Column<UInt8>
  /// The rows whose account type is not ``AccountType/creator``, ascending: briefs read these
  /// instead of scanning every row, since non-creators are few.
  package let nonCreatorRows: Column<Int>
  /// The union of every row's category mask: a brief's category exclusion scans the rows only
  /// when it meets this.
  package let categoryUnion: UInt64

  // Engagement details (explanations, forecasts).
  /// Observed engagement rate (NaN = no data).
  package let rates: Column<Float>
  /// Rate basis per row: 0 followers, 1 views.
  package let rateBases: Column<UInt8>
  /// Posts the rate averages over.
  package let postsSampled: Column<Float>
  /// μ(f), the peer mean log rate (single precision: for display; scoring reads ``hot``).
  package let peerMeans: Column<Float>
  /// θ, the shrunk log rate (single precision: for display; scoring reads ``hot``).
  package let thetas: Column<Float>
  /// Average views per post (NaN = unknown).
  package let views: Column<Float>
  /// Price per post in the creator's currency (NaN = unknown).
  package let prices: Column<Float>
  /// Currency of the price, packed as three letters (0 = unknown).
  package let currencies: Column<UInt32>

  // Authenticity evidence (explanations).
  /// Authenticity flags as ``AuthenticityFlag/Kind/bit`` masks.
  package let authenticityFlags: Column<UInt16>
  /// Evidence columns: raw z, comments/like, likes, following/followers, jump z, jump share,
  /// real share (NaN = unknown), each `evidenceWidth` floats per row.
  package let evidence: Column<Float>
  /// Jump step and step count per row (0 = none), two bytes per row.
  package let jumpSteps: Column<UInt8>
  /// Per row: bit 0 set when the real share came from authentic engagements.
  package let evidenceSources: Column<UInt8>

  // Audience.
  /// Female share (NaN = unknown).
  package let femaleShares: Column<Float>
  /// Age shares, bucket-major: the share of ``AgeBucket`` `b` for row `r` is at `b × count + r`
  /// (NaN in bucket 0 = unknown).
  package let ageShares: Column<Float>

  /// Row `row`'s share of the ``AgeBucket`` with raw value `bucket` (NaN: unknown ages), read
  /// from the bucket-major ``ageShares``.
  @inline(__always)
  func ageShare(_ row: Int, bucket: Int) -> Float { ageShares[bucket * count + row] }
  /// Countries: rows `countryOffsets[i]..<countryOffsets[i+1]` of codes and shares.
  package let audienceCountries: SparseShares
  /// Languages, as countries.
  package let audienceLanguages: SparseShares
  /// Interests; keys index ``interestLabels``.
  package let audienceInterests: SparseShares
  /// The interest labels that occur, by key.
  package let interestLabels: [String]
  /// Per row: bit 0 countries filled in (a top country without its share), bit 1 languages,
  /// bit 2 interests; bit 3 no text and no category to read a niche from.
  package let estimatedShares: Column<UInt8>
  /// Per row, which audience dimensions it has data for, as ``AudienceData`` bits: the audience's
  /// evidence for any brief is read from this byte (and the creator's own country and language),
  /// so the summary's coverage count reads one byte a row instead of six columns.
  package let audienceData: Column<UInt8>

  // Niche text.
  /// The vocabulary: term → id.
  let termIDs: [String: Int32]
  /// Terms by id.
  package let terms: [String]
  /// Inverted index over normalized TF-IDF weights.
  package let postings: Postings
  /// Per-row term lists (the forward index): row `r`'s distinct term ids are
  /// `rowTermIDs[rowTermOffsets[r]..<rowTermOffsets[r + 1]]`, in first-appearance order. The
  /// niche expansion reads the feedback creators' terms here (their weights from ``postings``).
  package let rowTermOffsets: Column<Int>
  /// Term ids of every row's terms, row after row (see ``rowTermOffsets``).
  package let rowTermIDs: Column<UInt32>

  /// Precomputed log terms of the score.
  package let hot: HotColumns

  package static let evidenceWidth = 7
}

/// An inverted index: for each term, the creators whose text has it, in increasing row order,
/// with the term's weight in the creator's L2-normalized TF-IDF vector.
///
/// A table rebuilt from a snapshot checks the offsets when it loads but not every row number
/// (41 MB for 1M creators, most of it in terms no brief asks for, and outside the checksums a
/// ranking checks): every reader that indexes by a posting's row skips a row past the table (or,
/// in the block pass, outside its block), so a damaged file changes at most the values read from
/// it and never reads out of bounds. `validate` checks every checksum.
package struct Postings: Sendable {
  /// Term `t`'s postings are `offsets[t]..<offsets[t + 1]`.
  package let offsets: Column<Int>
  /// Creator rows.
  package let rows: Column<UInt32>
  /// Weights c_t = (1 + ln tf) · idf(t) / ‖c‖.
  package let weights: Column<Float>

  /// The postings of term `term` restricted to creator rows in `range`, by binary search.
  @inlinable
  package func range(ofTerm term: Int, rows range: Range<Int>) -> Range<Int> {
    let start = offsets[term]
    let end = offsets[term + 1]
    return lowerBound(
      start, end, UInt32(range.lowerBound))..<lowerBound(
        start, end, UInt32(clamping: range.upperBound))
  }

  @inlinable
  func lowerBound(_ start: Int, _ end: Int, _ value: UInt32) -> Int {
    var low = start
    var high = end
    while low < high {
      let middle = (low + high) >> 1
      if rows[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The weight of `term` in `row`'s vector, or 0.
  package func weight(ofTerm term: Int, row: Int) -> Float {
    let found = range(ofTerm: term, rows: row..<(row + 1))
    return found.isEmpty ? 0 : weights[found.lowerBound]
  }
}
