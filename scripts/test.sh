#!/usr/bin/env bash
# Sets up the machine, checks formatting and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "test: swift format lint --strict"
swift format lint --strict -r Sources Tests Package.swift
swift test "$@"
