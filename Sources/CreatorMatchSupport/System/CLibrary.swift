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

  /// Tells the system that the pages of mapped `bytes` before `offset` (rounded down to a page)
  /// are no longer needed (`madvise(MADV_DONTNEED)`), which drops them from the resident set.
  package static func dropPages(_ bytes: UnsafeBufferPointer<UInt8>, before offset: Int) {
    guard let base = bytes.baseAddress else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let length = offset / page * page
    guard length > 0 else { return }
    _ = madvise(UnsafeMutableRawPointer(mutating: base), length, MADV_DONTNEED)
  }

  /// Like ``dropPages(_:before:)`` for the pages wholly inside `bytes[range]` (its start rounded
  /// up and its end down to a page, so that a neighbour's bytes on a shared page stay resident).
  package static func dropPages(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) {
    guard let base = bytes.baseAddress else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let address = Int(bitPattern: base)
    let start = (address + range.lowerBound + page - 1) / page * page
    let end = (address + range.upperBound) / page * page
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end - start, MADV_DONTNEED)
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

  /// Runs the program at `path` with `arguments` (the first is its name), its standard output
  /// written to the file `output` and its standard error discarded, and waits for it.
  ///
  /// The child's peak memory is not reported: Linux gives a child that was started sharing the
  /// parent's memory (as `posix_spawn` does) the parent's high-water mark at `exec`, so
  /// `wait4`'s figure is the larger of the two. A child that needs its own peak reads it itself.
  /// - Returns: The exit status, or 128 + the signal that ended it; `nil` when it could not start.
  package static func run(_ path: String, arguments: [String], output: String) -> Int32? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var child: pid_t = 0
    guard posix_spawn(&child, path, &actions, nil, &argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 {
      guard errno == EINTR else { return nil }
    }
    // The wait status: exit code in bits 8–15 when the low 7 bits are 0, else the signal.
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
  }
}
