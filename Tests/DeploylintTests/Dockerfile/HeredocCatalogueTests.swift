import DeploylintCore
import DeploylintParsers
import Testing

/// The heredoc shapes buildkit's own heredoc test covers (names, quoting,
/// expansion, chomping, descriptors, several per line), with the outcomes
/// its parser gives.
@Suite struct HeredocCatalogueTests {
  static let dockerfile = """

    FROM alpine:3.6
    ENV NAME=me
    RUN ls
    USER <<INVALID
    INVALID
    RUN <<EMPTY
    EMPTY
    RUN 3<<EMPTY2
    EMPTY2
    RUN "<<NOHEREDOC"
    RUN <<INDENT
    \tfoo
    \tbar
    INDENT
    RUN <<-UNINDENT
    \tbaz
    \tquux
    UNINDENT
    RUN <<-UNINDENT2
    \tbaz
    \tquux
    \tUNINDENT2
    RUN <<-'NOEXPAND'
    \tdon't expand $NAME
    NOEXPAND
    RUN <<COMMENT
    # internal comment
    echo foo bar # trailing comment
    COMMENT
    RUN --mount=type=cache,target=/foo <<MOUNT
    echo hello
    MOUNT
    COPY <<X <<Y /dest
    Y
    X
    X
    Y
    RUN <<eo'f'
    echo foo
    eof
    RUN <<eo\\'f
    echo foo
    eo'f
    RUN <<'e'o\\'f
    echo foo
    eo'f
    RUN <<'one two'
    echo bar
    one two
    RUN <<$EOF
    $EOF
    RUN <<  EOF  > foo
    EOF
    \t
    """

  struct Expected: Sendable, CustomStringConvertible {
    var names: [String]
    var contents: [String]
    var expand: [Bool]
    var chomp: Bool = false
    var fd: Int = 0
    var description: String { names.joined(separator: ",") }
  }

  static let expected: [Expected] = [
    Expected(names: [], contents: [], expand: []),  // ENV
    Expected(names: [], contents: [], expand: []),  // RUN ls
    Expected(names: [], contents: [], expand: []),  // USER <<INVALID
    Expected(names: [], contents: [], expand: []),  // INVALID
    Expected(names: ["EMPTY"], contents: [""], expand: [true]),
    Expected(names: ["EMPTY2"], contents: [""], expand: [true], fd: 3),
    Expected(names: [], contents: [], expand: []),  // RUN "<<NOHEREDOC"
    Expected(names: ["INDENT"], contents: ["\tfoo\n\tbar\n"], expand: [true]),
    Expected(names: ["UNINDENT"], contents: ["\tbaz\n\tquux\n"], expand: [true], chomp: true),
    Expected(names: ["UNINDENT2"], contents: ["\tbaz\n\tquux\n"], expand: [true], chomp: true),
    Expected(names: ["NOEXPAND"], contents: ["\tdon't expand $NAME\n"], expand: [false], chomp: true),
    Expected(
      names: ["COMMENT"], contents: ["# internal comment\necho foo bar # trailing comment\n"],
      expand: [true]),
    Expected(names: ["MOUNT"], contents: ["echo hello\n"], expand: [true]),
    Expected(names: ["X", "Y"], contents: ["Y\n", "X\n"], expand: [true, true]),
    Expected(names: ["eof"], contents: ["echo foo\n"], expand: [false]),
    Expected(names: ["eo'f"], contents: ["echo foo\n"], expand: [true]),
    Expected(names: ["eo'f"], contents: ["echo foo\n"], expand: [false]),
    Expected(names: ["one two"], contents: ["echo bar\n"], expand: [false]),
    Expected(names: ["$EOF"], contents: [""], expand: [true]),
    Expected(names: ["EOF"], contents: [""], expand: [true]),
  ]

  @Test func catalogue() throws {
    let parsed = try DockerfileParser.parse(SourceFile(path: "Dockerfile", text: Self.dockerfile))
    #expect(parsed.instructions.count == Self.expected.count + 1)
    for (i, e) in Self.expected.enumerated() where i + 1 < parsed.instructions.count {
      let heredocs = parsed.instructions[i + 1].heredocs
      #expect(heredocs.map(\.name) == e.names, "\(i): \(e)")
      #expect(heredocs.map(\.content) == e.contents, "\(i): \(e)")
      #expect(heredocs.map(\.expand) == e.expand, "\(i): \(e)")
      #expect(heredocs.allSatisfy { $0.chomp == e.chomp && $0.fileDescriptor == e.fd }, "\(i): \(e)")
    }
  }
}
