/// A Procfile no platform is evidenced for (issue 14, platforms.md §4, §10):
/// Heroku, Dokku, Railway and other hosts start Procfiles, and nothing in the
/// repository says which one starts this one. No service is made from it
/// (deploylint does not invent a dyno); a note says so and how to declare it.
public struct UnclaimedProcfile: Hashable, Sendable {
  /// Path relative to the scanned root.
  public var path: String
  /// The first process line (`web: …`), where the note lands.
  public var span: Span
  /// The process names, in file order (`release` excluded: it runs once).
  public var processes: [String]
  /// The name deploylint would give the `web` process's service (the
  /// folder's name), for the `.deploylint.yml` lines that declare it.
  public var webServiceName: String

  public init(path: String, span: Span, processes: [String], webServiceName: String) {
    self.path = path
    self.span = span
    self.processes = processes
    self.webServiceName = webServiceName
  }
}
