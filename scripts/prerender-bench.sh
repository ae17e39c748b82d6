#!/usr/bin/env bash
# Measures the prerender command's batch throughput: the repository's articles copied COPIES
# times each (default 200) into target/prerender-bench/in, prerendered into
# target/prerender-bench/out by the optimized build (`--profile prerender`). Prints the
# command's own summary line (pages/s, MB/s), with the date and commit it measured.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-200}
root=target/prerender-bench
rm -rf "$root"
mkdir -p "$root/in"
for article in static/articles/*.json; do
  name=$(basename "$article" .json)
  for i in $(seq 1 "$copies"); do
    cp "$article" "$root/in/$name-$i.json"
  done
done
cargo build --quiet --profile prerender --features prerender --bin prerender
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null)" ] || commit="$commit+"
printf 'prerender --batch measured %s at commit %s (scripts/prerender-bench.sh %s, %s files):\n' \
  "$(date -u +%Y-%m-%d)" "$commit" "$copies" "$(ls "$root/in" | wc -l)"
target/prerender/prerender --batch --base-url https://news.example.org/archive/ \
  "$root/in" "$root/out" 2> >(grep -v '^skipped' >&2)
