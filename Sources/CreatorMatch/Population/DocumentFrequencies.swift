import Foundation

/// How many creators' texts contain each term, over the population the model was fitted on:
/// the inputs of the smoothed inverse document frequency (<doc:Formulas#TF-IDF>).
package struct DocumentFrequencies: Sendable, Equatable {
  /// Number of creators (documents).
  package var documents: Int
  /// Documents containing each term.
  package var counts: [String: Int]

  /// Creates a table.
  package init(documents: Int, counts: [String: Int]) {
    self.documents = documents
    self.counts = counts
  }

  /// Smoothed idf(t) = ln((1 + N) / (1 + df(t))) + 1, as in scikit-learn: never zero, so a term
  /// every creator uses still counts a little, and finite for unseen terms (df = 0).
  @inlinable
  package func idf(_ term: String) -> Double {
    Self.idf(documentFrequency: counts[term] ?? 0, documents: documents)
  }

  /// The smoothed idf for a document frequency.
  @inlinable
  package static func idf(documentFrequency: Int, documents: Int) -> Double {
    log(Double(1 + documents) / Double(1 + documentFrequency)) + 1
  }
}
