import CreatorMatch

/// Which file column feeds which ``CreatorField``: the header aliases, then the user's
/// `--map field=Header` overrides.
///
/// ```swift
/// let mapping = try ColumnMapping(header: ["Username", "#Followers"], overrides: [:], file: "k.txt")
/// mapping.columns(for: .id)         // [0]
/// mapping.columns(for: .followers)  // [1]
/// ```
package struct ColumnMapping: Sendable, Equatable {
  /// Columns per field, indexed by ``CreatorField/ordinal``.
  package private(set) var columnsByField: [[Int]]
  /// Header columns that feed no field, by name.
  package private(set) var ignoredColumns: [String]
  /// The header as read.
  package let header: [String]

  /// Maps `header` through aliases, then applies `overrides` (field → header name as written).
  /// - Throws: ``IngestError/unusable(_:)`` when an override names an unknown field or a header
  ///   the file does not have.
  package init(header: [String], overrides: [CreatorField: String], file: String)
    throws(IngestError)
  {
    self.header = header
    columnsByField = Array(repeating: [], count: CreatorField.allCases.count)
    var claimed = Array(repeating: false, count: header.count)

    for (field, wanted) in overrides.sorted(by: { $0.key.ordinal < $1.key.ordinal }) {
      let normalizedWanted = CreatorField.normalizeHeader(wanted)
      let matches = header.indices.filter {
        header[$0] == wanted || CreatorField.normalizeHeader(header[$0]) == normalizedWanted
      }
      guard !matches.isEmpty else {
        throw .unusable(
          Diagnostic(
            file: file, line: 1, column: 0, severity: .error, rule: "unknown-mapped-column",
            message: "--map \(field.rawValue)=\(wanted): the file has no column \"\(wanted)\"; "
              + "its columns are: " + header.map { "\"\($0)\"" }.joined(separator: ", ")))
      }
      let chosen = field.acceptsSeveralColumns ? matches : [matches[0]]
      columnsByField[field.ordinal] = chosen
      for column in chosen { claimed[column] = true }
    }

    // Aliases, in the field's alias order so that "id" beats "username" when both exist.
    let normalized = header.map(CreatorField.normalizeHeader)
    for field in CreatorField.allCases where columnsByField[field.ordinal].isEmpty {
      if overrides[field] != nil { continue }
      var chosen: [Int] = []
      for alias in field.aliases {
        for column in normalized.indices where normalized[column] == alias && !claimed[column] {
          chosen.append(column)
          claimed[column] = true
          if !field.acceptsSeveralColumns { break }
        }
        if !chosen.isEmpty && !field.acceptsSeveralColumns { break }
      }
      columnsByField[field.ordinal] = chosen.sorted()
    }
    ignoredColumns = header.indices.filter { !claimed[$0] }.map { header[$0] }
  }

  /// The columns that feed `field`, in file order.
  package func columns(for field: CreatorField) -> [Int] { columnsByField[field.ordinal] }

  /// Whether some column feeds `field`.
  package func has(_ field: CreatorField) -> Bool { !columnsByField[field.ordinal].isEmpty }

  /// Field → header descriptions of the mapping, for `validate` output.
  package var summary: [(field: CreatorField, headers: [String])] {
    CreatorField.allCases.compactMap { field in
      let columns = columnsByField[field.ordinal]
      return columns.isEmpty ? nil : (field, columns.map { header[$0] })
    }
  }
}
