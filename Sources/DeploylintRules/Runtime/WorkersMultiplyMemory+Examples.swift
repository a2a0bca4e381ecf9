import DeploylintCore

extension WorkersMultiplyMemory {
  /// The examples of `WorkersMultiplyMemory.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "three gunicorn workers on Render's free plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: python
              plan: free
              buildCommand: pip install -r requirements.txt
              startCommand: gunicorn ↓-w 3 app:app

          """),
        ExampleFile("requirements.txt", "flask\ngunicorn\n"),
      ]),
    .triggering(
      "two uvicorn workers that each import PyTorch on a 2 GB plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: embed
              runtime: python
              plan: standard
              buildCommand: pip install -r requirements.txt
              startCommand: uvicorn app:app ↓--workers 2

          """),
        ExampleFile("requirements.txt", "fastapi\nuvicorn\nsentence-transformers\n"),
      ]),
    .nonTriggering(
      "one worker with threads",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: python
              plan: free
              buildCommand: pip install -r requirements.txt
              startCommand: gunicorn -w 1 --threads 4 app:app

          """),
        ExampleFile("requirements.txt", "flask\ngunicorn\n"),
      ]),
  ]
}
