#!/bin/sh
# Renders `deploylint budget --html` of two fixtures to PNG with headless
# Chromium, so a person can look at the picture (and the README's copy can be
# refreshed). Usage: scripts/render-budget.sh [OUT_DIR]   (default: .build/budget-png)
set -eu
cd "$(dirname "$0")/.."
out=${1:-.build/budget-png}
mkdir -p "$out"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "installing Debian's chromium…" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  browser=$(command -v chromium)
fi

swift build --product deploylint >/dev/null
bin=$(swift build --show-bin-path)/deploylint

for fixture in memolist-pi-tier3 kokoro-railway-free; do
  html="$out/$fixture.html"
  "$bin" budget "Fixtures/$fixture" --html "$html" >/dev/null
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$PWD/$out/$fixture.png" --window-size=1200,900 "file://$PWD/$html" 2>/dev/null
  echo "$out/$fixture.png"
done
