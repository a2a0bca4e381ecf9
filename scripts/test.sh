#!/usr/bin/env bash
# Sets up the machine, checks formatting and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "test: swift format lint --strict"
swift format lint --strict -r Sources Tests Package.swift
echo "test: ecosystem tool (python3 -m unittest)"
python3 -m unittest discover -s scripts/ecosystem -p 'test_*.py'
swift test "$@"
