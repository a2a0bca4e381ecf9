/// What a Dockerfile says about the image it builds, in the terms rules need.
/// Built by the engine from the parser's syntax tree; rules never see the tree.
public struct ImageRecipe: Sendable {
  /// Path of the Dockerfile relative to the scanned root.
  public var path: String
  public var stages: [BuildStage]
  /// Global `ARG`s (before the first `FROM`).
  public var globalArgs: [EnvVar]

  /// The stage the platform builds when it names one (compose `build.target`,
  /// Fly `build-target`): buildkit stops there and that stage is the image.
  /// Nil for the last stage.
  public var targetIndex: Int? = nil

  public init(path: String, stages: [BuildStage], globalArgs: [EnvVar] = []) {
    self.path = path
    self.stages = stages
    self.globalArgs = globalArgs
  }

  /// The stage that becomes the image: the target when one is set, else the last.
  public var finalStage: BuildStage? {
    if let targetIndex, stages.indices.contains(targetIndex) { return stages[targetIndex] }
    return stages.last
  }

  /// This recipe built up to stage `reference` (a name or a number, as
  /// `docker build --target` takes it); nil when no stage has that name.
  public func targeting(_ reference: String) -> ImageRecipe? {
    guard let index = stageIndex(named: reference) else { return nil }
    var recipe = self
    recipe.targetIndex = index
    return recipe
  }

  /// Index of the stage named `reference` (by name or number), if it is a stage.
  public func stageIndex(named reference: String) -> Int? {
    if let i = stages.firstIndex(where: { $0.name?.lowercased() == reference.lowercased() }) {
      return i
    }
    if let n = Int(reference), n >= 0, n < stages.count { return n }
    return nil
  }

  /// The stages whose file system is the image: the final stage (the target)
  /// and the stages it is built `FROM`, nearest first. What other stages
  /// install reaches the image only through a `COPY --from` (`copies(inStage:)`).
  public var shippedStageIndices: [Int] {
    guard let final = finalStage else { return [] }
    return stageChain(final.index).sorted()
  }

  /// The stages buildkit runs to build the image: the final stage, the stages
  /// it is `FROM`, and those it copies or mounts files from, recursively. A
  /// stage nothing depends on is skipped (buildkit prunes it), so its `RUN`s
  /// take no build memory; a builder whose binary is copied does.
  public var builtStageIndices: [Int] {
    guard let final = finalStage else { return [] }
    var seen = Set<Int>()
    var queue = [final.index]
    while let i = queue.popLast() {
      guard seen.insert(i).inserted else { continue }
      if let base = stages[i].baseStage { queue.append(base) }
      queue.append(contentsOf: stages[i].copiesFromStages)
    }
    return seen.sorted()
  }

  /// The names every `ARG` of the file declares, global or in a stage.
  public var declaredArgs: Set<String> {
    var names = Set(globalArgs.map(\.key))
    for stage in stages {
      for instruction in stage.instructions where instruction.keyword == "ARG" {
        for word in instruction.words {
          names.insert(String(word.prefix { $0 != "=" }))
        }
      }
    }
    return names
  }

  /// The stage and the stages it is built `FROM`, nearest first.
  public func stageChain(_ index: Int) -> [Int] {
    guard stages.indices.contains(index) else { return [] }
    var chain = [index]
    // A stage is built FROM an earlier one only, so the chain strictly
    // descends; the check keeps it finite (and linear) whatever the input.
    while let base = stages[chain[chain.count - 1]].baseStage, base >= 0, base < chain[chain.count - 1] {
      chain.append(base)
    }
    return chain
  }

  /// The `COPY --from=<stage>` instructions of stage `index` that copy from
  /// an earlier stage of this file (not from an image), with that stage.
  public func copies(inStage index: Int) -> [StageCopy] {
    var result: [StageCopy] = []
    for instruction in stages[index].instructions where instruction.keyword == "COPY" {
      guard let from = instruction.flag("from"), let source = stageIndex(named: from), source < index
      else { continue }
      result.append(StageCopy(instruction: instruction, stage: source))
    }
    return result
  }

  /// The environment of a stage: `ENV`s of the stages it is built `FROM`
  /// (inherited, as buildkit does) followed by its own.
  public func environment(ofStage index: Int) -> Environment {
    var env = Environment()
    for j in stageChain(index).reversed() {
      for e in stages[j].env { env.set(e) }
    }
    return env
  }
}

/// A `COPY --from=<stage>` of another stage of the same Dockerfile.
public struct StageCopy: Sendable {
  public var instruction: Instruction
  /// The stage copied from.
  public var stage: Int
  /// The paths copied, as buildkit reads them in the source stage (ARG/ENV
  /// expanded, relative paths from its root): every word but the destination.
  public var sources: [String] { Array(instruction.words.dropLast()) }
  /// Where the files land in the copying stage.
  public var destination: String? { instruction.words.count > 1 ? instruction.words.last : nil }

  public init(instruction: Instruction, stage: Int) {
    self.instruction = instruction
    self.stage = stage
  }
}

/// One `FROM … [AS name]` section of a Dockerfile.
public struct BuildStage: Sendable {
  public var index: Int
  public var name: String?
  /// The base image as written after expansion (`python:3.12-slim`, or a stage name).
  public var base: String
  public var fromSpan: Span
  /// When `FROM` names an earlier stage, its index.
  public var baseStage: Int?
  public var instructions: [Instruction]
  /// `ENV` variables set in this stage, in order.
  public var env: [EnvVar]
  /// Indices of earlier stages that `COPY --from` / `RUN --mount=from=` read.
  public var copiesFromStages: [Int]

  public init(
    index: Int, name: String?, base: String, fromSpan: Span, baseStage: Int?,
    instructions: [Instruction], env: [EnvVar], copiesFromStages: [Int]
  ) {
    self.index = index
    self.name = name
    self.base = base
    self.fromSpan = fromSpan
    self.baseStage = baseStage
    self.instructions = instructions
    self.env = env
    self.copiesFromStages = copiesFromStages
  }

  /// The shell commands of this stage's `RUN`s (heredoc bodies included).
  public var runs: [Instruction] { instructions.filter { $0.keyword == "RUN" } }
}

/// One Dockerfile instruction, reduced to what rules read.
public struct Instruction: Sendable {
  /// Upper-cased keyword: `RUN`, `COPY`, `CMD`…
  public var keyword: String
  /// The whole instruction, continuation lines included.
  public var span: Span
  /// The instruction's arguments after the keyword and flags, as one string
  /// (shell form as written with continuations joined; JSON form re-joined by spaces).
  public var text: String
  /// Span of `text` in the file (first line of the arguments to the last).
  public var textSpan: Span
  /// JSON-form arguments, when the exec form was used.
  public var execForm: [String]?
  /// Flags without the leading `--` (`from=builder`, `mount=type=cache,…`),
  /// `ARG`/`ENV`-expanded for `COPY` and `ADD` as buildkit expands them.
  public var flags: [String]
  /// Heredoc bodies attached to the instruction.
  public var heredocs: [String]
  /// The arguments as the build reads them: for the instructions buildkit
  /// expands (`COPY`, `ADD`, `WORKDIR`, `USER`, `VOLUME`, `EXPOSE`,
  /// `STOPSIGNAL`) each word with the stage's `ARG`s and `ENV`s substituted;
  /// for the others, the arguments as written (the exec form's, or `text`
  /// split at blanks). Those are split when read, not for every
  /// instruction: nothing reads the words of a `RUN` (its `shellCommands`
  /// are what steps read), and splitting every script was a tenth of the
  /// time spent converting a Dockerfile.
  public var words: [String] {
    get { givenWords ?? execForm ?? Self.blankSeparated(text) }
    set { givenWords = newValue }
  }
  /// The words given to `init` or set since; nil when they come from `execForm` or `text`.
  private var givenWords: [String]?
  /// For `RUN`: the simple commands of the script (`text` and the heredoc
  /// bodies) after the stage's `ARG`s and `ENV`s are substituted, as the
  /// shell that runs it sees them, each as its words. Split once here and
  /// read by every step that looks into `RUN` lines (Python installs, Node
  /// builds, cargo), never re-split.
  public var shellCommands: [[String]]
  /// For `RUN`: each variable reference written in the script that the
  /// stage's variables expand (`${TORCH_PKG}` → `torch`), so a fact read
  /// from the expanded commands is located on the reference as written.
  public var substitutions: [Substitution]

  public init(
    keyword: String, span: Span, text: String, textSpan: Span, execForm: [String]? = nil,
    flags: [String] = [], heredocs: [String] = [], words: [String]? = nil, script: String? = nil,
    substitutions: [Substitution] = []
  ) {
    self.keyword = keyword
    self.span = span
    self.text = text
    self.textSpan = textSpan
    self.execForm = execForm
    self.flags = flags
    self.heredocs = heredocs
    self.givenWords = words
    self.substitutions = substitutions
    self.shellCommands =
      keyword == "RUN" ? ShellWords.commands(script ?? ([text] + heredocs).joined(separator: "\n")) : []
  }

  /// `text` split at spaces and tabs. ASCII text (nearly every
  /// instruction) is split on its bytes; elsewhere characters decide, since
  /// a blank followed by a combining mark is one character, not a blank.
  static func blankSeparated(_ text: String) -> [String] {
    let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
    guard isASCII else { return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
    return text.utf8.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  /// The value of flag `--name=value`, if set.
  public func flag(_ name: String) -> String? {
    for f in flags where f.hasPrefix(name + "=") { return String(f.dropFirst(name.count + 1)) }
    return nil
  }
}

/// A variable reference as written in a `RUN` line and what it expands to.
public struct Substitution: Sendable, Hashable {
  /// The reference as written: `$TORCH_PKG`, `${TORCH_VERSION:-2.4}`.
  public var written: String
  /// Its value for the shell that runs the line.
  public var value: String
  public init(written: String, value: String) {
    self.written = written
    self.value = value
  }
}
