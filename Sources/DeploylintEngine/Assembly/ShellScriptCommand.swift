import DeploylintCore

/// A command that runs its real work through a shell: `sh -c "redis-server
/// --maxmemory 200mb"`, `bash -lc 'exec gunicorn -w 4 app:app'`,
/// `/bin/sh -ec "…"`. Compose hands `command:` and `entrypoint:` to the
/// container as arguments (a string is split like a shell would split it,
/// but no shell runs it: Compose specification, 05-services.md `command`),
/// so the server and its flags are inside the script string, one word for
/// Compose. This reads that script as the shell would split it, without
/// running or expanding anything.
enum ShellScriptCommand {
  /// Shells that take a script with `-c`.
  static let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh", "ksh"]

  /// The words of the command the script leaves running when `words` are a
  /// shell running a `-c` script: the command it `exec`s, else its last
  /// simple command (`migrate && exec gunicorn …`, `migrate; gunicorn …`).
  /// Nil when `words` do not run a shell script.
  static func innerCommand(_ words: [String]) -> [String]? {
    guard let script = script(words) else { return nil }
    let commands = ShellWords.commands(script)
    let chosen = commands.last { $0.first == "exec" } ?? commands.last
    guard var inner = chosen, !inner.isEmpty else { return nil }
    if inner.first == "exec" { inner.removeFirst() }
    return inner.isEmpty ? nil : inner
  }

  /// `word` as a shell would need it written to stay one word: Compose's
  /// argument list joined into a start command keeps `sh -c "a && b"` one
  /// script for whoever splits the command again.
  static func quoted(_ word: String) -> String {
    let special: Set<Character> = [
      " ", "\t", "\n", "\"", "'", "\\", "$", "`", ";", "&", "|", "<", ">", "(", ")", "*", "?", "#", "~",
    ]
    guard word.isEmpty || word.contains(where: special.contains) else { return word }
    return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }

  /// The script of `sh -c SCRIPT` (options before `-c` allowed: `-e`, `-l`,
  /// combined as `-lc`, `-ec`), or nil.
  static func script(_ words: [String]) -> String? {
    guard let first = words.first, shells.contains(first.split(separator: "/").last.map(String.init) ?? first)
    else { return nil }
    var i = 1
    while i < words.count, words[i].hasPrefix("-"), !words[i].hasPrefix("--") {
      // A cluster of short options: `-c` may come last (`-lc`, `-ec`).
      if words[i].dropFirst().contains("c") {
        return i + 1 < words.count ? words[i + 1] : nil
      }
      i += 1
    }
    return nil
  }
}
