# Sourced by the other scripts: where the tools that scripts/setup.sh installs live.
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
