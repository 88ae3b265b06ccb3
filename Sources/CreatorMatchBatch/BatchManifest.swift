import CreatorMatch
import CreatorMatchIO
import CreatorMatchSupport

/// `manifest.json`: the batch's settings and, per brief, its status and each output's size and
/// checksum. Written atomically after every brief, so a killed run can be resumed from it and a
/// merge can verify every shard file. It holds no timings or paths of the run, so the same inputs
/// always give the same manifest, sharded and merged or not.
public struct BatchManifest: Sendable, Equatable {
  /// The format version.
  public static let version = 1

  /// What must match for a resume or a merge.
  public struct Settings: Sendable, Equatable {
    /// Rows kept per brief.
    public var top: Int
    /// Output format.
    public var format: BatchRows.Format
    /// The shard, or `nil` for final (unsharded or merged) output.
    public var shard: ShardSpec?
    /// Fingerprint of the creator file (size and edges of its bytes).
    public var creatorsFingerprint: String
    /// Fingerprint of the population model.
    public var modelFingerprint: String

    /// Creates settings.
    public init(
      top: Int, format: BatchRows.Format, shard: ShardSpec?, creatorsFingerprint: String,
      modelFingerprint: String
    ) {
      self.top = top
      self.format = format
      self.shard = shard
      self.creatorsFingerprint = creatorsFingerprint
      self.modelFingerprint = modelFingerprint
    }
  }

  /// One output file.
  public struct Output: Sendable, Equatable {
    /// File name inside the output directory.
    public var file: String
    /// Size in bytes.
    public var bytes: Int
    /// Checksum of the bytes (FNV-1a 64 + SplitMix64, hex).
    public var checksum: String

    /// The record of a file holding `contents`.
    init(_ file: String, contents: [UInt8]) {
      self.init(file: file, bytes: contents.count, checksum: BatchManifest.checksum(contents))
    }

    /// The record of a file holding `text`.
    init(_ file: String, text: String) {
      self.init(file, contents: Array(text.utf8))
    }

    /// Whether `contents` are the recorded file's: its size and checksum.
    func matches(_ contents: [UInt8]) -> Bool {
      contents.count == bytes && BatchManifest.checksum(contents) == checksum
    }

    init(file: String, bytes: Int, checksum: String) {
      self.file = file
      self.bytes = bytes
      self.checksum = checksum
    }
  }

  /// What became of a brief; written to and read from the manifest as `"ok"` and `"failed"`.
  public enum Status: String, Sendable, Equatable, Codable, CaseIterable {
    /// Ranked, with its outputs listed.
    case ok
    /// Not ranked; the entry's reason says why.
    case failed
  }

  /// One brief's entry.
  public struct Entry: Sendable, Equatable {
    /// The brief's id.
    public var brief: String
    /// Whether it was ranked.
    public var status: Status
    /// Why it failed.
    public var reason: String?
    /// Its outputs.
    public var outputs: [Output]
    /// The checksum of the brief's text when it ran (``BriefSource/Entry/checksum``); a resume
    /// reruns the brief when it differs. Empty in manifests written before it was recorded, and
    /// in merged manifests (a merge does not read briefs).
    public var briefChecksum: String = ""
  }

  /// The settings.
  public var settings: Settings
  /// Entries sorted by brief id bytes.
  public var entries: [Entry]

  /// Creates a manifest.
  public init(settings: Settings, entries: [Entry]) {
    self.settings = settings
    self.entries = entries.sorted { ByteOrder.precedes($0.brief, $1.brief) }
  }

  /// The checksum of bytes as hex.
  public static func checksum(_ bytes: [UInt8]) -> String {
    let value = bytes.withUnsafeBufferPointer { FollowerHash.hash($0) }
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The manifest's JSON text.
  public func jsonText() -> String {
    var json = JSONWriter(pretty: true)
    json.object { root in
      root.key("format")
      root.string("creatormatch-batch")
      root.key("version")
      root.integer(Self.version)
      root.key("top")
      root.integer(settings.top)
      root.key("output_format")
      root.string(settings.format.rawValue)
      if let shard = settings.shard {
        root.key("shard")
        root.object { object in
          object.key("index")
          object.integer(shard.index)
          object.key("count")
          object.integer(shard.count)
        }
      }
      root.key("creators")
      root.string(settings.creatorsFingerprint)
      root.key("model")
      root.string(settings.modelFingerprint)
      root.key("briefs")
      root.array { list in
        for entry in entries {
          list.object { object in
            object.key("brief")
            object.string(entry.brief)
            object.key("status")
            object.string(entry.status.rawValue)
            if let reason = entry.reason {
              object.key("reason")
              object.string(reason)
            }
            if !entry.briefChecksum.isEmpty {
              object.key("brief_checksum")
              object.string(entry.briefChecksum)
            }
            object.key("outputs")
            object.array { outputs in
              for output in entry.outputs {
                outputs.object { item in
                  item.key("file")
                  item.string(output.file)
                  item.key("bytes")
                  item.integer(output.bytes)
                  item.key("checksum")
                  item.string(output.checksum)
                }
              }
            }
          }
        }
      }
    }
    return json.text + "\n"
  }

  /// Reads a manifest.
  public static func decode(_ bytes: [UInt8], source: String) throws(JSONDocumentError)
    -> BatchManifest
  {
    try JSONDocumentError.reading(bytes, source: source) { node throws(JSONSchemaError) in
      let root = try JSONObjectReader(
        node, path: "$",
        allowedKeys: [
          "format", "version", "top", "output_format", "shard", "creators", "model", "briefs",
        ])
      guard try root.requiredString("format") == "creatormatch-batch" else {
        throw root.invalid("format", "not a CreatorMatch batch manifest")
      }
      guard try root.integer("version") == version else {
        throw root.invalid("version", "manifest version is not \(version)")
      }
      let formatName = try root.requiredString("output_format")
      guard let format = BatchRows.Format(rawValue: formatName) else {
        throw root.invalid("output_format", "expected csv or jsonl")
      }
      var shard: ShardSpec?
      if let object = try root.object("shard", allowedKeys: ["index", "count"]) {
        guard let index = try object.integer("index"), let count = try object.integer("count"),
          count >= 1, (0..<count).contains(index)
        else { throw object.invalid("index", "expected 0 ≤ index < count") }
        shard = ShardSpec(index: index, count: count)
      }
      let top = try root.integer("top") ?? 0
      // The cap of `--top`: merging takes a prefix of `top` rows, which traps when negative.
      guard (0...CampaignBrief.largestTop).contains(top) else {
        throw root.invalid("top", "expected 0 to \(CampaignBrief.largestTop), found \(top)")
      }
      let settings = Settings(
        top: top, format: format, shard: shard,
        creatorsFingerprint: try root.requiredString("creators"),
        modelFingerprint: try root.requiredString("model"))
      guard let list = root.node("briefs"), case .array(let items) = list.value else {
        throw root.missing("briefs")
      }
      var entries: [Entry] = []
      for (offset, item) in items.enumerated() {
        let object = try JSONObjectReader(
          item, path: "$.briefs[\(offset)]",
          allowedKeys: ["brief", "status", "reason", "brief_checksum", "outputs"])
        var outputs: [Output] = []
        if let outputList = object.node("outputs"), case .array(let files) = outputList.value {
          for (index, file) in files.enumerated() {
            let output = try JSONObjectReader(
              file, path: object.path(of: "outputs") + "[\(index)]",
              allowedKeys: ["file", "bytes", "checksum"])
            let file = try output.requiredString("file")
            // Resume deletes and merge reads these names inside the batch's directory: a
            // manifest must not point anywhere else (`../outside`, `/etc/passwd`).
            guard isPlainFileName(file) else {
              throw output.invalid("file", "expected a file name inside the batch directory")
            }
            outputs.append(
              Output(
                file: file, bytes: try output.integer("bytes") ?? -1,
                checksum: try output.requiredString("checksum")))
          }
        }
        let statusName = try object.requiredString("status")
        guard let status = Status(rawValue: statusName) else {
          throw object.invalid(
            "status",
            "unknown status \"\(statusName)\"; expected "
              + Status.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or "))
        }
        entries.append(
          Entry(
            brief: try object.requiredString("brief"), status: status,
            reason: try object.string("reason"), outputs: outputs,
            briefChecksum: try object.string("brief_checksum") ?? ""))
      }
      return BatchManifest(settings: settings, entries: entries)
    }
  }
}

extension BatchManifest {
  /// Whether `name` names a file directly inside a directory: no separator, not `.` or `..`,
  /// not hidden (batch outputs never are), no NUL.
  static func isPlainFileName(_ name: String) -> Bool {
    !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\\")
      && !name.utf8.contains(0)
  }

  /// Writes a running batch's manifest snapshots, newest wins: each snapshot carries the version
  /// of the state it was taken from, and one older than a snapshot already written is dropped.
  /// Workers snapshot under one lock and write under another, so snapshots can reach the writer
  /// out of order; without this rule an older one could overwrite a newer one on disk.
  struct Writer: Sendable {
    /// The manifest's path.
    let path: String
    /// The version of the snapshot on disk, or `nil` before the first write.
    private(set) var written: Int?

    init(path: String) {
      self.path = path
    }

    /// Writes `manifest`, taken at `version`, unless a newer (or the same) version is on disk;
    /// returns whether it wrote.
    @discardableResult
    mutating func write(_ manifest: BatchManifest, version: Int) throws(AtomicFile.WriteError)
      -> Bool
    {
      if let written, written >= version { return false }
      try AtomicFile.write(manifest.jsonText(), to: path)
      written = version
      return true
    }
  }
}
