import DeploylintCore
import DeploylintParsers

/// The build context a Dockerfile build sends (issue 15 item 3): a folder of
/// the scan root, minus what its `.dockerignore` leaves out.
struct BuildContext {
  /// The context folder, relative to the scan root ("" for the root).
  let folder: String
  /// The ignore file BuildKit applies: `<Dockerfile name>.dockerignore` beside
  /// the Dockerfile when there is one, else `.dockerignore` at the context root.
  let ignore: DockerIgnore?
  /// The ignore file's path (relative to the scan root), for evidence.
  let ignorePath: String?
  /// Scanned files, to tell a copied file from a copied folder.
  let isFile: (String) -> Bool

  init(folder: String, dockerfile: String, in ws: Workspace) {
    self.folder = folder
    let candidates = [dockerfile + ".dockerignore", joinPath(folder, ".dockerignore")]
    let found = candidates.first { ws[.dockerIgnores][$0] != nil }
    ignorePath = found
    ignore = found.flatMap { ws[.dockerIgnores][$0] }
    let files = ws.files
    isFile = { files[$0] != nil }
  }

  /// The scan-root path of a context-relative path (`app/req.txt` → `svc/app/req.txt`).
  func path(_ contextRelative: String) -> String { joinPath(folder, contextRelative) }

  /// Whether the context sends this context-relative file to the builder.
  func sends(_ contextRelative: String) -> Bool { ignore?.excludes(contextRelative) != true }
}

/// One `COPY`/`ADD` (or `RUN --mount=type=bind`) of context files: where its
/// sources land in the image.
struct ContextCopy {
  /// Sources relative to the context root ("" is the whole context), as written after normalising.
  var sources: [String]
  /// Absolute container path of the destination, normalised.
  var destination: String
  /// The destination is a folder the sources land in (`COPY a b /app/`, `COPY x .`),
  /// not the new name of a single file (`COPY app/requirements.txt /tmp/req.txt`).
  var intoFolder: Bool

  /// The context-relative file that this copy puts at `containerPath`, if any.
  func source(of containerPath: String, in context: BuildContext) -> String? {
    for source in sources.reversed() {
      let isFile = !source.isEmpty && context.isFile(context.path(source))
      if Self.hasGlob(source) {
        // `COPY requirements*.txt ./`: files of the pattern's folder, by name.
        guard containerPath.parentContainerPath == destination,
          Glob(source.baseName).matches(containerPath.baseName)
        else { continue }
        return joinPath(source.parentPath, containerPath.baseName)
      }
      if isFile {
        let landing = intoFolder ? Self.join(destination, source.baseName) : destination
        if landing == containerPath { return source }
        continue
      }
      // A folder's contents land in the destination (`COPY . .`, `COPY app/ /srv/`).
      if destination == "/" {
        return joinPath(source, String(containerPath.dropFirst()))
      }
      if containerPath.hasPrefix(destination + "/") {
        return joinPath(source, String(containerPath.dropFirst(destination.count + 1)))
      }
    }
    return nil
  }

  static func hasGlob(_ s: String) -> Bool { s.contains { $0 == "*" || $0 == "?" || $0 == "[" } }

  /// An absolute container path joined and normalised (`/app` + `../x` → `/x`).
  static func join(_ base: String, _ path: String) -> String { "/" + joinPath(base, path) }
}

/// The context files visible in an image at one point of its Dockerfile:
/// the copies of a stage and of the stages it is built `FROM`, with the
/// `WORKDIR` in effect.
struct ImageFiles {
  var copies: [ContextCopy] = []
  /// The working directory (absolute): relative install paths start here.
  var workdir = "/"
  /// Container folders known to exist (WORKDIRs, folder destinations): a
  /// `COPY x /app` into one puts `x` inside it, as Docker does.
  var folders: Set<String> = ["/"]

  /// The state just before the instruction at `span` of `stage` (its own
  /// `RUN --mount=type=bind` mounts included), or after the whole stage.
  /// The stages it is built `FROM` come first: their copies are inherited.
  init(recipe: ImageRecipe, stage: Int, before span: Span? = nil) {
    for index in recipe.stageChain(stage).reversed() {
      for instruction in recipe.stages[index].instructions {
        if index == stage, let span, instruction.span == span {
          mountBinds(instruction)
          return
        }
        apply(instruction)
        // The whole stage (no `span`): every RUN's bind mounts count as read.
        if span == nil, instruction.keyword == "RUN" { mountBinds(instruction) }
      }
    }
  }

  /// The words of `COPY`/`ADD`/`WORKDIR` arguments.
  static func words(_ instruction: Instruction) -> [String] {
    instruction.execForm ?? ShellWords.commands(instruction.text).first ?? []
  }

  mutating func apply(_ instruction: Instruction) {
    switch instruction.keyword {
    case "WORKDIR":
      guard let path = Self.words(instruction).first else { return }
      workdir = ContextCopy.join(workdir, path)
      folders.insert(workdir)
    case "COPY", "ADD":
      // `--from` copies from a stage or an image, not the context.
      guard instruction.flag("from") == nil else { return }
      var words = Self.words(instruction)
      guard words.count >= 2, let rawDestination = words.popLast() else { return }
      let sources = words.filter { !$0.hasPrefix("<<") && !$0.contains("://") && !$0.hasPrefix("git@") }
      guard !sources.isEmpty else { return }
      let destination = ContextCopy.join(workdir, rawDestination)
      let intoFolder =
        rawDestination.hasSuffix("/") || rawDestination == "." || words.count > 1
        || folders.contains(destination)
      copies.append(
        ContextCopy(
          sources: sources.map { joinPath("", $0) }, destination: destination, intoFolder: intoFolder))
      if intoFolder { folders.insert(destination) }
    default:
      return
    }
  }

  /// `RUN --mount=type=bind,source=app/requirements.txt,target=/tmp/req.txt`:
  /// context files visible to that `RUN` only (no `from=`: the context).
  mutating func mountBinds(_ instruction: Instruction) {
    for flag in instruction.flags where flag.hasPrefix("mount=") {
      var fields: [String: String] = [:]
      for field in flag.dropFirst("mount=".count).split(separator: ",") {
        let kv = field.split(separator: "=", maxSplits: 1)
        fields[kv[0].lowercased()] = kv.count == 2 ? String(kv[1]) : ""
      }
      guard fields["type"] == "bind", fields["from"] == nil,
        let target = fields["target"] ?? fields["dst"] ?? fields["destination"]
      else { continue }
      let source = joinPath("", fields["source"] ?? fields["src"] ?? "")
      copies.append(
        ContextCopy(sources: [source], destination: ContextCopy.join(workdir, target), intoFolder: false))
    }
  }

  /// The scanned context file (scan-root path) an install reading
  /// `containerPath` (relative to the `WORKDIR`) gets: the latest copy that
  /// put a scanned file there, unless `.dockerignore` keeps it out.
  func contextFile(_ containerPath: String, in context: BuildContext) -> String? {
    let absolute = ContextCopy.join(workdir, containerPath)
    for copy in copies.reversed() {
      guard let source = copy.source(of: absolute, in: context), context.isFile(context.path(source)) else {
        continue
      }
      // Left out by .dockerignore: the builder never receives it (and an
      // earlier copy cannot have brought it either).
      return context.sends(source) ? context.path(source) : nil
    }
    return nil
  }

  /// Whether any copy of any stage puts the context file `path` (scan-root
  /// relative) into an image: a manifest the build never copies is not read.
  static func ships(_ path: String, recipe: ImageRecipe, context: BuildContext) -> Bool {
    guard path == context.folder || context.folder.isEmpty || path.hasPrefix(context.folder + "/") else {
      return false
    }
    let relative = context.folder.isEmpty ? path : String(path.dropFirst(context.folder.count + 1))
    guard context.sends(relative) else { return false }
    for stage in recipe.stages.indices {
      for copy in ImageFiles(recipe: recipe, stage: stage).copies {
        for source in copy.sources {
          if source == relative || source.isEmpty || relative.hasPrefix(source + "/") { return true }
          if ContextCopy.hasGlob(source), relative.parentPath == source.parentPath,
            Glob(source.baseName).matches(relative.baseName)
          {
            return true
          }
        }
      }
    }
    return false
  }
}

extension String {
  /// The folder of an absolute container path (`/app/x` → `/app`, `/x` → `/`).
  var parentContainerPath: String {
    guard let slash = lastIndex(of: "/"), slash != startIndex else { return "/" }
    return String(self[..<slash])
  }
}

extension ImageFiles {
  /// The scanned Python manifest an install reading `containerPath` gets.
  func pythonManifest(_ containerPath: String, in context: BuildContext, _ ws: Workspace) -> String? {
    guard let file = contextFile(containerPath, in: context), ws[.pythonManifests][file] != nil else {
      return nil
    }
    return file
  }
}

extension Workspace {
  /// Whether the build of `service` reads the scanned file `path`: a native
  /// build reads its folder; a Dockerfile build only what its `COPY`/`ADD`
  /// lines (or bind mounts) bring in past `.dockerignore`.
  func build(of service: Service, reads path: String) -> Bool {
    guard case .dockerfile = service.build.kind, let recipe = service.build.recipe else { return true }
    let context = BuildContext(folder: service.build.contextPath, dockerfile: recipe.path, in: self)
    return ImageFiles.ships(path, recipe: recipe, context: context)
  }

  /// Whether the Dockerfile build of `service` copies anything from its context.
  func buildCopiesContextFiles(_ service: Service) -> Bool {
    guard case .dockerfile = service.build.kind, let recipe = service.build.recipe else { return false }
    return recipe.stages.indices.contains { !ImageFiles(recipe: recipe, stage: $0).copies.isEmpty }
  }
}
