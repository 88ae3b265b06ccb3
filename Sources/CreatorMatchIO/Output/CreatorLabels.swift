import CreatorMatch

/// The descriptive text of each creator that ranking output carries but scoring never reads:
/// display name, own country and category labels as written, by table row.
///
/// Kept beside the `CreatorTable` rather than in it, so the table's hot and cold columns (and
/// its measured bytes per creator) stay what scoring needs. Real exports often have a name
/// (`Name`, `Influencer name`) and no handle; these labels are what lets a ranking file say who
/// a row is.
///
/// ```swift
/// let catalog = try CreatorCatalog(creators: creators)
/// let report = RankingReport(ranking: ranking, labels: catalog.labels)
/// ```
public struct CreatorLabels: Sendable, Equatable {
  /// Category labels by row: lists the labels own, or a prepared snapshot's flat list of labels
  /// with each row's end in it, read only for the rows a command prints.
  private enum Categories: Sendable {
    case owned([[String]])
    /// Row `i` is `flat[ends[i]..<ends[i + 1]]`, with `ends.count` rows + 1.
    case stored(ends: Column<UInt32>, flat: StringColumn)
  }

  private let nameColumn: OptionalStringColumn
  private let countryColumn: OptionalStringColumn
  private let categoryLists: Categories

  /// Display names by row (`nil` when the table had none).
  ///
  /// - Complexity: O(n): it builds an array; ``name(_:)`` reads one row.
  public var names: [String?] { Array(nameColumn) }
  /// Creator countries (ISO 3166-1 alpha-2) by row.
  ///
  /// - Complexity: O(n): it builds an array; ``country(_:)`` reads one row.
  public var countries: [String?] { Array(countryColumn) }
  /// Category labels as written, by row.
  ///
  /// - Complexity: O(total labels): it builds arrays; ``categories(_:)`` reads one row.
  public var categories: [[String]] {
    switch categoryLists {
    case .owned(let lists): lists
    case .stored(let ends, _): (0..<max(ends.count - 1, 0)).map { categories($0) }
    }
  }

  /// The labels of `creators`, row `i` for `creators[i]` (the order `CreatorTable` keeps).
  ///
  /// - Parameter creators: The creators the table was built from, in the same order.
  /// - Complexity: O(n).
  public init(creators: [Creator]) {
    self.init(
      names: creators.map(\.name), countries: creators.map(\.country),
      categories: creators.map(\.categories))
  }

  /// No labels: every field reads empty.
  public static let empty = CreatorLabels(names: [], countries: [], categories: [])

  /// Labels from lists, row `i` at index `i` of each.
  package init(names: [String?], countries: [String?], categories: [[String]]) {
    nameColumn = OptionalStringColumn(names)
    countryColumn = OptionalStringColumn(countries)
    categoryLists = .owned(categories)
  }

  /// Labels from stored columns (a prepared snapshot), read when a row is: row `i`'s categories
  /// are `flat[categoryEnds[i]..<categoryEnds[i + 1]]`, clamped to `flat` (a damaged offset
  /// garbles its own row at worst).
  package init(
    names: OptionalStringColumn, countries: OptionalStringColumn, categoryEnds: Column<UInt32>,
    categories flat: StringColumn
  ) {
    nameColumn = names
    countryColumn = countries
    categoryLists = .stored(ends: categoryEnds, flat: flat)
  }

  /// The display name of `row`, or `nil` when unknown or out of range.
  public func name(_ row: Int) -> String? {
    nameColumn.indices.contains(row) ? nameColumn[row] : nil
  }

  /// The country of `row`, or `nil` when unknown or out of range.
  public func country(_ row: Int) -> String? {
    countryColumn.indices.contains(row) ? countryColumn[row] : nil
  }

  /// The category labels of `row` (empty when unknown or out of range).
  public func categories(_ row: Int) -> [String] {
    switch categoryLists {
    case .owned(let lists):
      return lists.indices.contains(row) ? lists[row] : []
    case .stored(let ends, let flat):
      guard row >= 0, row + 1 < ends.count else { return [] }
      let end = min(Int(ends[row + 1]), flat.count)
      let start = min(Int(ends[row]), end)
      return (start..<end).map { flat[$0] }
    }
  }

  /// Whether both give the same labels for every row, however they are stored.
  public static func == (lhs: CreatorLabels, rhs: CreatorLabels) -> Bool {
    lhs.nameColumn == rhs.nameColumn && lhs.countryColumn == rhs.countryColumn
      && lhs.categories == rhs.categories
  }
}
