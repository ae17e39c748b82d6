#!/usr/bin/env bash
# README command 2: install what is missing, then run every test:
#   1. native unit and integration tests (cargo test);
#   2. browser tests in headless Chromium and headless Firefox (wasm-pack test);
#   3. end-to-end tests of the release build: the standalone page, the embed demo, layout and
#      print, driven by playwright-core in Debian's Chromium (node --test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

step() { printf '\n=== %s\n' "$*"; }

# Each runner's output is kept to add up one closing line for the whole suite.
log=$(mktemp -d)/test.log
trap 'rm -rf "$(dirname "$log")"' EXIT
run() { "$@" 2>&1 | tee -a "$log"; }

step "native tests (cargo test)"
run cargo test --quiet

step "browser tests in headless Chromium"
run wasm-pack test --headless --chrome

step "browser tests in headless Firefox"
run wasm-pack test --headless --firefox

step "release build (trunk build --release)"
trunk build --release

step "end-to-end tests of the release build (Chromium)"
run node --test tests/e2e/

passed=$(( $(grep -oE 'test result: ok\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}') \
  + $(grep -oE '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}') ))
failed=$(grep -oE '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
printf '\ntotal: %s passed, %s failed\n' "$passed" "$failed"
