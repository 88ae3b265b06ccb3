import Foundation
import Testing

@Suite("End to end: sketch reads edges in parallel blocks", .serialized)
struct SketchEndToEndTests {
  @Test("sketch writes the same file with one thread and with four")
  func threadsGiveTheSameFile() throws {
    let edges = CLI.temporaryPath("edges.tsv")
    let generated = try CLI.run([
      "generate", "--creators", "300", "--seed", "5", "--out", CLI.temporaryPath("c.csv"),
      "--followers", edges,
    ])
    #expect(generated.status == 0)
    var outputs: [Data] = []
    var messages: [String] = []
    for threads in ["1", "4"] {
      let out = CLI.temporaryPath("audiences-\(threads).cms")
      let result = try CLI.run([
        "sketch", "--followers", edges, "--out", out, "--threads", threads, "--exact-threshold",
        "200",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
      messages.append(result.stderr.replacingOccurrences(of: out, with: "OUT"))
    }
    #expect(outputs[0] == outputs[1])
    #expect(messages[0] == messages[1])
    // Both kinds of audience, so both merges (exact sets, sketches) are compared.
    #expect(messages[0].contains(" HyperLogLog + MinHash sketches"))
    #expect(!messages[0].contains(" 0 HyperLogLog") && !messages[0].contains(" 0 exact"))
  }

  @Test("--strict stops at a malformed line far into the file with exit 65 and file:line:column")
  func strictLine() throws {
    var text = "creator_id\tfollower_id\n"
    for index in 0..<200_000 { text += "c\(index % 50)\tu\(index)\n" }
    text += "c7 u7\n"
    for index in 0..<1_000 { text += "d\tu\(index)\n" }
    let edges = CLI.temporaryPath("strict-edges.tsv")
    try Data(text.utf8).write(to: URL(fileURLWithPath: edges))
    let out = CLI.temporaryPath("strict.cms")
    let strict = try CLI.run(["sketch", "--followers", edges, "--out", out, "--strict"])
    #expect(strict.status == 65)
    #expect(strict.stderr.contains("\(edges):200002:1"), "\(strict.stderr)")
    let lenient = try CLI.run(["sketch", "--followers", edges, "--out", out])
    #expect(lenient.status == 0)
    #expect(lenient.stderr.contains("1 malformed lines skipped"), "\(lenient.stderr)")
    #expect(lenient.stderr.contains("\(edges):200002:1"), "\(lenient.stderr)")
    #expect(lenient.stderr.contains("51 creators from 201,000 edges"), "\(lenient.stderr)")
  }
}
