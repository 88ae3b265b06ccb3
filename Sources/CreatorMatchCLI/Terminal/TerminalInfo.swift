#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Facts about the controlling terminal.
enum TerminalInfo {
  /// Whether a file descriptor is a terminal.
  static func isTerminal(descriptor: Int32) -> Bool {
    isatty(descriptor) == 1
  }

  /// The terminal's width: `COLUMNS`, else the window size of stdout, else 80.
  static func width(environment: [String: String]) -> Int {
    if let columns = environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
    var size = winsize()
    if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
    return 80
  }
}
