import DeploylintCore
import DeploylintParsers
import Testing

@Suite struct ImageRecipeBuilderTests {
  func recipe(_ text: String) throws -> ImageRecipe {
    try DockerfileParser.parse(SourceFile(path: "app/Dockerfile", text: text))
      .makeImageRecipe(path: "app/Dockerfile")
  }

  @Test func multiStageInheritsEnvironment() throws {
    let r = try recipe(
      """
      ARG PY=3.12
      FROM python:${PY}-slim AS Builder
      ENV HOME_DIR=/srv APP="$HOME_DIR/app"
      ENV APP=$HOME_DIR/app
      RUN --mount=type=cache,target=/root/.cache pip install torch
      FROM builder AS runtime
      ENV WORKERS 4
      CMD ["gunicorn", "app:app"]
      """)
    #expect(r.path == "app/Dockerfile")
    #expect(r.globalArgs.map(\.key) == ["PY"])
    #expect(r.globalArgs.first?.value == "3.12")
    #expect(r.stages.count == 2)
    #expect(r.stages[0].base == "python:3.12-slim")
    #expect(r.stages[0].name == "builder")
    #expect(r.stages[0].baseStage == nil)
    #expect(r.stages[1].baseStage == 0)
    // The first ENV's pairs are expanded with what was set before it.
    #expect(r.stages[0].env.map(\.value) == ["/srv", "/app", "/srv/app"])
    let env = r.environment(ofStage: 1)
    #expect(env["APP"]?.value == "/srv/app")
    #expect(env["WORKERS"]?.value == "4")
    #expect(env["WORKERS"]?.source == "Dockerfile ENV")
    #expect(
      env["WORKERS"]?.span == Span(path: "app/Dockerfile", line: 7, column: 5, endLine: 7, endColumn: 14))
    #expect(
      r.stages[0].env[0].span == Span(path: "app/Dockerfile", line: 3, column: 5, endLine: 3, endColumn: 18))
    #expect(r.shippedStageIndices == [0, 1])

    let run = try #require(r.stages[0].runs.first)
    #expect(run.text == "pip install torch")
    #expect(run.flags == ["mount=type=cache,target=/root/.cache"])
    #expect(run.textSpan == Span(path: "app/Dockerfile", line: 5, column: 44, endLine: 5, endColumn: 61))
    let cmd = try #require(r.stages[1].instructions.last)
    #expect(cmd.keyword == "CMD")
    #expect(cmd.execForm == ["gunicorn", "app:app"])
    #expect(cmd.text == "gunicorn app:app")
  }

  @Test func copyFromStagesByIndexAndName() throws {
    let r = try recipe(
      """
      FROM rust:1 AS build
      RUN cargo build --release
      FROM node:20 AS assets
      FROM debian:12
      COPY --from=0 /app/target/release/app /usr/bin/app
      RUN --mount=type=bind,from=ASSETS,target=/a cp -r /a /srv
      COPY --from=nginx:latest /etc/nginx /etc/nginx
      """)
    #expect(r.stages[2].copiesFromStages == [0, 1])
    #expect(r.stages[2].baseStage == nil)
    // Only the final stage is the image; the stages it reads are built.
    #expect(r.shippedStageIndices == [2])
    #expect(r.builtStageIndices == [0, 1, 2])
    #expect(r.copies(inStage: 2).map(\.stage) == [0])
    #expect(r.copies(inStage: 2).first?.sources == ["/app/target/release/app"])
    #expect(r.stages[2].instructions.first?.flag("from") == "0")
  }

  @Test func argsInStagesAndHeredocs() throws {
    let r = try recipe(
      """
      ARG BASE=alpine
      ARG TAG
      FROM ${BASE}:${TAG-3.20}
      ARG BASE
      ARG MODE=prod
      ENV IMAGE=$BASE MODE=${MODE}
      RUN <<-EOF
      \techo $MODE
      \tEOF
      """)
    #expect(r.stages[0].base == "alpine:3.20")
    #expect(r.stages[0].env.map(\.value) == ["alpine", "prod"])
    #expect(r.stages[0].runs.first?.heredocs == ["echo $MODE\n"])
    #expect(r.stages[0].instructions.map(\.keyword) == ["ARG", "ARG", "ENV", "RUN"])
  }

  @Test func noFromMeansNoStages() throws {
    let r = try recipe("ARG A=1\n")
    #expect(r.stages.isEmpty)
    #expect(r.globalArgs.first?.value == "1")
  }
}
