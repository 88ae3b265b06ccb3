import CreatorMatch
import CreatorMatchIO
import CreatorMatchSupport
import Foundation

/// The briefs of a batch: every `*.json` file of a directory, or one brief per line of a JSONL
/// file. A brief that cannot be read stays in the list as a failure with its reason, so the
/// others still run.
public enum BriefSource {
  /// One brief of the batch, read or failed.
  public struct Entry: Sendable {
    /// The brief's id (or, when it could not be read, the file name or line it came from).
    public var id: String
    /// The output file stem (see ``BriefSource/safeName(_:)``).
    public var name: String
    /// The brief, or why it cannot run.
    public var brief: Result<CampaignBrief, Failure>
    /// The checksum of the brief's bytes as read (its file, or its JSONL line), so that a resumed
    /// batch reruns a brief whose text changed since its outputs were written.
    public var checksum: String

    /// Creates an entry.
    public init(
      id: String, name: String, brief: Result<CampaignBrief, Failure>, checksum: String = ""
    ) {
      self.id = id
      self.name = name
      self.brief = brief
      self.checksum = checksum
    }
  }

  /// Why a brief cannot run.
  public struct Failure: Error, Sendable, Equatable {
    /// The reason, naming file, line and JSON path where known.
    public var reason: String
  }

  /// Reads the briefs at `path` (a directory or a JSONL file), sorted by id bytes.
  ///
  /// - Parameter path: A directory of `.json` briefs or a JSONL file of briefs.
  /// - Returns: One entry per brief; a brief that does not decode is an entry with its failure.
  /// - Throws: `CreatorMatchIO.IngestError` when `path` is missing or unreadable.
  /// - Complexity: O(n) in the size of the briefs.
  public static func load(_ path: String) throws(IngestError) -> [Entry] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .missingFile(path: path, reason: "no such file or directory")
    }
    var entries: [Entry] = []
    if isDirectory.boolValue {
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: path)
          .filter { $0.lowercased().hasSuffix(".json") }.sorted(by: ByteOrder.precedes)
      } catch {
        throw .ioFailure(path: path, reason: error.localizedDescription)
      }
      for name in names {
        let file = (path as NSString).appendingPathComponent(name)
        let fallback = String(name.dropLast(5))
        do {
          let bytes = try AtomicFile.read(file)
          let brief = try CampaignBrief.decode(bytes, source: file)
          entries.append(entry(id: brief.id, brief: .success(brief), bytes: bytes))
        } catch let error as JSONDocumentError {
          entries.append(entry(id: fallback, brief: .failure(Failure(reason: error.description))))
        } catch {
          entries.append(entry(id: fallback, brief: .failure(Failure(reason: "\(error)"))))
        }
      }
    } else {
      let bytes = try AtomicFile.read(path)
      JSONLines.forEachLine(in: bytes, from: 0) { number, line in
        // JSON allows the white space around a record, CR of a CRLF line end included; the line
        // is decoded as it is, so that an error's column is the column in the file.
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        do throws(JSONDocumentError) {
          let brief = try CampaignBrief.decode(line, source: path)
          entries.append(entry(id: brief.id, brief: .success(brief), bytes: line))
        } catch {
          entries.append(
            entry(
              id: "line-\(number)",
              brief: .failure(Failure(reason: error.onLine(number).description))))
        }
      }
    }
    // Ids and output names must be unique; a later duplicate fails instead of overwriting.
    var seen: Set<String> = []
    var result: [Entry] = []
    for var entry in entries.sorted(by: { ByteOrder.precedes($0.id, $1.id) }) {
      if !seen.insert(entry.name).inserted {
        var suffix = 2
        while seen.contains("\(entry.name)~\(suffix)") { suffix += 1 }
        entry.name += "~\(suffix)"
        seen.insert(entry.name)
        entry.brief = .failure(
          Failure(reason: "another brief already has the id (or file name) \"\(entry.id)\""))
      }
      result.append(entry)
    }
    return result
  }

  static func entry(id: String, brief: Result<CampaignBrief, Failure>, bytes: [UInt8] = [])
    -> Entry
  {
    Entry(
      id: id, name: safeName(id), brief: brief,
      checksum: bytes.isEmpty ? "" : BatchManifest.checksum(bytes))
  }

  /// The longest file-name stem, in UTF-8 bytes: with `.summary.json` and the temporary file's
  /// `.` + marker + numbers it stays well under the 255 bytes file systems allow.
  static let longestName = 120

  /// The id as a file-name stem, readable in any script.
  ///
  /// The id in Unicode NFC, letters and digits of any script kept (`pl-pielęgnacja`,
  /// `ua-догляд`, `jp-スキンケア` stay as written), `.`, `_` and `-` kept, every other character
  /// (separators, `/`, controls, punctuation) replaced by `_`, a leading `.` prefixed with `_`,
  /// and the stem cut at 120 bytes on a character boundary. Whenever a character was replaced
  /// or the stem cut, `-` and 8 hex digits of the id's hash are appended, so two ids that differ
  /// only there still get different files.
  ///
  /// - Parameter id: A brief's id.
  /// - Returns: The stem, never empty, never starting with `.`.
  public static func safeName(_ id: String) -> String {
    let normalized = id.precomposedStringWithCanonicalMapping
    var name = ""
    var altered = false
    for character in normalized {
      let kept =
        character.isLetter || character.isNumber || character == "." || character == "_"
        || character == "-"
      if kept, name.utf8.count + character.utf8.count <= longestName {
        name.append(character)
      } else {
        altered = true
        if kept { break }
        if name.utf8.count < longestName { name.append("_") }
      }
    }
    if name.isEmpty || name.hasPrefix(".") {
      name = "_" + name
      altered = altered || !id.isEmpty
    }
    guard altered else { return name }
    let hash = String(StableHash.hash(id) & 0xFFFF_FFFF, radix: 16)
    return name + "-" + String(repeating: "0", count: 8 - hash.count) + hash
  }
}
