/// Estimates the peak memory of `cargo build` (platforms.md §8.1).
///
/// No public formula ties crate count to peak memory: the peak is set by the
/// biggest crate being compiled, times the jobs running beside it, or by the
/// final link, whichever is larger. The constants below are the figures the
/// research found; every finding prints them so they can be argued with.
public enum RustBuildEstimator {
  /// One rustc process on an ordinary crate. A small service built with `-j1`
  /// peaked at ~583 MB RSS (system-mqtt#13); crater budgets ~500 MB per job
  /// (rust-lang/crater#490).
  public static let perJob: Int64 = 512 * Bytes.MiB
  /// The final link: a base plus a share per package in the graph. Crater saw
  /// ~500 MB per example link on small graphs and ~10 crates linking above
  /// 1.5 GB (crater#599); a 462 MiB VM failed at the final link
  /// (portal-tunnel-rs#56); 1,700-package servers link in about 2 GB.
  public static let linkBase: Int64 = 256 * Bytes.MiB
  public static let linkPerPackage: Int64 = 1 * Bytes.MiB
  /// Full debug info roughly doubles link memory (cachekit-rs: `-j24` OOM at link
  /// with debuginfo in 6 GiB); fat LTO adds ~40% (fedimint: 7 GB vs 5 GB).
  public static let debugFactor = 2.0
  public static let fatLTOFactor = 1.4
  public static let thinLTOFactor = 1.15

  public static let sources = [
    "https://github.com/rust-lang/crater/pull/599", "https://github.com/rust-lang/crater/issues/490",
    "https://github.com/rust-lang/cargo/issues/9735", "https://github.com/fedimint/fedimint/pull/7134",
  ]

  /// Crates known for multi-GB rustc peaks, with the peak used for them.
  public static let heavyCratePeaks: [String: Int64] = [
    "aws-sdk-ec2": 8 * Bytes.GiB,  // cargo#15738: > 8 GB
    "rustc_middle": 6 * Bytes.GiB,  // cargo#8405: 5–6 GB
  ]
  /// Default for other crates on the heavy list (large generated or C++ builds).
  public static let heavyCratePeak: Int64 = 2 * Bytes.GiB

  public struct Profile: Sendable, Hashable {
    public var debugInfo: Bool
    public var lto: String?  // "fat", "thin", nil/"off"
    public init(debugInfo: Bool = false, lto: String? = nil) {
      self.debugInfo = debugInfo
      self.lto = lto
    }
  }

  public static func estimate(
    packageCount: Int, jobs: Int, heavyCrates: [String] = [], profile: Profile = Profile()
  )
    -> MemoryEstimate
  {
    let jobs = max(1, jobs)
    let heaviest = heavyCrates.map { heavyCratePeaks[$0] ?? heavyCratePeak }.max() ?? 0
    let compile: Int64
    var compileText: String
    if heaviest > perJob {
      compile = heaviest + Int64(jobs - 1) * perJob
      let name = heavyCrates.max {
        (heavyCratePeaks[$0] ?? heavyCratePeak) < (heavyCratePeaks[$1] ?? heavyCratePeak)
      }!
      compileText = "`\(name)` ≈ \(BinaryBytes.format(heaviest))"
      if jobs > 1 { compileText += " + \(jobs - 1) × \(BinaryBytes.format(perJob))" }
    } else {
      compile = Int64(jobs) * perJob
      compileText = "\(jobs) job\(jobs == 1 ? "" : "s") × \(BinaryBytes.format(perJob))"
    }
    compileText += " = \(BinaryBytes.format(compile)) while compiling"

    var link = Double(linkBase + Int64(packageCount) * linkPerPackage)
    var linkText =
      "\(BinaryBytes.format(linkBase)) + \(packageCount) packages × \(BinaryBytes.format(linkPerPackage))"
    if profile.debugInfo {
      link *= debugFactor
      linkText = "(\(linkText)) × \(debugFactor) for debug info"
    }
    switch profile.lto?.lowercased() {
    case "fat", "true":
      link *= fatLTOFactor
      linkText = "(\(linkText)) × \(fatLTOFactor) for fat LTO"
    case "thin":
      link *= thinLTOFactor
      linkText = "(\(linkText)) × \(thinLTOFactor) for thin LTO"
    default: break
    }
    let linkBytes = Int64(link)
    linkText += " = \(BinaryBytes.format(linkBytes)) at the final link"
    let peak = max(compile, linkBytes)
    return MemoryEstimate(
      bytes: peak, arithmetic: "peak ≈ max(\(compileText); \(linkText)) = \(BinaryBytes.format(peak))",
      sources: sources)
  }
}
