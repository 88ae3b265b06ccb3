import CreatorMatch
import CreatorMatchIO

extension BatchRows {
  /// The header every batch file of `format` has (``RankingReport/csvColumns`` for CSV, nothing
  /// for JSONL). A merge writes this one, not the header a shard file carries.
  package static func standardHeader(_ format: Format) -> String {
    guard format == .csv else { return "" }
    var csv = CSVWriter()
    csv.row(RankingReport.csvColumns)
    return csv.text
  }

  /// Why a row read from a shard file is not one this program writes, or `nil` when it is.
  ///
  /// A shard file's checksum is not keyed: anyone who can edit the file can recompute it. So a
  /// merge checks each row itself before copying its text into a final file: a finite score in
  /// 0…100 and finite followers; one line; for CSV the right number of cells, the row's id in the
  /// `id` cell and no cell a spreadsheet would run as a formula (our writer guards every text
  /// cell; a cell starting with `=`, `+`, `-` or `@` must be a number); for JSON Lines one JSON
  /// object whose `id` is the row's id.
  ///
  /// - Complexity: O(length of the row).
  package static func problem(with row: Row, format: Format) -> String? {
    guard row.score.isFinite, (0...100).contains(row.score) else {
      return "score is not a number from 0 to 100"
    }
    guard row.followers.isFinite, row.followers >= 0 else {
      return "followers is not a finite number"
    }
    guard row.rest.hasSuffix("\n") else { return "the row does not end its line" }
    switch format {
    case .csv:
      guard row.rest.hasPrefix(","), let cells = csvCells(row.rest.utf8.dropFirst()) else {
        return "the row is not one CSV record"
      }
      guard cells.count == RankingReport.csvColumns.count - 1 else {
        return "the row has \(cells.count + 1) cells, expected \(RankingReport.csvColumns.count)"
      }
      // Cell 0 of the rest is column 1 (`brief_id`); `id` is column 2.
      guard let idColumn = RankingReport.csvColumns.firstIndex(of: "id"),
        cells[idColumn - 1] == row.id
      else { return "the row's id cell is not \"\(row.id)\"" }
      for cell in cells {
        if let first = cell.first, "=+-@".contains(first), Double(cell)?.isFinite != true {
          return "a cell starts with \"\(first)\" and is not a number (a spreadsheet formula)"
        }
      }
      return nil
    case .jsonl:
      guard row.rest.hasPrefix(","), !row.rest.dropLast().utf8.contains(0x0A),
        let node = try? JSONParser.parse(Array(("{" + row.rest.dropFirst()).utf8)),
        case .object = node.value
      else { return "the row is not one JSON object" }
      guard node.value["id"]?.string == row.id else { return "the row's id is not \"\(row.id)\"" }
      return nil
    }
  }

  /// The cells of one RFC 4180 record ending in LF, or `nil` when the bytes are not exactly one
  /// record (a quote left open, text after a closing quote, or a line break outside quotes).
  static func csvCells(_ bytes: Substring.UTF8View.SubSequence) -> [String]? {
    var cells: [String] = []
    var cell: [UInt8] = []
    var quoted = false
    var afterQuote = false
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      index = bytes.index(after: index)
      if quoted {
        if byte == UInt8(ascii: "\"") {
          if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
            cell.append(byte)
            index = bytes.index(after: index)
          } else {
            quoted = false
            afterQuote = true
          }
        } else {
          cell.append(byte)
        }
        continue
      }
      switch byte {
      case UInt8(ascii: ","), 0x0A:
        cells.append(String(decoding: cell, as: UTF8.self))
        cell.removeAll(keepingCapacity: true)
        afterQuote = false
        if byte == 0x0A { return index == bytes.endIndex ? cells : nil }
      case UInt8(ascii: "\""):
        // Our writer quotes a whole field or none of it.
        guard cell.isEmpty && !afterQuote else { return nil }
        quoted = true
      case 0x0D:
        return nil
      default:
        guard !afterQuote else { return nil }
        cell.append(byte)
      }
    }
    return nil
  }
}
