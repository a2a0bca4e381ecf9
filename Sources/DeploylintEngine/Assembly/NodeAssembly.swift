import DeploylintCore

/// Node.js facts of a service (heap flags reached by its real start command,
/// heavy builds, pm2 apps). Filled in by the Node engineer's change.
enum NodeAssembly {
  static func enrich(_ service: inout Service, _ assembler: Assembler) {}
}
