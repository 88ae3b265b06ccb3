import CreatorMatch

/// A plain-text table that fits a terminal width: columns have a priority, and the lowest-priority
/// columns are dropped (then the flexible column narrowed) until the table fits.
///
/// ```swift
/// var table = TextTable(columns: [
///   .init(title: "#", alignRight: true), .init(title: "creator", flexible: true),
/// ])
/// table.add(["1", "@ania.glow"])
/// print(table.render(width: 80))
/// ```
package struct TextTable: Sendable {
  /// A column.
  package struct Column: Sendable {
    /// The header.
    package var title: String
    /// Right-align (numbers).
    package var alignRight: Bool
    /// The column that shrinks first (e.g. names), down to ``minimumWidth``.
    package var flexible: Bool
    /// Lower numbers are dropped first when the table is too wide; 0 is never dropped.
    package var dropPriority: Int
    /// The narrowest a flexible column gets.
    package var minimumWidth: Int

    /// Creates a column.
    package init(
      title: String, alignRight: Bool = false, flexible: Bool = false, dropPriority: Int = 0,
      minimumWidth: Int = 8
    ) {
      self.title = title
      self.alignRight = alignRight
      self.flexible = flexible
      self.dropPriority = dropPriority
      self.minimumWidth = minimumWidth
    }
  }

  /// The columns.
  package var columns: [Column]
  /// The rows of cells.
  package private(set) var rows: [[String]] = []

  /// Creates a table.
  package init(columns: [Column]) {
    self.columns = columns
  }

  /// Adds a row (missing cells are blank); control characters are taken out of the cells.
  package mutating func add(_ cells: [String]) {
    rows.append(cells.map(Self.printable))
  }

  /// `text` without C0 and C1 control characters (and DEL); tabs and line breaks become spaces.
  ///
  /// Cells hold input text (handles, names, ids): an ESC or OSC sequence in a handle would
  /// otherwise reach the terminal raw, recolouring it or rewriting its title, and a line break
  /// would split a row.
  /// - Complexity: O(n) in the text's length; a text without controls is returned as is.
  package static func printable(_ text: String) -> String {
    func isControl(_ scalar: Unicode.Scalar) -> Bool {
      scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\t", "\n", "\r": scalars.append(" ")
      case _ where isControl(scalar): continue
      default: scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  /// The table as lines of at most `width` cells (unless even the essential columns do not fit).
  package func render(width: Int) -> String {
    var visible = Array(columns.indices)
    var widths = columns.indices.map { index in
      rows.reduce(DisplayWidth.of(columns[index].title)) { current, row in
        max(current, index < row.count ? DisplayWidth.of(row[index]) : 0)
      }
    }
    func total() -> Int { visible.reduce(0) { $0 + widths[$1] } + 2 * max(0, visible.count - 1) }
    // Narrow the flexible column to its minimum, then drop columns by priority, then narrow more.
    if let flexible = columns.firstIndex(where: \.flexible), total() > width {
      widths[flexible] = max(columns[flexible].minimumWidth, widths[flexible] - (total() - width))
    }
    while total() > width {
      let droppable = visible.filter { columns[$0].dropPriority > 0 }
      guard let drop = droppable.min(by: { columns[$0].dropPriority < columns[$1].dropPriority })
      else { break }
      visible.removeAll { $0 == drop }
      if let flexible = columns.firstIndex(where: \.flexible) {
        let natural = rows.reduce(DisplayWidth.of(columns[flexible].title)) {
          max($0, flexible < $1.count ? DisplayWidth.of($1[flexible]) : 0)
        }
        widths[flexible] = min(natural, widths[flexible] + max(0, width - total()))
      }
    }
    var lines: [String] = []
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for index in visible {
        let column = columns[index]
        let cell = DisplayWidth.truncate(index < cells.count ? cells[index] : "", to: widths[index])
        parts.append(DisplayWidth.pad(cell, to: widths[index], alignRight: column.alignRight))
      }
      var text = parts.joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    lines.append(line(columns.map(\.title)))
    for row in rows { lines.append(line(row)) }
    return lines.joined(separator: "\n") + "\n"
  }
}
