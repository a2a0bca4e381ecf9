/// What a Dockerfile says about the image it builds, in the terms rules need.
/// Built by the engine from the parser's syntax tree; rules never see the tree.
public struct ImageRecipe: Sendable {
  /// Path of the Dockerfile relative to the scanned root.
  public var path: String
  public var stages: [BuildStage]
  /// Global `ARG`s (before the first `FROM`).
  public var globalArgs: [EnvVar]

  public init(path: String, stages: [BuildStage], globalArgs: [EnvVar] = []) {
    self.path = path
    self.stages = stages
    self.globalArgs = globalArgs
  }

  /// The stage that becomes the image (the last one, unless a target is set).
  public var finalStage: BuildStage? { stages.last }

  /// Index of the stage named `reference` (by name or number), if it is a stage.
  public func stageIndex(named reference: String) -> Int? {
    if let i = stages.firstIndex(where: { $0.name?.lowercased() == reference.lowercased() }) {
      return i
    }
    if let n = Int(reference), n >= 0, n < stages.count { return n }
    return nil
  }

  /// The stages whose contents can end up in the shipped image: the final
  /// stage, the stages it is `FROM`, and those it copies files from (recursively).
  public var shippedStageIndices: [Int] {
    guard !stages.isEmpty else { return [] }
    var seen = Set<Int>()
    var queue = [stages.count - 1]
    while let i = queue.popLast() {
      guard seen.insert(i).inserted else { continue }
      if let base = stages[i].baseStage { queue.append(base) }
      queue.append(contentsOf: stages[i].copiesFromStages)
    }
    return seen.sorted()
  }

  /// The environment of a stage: `ENV`s of the stages it is built `FROM`
  /// (inherited, as buildkit does) followed by its own.
  public func environment(ofStage index: Int) -> Environment {
    var chain: [Int] = []
    var i: Int? = index
    var guardCount = 0
    while let j = i, guardCount <= stages.count {
      chain.append(j)
      i = stages[j].baseStage
      guardCount += 1
    }
    var env = Environment()
    for j in chain.reversed() {
      for e in stages[j].env { env.set(e) }
    }
    return env
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
  /// Flags as written, without the leading `--`: `from=builder`, `mount=type=cache,…`.
  public var flags: [String]
  /// Heredoc bodies attached to the instruction.
  public var heredocs: [String]
  /// For `RUN`: the simple commands of `text` and of the heredoc bodies, each
  /// as its words. Split once here and read by every step that looks into
  /// `RUN` lines (Python installs, Node builds, cargo), never re-split.
  public var shellCommands: [[String]]

  public init(
    keyword: String, span: Span, text: String, textSpan: Span, execForm: [String]? = nil,
    flags: [String] = [], heredocs: [String] = []
  ) {
    self.keyword = keyword
    self.span = span
    self.text = text
    self.textSpan = textSpan
    self.execForm = execForm
    self.flags = flags
    self.heredocs = heredocs
    self.shellCommands =
      keyword == "RUN" ? ShellWords.commands(([text] + heredocs).joined(separator: "\n")) : []
  }

  /// The value of flag `--name=value`, if set.
  public func flag(_ name: String) -> String? {
    for f in flags where f.hasPrefix(name + "=") { return String(f.dropFirst(name.count + 1)) }
    return nil
  }
}
