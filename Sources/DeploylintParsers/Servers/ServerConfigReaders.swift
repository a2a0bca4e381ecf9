import DeploylintCore

/// Line readers for the configuration files of application servers and queue
/// workers. Each reads the few settings that decide how many processes,
/// threads or jobs run and how much memory each may take, located at their
/// line; nothing is executed, and a value it cannot read is `.unknown`.
public enum ServerConfigReaders {
  /// Puma (`config/puma.rb`) and Unicorn (`config/unicorn.rb`): `workers N`,
  /// `threads MIN, MAX`, `preload_app!`, `worker_processes N`, and local
  /// variables they use.
  public static func ruby(_ file: SourceFile) -> ServerConfig {
    var config = ServerConfig()
    forEachLine(file, comment: "#") { _, text, span in
      let words = text.split(separator: " ", maxSplits: 1).map(String.init)
      guard let head = words.first else { return }
      let keyword = String(head.prefix { $0 != "(" })
      let rest = String(text.dropFirst(keyword.count)).trimmedOf(" \t")
      switch keyword {
      case "workers", "worker_processes":
        config.settings["workers"] = ServerSetting(
          key: keyword, expression: CountExpression.read(unwrapCall(rest)), value: rest, span: span)
      case "threads":
        let args = splitArguments(unwrapCall(rest))
        if let max = args.last {
          config.settings["threads"] = ServerSetting(
            key: "threads", expression: CountExpression.read(max), value: rest, span: span)
        }
      case "preload_app!" where !rest.contains("false"):
        config.settings["preload"] = ServerSetting(
          key: "preload_app!", expression: .literal(1), value: "", span: span)
      case "preload_app!":
        config.settings["preload"] = ServerSetting(
          key: "preload_app!", expression: .literal(0), value: rest, span: span)
      case "fork_worker":
        // Workers forked from worker 0 instead of a preloaded master.
        config.settings["fork_worker"] = ServerSetting(
          key: "fork_worker", expression: .literal(1), value: rest, span: span)
      default:
        if let (name, value) = assignment(text) {
          config.variables[name] = CountExpression.read(value)
        }
      }
    }
    return config
  }

  /// Bundler's `Gemfile.lock`: the locked Puma version (`    puma (8.0.2)`,
  /// a spec four spaces in), whose major decides whether cluster mode
  /// preloads the app by default. Setting `puma`: the major version.
  public static func gemfileLock(_ file: SourceFile) -> ServerConfig {
    var config = ServerConfig()
    forEachLine(file, comment: "#") { _, text, span in
      guard span.column == 5, text.hasPrefix("puma ("), config.settings["puma"] == nil else { return }
      let version = text.dropFirst("puma (".count).prefix { $0 != ")" }
      guard let major = version.split(separator: ".").first.flatMap({ Saturating.parseCount($0) }) else {
        return
      }
      config.settings["puma"] = ServerSetting(
        key: "puma", expression: .literal(major), value: String(version), span: span)
    }
    return config
  }

  /// gunicorn's Python configuration (`gunicorn.conf.py`, `-c file`):
  /// `workers = …`, `threads = …`, `preload_app = True`.
  public static func gunicorn(_ file: SourceFile) -> ServerConfig {
    var config = ServerConfig()
    forEachLine(file, comment: "#") { _, text, span in
      guard let (name, value) = assignment(text) else { return }
      switch name {
      case "workers", "threads":
        config.settings[name] = ServerSetting(
          key: name, expression: CountExpression.read(value), value: value, span: span)
      case "preload_app" where value.hasPrefix("True"):
        config.settings["preload"] = ServerSetting(
          key: name, expression: .literal(1), value: value, span: span)
      default:
        config.variables[name] = CountExpression.read(value)
      }
    }
    return config
  }

  /// PHP-FPM pools (`www.conf`) and `php.ini`: `pm.max_children`, `pm`, and
  /// `memory_limit` (also as `php_admin_value[memory_limit]`).
  public static func php(_ file: SourceFile) -> ServerConfig {
    var config = ServerConfig()
    forEachLine(file, comment: ";") { _, text, span in
      guard let eq = text.firstIndex(of: "=") else { return }
      let key = String(text[..<eq]).trimmedOf(" \t")
      let value = String(text[text.index(after: eq)...]).trimmedOf(" \t\"'")
      switch key {
      case "pm.max_children":
        config.settings["max_children"] = ServerSetting(
          key: key, expression: CountExpression.read(value), value: value, span: span)
      case "pm":
        config.settings["pm"] = ServerSetting(key: key, expression: .unknown, value: value, span: span)
      case "memory_limit", "php_admin_value[memory_limit]", "php_value[memory_limit]":
        config.settings["memory_limit"] = ServerSetting(
          key: key, expression: .unknown, value: value, span: span)
      default: break
      }
    }
    return config
  }

  /// Sidekiq's `config/sidekiq.yml`: `:concurrency:` (or `concurrency:`), at
  /// the top level or under `production:`, ERB defaults read like `ENV.fetch`.
  public static func sidekiq(_ file: SourceFile) -> ServerConfig {
    var config = ServerConfig()
    var section = ""
    var best: (rank: Int, setting: ServerSetting)?
    forEachLine(file, comment: "#") { _, text, span in
      let indented = span.column > 1
      if !indented, text.hasSuffix(":") {
        section = text.trimmedOf(": ")
        return
      }
      var t = text
      if t.hasPrefix(":") { t = String(t.dropFirst()) }
      guard t.hasPrefix("concurrency:") else { return }
      let value = String(t.dropFirst("concurrency:".count)).trimmedOf(" \t\"'")
      // The top-level value, else production's, else any.
      let rank = !indented ? 3 : section == "production" ? 2 : 1
      guard rank > (best?.rank ?? 0) else { return }
      best = (
        rank,
        ServerSetting(
          key: "concurrency", expression: CountExpression.read(value.replacingERB()), value: value, span: span
        )
      )
    }
    config.settings["concurrency"] = best?.setting
    return config
  }

  /// Celery settings in Python modules: `worker_concurrency`,
  /// `CELERY_WORKER_CONCURRENCY`, `CELERYD_CONCURRENCY`, `worker_pool`
  /// (also as `app.conf.worker_concurrency = …`).
  public static func celery(_ file: SourceFile) -> ServerConfig {
    var config = ServerConfig()
    forEachLine(file, comment: "#") { _, text, span in
      guard let (rawName, value) = assignment(text, allowDots: true) else { return }
      let name = rawName.split(separator: ".").last.map(String.init) ?? rawName
      switch name {
      case "worker_concurrency", "CELERY_WORKER_CONCURRENCY", "CELERYD_CONCURRENCY":
        config.settings["concurrency"] = ServerSetting(
          key: rawName, expression: CountExpression.read(value), value: value, span: span)
      case "worker_pool", "CELERY_WORKER_POOL", "CELERYD_POOL":
        config.settings["pool"] = ServerSetting(
          key: rawName, expression: .unknown, value: value.trimmedOf("\"'"), span: span)
      default: break
      }
    }
    return config
  }

  /// `airflow.cfg`: `worker_concurrency` of the `[celery]` section.
  public static func airflow(_ file: SourceFile) -> ServerConfig {
    var config = ServerConfig()
    var section = ""
    forEachLine(file, comment: "#") { _, text, span in
      if text.hasPrefix("[") {
        section = text.trimmedOf("[] ")
        return
      }
      guard section == "celery", let eq = text.firstIndex(of: "=") else { return }
      let key = String(text[..<eq]).trimmedOf(" \t")
      let value = String(text[text.index(after: eq)...]).trimmedOf(" \t")
      if key == "worker_concurrency" {
        config.settings["concurrency"] = ServerSetting(
          key: key, expression: CountExpression.read(value), value: value, span: span)
      }
    }
    return config
  }

  // MARK: Helpers

  /// Calls `body` for each line with its text trimmed, comments removed (a
  /// comment starts at `comment` outside quotes), and the span of that text.
  static func forEachLine(
    _ file: SourceFile, comment: Character, _ body: (Int, String, Span) -> Void
  ) {
    guard file.lineCount > 0 else { return }
    for line in 1...min(file.lineCount, 20_000) {
      let raw = Array(file.line(line))
      var end = raw.count
      var quote: Character?
      for (i, c) in raw.enumerated() {
        if let q = quote {
          if c == q { quote = nil }
        } else if c == "\"" || c == "'" {
          quote = c
        } else if c == comment {
          end = i
          break
        }
      }
      var start = 0
      while start < end, raw[start] == " " || raw[start] == "\t" { start += 1 }
      while end > start, raw[end - 1] == " " || raw[end - 1] == "\t" || raw[end - 1] == "\r" { end -= 1 }
      guard end > start else { continue }
      let text = String(raw[start..<end])
      let startColumn = String(raw[..<start]).unicodeScalars.count + 1
      let span = Span(
        path: file.path, line: line, column: startColumn, endLine: line,
        endColumn: startColumn + text.unicodeScalars.count)
      body(line, text, span)
    }
  }

  /// `name = value` (not `==`), with a plain or dotted name.
  static func assignment(_ text: String, allowDots: Bool = false) -> (String, String)? {
    guard let eq = text.firstIndex(of: "=") else { return nil }
    let after = text.index(after: eq)
    if after < text.endIndex, text[after] == "=" { return nil }
    let name = String(text[..<eq]).trimmedOf(" \t")
    guard !name.isEmpty,
      name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber || (allowDots && $0 == ".") })
    else { return nil }
    return (name, String(text[after...]).trimmedOf(" \t"))
  }

  /// `(ENV.fetch(…) { 2 })` → `ENV.fetch(…) { 2 }`.
  static func unwrapCall(_ text: String) -> String {
    var t = text.trimmedOf(" \t")
    if t.hasPrefix("("), t.hasSuffix(")") { t = String(t.dropFirst().dropLast()) }
    return t
  }

  /// Top-level comma-separated arguments (commas inside brackets or quotes kept).
  static func splitArguments(_ text: String) -> [String] {
    var parts: [String] = []
    var depth = 0
    var current = ""
    var quote: Character?
    for c in text {
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "\"" || c == "'" {
        quote = c
      } else if "({[".contains(c) {
        depth += 1
      } else if ")}]".contains(c) {
        depth -= 1
      } else if c == ",", depth == 0 {
        parts.append(current.trimmedOf(" \t"))
        current = ""
        continue
      }
      current.append(c)
    }
    if !current.trimmedOf(" \t").isEmpty { parts.append(current.trimmedOf(" \t")) }
    return parts
  }
}

extension String {
  /// `<%= ENV.fetch("X") { 5 } %>` → `ENV.fetch("X") { 5 }`.
  func replacingERB() -> String {
    var t = self
    if t.hasPrefix("<%="), t.hasSuffix("%>") { t = String(t.dropFirst(3).dropLast(2)) }
    return t.trimmedOf(" \t")
  }
}
