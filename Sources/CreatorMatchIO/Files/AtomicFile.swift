import CreatorMatch
import Foundation

/// Writes files atomically: to a temporary file beside the target, then renamed over it, so a
/// reader (or a resumed batch) never sees a half-written file.
package enum AtomicFile {
  /// Why a write failed.
  package struct WriteError: Error, Sendable, CustomStringConvertible {
    /// The target path.
    package var path: String
    /// The system's reason.
    package var reason: String

    /// `path: cannot write: reason`.
    package var description: String { "\(path): cannot write: \(reason)" }
  }

  /// Writes `bytes` to `path` atomically, creating parent directories.
  package static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    )
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(bytes).write(to: temporary)
      // rename(2) replaces the target atomically on POSIX file systems.
      guard rename(temporary.path, url.path) == 0 else {
        throw WriteError(path: path, reason: String(cString: strerror(errno)))
      }
    } catch let error as WriteError {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw WriteError(path: path, reason: error.localizedDescription)
    }
  }

  /// Writes `text` as UTF-8.
  package static func write(_ text: String, to path: String) throws(WriteError) {
    try write(Array(text.utf8), to: path)
  }

  /// Reads a whole file, or throws ``IngestError``.
  package static func read(_ path: String) throws(IngestError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .missingFile(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else {
      throw .missingFile(path: path, reason: "is a directory, expected a file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .ioFailure(path: path, reason: "unreadable")
    }
    return Array(data)
  }
}
