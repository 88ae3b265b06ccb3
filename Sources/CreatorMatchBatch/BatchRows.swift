import CreatorMatch
import CreatorMatchIO
import CreatorMatchSupport

/// The rows of one brief's ranking in a batch output format, split so that shards can be merged:
/// each line is `prefix + rank + rest`, and the rest does not depend on the rank. A shard keeps
/// each row's exact score bits with its rest; a merge re-sorts by (score, id bytes), renumbers
/// and writes the same bytes a single run would.
public enum BatchRows {
  /// Output formats of a batch.
  public enum Format: String, Sendable, CaseIterable {
    /// RFC 4180 CSV with a header.
    case csv
    /// One JSON object per line.
    case jsonl

    /// The file extension.
    public var fileExtension: String { rawValue }
  }

  /// One ranked row before its rank is known.
  package struct Row: Sendable, Equatable {
    /// The composite score (exact bits, for merging).
    package var score: Double
    /// Creator id (the last tie-break).
    package var id: String
    /// The creator's measured inputs and followers (the first tie-breaks).
    package var measuredInputs: Int
    /// Followers.
    package var followers: Double
    /// The line after the rank.
    package var rest: String

    /// Orders rows as rankings do: score descending, then more measured inputs, more followers,
    /// then id bytes ascending.
    package static func ranksAbove(_ lhs: Row, _ rhs: Row) -> Bool {
      if lhs.score != rhs.score { return lhs.score > rhs.score }
      if lhs.measuredInputs != rhs.measuredInputs { return lhs.measuredInputs > rhs.measuredInputs }
      if lhs.followers != rhs.followers { return lhs.followers > rhs.followers }
      return ByteOrder.precedes(lhs.id, rhs.id)
    }
  }

  /// The text a line starts with, before the rank.
  package static func prefix(_ format: Format) -> String { format == .csv ? "" : "{\"rank\":" }

  /// The header line (CSV) or nothing (JSONL). The same for every brief (see
  /// ``RankingReport/csvColumns``), so the files of one batch stack.
  package static func header(_ ranking: Ranking, format: Format) -> String {
    guard format == .csv else { return "" }
    var csv = CSVWriter()
    csv.row(RankingReport(ranking: ranking).csvHeader)
    return csv.text
  }

  /// The rows of a ranking.
  ///
  /// - Parameters:
  ///   - ranking: The ranking.
  ///   - format: The output format.
  ///   - labels: Names, countries and categories by table row (`CreatorLabels.empty` leaves
  ///     those columns empty).
  /// - Returns: The rows, best first, each without its rank.
  package static func rows(_ ranking: Ranking, format: Format, labels: CreatorLabels = .empty)
    -> [Row]
  {
    let report = RankingReport(ranking: ranking, labels: labels)
    return ranking.rows.map { row in
      let line: String
      switch format {
      case .csv:
        var csv = CSVWriter()
        csv.row(report.csvCells(row, explanation: nil))
        line = csv.text
      case .jsonl:
        var json = JSONWriter()
        report.writeCreator(row, explanation: nil, into: &json, briefID: ranking.brief.id)
        line = json.text + "\n"
      }
      return Row(
        score: row.score, id: row.id, measuredInputs: row.measuredInputs,
        followers: row.followers, rest: rest(of: line, rank: row.rank, format: format))
    }
  }

  /// The line with its rank prefix removed.
  static func rest(of line: String, rank: Int, format: Format) -> String {
    switch format {
    case .csv:
      return String(line.dropFirst(String(rank).count))
    case .jsonl:
      // writeCreator starts {"brief_id":…,"rank":N,…}; move the rank to the front for merging.
      let marker = ",\"rank\":\(rank),"
      guard let range = line.range(of: marker) else { return line }
      var copy = line
      copy.replaceSubrange(range, with: ",")
      return "," + copy.dropFirst()
    }
  }

  /// The final file: header and rows renumbered from 1, best first.
  package static func file(header: String, rows: [Row], format: Format) -> String {
    var text = header
    for (index, row) in rows.enumerated() { text += prefix(format) + String(index + 1) + row.rest }
    return text
  }

  /// A shard's intermediate file: one JSON object per row with its score bits, id and rest.
  package static func shardFile(header: String, rows: [Row]) -> String {
    var text = ""
    var json = JSONWriter()
    json.object { object in
      object.key("header")
      object.string(header)
    }
    text += json.text + "\n"
    for row in rows {
      var line = JSONWriter()
      line.object { object in
        object.key("score_bits")
        object.string(String(row.score.bitPattern, radix: 16))
        object.key("id")
        object.string(row.id)
        object.key("measured_inputs")
        object.integer(row.measuredInputs)
        object.key("followers_bits")
        object.string(String(row.followers.bitPattern, radix: 16))
        object.key("rest")
        object.string(row.rest)
      }
      text += line.text + "\n"
    }
    return text
  }

  /// Reads a shard's intermediate file.
  package static func parseShardFile(_ bytes: [UInt8], source: String) throws(JSONDocumentError)
    -> (
      header: String, rows: [Row]
    )
  {
    var header = ""
    var rows: [Row] = []
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
    for (offset, line) in lines.enumerated() {
      try JSONDocumentError.reading(Array(line), source: "\(source):\(offset + 1)") {
        node throws(JSONSchemaError) in
        if offset == 0 {
          let object = try JSONObjectReader(node, path: "$", allowedKeys: ["header"])
          header = try object.requiredString("header")
          return
        }
        let object = try JSONObjectReader(
          node, path: "$",
          allowedKeys: ["score_bits", "id", "measured_inputs", "followers_bits", "rest"])
        guard let bits = UInt64(try object.requiredString("score_bits"), radix: 16) else {
          throw object.invalid("score_bits", "expected a hexadecimal bit pattern")
        }
        guard let followers = UInt64(try object.requiredString("followers_bits"), radix: 16)
        else {
          throw object.invalid("followers_bits", "expected a hexadecimal bit pattern")
        }
        guard let measured = try object.integer("measured_inputs"), (0...4).contains(measured)
        else {
          throw object.invalid("measured_inputs", "expected an integer from 0 to 4")
        }
        rows.append(
          Row(
            score: Double(bitPattern: bits), id: try object.requiredString("id"),
            measuredInputs: measured, followers: Double(bitPattern: followers),
            rest: try object.requiredString("rest")))
      }
    }
    return (header, rows)
  }
}
