import DeploylintCore

/// Flags images that carry CUDA libraries to a platform without GPUs: the
/// default `torch` wheel from PyPI pulls ~3 GB of `nvidia-*` wheels that are
/// never loaded there, but still pulled, unpacked and stored on every deploy.
public struct ImageShipsCudaLibraries: Rule {
  public static let description = RuleDescription(
    id: "image-ships-cuda-libraries",
    category: .runtime,
    severity: .warning,
    summary: "The image ships CUDA libraries to a platform that has no GPUs",
    rationale: """
      On Linux x86-64, `pip install torch` resolves to the CUDA build: the wheel depends on \
      `nvidia-cudnn-cu12`, `nvidia-cublas-cu12` and a dozen other `nvidia-*` wheels, several \
      gigabytes that only a GPU can use. Render, Railway and Heroku run containers without GPUs, \
      so those bytes are never loaded, yet they make every build, push, pull and cold start slower, \
      and push the image towards the platform's size limit (Railway: 4 GB on Free and Trial). \
      PyTorch publishes CPU-only wheels on its own index; they hold the same Python API. \
      \(ImageExampleNote.text)
      """,
    references: [
      Reference("PyTorch: install (CPU wheels index)", "https://pytorch.org/get-started/locally/"),
      Reference("PyTorch CPU wheel index", "https://download.pytorch.org/whl/cpu"),
      Reference("Railway plans: image size limits", "https://docs.railway.com/pricing/plans"),
    ],
    fix: """
      Install the CPU build of torch in the image:

      ```dockerfile
      RUN pip install --no-cache-dir torch --index-url https://download.pytorch.org/whl/cpu
      ```

      or, in `requirements.txt`, add `--extra-index-url https://download.pytorch.org/whl/cpu` and \
      pin `torch==<version>+cpu`. With uv, set `[tool.uv.sources] torch = { index = "pytorch-cpu" }`.
      """,
    examples: [
      .triggering(
        "a torch image with cuDNN and cuBLAS deployed on Railway",
        [
          ExampleFile(
            "tts.image.json",
            """
            ↓{"RepoTags": ["tts:latest"],
             "config": {"Env": ["OMP_NUM_THREADS=1"]},
             "files": {
               "usr/local/lib/python3.12/site-packages/torch-2.5.1.dist-info/METADATA": 9000,
               "usr/local/lib/python3.12/site-packages/nvidia/cudnn/lib/libcudnn.so.9": 1100000000,
               "usr/local/lib/python3.12/site-packages/nvidia/cublas/lib/libcublas.so.12": 700000000},
             "deploy": {"platform": "railway", "plan": "hobby"}}

            """)
        ]),
      .nonTriggering(
        "the CPU wheel: no nvidia libraries",
        [
          ExampleFile(
            "tts.image.json",
            """
            {"RepoTags": ["tts:latest"],
             "files": {"usr/local/lib/python3.12/site-packages/torch-2.5.1+cpu.dist-info/METADATA": 9000},
             "deploy": {"platform": "railway", "plan": "hobby"}}

            """)
        ]),
      .nonTriggering(
        "an image not linked to any platform (it may run on a GPU host)",
        [
          ExampleFile(
            "tts.image.json",
            """
            {"files": {"usr/local/lib/python3.12/site-packages/nvidia/cudnn/lib/libcudnn.so.9": 1100000000}}

            """)
        ]),
    ])

  /// Platforms whose services never get a GPU.
  public static let platformsWithoutGPUs: Set<Platform> = [.render, .railway, .heroku]

  public init(options: NoOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let image = service.image, image.cudaBytes > 0, let platform = service.platform,
      Self.platformsWithoutGPUs.contains(platform), let largest = image.cudaLibraries.first
    else { return nil }
    let groups = image.cudaLibraries.prefix(3).map { "\($0.name) \(Bytes.format($0.bytes))" }
    let more = image.cudaLibraries.count > 3 ? ", …" : ""
    let torch = image.torch.map { " (torch \($0.version))" } ?? ""
    let message =
      "The image ships \(Bytes.format(image.cudaBytes)) of CUDA libraries\(torch): "
      + "\(groups.joined(separator: ", "))\(more); \(platform.displayName) has no GPUs, so they are never loaded. "
      + "The CPU wheels would save about \(Bytes.format(image.cudaBytes)) of the image's "
      + "\(Bytes.format(image.totalSize))."
    return finding(
      message, at: image.span(ofLayer: largest.layer),
      help: [
        "install torch from the CPU index: pip install torch --index-url https://download.pytorch.org/whl/cpu",
        "or pin torch==<version>+cpu with --extra-index-url https://download.pytorch.org/whl/cpu in requirements.txt",
      ], service: service.name)
  }
}
