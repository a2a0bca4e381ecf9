import DeploylintCore

/// Flags Rust builds whose estimated peak exceeds the memory where the build
/// actually runs: a compose `build:` on a declared host, a `build-memory`
/// override, or a builder whose size the catalog knows. The runtime plan is
/// never used: Render's pipeline and Fly's builders are not bounded by it.
public struct RustBuildExceedsBuildMemory: Rule {
  public static let description = RuleDescription(
    id: "rust-build-exceeds-build-memory",
    category: .build,
    severity: .error,
    summary: "The estimated memory peak of `cargo build` exceeds the memory of the machine that builds it",
    rationale: """
      Cargo runs one rustc per CPU by default (`build.jobs`, `CARGO_BUILD_JOBS`, `-j`) and has no \
      memory-aware scheduling (cargo#12912): the peak is the biggest crates compiling side by side, \
      or the final link of the whole graph, whichever is larger. When that exceeds the machine's \
      memory the kernel kills rustc or the linker (`signal: 9, SIGKILL`) and the build fails — \
      a 1 GB box linking a workspace (cargo#9735), a 462 MiB VM at the final link \
      (portal-tunnel-rs#56), a 6 GiB cgroup at `-j24` with debug info (cachekit-rs).

      The estimate deploylint prints: per job \(Bytes.format(RustBuildEstimator.perJob, .binary)) \
      (a small service peaked at ~583 MB with `-j1`; crater budgets ~500 MB per job), known heavy \
      crates at their measured multi-GB peaks (`aws-sdk-ec2` > 8 GB, `rustc_middle` 5–6 GB), \
      and a final link of \(Bytes.format(RustBuildEstimator.linkBase, .binary)) plus \
      \(Bytes.format(RustBuildEstimator.linkPerPackage, .binary)) per package in Cargo.lock, ×\(RustBuildEstimator.debugFactor) \
      with full debug info and ×\(RustBuildEstimator.fatLTOFactor) with fat LTO \
      (×\(RustBuildEstimator.thinLTOFactor) thin). No public formula ties crate count to peak \
      memory; these constants come from the reports cited and are printed so they can be argued with.

      The memory compared is where the build runs, never the runtime plan: a compose `build:` \
      builds on the host that runs the stack (`host.memory` in `.deploylint.yml`), a \
      `services.<name>.build-memory` override states it, and the catalog knows Render's build \
      pipeline (8 GB) and Fly's legacy remote builder (4 GB on free orgs). Render's pipeline and \
      Fly's builders are not bounded by the instance or the VM.
      """,
    references: [
      Reference("Cargo: build.jobs", "https://doc.rust-lang.org/cargo/reference/config.html#buildjobs"),
      Reference(
        "cargo#12912: no memory-aware job scheduling", "https://github.com/rust-lang/cargo/issues/12912"),
      Reference(
        "cargo#9735: linker killed on a 1 GB machine, fixed with -j1",
        "https://github.com/rust-lang/cargo/issues/9735"),
      Reference(
        "crater#599: peak memory proportional to build parallelism",
        "https://github.com/rust-lang/crater/pull/599"),
      Reference("crater#490: ~500 MB per job", "https://github.com/rust-lang/crater/issues/490"),
      Reference(
        "cargo#15738: aws-sdk-ec2 needs more than 8 GB", "https://github.com/rust-lang/cargo/issues/15738"),
      Reference(
        "fedimint#7134: LTO raises the release link from 5 to 7 GB",
        "https://github.com/fedimint/fedimint/pull/7134"),
      Reference(
        "Cargo profiles: debug, lto, codegen-units", "https://doc.rust-lang.org/cargo/reference/profiles.html"
      ),
      Reference("Render: build pipeline", "https://render.com/docs/build-pipeline"),
    ],
    fix: """
      Lower the peak, or build where there is room:

      - run fewer jobs: `ENV CARGO_BUILD_JOBS=1` before the `cargo build` (or `cargo build -j 1`);
      - in `Cargo.toml`, `[profile.release]`: `debug = 0` (or `"line-tables-only"`), no fat LTO (`lto = false`), and the default `codegen-units` rather than `1`;
      - give the build more memory (`build-memory`, a bigger builder, swap on the host);
      - or build the image elsewhere (CI) and pull it: in compose, `image: ghcr.io/<owner>/<service>:latest` instead of `build:`.
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let build = RustBuildEstimate(service), let budget = build.budget,
      build.estimate.bytes > budget.bytes
    else { return nil }
    let rust = build.rust
    let step = build.step
    var message =
      "`\(service.name)`'s build (`\(step.text)`, \(step.source)) is estimated to peak at "
      + "\(Bytes.format(build.estimate.bytes, .binary)), more than the \(Bytes.format(budget.bytes, .declared)) it gets "
      + "(\(budget.source)): \(build.estimate.arithmetic). Jobs: \(build.jobs), \(build.jobsReason). "
      + "Cargo.lock: \(RustBuildEstimate.grouped(rust.packageCount)) packages, \(build.heavyText)"
    if let lto = rust.profile.lto { message += "; \(lto.value) LTO in the profile" }
    if rust.profile.debugInfo { message += "; full debug info in the profile" }
    message +=
      ". When the build runs out of memory the kernel kills rustc or the linker (`signal: 9, SIGKILL`) and the build fails."

    var related = build.related
    if let span = budget.span { related.insert(RelatedLocation(span, budget.source), at: 0) }
    if let jobs = step.jobs, jobs.span != step.span {
      related.append(RelatedLocation(jobs.span, "\(build.jobs) parallel jobs"))
    }
    return finding(
      message, at: step.span, help: help(service, build, budget: budget), related: related,
      service: service.name)
  }

  func help(_ service: Service, _ build: RustBuildEstimate, budget: MemoryBudget) -> [String] {
    let rust = build.rust
    let heavy = rust.heavyCrates.map(\.name)
    let profile = RustBuildEstimator.Profile(debugInfo: rust.profile.debugInfo, lto: rust.profile.lto?.value)
    var help: [String] = []
    if build.jobs > 1 {
      let one = RustBuildEstimator.estimate(
        packageCount: rust.packageCount, jobs: 1, heavyCrates: heavy, profile: profile)
      let fits = one.bytes <= budget.bytes ? "fits" : "still does not fit"
      let where_ =
        rust.dockerfilePath != nil
        ? "`ENV CARGO_BUILD_JOBS=1` before the cargo step (or `-j 1` on it)"
        : "CARGO_BUILD_JOBS=1 in the build environment"
      help.append(
        "run one job: \(where_); estimated peak \(Bytes.format(one.bytes, .binary)), which \(fits) in \(Bytes.format(budget.bytes, .declared))"
      )
    }
    var profileChanges: [String] = []
    if rust.profile.debugInfo { profileChanges.append("`debug = 0` (or `\"line-tables-only\"`)") }
    if rust.profile.lto != nil { profileChanges.append("`lto = false`") }
    if let units = rust.profile.codegenUnits?.value, units < 16 {
      profileChanges.append("the default `codegen-units` (16) instead of \(units)")
    }
    if !profileChanges.isEmpty {
      let light = RustBuildEstimator.estimate(
        packageCount: rust.packageCount, jobs: 1, heavyCrates: heavy, profile: .init())
      help.append(
        "in Cargo.toml [profile.release]: " + profileChanges.joined(separator: ", ")
          + "; with one job as well, estimated peak \(Bytes.format(light.bytes, .binary))")
    }
    if service.compose != nil || service.platform == .compose {
      help.append(
        "or build the image in CI and pull it: in the compose file, `image: ghcr.io/<owner>/\(service.name):latest` instead of `build:`"
      )
    } else {
      help.append("or build the image in CI and deploy it prebuilt")
    }
    help.append(
      "or give the build more memory than \(Bytes.format(build.estimate.bytes, .binary)) (a bigger builder, swap on the host)"
    )
    return help
  }
}
