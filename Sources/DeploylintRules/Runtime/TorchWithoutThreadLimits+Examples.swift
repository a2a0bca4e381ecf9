import DeploylintCore

extension TorchWithoutThreadLimits {
  /// The examples of `TorchWithoutThreadLimits.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "torch installed on a RUN line of the final stage",
      [
        ExampleFile(
          "Dockerfile",
          """
          FROM python:3.12-slim
          RUN pip install --no-cache-dir ↓torch==2.4.1 fastapi
          CMD ["uvicorn", "app:app"]

          """)
      ]),
    .triggering(
      "torch pulled in by kokoro from requirements.txt (the finding lands on the final FROM)",
      [
        ExampleFile(
          "Dockerfile",
          """
          ↓FROM python:3.11-slim
          WORKDIR /app
          COPY requirements.txt .
          RUN pip install -r requirements.txt
          CMD ["python", "server.py"]

          """),
        ExampleFile("requirements.txt", "kokoro>=0.9.4\nsoundfile\n"),
      ]),
    .triggering(
      "torch installed in a builder stage whose virtualenv is copied into the image",
      [
        ExampleFile(
          "Dockerfile",
          """
          FROM python:3.12 AS builder
          RUN python -m venv /venv && /venv/bin/pip install ↓sentence-transformers
          FROM python:3.12-slim
          COPY --from=builder /venv /venv
          ENV PYTORCH_CUDA_ALLOC_CONF=max_split_size_mb:128

          """)
      ]),
    .triggering(
      "torch named through an ARG default (found where the variable is written)",
      [
        ExampleFile(
          "Dockerfile",
          """
          FROM python:3.12-slim
          ARG TORCH_PKG=torch
          ARG TORCH_VERSION=2.4.1
          RUN pip install ↓${TORCH_PKG}==${TORCH_VERSION}

          """)
      ]),
    .nonTriggering(
      "thread limits set in the final stage",
      [
        ExampleFile(
          "Dockerfile",
          """
          FROM python:3.12-slim
          ENV OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
          RUN pip install torch

          """)
      ]),
    .nonTriggering(
      "limit inherited from an earlier stage the final stage is built FROM",
      [
        ExampleFile(
          "Dockerfile",
          """
          FROM python:3.12-slim AS base
          ENV OMP_NUM_THREADS=2
          FROM base
          RUN pip install torch torchaudio

          """)
      ]),
    .nonTriggering(
      "torch only in a test stage that the image does not copy from",
      [
        ExampleFile(
          "Dockerfile",
          """
          FROM python:3.12 AS test
          RUN pip install torch pytest
          FROM python:3.12-slim
          RUN pip install flask gunicorn

          """)
      ]),
    .nonTriggering(
      "torch only in an export stage whose single output, an ONNX file, is copied into the image",
      [
        ExampleFile(
          "Dockerfile",
          """
          FROM python:3.12 AS exporter
          RUN pip install torch onnx
          COPY export.py .
          RUN python export.py --out /export/model.onnx
          FROM python:3.12-slim
          RUN pip install onnxruntime
          COPY --from=exporter /export/model.onnx /app/model.onnx

          """)
      ]),
  ]
}
