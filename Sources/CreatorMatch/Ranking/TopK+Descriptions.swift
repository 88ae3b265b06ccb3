extension TopK: CustomStringConvertible, CustomDebugStringConvertible {
  /// `TopK(2 of 10: 88.0#1, 71.0#4)`: count, capacity and kept candidates best first.
  package var description: String {
    let items = sortedBestFirst().map { "\($0.score)#\($0.idRank)" }.joined(separator: ", ")
    return "TopK(\(count) of \(capacity): \(items))"
  }

  /// The description plus the raw heap order.
  package var debugDescription: String {
    description + " heap: " + storage.map { "\($0.score)#\($0.idRank)" }.joined(separator: " ")
  }
}
