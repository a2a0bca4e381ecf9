import DeploylintCore

/// Flags compilers left in the shipped image: they are only needed to build,
/// and a multi-stage build leaves them behind at no cost.
public struct ImageShipsBuildToolchain: Rule {
  public static let description = RuleDescription(
    id: "image-ships-build-toolchain",
    category: .build,
    severity: .warning,
    summary: "A compiler toolchain (Rust, GCC, Go) is left in the final image",
    rationale: """
      A Rust toolchain is about 1 GB with its registry cache, GCC a few hundred MB, Go about \
      250 MB. A service needs none of them to run: they only make the image slower to push, pull \
      and start, and add attack surface. A multi-stage Dockerfile builds in a stage with the \
      toolchain and copies only the binary (or the virtualenv) into a slim final stage. \
      Found by the compiler itself (`cargo`/`rustc` in a `bin` folder, `cc1` under `lib/gcc`, \
      `go/bin/go`); the size counts the toolchain's folders. Warning from 100 MB, note below. \
      \(ImageExampleNote.text)
      """,
    references: [
      Reference("Docker: multi-stage builds", "https://docs.docker.com/build/building/multi-stage/"),
      Reference(
        "Docker: best practices (don't install unnecessary packages)",
        "https://docs.docker.com/build/building/best-practices/"),
    ],
    fix: """
      Build in a separate stage and copy the result:

      ```dockerfile
      FROM rust:1.82 AS build
      RUN cargo build --release
      FROM debian:bookworm-slim
      COPY --from=build /app/target/release/server /usr/local/bin/server
      ```

      For Python wheels that need a compiler, build a virtualenv in a builder stage and copy it.
      """,
    examples: [
      .triggering(
        "the rust image used as the final stage",
        [
          ExampleFile(
            "api.image.json",
            """
            ↓{"files": {"usr/local/cargo/bin/cargo": 30000000, "usr/local/rustup/toolchains/1.82-x86_64/lib/librustc_driver.so": 150000000,
                       "usr/local/bin/api": 12000000}}

            """)
        ]),
      .nonTriggering(
        "only the binary is shipped",
        [ExampleFile("api.image.json", "{\"files\": {\"usr/local/bin/api\": 12000000}}\n")]),
    ])

  /// Toolchains smaller than this are reported as notes.
  public static let warningThreshold: Int64 = 100 * Bytes.MB

  static let names = ["rust": "Rust toolchain (cargo/rustc)", "gcc": "GCC", "go": "Go toolchain"]

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.flatMap { service -> [Finding] in
      guard let image = service.image else { return [] }
      return image.toolchains.map { toolchain in
        let what = Self.names[toolchain.name] ?? toolchain.name
        return finding(
          "The final image ships a \(what): \(Bytes.format(toolchain.bytes, .decimal)) (found `/\(toolchain.evidence)`), "
            + "needed only to build.",
          at: image.span(ofLayer: toolchain.layer),
          help: [
            "build in a separate stage and copy only the result into a slim final stage (FROM … AS build, COPY --from=build)"
          ],
          service: service.name, severity: toolchain.bytes >= Self.warningThreshold ? .warning : .note)
      }
    }
  }
}
