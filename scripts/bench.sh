#!/usr/bin/env bash
# The speed harness (README "Speed"): builds the release (unless given --no-build), then runs
# scripts/bench.mjs in headless Chromium, which prints a Markdown table with the date and the
# commit. Other arguments go to it: --rounds N (default 7), --quick (3 rounds, no
# 100,000-paragraph article), --cpu 1,4, --only nav,cnav,sizes, --prerendered FILE, --dist DIR
# (serve another release build, e.g. a copy of dist/ kept from before a change), --verbose.
# 6 to 10 minutes on two busy cores; it is a benchmark, not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
source scripts/env.sh
args=()
build=1
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
done
build_log=$(mktemp)
if [ "$build" = 1 ]; then
  trunk build --release >"$build_log" 2>&1 || { cat "$build_log" >&2; echo "trunk build --release failed" >&2; exit 1; }
fi
# The prerendered column: where the prerender command exists (src/bin/prerender.rs), its page
# of the seed article goes to dist/prerendered/seed.html, after a build and also with
# --no-build when the page is not there (a build empties dist/); where the command does not
# exist, or fails, the column says it was not measured.
if [ -f src/bin/prerender.rs ] && { [ "$build" = 1 ] || [ ! -f dist/prerendered/seed.html ]; }; then
  mkdir -p dist/prerendered
  cargo run --quiet --release --features prerender --bin prerender -- \
      static/articles/seed.json dist/prerendered/seed.html >"$build_log" 2>&1 || {
    tail -n 20 "$build_log" >&2
    echo "note: the prerender command failed: the prerendered column is not measured" >&2
    rm -f dist/prerendered/seed.html
  }
fi
rm -f "$build_log"
exec node scripts/bench.mjs "${args[@]}"
