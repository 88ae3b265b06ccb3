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
    /// The output file stem: the id with characters outside `A-Za-z0-9._-` replaced by `_`.
    public var name: String
    /// The brief, or why it cannot run.
    public var brief: Result<CampaignBrief, Failure>

    /// Creates an entry.
    public init(id: String, name: String, brief: Result<CampaignBrief, Failure>) {
      self.id = id
      self.name = name
      self.brief = brief
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
          entries.append(entry(id: brief.id, brief: .success(brief)))
        } catch let error as JSONDocumentError {
          entries.append(entry(id: fallback, brief: .failure(Failure(reason: error.description))))
        } catch {
          entries.append(entry(id: fallback, brief: .failure(Failure(reason: "\(error)"))))
        }
      }
    } else {
      let bytes = try AtomicFile.read(path)
      let text = String(decoding: bytes, as: UTF8.self)
      for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { continue }
        let source = "\(path):\(offset + 1)"
        do {
          let brief = try CampaignBrief.decode(Array(trimmed.utf8), source: source)
          entries.append(entry(id: brief.id, brief: .success(brief)))
        } catch {
          entries.append(
            entry(id: "line-\(offset + 1)", brief: .failure(Failure(reason: error.description))))
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

  static func entry(id: String, brief: Result<CampaignBrief, Failure>) -> Entry {
    Entry(id: id, name: safeName(id), brief: brief)
  }

  /// The id as a file-name stem.
  public static func safeName(_ id: String) -> String {
    let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
    let name = String(id.map { allowed.contains($0) ? $0 : "_" })
    return name.isEmpty || name.hasPrefix(".") ? "_" + name : name
  }
}
