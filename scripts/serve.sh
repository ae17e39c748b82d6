#!/usr/bin/env bash
# README command 1: install what is missing, then build and serve the standalone reader at
# http://127.0.0.1:8080/ (the seed article; ?article=static/articles/reader-en.json for another).
# Extra arguments go to `trunk serve` (for example --release, or --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
# No autoreload: its injected inline script would break the page's strict CSP.
exec trunk serve --no-autoreload "$@"
