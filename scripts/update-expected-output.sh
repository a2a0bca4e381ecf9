#!/usr/bin/env bash
# Regenerates Fixtures/*/expected-output.txt (what `deploylint Fixtures/<name>`
# prints from the repository root). Read the diff: every changed line must be
# intended. Usage: scripts/update-expected-output.sh [fixture-name…]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product deploylint >/dev/null
bin="$(swift build --show-bin-path)/deploylint"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in Fixtures/*/expected-output.txt; do names+=("$(basename "$(dirname "$f")")"); done
fi
for name in "${names[@]}"; do
  "$bin" "Fixtures/$name" > "Fixtures/$name/expected-output.txt" || true
done
