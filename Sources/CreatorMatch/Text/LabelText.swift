/// Text of column headers and category labels in a form that compares equal across spellings.
package enum LabelText {
  /// A header in comparable form: lower case, `_ - . # / ( )` and line breaks as spaces, runs of
  /// spaces collapsed, trimmed, and `+` spelled "plus". `"Avg. Likes"`, `"avg_likes"` and
  /// `"#Followers"` become `"avg likes"`, `"avg likes"` and `"followers"`.
  package static func normalized(_ header: String) -> String {
    var result = ""
    var pendingSpace = false
    for scalar in header.lowercased().unicodeScalars {
      if scalar == "+" {
        if !result.isEmpty { result += " " }
        result += "plus"
        pendingSpace = false
        continue
      }
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if pendingSpace && !result.isEmpty { result += " " }
        pendingSpace = false
        result.unicodeScalars.append(scalar)
      } else {
        pendingSpace = true
      }
    }
    return result
  }
}
