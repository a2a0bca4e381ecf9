/// Parsing of option values shared by rules' `RuleOptionSet`s, so every rule
/// reads the same spellings and words its errors the same way.
public enum RuleOptionValue {
  /// A positive memory size as Docker writes it (`256m`, `1g`, `1.5Gi`).
  public static func memory(_ value: String, option: String, example: String) throws -> Int64 {
    guard let bytes = MemorySize.parse(value, convention: .docker), bytes > 0 else {
      throw RuleOptionError("\(option) must be a memory size such as \(example)")
    }
    return bytes
  }

  /// Throws the standard error for an option name the rule does not have.
  public static func unknown(_ name: String, expected: [String]) -> RuleOptionError {
    RuleOptionError("unknown option `\(name)`; expected \(expected.joined(separator: ", "))")
  }
}
