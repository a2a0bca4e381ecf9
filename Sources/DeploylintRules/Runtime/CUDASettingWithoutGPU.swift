import DeploylintCore

/// Notes GPU-only settings on services that run without a GPU: they change
/// nothing, and a team that set one as a memory fix (seed 003) is still exposed.
public struct CUDASettingWithoutGPU: Rule {
  /// Variables read only by GPU code paths.
  static let gpuOnlyVariables: [String: String] = [
    "PYTORCH_CUDA_ALLOC_CONF": "configures PyTorch's CUDA caching allocator",
    "PYTORCH_ALLOC_CONF": "configures PyTorch's accelerator (CUDA) caching allocator",
    "CUDA_LAUNCH_BLOCKING": "makes CUDA kernel launches synchronous",
    "TF_GPU_ALLOCATOR": "selects TensorFlow's GPU allocator",
    "TF_FORCE_GPU_ALLOW_GROWTH": "lets TensorFlow grow GPU memory on demand",
  ]

  public static let description = RuleDescription(
    id: "cuda-setting-without-gpu",
    category: .runtime,
    severity: .note,
    summary: "A GPU-only setting such as PYTORCH_CUDA_ALLOC_CONF is set on a service without a GPU",
    rationale: """
      `PYTORCH_CUDA_ALLOC_CONF` (`max_split_size_mb`, `expandable_segments`, …) configures \
      PyTorch's CUDA caching allocator; it has no effect on CPU tensors or on a host without a \
      GPU (PyTorch CUDA semantics, "Environment variables"). Seed 003 added \
      `PYTORCH_CUDA_ALLOC_CONF=max_split_size_mb:128` to cut memory on Railway's free plan, \
      which has no GPU: the setting did nothing, and the settings that do act on CPU are the \
      thread limits (`OMP_NUM_THREADS`, `MKL_NUM_THREADS`).
      """,
    references: [
      Reference(
        "PyTorch CUDA semantics: environment variables",
        "https://pytorch.org/docs/stable/notes/cuda.html#environment-variables"),
      Reference("Railway plans", "https://docs.railway.com/pricing/plans"),
    ],
    fix:
      "Remove the variable (it changes nothing here); to bound CPU memory, set `OMP_NUM_THREADS` and `MKL_NUM_THREADS` and size the plan for the model.",
    examples: [
      .triggering(
        "seed 003's allocator setting on Railway",
        [
          ExampleFile("railway.toml", "[build]\nbuilder = \"DOCKERFILE\"\n"),
          ExampleFile(
            "Dockerfile",
            """
            FROM python:3.11-slim
            ENV ↓PYTORCH_CUDA_ALLOC_CONF=max_split_size_mb:128

            """),
        ]),
      .nonTriggering(
        "a Dockerfile no platform deploys (it may run on a GPU host)",
        [
          ExampleFile(
            "Dockerfile",
            """
            FROM python:3.11-slim
            ENV PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True

            """)
        ]),
    ])

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.filter(\.runsWithoutGPU).flatMap { service in
      service.environment.entries.compactMap { variable -> Finding? in
        guard let effect = Self.gpuOnlyVariables[variable.key] else { return nil }
        return finding(
          "`\(variable.key)` \(effect), but \(service.platform?.displayName ?? "this platform") runs this service "
            + "without a GPU: the setting has no effect on memory here.",
          at: variable.span,
          help: [
            "remove `\(variable.key)`; to bound CPU memory set OMP_NUM_THREADS and MKL_NUM_THREADS and size the plan for the model"
          ], service: service.name)
      }
    }
  }
}
