#!/usr/bin/env bash
# The GitHub Action's install step: downloads the release binary of the
# action's own version for the runner's OS and architecture, verifies it
# against the release's SHA256SUMS, checks that it runs, and prints its path
# (also to $GITHUB_OUTPUT as `binary=`).
#
#   scripts/action-install.sh             download, verify, install
#   scripts/action-install.sh --asset     print the asset name for this runner
#   scripts/action-install.sh --version   print the version it would download
#
# Environment (all optional):
#   RUNNER_OS, RUNNER_ARCH   set by GitHub (Linux/macOS/Windows, X64/ARM64/X86/ARM);
#                            without them, uname decides
#   DEPLOYLINT_VERSION       default: the version in this checkout's sources
#                            (DeploylintVersion.current), the action's own version
#   DEPLOYLINT_REPOSITORY    default: deploylint/deploylint
#   DEPLOYLINT_RELEASE_URL   where the assets are; default:
#                            https://github.com/$DEPLOYLINT_REPOSITORY/releases/download/v$DEPLOYLINT_VERSION
#   RUNNER_TEMP              where the binary goes (default: $TMPDIR or /tmp)
#
# Exit status: 0 installed; 1 download, checksum or run failure; 2 no release
# binary for this runner (build-from-source: true builds one).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

fail() {
  echo "deploylint: $1" >&2
  exit "${2:-1}"
}

# Release assets exist for Linux on x86_64 and aarch64 (static Swift runtime;
# glibc and libarchive from the system).
asset_name() {
  local os arch
  if [ -n "${RUNNER_OS:-}" ]; then
    os="$RUNNER_OS"
    arch="${RUNNER_ARCH:-}"
  else
    os="$(uname -s)"
    arch="$(uname -m)"
  fi
  case "$os" in
    Linux) os=linux ;;
    *) fail "no release binary for $os ${arch}: set build-from-source: true (needs Swift 6), or run on a Linux x86_64 or arm64 runner" 2 ;;
  esac
  case "$arch" in
    X64 | x86_64 | amd64) arch=x86_64 ;;
    ARM64 | aarch64 | arm64) arch=aarch64 ;;
    *) fail "no release binary for Linux ${arch:-(unknown architecture)}: set build-from-source: true (needs Swift 6), or run on an x86_64 or arm64 runner" 2 ;;
  esac
  echo "deploylint-$os-$arch"
}

# The version compiled from this checkout: the action's own version, whether
# it is used by tag, by commit or by branch.
source_version() {
  local version
  version="$(grep -rh -A3 'enum DeploylintVersion' "$here/Sources" 2>/dev/null |
    sed -n 's/.*static let current = "\([0-9A-Za-z.+-]*\)".*/\1/p' | head -n 1)"
  [ -n "$version" ] || fail "cannot find DeploylintVersion.current under $here/Sources; set DEPLOYLINT_VERSION"
  echo "$version"
}

download() { # URL FILE
  if command -v curl >/dev/null 2>&1; then
    curl --fail --silent --show-error --location --retry 3 --output "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget --quiet --tries=3 --output-document="$2" "$1"
  else
    fail "needs curl or wget to download $1"
  fi
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

case "${1:-}" in
  --asset)
    asset_name
    exit 0
    ;;
  --version)
    echo "${DEPLOYLINT_VERSION:-$(source_version)}"
    exit 0
    ;;
  "") ;;
  *) fail "unknown argument $1 (expected --asset, --version or nothing)" 2 ;;
esac

asset="$(asset_name)"
version="${DEPLOYLINT_VERSION:-$(source_version)}"
repository="${DEPLOYLINT_REPOSITORY:-deploylint/deploylint}"
base="${DEPLOYLINT_RELEASE_URL:-https://github.com/$repository/releases/download/v$version}"
dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/deploylint-$version"
mkdir -p "$dir"
rm -f "$dir/$asset" "$dir/SHA256SUMS" "$dir/deploylint"

echo "deploylint: downloading $asset $version from $base" >&2
download "$base/SHA256SUMS" "$dir/SHA256SUMS" ||
  fail "no SHA256SUMS at $base: is v$version released? Pin the action to a release tag or commit, or set build-from-source: true"
download "$base/$asset" "$dir/$asset" || fail "cannot download $base/$asset"

# Exactly one line for this asset, checked by sha256sum (text or binary mode).
line="$(grep -E "^[0-9a-f]{64} [ *]$asset\$" "$dir/SHA256SUMS" || true)"
[ -n "$line" ] || fail "$asset is not listed in $base/SHA256SUMS"
[ "$(wc -l <<< "$line")" -eq 1 ] || fail "$asset is listed more than once in $base/SHA256SUMS"
if ! (cd "$dir" && sha256sum --check --quiet --strict <<< "$line"); then
  rm -f "$dir/$asset"
  fail "$asset does not match its checksum in SHA256SUMS: not installed"
fi
mv "$dir/$asset" "$dir/deploylint"
chmod 0755 "$dir/deploylint"

# The binary carries the Swift runtime; it needs glibc and libarchive. Install
# libarchive (Debian/Ubuntu) only when the binary cannot start without it.
if ! "$dir/deploylint" --version >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "deploylint: installing libarchive" >&2
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libarchive13t64 >&2 2>/dev/null ||
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libarchive13 >&2
  fi
  "$dir/deploylint" --version >/dev/null || fail "$dir/deploylint does not run (it needs glibc 2.35+ and libarchive 3)"
fi

echo "deploylint: $("$dir/deploylint" --version) verified and installed at $dir/deploylint" >&2
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "binary=$dir/deploylint" >> "$GITHUB_OUTPUT"; fi
echo "$dir/deploylint"
