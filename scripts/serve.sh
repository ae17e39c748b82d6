#!/usr/bin/env bash
# README command 1: install what is missing, build the release reader (what a user should
# judge it by: optimised, about a seventh of the debug build's size), and serve it at
# http://127.0.0.1:8080/ (PORT=9000 picks another port). The first build compiles everything
# and takes a few minutes; later ones rebuild only what changed.
#
# For working on the reader with rebuilds on every change, `trunk serve --no-autoreload` (after
# `source scripts/env.sh`) serves a debug build instead; its autoreload would inject an inline
# script that the page's strict CSP refuses, hence the flag.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "[serve] building the release reader (trunk build --release)" >&2
trunk build --release
exec node scripts/serve.mjs
