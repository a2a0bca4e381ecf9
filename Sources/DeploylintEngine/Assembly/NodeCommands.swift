import DeploylintCore

/// Reading Node.js facts out of shell command lines: heap flags, heavy
/// bundler builds and pm2 invocations. Pure functions over words; locating
/// the words in files is `NodeScanner`'s job.
enum NodeCommands {
  /// The heap flag spellings Node accepts (V8 treats `-` and `_` alike).
  static let heapFlagPrefixes = ["--max-old-space-size=", "--max_old_space_size="]

  /// `--max-old-space-size=N` flags inside one word (a bare flag, or a
  /// `NODE_OPTIONS=--max-old-space-size=N --x` assignment): the flag text and
  /// its MiB. Values with a unit suffix (`768m`) are not documented by Node
  /// and are skipped.
  static func heapFlags(in word: String) -> [(token: String, mebibytes: Int)] {
    // Read on every word of every command: compared as UTF-8 bytes in place
    // (the prefixes are ASCII), with no copy per position — this was a
    // seventh of the lint benchmark's profile (issue 13 item 7).
    var found: [(String, Int)] = []
    let utf8 = word.utf8
    // The shortest match is a prefix (21 bytes) and one digit.
    guard utf8.count > 21 else { return found }
    for prefix in heapFlagPrefixUTF8 {
      var i = utf8.startIndex
      while let match = Self.index(of: prefix.bytes, in: utf8, from: i) {
        var j = utf8.index(match, offsetBy: prefix.bytes.count)
        var digits = ""
        while j < utf8.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[j]),
          digits.utf8.count < 9
        {
          digits.unicodeScalars.append(Unicode.Scalar(utf8[j]))
          j = utf8.index(after: j)
        }
        let endsCleanly = j == utf8.endIndex || heapFlagEndings.contains(utf8[j])
        if let n = Int(digits), n > 0, endsCleanly { found.append((prefix.text + digits, n)) }
        i = j
      }
    }
    return found
  }

  /// Bytes that may follow a heap flag's digits (built once, not per word).
  static let heapFlagEndings = Set(" \t\"',;".utf8)

  static let heapFlagPrefixUTF8: [(text: String, bytes: [UInt8])] = heapFlagPrefixes.map {
    ($0, Array($0.utf8))
  }

  /// The first index at or after `from` where `needle` starts in `haystack`.
  static func index(of needle: [UInt8], in haystack: String.UTF8View, from: String.UTF8View.Index)
    -> String.UTF8View.Index?
  {
    guard let first = needle.first else { return nil }
    var i = from
    while i < haystack.endIndex {
      guard haystack[i] == first else {
        i = haystack.index(after: i)
        continue
      }
      var k = i
      var n = 0
      while n < needle.count, k < haystack.endIndex, haystack[k] == needle[n] {
        k = haystack.index(after: k)
        n += 1
      }
      if n == needle.count { return i }
      i = haystack.index(after: i)
    }
    return nil
  }

  /// Bundler builds known to need GBs of memory, as `tool subcommand`.
  static let heavyTools: [String: String?] = [
    "next": "build", "nuxt": "build", "nuxi": "build", "vite": "build", "ng": "build",
    "react-scripts": "build", "vue-cli-service": "build", "gatsby": "build", "astro": "build",
    "remix": "build", "webpack": nil,
  ]

  /// The heavy build a simple command runs (`next build`, `webpack`), if any.
  /// Runners in front are looked through: `npx`, `bunx`, `yarn`/`pnpm [exec|dlx]`,
  /// `node node_modules/.bin/next`.
  static func heavyBuild(_ words: [String]) -> String? {
    var w = ArraySlice(ShellWords.strippingPrefixes(words))
    var guardCount = 0
    while let first = w.first, guardCount < 8 {
      guardCount += 1
      let base = first.baseName
      if ["npx", "bunx", "pnpx"].contains(base) {
        w = w.dropFirst()
        while let f = w.first, f.hasPrefix("-") { w = w.dropFirst() }
      } else if ["yarn", "pnpm", "bun"].contains(base), let next = w.dropFirst().first,
        ["exec", "dlx", "x"].contains(next) || heavyTools[next] != nil
      {
        w = w.dropFirst(["exec", "dlx", "x"].contains(next) ? 2 : 1)
      } else if base == "node", let next = w.dropFirst().first, heavyTools[next.baseName] != nil {
        w = w.dropFirst()
      } else {
        break
      }
    }
    guard let tool = w.first?.baseName, let sub = heavyTools[tool] else { return nil }
    let args = w.dropFirst().filter { !$0.hasPrefix("-") }
    if let sub {
      return args.first == sub ? "\(tool) \(sub)" : nil
    }
    // webpack: a plain `webpack` builds; `serve`/`watch` and `--watch` do not.
    if let a = args.first, ["serve", "watch", "help", "info", "version", "init"].contains(a) { return nil }
    if w.contains("--watch") || w.contains("-w") { return nil }
    return tool
  }

  /// A pm2 invocation: the ecosystem file or script it starts and its CLI options.
  struct PM2Invocation {
    var target: String
    var only: [String] = []
    var name: String?
    var instances: String?
    var nodeArgs: [String] = []
    var maxMemoryRestart: String?
    /// Words after `--` (`pm2 start npm -- start`).
    var scriptArgs: [String] = []
  }

  /// `pm2 start|restart|reload <target> …`, `pm2-runtime [start] <target> …`,
  /// `pm2-docker …`.
  static func pm2Invocation(_ words: [String]) -> PM2Invocation? {
    var w = ArraySlice(ShellWords.strippingPrefixes(words))
    if let first = w.first, ["npx", "pnpx", "bunx"].contains(first) { w = w.dropFirst() }
    guard let tool = w.first?.baseName else { return nil }
    w = w.dropFirst()
    switch tool {
    case "pm2":
      guard let sub = w.first,
        ["start", "restart", "reload", "startOrRestart", "startOrReload"].contains(sub)
      else { return nil }
      w = w.dropFirst()
    case "pm2-runtime", "pm2-docker", "pm2-dev":
      if w.first == "start" { w = w.dropFirst() }
    default: return nil
    }
    var invocation: PM2Invocation?
    var pendingTarget: String?
    var options: [(String, String?)] = []
    var words = Array(w)
    var i = 0
    while i < words.count {
      let word = words[i]
      if word == "--" {
        invocation = invocation ?? pendingTarget.map { PM2Invocation(target: $0) }
        invocation?.scriptArgs = Array(words[(i + 1)...])
        break
      }
      if word.hasPrefix("-") {
        if let eq = word.firstIndex(of: "=") {
          options.append((String(word[..<eq]), String(word[word.index(after: eq)...])))
        } else if [
          "-i", "--instances", "--only", "--name", "-n", "--node-args", "--interpreter-args",
          "--max-memory-restart",
        ].contains(word), i + 1 < words.count {
          options.append((word, words[i + 1]))
          i += 1
        } else {
          options.append((word, nil))
        }
      } else if pendingTarget == nil {
        pendingTarget = word
      }
      i += 1
    }
    words = []
    guard var result = invocation ?? pendingTarget.map({ PM2Invocation(target: $0) }) else { return nil }
    for (key, value) in options {
      guard let value else { continue }
      switch key {
      case "-i", "--instances": result.instances = value
      case "--only": result.only += value.split(separator: ",").map(String.init)
      case "--name", "-n": result.name = value
      case "--node-args", "--interpreter-args": result.nodeArgs += ShellWords.commands(value).flatMap { $0 }
      case "--max-memory-restart": result.maxMemoryRestart = value
      default: break
      }
    }
    return result
  }

  /// Whether `path` names a pm2 ecosystem file rather than a script to run.
  static func isEcosystemName(_ path: String) -> Bool {
    FileKind.classify(fileName: path.baseName).map(FileKind.pm2Ecosystems.contains) ?? false
  }
}
