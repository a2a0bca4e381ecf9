import DeploylintCore
import Testing

@testable import DeploylintParsers

/// Mangled input must end in a document or a located `ParseError`, never a crash.
@Suite struct TOMLRobustnessTests {
  static let sample = #"""
    a.b = "x\u00e9"  # c
    [t]
    s = """
    m\
      l"""
    l = '''q'''
    n = [1, 0x1f, 1e3, inf, 1979-05-27 07:32:00Z, { k = 'v' }]
    [[arr.of]]
    d = 1979-05-27
    """#

  @Test func everyTruncationParsesOrFailsWithALocatedError() {
    let scalars = Array(Self.sample.unicodeScalars)
    for cut in 0...scalars.count {
      let text = String(String.UnicodeScalarView(scalars[..<cut]))
      let file = SourceFile(path: "t.toml", text: text)
      do {
        _ = try TOMLReader.read(file)
      } catch {
        #expect(error.span.line >= 1 && error.span.line <= file.lineCount, "cut \(cut)")
        #expect(error.span.column >= 1, "cut \(cut)")
      }
    }
  }

  @Test func everySubstitutionParsesOrFailsWithALocatedError() {
    let scalars = Array(Self.sample.unicodeScalars)
    let replacements: [Unicode.Scalar] = ["\"", "'", "[", "]", "{", "=", "\n", "\\", "."]
    var failures = 0
    for position in scalars.indices {
      for r in replacements {
        var mutated = scalars
        mutated[position] = r
        let file = SourceFile(path: "t.toml", text: String(String.UnicodeScalarView(mutated)))
        do {
          _ = try TOMLReader.read(file)
        } catch {
          failures += 1
          #expect(error.span.line >= 1 && error.span.line <= file.lineCount)
        }
      }
    }
    #expect(failures > 0)
  }

  @Test func lineScannersSurviveTruncation() {
    let lockText = "version = 3\n\n[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = [\n \"b\",\n]\n"
    let lockScalars = Array(lockText.unicodeScalars)
    for cut in 0...lockScalars.count {
      let file = SourceFile(path: "Cargo.lock", text: String(String.UnicodeScalarView(lockScalars[..<cut])))
      _ = try? CargoLock.read(file)
    }
    let reqText = "-e git+https://x/y#egg=z\n--index-url \\\n https://a\ntorch[cpu] >= 2 ; x\n"
    let reqScalars = Array(reqText.unicodeScalars)
    for cut in 0...reqScalars.count {
      let file = SourceFile(path: "r.txt", text: String(String.UnicodeScalarView(reqScalars[..<cut])))
      for req in RequirementsTxt.read(file).requirements { #expect(!req.name.isEmpty) }
    }
  }
}
