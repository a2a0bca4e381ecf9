import DeploylintCore
import DeploylintParsers
import Dispatch

/// The parsed artefacts of one scan root, keyed by path relative to the root.
/// Built once by `Workspace.parse` (each file read and parsed once by its
/// `InputKind`); assembly only reads it, through the typed store
/// (`workspace[.recipes]`).
struct Workspace {
  var sources: [String: SourceFile] = [:]
  var files: [String: InputFile] = [:]
  /// What the input kinds parsed, one table per `StoreKey`.
  var inputs = ParsedInputs()
  /// The root's `.deploylint.yml` (or the one the CLI found).
  var config: DeploylintConfig = DeploylintConfig()
  var configErrors: [ParseError] = []
  var diagnostics: [Finding] = []
  /// Compose files named on the command line (`deploylint a.yml b.yml`),
  /// relative paths in the order given: one project, as `docker compose -f
  /// a.yml -f b.yml` reads it.
  var namedComposeFiles: [String] = []

  /// The parsed files of one key, by relative path.
  subscript<Value>(key: StoreKey<Value>) -> [String: Value] { inputs[key] }

  /// All relative paths of a kind, sorted.
  func paths(of kind: FileKind) -> [String] {
    files.values.filter { $0.kind == kind }.map(\.relativePath).sorted()
  }

  func source(_ relativePath: String) -> SourceFile? { sources[relativePath] }

  /// The first line of a file, for findings and related locations about the
  /// file as a whole.
  func fileSpan(_ relativePath: String) -> Span {
    guard let s = sources[relativePath] else { return Span.file(relativePath) }
    return s.spanOfLine(1)
  }

  func displayPath(_ relativePath: String) -> String { files[relativePath]?.displayPath ?? relativePath }

  mutating func fail(_ error: ParseError) {
    diagnostics.append(
      Finding(
        ruleID: UnparseableFileID.id, severity: .error, message: error.message, span: error.span,
        help: ["fix the syntax at this location; deploylint checked the other files"]))
  }

  /// Parses every input, on `jobs` threads when there are several. Each file
  /// is parsed into a workspace of its own, then the workspaces are merged in
  /// input order, so the result does not depend on the number of threads.
  static func parse(_ inputs: [InputFile], jobs: Int = 1) -> Workspace {
    let workers = max(1, min(jobs, inputs.count))
    var ws = Workspace()
    if workers == 1 {
      for input in inputs { ws.add(input) }
    } else {
      let slots = ParallelSlots<Workspace>(count: inputs.count)
      // Worker w takes inputs w, w + workers, …: files of similar sizes spread evenly.
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for index in stride(from: worker, to: inputs.count, by: workers) {
          var one = Workspace()
          one.add(inputs[index])
          slots.set(index, one)
        }
      }
      for one in slots.values() { ws.absorb(one) }
    }
    // The last root configuration in input order applies (`.deploylint.yml`
    // after `.deploylint.yaml`).
    let configurations = ws[.configurations]
    if let config = inputs.lazy.reversed().compactMap({ configurations[$0.relativePath] }).first {
      ws.config = config
    }
    return ws
  }

  /// Reads and parses one input into this workspace.
  private mutating func add(_ input: InputFile) {
    let source = SourceFile(path: input.displayPath, bytes: input.bytes)
    sources[input.relativePath] = source
    files[input.relativePath] = input
    guard let kind = InputKinds.registration(of: input.kind) else { return }
    do {
      try kind.parse(source, input, &inputs)
    } catch {
      if kind.errorsAreConfigurationErrors { configErrors.append(error) } else { fail(error) }
    }
  }
}

/// The id of the parse-failure rule, known to the engine without importing rules' internals.
enum UnparseableFileID {
  static let id = "unparseable-file"
}

extension String {
  /// The folder part of a relative path ("" at the root).
  var parentPath: String {
    guard let slash = lastSlash else { return "" }
    return String(self[..<slash])
  }
  var baseName: String {
    guard let slash = lastSlash else { return self }
    return String(self[index(after: slash)...])
  }

  /// The last `/`. In ASCII text (nearly every path) it is found on the
  /// bytes; elsewhere characters decide, since a `/` followed by a
  /// combining mark is one character, not a slash.
  private var lastSlash: String.Index? {
    utf8.allSatisfy { $0 < 0x80 } ? utf8.lastIndex(of: UInt8(ascii: "/")) : lastIndex(of: "/")
  }
}

/// Joins and normalises relative paths (`a/b` + `../c` → `a/c`); never climbs
/// above the root.
func joinPath(_ base: String, _ relative: String) -> String {
  // ASCII paths (nearly all; this is called for every COPY source and
  // candidate file) are joined on their bytes, without a string per part.
  guard base.utf8.allSatisfy({ $0 < 0x80 }), relative.utf8.allSatisfy({ $0 < 0x80 }) else {
    return joinPathByCharacters(base, relative)
  }
  let slash = UInt8(ascii: "/")
  let dot = UInt8(ascii: ".")
  var out: [UInt8] = []
  out.reserveCapacity(base.utf8.count + relative.utf8.count)
  // Where each part starts in `out` (before its separating `/`), so `..` can drop it.
  var starts: [Int] = []
  func add(_ part: Substring.UTF8View) {
    starts.append(out.count)
    if !out.isEmpty { out.append(slash) }
    out.append(contentsOf: part)
  }
  if relative.utf8.first != slash {
    for part in base.utf8.split(separator: slash) { add(part) }
  }
  for part in relative.utf8.split(separator: slash) {
    if part.allSatisfy({ $0 == dot }), part.count <= 2 {
      if part.count == 2, let start = starts.popLast() { out.removeSubrange(start...) }
      continue
    }
    add(part)
  }
  return String(decoding: out, as: UTF8.self)
}

/// `joinPath` on characters, for paths with non-ASCII text.
private func joinPathByCharacters(_ base: String, _ relative: String) -> String {
  var parts = relative.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
  for piece in relative.split(separator: "/") {
    switch piece {
    case ".", "": continue
    case "..": if !parts.isEmpty { parts.removeLast() }
    default: parts.append(String(piece))
    }
  }
  return parts.joined(separator: "/")
}
