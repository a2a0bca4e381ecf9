import DeploylintCore
import Testing

@testable import DeploylintParsers

/// Seeded mutations of small valid inputs: every reader must either succeed
/// or throw a `ParseError`, never trap.
@Suite struct ReaderRobustnessTests {
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  static let samples = [
    "a: &x {b: [1, 'two', \"th\\\"ree\"]}\nc: *x\nd: |\n  text\n  more\n<<: *x\n- e\n",
    "{\"apps\": [{\"name\": \"a\", \"instances\": -1, \"env\": {\"K\": \"\\u00e9\"}}]}",
    "module.exports = { apps: [{ name: 'a', node_args: [`x`], env: { A: 1 } }] }",
    "services:\n  - name: api\n    envVars:\n      - fromGroup: g\n    scaling: {minInstances: 1}\n",
  ]
  static let alphabet = Array("{}[]:,-?&*!|>'\"#\\\n\r\t $`/.0a".unicodeScalars)

  @Test func mutatedInputsNeverTrap() {
    var g = Generator(state: 42)
    var parsed = 0
    for sample in Self.samples {
      for _ in 0..<150 {
        var scalars = Array(sample.unicodeScalars)
        for _ in 0...g.next(4) {
          let at = g.next(scalars.count + 1)
          switch g.next(3) {
          case 0 where at < scalars.count: scalars.remove(at: at)
          case 1 where at < scalars.count: scalars[at] = Self.alphabet[g.next(Self.alphabet.count)]
          default: scalars.insert(Self.alphabet[g.next(Self.alphabet.count)], at: at)
          }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        let file = SourceFile(path: "f", text: String(view))
        if let doc = try? YAMLReader.read(file) {
          parsed += 1
          _ = try? RenderBlueprint.parse(doc)
          _ = try? ComposeFile.parse(doc)
          _ = try? PM2Ecosystem.parse(doc)
        }
        if let doc = try? JSONReader.read(file) {
          _ = try? PackageJSON.parse(doc)
          _ = try? RailwayConfig.parse(doc)
        }
        _ = PM2EcosystemJS.read(file)
        _ = DotEnvParser.read(file)
        _ = ProcfileParser.read(file)
        _ = ComposeInterpolation.interpolate(file.text, env: ["a": "${a}"])
      }
    }
    #expect(parsed > 0)
  }
}
