#!/usr/bin/env bash
# Measures what a reader costs a page: the release build's wasm, JS and CSS, raw, gzip -9 and
# brotli -q 11 (what a well-configured server sends). Builds first unless given --no-build.
# Prints a Markdown table (the README's "Size" section is its output), then checks the brotli
# total against the budget recorded in size-budget.txt (scripts/size-budget.mjs): the exit
# status is 1 when the build grew more than 2048 B over it, which is how CI fails on growth.
# --record writes the measured total into size-budget.txt instead, for growth that is intended.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
build=yes budget=check
for arg in "$@"; do
  case $arg in
    --no-build) build=no ;;
    --record) budget=record ;;
    *) echo "usage: scripts/size.sh [--no-build] [--record]" >&2; exit 2 ;;
  esac
done
if [ "$build" = yes ]; then
  build_log=$(mktemp)
  trunk build --release >"$build_log" 2>&1 || { cat "$build_log" >&2; echo "trunk build --release failed" >&2; exit 1; }
  rm -f "$build_log"
fi
# The date and commit go with the figures, so a table copied into the README says what it
# measured (a "+" marks a work tree with uncommitted changes).
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src static index.html Cargo.toml Cargo.lock Trunk.toml 2>/dev/null)" ] || commit="$commit+"
printf 'Release sizes measured %s at commit %s (scripts/size.sh):\n\n' "$(date -u +%Y-%m-%d)" "$commit"
printf '| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|\n'
total=(0 0 0)
# The wasm, its glue, the style sheet, and the host layer that every page loads the reader
# through (static/article-reader.js: mount, the custom element, the standalone page's start).
for f in dist/article-reader_bg.wasm dist/article-reader.js dist/article-reader.css dist/static/article-reader.js; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total=($((total[0] + raw)) $((total[1] + gz)) $((total[2] + br)))
  printf '| %s | %s | %s | %s |\n' "${f#dist/}" "$raw" "$gz" "$br"
done
printf '| **total** | **%s** | **%s** | **%s** |\n' "${total[0]}" "${total[1]}" "${total[2]}"
printf '\n'
node scripts/size-budget.mjs "$budget" "${total[2]}"
