import DeploylintCore
import Testing

@Suite struct ScalarTextTests {
  @Test(arguments: ["", "RUN pip install x", "café ☕️ 𝄞 e\u{301}", "\r\n\t\u{0}"])
  func scalarsRoundTrip(_ text: String) {
    let scalars = Array(text.unicodeScalars)
    #expect(String(scalars: scalars[...]) == text)
    if scalars.count > 2 {
      #expect(
        String(scalars: scalars[1..<scalars.count - 1])
          == String(String.UnicodeScalarView(scalars[1..<scalars.count - 1])))
    }
  }

  @Test func containsUTF8FindsBytes() {
    #expect("RUN x # deploylint: disable=a".containsUTF8("deploylint:"))
    #expect(!"RUN x # Deploylint: disable=a".containsUTF8("deploylint:"))
    #expect("é deploylint:".containsUTF8("deploylint:"))
    #expect(!"deploylint".containsUTF8("deploylint:"))
    #expect(!"".containsUTF8("x"))
    #expect("abc".containsUTF8(""))
    #expect("aab".containsUTF8("ab"))
  }

  @Test(arguments: [
    "", "RUN pip install x", "café ☕️ 𝄞 e\u{301}\u{10FFFF}", "\r\n\t\u{0}",
    "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}",
  ])
  func sourceFileScalarsAreTheTextsScalars(_ text: String) {
    // Decoded from the UTF-8 bytes: one-, two-, three- and four-byte forms.
    #expect(SourceFile(path: "f", text: text).scalars == Array(text.unicodeScalars))
  }
}
