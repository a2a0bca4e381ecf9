import DeploylintCore

/// What a `pyproject.toml` states about dependencies and package indexes,
/// for PEP 621 (`[project]`), PEP 735 (`[dependency-groups]`), Poetry and uv.
public struct PyProjectFacts: Sendable {
  public var projectName: Located<String>?
  /// `[project] dependencies`.
  public var dependencies: [PythonRequirement] = []
  /// `[project.optional-dependencies]`, one group per extra, in file order.
  public var optionalDependencies: [PythonDependencyGroup] = []
  /// `[dependency-groups]` (PEP 735); `{include-group = …}` entries are skipped.
  public var dependencyGroups: [PythonDependencyGroup] = []
  /// `[tool.poetry.dependencies]` without `python`.
  public var poetryDependencies: [PythonRequirement] = []
  /// `[tool.poetry.group.<name>.dependencies]` and the legacy `[tool.poetry.dev-dependencies]` (as `dev`).
  public var poetryGroups: [PythonDependencyGroup] = []
  /// `[[tool.uv.index]]`, `[tool.uv] index-url`/`extra-index-url`/`find-links`, `[[tool.poetry.source]]`.
  public var indexURLs: [PythonIndexURL] = []
  /// `[tool.uv.sources]`: where uv takes a package from.
  public var uvSources: [UVSource] = []

  /// Every requirement of every section, in the order above.
  public var allRequirements: [PythonRequirement] {
    dependencies + optionalDependencies.flatMap(\.requirements) + dependencyGroups.flatMap(\.requirements)
      + poetryDependencies + poetryGroups.flatMap(\.requirements)
  }
}

/// One `[tool.uv.sources]` entry (a package may have several, split by markers).
public struct UVSource: Sendable {
  public var package: String
  public var packageSpan: Span
  /// `index = "pytorch-cpu"`: the name of a `[[tool.uv.index]]`.
  public var index: Located<String>?
  public var git: String?
  public var url: String?
  public var path: String?
  public var marker: String?
}

public enum PyProject {
  public static func read(_ file: SourceFile) throws(ParseError) -> PyProjectFacts {
    let doc = try TOMLReader.read(file)
    let root = doc.root
    var facts = PyProjectFacts()
    let reader = PyProjectReader(file: file, doc: doc)
    if let project = doc.value("project", in: root) {
      if let name = doc.value("name", in: project), let s = name.string {
        facts.projectName = Located(value: s, span: name.span)
      }
      if let deps = doc.value("dependencies", in: project) { facts.dependencies = reader.pep508List(deps) }
      if let optional = doc.value("optional-dependencies", in: project) {
        facts.optionalDependencies = reader.groups(optional)
      }
    }
    if let groups = doc.value("dependency-groups", in: root) {
      facts.dependencyGroups = reader.groups(groups)
    }
    let tool = doc.value("tool", in: root)
    if let tool, let poetry = doc.value("poetry", in: tool) {
      if let deps = doc.value("dependencies", in: poetry) {
        facts.poetryDependencies = reader.poetryTable(deps)
      }
      if let dev = doc.entry("dev-dependencies", in: poetry) {
        facts.poetryGroups.append(
          PythonDependencyGroup(
            name: "dev", nameSpan: dev.keySpan, requirements: reader.poetryTable(dev.value)))
      }
      if let groups = doc.value("group", in: poetry) {
        for group in doc.entries(of: groups) {
          guard let deps = doc.value("dependencies", in: group.value) else { continue }
          facts.poetryGroups.append(
            PythonDependencyGroup(
              name: group.key, nameSpan: group.keySpan, requirements: reader.poetryTable(deps)))
        }
      }
      if let sources = doc.value("source", in: poetry) {
        for source in doc.items(of: sources) {
          guard let url = doc.value("url", in: source), let u = url.string else { continue }
          let priority = doc.value("priority", in: source)?.string
          var index = PythonIndexURL(
            url: u, kind: priority == "primary" || priority == "default" ? .primary : .extra,
            name: doc.value("name", in: source)?.string, span: url.span)
          index.explicit = priority == "explicit"
          facts.indexURLs.append(index)
        }
      }
    }
    if let tool, let uv = doc.value("uv", in: tool) {
      facts.indexURLs += reader.uvIndexes(uv)
      if let sources = doc.value("sources", in: uv) { facts.uvSources = reader.uvSources(sources) }
    }
    return facts
  }
}

/// Helpers over one parsed document.
struct PyProjectReader {
  let file: SourceFile
  let doc: ConfigDocument

  /// A requirement from a TOML string holding PEP 508 text. The name's span
  /// is exact when the string is written without escapes on one line, and
  /// the whole string's span otherwise.
  func pep508(_ node: ConfigNode) -> PythonRequirement? {
    guard let text = node.string, let parsed = PEP508.parse(Array(text.unicodeScalars)) else { return nil }
    var nameSpan = node.span
    let open = file.offset(line: node.span.line, column: node.span.column)
    let quoteWidth =
      file.text(from: open, to: open + 3) == "\"\"\"" || file.text(from: open, to: open + 3) == "'''"
      ? 3 : 1
    let contentStart = open + quoteWidth
    let scalarCount = text.unicodeScalars.count
    if node.span.line == node.span.endLine,
      file.text(from: contentStart, to: contentStart + scalarCount) == text
    {
      nameSpan = file.span(
        from: contentStart + parsed.nameRange.lowerBound, to: contentStart + parsed.nameRange.upperBound)
    }
    return PythonRequirement(
      name: parsed.name, extras: parsed.extras, specifier: parsed.specifier, url: parsed.url,
      marker: parsed.marker, span: nameSpan)
  }

  func pep508List(_ node: ConfigNode) -> [PythonRequirement] {
    doc.items(of: node).compactMap(pep508)
  }

  func groups(_ node: ConfigNode) -> [PythonDependencyGroup] {
    doc.entries(of: node).map {
      PythonDependencyGroup(name: $0.key, nameSpan: $0.keySpan, requirements: pep508List($0.value))
    }
  }

  /// Poetry's `name = "^1.2"` / `name = { version = "…", extras = […] }` / `name = [{…}, {…}]`.
  func poetryTable(_ node: ConfigNode) -> [PythonRequirement] {
    var out: [PythonRequirement] = []
    for entry in doc.entries(of: node) where entry.key.lowercased() != "python" {
      var req = PythonRequirement(name: entry.key, span: entry.keySpan)
      let value = doc.resolve(entry.value)
      let detail = value.isSequence ? doc.items(of: value).first : value
      if let s = value.string {
        req.specifier = s
      } else if let detail, detail.isMapping {
        req.specifier = doc.value("version", in: detail)?.string ?? ""
        if let extras = doc.value("extras", in: detail) {
          req.extras = doc.items(of: extras).compactMap(\.string)
        }
        req.marker = doc.value("markers", in: detail)?.string
        req.url = doc.value("url", in: detail)?.string ?? doc.value("git", in: detail)?.string
        req.index = doc.value("source", in: detail)?.string
      }
      out.append(req)
    }
    return out
  }

  func uvIndexes(_ uv: ConfigNode) -> [PythonIndexURL] {
    var out: [PythonIndexURL] = []
    if let index = doc.value("index", in: uv) {
      for item in doc.items(of: index) {
        guard let url = doc.value("url", in: item), let u = url.string else { continue }
        let isDefault = doc.value("default", in: item)?.bool ?? false
        var index = PythonIndexURL(
          url: u, kind: isDefault ? .primary : .extra, name: doc.value("name", in: item)?.string,
          span: url.span)
        index.explicit = doc.value("explicit", in: item)?.bool ?? false
        out.append(index)
      }
    }
    if let v = doc.value("index-url", in: uv), let u = v.string {
      out.append(PythonIndexURL(url: u, kind: .primary, span: v.span))
    }
    for (key, kind) in [("extra-index-url", PythonIndexURL.Kind.extra), ("find-links", .findLinks)] {
      guard let v = doc.value(key, in: uv) else { continue }
      let nodes = v.isSequence ? doc.items(of: v) : [v]
      for node in nodes {
        if let u = node.string { out.append(PythonIndexURL(url: u, kind: kind, span: node.span)) }
      }
    }
    return out
  }

  func uvSources(_ node: ConfigNode) -> [UVSource] {
    var out: [UVSource] = []
    for entry in doc.entries(of: node) {
      let value = doc.resolve(entry.value)
      let tables = value.isSequence ? doc.items(of: value) : [value]
      for table in tables where table.isMapping {
        var source = UVSource(package: entry.key, packageSpan: entry.keySpan)
        if let index = doc.value("index", in: table), let s = index.string {
          source.index = Located(value: s, span: index.span)
        }
        source.git = doc.value("git", in: table)?.string
        source.url = doc.value("url", in: table)?.string
        source.path = doc.value("path", in: table)?.string
        source.marker = doc.value("marker", in: table)?.string
        out.append(source)
      }
    }
    return out
  }
}
