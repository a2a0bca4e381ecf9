import DeploylintCore
import DeploylintParsers

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finding and reading `.deploylint.yml`: at the scanned root or the nearest
/// folder above it, stopping at the repository's top (a folder holding `.git`)
/// or the filesystem root, so a monorepo's services share one file.
public enum ConfigurationFile {
  public static let names = [".deploylint.yml", ".deploylint.yaml"]

  /// The configuration file that applies to `scanPath` (a folder or a file), if any.
  public static func locate(from scanPath: String) -> String? {
    guard var folder = Discovery.realPath(scanPath) else { return nil }
    var info = stat()
    if stat(folder, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { folder = folder.parentPath }
    if folder.isEmpty { folder = "/" }
    for _ in 0..<256 {
      for name in names {
        let candidate = folder == "/" ? "/" + name : folder + "/" + name
        if access(candidate, R_OK) == 0 { return candidate }
      }
      if access(folder + "/.git", F_OK) == 0 || folder == "/" { return nil }
      let parent = folder.parentPath
      folder = parent.isEmpty ? "/" : parent
    }
    return nil
  }

  /// Reads and validates a configuration file, rules included (ids, aliases,
  /// options against each rule's declared `RuleOption`s). Errors are `path:line:col: message`.
  /// `text`, when given, is the file's content (an editor's unsaved buffer).
  public static func load(
    _ path: String, displayPath: String? = nil, text: [UInt8]? = nil
  ) -> Result<DeploylintConfig, LoadError> {
    var bytes = text ?? []
    if text == nil {
      guard case .success(let read) = Discovery.readAll(path, limit: 1_048_576) else {
        return .failure(LoadError(messages: ["\(path): cannot read the configuration file"]))
      }
      bytes = read
    }
    let source = SourceFile(path: displayPath ?? path, bytes: bytes)
    do {
      let config = try DeploylintConfig.parse(YAMLReader.read(source))
      let (_, errors) = RuleSettings.resolve(config, rules: [])
      guard errors.isEmpty else { return .failure(LoadError(messages: errors.map(Analyzer.located))) }
      return .success(config)
    } catch {
      return .failure(LoadError(messages: [Analyzer.located(error)]))
    }
  }

  public struct LoadError: Error, Sendable {
    public var messages: [String]
  }
}
