import CreatorMatch
import CreatorMatchIO

/// `rank`/`roi`/`shortlist`/`batch --audit FILE`: the fake-follower shares of `creatormatch audit --format csv` as each
/// creator's real-audience share (1 − fake_share), which the authenticity component reads.
enum AuditShares {
  /// The `--audit` option.
  static let option = OptionSpec.value(
    "audit", "file",
    help: "CSV from 'creatormatch audit --format csv': 1 − fake_share becomes the creator's "
      + "real-audience share.")

  /// Reads `path` (columns `creator_id`, `fake_share`) and sets the real-audience share of each
  /// creator it names; bad rows and unknown ids are reported on standard error (a bad row stops
  /// the run when `strict`).
  static func apply(
    _ path: String, to creators: inout [Creator], strict: Bool, context: CommandContext
  ) throws(CLIError) {
    var reader: CSVReader
    do {
      reader = try CSVReader(path: path)
    } catch {
      throw CLIError(error)
    }
    let normalized = reader.header.map { $0.lowercased().filter { $0.isLetter } }
    guard let idColumn = normalized.firstIndex(where: { ["creatorid", "id"].contains($0) }),
      let shareColumn = normalized.firstIndex(of: "fakeshare")
    else {
      throw CLIError(
        "\(path):\(reader.headerLine): an audit file needs creator_id and fake_share columns "
          + "(from 'creatormatch audit --format csv')", code: .dataError)
    }
    var rowByID: [String: Int] = [:]
    for (row, creator) in creators.enumerated() { rowByID[creator.id] = row }
    var record = CSVRecord()
    var applied = 0
    var unknown = 0
    var problems: [String] = []
    do {
      while try reader.next(into: &record) {
        let id = idColumn < record.count ? record.string(at: idColumn) : ""
        let text = shareColumn < record.count ? record.string(at: shareColumn) : ""
        guard let share = Double(text), share >= 0, share <= 1 else {
          let message =
            "\(path):\(record.line):\(shareColumn + 1): fake_share: expected a fraction in "
            + "[0, 1], found \"\(text)\""
          if strict { throw CLIError(message, code: .dataError) }
          problems.append(message)
          continue
        }
        guard let row = rowByID[id] else {
          unknown += 1
          continue
        }
        creators[row].audience.realShare = 1 - share
        applied += 1
      }
    } catch let error as IngestError {
      throw CLIError(error)
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError("\(path): \(error)", code: .dataError)
    }
    var text = "\(path): audited real-audience share set for \(applied) creators"
    if unknown > 0 { text += "; \(unknown) audited ids are not in the table" }
    if !problems.isEmpty { text += "; \(problems.count) bad rows skipped" }
    context.writeError(text + "\n" + problems.prefix(10).map { "  \($0)\n" }.joined())
  }
}
