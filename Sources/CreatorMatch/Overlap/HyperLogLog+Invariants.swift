extension HyperLogLog {
  /// Checks the register count and that no register exceeds q + 1. Debug builds only.
  func checkInvariants() {
    #if DEBUG
      precondition(registers.count == Self.registerCount, "HyperLogLog register count")
      precondition(registers.allSatisfy { Int($0) <= Self.rankBits + 1 }, "HyperLogLog rank range")
    #endif
  }
}
