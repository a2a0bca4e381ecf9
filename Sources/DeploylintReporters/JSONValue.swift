/// A JSON value whose objects keep their keys in the order they were built, so
/// that the JSON and SARIF outputs have a fixed, documented key order (which
/// `JSONEncoder` does not promise).
public indirect enum JSONValue: Equatable {
  case string(String)
  case int(Int)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): x == y
    case (.int(let x), .int(let y)): x == y
    case (.bool(let x), .bool(let y)): x == y
    case (.null, .null): true
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// `.string(s)` or `.null` when `s` is nil.
  public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

  /// The value written with 2-space indentation, `"key": value`, one member per
  /// line, empty containers as `[]`/`{}`, and a final newline.
  public func serialized() -> String {
    var out = ""
    write(to: &out, indent: 0)
    out += "\n"
    return out
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .int(let i): out += String(i)
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        item.write(to: &out, indent: indent + 2)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (i, (key, value)) in members.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        JSONValue.writeString(key, to: &out)
        out += ": "
        value.write(to: &out, indent: indent + 2)
        out += i + 1 < members.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  /// A JSON string literal (RFC 8259). Besides what JSON requires (`"`, `\`,
  /// U+0000–U+001F), DEL, C1 controls, U+2028/2029 and bidi controls are
  /// written as `\uXXXX` too, so that `cat`-ing the output to a terminal is safe
  /// and JavaScript consumers never see a raw line separator. Swift strings hold
  /// only Unicode scalars, so lone surrogates cannot occur.
  ///
  /// The `[` of a `##[` is written `\u005b` (the same string to a JSON reader):
  /// the Actions runner reads `##[command]` anywhere in a line of the log, and
  /// a report printed there must not hold one.
  static func writeString(_ s: String, to out: inout String) {
    out += "\""
    var hashes = 0
    for scalar in s.unicodeScalars {
      defer { hashes = scalar == "#" ? hashes + 1 : 0 }
      switch scalar {
      case "[" where hashes >= 2: out += "\\u005b"
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 || VisibleText.isUnsafe(scalar) {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
