import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// The compose projects of the workspace: the ones whose files are named,
  /// then each base file with its default override.
  func composeStacks() -> (stacks: [ComposeStack], ignored: [(path: String, reason: String)]) {
    ComposeStack.stacks(workspace[.composeFiles], named: namedComposeFiles())
  }

  /// Compose files given explicitly, first wins: the command line
  /// (`deploylint a.yml b.yml`, as `docker compose -f a.yml -f b.yml`),
  /// `.deploylint.yml` `compose.files` (relative to the scanned root), then
  /// `COMPOSE_FILE` in a `.env` (relative to that folder, the project
  /// directory). Docker's documentation of the pre-defined variables
  /// (envvars.md, `COMPOSE_FILE`): several files are separated by `:` on
  /// Linux and macOS, or by `COMPOSE_PATH_SEPARATOR`; Compose reads both
  /// from the `.env` of the project directory too.
  func namedComposeFiles() -> [ComposeFileList] {
    var lists: [ComposeFileList] = []
    if !workspace.namedComposeFiles.isEmpty {
      lists.append(ComposeFileList(paths: workspace.namedComposeFiles, source: "the command line"))
    }
    if let files = workspace.config.compose?.files, !files.isEmpty {
      lists.append(
        ComposeFileList(paths: files.map { joinPath("", $0.value) }, source: ".deploylint.yml compose.files"))
    }
    for (path, variables) in workspace[.dotenvs].sorted(by: { $0.key < $1.key }) where path.baseName == ".env"
    {
      guard let value = variables["COMPOSE_FILE"], !value.isEmpty else { continue }
      let separator = variables["COMPOSE_PATH_SEPARATOR"]?.first ?? ":"
      let paths = value.split(separator: separator).map { joinPath(path.parentPath, String($0)) }
      lists.append(ComposeFileList(paths: paths, source: "COMPOSE_FILE in \(workspace.displayPath(path))"))
    }
    return lists
  }
}
