#!/usr/bin/env bash
# Scoring time of this working tree against another revision, both measured in the same run:
# each revision's `examples/score_large` (1,000 teams × 10 respondents × 18 items, two waves)
# scores the same survey TIMES times, and farm-bench runs the two in turn (A B A B ...) and gives
# the ratio pair by pair. The survey is written and loaded once per run by both, so the ratio
# understates the difference in scoring alone; TIMES (default 20) makes scoring most of the run.
#
#   bench/scoring-vs.sh REVISION [TIMES] [RUNS]
#
# The example and its survey generator are copied into the other revision's tree, so a revision from before it existed
# can be measured too (it uses only the public loading and scoring functions).
set -euo pipefail
cd "$(dirname "$0")/.."
REVISION=${1:?usage: bench/scoring-vs.sh REVISION [TIMES] [RUNS]}
TIMES=${2:-20}
RUNS=${3:-5}
work=$(mktemp -d)
cleanup() { git worktree remove --force "$work/before" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

git worktree add --quiet --detach "$work/before" "$REVISION"
mkdir -p "$work/before/benches/support"
cp examples/score_large.rs "$work/before/examples/score_large.rs"
cp benches/support/large_survey.rs "$work/before/benches/support/large_survey.rs"
cargo build --quiet --release --example score_large
cp target/release/examples/score_large "$work/after"
cargo build --quiet --release --example score_large --manifest-path "$work/before/Cargo.toml" --target-dir "$work/target"
cp "$work/target/release/examples/score_large" "$work/before-bin"
echo "A: this tree; B: $REVISION ($(git rev-parse --short "$REVISION")); $TIMES scorings per run"
farm-bench -n "$RUNS" --timeout 1200 --vs "$work/before-bin $TIMES" -- "$work/after" "$TIMES"
