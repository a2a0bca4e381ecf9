#!/usr/bin/env bash
# Runs one libFuzzer target for a while (Linux, Swift toolchain with libFuzzer).
#
#   scripts/fuzz.sh <target> [seconds]     targets: dockerfile yaml json toml memory-size archive pipeline
#
# SwiftPM cannot build libFuzzer targets (an executable has its own main), so
# this script compiles DeploylintCore and DeploylintParsers (and, for
# `archive`, DeploylintImages, linked with the system libarchive) as static
# libraries with `swiftc -sanitize=fuzzer,address` into .build-fuzz/, links the
# entry point scripts/fuzz/<target>.swift (`@_cdecl("LLVMFuzzerTestOneInput")`)
# against them and Yams (object files of the ordinary debug build: `swift
# build` first), seeds a corpus from Fixtures/ and the buildkit conformance
# files (`archive`: small image tarballs written by scripts/fuzz/archive-seeds.py;
# `pipeline`: each fixture folder as one small project tree, see
# scripts/fuzz/pipeline.swift; it also links every other module and
# ArgumentParser, from the debug build),
# and runs libFuzzer for <seconds> (default 180). Crashes are written
# to .build-fuzz/crashes/<target>/; each becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh <dockerfile|yaml|json|toml|memory-size|archive|pipeline> [seconds]}
seconds=${2:-180}
entry=scripts/fuzz/$target.swift
[ -f "$entry" ] || { echo "no fuzz target $target (scripts/fuzz/*.swift)" >&2; exit 2; }

out=.build-fuzz
mkdir -p "$out/lib" "$out/bin" "$out/corpus/$target" "$out/crashes/$target"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6)

# Yams comes from the debug build (not instrumented: only our code is fuzzed).
yams=.build/debug
if [ ! -d "$yams/Yams.build" ]; then swift build --product deploylint; fi
yams_objects=("$yams"/Yams.build/*.o "$yams"/CYaml.build/src/*.o)
cyaml_include=.build/checkouts/Yams/Sources/CYaml/include

build_module() { # name, source folder, extra args...
  local name=$1 folder=$2; shift 2
  local stamp="$out/lib/$name.stamp"
  if [ -f "$stamp" ] && [ -z "$(find "$folder" -name '*.swift' -newer "$stamp" | head -1)" ]; then return; fi
  echo "fuzz: compiling $name" >&2
  find "$folder" -name '*.swift' -print0 | sort -z | xargs -0 swiftc "${flags[@]}" -module-name "$name" \
    -emit-module -emit-module-path "$out/lib/$name.swiftmodule" -emit-library -static \
    -o "$out/lib/lib$name.a" -I "$out/lib" "$@"
  touch "$stamp"
}
build_module DeploylintCore Sources/DeploylintCore
build_module DeploylintParsers Sources/DeploylintParsers -I "$yams/Modules" -I "$cyaml_include"
libraries=(-lDeploylintParsers -lDeploylintCore)
extra_objects=()
if [ "$target" = archive ] || [ "$target" = pipeline ]; then
  build_module DeploylintImages Sources/DeploylintImages -I "$yams/Modules" -I "$cyaml_include" -I Sources/CLibArchive
  libraries=(-lDeploylintImages "${libraries[@]}" -larchive)
fi
if [ "$target" = pipeline ]; then
  common=(-I "$yams/Modules" -I "$cyaml_include" -I Sources/CLibArchive)
  build_module DeploylintRules Sources/DeploylintRules "${common[@]}"
  build_module DeploylintEngine Sources/DeploylintEngine "${common[@]}"
  build_module DeploylintReporters Sources/DeploylintReporters "${common[@]}"
  # -enable-testing: the entry point reaches `init`'s starter text.
  build_module DeploylintCLI Sources/DeploylintCLI "${common[@]}" -enable-testing
  libraries=(-lDeploylintCLI -lDeploylintReporters -lDeploylintEngine -lDeploylintRules "${libraries[@]}")
  extra_objects=("$yams"/ArgumentParser.build/*.o "$yams"/ArgumentParserToolInfo.build/*.o)
fi

binary="$out/bin/fuzz-$target"
echo "fuzz: linking $binary" >&2
swiftc "${flags[@]}" -module-name "Fuzz_${target//-/_}" "$entry" -I "$out/lib" -I "$yams/Modules" \
  -I "$cyaml_include" -I Sources/CLibArchive -L "$out/lib" "${libraries[@]}" "${yams_objects[@]}" \
  ${extra_objects[@]+"${extra_objects[@]}"} -o "$binary"

# Seeds: the files of the fixtures and conformance cases that this target reads.
corpus="$out/corpus/$target"
seed() { # find tests: the seed files of this target
  find Fixtures Tests ../shared/conformance -type f -size -64k \( "$@" \) 2>/dev/null | while read -r f; do
    cp "$f" "$corpus/$(cksum < "$f" | tr ' ' '-')"
  done
}
case "$target" in
  dockerfile) seed -iname '*dockerfile*' ;;
  yaml) seed -name '*.yaml' -o -name '*.yml' ;;
  json) seed -name '*.json' ;;
  toml) seed -name '*.toml' -o -name '*.lock'
    # The repository has few TOML files: add one of each kind the target reads.
    printf 'app = "a"\n[[vm]]\nmemory = "512mb"\n[http_service]\ninternal_port = 8080\n' > "$corpus/fly"
    printf 'version = 3\n\n[[package]]\nname = "tokio"\nversion = "1.0.0"\ndependencies = [\n "mio",\n]\n' > "$corpus/lock"
    printf '[project]\nname = "p"\ndependencies = ["torch>=2", "numpy"]\n[tool.uv]\nindex-url = "https://x"\n' > "$corpus/pyproject"
    printf "[deploy]\nstartCommand = 'node a.js'\nhealthcheckTimeout = 3_00\nx = 1979-05-27T07:32:00Z\n" > "$corpus/railway" ;;
  memory-size) for s in 512m 1g 2GB 0.5GiB 256Mi 900M 1024 "512 MB" 1e3k 9223372036854775807g; do
    printf '%s' "$s" > "$corpus/$(printf '%s' "$s" | cksum | tr ' ' '-')"; done ;;
  archive) python3 scripts/fuzz/archive-seeds.py "$corpus" ;;
  pipeline) # each fixture folder as one input: `%% <path>` lines before each file's text
    for dir in Fixtures/*/; do
      seedfile="$corpus/$(basename "$dir")"
      : > "$seedfile"
      (cd "$dir" && find . -maxdepth 2 -type f -size -16k ! -name '*.png' ! -name 'expected-*' | sort) |
        while read -r f; do printf '%%%% %s\n' "${f#./}" >> "$seedfile"; cat "$dir/$f" >> "$seedfile"; done
    done ;;
esac
echo "fuzz: $(ls "$corpus" | wc -l) seeds, running $seconds s" >&2
"$binary" "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
  -artifact_prefix="$out/crashes/$target/" -print_final_stats=1
