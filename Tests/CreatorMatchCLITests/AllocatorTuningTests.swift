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

  #if canImport(Glibc)
    /// How many pages lying wholly inside `blocks` (start address, byte count) are resident,
    /// from `mincore`: a figure about these addresses alone, which other tests running in the
    /// same process cannot change by allocating elsewhere (the process's resident size can).
    static func residentPages(_ blocks: [(start: UInt, count: Int)], pageSize: UInt) -> Int {
      var total = 0
      var vector: [UInt8] = []
      for block in blocks {
        let first = (block.start + pageSize - 1) / pageSize * pageSize
        let end = (block.start + UInt(block.count)) / pageSize * pageSize
        guard end > first, let address = UnsafeMutableRawPointer(bitPattern: first) else {
          continue
        }
        let pages = Int((end - first) / pageSize)
        if vector.count < pages { vector = [UInt8](repeating: 0, count: pages) }
        // A range no longer mapped (ENOMEM) has no resident pages.
        guard mincore(address, Int(end - first), &vector) == 0 else { continue }
        total += vector.prefix(pages).filter { $0 & 1 == 1 }.count
      }
      return total
    }
  #endif

  @Test("returning free pages hands the pages of freed blocks back to the system")
  func returnsFreePages() {
    #if canImport(Glibc)
      // 256 MB in 64 KiB blocks, written so that their pages are resident, each followed by a
      // small block that stays: once the large ones are freed, the small ones keep them from
      // merging into the top of the heap, so glibc holds their pages until they are handed back.
      // Only the freed blocks' own pages are counted, not the process's resident size, which
      // other suites running in parallel change as they allocate and free.
      let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))
      var large: [[UInt8]] = []
      var small: [[UInt8]] = []
      for index in 0..<4_096 {
        large.append([UInt8](repeating: UInt8(index & 0xFF), count: 65_536))
        small.append([UInt8](repeating: 1, count: 64))
      }
      let blocks = large.map { block in
        block.withUnsafeBufferPointer { (UInt(bitPattern: $0.baseAddress), $0.count) }
      }
      large = []
      let before = Self.residentPages(blocks, pageSize: pageSize)
      let returned = AllocatorTuning.returnFreePages()
      let after = Self.residentPages(blocks, pageSize: pageSize)
      let released = (before - after) * Int(pageSize)
      #expect(returned, "malloc_trim reported nothing handed back")
      #expect(released > 128 << 20, "resident pages of the freed blocks \(before) → \(after)")
      #expect(small.count == 4_096)
    #else
      #expect(!AllocatorTuning.returnFreePages())
    #endif
  }
}
