extension CreatorCorpus {
  /// Global slots (surface form, stemmer) numbered in order of first appearance across the
  /// blocks given to it, in order: the one merge of block slots that ``CreatorCorpus`` and
  /// ``DocumentFrequencyCounter`` both make before stemming each new slot once.
  struct SlotNumbering: Sendable {
    /// Surface forms of every block so far.
    private(set) var surfaces = TermInterner()
    /// Global slot codes (`surface × stride + stemmer`) by slot number.
    private(set) var slotCodes: [Int32] = []
    /// Slot number by global slot code, -1 until seen.
    private var slotOfCode: [Int32] = []

    /// Numbers the slots of `block`, the next block, giving new ones the next numbers.
    ///
    /// - Returns: The global slot number of each of the block's dense slots.
    /// - Complexity: O(the block's distinct slots + their surface forms' length).
    mutating func remap(_ block: SlotBlock) -> [Int32] {
      var remap: [Int32] = []
      remap.reserveCapacity(block.slotCodes.count)
      for code in block.slotCodes {
        let (surface, language) = Int(code).quotientAndRemainder(dividingBy: SlotBlock.stride)
        let global = block.surfaces.withTerm(surface) { surfaces.intern($0) }
        let globalCode = Int(global) * SlotBlock.stride + language
        if globalCode >= slotOfCode.count {
          slotOfCode.append(
            contentsOf: repeatElement(
              -1, count: max(globalCode + 1, slotOfCode.count * 2) - slotOfCode.count))
        }
        if slotOfCode[globalCode] < 0 {
          slotOfCode[globalCode] = Int32(slotCodes.count)
          slotCodes.append(Int32(globalCode))
        }
        remap.append(slotOfCode[globalCode])
      }
      return remap
    }
  }
}
