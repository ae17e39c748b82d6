#!/usr/bin/env bash
# Measures what a reader costs a page: the release build's wasm, JS and CSS, raw, gzip -9 and
# brotli -q 11 (what a well-configured server sends). Builds first unless given --no-build.
# Prints a Markdown table (the README's "Size" section is its output).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ "${1:-}" != "--no-build" ]; then
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
for f in dist/article-reader_bg.wasm dist/article-reader.js dist/article-reader.css; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total=($((total[0] + raw)) $((total[1] + gz)) $((total[2] + br)))
  printf '| %s | %s | %s | %s |\n' "${f#dist/}" "$raw" "$gz" "$br"
done
printf '| **total** | **%s** | **%s** | **%s** |\n' "${total[0]}" "${total[1]}" "${total[2]}"
