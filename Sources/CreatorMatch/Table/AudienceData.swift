/// The bits of ``CreatorTable/audienceData``: per row, which audience dimensions have data and
/// which of the geographic and interest rows were filled in. An audience's evidence for any brief
/// depends on these bits and the creator's own country and language alone
/// (``AudiencePlan/evidence(data:countryHome:languageHome:)``).
package enum AudienceData {
  /// A female share is known.
  package static let female: UInt8 = 1
  /// Age shares are known.
  package static let ages: UInt8 = 2
  /// The row has audience countries.
  package static let countries: UInt8 = 4
  /// The row has audience languages.
  package static let languages: UInt8 = 8
  /// The row has audience interests.
  package static let interests: UInt8 = 16
  /// The countries were filled in (``CreatorTable/estimatedShares`` bit 0).
  package static let countriesFilled: UInt8 = 32
  /// The languages were filled in (``CreatorTable/estimatedShares`` bit 1).
  package static let languagesFilled: UInt8 = 64
  /// The interests were filled in (``CreatorTable/estimatedShares`` bit 2).
  package static let interestsFilled: UInt8 = 128

  /// The bits of every row, from the columns they summarise.
  ///
  /// - Parameters:
  ///   - count: The number of rows.
  ///   - femaleShares: Female share per row (NaN unknown).
  ///   - ageShares: Age shares, bucket-major (bucket 0 NaN: unknown).
  ///   - countries: Audience country rows.
  ///   - languages: Audience language rows.
  ///   - interests: Audience interest rows.
  ///   - estimated: ``CreatorTable/estimatedShares``.
  /// - Returns: One byte per row.
  /// - Complexity: O(count).
  package static func bits(
    count: Int, femaleShares: Column<Float>, ageShares: Column<Float>,
    countries: SparseShares, languages: SparseShares, interests: SparseShares,
    estimated: Column<UInt8>
  ) -> ContiguousArray<UInt8> {
    var bits = ContiguousArray<UInt8>(repeating: 0, count: count)
    for row in 0..<count {
      var byte: UInt8 = (estimated[row] & 7) << 5
      if !femaleShares[row].isNaN { byte |= female }
      // Bucket-major: bucket 0 of row `row` is at `row`.
      if !ageShares[row].isNaN { byte |= ages }
      if countries.hasEntries(row) { byte |= Self.countries }
      if languages.hasEntries(row) { byte |= Self.languages }
      if interests.hasEntries(row) { byte |= Self.interests }
      bits[row] = byte
    }
    return bits
  }
}
