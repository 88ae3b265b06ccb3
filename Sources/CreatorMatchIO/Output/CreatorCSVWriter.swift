import CreatorMatch

/// Writes creators as a CSV table in the canonical schema (`datasets/README.md`), which
/// ``CreatorFileReader`` reads back to equal values.
public enum CreatorCSVWriter {
  /// The columns written, in order.
  public static let columns: [CreatorField] = [
    .id, .handle, .name, .platform, .followers, .following, .posts, .avgLikes, .avgComments,
    .avgShares, .avgSaves, .avgViews, .postsSampled, .sponsoredShare, .country, .language,
    .categories, .bio, .hashtags, .pricePerPost, .currency, .audFemale, .audAge13to17,
    .audAge18to24, .audAge25to34, .audAge35to44, .audAge45to54, .audAge55plus, .audCountries,
    .audLanguages, .audInterests, .audRealShare, .followerHistory,
  ]

  /// The header line's cells.
  public static var header: [String] { columns.map(\.rawValue) }

  /// The CSV text of `creators`, header included.
  public static func text(_ creators: [Creator]) -> String {
    var csv = CSVWriter()
    csv.row(header)
    for creator in creators { csv.row(cells(creator)) }
    return csv.text
  }

  /// One creator's cells in ``columns`` order.
  package static func cells(_ creator: Creator) -> [CSVWriter.Cell] {
    func number(_ value: Double?) -> CSVWriter.Cell {
      .number(value.map { JSONWriter.format($0) } ?? "")
    }
    let audience = creator.audience
    let ages = audience.ageShares
    let stats = creator.engagement
    return [
      .text(creator.id), .text(creator.handle ?? ""), .text(creator.name ?? ""),
      .text(creator.platform.rawValue), number(creator.followers), number(creator.following),
      number(creator.posts), number(stats.likes), number(stats.comments), number(stats.shares),
      number(stats.saves), number(stats.views), number(stats.postsSampled),
      number(creator.sponsoredShare), .text(creator.country ?? ""), .text(creator.language ?? ""),
      .text(creator.categories.joined(separator: "|")), .text(creator.bio), .text(creator.hashtags),
      number(creator.pricePerPost), .text(creator.currency ?? ""), number(audience.femaleShare),
      number(ages?[0]), number(ages?[1]), number(ages?[2]), number(ages?[3]), number(ages?[4]),
      number(ages?[5]), .text(audience.countries?.tableText ?? ""),
      .text(audience.languages?.tableText ?? ""), .text(audience.interests?.tableText ?? ""),
      number(audience.realShare),
      .text(creator.followerHistory.map { JSONWriter.format($0) }.joined(separator: "|")),
    ]
  }
}
