#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#else
  #error("CreatorMatch needs a POSIX C library: Glibc, Musl or Darwin")
#endif

/// The one place that imports the platform's C library (Glibc, Musl or Darwin), in the manner of
/// swift-system's shims: every other file calls these wrappers, so that a new platform is one
/// file's work and the rest of the package never writes `#if canImport`.
package enum CLibrary {
  /// Whether `descriptor` is a terminal.
  package static func isTerminal(_ descriptor: Int32) -> Bool {
    isatty(descriptor) == 1
  }

  /// The width in columns of the terminal on `descriptor`, or `nil` when it is not a terminal.
  package static func terminalColumns(_ descriptor: Int32) -> Int? {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
    return Int(size.ws_col)
  }

  /// Whether `path` names a regular file, following links; `nil` when it cannot be examined.
  package static func isRegularFile(_ path: String) -> Bool? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return (status.st_mode & S_IFMT) == S_IFREG
  }

  /// Maps the non-empty regular file at `path` read-only and privately; `nil` when it is not one
  /// or the system refuses. Release the bytes with ``unmap(_:)``.
  package static func mapReadOnly(_ path: String) -> UnsafeBufferPointer<UInt8>? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
      status.st_size > 0
    else { return nil }
    let size = Int(status.st_size)
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != MAP_FAILED
    else { return nil }
    return UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
  }

  /// Unmaps bytes from ``mapReadOnly(_:)``.
  package static func unmap(_ bytes: UnsafeBufferPointer<UInt8>) {
    munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
  }

  /// The address of the C function `name` in the running process, or `nil` where the C library has
  /// no such function: for functions a header declares that the Swift module does not import.
  package static func function(named name: String) -> UnsafeMutableRawPointer? {
    guard let process = dlopen(nil, RTLD_NOW) else { return nil }
    return dlsym(process, name)
  }
}
