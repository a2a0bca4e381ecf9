import DeploylintCore

/// A package pinned by a Python lock file.
public struct LockedPythonPackage: Sendable {
  public var name: String
  /// PEP 503 normalised.
  public var normalizedName: String
  public var version: String?
  /// The `name = "…"` value.
  public var span: Span
}

/// Reads `[[package]] name/version` tables, the shape `poetry.lock` and
/// `uv.lock` share.
enum PythonLockTables {
  static func packages(_ file: SourceFile) throws(ParseError) -> [LockedPythonPackage] {
    let doc = try TOMLReader.read(file)
    guard let packages = doc.value("package", in: doc.root) else { return [] }
    return doc.items(of: packages).compactMap { table in
      guard let name = doc.value("name", in: table), let text = name.string else { return nil }
      return LockedPythonPackage(
        name: text, normalizedName: PythonRequirement.normalize(text),
        version: doc.value("version", in: table)?.string, span: name.span)
    }
  }
}

/// `poetry.lock`.
public enum PoetryLock {
  public static func read(_ file: SourceFile) throws(ParseError) -> [LockedPythonPackage] {
    try PythonLockTables.packages(file)
  }
}

/// `uv.lock`.
public enum UVLock {
  public static func read(_ file: SourceFile) throws(ParseError) -> [LockedPythonPackage] {
    try PythonLockTables.packages(file)
  }
}
