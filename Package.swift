// swift-tools-version:6.0
// CreatorMatch ranks social-media creators for a campaign brief and forecasts its return.
// No package dependencies: the standard library, Foundation, Dispatch, Synchronization and
// Swift Testing only.
//
// The targets make the data flow one way, and the compiler enforces it:
//
//   CreatorMatchSupport   parallel blocks, hashing, byte order, the C library shim (package API only)
//        ↑
//   CreatorMatch          the model: creators, briefs, text, population fit, the columnar table,
//        ↑                scoring, forecast, ranking, overlap. No file I/O, no English text.
//   CreatorMatchIO        reading (CSV/TSV/JSONL, JSON, sketch files), writing and rendering
//        ↑                (tables, CSV, JSON, explanations), and the Engine façade: load → fit → table
//   CreatorMatchBatch     many briefs against one table: manifest, resume, shards, merge
//        ↑
//   CreatorMatchCLI       the commands, under the thin `creatormatch` executable

import PackageDescription

let package = Package(
  name: "CreatorMatch",
  // Synchronization's Atomic and Mutex, and UInt128, need macOS 15.
  platforms: [.macOS(.v15)],
  products: [
    .library(
      name: "CreatorMatch", targets: ["CreatorMatch", "CreatorMatchIO", "CreatorMatchBatch"]),
    .executable(name: "creatormatch", targets: ["creatormatch"]),
    .executable(name: "creatormatch-bench", targets: ["creatormatch-bench"]),
  ],
  targets: [
    .target(name: "CreatorMatchSupport"),
    .target(name: "CreatorMatch", dependencies: ["CreatorMatchSupport"]),
    .target(name: "CreatorMatchIO", dependencies: ["CreatorMatch", "CreatorMatchSupport"]),
    .target(
      name: "CreatorMatchBatch",
      dependencies: ["CreatorMatch", "CreatorMatchIO", "CreatorMatchSupport"]),
    .target(
      name: "CreatorMatchCLI",
      dependencies: ["CreatorMatch", "CreatorMatchIO", "CreatorMatchBatch", "CreatorMatchSupport"]),
    .executableTarget(
      name: "creatormatch", dependencies: ["CreatorMatchCLI", "CreatorMatchSupport"]),
    // Fuzz targets for the readers of untrusted input: a corpus runner in ordinary builds,
    // libFuzzer's entry points when `.ci/fuzz` builds it with `-sanitize=fuzzer -DFUZZING`.
    .executableTarget(
      name: "creatormatch-fuzz",
      dependencies: ["CreatorMatch", "CreatorMatchIO", "CreatorMatchBatch"]),
    .executableTarget(
      name: "creatormatch-bench",
      dependencies: [
        "CreatorMatch", "CreatorMatchIO", "CreatorMatchBatch", "CreatorMatchCLI",
        "CreatorMatchSupport",
      ],
      path: "benchmarks/Sources/creatormatch-bench"
    ),
    .testTarget(
      name: "CreatorMatchTests",
      dependencies: ["CreatorMatch", "CreatorMatchIO", "CreatorMatchBatch", "CreatorMatchSupport"]),
    .testTarget(
      name: "CreatorMatchCLITests",
      dependencies: [
        "CreatorMatchCLI", "CreatorMatch", "CreatorMatchIO", "CreatorMatchSupport", "creatormatch",
        "creatormatch-fuzz",
      ],
      exclude: ["Snapshots"]
    ),
    .testTarget(
      name: "CreatorMatchBenchTests",
      dependencies: ["creatormatch-bench", "CreatorMatch", "CreatorMatchIO"]),
  ]
)
