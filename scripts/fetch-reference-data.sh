#!/usr/bin/env bash
# Fetches the third-party reference data the tests compare against into FOLDER
# (default: $DEPLOYLINT_REFERENCE_DATA, else ../shared beside the repository):
# buildkit's Dockerfile parser test files at a pinned commit and the OASIS SARIF
# 2.1.0 schema. Exactly the files listed in scripts/reference-data.sha256 are
# downloaded, then each is checked against its SHA-256 there. Other files in
# FOLDER are left alone; files already present and correct are not fetched again.
#
#   scripts/fetch-reference-data.sh [FOLDER]
#
# A relative FOLDER is relative to the repository, as for DEPLOYLINT_REFERENCE_DATA
# (so `../shared` is beside the repository wherever the script is run from).
#
# BUILDKIT_BASE and SARIF_BASE override where the files come from (any URL
# curl reads, file:// included), with the upstream layout below them.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
manifest="$repo/scripts/reference-data.sha256"
folder="${1:-${DEPLOYLINT_REFERENCE_DATA:-../shared}}"
[[ "$folder" == /* ]] || folder="$repo/$folder"

buildkit_commit=73ed6825c4b7569379ef89df0aedcdbe64473d31
sarif_commit=a560296ca8c921f3bdb8d4a8db57ab83dae968a7
buildkit_base="${BUILDKIT_BASE:-https://raw.githubusercontent.com/moby/buildkit/$buildkit_commit}"
sarif_base="${SARIF_BASE:-https://raw.githubusercontent.com/oasis-tcs/sarif-spec/$sarif_commit}"

# Where a path of the manifest comes from upstream.
upstream() {
  case "$1" in
    conformance/buildkit-parser/LICENSE) echo "$buildkit_base/LICENSE" ;;
    conformance/buildkit-parser/positive/*)
      echo "$buildkit_base/frontend/dockerfile/parser/testfiles/${1#conformance/buildkit-parser/positive/}" ;;
    conformance/buildkit-parser/negative/*)
      echo "$buildkit_base/frontend/dockerfile/parser/testfiles-negative/${1#conformance/buildkit-parser/negative/}" ;;
    schemas/sarif-schema-2.1.0.json) echo "$sarif_base/sarif-2.1/schema/sarif-schema-2.1.0.json" ;;
    *) echo "fetch-reference-data: no source for $1" >&2; return 1 ;;
  esac
}

checks="$(grep -v '^#' "$manifest")"
mkdir -p "$folder"
cd "$folder"
if sha256sum --check --quiet --status <<< "$checks" 2>/dev/null; then
  echo "fetch-reference-data: $folder already holds the reference data"
  exit 0
fi

# One curl process for every file (one connection to each host), written to a
# staging folder and moved into place only once every checksum matches.
staging="$(mktemp -d "${TMPDIR:-/tmp}/deploylint-reference.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
config="$staging/curl.config"
while read -r _ path; do
  url="$(upstream "$path")"
  printf 'url = "%s"\noutput = "%s"\n' "$url" "$staging/data/$path" >> "$config"
done <<< "$checks"
echo "fetch-reference-data: downloading $(wc -l <<< "$checks") files into $folder"
curl --fail --silent --show-error --location --retry 3 --create-dirs --config "$config"
# buildkit's empty_dockerfile case is an empty file: curl writes no file for an
# empty body, so create the files it did not write (their checksum still decides).
while read -r _ path; do
  [[ -e "$staging/data/$path" ]] || { mkdir -p "$(dirname "$staging/data/$path")" && : > "$staging/data/$path"; }
done <<< "$checks"
if ! (cd "$staging/data" && sha256sum --check --quiet <<< "$checks"); then
  echo "fetch-reference-data: checksums differ from scripts/reference-data.sha256; nothing written" >&2
  exit 1
fi
(cd "$staging/data" && find . -type f -print0 | while IFS= read -r -d '' file; do
  mkdir -p "$folder/$(dirname "$file")"
  cp -f "$file" "$folder/$file"
done)
echo "fetch-reference-data: done ($folder)"
