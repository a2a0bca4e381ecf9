import DeploylintCore

/// Rust facts of a service (Cargo.lock graph, cargo build steps, profile).
/// Filled in by the Rust engineer's change.
enum RustAssembly {
  static func enrich(_ service: inout Service, _ assembler: Assembler) {}
}
