extension TopK {
  /// Checks the heap property (every parent ranks at or below its children) and the capacity
  /// bound. Runs only in debug builds; a violation is a bug in this type, not bad input.
  @usableFromInline
  func checkInvariants() {
    #if DEBUG
      precondition(storage.count <= capacity, "TopK holds more than its capacity")
      for child in storage.indices.dropFirst() {
        let parent = (child - 1) / 2
        precondition(
          !storage[parent].ranksAbove(storage[child]),
          "TopK heap property violated at \(parent) → \(child)")
      }
    #endif
  }
}
