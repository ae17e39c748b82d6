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

step "native tests (cargo test)"
cargo test --quiet

step "browser tests in headless Chromium"
wasm-pack test --headless --chrome

step "browser tests in headless Firefox"
wasm-pack test --headless --firefox

step "release build (trunk build --release)"
trunk build --release

step "end-to-end tests of the release build (Chromium)"
node --test tests/e2e/
