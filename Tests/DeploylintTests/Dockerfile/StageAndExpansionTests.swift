import DeploylintCore
import DeploylintParsers
import Testing

/// The stage a build targets and the variables each instruction sees, as
/// buildkit resolves them (issue 15 items 1 and 2), on Dockerfiles written
/// for these tests.
@Suite struct StageAndExpansionTests {
  func recipe(_ text: String, buildArgs: [String: String] = [:]) throws -> ImageRecipe {
    try DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text))
      .makeImageRecipe(path: "Dockerfile", buildArgs: buildArgs)
  }

  static let threeStages = """
    FROM python:3.12 AS base
    RUN pip install fastapi
    FROM base AS prod
    CMD ["uvicorn", "app:api"]
    FROM base AS dev
    RUN pip install torch
    """

  @Test func targetStageIsTheImageAndOnlyItsChainShips() throws {
    let r = try recipe(Self.threeStages)
    #expect(r.finalStage?.name == "dev")
    #expect(r.shippedStageIndices == [0, 2])
    let prod = try #require(r.targeting("prod"))
    #expect(prod.finalStage?.name == "prod")
    #expect(prod.shippedStageIndices == [0, 1])
    #expect(prod.builtStageIndices == [0, 1])
    // Stage names are matched as buildkit does, ignoring case; numbers work too.
    #expect(r.targeting("PROD")?.targetIndex == 1)
    #expect(r.targeting("2")?.finalStage?.name == "dev")
    #expect(r.targeting("staging") == nil)
  }

  @Test func runSeesArgDefaultsThroughTheShell() throws {
    let r = try recipe(
      """
      FROM python:3.12-slim
      ARG TORCH_PKG=torch
      ARG TORCH_VERSION=2.4.1
      RUN pip install --no-cache-dir ${TORCH_PKG}==${TORCH_VERSION} "$TORCH_PKG"vision
      """)
    let run = try #require(r.stages[0].runs.first)
    #expect(run.shellCommands == [["pip", "install", "--no-cache-dir", "torch==2.4.1", "torchvision"]])
    // The text stays as written; each reference records what it became.
    #expect(run.text.contains("${TORCH_PKG}"))
    #expect(
      run.substitutions == [
        Substitution(written: "${TORCH_PKG}", value: "torch"),
        Substitution(written: "${TORCH_VERSION}", value: "2.4.1"),
        Substitution(written: "$TORCH_PKG", value: "torch"),
      ])
  }

  @Test func globalArgIsInvisibleInAStageUntilRedeclared() throws {
    let r = try recipe(
      """
      ARG PKG=torch
      FROM python:3.12 AS a
      RUN pip install $PKG
      FROM python:3.12 AS b
      ARG PKG
      RUN pip install $PKG
      """)
    #expect(r.stages[0].runs.first?.shellCommands == [["pip", "install", "$PKG"]])
    #expect(r.stages[0].runs.first?.substitutions == [])
    #expect(r.stages[1].runs.first?.shellCommands == [["pip", "install", "torch"]])
  }

  @Test func argsDoNotCrossIntoStagesBuiltFromThem() throws {
    let r = try recipe(
      """
      FROM python:3.12 AS a
      ARG PKG=torch
      ENV KEEP=onnxruntime
      FROM a AS b
      RUN pip install $PKG $KEEP
      """)
    // ENV is inherited through FROM; ARG is scoped to its stage.
    #expect(r.stages[1].runs.first?.shellCommands == [["pip", "install", "$PKG", "onnxruntime"]])
  }

  @Test func buildArgsReplaceDefaultsAndEnvWinsOverBoth() throws {
    let text = """
      ARG BASE_TAG=3.12
      FROM python:${BASE_TAG}-slim
      ARG ML=onnxruntime
      ARG EXTRA
      RUN pip install $ML ${EXTRA:-none}
      ENV ML=tflite-runtime
      RUN pip install $ML
      """
    let plain = try recipe(text)
    #expect(plain.stages[0].base == "python:3.12-slim")
    #expect(plain.stages[0].runs[0].shellCommands == [["pip", "install", "onnxruntime", "none"]])
    let given = try recipe(text, buildArgs: ["ML": "torch", "EXTRA": "sentencepiece", "BASE_TAG": "3.11"])
    #expect(given.stages[0].base == "python:3.11-slim")
    #expect(given.stages[0].runs[0].shellCommands == [["pip", "install", "torch", "sentencepiece"]])
    #expect(given.stages[0].runs[1].shellCommands == [["pip", "install", "tflite-runtime"]])
    // A build argument no ARG declares is invisible.
    let undeclared = try recipe("FROM python:3.12\nRUN pip install $PKG\n", buildArgs: ["PKG": "torch"])
    #expect(undeclared.stages[0].runs[0].shellCommands == [["pip", "install", "$PKG"]])
  }

  @Test func singleQuotesEscapesAndUnsetVariablesStayAsWritten() throws {
    let r = try recipe(
      """
      FROM python:3.12
      ARG PKG=torch
      RUN echo '$PKG' \\$PKG $HOME ${#PKG} && pip install "$PKG"
      """)
    let run = try #require(r.stages[0].runs.first)
    #expect(
      run.shellCommands == [["echo", "$PKG", "$PKG", "$HOME", "${#PKG}"], ["pip", "install", "torch"]])
    #expect(run.substitutions == [Substitution(written: "$PKG", value: "torch")])
  }

  @Test func platformArgsBuildkitFillsStayAsWritten() throws {
    let r = try recipe(
      """
      FROM python:3.12
      ARG TARGETARCH
      ARG FLAVOUR
      RUN pip install wheel-${TARGETARCH} torch${FLAVOUR:-+cpu}
      """)
    // TARGETARCH is the builder's; FLAVOUR is declared without a value, so the shell sees it unset.
    #expect(
      r.stages[0].runs.first?.shellCommands == [["pip", "install", "wheel-${TARGETARCH}", "torch+cpu"]])
  }

  @Test func heredocBodiesAreExpandedLikeTheScriptTheyAre() throws {
    let r = try recipe(
      """
      FROM python:3.12
      ARG PKG=torch
      RUN <<EOF
      pip install $PKG
      EOF
      """)
    #expect(r.stages[0].runs.first?.shellCommands.last == ["pip", "install", "torch"])
  }

  @Test func copyArgumentsAndFlagsAreExpanded() throws {
    let r = try recipe(
      """
      ARG BUILDER=deps
      FROM python:3.12 AS deps
      ENV VIRTUAL_ENV=/opt/venv
      FROM python:3.12-slim
      ARG BUILDER
      ENV VIRTUAL_ENV=/opt/venv APP=/srv
      COPY --from=${BUILDER} $VIRTUAL_ENV ${VIRTUAL_ENV}
      WORKDIR $APP/api
      """)
    let copy = try #require(r.copies(inStage: 1).first)
    #expect(copy.stage == 0)
    #expect(copy.instruction.flag("from") == "deps")
    #expect(copy.sources == ["/opt/venv"])
    #expect(copy.destination == "/opt/venv")
    #expect(r.stages[1].instructions.last?.words == ["/srv/api"])
    #expect(r.stages[1].copiesFromStages == [0])
  }

  @Test func doublingExpansionsStayBounded() throws {
    // `ENV A=$A$A` sixty times would be 2^60 copies; `RUN` then names it
    // twenty thousand times. Values stop growing at the expansion bound and
    // the script stops growing at the splitter's limit.
    var lines = ["FROM python:3.12", "ENV A=xxxxxxxxxxxxxxxx"]
    lines += Array(repeating: "ENV A=$A$A", count: 60)
    lines.append("RUN echo " + String(repeating: "$A ", count: 20_000) + "&& pip install torch")
    let r = try recipe(lines.joined(separator: "\n"))
    let a = try #require(r.environment(ofStage: 0)["A"]?.value)
    #expect(a.utf8.count <= 65_536)
    let run = try #require(r.stages[0].runs.first)
    #expect(run.shellCommands.joined().map(\.utf8.count).reduce(0, +) <= 3_000_000)
    #expect(run.substitutions.count == 1)
  }

  @Test func nonASCIINamesAndEscapesExpandOnWholeCharacters() throws {
    // The expansion scans UTF-8 bytes: a name may end in a letter outside
    // ASCII, and an escape skips a whole multi-byte character.
    let r = try recipe(
      """
      FROM python:3.12
      ARG PAKET=torch
      ARG ÄPFEL=äpfel
      RUN echo \\é $ÄPFEL "${PAKET}ü" $PAKETé && pip install $PAKET
      """)
    let run = try #require(r.stages[0].runs.first)
    #expect(
      run.shellCommands == [["echo", "é", "äpfel", "torchü", "$PAKETé"], ["pip", "install", "torch"]])
    #expect(
      run.substitutions == [
        Substitution(written: "$ÄPFEL", value: "äpfel"), Substitution(written: "${PAKET}", value: "torch"),
        Substitution(written: "$PAKET", value: "torch"),
      ])
  }

  @Test func wordsSplitAtBlanksButNotAtABlankWithACombiningMark() {
    let span = Span(path: "Dockerfile", line: 1, column: 1, endLine: 1, endColumn: 1)
    #expect(
      Instruction(keyword: "CMD", span: span, text: "a  b\tc", textSpan: span).words == ["a", "b", "c"])
    // A space followed by U+0301 is one character, and not a blank.
    #expect(
      Instruction(keyword: "CMD", span: span, text: "a \u{301}b\tc", textSpan: span).words == [
        "a \u{301}b", "c",
      ])
  }
}
