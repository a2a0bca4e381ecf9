import DeploylintCore
import Testing

@testable import DeploylintParsers

private func span(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int, _ path: String) -> Span {
  Span(path: path, line: line, column: column, endLine: endLine, endColumn: endColumn)
}

private func requirements(_ text: String) -> RequirementsTxtFacts {
  RequirementsTxt.read(SourceFile(path: "requirements.txt", text: text))
}

@Suite struct RequirementsTxtTests {
  @Test func normalizesNamesPerPEP503() {
    #expect(PythonRequirement.normalize("Torch_Audio") == "torch-audio")
    #expect(PythonRequirement.normalize("zope.interface") == "zope-interface")
    #expect(PythonRequirement.normalize("a-_.-b") == "a-b")
    #expect(PythonRequirement.normalize("PyYAML") == "pyyaml")
  }

  @Test func readsRequirementsWithSpecifiersExtrasAndMarkers() throws {
    let facts = requirements(
      """
      # The API
      fastapi==0.110.0
      Uvicorn[standard, watch] >= 0.29 ; python_version >= "3.10"
      torch>=2.1,<3  # the heavy one
        numpy
      transformers (>=4.40)
      """)
    let reqs = facts.requirements
    #expect(reqs.map(\.name) == ["fastapi", "Uvicorn", "torch", "numpy", "transformers"])
    #expect(reqs[0].specifier == "==0.110.0")
    #expect(reqs[1].normalizedName == "uvicorn")
    #expect(reqs[1].extras == ["standard", "watch"])
    #expect(reqs[1].specifier == ">= 0.29")
    #expect(reqs[1].marker == #"python_version >= "3.10""#)
    #expect(reqs[2].specifier == ">=2.1,<3")
    #expect(reqs[2].span == span(4, 1, 4, 6, "requirements.txt"))
    #expect(reqs[2].line == 4)
    #expect(reqs[3].span == span(5, 3, 5, 8, "requirements.txt"))
    #expect(reqs[4].specifier == ">=4.40")
  }

  @Test func optionsIncludesAndIndexes() throws {
    let facts = requirements(
      """
      -r base.txt
      --requirement=dev.txt
      -c constraints.txt
      --index-url https://pypi.org/simple
      --extra-index-url https://download.pytorch.org/whl/cpu
      -f https://example.com/wheels
      --no-cache-dir
      torch==2.3.0+cpu --hash=sha256:abc
      """)
    #expect(facts.includes.map(\.value) == ["base.txt", "dev.txt"])
    #expect(facts.includes[0].span == span(1, 4, 1, 12, "requirements.txt"))
    #expect(facts.includes[1].span == span(2, 15, 2, 22, "requirements.txt"))
    #expect(facts.constraints.map(\.value) == ["constraints.txt"])
    #expect(facts.indexURLs.map(\.kind) == [.primary, .extra, .findLinks])
    let cpu = facts.indexURLs[1]
    #expect(cpu.url == "https://download.pytorch.org/whl/cpu")
    #expect(cpu.isPyTorchCPU)
    #expect(!facts.indexURLs[0].isPyTorchCPU)
    #expect(cpu.span == span(5, 19, 5, 55, "requirements.txt"))
    #expect(facts.requirements.map(\.name) == ["torch"])
    #expect(facts.requirements[0].specifier == "==2.3.0+cpu")
  }

  @Test func lineContinuations() throws {
    let facts = requirements("requests \\\n  >=2.0 \\\n  ; python_version > \"3\"\nflask\n")
    #expect(facts.requirements.map(\.name) == ["requests", "flask"])
    #expect(facts.requirements[0].specifier == ">=2.0")
    #expect(facts.requirements[0].marker == #"python_version > "3""#)
    #expect(facts.requirements[1].line == 4)
    let split = requirements("--extra-index-url \\\n  https://download.pytorch.org/whl/cpu\ntorch\n")
    #expect(split.indexURLs.first?.span == span(2, 3, 2, 39, "requirements.txt"))
    #expect(split.requirements.first?.line == 3)
  }

  @Test func urlsAndEditables() throws {
    let facts = requirements(
      """
      mypkg @ https://example.com/mypkg-1.0.tar.gz
      https://download.pytorch.org/whl/cpu/torch-2.3.0%2Bcpu-cp312-cp312-linux_x86_64.whl
      git+https://github.com/huggingface/transformers@v4.40.0#egg=transformers
      -e git+https://github.com/org/tool.git#egg=tool-kit
      -e .
      ./local/dir
      """)
    let reqs = facts.requirements
    #expect(reqs.map(\.name) == ["mypkg", "torch", "transformers", "tool-kit"])
    #expect(reqs[0].url == "https://example.com/mypkg-1.0.tar.gz")
    #expect(reqs[1].url?.hasPrefix("https://download.pytorch.org/whl/cpu/torch-") == true)
    #expect(reqs[1].span == span(2, 38, 2, 43, "requirements.txt"))
    #expect(reqs[2].span == span(3, 61, 3, 73, "requirements.txt"))
    #expect(reqs[3].editable)
    #expect(!reqs[2].editable)
  }

  @Test func commentHashOnlyAfterWhitespace() throws {
    let facts = requirements("pkg#notacomment\n# full comment\npkg2 # comment\n")
    #expect(facts.requirements.map(\.name) == ["pkg", "pkg2"])
  }

  @Test func utf16LEWithBOMFromBytes() throws {
    let text = "# exported on Windows\r\nnumpy==1.26.4\r\ntorch==2.3.0\r\n"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let file = SourceFile(path: "requirements.txt", bytes: bytes)
    let facts = RequirementsTxt.read(file)
    let torch = try #require(facts.requirements.first { $0.normalizedName == "torch" })
    #expect(torch.line == 3)
    #expect(torch.span == span(3, 1, 3, 6, "requirements.txt"))
    #expect(torch.specifier == "==2.3.0")
  }

  @Test func garbageNeverCrashes() {
    let facts = requirements("-\n--\n-r\n[\n@@@\n==1\n\\\n")
    #expect(facts.requirements.isEmpty)
    #expect(facts.includes.isEmpty)
  }
}

@Suite struct PyProjectTests {
  private func pyproject(_ text: String) throws -> PyProjectFacts {
    try PyProject.read(SourceFile(path: "pyproject.toml", text: text))
  }

  @Test func pep621DependenciesAndOptionalGroups() throws {
    let facts = try pyproject(
      """
      [project]
      name = "tts"
      dependencies = [
        "fastapi>=0.110",
        "uvicorn[standard]; sys_platform == 'linux'",
      ]

      [project.optional-dependencies]
      gpu = ["torch==2.3.0", "Sentence_Transformers"]
      dev = ["pytest"]

      [dependency-groups]
      lint = ["ruff", { include-group = "dev" }]
      """)
    #expect(facts.projectName?.value == "tts")
    #expect(facts.dependencies.map(\.name) == ["fastapi", "uvicorn"])
    #expect(facts.dependencies[0].span == span(4, 4, 4, 11, "pyproject.toml"))
    #expect(facts.dependencies[1].extras == ["standard"])
    #expect(facts.dependencies[1].marker == "sys_platform == 'linux'")
    #expect(facts.optionalDependencies.map(\.name) == ["gpu", "dev"])
    let gpu = facts.optionalDependencies[0]
    #expect(gpu.nameSpan == span(9, 1, 9, 4, "pyproject.toml"))
    #expect(gpu.requirements.map(\.normalizedName) == ["torch", "sentence-transformers"])
    #expect(gpu.requirements[0].span == span(9, 9, 9, 14, "pyproject.toml"))
    #expect(gpu.requirements[1].span == span(9, 25, 9, 46, "pyproject.toml"))
    #expect(facts.dependencyGroups.first?.requirements.map(\.name) == ["ruff"])
    #expect(facts.allRequirements.count == 6)
  }

  @Test func escapedStringsFallBackToTheWholeString() throws {
    let facts = try pyproject("[project]\ndependencies = [\"tor\\u0063h\"]\n")
    #expect(facts.dependencies.first?.name == "torch")
    #expect(facts.dependencies.first?.span == span(2, 17, 2, 29, "pyproject.toml"))
  }

  @Test func poetryDependenciesAndGroups() throws {
    let facts = try pyproject(
      """
      [tool.poetry.dependencies]
      python = "^3.11"
      torch = { version = "^2.3", source = "pytorch-cpu" }
      transformers = "4.40.0"
      uvicorn = { extras = ["standard"], version = ">=0.29" }
      numpy = [{ version = "<2", markers = "python_version < '3.12'" }, { version = ">=2" }]

      [tool.poetry.group.dev.dependencies]
      pytest = "*"

      [tool.poetry.dev-dependencies]
      black = "^24"

      [[tool.poetry.source]]
      name = "pytorch-cpu"
      url = "https://download.pytorch.org/whl/cpu"
      priority = "explicit"
      """)
    let deps = facts.poetryDependencies
    #expect(deps.map(\.name) == ["torch", "transformers", "uvicorn", "numpy"])
    #expect(deps[0].specifier == "^2.3")
    #expect(deps[0].span == span(3, 1, 3, 6, "pyproject.toml"))
    #expect(deps[1].specifier == "4.40.0")
    #expect(deps[2].extras == ["standard"])
    #expect(deps[3].specifier == "<2")
    #expect(deps[3].marker == "python_version < '3.12'")
    #expect(Set(facts.poetryGroups.map(\.name)) == ["dev"])
    #expect(facts.poetryGroups.flatMap(\.requirements).map(\.name).sorted() == ["black", "pytest"])
    #expect(facts.indexURLs.count == 1)
    #expect(facts.indexURLs[0].name == "pytorch-cpu")
    #expect(facts.indexURLs[0].isPyTorchCPU)
    #expect(facts.indexURLs[0].span == span(16, 7, 16, 45, "pyproject.toml"))
  }

  @Test func uvIndexesAndSources() throws {
    let facts = try pyproject(
      """
      [project]
      dependencies = ["torch>=2.3"]

      [tool.uv]
      extra-index-url = ["https://example.com/simple"]

      [tool.uv.sources]
      torch = [
        { index = "pytorch-cpu", marker = "sys_platform != 'darwin'" },
      ]
      mylib = { git = "https://github.com/org/mylib" }

      [[tool.uv.index]]
      name = "pytorch-cpu"
      url = "https://download.pytorch.org/whl/cpu"
      explicit = true
      """)
    #expect(
      facts.indexURLs.map(\.url) == ["https://download.pytorch.org/whl/cpu", "https://example.com/simple"])
    #expect(facts.indexURLs[0].name == "pytorch-cpu")
    #expect(facts.indexURLs[0].kind == .extra)
    #expect(facts.indexURLs[0].span == span(15, 7, 15, 45, "pyproject.toml"))
    #expect(facts.uvSources.map(\.package) == ["torch", "mylib"])
    #expect(facts.uvSources[0].index?.value == "pytorch-cpu")
    #expect(facts.uvSources[0].index?.span == span(9, 13, 9, 26, "pyproject.toml"))
    #expect(facts.uvSources[0].marker == "sys_platform != 'darwin'")
    #expect(facts.uvSources[0].packageSpan == span(8, 1, 8, 6, "pyproject.toml"))
    #expect(facts.uvSources[1].git == "https://github.com/org/mylib")
  }

  @Test func malformedPyprojectThrows() {
    #expect(throws: ParseError.self) { try pyproject("[project]\ndependencies = [\"a\"\n") }
  }
}

@Suite struct PythonLockTests {
  @Test func poetryLockPackages() throws {
    let file = SourceFile(
      path: "poetry.lock",
      text: """
        # This file is automatically @generated by Poetry 1.8.2 and should not be changed by hand.

        [[package]]
        name = "Torch"
        version = "2.3.0"
        description = "Tensors and Dynamic neural networks"
        optional = false
        python-versions = ">=3.8.0"
        files = [
            {file = "torch-2.3.0-cp311-none-macosx_11_0_arm64.whl", hash = "sha256:abc"},
        ]

        [package.dependencies]
        filelock = "*"

        [[package]]
        name = "filelock"
        version = "3.14.0"

        [metadata]
        lock-version = "2.0"
        """)
    let packages = try PoetryLock.read(file)
    #expect(packages.map(\.name) == ["Torch", "filelock"])
    #expect(packages[0].normalizedName == "torch")
    #expect(packages[0].version == "2.3.0")
    #expect(packages[0].span == span(4, 8, 4, 15, "poetry.lock"))
  }

  @Test func uvLockPackages() throws {
    let file = SourceFile(
      path: "uv.lock",
      text: """
        version = 1
        requires-python = ">=3.12"

        [[package]]
        name = "torch"
        version = "2.3.0+cpu"
        source = { registry = "https://download.pytorch.org/whl/cpu" }
        dependencies = [
            { name = "filelock" },
        ]
        wheels = [
            { url = "https://download.pytorch.org/whl/cpu/torch-2.3.0%2Bcpu.whl", hash = "sha256:abc" },
        ]

        [[package]]
        name = "filelock"
        version = "3.14.0"
        source = { registry = "https://pypi.org/simple" }
        """)
    let packages = try UVLock.read(file)
    #expect(packages.map(\.name) == ["torch", "filelock"])
    #expect(packages[0].version == "2.3.0+cpu")
    #expect(packages[1].span == span(16, 8, 16, 18, "uv.lock"))
  }

  @Test func emptyAndMalformedLocks() throws {
    #expect(try UVLock.read(SourceFile(path: "uv.lock", text: "version = 1\n")).isEmpty)
    #expect(throws: ParseError.self) {
      try PoetryLock.read(SourceFile(path: "poetry.lock", text: "[[package]]\nname = \"a\"\nname = \"b\"\n"))
    }
  }
}
