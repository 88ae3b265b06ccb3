import Testing

@testable import CreatorMatchCLI

@Suite("Allocator tuning")
struct AllocatorTuningTests {
  @Test("the programs' allocator setting takes effect on glibc")
  func takesEffect() {
    #if canImport(Glibc)
      #expect(AllocatorTuning.apply())
    #else
      #expect(!AllocatorTuning.apply())
    #endif
  }
}
