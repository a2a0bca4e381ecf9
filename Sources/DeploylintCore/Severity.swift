/// How serious a finding is. Ordered: `note < warning < error`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
  case note
  case warning
  case error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The `--fail-on` threshold: the lowest severity that makes the run fail.
public enum FailThreshold: String, Sendable, Codable, CaseIterable {
  case error, warning, note, none

  public func isReached(by severity: Severity) -> Bool {
    switch self {
    case .none: false
    case .error: severity >= .error
    case .warning: severity >= .warning
    case .note: true
    }
  }
}
