import DeploylintCore

extension InPlatformRustBuild {
  /// The examples of `InPlatformRustBuild.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "Render builds a multi-stage cargo Dockerfile for a 512 MB free service (seed 000)",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: collab
              runtime: ↓docker
              plan: free
              dockerfilePath: ./Dockerfile-collab

          """),
        ExampleFile(
          "Dockerfile-collab",
          """
          FROM rust:1.81-bookworm AS builder
          WORKDIR /app
          COPY . .
          RUN cargo build --release --bin collab
          FROM debian:bookworm-slim
          COPY --from=builder /app/target/release/collab /usr/local/bin/collab
          ENTRYPOINT ["collab"]

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
    .triggering(
      "Render's native Rust runtime with a cargo buildCommand",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: ↓rust
              plan: starter
              buildCommand: cargo build --release
              startCommand: ./target/release/api

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
    .triggering(
      "Railway builds the Dockerfile beside railway.json (the finding lands on the cargo step)",
      [
        ExampleFile("railway.json", #"{"build": {"dockerfilePath": "Dockerfile"}}"#),
        ExampleFile(
          "Dockerfile",
          """
          FROM rust:1.81 AS build
          WORKDIR /src
          COPY . .
          RUN ↓cargo build --release
          FROM debian:bookworm-slim
          COPY --from=build /src/target/release/api /api
          CMD ["/api"]

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
    .nonTriggering(
      "Render deploys a prebuilt image",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: collab
              runtime: image
              image:
                url: ghcr.io/acme/collab:latest
              plan: free

          """),
        ExampleFile(
          "Dockerfile-collab",
          """
          FROM rust:1.81-bookworm AS builder
          COPY . .
          RUN cargo build --release
          FROM debian:bookworm-slim
          COPY --from=builder /target/release/collab /collab

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
    .nonTriggering(
      "the Dockerfile only copies a binary built in CI",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: collab
              runtime: docker
              plan: free

          """),
        ExampleFile(
          "Dockerfile",
          """
          FROM debian:bookworm-slim
          COPY target/release/collab /usr/local/bin/collab
          ENTRYPOINT ["collab"]

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
    .nonTriggering(
      "cargo runs only in a test stage the image does not depend on",
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
          FROM rust:1.81 AS test
          COPY . .
          RUN cargo test --release && cargo build --release
          FROM debian:bookworm-slim
          COPY bin/api /api

          """),
        ExampleFile("Cargo.lock", RustExampleLock.text),
      ]),
  ]
}
