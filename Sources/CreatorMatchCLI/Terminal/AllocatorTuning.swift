#if canImport(Glibc)
  import Glibc
#endif

/// Process-wide memory-allocator settings for the command-line programs (not for the library:
/// a library should not change its host process's allocator).
public enum AllocatorTuning {
  /// Turns off glibc's fast bins (`mallopt(M_MXFAST, 0)`); does nothing on other C libraries.
  /// Returns whether the setting took effect.
  ///
  /// Why: a creator table read on worker threads leaves millions of small blocks (audience
  /// distributions, follower histories, bios) that are freed together when a command ends. With
  /// fast bins, glibc consolidated them again and again while freeing: freeing 1M creators took
  /// 0.8 s; without them it takes 0.26–0.36 s, and reading took as long as before
  /// (`benchmarks/README.md`). Call it first thing in `main`, before the work starts.
  @discardableResult
  public static func apply() -> Bool {
    #if canImport(Glibc)
      // `mallopt` is declared in <malloc.h>, which the Glibc module does not import; look it up.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      let mxfast: Int32 = 1  // M_MXFAST in <malloc.h>
      guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else {
        return false
      }
      return unsafeBitCast(symbol, to: Mallopt.self)(mxfast, 0) == 1
    #else
      return false
    #endif
  }
}
