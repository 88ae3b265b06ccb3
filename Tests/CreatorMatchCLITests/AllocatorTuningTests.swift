import Foundation
import Testing

@testable import CreatorMatchCLI
@testable import CreatorMatchSupport

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

  /// The process's resident size in bytes, from /proc (0 where there is none).
  static func resident() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
      let kilobytes = line.split(separator: " ").compactMap({ Int($0) }).first
    else { return 0 }
    return kilobytes * 1024
  }

  @Test("returning free pages shrinks the resident size after many small blocks are freed")
  func returnsFreePages() {
    #if os(Linux)
      // 256 MB in 64 KiB blocks, written so that their pages are resident, each followed by a
      // small block that stays: once the large ones are freed, the small ones keep them from
      // merging into the top of the heap, so glibc holds their pages until they are handed back.
      var large: [[UInt8]] = []
      var small: [[UInt8]] = []
      for index in 0..<4_096 {
        large.append([UInt8](repeating: UInt8(index & 0xFF), count: 65_536))
        small.append([UInt8](repeating: 1, count: 64))
      }
      #expect(large.count == 4_096)
      large = []
      let before = Self.resident()
      AllocatorTuning.returnFreePages()
      let after = Self.resident()
      #expect(before - after > 128 << 20, "resident \(before) → \(after) bytes")
      #expect(small.count == 4_096)
    #endif
  }
}
