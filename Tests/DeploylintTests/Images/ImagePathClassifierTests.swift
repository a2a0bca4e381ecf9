import Testing

@testable import DeploylintImages

/// The byte-level path helpers of the layer scanner: the fast path for names
/// already normal must agree with the component-by-component one.
@Suite struct ImagePathClassifierTests {
  typealias C = ImagePathClassifier

  @Test func normalizeKeepsNormalNamesAndCleansTheOthers() {
    #expect(C.normalize("usr/lib/x.so") == "usr/lib/x.so")
    #expect(C.normalize("a/.../b") == "a/.../b")
    #expect(C.normalize("a/.hidden/..b") == "a/.hidden/..b")
    #expect(C.normalize("./usr/bin/") == "usr/bin")
    #expect(C.normalize("/etc//passwd") == "etc/passwd")
    #expect(C.normalize("a/./b") == "a/b")
    #expect(C.normalize("a/../b") == nil)
    #expect(C.normalize("..") == nil)
    #expect(C.normalize("./") == nil)
    #expect(C.normalize("") == nil)
    #expect(C.normalize("é/ü.txt") == "é/ü.txt")
  }

  @Test func unsafeNamesAreAbsoluteOrClimb() {
    #expect(C.isUnsafe("/etc/passwd"))
    #expect(C.isUnsafe("a/../../b"))
    #expect(C.isUnsafe(".."))
    #expect(!C.isUnsafe("a/..b/c.."))
    #expect(!C.isUnsafe("usr/lib"))
  }

  @Test func bytesSearchAndComponents() {
    #expect(C.has("usr/lib/libcudnn.so.9", ".so"))
    #expect(!C.has("usr/lib/libcudnn.a", ".so"))
    #expect(C.has("abc", ""))
    #expect(!C.has("ab", "abc"))
    #expect(C.components("/a//b/c/") == ["a", "b", "c"])
    #expect(
      C.torchDistInfo("usr/lib/python3/site-packages/torch-2.15.0.dist-info/RECORD")?.version == "2.15.0")
    #expect(C.torchDistInfo("usr/lib/python3/site-packages/torchvision/x.py") == nil)
  }
}
