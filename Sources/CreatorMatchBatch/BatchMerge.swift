import CreatorMatch
import CreatorMatchIO
import Foundation

/// Combines the output directories of a sharded batch into the files an unsharded run writes:
/// per brief, the shards' rows re-sorted by (score, id bytes) and cut to the top N, the summaries'
/// counts added, and a manifest without shard settings. Every shard file is verified against its
/// shard's manifest first, and the shards must be exactly 0..<n of one batch.
public enum BatchMerge {
  /// Why shards cannot be merged.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the directory or file.
    public var description: String
  }

  /// Merges `shardDirectories` into `outputDirectory`.
  ///
  /// - Parameters:
  ///   - shardDirectories: The output directories of every shard of one run.
  ///   - outputDirectory: Where to write the merged outputs and manifest.
  /// - Returns: The merged manifest, the same a single unsharded run would write.
  /// - Throws: ``Failure`` when a shard is missing, its settings differ or a file fails its
  ///   checksum.
  /// - Complexity: O(r log r) in the rows of all shards.
  public static func merge(_ shardDirectories: [String], into outputDirectory: String)
    throws(Failure)
    -> BatchManifest
  {
    var shards: [(directory: String, manifest: BatchManifest)] = []
    for directory in shardDirectories {
      let path = (directory as NSString).appendingPathComponent("manifest.json")
      do {
        shards.append(
          (directory, try BatchManifest.decode(try AtomicFile.read(path), source: path)))
      } catch {
        throw Failure(description: "\(path): \(error)")
      }
    }
    guard let first = shards.first else { throw Failure(description: "no shard directories given") }
    guard let count = first.manifest.settings.shard?.count else {
      throw Failure(
        description:
          "\(first.directory): not a shard (its manifest has no shard); only sharded outputs merge")
    }
    // A set, not an array of `count` flags: the count comes from a manifest on disk, and one
    // claiming 100,000,000,000 shards must fail as "missing" without allocating for them.
    var seen = Set<Int>()
    for shard in shards {
      var settings = shard.manifest.settings
      guard let spec = settings.shard else {
        throw Failure(description: "\(shard.directory): not a shard output")
      }
      settings.shard = first.manifest.settings.shard
      guard spec.count == count, settings == first.manifest.settings else {
        throw Failure(
          description:
            "\(shard.directory): shard \(spec) was run with other settings than \(first.directory) (top, format, shard count, creators or model)"
        )
      }
      guard seen.insert(spec.index).inserted else {
        throw Failure(description: "\(shard.directory): shard \(spec) given twice")
      }
      guard
        shard.manifest.entries.map({ [$0.brief, $0.briefChecksum] })
          == first.manifest.entries.map({ [$0.brief, $0.briefChecksum] })
      else {
        throw Failure(
          description: "\(shard.directory): its briefs differ from \(first.directory)'s")
      }
    }
    // `seen` holds distinct indices below `count`; when it has fewer than `count`, one of
    // 0...seen.count is missing (pigeonhole), so the search is O(shards), not O(count).
    if seen.count < count, let missing = (0...seen.count).first(where: { !seen.contains($0) }) {
      throw Failure(
        description: "shard \(missing)/\(count) is missing; every shard 0..<\(count) must be given")
    }
    var settings = first.manifest.settings
    settings.shard = nil
    // Everything is read and checked before the first byte is written, so a merge that fails
    // leaves the output directory as it was.
    var entries: [BatchManifest.Entry] = []
    var files: [(name: String, text: String)] = []
    for (position, entry) in first.manifest.entries.enumerated() {
      let parts = shards.map { $0.manifest.entries[position] }
      if let failed = parts.first(where: { $0.status != .ok }) {
        entries.append(
          BatchManifest.Entry(
            brief: entry.brief, status: .failed, reason: failed.reason, outputs: []))
        continue
      }
      var rows: [BatchRows.Row] = []
      var summaries: [BatchSummary] = []
      var name = ""
      for (shard, part) in zip(shards, parts) {
        for output in part.outputs {
          let path = (shard.directory as NSString).appendingPathComponent(output.file)
          let bytes = try verifiedBytes(path, output: output)
          do {
            if output.file.hasSuffix(".rows.jsonl") {
              let parsed = try BatchRows.parseShardFile(bytes, source: path)
              try check(parsed, format: settings.format, source: path)
              rows.append(contentsOf: parsed.rows)
              name = String(output.file.dropLast(".rows.jsonl".count))
            } else {
              summaries.append(try BatchSummary.decode(bytes, source: path))
            }
          } catch let error as Failure {
            throw error
          } catch {
            throw Failure(description: "\(error)")
          }
        }
      }
      rows.sort(by: BatchRows.Row.ranksAbove)
      let top = Array(rows.prefix(settings.top))
      guard let summary = BatchSummary.merged(summaries, rows: top.count) else {
        throw Failure(description: "\(entry.brief): no summary in the shards")
      }
      let names = BatchJob.outputNames(name, format: settings.format, sharded: false)
      let rowsText = BatchRows.file(
        header: BatchRows.standardHeader(settings.format), rows: top, format: settings.format)
      let summaryText = summary.jsonText()
      files.append((names.rows, rowsText))
      files.append((names.summary, summaryText))
      entries.append(
        BatchManifest.Entry(
          brief: entry.brief, status: .ok, reason: nil,
          outputs: [
            BatchManifest.Output(names.rows, text: rowsText),
            BatchManifest.Output(names.summary, text: summaryText),
          ],
          briefChecksum: entry.briefChecksum))
    }
    let manifest = BatchManifest(settings: settings, entries: entries)
    do {
      try AtomicFile.makeDirectory(outputDirectory)
      for file in files {
        try AtomicFile.write(
          file.text, to: (outputDirectory as NSString).appendingPathComponent(file.name))
      }
      try AtomicFile.write(
        manifest.jsonText(),
        to: (outputDirectory as NSString).appendingPathComponent("manifest.json"))
    } catch {
      throw Failure(description: error.description)
    }
    return manifest
  }

  /// The bytes of a shard's output, checked against its manifest record.
  static func verifiedBytes(_ path: String, output: BatchManifest.Output) throws(Failure)
    -> [UInt8]
  {
    let bytes: [UInt8]
    do {
      bytes = try AtomicFile.read(path)
    } catch {
      throw Failure(description: "\(error)")
    }
    guard output.matches(bytes) else {
      throw Failure(
        description:
          "\(path): does not match its shard manifest (size or checksum); rerun that shard with --resume"
      )
    }
    return bytes
  }

  /// Checks a shard file's header and every row (see ``BatchRows/problem(with:format:)``).
  static func check(
    _ parsed: (header: String, rows: [BatchRows.Row]), format: BatchRows.Format, source: String
  ) throws(Failure) {
    guard parsed.header == BatchRows.standardHeader(format) else {
      throw Failure(description: "\(source):1: the header is not the batch header of \(format)")
    }
    for (offset, row) in parsed.rows.enumerated() {
      if let problem = BatchRows.problem(with: row, format: format) {
        throw Failure(
          description:
            "\(source):\(offset + 2): \(problem); the file was not written by creatormatch batch, or was edited"
        )
      }
    }
  }
}
