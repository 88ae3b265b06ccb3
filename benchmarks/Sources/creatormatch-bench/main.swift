import CreatorMatch
import CreatorMatchCLI
import CreatorMatchIO
import CreatorMatchSupport
import Foundation

/// `creatormatch-bench`: measures the ranking core and writes a report (see benchmarks/README.md).
let spec = CommandSpec(
  name: "", abstract: "Benchmarks of the CreatorMatch core.",
  options: [
    .flag("quick", help: "Small sizes for CI (100k creators)."),
    .value("json", "file", help: "Write the results as JSON."),
    .value("baseline", "file", help: "Fail on a large regression against this baseline JSON."),
    .value(
      "max-regression", "x", default: "2.5", help: "Allowed slowdown relative to the baseline."),
    .value("repetitions", "n", default: "5 (quick: 3)", help: "Timed runs per scenario."),
    .value("export-peer-data", "dir", help: "Also write the data the Python peers read."),
    .value("briefs", "dir", default: "datasets/briefs", help: "Briefs for the batch scenario."),
    .value(
      "scenario", "name", repeatable: true,
      help: "Run only this scenario (repeat for several); an unknown name lists them."),
  ],
  examples: [
    ("swift run -c release creatormatch-bench --quick", "CI smoke run"),
    (
      "swift run -c release creatormatch-bench --quick --baseline benchmarks/baseline-quick.json",
      "CI regression gate"
    ),
    ("swift run -c release creatormatch-bench --json bench.json", "Full run (1M creators)"),
    (
      "swift run -c release creatormatch-bench --quick --scenario rank-1t --scenario memory-scan",
      "Two scenarios only"
    ),
  ],
  program: "creatormatch-bench")

// The same allocator settings as the creatormatch command, so the figures are the ones users get.
AllocatorTuning.apply()

// A whole-command scenario runs `creatormatch-bench --run-command ARGS…` as a child process: the
// command exactly as the `creatormatch` executable runs it, in a process of its own, so that its
// wall time and peak memory are the user's (see `CommandRunner`).
// The first argument after the flag names the file where the child writes its own peak resident
// memory (VmHWM), which the parent cannot get from wait4 (see `CLibrary.run`).
if CommandLine.arguments.dropFirst().first == CommandRunner.childFlag,
  CommandLine.arguments.count > 2
{
  let code = CreatorMatchCLI.run(Array(CommandLine.arguments.dropFirst(3)), context: .standard())
  try? AtomicFile.write("\(Memory.peakResident())\n", to: CommandLine.arguments[2])
  exit(code)
}

func standardError(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

// As swift-nio's NIOPerformanceTester does: timings of an unoptimized build mean nothing.
#if DEBUG
  standardError(
    """
    ==================================================================
    =  WARNING: creatormatch-bench was built in DEBUG mode.          =
    =  Its timings are meaningless; build it with -c release:        =
    =  swift run -c release creatormatch-bench                       =
    ==================================================================
    """)
#endif

do {
  let arguments = try CommandLineParser.parse(Array(CommandLine.arguments.dropFirst()), spec: spec)
  if arguments.has("help") {
    print(HelpText.render(spec), terminator: "")
    exit(0)
  }
  let quick = arguments.has("quick")
  let factor = try arguments.positiveNumber("max-regression") ?? 2.5
  let repetitions = try arguments.integer("repetitions", in: 1...100) ?? (quick ? 3 : 5)
  let briefsDirectory = arguments.string("briefs") ?? "datasets/briefs"
  var selection = try Scenarios.selection(arguments.strings("scenario"), quick: quick)
  if selection != nil, arguments.string("export-peer-data") != nil {
    throw UsageError("--export-peer-data needs every scenario; leave out --scenario")
  }
  // The gate's ratios are relative to the memory scan, so a gated selection includes it.
  if let chosen = selection, arguments.string("baseline") != nil, !chosen.contains("memory-scan") {
    standardError("scenario memory-scan added: the regression gate's ratios are relative to it")
    selection?.insert("memory-scan")
  }
  let briefJSON = try String(
    contentsOfFile: (briefsDirectory as NSString).appendingPathComponent("pl-skincare.json"),
    encoding: .utf8)
  let work = FileManager.default.temporaryDirectory.appendingPathComponent(
    "creatormatch-bench-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: work) }
  for (key, value) in Machine.info() { standardError("\(key): \(value)") }
  var scenarios = Scenarios(
    sizes: quick ? .quick : .full, workDirectory: work,
    harness: Harness(
      warmups: 1, repetitions: repetitions, log: standardError, selection: selection),
    briefJSON: briefJSON,
    briefsDirectory: briefsDirectory, commandExecutable: CommandRunner.currentExecutable())
  try scenarios.run()
  let measurements = scenarios.harness.measurements
  for (name, ratio) in Report.ratios(measurements) {
    standardError("ratio \(name): \(Formatting.fixed(ratio, 3))× the memory scan per item/byte")
  }
  if let path = arguments.string("json") {
    try AtomicFile.write(Report.json(measurements, quick: quick), to: path)
  }
  if let directory = arguments.string("export-peer-data"), let table = scenarios.table,
    let plan = scenarios.plan
  {
    try PeerExport.write(
      table: table, plan: plan, measurements: measurements,
      csvPath: scenarios.csvPaths[table.count] ?? "",
      directory: directory)
    standardError("peer data written to \(directory)")
  }
  if let path = arguments.string("baseline") {
    let gate = try Report.gate(
      measurements, baseline: try AtomicFile.read(path), quick: quick, factor: factor)
    for line in gate.lines { standardError("gate: " + line) }
    if !gate.failures.isEmpty {
      for failure in gate.failures { standardError("error: " + failure) }
      exit(1)
    }
    standardError("gate: no regression beyond \(factor)× against \(path)")
  }
} catch let error as UsageError {
  standardError(
    "error: \(error.message)\nusage: \(spec.usage)\n  See 'creatormatch-bench --help' for more information."
  )
  exit(64)
} catch {
  standardError("error: \(error)")
  exit(1)
}
