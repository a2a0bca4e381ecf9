import DeploylintEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The repository holding the current folder: the nearest folder at or above
/// it with a `.git` entry (a folder, or a file in a worktree or submodule).
enum RepositoryRoot {
  /// The current folder relative to the repository root: `""` at the root or
  /// outside any repository, `services/api` below it. GitLab's report paths
  /// are relative to the repository, wherever deploylint ran.
  static func prefixOfCurrentDirectory() -> String {
    guard let cwd = Discovery.realPathOfCurrentDirectory() else { return "" }
    var folder = cwd
    for _ in 0..<256 {
      if access(folder == "/" ? "/.git" : folder + "/.git", F_OK) == 0 {
        return folder == cwd ? "" : String(cwd.dropFirst(folder == "/" ? 1 : folder.count + 1))
      }
      guard folder != "/", let slash = folder.lastIndex(of: "/") else { return "" }
      folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
    }
    return ""
  }
}
