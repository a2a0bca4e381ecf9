import Testing

@testable import DeploylintEngine

/// Relative paths joined and normalised: ASCII paths on their bytes, others
/// on characters, with the same results.
@Suite struct PathJoinTests {
  @Test func joinNormalisesDotsAndSlashesAndNeverClimbsAboveTheRoot() {
    #expect(joinPath("a/b", "../c") == "a/c")
    #expect(joinPath("a//b/", "./c/./d//") == "a/b/c/d")
    #expect(joinPath("a/b", "/etc/x") == "etc/x")
    #expect(joinPath("a", "../../..") == "")
    #expect(joinPath("", "..") == "")
    #expect(joinPath("", "...") == "...")
    // The base is taken as written; only the relative part is normalised.
    #expect(joinPath("a/../b", "c") == "a/../b/c")
    #expect(joinPath("app", "requirements.txt") == "app/requirements.txt")
  }

  @Test func nonASCIIPathsJoinOnCharacters() {
    #expect(joinPath("café/b", "../ü") == "café/ü")
    // A slash followed by a combining mark is one character, not a separator.
    #expect(joinPath("a", "b/\u{301}c") == "a/b/\u{301}c")
    #expect(joinPath("a", "b/\u{301}c/..") == "a")
  }

  @Test func parentAndBaseNameSplitAtTheLastSlash() {
    #expect("a/b/c.txt".parentPath == "a/b")
    #expect("a/b/c.txt".baseName == "c.txt")
    #expect("c.txt".parentPath == "")
    #expect("c.txt".baseName == "c.txt")
    #expect("é/ü".baseName == "ü")
    #expect("a/\u{301}b".baseName == "a/\u{301}b")
  }
}
