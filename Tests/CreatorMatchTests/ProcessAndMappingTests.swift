import CreatorMatchSupport
import Foundation
import Testing

@Suite("Child processes and released mappings")
struct ProcessAndMappingTests {
  @Test("a child's exit status, signal and standard output are reported")
  func status() throws {
    let output = try Fixtures.file("out.txt", "")
    #expect(
      CLibrary.run("/bin/sh", arguments: ["sh", "-c", "echo hello; exit 3"], output: output) == 3)
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "hello\n")
    #expect(CLibrary.run("/bin/sh", arguments: ["sh", "-c", "exit 0"], output: output) == 0)
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "")
    #expect(CLibrary.run("/bin/sh", arguments: ["sh", "-c", "kill -9 $$"], output: output) == 137)
    #expect(CLibrary.run("/nonexistent/program", arguments: ["x"], output: output) == nil)
  }

  @Test("released pages of a mapping read the file's bytes again")
  func releasedPagesReadAgain() throws {
    let text = String(repeating: "0123456789abcdef", count: 100_000)
    let path = try Fixtures.file("mapped.txt", text)
    let mapped = try #require(MappedFile(path: path))
    let before = mapped.bytes.reduce(0) { $0 &+ Int($1) }
    mapped.release(before: mapped.bytes.count / 2)
    mapped.release(before: mapped.bytes.count + 1_000)
    #expect(mapped.bytes.reduce(0) { $0 &+ Int($1) } == before)
    #expect(String(decoding: mapped.bytes, as: UTF8.self) == text)
  }
}
