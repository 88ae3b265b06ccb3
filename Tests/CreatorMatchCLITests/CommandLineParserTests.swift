import Testing

@testable import CreatorMatchCLI

@Suite("Argument parsing")
struct CommandLineParserTests {
  static let spec = CommandSpec(
    name: "demo", abstract: "Demo.",
    options: [
      .value("creators", "file", required: true, help: "Creators."),
      .value("top", "n", help: "Top."),
      .value("map", "field=column", repeatable: true, help: "Map."),
      .flag("explain", help: "Explain."),
    ],
    examples: [])

  @Test("accepts --name value and --name=value")
  func forms() throws {
    let spaced = try CommandLineParser.parse(
      ["--creators", "a.csv", "--top", "5"], spec: Self.spec)
    let joined = try CommandLineParser.parse(["--creators=a.csv", "--top=5"], spec: Self.spec)
    #expect(spaced.string("creators") == "a.csv")
    #expect(joined.string("creators") == "a.csv")
    #expect(try spaced.integer("top") == 5)
    #expect(try joined.integer("top") == 5)
  }

  @Test("repeatable options accumulate, flags are set")
  func repeatable() throws {
    let parsed = try CommandLineParser.parse(
      ["--creators", "a", "--map", "followers=Subs", "--map=id=Username", "--explain"],
      spec: Self.spec)
    #expect(parsed.strings("map") == ["followers=Subs", "id=Username"])
    #expect(parsed.has("explain"))
  }

  @Test(
    "rejects bad command lines with a message",
    arguments: [
      (["--top", "5"], "missing expected argument '--creators <file>'"),
      (["--creators"], "missing value for '--creators <file>'"),
      (["--creators", "a", "--tpo", "5"], "did you mean '--top'?"),
      (["--creators", "a", "--top", "5", "--top", "6"], "given more than once"),
      (["--creators", "a", "--explain=yes"], "is a flag and takes no value"),
      (["--creators", "a", "stray"], "unexpected argument 'stray'"),
    ])
  func rejects(arguments: [String], fragment: String) {
    do {
      _ = try CommandLineParser.parse(arguments, spec: Self.spec)
      Issue.record("expected a usage error")
    } catch {
      #expect(error.message.contains(fragment), "\(error.message)")
    }
  }

  @Test("typed accessors reject values out of range")
  func typed() throws {
    let parsed = try CommandLineParser.parse(["--creators", "a", "--top", "0"], spec: Self.spec)
    #expect(throws: UsageError.self) { _ = try parsed.integer("top", in: 1...10) }
  }

  @Test(
    "--help on every subcommand matches its snapshot", arguments: CreatorMatchCLI.specs.map(\.name))
  func helpSnapshots(name: String) throws {
    let (context, captured) = CommandContext.capturing()
    #expect(CreatorMatchCLI.run([name, "--help"], context: context) == 0)
    #expect(captured.output.contains("EXAMPLES:"))
    try assertSnapshot(captured.output, named: "help-\(name)")
  }

  @Test("the root help lists every subcommand and matches its snapshot")
  func rootHelp() throws {
    let (context, captured) = CommandContext.capturing()
    #expect(CreatorMatchCLI.run(["--help"], context: context) == 0)
    for spec in CreatorMatchCLI.specs { #expect(captured.output.contains(spec.name)) }
    try assertSnapshot(captured.output, named: "help-root")
  }
}
