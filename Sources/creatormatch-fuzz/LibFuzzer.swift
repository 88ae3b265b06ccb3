#if FUZZING
  import Foundation

  // The entry points libFuzzer calls. Compiled only for `.ci/fuzz`'s build
  // (`-sanitize=fuzzer -DFUZZING`); an ordinary build has the regression runner alone.

  /// The target chosen on the command line, and the scratch directory of path-based targets.
  /// Written once before libFuzzer starts; libFuzzer then calls the test function from one thread.
  nonisolated(unsafe) var selectedTarget = FuzzTarget.brief
  nonisolated(unsafe) var fuzzScratch: FuzzScratch?

  @_cdecl("LLVMFuzzerTestOneInput")
  func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let scratch = fuzzScratch else { return 0 }
    selectedTarget.run(Array(UnsafeBufferPointer(start: data, count: size)), scratch: scratch)
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// `creatormatch-fuzz TARGET [libFuzzer options and corpus directories]`.
  func fuzzerStart() -> Never {
    guard let target = FuzzRunner.target(CommandLine.arguments) else { exit(64) }
    selectedTarget = target
    fuzzScratch = FuzzScratch()
    // libFuzzer parses argv itself: give it the program name and what follows the target.
    var arguments = ([CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(2)).map {
      strdup($0)
    }
    arguments.append(nil)
    var count = CInt(arguments.count - 1)
    let status = arguments.withUnsafeMutableBufferPointer { buffer -> CInt in
      var pointer = buffer.baseAddress
      return runDriver(&count, &pointer) { data, size in testOneInput(data, size) }
    }
    exit(status)
  }
#endif
