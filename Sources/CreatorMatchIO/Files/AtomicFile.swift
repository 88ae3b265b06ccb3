import CreatorMatch
import Foundation

/// Writes files atomically: to a temporary file beside the target, then renamed over it, so a
/// reader (or a resumed batch) never sees a half-written file.
///
/// Only regular files are replaced that way. A symbolic link is followed and its target replaced
/// (the link stays a link); a FIFO, a terminal or another device (`/dev/stdout`, `/dev/null`) is
/// written through, never replaced by a regular file; a directory is refused. The parent directory
/// must exist: a mistyped path fails instead of growing a tree of directories.
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

  /// The marker of this module's temporary files: `.NAME.creatormatch-tmp-PID-RANDOM`. A batch
  /// removes leftovers carrying it, and only those, so a user's own `.x.tmp-1` files stay.
  package static let temporaryMarker = ".creatormatch-tmp-"

  /// What is at a path, as far as writing it is concerned.
  enum Target: Equatable {
    case absent
    case regular
    case directory
    /// A FIFO, socket or device: written through.
    case special
  }

  /// Writes `bytes` to `path`: atomically for a regular or absent file, through a special file.
  ///
  /// - Throws: ``WriteError`` naming the path when the parent directory is missing, the path is
  ///   a directory, a symbolic link loops, or the system refuses the write.
  package static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
    let resolved = try resolveLinks(path)
    switch target(resolved) {
    case .directory:
      throw WriteError(path: path, reason: "is a directory, expected a file")
    case .special:
      try writeThrough(bytes, to: resolved, reportedAs: path)
    case .absent, .regular:
      try replace(resolved, with: bytes, reportedAs: path)
    }
  }

  /// Writes `text` as UTF-8.
  package static func write(_ text: String, to path: String) throws(WriteError) {
    try write(Array(text.utf8), to: path)
  }

  /// Creates the directory `path`, and its missing parents, unless it exists. An output
  /// directory is the one thing created on the user's behalf; a file's parent must exist.
  ///
  /// - Throws: ``WriteError`` when `path` is a file or creation fails.
  package static func makeDirectory(_ path: String) throws(WriteError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw WriteError(path: path, reason: "is a file, expected a directory")
      }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw WriteError(path: path, reason: error.localizedDescription)
    }
  }

  /// The path with every symbolic link of its last component followed (at most 40, as the
  /// kernel's own limit), relative targets taken from the link's directory.
  static func resolveLinks(_ path: String) throws(WriteError) -> String {
    var current = path
    for _ in 0..<40 {
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: current),
        attributes[.type] as? FileAttributeType == .typeSymbolicLink,
        let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current)
      else { return current }
      current =
        destination.hasPrefix("/")
        ? destination
        : ((current as NSString).deletingLastPathComponent as NSString)
          .appendingPathComponent(destination)
    }
    throw WriteError(path: path, reason: "too many levels of symbolic links")
  }

  static func target(_ path: String) -> Target {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let type = attributes[.type] as? FileAttributeType
    else { return .absent }
    switch type {
    case .typeRegular: return .regular
    case .typeDirectory: return .directory
    default: return .special
    }
  }

  static func writeThrough(_ bytes: [UInt8], to path: String, reportedAs shown: String)
    throws(WriteError)
  {
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw WriteError(path: shown, reason: String(cString: strerror(errno)))
    }
    do {
      try handle.write(contentsOf: Data(bytes))
      try handle.close()
    } catch {
      try? handle.close()
      throw WriteError(path: shown, reason: error.localizedDescription)
    }
  }

  /// A new temporary name beside `path` (`.NAME.creatormatch-tmp-PID-RANDOM`), once its
  /// directory is known to exist: the parent is never created.
  static func temporaryPath(beside path: String, reportedAs shown: String) throws(WriteError)
    -> String
  {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw WriteError(path: shown, reason: "no such directory \(directory)")
    }
    let name =
      ".\(url.lastPathComponent)\(temporaryMarker)"
      + "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    return (directory as NSString).appendingPathComponent(name)
  }

  static func replace(_ path: String, with bytes: [UInt8], reportedAs shown: String)
    throws(WriteError)
  {
    let url = URL(fileURLWithPath: path)
    let temporary = URL(fileURLWithPath: try temporaryPath(beside: path, reportedAs: shown))
    do {
      try Data(bytes).write(to: temporary)
      // rename(2) replaces the target atomically on POSIX file systems.
      guard rename(temporary.path, url.path) == 0 else {
        throw WriteError(path: shown, reason: String(cString: strerror(errno)))
      }
    } catch let error as WriteError {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw WriteError(path: shown, reason: error.localizedDescription)
    }
  }

  /// An output written piece by piece, for outputs too large to hold as one string (every pair
  /// of `overlap`): the same rules as ``write(_:to:)``. A regular file is written to a temporary
  /// file beside it and renamed over it by ``commit()``; one never committed is removed. A
  /// special file is written through as the pieces come.
  package final class Stream {
    private let shown: String
    private let target: String
    private let temporary: String?
    private var handle: FileHandle?

    /// Opens `path` for writing.
    ///
    /// - Throws: ``WriteError`` as ``AtomicFile/write(_:to:)`` does.
    package init(path: String) throws(WriteError) {
      shown = path
      target = try AtomicFile.resolveLinks(path)
      switch AtomicFile.target(target) {
      case .directory:
        throw WriteError(path: path, reason: "is a directory, expected a file")
      case .special:
        temporary = nil
      case .absent, .regular:
        let file = try AtomicFile.temporaryPath(beside: target, reportedAs: path)
        guard FileManager.default.createFile(atPath: file, contents: nil) else {
          throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        temporary = file
      }
      guard let handle = FileHandle(forWritingAtPath: temporary ?? target) else {
        throw WriteError(path: path, reason: String(cString: strerror(errno)))
      }
      self.handle = handle
    }

    /// Appends `text`.
    package func write(_ text: String) throws(WriteError) {
      do {
        try handle?.write(contentsOf: Data(text.utf8))
      } catch {
        throw WriteError(path: shown, reason: error.localizedDescription)
      }
    }

    /// Closes the file and, for a regular file, renames it into place.
    package func commit() throws(WriteError) {
      do {
        try handle?.close()
      } catch {
        throw WriteError(path: shown, reason: error.localizedDescription)
      }
      handle = nil
      if let temporary {
        guard rename(temporary, target) == 0 else {
          throw WriteError(path: shown, reason: String(cString: strerror(errno)))
        }
      }
    }

    deinit {
      if let handle {
        try? handle.close()
        if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
      }
    }
  }

  /// Reads a whole file, or throws ``IngestError``. A pipe or device (`/dev/stdin`, a process
  /// substitution) is read to its end like a file.
  package static func read(_ path: String) throws(IngestError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .missingFile(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else {
      throw .missingFile(path: path, reason: "is a directory, expected a file")
    }
    if target(path) == .regular, let data = FileManager.default.contents(atPath: path) {
      return Array(data)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .ioFailure(path: path, reason: String(cString: strerror(errno)))
    }
    defer { try? handle.close() }
    do {
      return Array(try handle.readToEnd() ?? Data())
    } catch {
      throw .ioFailure(path: path, reason: error.localizedDescription)
    }
  }
}
