#!/usr/bin/env bash
# Installs what deploylint needs on a fresh Debian/Ubuntu machine with Swift 6:
# libarchive (image tarballs), pkg-config (to find it), curl (the action's
# install script, which the tests run on a local release), and Python's
# jsonschema (the test suite validates SARIF output against the official schema).
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: Swift 6 is required (https://www.swift.org/install/)" >&2
  exit 1
fi
if ! pkg-config --exists libarchive 2>/dev/null; then
  echo "setup: installing libarchive-dev and pkg-config"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libarchive-dev pkg-config >/dev/null
fi
if ! command -v curl >/dev/null 2>&1; then
  echo "setup: installing curl"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl ca-certificates >/dev/null
fi
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  echo "setup: installing Python's jsonschema"
  python3 -m pip install --quiet jsonschema || as_root apt-get install -y -qq python3-jsonschema >/dev/null
fi
