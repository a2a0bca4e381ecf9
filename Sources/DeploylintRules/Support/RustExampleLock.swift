/// A small Cargo.lock for the Rust rules' examples (the package count only
/// has to be realistic in shape, not in size).
enum RustExampleLock {
  static let text = """
    version = 3

    [[package]]
    name = "api"
    version = "0.1.0"

    [[package]]
    name = "tokio"
    version = "1.40.0"
    source = "registry+https://github.com/rust-lang/crates.io-index"

    """
}
