#!/usr/bin/env bash
# Builds the sample at two revisions and lists every output file that differs: the check that a
# refactor leaves the output byte-identical (or changes exactly what it means to change).
#
#   scripts/compare-output.sh [BEFORE [AFTER]]
#
# BEFORE defaults to HEAD~1, AFTER to the working tree. Both builds use the same
# SOURCE_DATE_EPOCH, so dates cannot differ. Prints the files that differ (one per line, then a
# count) and exits 0; the two output folders stay in the temporary folder it names.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${1:-HEAD~1}
AFTER=${2:-}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1780000000}
work=$(mktemp -d)
target="$PWD/target"

# Builds the project checked out at $1 into $2 with its own binary, compiled into target
# folder $3. Each tree has its own: in a shared one, cargo may find the second tree's binary
# fresh and leave the first tree's in target/release, and both outputs would come from it.
build_at() {
    local tree=$1 out=$2 dir=$3
    cargo build --quiet --release --manifest-path "$tree/Cargo.toml" --target-dir "$dir"
    "$dir/release/trustbook" build --quiet --root "$tree" --out "$out"
}

checkout() {
    local revision=$1 dir=$2
    git worktree add --quiet --detach "$dir" "$revision"
}
cleanup() {
    for dir in "$work/before" "$work/after"; do
        [ -d "$dir" ] && git worktree remove --force "$dir" 2>/dev/null || true
    done
}
trap cleanup EXIT

checkout "$BEFORE" "$work/before"
build_at "$work/before" "$work/out-before" "$target/compare-before"
if [ -n "$AFTER" ]; then
    checkout "$AFTER" "$work/after"
    build_at "$work/after" "$work/out-after" "$target/compare-after"
else
    build_at "$PWD" "$work/out-after" "$target"
fi

echo "outputs: $work/out-before $work/out-after"
changed=$( (diff -rq "$work/out-before" "$work/out-after" || true) | sed "s|$work/out-before/||; s| and .*||; s|^Files ||")
if [ -z "$changed" ]; then
    echo "byte-identical: $(find "$work/out-after" -type f | wc -l) files"
else
    echo "$changed"
    echo "$(echo "$changed" | wc -l) of $(find "$work/out-after" -type f | wc -l) files differ"
fi
