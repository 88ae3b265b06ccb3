extension TopK {
  /// Checks the heap property (every parent ranks at or below its children) and the capacity
  /// bound; a violation is a bug in this type, not bad input. The tests call it after filling a
  /// heap; ``offer(_:)`` does not, as a check per offer made debug builds quadratic.
  func checkInvariants() {
    precondition(storage.count <= capacity, "TopK holds more than its capacity")
    for child in storage.indices.dropFirst() {
      let parent = (child - 1) / 2
      precondition(
        !storage[parent].ranksAbove(storage[child]),
        "TopK heap property violated at \(parent) → \(child)")
    }
  }
}
