// swift-tools-version:6.0
// CreatorMatch ranks social-media creators for a campaign brief and forecasts its return.
// No package dependencies: the standard library, Foundation, Dispatch, Synchronization and
// Swift Testing only.

import PackageDescription

let package = Package(
  name: "CreatorMatch",
  products: [
    .library(name: "CreatorMatch", targets: ["CreatorMatch"]),
    .executable(name: "creatormatch", targets: ["creatormatch"]),
    .executable(name: "creatormatch-bench", targets: ["creatormatch-bench"]),
  ],
  targets: [
    .target(name: "CreatorMatch"),
    .target(name: "CreatorMatchCLI", dependencies: ["CreatorMatch"]),
    .executableTarget(name: "creatormatch", dependencies: ["CreatorMatchCLI"]),
    .executableTarget(
      name: "creatormatch-bench", dependencies: ["CreatorMatch", "CreatorMatchCLI"],
      path: "benchmarks/Sources/creatormatch-bench"
    ),
    .testTarget(name: "CreatorMatchTests", dependencies: ["CreatorMatch"]),
    .testTarget(
      name: "CreatorMatchCLITests",
      dependencies: ["CreatorMatchCLI", "CreatorMatch", "creatormatch"],
      exclude: ["Snapshots"]
    ),
    .testTarget(
      name: "CreatorMatchBenchTests", dependencies: ["creatormatch-bench", "CreatorMatch"]),
  ]
)
