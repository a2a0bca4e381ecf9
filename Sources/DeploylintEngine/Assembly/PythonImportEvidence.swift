import DeploylintCore
import DeploylintParsers

/// Whether the service's own code loads the ML runtime it installs (issue 15
/// item 7): the `.py` files of its build context (for a Dockerfile build,
/// those `.dockerignore` sends) are searched for an `import` of torch, or of
/// an installed package that pulls it in. Installed is not running: a
/// package nothing imports costs image size, not memory.
enum PythonImportEvidence {
  static func enrich(_ service: inout Service, _ assembler: Assembler) {
    guard let runtime = service.python.mlRuntimePackage else { return }
    let ws = assembler.workspace
    let folder = service.build.contextPath
    var context: BuildContext?
    if case .dockerfile = service.build.kind, let recipe = service.build.recipe {
      context = BuildContext(folder: folder, dockerfile: recipe.path, in: ws)
    }
    let modules = loadingModules(runtime: runtime, packages: service.python.packages)
    // The start command may run the module itself (`python -m kokoro`).
    if let start = service.startCommand {
      for words in ShellWords.commands(start.text) {
        for (k, word) in words.enumerated().dropLast() where word == "-m" {
          let module = String(words[k + 1].prefix { $0 != "." })
          if modules.contains(PythonModuleName.normalize(module)) {
            service.python.mlImport = .imported(module: module, span: start.span)
            return
          }
        }
      }
    }
    var read = 0
    for path in ws[.pythonImports].keys.sorted() {
      guard folder.isEmpty || path.hasPrefix(folder + "/") else { continue }
      if let context, !context.sends(folder.isEmpty ? path : String(path.dropFirst(folder.count + 1))) {
        continue
      }
      read += 1
      for imported in ws[.pythonImports][path] ?? []
      where modules.contains(PythonModuleName.normalize(imported.module)) {
        service.python.mlImport = .imported(module: imported.module, span: imported.span)
        return
      }
    }
    service.python.mlImport = .notImported(filesRead: read)
  }

  /// The modules whose import loads the runtime: the runtime's own, and those
  /// of the installed packages that pull it in (`sentence_transformers`, `whisper`…).
  static func loadingModules(runtime: PackageRef, packages: [PackageRef]) -> Set<String> {
    if MLPackages.tensorflow.contains(runtime.name) { return ["tensorflow", "keras", "tf_keras"] }
    var modules: Set<String> = ["torch", "torchvision", "torchaudio"]
    // transformers and diffusers pull torch only with an extra, but with
    // torch installed beside them their model classes (`AutoModel…`,
    // pipelines) are the PyTorch ones and load it: importing them is
    // evidence (ecosystem: Skywebsite/api-grammer-'s main.py).
    for p in packages where MLPackages.pullsTorch(p) || MLPackages.torchExtras.contains(p.name.lowercased()) {
      for name in MLPackages.importNames(of: p.name) { modules.insert(PythonModuleName.normalize(name)) }
    }
    return modules
  }
}

enum PythonModuleName {
  /// `Sentence_Transformers` → `sentence_transformers`.
  static func normalize(_ name: String) -> String { name.lowercased().replacingDashes() }
}

extension String {
  fileprivate func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}
