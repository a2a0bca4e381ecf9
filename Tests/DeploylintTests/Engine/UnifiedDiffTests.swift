import Testing

@testable import DeploylintEngine

/// The `fix --dry-run` diff reads as `diff -u` and git print it.
@Suite struct UnifiedDiffTests {
  @Test func aReplacedLineShowsRemovalThenAddition() {
    let old = "a\nb\nc\nd\ne\n"
    let new = "a\nb\nC\nd\ne\n"
    #expect(
      UnifiedDiff.make(path: "x/y.js", old: old, new: new)
        == "--- a/x/y.js\n+++ b/x/y.js\n@@ -1,5 +1,5 @@\n a\n b\n-c\n+C\n d\n e\n")
  }

  @Test func anInsertionAndAnAbsolutePath() {
    let diff = UnifiedDiff.make(
      path: "/tmp/app/Dockerfile", old: "FROM a\nRUN b\n", new: "FROM a\nENV X=1\nRUN b\n")
    #expect(
      diff
        == "--- a/tmp/app/Dockerfile\n+++ b/tmp/app/Dockerfile\n@@ -1,2 +1,3 @@\n FROM a\n+ENV X=1\n RUN b\n")
    #expect(UnifiedDiff.make(path: "f", old: "same\n", new: "same\n").isEmpty)
  }
}
