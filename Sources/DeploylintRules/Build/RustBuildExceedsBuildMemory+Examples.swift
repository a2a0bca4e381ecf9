import DeploylintCore

extension RustBuildExceedsBuildMemory {
  /// The examples of `RustBuildExceedsBuildMemory.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "four jobs on a build limited to 1 GiB by a build-memory override",
      [
        ExampleFile(
          ".deploylint.yml",
          """
          services:
            api:
              build-memory: 1g

          """),
        ExampleFile(
          "api/Dockerfile",
          """
          FROM rust:1.81 AS build
          COPY . .
          RUN ↓cargo build --release -j 4
          FROM debian:bookworm-slim
          COPY --from=build /target/release/api /api

          """),
        ExampleFile("api/Cargo.lock", RustExampleLock.text),
      ]),
    .triggering(
      "a workspace lock above the build context, CARGO_BUILD_JOBS set in the stage",
      [
        ExampleFile(
          ".deploylint.yml",
          """
          services:
            server:
              build-memory: 1500m

          """),
        ExampleFile(
          "server/Dockerfile",
          """
          FROM rust:1.81
          ENV CARGO_BUILD_JOBS=3
          COPY . .
          RUN ↓cargo install --path . --locked

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
    .triggering(
      "docker compose builds on a declared 768 MiB host with 2 CPUs (two jobs by default)",
      [
        ExampleFile(".deploylint.yml", "host:\n  name: vps\n  memory: 768m\n  cpus: 2\n"),
        ExampleFile(
          "compose.yaml",
          """
          services:
            api:
              build: .
              mem_limit: 256m

          """),
        ExampleFile(
          "Dockerfile",
          """
          FROM rust:1.81 AS build
          COPY . .
          RUN ↓cargo build --release
          FROM debian:bookworm-slim
          COPY --from=build /target/release/api /api

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
    .nonTriggering(
      "the host pulls an image built in CI instead of building it",
      [
        ExampleFile(".deploylint.yml", "host:\n  name: vps\n  memory: 1g\n  cpus: 2\n"),
        ExampleFile(
          "compose.yaml",
          """
          services:
            api:
              image: ghcr.io/acme/api:latest
              mem_limit: 256m

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
    .nonTriggering(
      "one job fits in 1 GiB",
      [
        ExampleFile(
          ".deploylint.yml",
          """
          services:
            api:
              build-memory: 1g

          """),
        ExampleFile(
          "api/Dockerfile",
          """
          FROM rust:1.81 AS build
          COPY . .
          RUN CARGO_BUILD_JOBS=1 cargo build --release
          FROM debian:bookworm-slim
          COPY --from=build /target/release/api /api

          """),
        ExampleFile("api/Cargo.lock", RustExampleLock.text),
      ]),
    .nonTriggering(
      "Render's build pipeline (8 GB), not the 512 MB instance, bounds the build",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: docker
              plan: free

          """),
        ExampleFile(
          "Dockerfile",
          """
          FROM rust:1.81 AS build
          COPY . .
          RUN cargo build --release
          FROM debian:bookworm-slim
          COPY --from=build /target/release/api /api

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
  ]
}
