import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import Foundation
import Testing

/// Issue 11 item 2: `fix` edits bytes, not decoded text. It used to write the
/// decoded string back: a NUL cut the file, bytes that are not UTF-8 became
/// U+FFFD, a UTF-8 BOM was dropped, UTF-16 became UTF-8, a CRLF file got an LF
/// line, and a line inserted after a last line without a line end merged into
/// it (`FROM baseENV OMP_NUM_THREADS=1 …`).
@Suite struct HostileFixBytesTests {
  static let env = "ENV OMP_NUM_THREADS=1 MKL_NUM_THREADS=1"

  static func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

  static func utf16(_ s: String, littleEndian: Bool) -> [UInt8] {
    HostileInputTests.utf16(s, littleEndian: littleEndian)
  }

  /// (name, Dockerfile bytes, the bytes `fix` must leave)
  static func fixture(_ name: String) -> (before: [UInt8], after: [UInt8]) {
    let from = "FROM python:3.12\n"
    let rest = "RUN pip install torch\n"
    switch name {
    case "UTF-8 BOM and CRLF":
      return (
        [0xEF, 0xBB, 0xBF] + utf8("FROM python:3.12\r\nRUN pip install torch\r\n"),
        [0xEF, 0xBB, 0xBF] + utf8("FROM python:3.12\r\n\(env)\r\nRUN pip install torch\r\n")
      )
    case "NUL byte":
      return (utf8(from + "# a\u{0}b\n" + rest), utf8(from + env + "\n# a\u{0}b\n" + rest))
    case "bytes that are not UTF-8":
      return (
        utf8(from) + [0x23, 0x20, 0xFF, 0xC3, 0x28, 0x0A] + utf8(rest),
        utf8(from + env + "\n") + [0x23, 0x20, 0xFF, 0xC3, 0x28, 0x0A] + utf8(rest)
      )
    case "last line without a line end":
      let text = "FROM python:3.12 AS base\nRUN pip install torch\nFROM base"
      return (utf8(text), utf8(text + "\n" + env))
    case "UTF-16LE with BOM":
      return (
        [0xFF, 0xFE] + utf16(from + rest, littleEndian: true),
        [0xFF, 0xFE] + utf16(from + env + "\n" + rest, littleEndian: true)
      )
    default:  // UTF-16BE without BOM, CRLF
      let crlf = "FROM python:3.12\r\nRUN pip install torch\r\n"
      return (
        utf16(crlf, littleEndian: false),
        utf16("FROM python:3.12\r\n\(env)\r\nRUN pip install torch\r\n", littleEndian: false)
      )
    }
  }

  @Test(arguments: [
    "UTF-8 BOM and CRLF", "NUL byte", "bytes that are not UTF-8", "last line without a line end",
    "UTF-16LE with BOM", "UTF-16BE without BOM, CRLF",
  ])
  func fixChangesOnlyTheBytesOfTheEdit(_ name: String) throws {
    let (before, after) = Self.fixture(name)
    let tree = try HostileInputTests.Tree()
    try tree.write("Dockerfile", before)
    let dry = HostileWriteTests.run(["fix", "--dry-run", tree.root.path])
    #expect(dry.status == 0, "\(name): \(dry.err)")
    #expect(Self.contains(dry.out, "+" + Self.env), "\(name): \(dry.out)")
    #expect(HostileWriteTests.bytes(tree.path("Dockerfile")) == before, "--dry-run writes nothing")
    let r = HostileWriteTests.run(["fix", tree.root.path])
    #expect(r.status == 0, "\(name): \(r.err)")
    let got = try #require(HostileWriteTests.bytes(tree.path("Dockerfile")))
    #expect(got == after, "\(name): \(String(decoding: got, as: UTF8.self).debugDescription)")
    // Idempotent: the fixed file has nothing left to fix.
    #expect(HostileWriteTests.run(["fix", tree.root.path]).err.contains("nothing to fix"))
  }

  /// A deterministic generator, so that a failure can be replayed.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Random bytes, biased towards what breaks decoders: line ends, NUL, BOMs,
  /// truncated and invalid UTF-8, surrogates when read as UTF-16.
  static func randomFile(_ rng: inout SplitMix) -> [UInt8] {
    let alphabet: [[UInt8]] = [
      [0x0A], [0x0D], [0x0D, 0x0A], [0x00], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xC3],
      [0xC3, 0xA9], [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xFF],
      Array("FROM x".utf8), Array(" a".utf8), [0x09],
    ]
    var out: [UInt8] = []
    for _ in 0..<Int.random(in: 0...40, using: &rng) {
      if Bool.random(using: &rng) {
        out.append(UInt8.random(in: 0...255, using: &rng))
      } else {
        out += alphabet.randomElement(using: &rng)!
      }
    }
    return out
  }

  /// Whether `text` holds `part`, compared as UTF-8 (not as grapheme clusters,
  /// which a combining mark or a CR before LF joins).
  static func contains(_ text: String, _ part: String) -> Bool {
    let t = Array(text.utf8)
    let p = Array(part.utf8)
    guard !p.isEmpty else { return true }
    guard t.count >= p.count else { return false }
    return (0...(t.count - p.count)).contains { Array(t[$0..<($0 + p.count)]) == p }
  }

  /// Whether `a` is a subsequence of `b`.
  static func isSubsequence(_ a: [UInt8], of b: [UInt8]) -> Bool {
    var i = 0
    for byte in b where i < a.count && a[i] == byte { i += 1 }
    return i == a.count
  }

  /// The property the issue asks for: over random byte files and random
  /// insertions, the original is a subsequence of the result, and the result
  /// decodes to the text the edits describe.
  @Test func originalIsASubsequenceOfTheResult() throws {
    var rng = SplitMix(state: 11)
    for round in 0..<3000 {
      let bytes = Self.randomFile(&rng)
      let source = SourceFile(path: "f", bytes: bytes)
      var edits: [TextEdit] = []
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        let line = Int.random(in: 1...(source.lineCount + 1), using: &rng)
        let column = Int.random(in: 1...4, using: &rng)
        let text = ["ENV A=1\n", "x", "é\n\n", "\n"].randomElement(using: &rng)!
        edits.append(
          TextEdit(
            span: Span(path: "f", line: line, column: column, endLine: line, endColumn: column),
            replacement: text))
      }
      let result = try FixApplier.apply(edits, to: source, bytes: bytes)
      #expect(Self.isSubsequence(bytes, of: result.bytes), "round \(round): \(bytes) → \(result.bytes)")
      #expect(SourceEncoding.detect(result.bytes).headerLength == SourceEncoding.detect(bytes).headerLength)
      for edit in result.applied {
        let inserted = edit.replacement.replacingOccurrences(of: "\n", with: "")
        #expect(Self.contains(SourceFile.decode(result.bytes), inserted), "round \(round)")
      }
    }
  }
}
