import DeploylintCore

/// Flags services that compile their Rust project on the platform after every
/// git push (Render `runtime: docker`/`rust`, Railway, Heroku) instead of
/// deploying an image built in CI. Seed 000 blamed the 512 MB instance for
/// this build; on Render the build runs on the build pipeline (2 CPU / 8 GB),
/// so what it really costs is a full recompilation of the graph per deploy.
public struct InPlatformRustBuild: Rule {
  public static let description = RuleDescription(
    id: "in-platform-rust-build",
    category: .build,
    severity: .warning,
    summary:
      "A Rust service is compiled on the platform at every deploy instead of deployed as a prebuilt image",
    rationale: """
      A Dockerfile that runs `cargo build`, or a native Rust build (Render `runtime: rust`, \
      Railway's Rust provider, a Heroku buildpack), makes the platform compile the whole \
      dependency graph of Cargo.lock after every git push. Where that build runs matters, and \
      it is not the instance: Render runs builds and Docker image builds on its **build \
      pipeline** — 2 CPU / 8 GB on the default Starter tier, 16 CPU / 64 GB on Performance — \
      not on the service's 512 MB instance (render.com/docs/build-pipeline). The claim that a \
      512 MB plan is "not enough for the build" (seed 000) is therefore wrong on Render; it holds \
      only where the build shares the box that runs it (a VPS or a Pi, see \
      `rust-build-exceeds-build-memory`). Railway builds on a separate builder fleet, Heroku on \
      its build system (slug compilation stops after 25 minutes), and `fly deploy` on a remote \
      builder.

      What the in-platform build does cost: a release build of a large graph on 2 CPUs, repeated \
      on every deploy unless the builder's layer cache or cache mounts survive, billed as \
      pipeline minutes (Render includes 500 per month on Hobby), and a deploy that waits for it — \
      a deploy that can fail for build reasons with the running service untouched. Building \
      the image once in CI and deploying it prebuilt (`runtime: image` on Render) removes the \
      build from the deploy entirely: the platform only pulls and starts it.

      The finding is a warning on plans of 2 GB or less (teams on small plans are the ones the \
      minutes and the slow deploys hurt, and the ones told wrongly to buy a bigger instance) \
      and a note above; on Fly, where `fly deploy` building remotely is the normal path, it is \
      at most a note. It is silent when the platform deploys a prebuilt image or when the \
      Dockerfile only copies a binary built elsewhere.
      """,
    references: [
      Reference(
        "Render: build pipeline (where builds run, tiers, pipeline minutes)",
        "https://render.com/docs/build-pipeline"),
      Reference(
        "Render: Docker and image runtimes in Blueprints",
        "https://render.com/tutorials/advanced-blueprint-patterns/docker-and-image-runtimes"),
      Reference(
        "Render: deploy hooks (redeploying image-backed services)", "https://render.com/docs/deploy-hooks"),
      Reference("docker/build-push-action", "https://github.com/docker/build-push-action"),
      Reference(
        "Heroku: container registry and runtime",
        "https://devcenter.heroku.com/articles/container-registry-and-runtime"),
      Reference("Heroku: slug compiler limits", "https://devcenter.heroku.com/articles/slug-compiler"),
      Reference("Cargo: build.jobs", "https://doc.rust-lang.org/cargo/reference/config.html#buildjobs"),
    ],
    fix: """
      Build the image in CI and deploy it prebuilt. On Render, in `render.yaml`:

      ```yaml
      services:
        - type: web
          name: collab
          runtime: image            # was: runtime: docker
          image:
            url: ghcr.io/<owner>/collab:latest
          plan: free
          # dockerfilePath / dockerContext removed: Render no longer builds
      ```

      and a workflow that builds and pushes the image, then asks Render to deploy it (image-backed \
      services do not redeploy by themselves when a new image is pushed):

      ```yaml
      # .github/workflows/collab-image.yml
      name: collab-image
      on:
        push:
          branches: [main]
      permissions:
        contents: read
        packages: write
      jobs:
        image:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - uses: docker/login-action@v3
              with:
                registry: ghcr.io
                username: ${{ github.actor }}
                password: ${{ secrets.GITHUB_TOKEN }}
            - uses: docker/build-push-action@v6
              with:
                context: .
                file: Dockerfile-collab
                push: true
                tags: ghcr.io/<owner>/collab:latest
            - run: curl -fsS -X POST "${{ secrets.RENDER_DEPLOY_HOOK_URL }}"
      ```

      On Railway, point the service's source at the image instead of the repository; on Heroku, \
      `heroku container:push web -a <app>` then `heroku container:release web -a <app>`; on Fly, \
      `fly deploy --image ghcr.io/<owner>/<app>:latest`.

      If the build stays on the platform: cache the dependency layer (cargo-chef), keep \
      `CARGO_BUILD_JOBS` at the builder's CPU count, and keep `[profile.release]` light \
      (`debug = 0` or `"line-tables-only"`, no fat LTO) so each build is shorter.
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  static let platformBuilt: Set<Platform> = [.render, .railway, .heroku, .fly]

  func check(_ service: Service) -> Finding? {
    guard let platform = service.platform, Self.platformBuilt.contains(platform),
      service.build.location?.onPlatform == true, let build = RustBuildEstimate(service)
    else { return nil }
    switch service.build.kind {
    case .dockerfile, .native: break
    case .prebuilt, .unknown: return nil
    }
    let rust = build.rust
    let step = build.step
    let severity: Severity
    if platform == .fly {
      severity = .note
    } else if let runtime = service.runtimeBudget, runtime.bytes > 2 * Bytes.GiB {
      severity = .note
    } else {
      severity = .warning
    }

    let packages = "\(RustBuildEstimate.grouped(rust.packageCount)) packages"
    let scope =
      step.text.contains("--bin") || step.text.contains("-p ") || step.text.contains("--package")
      ? " (the lock's whole graph; the selected package compiles the part it depends on)" : ""
    var message =
      "`\(service.name)` compiles Rust on \(platform.displayName) at every deploy: `\(step.text)` "
      + "(\(step.source)) builds from a Cargo.lock of \(packages)\(scope), \(build.heavyText), "
      + "instead of deploying an image built elsewhere."
    if let location = service.build.location {
      message += " The build runs on \(location.description)."
      if let runtime = service.runtimeBudget {
        let instance = service.plan.map { "`\($0.value)` instance" } ?? "instance"
        message +=
          " The \(instance)'s \(Bytes.format(runtime.bytes, .declared)) (\(runtime.source)) does not "
          + "bound the build, and a bigger plan would not change it."
      }
    }
    if let budget = build.budget {
      let fits = build.estimate.bytes <= budget.bytes
      message +=
        " Estimated build peak: \(Bytes.format(build.estimate.bytes, .binary)) with \(build.jobs) "
        + "job\(build.jobs == 1 ? "" : "s"), \(fits ? "within" : "above") the builder's \(Bytes.format(budget.bytes, .declared))."
    }
    message += " " + costText(platform, build)

    var related = build.related
    related.insert(RelatedLocation(step.span, "the cargo build the platform runs"), at: 0)
    if let runtime = service.runtimeBudget, let span = runtime.span {
      related.append(RelatedLocation(span, runtime.source))
    }
    var span = step.span
    if let runtimeSpan = service.platformConfig?.runtime?.span, platform == .render {
      span = runtimeSpan
    } else {
      related.removeFirst()
    }
    return finding(
      message, at: span, help: help(service, platform, build), related: related, service: service.name,
      severity: severity)
  }

  func costText(_ platform: Platform, _ build: RustBuildEstimate) -> String {
    let cache =
      build.step.usesCacheMount
      ? "unless the builder keeps the step's BuildKit cache mounts between builds"
      : "unless the builder's layer cache survives from the previous build"
    var text =
      "Each deploy recompiles the whole graph from source \(cache), and the deploy waits for that release build"
    switch platform {
    case .render:
      text += "; on Render it is billed as pipeline minutes (500 a month included on Hobby)."
    case .heroku:
      text += "; Heroku stops a slug compilation after 25 minutes."
    case .fly:
      text += "; `fly deploy` building remotely is Fly's normal path, so this is only a note."
    default:
      text += "."
    }
    return text
  }

  func help(_ service: Service, _ platform: Platform, _ build: RustBuildEstimate) -> [String] {
    let image = "ghcr.io/<owner>/\(CIImageWorkflow.imageName(service.name)):latest"
    var help: [String] = []
    switch platform {
    case .render:
      let runtime = service.platformConfig?.runtime?.value ?? "docker"
      let removed =
        runtime == "docker" ? "remove `dockerfilePath` (and `dockerContext` if set)" : "remove `buildCommand`"
      help.append(
        "build the image in CI and deploy it prebuilt: in \(service.platformConfig?.file ?? "render.yaml") "
          + "(service `\(service.name)`) replace `runtime: \(runtime)` with `runtime: image`, add "
          + "`image:` / `  url: \(image)`, and \(removed)")
    case .railway:
      help.append(
        "build the image in CI and deploy it prebuilt: set the Railway service's source to the image "
          + "`\(image)` (service settings → Source) instead of the repository, so Railway pulls it and builds nothing"
      )
    case .heroku:
      help.append(
        "build the image in CI\(build.rust.dockerfilePath == nil ? " (from a Dockerfile that runs the cargo build)" : "") "
          + "and release it: `heroku container:push web -a <app>` then "
          + "`heroku container:release web -a <app>` (the app on the container stack: `heroku stack:set container`)"
      )
    case .fly:
      help.append("to skip the remote build: build the image in CI and run `fly deploy --image \(image)`")
    default: break
    }
    if platform != .heroku && platform != .fly {
      help.append(
        CIImageWorkflow.text(service, platform, image: image, dockerfile: build.rust.dockerfilePath))
    }
    let cache =
      build.rust.dockerfilePath != nil
      ? "cache the dependency layer (cargo-chef: `cargo chef cook --release` before `COPY . .`), " : ""
    help.append(
      "if the build stays on the platform: \(cache)keep CARGO_BUILD_JOBS at the builder's CPUs, and keep "
        + "[profile.release] light (`debug = 0` or `\"line-tables-only\"`, no fat LTO) to shorten each build")
    return help
  }
}
