import DeploylintCore

extension Dockerfile {
  /// The model's view of this Dockerfile: global `ARG`s, and per `FROM` the
  /// stage name, base image (ARG-expanded), base stage, `ENV`s (expanded with
  /// buildkit's semantics), instructions and the stages it copies from.
  /// `buildArgs` are the platform's build arguments (compose `build.args`,
  /// Fly `[build.args]`): as with `docker build --build-arg`, they replace
  /// the default of an `ARG` that declares them and are invisible otherwise.
  public func makeImageRecipe(path: String, buildArgs: [String: String] = [:]) -> ImageRecipe {
    var builder = ImageRecipeBuilder(escape: escapeToken, buildArgs: buildArgs)
    for instruction in instructions { builder.add(instruction) }
    return builder.finish(path: path)
  }
}

/// Walks the instructions in order, keeping the variables each stage sees.
private struct ImageRecipeBuilder {
  let expander: ShellWordExpander
  var globalArgs: [EnvVar] = []
  /// Global `ARG`s declared without a default: listed in the recipe, but unset for expansion.
  var unsetGlobals: Set<String> = []
  var stages: [BuildStage] = []
  /// Per stage: the `ARG`s declared in it, by name.
  var stageArgs: [String: String] = [:]
  /// Per stage: `ARG`s declared in it that nothing gives a value.
  var unsetStageArgs: Set<String> = []
  /// Per stage: the environment so far (inherited from its base stage, then its own `ENV`s).
  var stageEnv: [String: String] = [:]
  /// Final environment of every stage, for stages built `FROM` an earlier one.
  var finalEnvs: [[String: String]] = []

  /// Build arguments given by the platform, by name.
  let buildArgs: [String: String]

  init(escape: Character, buildArgs: [String: String]) {
    expander = ShellWordExpander(escapeToken: escape)
    self.buildArgs = buildArgs
  }

  var globalValues: [String: String] {
    var values: [String: String] = [:]
    for a in globalArgs where !unsetGlobals.contains(a.key) { values[a.key] = a.value }
    return values
  }

  /// Most scalars the variables substituted into one word may add: no real
  /// `ARG` or `ENV` value comes near it, and `ENV A=$A$A` repeated cannot
  /// double its way to gigabytes.
  static let maxExpansion = 65_536

  /// Expands `word` with `variables`; when it cannot be expanded, or would
  /// grow past `maxExpansion`, it is kept as written.
  func expand(_ word: String, _ variables: [String: String]) -> String {
    // Nothing to substitute or unquote (most words): kept as it is.
    let escape = expander.escapeToken
    if !word.unicodeScalars.contains(where: { $0 == "$" || $0 == "'" || $0 == "\"" || $0 == escape }) {
      return word
    }
    var budget = Self.maxExpansion
    let result = try? expander.processWord(word) { name in
      guard let value = variables[name] else { return nil }
      budget -= value.utf8.count
      return budget >= 0 ? value : ""
    }
    guard let result, budget >= 0 else { return word }
    return result
  }

  mutating func add(_ instruction: DockerfileInstruction) {
    switch instruction.keyword {
    case "from":
      startStage(instruction)
      return
    case "arg":
      declareArgs(instruction)
      if stages.isEmpty { return }
    case "env":
      if !stages.isEmpty { setEnv(instruction) }
    default: break
    }
    guard !stages.isEmpty else { return }
    let i = stages.count - 1
    stages[i].instructions.append(convert(instruction))
    for reference in stageReferences(instruction) {
      if let j = stageIndex(reference, before: i), !stages[i].copiesFromStages.contains(j) {
        stages[i].copiesFromStages.append(j)
      }
    }
  }

  mutating func startStage(_ instruction: DockerfileInstruction) {
    saveFinalEnv()
    let index = stages.count
    let raw = instruction.arguments.first ?? ""
    let base = expand(raw, globalValues)
    var name: String?
    if instruction.arguments.count >= 3, instruction.arguments[1].lowercased() == "as" {
      name = instruction.arguments[2].lowercased()
    }
    let baseStage = stages.firstIndex { $0.name != nil && $0.name == base.lowercased() }
    stageArgs = [:]
    unsetStageArgs = []
    stageEnv = baseStage.map { finalEnvs[$0] } ?? [:]
    stages.append(
      BuildStage(
        index: index, name: name, base: base, fromSpan: instruction.span, baseStage: baseStage,
        instructions: [], env: [], copiesFromStages: []))
  }

  mutating func saveFinalEnv() {
    if !stages.isEmpty { finalEnvs.append(stageEnv) }
  }

  /// `ARG name[=default]`: before the first `FROM` a global (its default
  /// expanded with earlier globals); in a stage, a bare name takes the global's value.
  mutating func declareArgs(_ instruction: DockerfileInstruction) {
    for (k, word) in instruction.arguments.enumerated() {
      let span = k < instruction.argumentSpans.count ? instruction.argumentSpans[k] : instruction.span
      let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = String(parts[0])
      // A build argument replaces the default; a declaration without one
      // stays unset unless a build argument (or, in a stage, the global) sets it.
      let given = buildArgs[key]
      if stages.isEmpty {
        let value = given ?? (parts.count > 1 ? expand(String(parts[1]), globalValues) : "")
        globalArgs.removeAll { $0.key == key }
        if parts.count > 1 || given != nil { unsetGlobals.remove(key) } else { unsetGlobals.insert(key) }
        globalArgs.append(EnvVar(key: key, value: value, span: span, source: "Dockerfile ARG"))
      } else {
        let value =
          given ?? (parts.count > 1 ? expand(String(parts[1]), visibleVariables) : globalValues[key])
        stageArgs[key] = value
        // buildkit fills the platform ARGs itself; their value is the builder's, not known here.
        if value == nil && !Self.platformArgs.contains(key) {
          unsetStageArgs.insert(key)
        } else {
          unsetStageArgs.remove(key)
        }
      }
    }
  }

  /// The ARGs buildkit predefines (`docker build` docs, "Automatic platform ARGs in the global scope").
  static let platformArgs: Set<String> = [
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDARCH",
    "BUILDVARIANT",
  ]

  /// What a word in a stage is expanded with: `ARG`s, overridden by `ENV`s.
  var visibleVariables: [String: String] {
    stageArgs.merging(stageEnv) { _, env in env }
  }

  mutating func setEnv(_ instruction: DockerfileInstruction) {
    let a = instruction.arguments
    var k = 0
    var assigned: [EnvVar] = []
    // All pairs of one ENV are expanded with the variables from before it.
    let variables = visibleVariables
    while k + 2 < a.count {
      let key = expand(a[k], variables)
      let value = expand(a[k + 1], variables)
      let span = instruction.argumentSpans[k + 2]
      assigned.append(EnvVar(key: key, value: value, span: span, source: "Dockerfile ENV"))
      k += 3
    }
    for e in assigned {
      stageEnv[e.key] = e.value
      stages[stages.count - 1].env.append(e)
    }
  }

  func convert(_ instruction: DockerfileInstruction) -> Instruction {
    let keyword = instruction.keyword.uppercased()
    var flags = instruction.flags.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 }
    var words: [String]? = nil
    if Self.expandedKeywords.contains(instruction.keyword) {
      let variables = visibleVariables
      words = instruction.arguments.map { expand($0, variables) }
      if instruction.keyword == "copy" || instruction.keyword == "add" {
        flags = flags.map { flag in
          guard let eq = flag.firstIndex(of: "=") else { return flag }
          return String(flag[...eq]) + expand(String(flag[flag.index(after: eq)...]), variables)
        }
      }
    }
    let text = instruction.isJSON ? instruction.arguments.joined(separator: " ") : instruction.argumentsText
    let heredocs = instruction.heredocs.map(\.chompedContent)
    var script: String? = nil
    var substitutions: [Substitution] = []
    if keyword == "RUN" {
      let written = ([text] + heredocs).joined(separator: "\n")
      if written.utf8.contains(UInt8(ascii: "$")) {
        (script, substitutions) = RunExpansion.expand(
          written, visibleVariables, unset: unsetStageArgs.subtracting(stageEnv.keys))
      }
    }
    return Instruction(
      keyword: keyword,
      span: instruction.span,
      text: text,
      textSpan: instruction.argumentsSpan,
      execForm: instruction.isJSON ? instruction.arguments : nil,
      flags: flags,
      heredocs: heredocs,
      words: words,
      script: script,
      substitutions: substitutions)
  }

  /// Instructions whose arguments buildkit expands with `ARG`s and `ENV`s
  /// (its `replaceEnvAllowed`; `ENV`, `ARG`, `FROM` and `LABEL` are handled
  /// above or not read). `RUN`, `CMD` and `ENTRYPOINT` are left to the shell.
  static let expandedKeywords: Set<String> = [
    "add", "copy", "workdir", "user", "volume", "expose", "stopsignal",
  ]

  /// Stage references of `COPY --from=x` and `RUN --mount=…,from=x`.
  func stageReferences(_ instruction: DockerfileInstruction) -> [String] {
    var references: [String] = []
    for flag in instruction.flags {
      if instruction.keyword == "copy", flag.hasPrefix("--from=") {
        references.append(expand(String(flag.dropFirst(7)), visibleVariables))
      }
      if instruction.keyword == "run", flag.hasPrefix("--mount=") {
        for field in flag.dropFirst(8).split(separator: ",") {
          let kv = field.split(separator: "=", maxSplits: 1)
          if kv.count == 2, kv[0].lowercased() == "from" {
            references.append(expand(String(kv[1]), visibleVariables))
          }
        }
      }
    }
    return references
  }

  /// An earlier stage named (case-insensitively) or numbered `reference`.
  func stageIndex(_ reference: String, before current: Int) -> Int? {
    let lower = reference.lowercased()
    if let i = stages[..<current].firstIndex(where: { $0.name == lower }) { return i }
    if let n = Int(reference), n >= 0, n < current { return n }
    return nil
  }

  mutating func finish(path: String) -> ImageRecipe {
    ImageRecipe(path: path, stages: stages, globalArgs: globalArgs)
  }
}
