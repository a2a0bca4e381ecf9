import DeploylintCore
import DeploylintParsers
import DeploylintRules
import Foundation
import Testing

@testable import DeploylintEngine

/// CPU-only PyTorch builds, and the import evidence a claim that PyTorch runs
/// needs (issue 15 item 7).
@Suite struct PythonCPUAndImportTests {
  static let railway = "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"

  static func cuda(_ files: [String: String]) -> [Finding] {
    CUDAWheelsOnCPUPlatform().check(RustAssemblyTests.project(files))
  }

  @Test func plusCPUVersionsAreTheCPUBuild() throws {
    let dockerfile = "FROM python:3.12-slim\nRUN pip install torch==2.1.0+cpu\n"
    let s = try RustAssemblyTests.service(
      ["railway.json": Self.railway, "Dockerfile": dockerfile], named: "root")
    #expect(s.python.packages.first?.cpuOnly == true)
    #expect(Self.cuda(["railway.json": Self.railway, "Dockerfile": dockerfile]).isEmpty)
    // In a requirements file too, and the plain pin still triggers.
    let copy = "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
    #expect(
      Self.cuda(["railway.json": Self.railway, "Dockerfile": copy, "requirements.txt": "torch==2.4.1+cpu\n"])
        .isEmpty)
    #expect(
      Self.cuda(["railway.json": Self.railway, "Dockerfile": copy, "requirements.txt": "torch==2.4.1\n"])
        .count
        == 1)
  }

  @Test(arguments: [
    "RUN pip install --find-links https://download.pytorch.org/whl/cpu/torch_stable.html torch",
    "RUN pip install -f https://download.pytorch.org/whl/cpu torch",
    "RUN pip install --extra-index-url=https://download.pytorch.org/whl/cpu torch",
    "RUN conda install -y pytorch cpuonly -c pytorch",
  ])
  func cpuIndexesAndCondaCPUOnly(_ run: String) {
    #expect(
      Self.cuda(["railway.json": Self.railway, "Dockerfile": "FROM python:3.12-slim\n\(run)\n"]).isEmpty)
  }

  @Test func uvAndPoetrySourcesNameTheCPUIndexPerPackage() {
    let dockerfile = "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nRUN uv sync\n"
    let index =
      "[[tool.uv.index]]\nname = \"cpu\"\nurl = \"https://download.pytorch.org/whl/cpu\"\nexplicit = true\n"
    let project = "[project]\nname = \"a\"\nversion = \"1\"\ndependencies = [\"torch\"]\n"
    func findings(_ pyproject: String) -> Int {
      Self.cuda(["railway.json": Self.railway, "Dockerfile": dockerfile, "pyproject.toml": pyproject]).count
    }
    #expect(findings(project + index + "[tool.uv.sources]\ntorch = { index = \"cpu\" }\n") == 0)
    // An explicit index no source names serves no package: PyPI's CUDA build.
    #expect(findings(project + index) == 1)
    // A non-explicit index is searched first for every package.
    #expect(findings(project + index.replacingOccurrences(of: "explicit = true\n", with: "")) == 0)
    let poetry = """
      [tool.poetry]
      name = "a"
      version = "1"
      [tool.poetry.dependencies]
      python = "^3.12"
      torch = { version = "2.5.1", source = "cpu" }
      [[tool.poetry.source]]
      name = "cpu"
      url = "https://download.pytorch.org/whl/cpu"
      priority = "explicit"

      """
    #expect(findings(poetry) == 0)
    #expect(findings(poetry.replacingOccurrences(of: ", source = \"cpu\"", with: "")) == 1)
  }

  @Test func importsAreReadFromPythonSource() {
    let text = """
      import os, torch.nn as nn
      from transformers import pipeline
      from . import local
      from .models import thing
          import sentence_transformers  # inside a function
      importer = 1
      # import tensorflow
      x = "import keras"
      from  numpy  import array
      import (
      subprocess.run(["python", "-m", "kokoro", "--text", t])
      """
    let imports = PythonImports.read(SourceFile(path: "app.py", text: text))
    #expect(
      imports.map(\.module) == ["os", "torch", "transformers", "sentence_transformers", "numpy", "kokoro"])
    #expect(imports.last?.kind == .runsModule)
    #expect(imports[1].span == Span(path: "app.py", line: 1, column: 12, endLine: 1, endColumn: 17))
  }

  static let service: [String: String] = [
    "render.yaml":
      "services:\n  - type: web\n    name: api\n    runtime: python\n    plan: starter\n"
      + "    buildCommand: pip install -r requirements.txt\n    startCommand: python app.py\n",
    "requirements.txt": "--extra-index-url https://download.pytorch.org/whl/cpu\nsentence-transformers\n",
  ]

  func mlFinding(_ extra: [String: String]) throws -> Finding {
    let files = Self.service.merging(extra) { _, b in b }
    let project = RustAssemblyTests.project(files)
    return try #require(MLRuntimeExceedsMemory(options: RuleOptions()).check(project).first)
  }

  @Test func installedButNeverImportedIsANote() throws {
    let unused = try mlFinding(["app.py": "import fastapi\n", "lib/util.py": "import json\n"])
    #expect(unused.severity == .note)
    #expect(unused.message.contains("never imported"))
    #expect(unused.message.contains("none of the 2 Python files"))
    // No Python file at all: still no evidence.
    #expect(try mlFinding([:]).severity == .note)
    // The puller's own module is evidence; the finding shows the import.
    let used = try mlFinding(["app.py": "from sentence_transformers import SentenceTransformer\n"])
    #expect(used.severity == .error)
    #expect(used.related.contains { $0.span.path == "app.py" && $0.span.line == 1 })
  }

  @Test func transformersBesideTorchIsEvidence() throws {
    var files = Self.service
    files["requirements.txt"] = "fastapi\ntransformers==4.46.0\ntorch==2.5.1\n"
    files["main.py"] =
      "from fastapi import FastAPI\nfrom transformers import AutoTokenizer, AutoModelForSeq2SeqLM\n"
    let project = RustAssemblyTests.project(files)
    let finding = try #require(MLRuntimeExceedsMemory(options: RuleOptions()).check(project).first)
    #expect(finding.severity == .error)
    #expect(finding.related.contains { $0.span.path == "main.py" && $0.span.line == 2 })
    // Without torch installed, transformers alone loads no PyTorch: nothing to say.
    files["requirements.txt"] = "fastapi\ntransformers==4.46.0\n"
    #expect(MLRuntimeExceedsMemory(options: RuleOptions()).check(RustAssemblyTests.project(files)).isEmpty)
  }

  @Test func importsOutsideTheBuildContextOrDockerignoredAreNotEvidence() throws {
    let files = [
      "render.yaml":
        "services:\n  - type: web\n    name: api\n    runtime: docker\n    plan: starter\n    rootDir: api\n",
      "api/Dockerfile":
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
      "api/requirements.txt": "torch==2.4.1+cpu\n",
      "api/app.py": "import fastapi\n",
      "api/notebooks/try.py": "import torch\n",
      "tools/train.py": "import torch\n",
    ]
    let project = RustAssemblyTests.project(files)
    #expect(
      project.services.first?.python.mlImport
        == .imported(
          module: "torch",
          span: Span(path: "api/notebooks/try.py", line: 1, column: 8, endLine: 1, endColumn: 13)))
    var ignored = files
    ignored["api/.dockerignore"] = "notebooks\n"
    let without = RustAssemblyTests.project(ignored)
    #expect(without.services.first?.python.mlImport == .notImported(filesRead: 1))
  }

  @Test func discoveryBoundsPythonSources() throws {
    let root = try DiscoveryTests.tree([
      "app.py": "import torch\n", "big.py": String(repeating: "#", count: Discovery.maxPythonSourceSize + 1),
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("link.py").path,
      withDestinationPath: root.appendingPathComponent("app.py").path)
    let found = Discovery().discover(root: root.path, displayRoot: "r").files.map(\.displayPath)
    #expect(found == ["r/app.py"])
    // Past the count bound: one notification, no more files.
    for i in 0...Discovery.maxPythonSources {
      try "import os\n".write(to: root.appendingPathComponent("m\(i).py"), atomically: false, encoding: .utf8)
    }
    let many = Discovery().discover(root: root.path, displayRoot: "r")
    #expect(many.files.count == Discovery.maxPythonSources)
    #expect(many.notifications.count == 1)
  }
}
