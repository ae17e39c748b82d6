#!/usr/bin/env bash
# README command 2: install what is missing, then run every test:
#   0. the lint wall: rustfmt, and clippy with -D warnings for the host and for wasm32 (the
#      panic lints in src/lib.rs are errors there, so a new unwrap on input fails the run);
#   1. native unit, integration and property tests, with the prerender command's
#      (cargo test --features prerender);
#   2. browser tests in headless Chromium and headless Firefox (wasm-pack test);
#   3. end-to-end tests of the release build: the standalone page, the embed demo, layout,
#      print and an accessibility audit, driven by playwright-core in Debian's Chromium, and a
#      smoke test of the same pages in Firefox ESR through geckodriver; and the repository's
#      articles prerendered into dist/prerendered/ (a debug build of the prerender command,
#      which reuses what the native tests compiled), read with JavaScript off.
# Every suite runs even if an earlier one fails; the last line sums them all up, and the exit
# status is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
source scripts/env.sh

log=$(mktemp -d)/test.log
trap 'rm -rf "$(dirname "$log")"' EXIT
broken=()

# Runs one suite, keeping its output for the tally; a failing suite is remembered, not fatal.
suite() {
  local name=$1; shift
  printf '\n=== %s\n' "$name"
  if ! "$@" 2>&1 | tee -a "$log"; then
    broken+=("$name")
  fi
}

# A lint suite has no test count of its own: when it fails it counts as one failure.
suite "formatting (cargo fmt --check)" cargo fmt --all --check
# The host's lints and tests take the prerender feature (Yew's server-side rendering), so the
# command's code is linted and tested too; the wasm build never has it.
suite "lints, host (cargo clippy -D warnings)" \
  cargo clippy --quiet --all-targets --features prerender -- -D warnings
suite "lints, wasm32 (cargo clippy -D warnings)" \
  cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings
suite "native tests (cargo test)" cargo test --quiet --features prerender
# wasm-bindgen-test gives each test 20 s by default; the hostile-content suites render
# thousands of articles, which on a busy two-core machine took up to 37 s. A hung test still
# fails, after this bound; no test waits for it.
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-180}
suite "browser tests in headless Chromium" wasm-pack test --headless --chrome
suite "browser tests in headless Firefox" wasm-pack test --headless --firefox
suite "release build (trunk build --release)" trunk build --release
# After the release build, which empties dist/. The page address is where the pages would be
# published (the tests only need their links to be links); the articles' JSON is served from
# dist/static/articles/, for the live reader that takes a page over.
suite "prerendered pages (prerender --batch)" \
  cargo run --quiet --features prerender --bin prerender -- --batch \
  --base-url https://reader.example.org/prerendered/ --json-url /static/articles/ \
  static/articles dist/prerendered
# The TAP reporter is named explicitly: it is what prints the "# pass N" / "# fail N" lines
# counted below, and newer Node versions default to another format.
# The long-article tests measure main-thread tasks against a 50 ms bound, so they run after the
# others, one file at a time: node runs test files in parallel, and two browsers rendering
# beside them on two cores would be measured too.
mapfile -t e2e_files < <(ls tests/e2e/*.test.mjs | grep -v '/long-article')
suite "end-to-end tests of the release build (Chromium, Firefox)" \
  node --test --test-reporter=tap "${e2e_files[@]}"
# Their bound is issue 10's goal, 50 ms of wall time per task (the Long Tasks API's). On this
# project's machine, two cores shared with other jobs, the scheduler stretched 8 ms slices past
# it now and then (bench/trace-long.mjs: 15 ms of thread time, 70 ms of wall time at a load of
# 8), so the test raises its browser's CPU priority (favourChildren in tests/e2e/chromium.mjs;
# the setup runs as root). LONG_TASK_MS=80 raises the bound for a machine busier than that.
for timing in tests/e2e/long-article*.test.mjs; do
  suite "end-to-end timing test, alone: ${timing#tests/e2e/}" \
    node --test --test-reporter=tap "$timing"
done

# Rust runners print "test result: ok. N passed; M failed"; node's prints "# pass N" / "# fail M".
sum() { grep -oE "$1" "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(( $(sum '[0-9]+ passed;') + $(sum '^# pass [0-9]+') ))
failed=$(( $(sum '[0-9]+ failed;') + $(sum '^# fail [0-9]+') ))
if [ ${#broken[@]} -gt 0 ]; then
  printf '\nfailed suites: %s\n' "${broken[*]}"
  # A suite can fail without a counted test failing (a lint, a build, a crash before the
  # summary): each such suite counts once, so the total never reads "0 failed" then.
  [ "$failed" -ge ${#broken[@]} ] || failed=${#broken[@]}
fi
printf '\ntotal: %s passed, %s failed\n' "$passed" "$failed"
[ ${#broken[@]} -eq 0 ]
