#!/usr/bin/env bash
# A long fuzzing run of the pure input-handling code (tests/fuzz.rs): every property with
# CASES generated inputs each (default 100000), in release mode. Prints the executions run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cases=${1:-100000}
properties=$(grep -c '^    fn ' tests/fuzz.rs || true)
start=$(date +%s)
PROPTEST_CASES=$cases cargo test --release --quiet --test fuzz
end=$(date +%s)
echo "fuzz: $properties properties x $cases cases = $((properties * cases)) executions, none panicked, in $((end - start)) s"
