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
  /// Display names by row (`nil` when the table had none).
  public let names: [String?]
  /// Creator countries (ISO 3166-1 alpha-2) by row.
  public let countries: [String?]
  /// Category labels as written, by row.
  public let categories: [[String]]

  /// The labels of `creators`, row `i` for `creators[i]` (the order `CreatorTable` keeps).
  ///
  /// - Parameter creators: The creators the table was built from, in the same order.
  /// - Complexity: O(n).
  public init(creators: [Creator]) {
    names = creators.map(\.name)
    countries = creators.map(\.country)
    categories = creators.map(\.categories)
  }

  /// No labels: every field reads empty.
  public static let empty = CreatorLabels(names: [], countries: [], categories: [])

  /// Labels from stored columns (a prepared snapshot), row `i` at index `i` of each.
  package init(names: [String?], countries: [String?], categories: [[String]]) {
    self.names = names
    self.countries = countries
    self.categories = categories
  }

  /// The display name of `row`, or `nil` when unknown or out of range.
  public func name(_ row: Int) -> String? { names.indices.contains(row) ? names[row] : nil }

  /// The country of `row`, or `nil` when unknown or out of range.
  public func country(_ row: Int) -> String? {
    countries.indices.contains(row) ? countries[row] : nil
  }

  /// The category labels of `row` (empty when unknown or out of range).
  public func categories(_ row: Int) -> [String] {
    categories.indices.contains(row) ? categories[row] : []
  }
}
