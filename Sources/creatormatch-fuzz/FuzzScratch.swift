import Foundation

/// A private directory for the inputs of path-based readers: each input is written to the same
/// file name (the readers choose the format by extension), so a run leaves one small directory.
final class FuzzScratch: Sendable {
  let directory: String

  init() {
    // /dev/shm when it exists: a fuzzer writes the file thousands of times a second.
    let base =
      FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    directory = (base as NSString).appendingPathComponent(
      "creatormatch-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Writes `bytes` to `name` in the directory; `nil` when the write fails.
  func write(_ bytes: [UInt8], as name: String) -> String? {
    let path = (directory as NSString).appendingPathComponent(name)
    return FileManager.default.createFile(atPath: path, contents: Data(bytes)) ? path : nil
  }
}
