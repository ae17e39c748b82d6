#!/usr/bin/env bash
# Installs every tool the reader needs to build, serve and test, pinned, from the package
# registries only (crates.io, Debian, npm): this machine has no other network. Each step checks
# first, so a second run on a ready machine takes about a second.
#
# Why each pin: see README.md ("Toolchain").
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14        # 0.22 needs a newer rustc than this machine's 1.95
WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock exactly, or trunk and wasm-pack
# try to download their own copy (which fails here).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] %s\n' "$*" >&2; exit 1; }

[ -n "$WASM_BINDGEN_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
# Trunk.toml names the same version (so trunk never downloads one); a lock-file update that
# forgets it would only fail later, inside trunk, with a download error.
trunk_pin=$(sed -n 's/^wasm_bindgen = "\(.*\)"$/\1/p' Trunk.toml)
[ "$trunk_pin" = "$WASM_BINDGEN_VERSION" ] \
  || die "Trunk.toml pins wasm_bindgen $trunk_pin but Cargo.lock has $WASM_BINDGEN_VERSION: make them equal"
# The output is captured before grep reads it: with pipefail, `tool --version | grep -q` fails
# whenever grep exits before the tool finishes writing (SIGPIPE), which forced needless reinstalls.
have_version() {
  local out
  command -v "$1" >/dev/null 2>&1 && out=$("$1" --version 2>/dev/null) && grep -qF "$2" <<<"$out"
}

export PATH="$HOME/.cargo/bin:$PATH"

# What this script expects to find rather than install: Rust through rustup (the machine's one
# toolchain), and Node 20 or newer with npm (Debian 12's own nodejs is 18, too old for
# playwright-core).
command -v rustup >/dev/null 2>&1 || die "rustup is missing: install Rust with rustup first"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
  || die "Node.js 20+ and npm are missing: install them first"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js $node_major is too old: 20 or newer is needed"

# The compiler is the one rust-toolchain.toml names. rustup would download it on first use in
# this folder, and this machine reaches no download server: when the machine's stable toolchain
# is that very version, it is made available under the pinned name instead, as a directory link
# beside it (`rustup toolchain link` refuses names that look like releases). Both steps run
# outside the project folder, so that rustup does not act on rust-toolchain.toml before then.
RUST_VERSION=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
[ -n "$RUST_VERSION" ] || die "could not read the channel from rust-toolchain.toml"
if ! (cd / && rustup toolchain list) | grep -q "^$RUST_VERSION-"; then
  stable=$(cd / && rustc +stable --version 2>/dev/null || true)
  if [[ "$stable" == "rustc $RUST_VERSION "* ]]; then
    (cd / && rustup +stable target add wasm32-unknown-unknown)
    (cd / && rustup +stable component add rustfmt clippy)
    sysroot=$(cd / && rustc +stable --print sysroot)
    host=$(cd / && rustc +stable -vV | sed -n 's/^host: //p')
    say "making the machine's stable Rust ($RUST_VERSION) available as toolchain $RUST_VERSION"
    ln -s "$sysroot" "$(dirname "$sysroot")/$RUST_VERSION-$host"
  else
    say "installing Rust $RUST_VERSION (rust-toolchain.toml)"
    (cd / && rustup toolchain install "$RUST_VERSION" --profile minimal \
      --target wasm32-unknown-unknown --component rustfmt --component clippy)
  fi
fi
# From here on rustup uses the pinned toolchain; a linked one already has its target and
# components, a downloaded one gets them from rust-toolchain.toml.
rustc --version | grep -qF "rustc $RUST_VERSION " \
  || die "rustc is $(rustc --version), not $RUST_VERSION as rust-toolchain.toml pins"
targets=$(rustup target list --installed 2>/dev/null || true)
grep -qx wasm32-unknown-unknown <<<"$targets" || rustup target add wasm32-unknown-unknown
components=$(rustup component list --installed 2>/dev/null || true)
for c in rustfmt clippy; do
  grep -q "^$c" <<<"$components" || rustup component add "$c"
done

apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_missing+=(chromium-driver)
command -v firefox-esr >/dev/null 2>&1 || apt_missing+=(firefox-esr)
command -v brotli >/dev/null 2>&1 || apt_missing+=(brotli)
# cargo install builds C code for some of the tools.
command -v cc >/dev/null 2>&1 || apt_missing+=(build-essential)
# A Chinese font, so that screenshots of the seed article show characters, not boxes.
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || apt_missing+=(fonts-wqy-microhei)
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing from Debian: ${apt_missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  # `env` inside sudo, since sudo resets the environment.
  $SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi

cargo_pin() { # binary, crate, version, extra cargo-install flags...
  local bin=$1 crate=$2 version=$3; shift 3
  if ! have_version "$bin" "$version"; then
    say "cargo install $crate $version (a few minutes, once)"
    cargo install --quiet "$crate" --version "$version" --force "$@"
  fi
}
cargo_pin wasm-bindgen wasm-bindgen-cli "$WASM_BINDGEN_VERSION"   # --locked fails for this crate
cargo_pin trunk trunk "$TRUNK_VERSION" --locked
cargo_pin wasm-pack wasm-pack "$WASM_PACK_VERSION" --locked
cargo_pin geckodriver geckodriver "$GECKODRIVER_VERSION" --locked

# npm packages, pinned by package-lock.json: binaryen for wasm-opt (Debian's is too old for
# what rustc 1.95 emits), terser, which minifies the wasm-bindgen glue in release builds
# (scripts/minify-glue.mjs), playwright-core for the end-to-end tests (driving Debian's
# Chromium; it downloads no browser of its own), axe-core for their accessibility audits, and
# jsqr with pngjs, which decode the share panel's QR code from a screenshot. Reinstalled only
# when the lock file changes.
if ! cmp -s package-lock.json node_modules/.installed-lock.json 2>/dev/null; then
  say "npm ci (binaryen, terser, playwright-core, axe-core, jsqr, pngjs)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock.json
fi
say "ready"
