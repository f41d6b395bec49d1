#!/usr/bin/env bash
# trustbook against the tools users would pick instead (Typst, WeasyPrint, optionally Chromium),
# on the same machine in the same run: N per-team reports as PDF + HTML, Simplified Chinese.
#
#   bench/peers.sh [COPIES] [BASELINE ...]
#
# COPIES (default 2) repeats the sample organisation's 14 teams, so N = 14 x COPIES reports.
# Baselines default to `typst-py-split weasyprint` (the fastest peer and the usual HTML-to-PDF
# route); add `chromium` for the browser route (about 1.3 s per report). The peers render
# ../shared/bench-baselines' report from its JSON; trustbook builds its own team report from
# the survey (a longer report: charts, plan, conversation guide) plus, on every build, the
# handbook site, the handbook book and the organisation summary. So besides the whole build per
# report, the table gives trustbook's marginal cost per report: (build of N teams - build of 14
# teams) / (N - 14), which leaves out the per-build handbook work.
#
# Every figure is measured in this run; ratios are against trustbook's marginal ms per report.
# Writes nothing under ../shared: the baselines are copied to a temporary folder first.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-2}
shift || true
BASELINES=("$@")
[ ${#BASELINES[@]} -gt 0 ] || BASELINES=(typst-py-split weasyprint)
REPS=${REPS:-3}
PEERS=../shared/bench-baselines

bash scripts/setup.sh
if ! python3 -c 'import jinja2, weasyprint, typst' 2>/dev/null; then
    python3 -m pip install -q -r "$PEERS/requirements.txt"
fi
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet --example generate_sample
cargo build --release --quiet

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r "$PEERS" "$WORK/peers"
rm -rf "$WORK/peers/results"

# Two projects: the sample (14 teams) and COPIES times the sample.
make_project() { # dir copies
    mkdir -p "$1"
    cp -r content themes trustbook.yaml "$1/"
    ./target/release/examples/generate_sample "$1/content/survey" "$2" >/dev/null
}
make_project "$WORK/one" 1
make_project "$WORK/many" "$COPIES"
N=$((14 * COPIES))

# Median wall seconds, CPU seconds and peak RSS (KiB) of REPS clean builds.
time_build() { # project
    local walls=() cpus=() rss=0
    for _ in $(seq "$REPS"); do
        rm -rf "$1/output"
        /usr/bin/time -v -o "$WORK/time.txt" ./target/release/trustbook build --quiet --lang zh \
            --format html,pdf --root "$1" >/dev/null
        walls+=("$(python3 - "$WORK/time.txt" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
h, m, s = ([0] + re.search(r"Elapsed \(wall clock\) time.*: (\S+)", t).group(1).split(":"))[-3:]
cpu = sum(float(re.search(rf"{k} time \(seconds\): (\S+)", t).group(1)) for k in ("User", "System"))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
print(f"{int(h) * 3600 + int(m) * 60 + float(s)} {cpu} {rss}")
EOF
)")
    done
    printf '%s\n' "${walls[@]}" | python3 -c '
import statistics, sys
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
print(statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows), int(max(r[2] for r in rows)))'
}
read -r ONE_WALL _ _ <<<"$(time_build "$WORK/one")"
read -r MANY_WALL MANY_CPU MANY_RSS <<<"$(time_build "$WORK/many")"
PDF_BYTES=$(find "$WORK/many/output/results/zh/teams" -name '*.pdf' -printf '%s\n' | awk '{s += $1} END {print s}')
HTML_BYTES=$(find "$WORK/many/output/results/zh/teams" -name 'index.html' -printf '%s\n' | awk '{s += $1} END {print s}')

(cd "$WORK/peers" && REPS=$REPS BENCH_OUT="$WORK/out" python3 bench.py "$N" "${BASELINES[@]}" >"$WORK/peers.log")

python3 - "$WORK/peers/results" "$N" "$ONE_WALL" "$MANY_WALL" "$MANY_CPU" "$MANY_RSS" "$PDF_BYTES" "$HTML_BYTES" <<'EOF'
import json, pathlib, sys
results, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
one_wall, many_wall, many_cpu = map(float, sys.argv[3:6])
rss_kib, pdf_bytes, html_bytes = map(int, sys.argv[6:9])
marginal = (many_wall - one_wall) * 1000 / (n - 14)
whole = many_wall * 1000 / n
print(f"N = {n} team reports (PDF + HTML), Simplified Chinese, {pathlib.Path('/proc/cpuinfo').read_text().count('processor')} cores\n")
print("| tool | wall (median) | ms/report | x trustbook marginal | CPU ms/report | peak RSS | PDF KiB/report | HTML KiB/report |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
print(f"| trustbook, marginal per report | | {marginal:.1f} | 1.0 | | | | |")
print(f"| trustbook, whole build (+ handbook site, book, summary) | {many_wall:.2f} s | {whole:.1f} | {whole / marginal:.1f} | "
      f"{many_cpu * 1000 / n:.1f} | {rss_kib / 1024:.0f} MiB | {pdf_bytes / n / 1024:.0f} | {html_bytes / n / 1024:.0f} |")
for file in sorted(results.glob("*.json")):
    r = json.loads(file.read_text())
    print(f"| {r['baseline']} | {r['median_wall_s']:.2f} s | {r['ms_per_report']:.1f} | {r['ms_per_report'] / marginal:.1f} | "
          f"{r['cpu_ms_per_report']:.1f} | {r['peak_rss_mib']:.0f} MiB | {r['pdf_bytes_per_report'] / 1024:.0f} | "
          f"{r['html_bytes_per_report'] / 1024:.0f} |")
EOF
