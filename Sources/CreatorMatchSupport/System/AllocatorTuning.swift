/// Process-wide memory-allocator settings for the command-line programs (not for the library:
/// a library should not change its host process's allocator).
package enum AllocatorTuning {
  /// Turns off glibc's fast bins (`mallopt(M_MXFAST, 0)`); does nothing on other C libraries.
  /// Returns whether the setting took effect.
  ///
  /// Why: a creator table read on worker threads leaves millions of small blocks (audience
  /// distributions, follower histories, bios) that are freed together when a command ends. With
  /// fast bins, glibc consolidated them again and again while freeing: freeing 1M creators took
  /// 0.8 s; without them it takes 0.26–0.36 s, and reading took as long as before
  /// (`benchmarks/README.md`). Call it first thing in `main`, before the work starts.
  @discardableResult
  package static func apply() -> Bool {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    let mxfast: Int32 = 1  // M_MXFAST in <malloc.h>
    guard let mallopt = mallocFunction("mallopt", as: Mallopt.self) else { return false }
    return mallopt(mxfast, 0) == 1
  }

  /// Hands the allocator's free pages back to the system (glibc `malloc_trim(0)`), so that the
  /// resident size counts live memory rather than what the allocator keeps for later; does
  /// nothing on other C libraries. The benchmarks call it around a memory measurement. Returns
  /// whether any memory was handed back (`malloc_trim`'s result; `false` where there is none).
  @discardableResult
  package static func returnFreePages() -> Bool {
    typealias Trim = @convention(c) (Int) -> Int32
    return mallocFunction("malloc_trim", as: Trim.self)?(0) == 1
  }

  /// The C library function `name`, which <malloc.h> declares and the Glibc module does not
  /// import; `nil` where there is no such function.
  private static func mallocFunction<Function>(_ name: String, as type: Function.Type)
    -> Function?
  {
    CLibrary.function(named: name).map { unsafeBitCast($0, to: type) }
  }
}
