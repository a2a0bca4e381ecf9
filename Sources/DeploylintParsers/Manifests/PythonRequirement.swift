import DeploylintCore

/// One Python dependency as a manifest states it.
public struct PythonRequirement: Sendable, Hashable {
  /// The name as written (`Torch_Audio`).
  public var name: String
  /// PEP 503 normalised: lowercase, runs of `-`, `_`, `.` become `-` (`torch-audio`).
  public var normalizedName: String
  public var extras: [String]
  /// The version constraint as written without spaces at its ends (`>=2.1,<3`, `^2.1` for Poetry); empty when none.
  public var specifier: String
  /// A direct reference (`pkg @ https://…`, a wheel URL, `git+https://…#egg=pkg`).
  public var url: String?
  /// The named index this requirement is taken from: Poetry's `source = "…"`.
  public var index: String?
  /// The environment marker after `;` (`sys_platform == "linux"`).
  public var marker: String?
  /// Installed with `-e` / `--editable`.
  public var editable: Bool
  /// The span of the name.
  public var span: Span
  /// The 1-based line of the name.
  public var line: Int

  public init(
    name: String, extras: [String] = [], specifier: String = "", url: String? = nil, marker: String? = nil,
    editable: Bool = false, span: Span
  ) {
    self.name = name
    self.normalizedName = PythonRequirement.normalize(name)
    self.extras = extras
    self.specifier = specifier
    self.url = url
    self.marker = marker
    self.editable = editable
    self.span = span
    self.line = span.line
  }

  /// PEP 503 name normalisation (https://peps.python.org/pep-0503/#normalized-names).
  public static func normalize(_ name: String) -> String {
    var out = ""
    var inRun = false
    for c in name.lowercased() {
      if c == "-" || c == "_" || c == "." {
        if !inRun { out.append("-") }
        inRun = true
      } else {
        out.append(c)
        inRun = false
      }
    }
    return out
  }
}

/// A named list of requirements: an optional-dependency extra, a Poetry
/// group, a PEP 735 dependency group.
public struct PythonDependencyGroup: Sendable {
  public var name: String
  public var nameSpan: Span
  public var requirements: [PythonRequirement]
}

/// A package index or link location a manifest points pip/uv/Poetry at.
/// Rules look for the CPU-only PyTorch index (`https://download.pytorch.org/whl/cpu`).
public struct PythonIndexURL: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// Replaces PyPI (`--index-url`, uv `default = true`, `index-url`).
    case primary
    /// Consulted besides PyPI (`--extra-index-url`, `[[tool.uv.index]]`, Poetry sources).
    case extra
    /// `--find-links` / `-f`.
    case findLinks
  }
  public var url: String
  public var kind: Kind
  /// The index's name (`[[tool.uv.index]] name`, Poetry source name).
  public var name: String?
  /// Used only by packages that name it (uv `explicit = true`, Poetry
  /// `priority = "explicit"`): it does not change where other packages come from.
  public var explicit = false
  public var span: Span

  public init(url: String, kind: Kind, name: String? = nil, span: Span) {
    self.url = url
    self.kind = kind
    self.name = name
    self.span = span
  }

  /// PyTorch's CPU-only wheel index (`https://download.pytorch.org/whl/cpu`), which avoids CUDA wheels.
  public var isPyTorchCPU: Bool {
    var u = Substring(url.lowercased())
    for scheme in ["https://", "http://"] where u.hasPrefix(scheme) { u = u.dropFirst(scheme.count) }
    while u.hasSuffix("/") { u = u.dropLast() }
    return u == "download.pytorch.org/whl/cpu" || u.hasPrefix("download.pytorch.org/whl/cpu/")
  }
}

/// A PEP 508 requirement string split into parts; ranges are scalar indices
/// into the parsed text so callers can map them back to file offsets.
struct PEP508 {
  var name: String
  var nameRange: Range<Int>
  var extras: [String] = []
  var specifier = ""
  var url: String?
  var marker: String?

  static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "A"..."Z", "a"..."z", "0"..."9", "-", "_", ".": return true
    default: return false
    }
  }

  static func parse(_ s: [Unicode.Scalar]) -> PEP508? {
    func text(_ a: Int, _ b: Int) -> String { String(String.UnicodeScalarView(s[a..<max(a, b)])) }
    func trimmed(_ t: String) -> String {
      var x = Substring(t)
      while let f = x.first, f == " " || f == "\t" { x = x.dropFirst() }
      while let l = x.last, l == " " || l == "\t" { x = x.dropLast() }
      return String(x)
    }
    var k = 0
    while k < s.count, s[k] == " " || s[k] == "\t" { k += 1 }
    let start = k
    guard k < s.count, isNameScalar(s[k]), s[k] != "-", s[k] != ".", s[k] != "_" else { return nil }
    while k < s.count, isNameScalar(s[k]) { k += 1 }
    var req = PEP508(name: text(start, k), nameRange: start..<k)
    while k < s.count, s[k] == " " || s[k] == "\t" { k += 1 }
    if k < s.count, s[k] == "[" {
      let open = k + 1
      while k < s.count, s[k] != "]" { k += 1 }
      guard k < s.count else { return nil }
      req.extras = text(open, k).split(separator: ",").map { trimmed(String($0)) }.filter { !$0.isEmpty }
      k += 1
    }
    // The marker starts at the first `;` (URLs may hold `;` only when not followed by a space-free marker; PEP 508 requires ` ;` after a URL).
    var rest = Array(s[k...])
    if let semi = markerStart(rest) {
      let marker = trimmed(String(String.UnicodeScalarView(rest[(semi + 1)...])))
      req.marker = marker.isEmpty ? nil : marker
      rest = Array(rest[..<semi])
    }
    let body = trimmed(String(String.UnicodeScalarView(rest)))
    if body.hasPrefix("@") {
      req.url = trimmed(String(body.dropFirst()))
    } else {
      var spec = body
      if spec.hasPrefix("("), spec.hasSuffix(")") { spec = trimmed(String(spec.dropFirst().dropLast())) }
      req.specifier = spec
    }
    return req
  }

  /// Index of the `;` that starts the marker: the first one, except inside a
  /// direct URL where it must be preceded by whitespace.
  private static func markerStart(_ s: [Unicode.Scalar]) -> Int? {
    let isURL = s.first(where: { $0 != " " && $0 != "\t" }) == "@"
    for (n, c) in s.enumerated() where c == ";" {
      if !isURL || (n > 0 && (s[n - 1] == " " || s[n - 1] == "\t")) { return n }
    }
    return nil
  }
}
