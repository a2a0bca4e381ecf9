/// Crates whose presence in a lockfile makes a build markedly heavier than
/// its crate count suggests. Kept conservative: a crate is listed only when
/// it is widely known for multi-GB rustc peaks (huge generated code, heavy
/// monomorphisation) or for compiling a large native library from source.
/// Commonly suspected but light crates (`ring`, `zstd-sys` builds a few C
/// files in seconds) are deliberately absent.
public enum CargoHeavyCrates {
  /// Crate name → why it is heavy.
  public static let list: [String: String] = [
    // Generated AWS SDK crates: hundreds of thousands of lines each; aws-sdk-ec2,
    // the largest, is the usual example of a crate that needs several GB to compile.
    "aws-sdk-ec2": "generated AWS SDK crate of ~1M lines; rustc needs several GB to compile it",
    "aws-sdk-sagemaker": "very large generated AWS SDK crate; multi-GB rustc peak",
    "aws-sdk-s3": "large generated AWS SDK crate; rustc peak above 1 GB",
    "aws-sdk-iam": "large generated AWS SDK crate; rustc peak above 1 GB",
    // Compiler internals, pulled in by tools linking rustc (clippy-like tools, Miri).
    "rustc_middle": "rustc's own largest crate; compiling it takes multiple GB",
    // Dataframe / query engines: heavy generics monomorphised per type.
    "polars-core": "heavy monomorphisation (Polars); multi-GB rustc peaks are common",
    "polars-lazy": "heavy monomorphisation (Polars' lazy engine); multi-GB rustc peaks",
    "datafusion": "large query engine crate; multi-GB rustc peaks, long builds",
    "arrow": "Apache Arrow: many kernels monomorphised per type; rustc peaks above 1 GB",
    // Native libraries compiled from source by build scripts.
    "librocksdb-sys": "compiles RocksDB's C++ sources in its build script (GBs with parallel jobs)",
    "rocksdb": "wraps librocksdb-sys, which compiles RocksDB's C++ sources",
    "v8": "links V8's prebuilt static library (hundreds of MB); linking needs GBs",
    "deno_core": "pulls in V8 (the `v8` crate); heavy link step",
    "wasmtime": "large runtime with Cranelift; multi-GB rustc peaks with LTO",
    "cranelift-codegen": "large generated instruction-selection code; rustc peak above 1 GB",
    "tikv-jemalloc-sys": "builds jemalloc from C sources with configure/make in its build script",
    "openssl-src": "builds OpenSSL from source (vendored feature): slow, needs perl and make",
    "bindgen": "runs libclang at build time to generate bindings; adds libclang's memory to the build",
    "clang-sys": "loads libclang at build time (bindgen); needs clang installed in the build image",
  ]

  /// Why `name` is heavy, if it is listed.
  public static func reason(for name: String) -> String? { list[name] }
}
