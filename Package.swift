// swift-tools-version:6.0
// The pipeline of DESIGN.md §1, one target per stage:
//   DeploylintCore      spans, findings, rules' protocol, the service model, the plan catalog,
//                       the estimators and the budget picture
//   DeploylintParsers   one parser per artefact kind (Dockerfile, YAML/JSON/TOML, manifests)
//   DeploylintImages    image tarballs through libarchive (CLibArchive)
//   DeploylintEngine    discovery, assembly into services, checking, suppression
//   DeploylintRules     the rules: pure functions of the model (never of parser types)
//   DeploylintReporters pure renderers from a report (or the budget picture) to bytes
//   DeploylintCLI       the command line; `deploylint` is its thin executable
import PackageDescription

let package = Package(
  name: "deploylint",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "deploylint", targets: ["deploylint"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibArchive",
      pkgConfig: "libarchive",
      providers: [.apt(["libarchive-dev"]), .brew(["libarchive"])]
    ),
    .target(name: "DeploylintCore"),
    .target(
      name: "DeploylintParsers",
      dependencies: ["DeploylintCore", .product(name: "Yams", package: "Yams")]
    ),
    .target(
      name: "DeploylintImages", dependencies: ["DeploylintCore", "DeploylintParsers", "CLibArchive"]),
    .target(name: "DeploylintRules", dependencies: ["DeploylintCore"]),
    .target(
      name: "DeploylintEngine",
      dependencies: ["DeploylintCore", "DeploylintParsers", "DeploylintImages", "DeploylintRules"]
    ),
    .target(name: "DeploylintReporters", dependencies: ["DeploylintCore"]),
    .target(
      name: "DeploylintCLI",
      dependencies: [
        "DeploylintCore", "DeploylintParsers", "DeploylintEngine", "DeploylintRules",
        "DeploylintReporters",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "deploylint", dependencies: ["DeploylintCLI"]),
    .testTarget(
      name: "DeploylintTests",
      dependencies: [
        "DeploylintCore", "DeploylintParsers", "DeploylintImages", "DeploylintEngine",
        "DeploylintRules", "DeploylintReporters", "DeploylintCLI",
      ],
      // Expected outputs read by path, not bundled resources.
      exclude: ["Snapshots"]
    ),
  ]
)
