import DeploylintCore
import DeploylintEngine
import DeploylintReporters

// libFuzzer entry for the whole pipeline: the input is a small project tree,
// written to a temporary folder and run through discovery, parsing, assembly,
// every rule, suppression, every reporter, the step summary, the budget
// analysis and its three renderers, `init`'s starter file and `fix`'s edits.
//
// Input format (what the seeds written by scripts/fuzz.sh look like): files
// separated by lines starting with `%% `, each followed by the file's name:
//
//   %% Dockerfile
//   FROM python:3.12
//   %% render.yaml
//   services: …
//
// A name outside `names` is mapped onto one of them (by its bytes), so the
// fuzzer cannot write outside the folder and mutations of a name still reach
// a file kind deploylint reads.
@testable import DeploylintCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let names = [
  "Dockerfile", "api/Dockerfile", "worker.Dockerfile", "render.yaml", "railway.json", "railway.toml",
  "fly.toml",
  "app.json", "Procfile", "heroku.yml", "compose.yaml", "docker-compose.yml", "package.json",
  "ecosystem.config.js", "ecosystem.config.json", "Cargo.toml", "Cargo.lock", "requirements.txt",
  "pyproject.toml", "uv.lock", ".env", ".deploylint.yml", ".gitignore", "api/.gitignore", "api/package.json",
  "api/requirements.txt",
]

let root = "/tmp/deploylint-fuzz-pipeline-\(getpid())"

/// The files of one input: (name, bytes).
func files(_ bytes: [UInt8]) -> [(String, [UInt8])] {
  var out: [(String, [UInt8])] = []
  var i = 0
  var current: (name: String, start: Int)?
  func finish(at end: Int) {
    guard let c = current else { return }
    out.append((c.name, Array(bytes[c.start..<max(c.start, end)])))
  }
  while i < bytes.count {
    let atLineStart = i == 0 || bytes[i - 1] == 0x0A
    if atLineStart, i + 2 < bytes.count, bytes[i] == 0x25, bytes[i + 1] == 0x25, bytes[i + 2] == 0x20 {
      finish(at: max(0, i - 1))
      var end = i + 3
      while end < bytes.count, bytes[end] != 0x0A { end += 1 }
      let raw = String(decoding: bytes[(i + 3)..<end], as: UTF8.self)
      let name =
        names.contains(raw)
        ? raw : names[Int(raw.utf8.reduce(UInt32(7)) { $0 &* 31 &+ UInt32($1) } % UInt32(names.count))]
      current = (name, min(end + 1, bytes.count))
      i = end
    }
    i += 1
  }
  finish(at: bytes.count)
  if out.isEmpty { out = [("Dockerfile", bytes)] }
  return out
}

func removeTree(_ path: String) {
  guard let dir = opendir(path) else {
    unlink(path)
    return
  }
  var entries: [String] = []
  while let entry = readdir(dir) {
    let name = withUnsafePointer(to: entry.pointee.d_name) {
      $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
    }
    if name != "." && name != ".." { entries.append(name) }
  }
  closedir(dir)
  for name in entries {
    var st = stat()
    let full = path + "/" + name
    if lstat(full, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { removeTree(full) } else { unlink(full) }
  }
  rmdir(path)
}

func write(_ bytes: [UInt8], to path: String) {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  guard fd >= 0 else { return }
  _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
  close(fd)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  removeTree(root)
  mkdir(root, 0o700)
  mkdir(root + "/api", 0o700)
  for (name, bytes) in files(Array(UnsafeBufferPointer(start: data, count: size))) {
    write(bytes, to: root + "/" + name)
  }
  var analyzer = Analyzer(toolVersion: "fuzz", hostMemory: size % 3 == 0 ? 4 << 30 : nil)
  analyzer.jobs = 1
  let (report, project) = analyzer.scanProject(roots: [(root, root)])
  var options = ReporterOptions()
  options.sourceRoot = root
  for format in OutputFormat.allCases {
    _ = reporter(for: format).render(report, options: options)
  }
  _ = githubStepSummary(report)
  // Issue 11 item 8: a summary never exceeds the room it is given.
  let room = 512 + size % 4_096
  precondition(githubStepSummary(report, limit: room).utf8.count <= room, "step summary over its room")
  let analysis = BudgetAnalysis(project: project, findings: report.findings)
  _ = BudgetTextRenderer(width: 80).render(analysis)
  _ = BudgetJSONRenderer.render(analysis, toolVersion: "fuzz")
  _ = BudgetHTMLRenderer(sources: report.sources, toolVersion: "fuzz").render(analysis)
  _ = InitCommand.starter(project)
  var edits: [String: [TextEdit]] = [:]
  for finding in report.findings {
    for edit in finding.edits { edits[edit.span.path, default: []].append(edit) }
  }
  for (path, list) in edits {
    guard let source = report.sources[path],
      case .success(let bytes) = Discovery.readAll(path, limit: 1 << 20)
    else { continue }
    if let result = try? FixApplier.apply(list, to: source, bytes: bytes) {
      let diff = UnifiedDiff.make(path: path, old: source.text, new: SourceFile.decode(result.bytes))
      // Issue 11 item 6: what `fix --dry-run` prints holds no control
      // character but line ends, and under Actions no live workflow command.
      let shown = RunnerSafety.guarded(RunnerSafety.lines(diff), actions: true) { "t0k3n" }
      precondition(
        !shown.unicodeScalars.contains {
          ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F
        },
        "control character in a diff")
      let commandLike = RunnerSafety.lines(diff).split(separator: "\n").contains(
        where: RunnerSafety.isCommandLike)
      precondition(!commandLike || shown.hasPrefix("::stop-commands::t0k3n\n"), "live command in a diff")
    }
  }
  return 0
}
