import DeploylintCore

extension CUDAWheelsOnCPUPlatform {
  /// The examples of `CUDAWheelsOnCPUPlatform.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] =
    [
      .triggering(
        "torch from PyPI on Railway",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          ExampleFile(
            "Dockerfile",
            """
            FROM python:3.12-slim
            ENV OMP_NUM_THREADS=1
            RUN pip install ↓torch

            """),
        ]),
      .nonTriggering(
        "torch from the CPU index",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          ExampleFile(
            "Dockerfile",
            """
            FROM python:3.12-slim
            ENV OMP_NUM_THREADS=1
            RUN pip install --index-url https://download.pytorch.org/whl/cpu torch

            """),
        ]),
      .nonTriggering(
        "CPU index named in requirements.txt",
        [
          ExampleFile(
            "render.yaml",
            """
            services:
              - type: worker
                name: embed
                runtime: python
                plan: standard
                buildCommand: pip install -r requirements.txt
                startCommand: python worker.py

            """),
          ExampleFile(
            "requirements.txt", "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.5.1+cpu\n"),
        ]),
      .nonTriggering(
        "a `+cpu` local version is the CPU build, whichever line names the index",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          ExampleFile(
            "Dockerfile",
            """
            FROM python:3.12-slim
            ENV OMP_NUM_THREADS=1
            RUN pip install torch==2.1.0+cpu -f https://download.pytorch.org/whl/torch_stable.html

            """),
        ]),
      .nonTriggering(
        "`--find-links` to the CPU index",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          ExampleFile(
            "Dockerfile",
            """
            FROM python:3.12-slim
            ENV OMP_NUM_THREADS=1
            RUN pip install --find-links https://download.pytorch.org/whl/cpu/torch_stable.html torch

            """),
        ]),
      .nonTriggering(
        "uv: torch taken from an explicit CPU index through `[tool.uv.sources]`",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          uvDockerfile,
          ExampleFile(
            "pyproject.toml",
            """
            [project]
            name = "embed"
            version = "0.1.0"
            dependencies = ["torch==2.5.1", "fastapi"]

            \(explicitCPUIndex)

            [tool.uv.sources]
            torch = { index = "pytorch-cpu" }

            """),
        ]),
      .triggering(
        "uv: an explicit CPU index that no source names serves no package",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          uvDockerfile,
          ExampleFile(
            "pyproject.toml",
            """
            [project]
            name = "embed"
            version = "0.1.0"
            dependencies = ["↓torch==2.5.1"]

            \(explicitCPUIndex)

            """),
        ]),
      .nonTriggering(
        "Poetry: torch from a CPU source (`source = \"pytorch-cpu\"`)",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          ExampleFile(
            "Dockerfile",
            """
            FROM python:3.12-slim
            ENV OMP_NUM_THREADS=1
            WORKDIR /app
            COPY pyproject.toml poetry.lock ./
            RUN pip install poetry && poetry install --no-root

            """),
          ExampleFile(
            "pyproject.toml",
            """
            [tool.poetry]
            name = "embed"
            version = "0.1.0"

            [tool.poetry.dependencies]
            python = "^3.12"
            torch = { version = "2.5.1", source = "pytorch-cpu" }

            [[tool.poetry.source]]
            name = "pytorch-cpu"
            url = "https://download.pytorch.org/whl/cpu"
            priority = "explicit"

            """),
        ]),
      .nonTriggering(
        "conda: `cpuonly` selects the CPU build",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          ExampleFile(
            "Dockerfile",
            """
            FROM continuumio/miniconda3
            ENV OMP_NUM_THREADS=1
            RUN conda install -y pytorch cpuonly -c pytorch

            """),
        ]),
    ] + imageExamples

  /// A uv project's image: the project copied in, then `uv sync`.
  static let uvDockerfile = ExampleFile(
    "Dockerfile",
    """
    FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim
    ENV OMP_NUM_THREADS=1
    WORKDIR /app
    COPY pyproject.toml ./
    RUN uv sync

    """)

  /// PyTorch's CPU index for uv, used only by packages whose source names it.
  static let explicitCPUIndex = """
    [[tool.uv.index]]
    name = "pytorch-cpu"
    url = "https://download.pytorch.org/whl/cpu"
    explicit = true
    """

  /// Examples on scanned images (described by `*.image.json`, see ImageExampleNote).
  static let imageExamples: [RuleExample] = [
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
  ]
}
