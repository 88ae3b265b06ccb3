/// Facts about the controlling terminal.
package enum TerminalInfo {
  /// Whether a file descriptor is a terminal.
  package static func isTerminal(descriptor: Int32) -> Bool {
    CLibrary.isTerminal(descriptor)
  }

  /// The terminal's width: `COLUMNS`, else the window size of stdout, else 80.
  package static func width(environment: [String: String]) -> Int {
    if let columns = environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
    if let columns = CLibrary.terminalColumns(1), columns >= 40 { return columns }
    return 80
  }
}
