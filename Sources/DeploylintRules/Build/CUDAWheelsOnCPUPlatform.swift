import DeploylintCore

/// Flags PyTorch installed from PyPI's default index on a platform with no
/// GPU: on Linux x86-64 that is the CUDA build, with gigabytes of CUDA wheels
/// the service can never use.
public struct CUDAWheelsOnCPUPlatform: Rule {
  public static let description = RuleDescription(
    id: "cuda-wheels-on-cpu-platform",
    category: .build,
    severity: .warning,
    summary: "PyTorch comes from PyPI's default index (CUDA build) on a platform without GPUs",
    rationale: """
      On Linux x86-64, `pip install torch` from PyPI installs the CUDA build of PyTorch, which \
      depends on the `nvidia-*` CUDA runtime wheels (cuBLAS, cuDNN, NCCL…): several gigabytes that \
      a CPU-only service never loads, making every build slower and every image larger (Railway \
      caps images at 4 GB on Free and Trial). PyTorch publishes CPU-only wheels on its own index, \
      `https://download.pytorch.org/whl/cpu`. Render, Railway and Heroku plans have no GPU.
      """,
    references: [
      Reference("PyTorch: install CPU-only wheels", "https://pytorch.org/get-started/locally/"),
      Reference("Railway plans: image size limits", "https://docs.railway.com/pricing/plans"),
    ],
    fix: """
      Install from the CPU index: `pip install --index-url https://download.pytorch.org/whl/cpu torch`, \
      or add to requirements.txt:

      ```text
      --extra-index-url https://download.pytorch.org/whl/cpu
      torch==2.5.1+cpu
      ```

      (with uv: an `[[tool.uv.index]]` for the CPU index and `[tool.uv.sources] torch = { index = "pytorch-cpu" }`; \
      with Poetry: a `[[tool.poetry.source]]` and `torch = { version = "…", source = "pytorch-cpu" }`; with \
      conda: `conda install pytorch cpuonly -c pytorch`).

      deploylint recognises the CPU build from a `+cpu` local version, the CPU index given to pip \
      (`--index-url`, `--extra-index-url`, `--find-links`, in a `RUN` line or requirements file), a uv \
      or Poetry source naming it (an explicit index serves only the packages that name it), or conda's \
      `cpuonly`.
      """,
    examples: examples,
    aliases: ["image-ships-cuda-libraries"])

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    // A scanned image is the truth about what ships: judge its layers.
    if let image = service.image { return check(image, of: service) }
    // CPU builds: a `+cpu` version or a source naming the CPU index on the
    // package, the CPU index for every package (`--index-url`,
    // `--extra-index-url`, `--find-links`, a non-explicit uv/Poetry index), or
    // conda's `cpuonly` beside it.
    let packages = service.python.packages
    guard service.runsWithoutGPU,
      let package = packages.first(where: { MLPackages.torch.contains($0.name) })
        ?? packages.first(where: MLPackages.pullsTorch),
      !package.cpuOnly,
      !service.python.indexURLs.contains(where: { $0.lowercased().contains("download.pytorch.org/whl/cpu") }),
      !packages.contains(where: { $0.name == MLPackages.condaCPUOnly })
    else { return nil }
    let platform = service.platform?.displayName ?? "this platform"
    let via =
      MLPackages.torch.contains(package.name) ? "" : " (pulled in by `\(package.name)`)"
    let message =
      "PyTorch\(via) is installed from PyPI's default index, which on Linux x86-64 is the CUDA build with "
      + "several GB of `nvidia-*` CUDA wheels; \(platform) runs no GPU, so they only make the build slower and the image larger."
    return finding(
      message, at: package.span,
      help: [
        "install from the CPU index: pip install --index-url https://download.pytorch.org/whl/cpu torch",
        "or add `--extra-index-url https://download.pytorch.org/whl/cpu` to requirements.txt and pin `torch==<version>+cpu`",
      ], service: service.name)
  }

  func check(_ image: ImageFacts, of service: Service) -> Finding? {
    guard image.cudaBytes > 0, let platform = service.platform, Platform.withoutGPUs.contains(platform),
      let largest = image.cudaLibraries.first
    else { return nil }
    let groups = image.cudaLibraries.prefix(3).map { "\($0.name) \(Bytes.format($0.bytes, .decimal))" }
    let more = image.cudaLibraries.count > 3 ? ", …" : ""
    let torch = image.torch.map { " (torch \($0.version))" } ?? ""
    let message =
      "The image ships \(Bytes.format(image.cudaBytes, .decimal)) of CUDA libraries\(torch): "
      + "\(groups.joined(separator: ", "))\(more); \(platform.displayName) has no GPUs, so they are never loaded. "
      + "The CPU wheels would save about \(Bytes.format(image.cudaBytes, .decimal)) of the image's "
      + "\(Bytes.format(image.totalSize, .decimal))."
    return finding(
      message, at: image.span(ofLayer: largest.layer),
      help: [
        "install torch from the CPU index: pip install torch --index-url https://download.pytorch.org/whl/cpu",
        "or pin torch==<version>+cpu with --extra-index-url https://download.pytorch.org/whl/cpu in requirements.txt",
      ], service: service.name)
  }
}
