#!/usr/bin/env bash
# Where the release wasm's bytes go, by crate and by function (the README's "Where the bytes
# go" is its output). Opt-in, not part of CI: it rebuilds the shipped module with its function
# names kept and reads them with scripts/size-profile.mjs (nothing to install).
#
# The module is made exactly as Trunk makes dist/article-reader_bg.wasm (the release cargo
# build, wasm-bindgen --target web, wasm-opt -Oz with index.html's data-wasm-opt-params),
# except that wasm-opt keeps the `name` section (--debuginfo); the script checks that the code
# is then byte for byte as large as the shipped module's, so the profile describes what ships. `scripts/size-profile.sh 40` lists 40 rows.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
top=${1:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build_log="$work/build.log"
trunk build --release >"$build_log" 2>&1 || { cat "$build_log" >&2; echo "trunk build --release failed" >&2; exit 1; }
target_dir=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",(c)=>s+=c).on("end",()=>console.log(JSON.parse(s).target_directory))')
wasm-bindgen --target=web --out-dir="$work" --out-name=article-reader --no-typescript \
  "$target_dir/wasm32-unknown-unknown/release/article_reader.wasm"
wasm-opt -Oz --converge --low-memory-unused \
  --strip-producers --strip-target-features --reorder-functions-by-name --debuginfo "$work/article-reader_bg.wasm" --output="$work/named.wasm"

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src static index.html Cargo.toml Cargo.lock Trunk.toml 2>/dev/null)" ] || commit="$commit+"
printf 'Size profile measured %s at commit %s (scripts/size-profile.sh), code bytes before compression:\n\n' \
  "$(date -u +%Y-%m-%d)" "$commit"
# The shipped module is the same code without the names: compare the code sections.
code() { node --input-type=module -e "
  import { readModule } from '$PWD/scripts/size-profile.mjs';
  import { readFileSync } from 'node:fs';
  console.log(readModule(readFileSync('$1')).sections.find((s) => s.label === 'code').size);" ; }
shipped=$(code dist/article-reader_bg.wasm)
named=$(code "$work/named.wasm")
if [ "$shipped" != "$named" ]; then
  echo "warning: the named build's code section is $named B, the shipped one's $shipped B" >&2
fi
node scripts/size-profile.mjs "$work/named.wasm" "$top" | sed "s|$work/named.wasm|article-reader_bg.wasm with names (shipped code section: $shipped B)|"
