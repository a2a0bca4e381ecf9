import DeploylintCore
import DeploylintEngine
import DeploylintRules
import Testing

/// Where a `↓` marker stood in an example file (after markers are removed).
struct Marker: Hashable, CustomStringConvertible {
  var path: String
  var line: Int
  var column: Int
  var description: String { "\(path):\(line):\(column)" }
}

/// Runs rule examples in memory through the real pipeline (parse, assemble,
/// check), as DESIGN.md §4 asks: the examples are the tests.
enum ExampleRunner {
  /// Removes `↓` markers, recording their positions (1-based, Unicode scalars).
  static func stripMarkers(_ file: ExampleFile) -> (content: String, markers: [Marker]) {
    var out = String.UnicodeScalarView()
    var markers: [Marker] = []
    var line = 1
    var column = 1
    var previous: Unicode.Scalar?
    for scalar in file.content.unicodeScalars {
      if scalar == "↓" {
        markers.append(Marker(path: file.path, line: line, column: column))
        continue
      }
      out.append(scalar)
      if scalar == "\n" {
        if previous != "\r" { line += 1 }
        column = 1
      } else if scalar == "\r" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      previous = scalar
    }
    return (String(out), markers)
  }

  /// The example with `# deploylint: disable=<id> -- …` inserted on the line
  /// before each marker's line (markers kept), or nil when a marker is in a
  /// file whose format has no `#` comments (JSON, JavaScript).
  static func withSuppressions(_ files: [ExampleFile], ruleID: String) -> [ExampleFile]? {
    var out: [ExampleFile] = []
    for file in files {
      let markers = stripMarkers(file).markers
      guard !markers.isEmpty else {
        out.append(file)
        continue
      }
      let lower = file.path.lowercased()
      if lower.hasSuffix(".json") || lower.hasSuffix(".js") || lower.hasSuffix(".cjs") { return nil }
      let comment = "# deploylint: disable=\(ruleID) -- inserted by the example harness"
      var lines = file.content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for line in Set(markers.map(\.line)).sorted(by: >) where line <= lines.count {
        lines.insert(comment, at: line - 1)
      }
      out.append(ExampleFile(file.path, lines.joined(separator: "\n")))
    }
    return out
  }

  /// Scans the example's files with the given rules; returns findings and markers.
  static func run(_ files: [ExampleFile], rules: [AnyRule]) -> (findings: [Finding], markers: [Marker]) {
    var inputs: [InputFile] = []
    var markers: [Marker] = []
    var images: [ImageDescriptions.Described] = []
    for file in files {
      let (content, m) = stripMarkers(file)
      markers += m
      if ImageDescriptions.isDescription(file.path) {
        do {
          images.append(try ImageDescriptions.decode(path: file.path, content: content))
        } catch {
          Issue.record("\(file.path): \(error)")
        }
        continue
      }
      let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
      guard let kind = FileKind.classify(fileName: name) else {
        // A file deploylint does not read tests nothing: a mistyped name
        // (`Dockerflie`, `render.yml.txt`) would silently drop the example.
        Issue.record("\(file.path): deploylint reads no file of this name; rename it or drop it")
        continue
      }
      inputs.append(
        InputFile(relativePath: file.path, displayPath: file.path, kind: kind, bytes: Array(content.utf8)))
    }
    let analyzer = Analyzer(rules: rules, toolVersion: "test")
    let analysis = analyzer.analyze(inputs, rootName: "example") { project in
      ImageDescriptions.link(images, into: &project)
    }
    return (analysis.findings, markers)
  }
}
