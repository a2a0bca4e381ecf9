import DeploylintCore
import Testing

/// Issue 11 item 4: one linear-time glob matcher for `.gitignore` lines and
/// `.deploylint.yml` globs (`ignore:` paths, `exclude:`). The old `.gitignore`
/// matcher backtracked: `*a*a*a*a*a*a*a*a*a*a*b` against a 40-character name
/// did not finish in 100 s (eight `*a` already took 26 s).
@Suite(.serialized) struct HostileGlobTests {
  typealias Tree = HostileInputTests.Tree

  static let pattern = "*a*a*a*a*a*a*a*a*a*a*b"
  static let name = String(repeating: "a", count: 40)

  @Test func backtrackingGitignorePatternDoesNotHang() throws {
    let tree = try Tree()
    try tree.write(".gitignore", Self.pattern + "\n" + Self.pattern + "/\n")
    try tree.write(Self.name + "/Dockerfile", HostileInputTests.torchDockerfile)
    try tree.write(Self.name + ".Dockerfile", HostileInputTests.torchDockerfile)
    let r = try HostileInputTests.scan(tree, "backtracking .gitignore")
    #expect(r.status == 0)
    #expect(r.findings.count == 2, "no name ends in b: both Dockerfiles are scanned: \(r.locations)")
  }

  @Test func backtrackingConfigGlobsDoNotHang() throws {
    let tree = try Tree()
    try tree.write(
      ".deploylint.yml",
      "exclude: [\"\(Self.pattern)\"]\nignore:\n  - path: \"\(Self.pattern)\"\n    reason: hostile\n"
        + "  - path: \"**/\(Self.pattern)/**\"\n    reason: hostile\n")
    try tree.write(Self.name + "/" + Self.name + ".Dockerfile", HostileInputTests.torchDockerfile)
    let r = try HostileInputTests.scan(tree, "backtracking config globs")
    #expect(r.status == 0)
    #expect(r.findings.count == 1, "\(r.locations)")
  }

  /// The same automaton with a pattern that does match, far along a long name.
  @Test func longMatchesAreFound() {
    let glob = Glob(String(repeating: "*a", count: 50) + "*b")
    #expect(glob.matches(String(repeating: "a", count: 100) + "b"))
    #expect(!glob.matches(String(repeating: "a", count: 1000)))
  }

  @Test(arguments: [
    // (pattern, syntax, text, matches)
    ("*.yml", "gitignore", "a.yml", true), ("*.yml", "gitignore", "d/a.yml", false),
    ("a/**/z", "gitignore", "a/z", true), ("a/**/z", "gitignore", "a/b/c/z", true),
    ("a/**/z", "gitignore", "a/bz", false), ("**/x", "gitignore", "x", true),
    ("**/x", "gitignore", "p/q/x", true),
    ("a/**", "gitignore", "a/b/c", true), ("a/**", "gitignore", "a", false), ("**", "gitignore", "a/b", true),
    ("a**b", "gitignore", "axb", true), ("a**b", "gitignore", "ax/b", false), ("a**b", "path", "ax/b", true),
    ("[abc].yml", "gitignore", "b.yml", true), ("[!abc].yml", "gitignore", "b.yml", false),
    ("[^a-c].yml", "gitignore", "d.yml", true), ("[a-c]", "gitignore", "/", false),
    ("[]x]", "gitignore", "]", true),
    ("[ab", "gitignore", "[ab", true), ("\\*", "gitignore", "*", true), ("\\*", "gitignore", "x", false),
    ("foo?", "gitignore", "foo1", true), ("foo?", "gitignore", "foo/", false), ("", "gitignore", "", true),
    ("services/**", "path", "services/api/Dockerfile", true),
    ("*/Dockerfile", "path", "a/b/Dockerfile", false),
  ])
  func globSemantics(_ pattern: String, _ syntax: String, _ text: String, _ expected: Bool) {
    let glob = Glob(pattern, syntax: syntax == "path" ? .path : .gitignore)
    #expect(glob.matches(text) == expected, "\(pattern) vs \(text)")
  }
}
