/// A list that keeps each element once, in first-seen order.
///
/// Short lists (the usual list cell holds a handful of labels) are checked by comparing with
/// each element; past ``linearLimit`` elements a hash set takes over, so a cell of 100,000
/// distinct labels costs O(n) rather than the O(n²) of `Array.contains` before each append.
struct UniqueList<Element: Hashable> {
  /// The length up to which membership is checked by comparison, without hashing.
  static var linearLimit: Int { 16 }

  /// The elements, each once, in the order first appended.
  private(set) var elements: [Element] = []
  /// Every element, once the list is longer than ``linearLimit``.
  private var seen: Set<Element>?
  /// Element comparisons made by the linear checks, for a test that bounds them.
  private(set) var comparisons = 0

  /// Whether `element` is in the list.
  /// - Complexity: O(1) amortized.
  mutating func contains(_ element: Element) -> Bool {
    if let seen { return seen.contains(element) }
    for existing in elements {
      comparisons += 1
      if existing == element { return true }
    }
    return false
  }

  /// Appends `element` unless the list holds it already.
  /// - Returns: Whether it was appended.
  /// - Complexity: O(1) amortized.
  @discardableResult
  mutating func append(_ element: Element) -> Bool {
    if contains(element) { return false }
    elements.append(element)
    if seen != nil {
      seen?.insert(element)
    } else if elements.count > Self.linearLimit {
      seen = Set(elements)
    }
    return true
  }
}
