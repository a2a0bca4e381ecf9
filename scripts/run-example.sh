#!/usr/bin/env bash
# Sets up the machine, builds deploylint (release) and runs it on an example.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
swift build -c release --product deploylint >/dev/null
exec .build/release/deploylint "${@:-Fixtures/kokoro-railway-free}"
