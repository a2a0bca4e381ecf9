/// A day of the Gregorian calendar (UTC), for wording that depends on today's
/// date (a platform's cut-off). Comparable with the `YYYY-MM-DD` dates the
/// catalog records.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// `2026-12-01`; nil for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m),
      (1...31).contains(d)
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The UTC day of `seconds` since 1970-01-01 (days-from-civil inverse,
  /// Howard Hinnant's algorithm; exact for any Int64 day count in range).
  public init(epochSeconds seconds: Int64) {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
  }

  /// Today: `SOURCE_DATE_EPOCH` when it holds a whole number of seconds (so
  /// that reproducible builds and tests see a fixed date), else the clock.
  public static func today(sourceDateEpoch: String?, now: () -> Int64) -> CalendarDate {
    if let text = sourceDateEpoch, let seconds = Int64(text.trimmingWhitespace()),
      seconds > -10_000_000_000_000, seconds < 10_000_000_000_000
    {
      return CalendarDate(epochSeconds: seconds)
    }
    return CalendarDate(epochSeconds: now())
  }

  public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  public var description: String {
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(day))"
  }
}
