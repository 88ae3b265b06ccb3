import Foundation

/// `creatormatch-fuzz TARGET PATH...`: runs every file (or every file of each directory) through
/// a fuzz target once and reports how many ran. Without libFuzzer (an ordinary build) this is the
/// regression runner of the committed corpora and of crash reproducers; built for fuzzing (see
/// `.ci/fuzz`), the same command line goes to libFuzzer instead.
enum FuzzRunner {
  static let usage = """
    usage: creatormatch-fuzz TARGET [PATH...]   (targets: \
    \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))
    """

  /// The target named by the first argument, or `nil` after printing the usage.
  static func target(_ arguments: [String]) -> FuzzTarget? {
    guard let name = arguments.dropFirst().first, let target = FuzzTarget(rawValue: name) else {
      FileHandle.standardError.write(Data((usage + "\n").utf8))
      return nil
    }
    return target
  }

  /// The files of `paths`, directories expanded (sorted, so runs are repeatable).
  static func files(_ paths: [String]) -> [String] {
    paths.flatMap { path -> [String] in
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { return [path] }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      return names.filter { !$0.hasPrefix(".") }.sorted().map {
        (path as NSString).appendingPathComponent($0)
      }
    }
  }

  static func regression(_ arguments: [String]) -> Int32 {
    guard let target = target(arguments) else { return 64 }
    let scratch = FuzzScratch()
    var count = 0
    for file in files(Array(arguments.dropFirst(2))) {
      guard let data = FileManager.default.contents(atPath: file) else {
        FileHandle.standardError.write(Data("\(file): cannot read\n".utf8))
        return 66
      }
      target.run(Array(data), scratch: scratch)
      count += 1
    }
    print("\(target.rawValue): \(count) inputs ran without a crash")
    return 0
  }
}
