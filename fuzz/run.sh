#!/usr/bin/env bash
# Runs the fuzz targets one after another, each for SECONDS (default 600), on one core, with
# the committed seeds. A crash leaves its input under fuzz/artifacts/<target>/ and stops.
#
#   fuzz/run.sh [SECONDS [TARGET...]]
#
# Needs cargo-fuzz and a nightly toolchain, or RUSTC_BOOTSTRAP=1 (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(yaml_loaders front_matter markdown pdf_layout)
fi
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=(+nightly)
else
    export RUSTC_BOOTSTRAP=1
fi
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    echo "== $target: $seconds s"
    cargo "${toolchain[@]}" fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1
done
