/// A typed option of a rule, declared once: its key, its default and what it
/// means. Reading `rules.<id>.options` in `.deploylint.yml`, the option table
/// of the rule's page and the configuration schema are all derived from the
/// declaration, so the documented default is the default.
public struct RuleOption<Value: Sendable>: RuleOptionDeclaration {
  public let key: String
  public let defaultValue: Value
  public let summary: String
  /// How the option is written ("memory size").
  public let type: String
  /// The default as `.deploylint.yml` writes it (`1g`): what the docs show.
  public let defaultText: String
  /// The JSON Schema of a value, for `deploylint.schema.json`.
  public let schema: String
  private let read: @Sendable (String) -> Value?
  /// What a value should look like, for error messages ("a memory size such as 1g").
  private let expected: String

  public func parse(_ text: String) throws -> any Sendable {
    guard let value = read(text) else { throw RuleOptionError("\(key) must be \(expected)") }
    return value
  }
}

extension RuleOption where Value == Int64 {
  /// A memory size as Docker writes it (`256m`, `1g`, `1.5Gi`), positive.
  public static func memory(_ key: String, default value: Int64, summary: String) -> RuleOption<Int64> {
    RuleOption(
      key: key, defaultValue: value, summary: summary, type: "memory size",
      defaultText: MemorySize.dockerText(value), schema: ##"{ "$ref": "#/$defs/size" }"##,
      read: { text in MemorySize.parse(text, convention: .docker).flatMap { $0 > 0 ? $0 : nil } },
      expected: "a memory size such as \(MemorySize.dockerText(value))")
  }
}

/// What the docs, the schema and the configuration reader need of an option,
/// whatever its type.
public protocol RuleOptionDeclaration: Sendable {
  var key: String { get }
  var type: String { get }
  var defaultText: String { get }
  var summary: String { get }
  var schema: String { get }
  /// The value of `text`, or a `RuleOptionError` saying what was expected.
  func parse(_ text: String) throws -> any Sendable
}

public struct RuleOptionError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The option values a rule runs with: its declared defaults, overridden by
/// the configuration's `rules.<id>.options`.
public struct RuleOptions: Sendable {
  private var values: [String: any Sendable] = [:]

  /// Every option at its default.
  public init() {}

  /// The options `raw` sets (name → text as written), checked against the
  /// rule's declarations: an unknown name or a bad value throws.
  public init(_ raw: [String: String], declared: [any RuleOptionDeclaration]) throws {
    for (name, text) in raw.sorted(by: { $0.key < $1.key }) {
      guard let option = declared.first(where: { $0.key == name }) else {
        throw declared.isEmpty
          ? RuleOptionError("this rule has no option `\(name)`")
          : RuleOptionError(
            "unknown option `\(name)`; expected \(declared.map(\.key).joined(separator: ", "))")
      }
      values[name] = try option.parse(text)
    }
  }

  /// The option's value: set by the configuration, else its default.
  public subscript<Value>(option: RuleOption<Value>) -> Value {
    values[option.key] as? Value ?? option.defaultValue
  }
}
