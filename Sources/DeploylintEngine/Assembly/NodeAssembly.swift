import DeploylintCore

/// Node.js facts of a service (heap flags reached by its real start command,
/// heavy builds, pm2 apps). Filled in by the Node engineer's change.
enum NodeAssembly {
  static func enrich(_ service: inout Service, _ assembler: Assembler) {}
}

extension Assembler {
  /// Services started by pm2 ecosystems that no platform declares (a VPS
  /// running `pm2 start ecosystem.config.js`). Filled in by the Node change.
  func pm2Services(claimed: [Service]) -> [Service] { [] }
}
