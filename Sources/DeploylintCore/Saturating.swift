/// Size and count arithmetic that cannot trap.
///
/// Repository files may hold any number (`gunicorn --workers
/// 99999999999999999`, `memory_mb = 9223372036854775807`, `replicas:
/// 9999999999` with a `1g` limit), and Swift traps on overflow. Every size and
/// count computation goes through these helpers instead: results saturate at
/// `Int64.max` (or `.min`), a `Double` is clamped before it becomes an integer,
/// and the byte formatters print a saturated value as `over 8 EiB`, so the
/// finding that uses it says that it is beyond what deploylint represents.
public enum Saturating {
  /// What a saturated size prints as.
  public static let beyondText = "over 8 EiB (beyond what deploylint can represent)"

  /// Whether a value is a saturated result (or the largest value, which reads the same).
  public static func isSaturated(_ value: Int64) -> Bool { value == .max || value == .min }

  public static func product(_ a: Int64, _ b: Int64) -> Int64 {
    let (value, overflow) = a.multipliedReportingOverflow(by: b)
    guard overflow else { return value }
    return (a < 0) == (b < 0) ? .max : .min
  }

  public static func product(_ a: Int, _ b: Int64) -> Int64 { product(Int64(a), b) }

  public static func sum(_ a: Int64, _ b: Int64) -> Int64 {
    let (value, overflow) = a.addingReportingOverflow(b)
    guard overflow else { return value }
    return b > 0 ? .max : .min
  }

  public static func sum(_ values: Int64...) -> Int64 { sum(values) }

  public static func sum<S: Sequence>(_ values: S) -> Int64 where S.Element == Int64 {
    values.reduce(0) { sum($0, $1) }
  }

  public static func difference(_ a: Int64, _ b: Int64) -> Int64 {
    let (value, overflow) = a.subtractingReportingOverflow(b)
    guard overflow else { return value }
    return b < 0 ? .max : .min
  }

  /// Counts (`Int`) the same way.
  public static func product(_ a: Int, _ b: Int) -> Int { Int(product(Int64(a), Int64(b))) }
  public static func sum(_ a: Int, _ b: Int) -> Int { Int(sum(Int64(a), Int64(b))) }

  /// `a / b`, with a zero divisor reading as "beyond" (`.max` for a positive
  /// dividend, 0 for zero) instead of trapping.
  public static func quotient(_ a: Int64, _ b: Int64) -> Int64 {
    if b == 0 { return a == 0 ? 0 : (a > 0 ? .max : .min) }
    if a == .min, b == -1 { return .max }
    return a / b
  }

  /// Whole percent of `part` in `whole` (rounded down).
  public static func percent(_ part: Int64, of whole: Int64) -> Int64 {
    quotient(product(part, 100), whole)
  }

  /// A `Double` as `Int64`: clamped to the representable range, NaN as 0.
  public static func int64(_ value: Double) -> Int64 {
    if value.isNaN { return 0 }
    // Int64.max is not exactly representable as a Double: compare with 2^63.
    if value >= 9_223_372_036_854_775_808.0 { return .max }
    if value < -9_223_372_036_854_775_808.0 { return .min }
    return Int64(value)
  }

  public static func int(_ value: Double) -> Int { Int(int64(value)) }

  /// A CPU count or other `Double` as a person writes it: `2`, `0.5`, and
  /// `1e+300` rather than a trap when the value is beyond `Int`.
  public static func text(_ value: Double) -> String {
    guard value == value.rounded(), abs(value) < 1e15 else { return String(value) }
    return String(Int(value))
  }

  /// A whole number written in a file or a command (`42`, `+3`, `-1`), with
  /// values beyond `Int` saturated rather than refused: `--workers
  /// 99999999999999999999` asks for more workers than any budget allows, and
  /// says so, instead of silently reading as the default of one.
  public static func parseCount<S: StringProtocol>(_ text: S) -> Int? {
    var digits = Substring(text)
    var negative = false
    if let sign = digits.first, sign == "+" || sign == "-" {
      negative = sign == "-"
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    if let value = Int(digits) { return negative ? -value : value }
    return negative ? .min : .max
  }
}
