#!/usr/bin/env bash
# A long fuzzing run of the pure input-handling code (tests/fuzz.rs): every property with
# CASES generated inputs each (default 100000), in release mode. Prints the executions run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cases=${1:-100000}
# The properties are the #[test] functions inside `proptest! { ... }`; helper functions and
# plain tests outside it do not run CASES times.
properties=$(awk '/^proptest! \{/ {inside = 1} inside && /^}/ {inside = 0} inside && /#\[test\]/ {n++} END {print n + 0}' tests/fuzz.rs)
start=$(date +%s)
PROPTEST_CASES=$cases cargo test --release --quiet --test fuzz
end=$(date +%s)
echo "fuzz: $properties properties x $cases cases = $((properties * cases)) executions, none panicked, in $((end - start)) s"
