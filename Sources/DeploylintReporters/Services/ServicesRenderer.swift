import DeploylintCore

/// `deploylint services`: every service's resolved deploy path (issue 14
/// item 4), each fact with the line that states it and whether it is
/// declared, the platform's documented default, or assumed; the files the
/// platform reads for the service and those it ignores, with the reason. It
/// answers "why did deploylint say that?". Text for people, JSON for tools.
public enum ServicesRenderer {
  // MARK: Text

  public static func text(_ project: Project) -> String {
    var out = project.services.isEmpty ? "no service found\n" : ""
    for (index, service) in project.services.enumerated() {
      if index > 0 { out += "\n" }
      out += text(service)
    }
    if !project.ignoredFiles.isEmpty {
      out += "\nfiles no platform reads:\n"
      out += project.ignoredFiles.map { "  \(VisibleText.make($0.path)): \(VisibleText.make($0.reason))\n" }
        .joined()
    }
    return out
  }

  static func text(_ s: Service) -> String {
    var out = "service \(VisibleText.make(s.name))\n"
    func line(_ label: String, _ value: String, _ span: Span? = nil, _ provenance: Provenance? = nil) {
      var text = "  \(label): \(VisibleText.make(value))"
      if let provenance { text += " [\(provenance.label)]" }
      if let span { text += " (\(at(span)))" }
      out += text + "\n"
    }
    line(
      "platform",
      (s.platform?.displayName ?? "unknown") + (s.platformEvidence.map { ": \($0.reason)" } ?? ""),
      s.platformEvidence?.span, s.platformEvidence?.provenance)
    if let plan = s.plan { line("plan", plan.value, plan.span) }
    if let budget = s.runtimeBudget {
      line(
        "memory", "\(Bytes.format(budget.bytes, .decimal)): \(budget.source)", budget.span, budget.provenance)
      if budget.assumed, let declaration = budget.declaration {
        out += "    declare it in .deploylint.yml:\n"
        out += declaration.lines.map { "      \(VisibleText.make($0))\n" }.joined()
      }
    } else {
      line("memory", "unknown (nothing declares it)")
    }
    if let instances = s.instances { line("instances", String(instances.value), instances.span) }
    if let root = s.build.root { line("root", root.reason, root.span, root.provenance) }
    out += build(s)
    if !s.start.isEmpty || !s.start.replaced.isEmpty {
      out += "  start:\n"
      for link in s.start.links {
        out +=
          "    \(link.kind.rawValue): \(VisibleText.make(link.command.text)) (\(link.command.source), \(at(link.command.span)))\n"
      }
      for replaced in s.start.replaced {
        out +=
          "    not run: \(VisibleText.make(replaced.link.command.text)) (\(replaced.link.command.source), "
          + "\(at(replaced.link.command.span))): \(VisibleText.make(replaced.reason))\n"
      }
    }
    out += environment("build environment", s.buildEnvironment)
    out += environment("run environment", s.environment)
    let read = s.files.filter { $0.role == .read }
    let ignored = s.files.filter { $0.role == .ignored }
    if !read.isEmpty {
      out += "  files read:\n"
      out += read.map { "    \(VisibleText.make($0.path)): \(VisibleText.make($0.reason))\n" }.joined()
    }
    if !ignored.isEmpty {
      out += "  files ignored:\n"
      out += ignored.map { "    \(VisibleText.make($0.path)): \(VisibleText.make($0.reason))\n" }.joined()
    }
    return out
  }

  static func build(_ s: Service) -> String {
    var out = "  build: "
    switch s.build.kind {
    case .dockerfile:
      out +=
        "Dockerfile \(VisibleText.make(s.build.recipe?.path ?? "?")), context \(contextText(s.build.contextPath))"
      if let target = s.build.target {
        out += ", target stage \(VisibleText.make(target.value)) (\(at(target.span)))"
        // buildkit stops with "target stage … could not be found".
        if s.build.recipe?.targetIndex == nil {
          out += ", which no stage of the Dockerfile is named: the build fails"
        }
      }
    case .native:
      out += "native build in \(contextText(s.build.contextPath))"
      if let builder = s.build.builder {
        out += " by \(VisibleText.make(builder.name)) [\(builder.evidence.provenance.label)]"
      }
    case .prebuilt(let image):
      out += "prebuilt image \(VisibleText.make(image)), nothing built"
    case .unknown:
      out += "unknown"
    }
    out += "\n"
    if let choice = s.build.recipeChoice {
      out += "    why: \(VisibleText.make(choice.reason)) [\(choice.provenance.label)]"
      out += choice.span.map { " (\(at($0)))" } ?? ""
      out += "\n"
    }
    if let command = s.build.nativeCommand {
      out += "    command: \(VisibleText.make(command.text)) (\(command.source), \(at(command.span)))\n"
    }
    if let location = s.build.location {
      out += "    runs on: \(VisibleText.make(location.description))"
      if let budget = s.build.budget {
        out += ", \(Bytes.format(budget.bytes, .decimal)) [\(budget.provenance.label)]"
      }
      out += "\n"
    }
    return out
  }

  static func environment(_ label: String, _ env: Environment) -> String {
    guard !env.entries.isEmpty else { return "" }
    return "  \(label):\n"
      + env.entries.map { v in
        "    \(VisibleText.make(v.key))=\(VisibleText.make(v.value)) (\(VisibleText.make(v.source)), \(at(v.span)))\n"
      }.joined()
  }

  static func contextText(_ path: String) -> String { path.isEmpty ? "the root" : VisibleText.make(path) }

  static func at(_ span: Span) -> String { "\(VisibleText.make(span.path)):\(span.line)" }

  // MARK: JSON

  public static func json(_ project: Project, toolVersion: String) -> String {
    JSONValue.object([
      ("version", .int(1)),
      ("tool", .object([("name", .string("deploylint")), ("version", .string(toolVersion))])),
      ("services", .array(project.services.map(json))),
      (
        "ignoredFiles",
        .array(
          project.ignoredFiles.map { .object([("path", .string($0.path)), ("reason", .string($0.reason))]) })
      ),
    ]).serialized()
  }

  static func location(_ span: Span?) -> JSONValue {
    guard let span else { return .null }
    return .object([("path", .string(span.path)), ("line", .int(span.line)), ("column", .int(span.column))])
  }

  static func evidence(_ e: Evidence?) -> JSONValue {
    guard let e else { return .null }
    return .object([
      ("provenance", .string(e.provenance.label)), ("reason", .string(e.reason)),
      ("location", location(e.span)),
    ])
  }

  static func budget(_ b: MemoryBudget?) -> JSONValue {
    guard let b else { return .null }
    return .object([
      ("bytes", .int(Int(clamping: b.bytes))), ("source", .string(b.source)),
      ("provenance", .string(b.provenance.label)), ("location", location(b.span)),
      ("declare", b.declaration.map { .array($0.lines.map(JSONValue.string)) } ?? .null),
    ])
  }

  static func command(_ c: CommandFact) -> [(String, JSONValue)] {
    [("command", .string(c.text)), ("source", .string(c.source)), ("location", location(c.span))]
  }

  static func json(_ s: Service) -> JSONValue {
    let kind: String
    switch s.build.kind {
    case .dockerfile: kind = "dockerfile"
    case .native: kind = "native"
    case .prebuilt: kind = "prebuilt"
    case .unknown: kind = "unknown"
    }
    let build: JSONValue = .object([
      ("kind", .string(kind)), ("dockerfile", .optional(s.build.recipe?.path)),
      ("context", .string(s.build.contextPath)), ("root", evidence(s.build.root)),
      ("target", .optional(s.build.target?.value)),
      ("targetLocation", location(s.build.target?.span)),
      ("why", evidence(s.build.recipeChoice)),
      (
        "builder",
        s.build.builder.map { .object([("name", .string($0.name)), ("evidence", evidence($0.evidence))]) }
          ?? .null
      ),
      ("command", s.build.nativeCommand.map { .object(command($0)) } ?? .null),
      ("runsOn", .optional(s.build.location?.description)), ("budget", budget(s.build.budget)),
    ])
    func env(_ e: Environment) -> JSONValue {
      .array(
        e.entries.map {
          .object([
            ("key", .string($0.key)), ("value", .string($0.value)), ("source", .string($0.source)),
            ("location", location($0.span)),
          ])
        })
    }
    return .object([
      ("name", .string(s.name)), ("platform", .optional(s.platform?.rawValue)),
      ("platformEvidence", evidence(s.platformEvidence)), ("plan", .optional(s.plan?.value)),
      ("runtimeBudget", budget(s.runtimeBudget)), ("instances", s.instances.map { .int($0.value) } ?? .null),
      ("build", build),
      (
        "start",
        .object([
          (
            "links",
            .array(s.start.links.map { .object([("kind", .string($0.kind.rawValue))] + command($0.command)) })
          ),
          (
            "notRun",
            .array(
              s.start.replaced.map {
                .object(
                  [("kind", .string($0.link.kind.rawValue))] + command($0.link.command) + [
                    ("reason", .string($0.reason))
                  ])
              })
          ),
        ])
      ),
      ("buildEnvironment", env(s.buildEnvironment)), ("environment", env(s.environment)),
      (
        "files",
        .array(
          s.files.map {
            .object([
              ("path", .string($0.path)), ("role", .string($0.role.rawValue)), ("reason", .string($0.reason)),
              ("location", location($0.span)),
            ])
          })
      ),
    ])
  }
}
