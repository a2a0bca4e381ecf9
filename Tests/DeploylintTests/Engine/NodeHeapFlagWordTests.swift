import Testing

@testable import DeploylintEngine

/// `NodeCommands.heapFlags(in:)` reads every word of every command, so it is
/// written over UTF-8 bytes (issue 13 item 7); these pin what it accepts.
@Suite struct NodeHeapFlagWordTests {
  static func flags(_ word: String) -> [String] {
    NodeCommands.heapFlags(in: word).map { "\($0.token)=\($0.mebibytes)" }
  }

  @Test func bareFlagsInBothSpellings() {
    #expect(Self.flags("--max-old-space-size=1536") == ["--max-old-space-size=1536=1536"])
    #expect(Self.flags("--max_old_space_size=512") == ["--max_old_space_size=512=512"])
  }

  @Test func flagsInsideAssignmentsAndQuotedOptions() {
    #expect(Self.flags("NODE_OPTIONS=--max-old-space-size=4096") == ["--max-old-space-size=4096=4096"])
    #expect(
      Self.flags("\"--max-old-space-size=256 --max-old-space-size=768\"")
        == ["--max-old-space-size=256=256", "--max-old-space-size=768=768"])
    #expect(Self.flags("--x,--max-old-space-size=64;") == ["--max-old-space-size=64=64"])
  }

  @Test func whatIsNotAHeapFlag() {
    #expect(Self.flags("--max-old-space-size=768m").isEmpty, "a unit suffix is not documented by Node")
    #expect(Self.flags("--max-old-space-size=0").isEmpty)
    #expect(Self.flags("--max-old-space-size=").isEmpty)
    #expect(Self.flags("--max-old-space-size").isEmpty)
    #expect(Self.flags("--max-semi-space-size=64").isEmpty)
    #expect(Self.flags("").isEmpty)
    // Nine digits at most: a hostile number never traps.
    #expect(Self.flags("--max-old-space-size=99999999999999999999").isEmpty)
    #expect(Self.flags("--max-old-space-size=999999999") == ["--max-old-space-size=999999999=999999999"])
  }

  @Test func nonASCIIAroundTheFlagIsReadAsBytes() {
    #expect(Self.flags("é--max-old-space-size=300 ✓") == ["--max-old-space-size=300=300"])
    #expect(Self.flags("--max-old-space-size=３００").isEmpty, "full-width digits are not digits to Node")
  }
}
