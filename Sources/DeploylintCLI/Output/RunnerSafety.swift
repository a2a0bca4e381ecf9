import DeploylintReporters

/// Text from the repository never reaches a terminal or a CI runner raw.
///
/// - A terminal obeys control characters (ESC/OSC sequences, CR, bidi
///   overrides): they are always shown escaped (`VisibleText`), in every
///   command and on both streams.
/// - The GitHub Actions runner reads the job's stdout and stderr for workflow
///   commands: a line that starts, after blanks, with `::` (`::error …`,
///   `::add-mask::`…), or a line holding the legacy `##[` prefix. Under
///   `GITHUB_ACTIONS=true`, a stream holding such a line is wrapped in a
///   `::stop-commands::<random token>` … `::<token>::` pair, so the runner
///   prints it instead of obeying it (and a diff stays byte for byte what
///   `fix` would write); one-line messages quoting the repository also have
///   `##[` shown escaped, so stderr is safe on its own whatever order the
///   runner reads the two streams in.
///
/// The `github` format's own annotations are the one output meant as
/// commands: their data is escaped by `GitHubEscaping`, and that stream is
/// not wrapped.
public enum RunnerSafety {
  /// One line quoting the repository (a file name, a configuration key):
  /// control characters (line breaks included) escaped, and under Actions the
  /// legacy command prefix too.
  public static func line(_ text: String, actions: Bool) -> String {
    let visible = VisibleText.make(text)
    guard actions, visible.contains("##[") else { return visible }
    return visible.replacing("##[", with: "#\\x23[")
  }

  /// Lines quoting the repository (a diff, a Dockerfile dump): each line's
  /// control characters escaped; line breaks kept, and a CR that ends a line
  /// (CRLF files) kept as it is, so a diff still applies.
  public static func lines(_ text: String) -> String {
    var out: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let crlf = line.hasSuffix("\r")
      out.append(VisibleText.make(String(crlf ? line.dropLast() : line)) + (crlf ? "\r" : ""))
    }
    return out.joined(separator: "\n")
  }

  /// Whether the runner would read `line` as a workflow command.
  public static func isCommandLike<S: StringProtocol>(_ line: S) -> Bool {
    line.drop { $0 == " " || $0 == "\t" }.hasPrefix("::") || line.contains("##[")
  }

  /// `stream` as the process writes it: under Actions, wrapped in a
  /// stop-commands pair when one of its lines would be a command.
  public static func guarded(_ stream: String, actions: Bool, token: () -> String = randomToken) -> String {
    guard actions, stream.split(separator: "\n").contains(where: isCommandLike) else { return stream }
    let t = token()
    return "::stop-commands::\(t)\n" + stream + (stream.hasSuffix("\n") ? "" : "\n") + "::\(t)::\n"
  }

  /// 128 random bits in hex: repository text cannot guess the resume token.
  public static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<2).map { _ in
      let hex = String(generator.next() as UInt64, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
  }
}
