import DeploylintCore
import DeploylintParsers

extension FileKind {
  /// Any other `*.py` file: only its imports are read.
  public static let pythonSource = FileKind("pythonSource")
}

extension StoreKey {
  /// The `import`s of each Python file: evidence of what the service's code loads.
  static var pythonImports: StoreKey<[PythonImport]> { .init("pythonImports") }
}

extension InputKind {
  /// `*.py` (after the kinds with Python names of their own, which record
  /// their imports too). Discovery bounds how many and how large (see
  /// `Discovery.maxPythonSources`), and never follows a link to one.
  static let pythonSource = InputKind(kind: .pythonSource, matches: { $0.lower.hasSuffix(".py") }) {
    source, file, store throws(ParseError) in
    store[.pythonImports][file.relativePath] = PythonImports.read(source)
  }
}
