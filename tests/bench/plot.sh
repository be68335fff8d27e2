#!/usr/bin/env bash
# bench-plot: draw one chart per book, one process per chart as make runs
# them, serially and two at a time, as PNG and SVG.  Baselines measured
# here: the same number of processes that do nothing (the spawn floor, so
# the ratio is the cost of drawing), and one job against two.  For the
# record, the lesson's plotcount.py (matplotlib) takes about 0.7 s a chart.
# The books: see lib.sh; their tables are counted first, untimed.
# Printed, never asserted.
set -eu -o pipefail

plot=$(cd "$(dirname "${1:-bin/wc-plotdata}")" && pwd)/wc-plotdata
root=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_NAME=bench-plot
. "$root/tests/bench/lib.sh"
bench_books "$root"
lesson=0.7	# seconds per chart, the lesson's figure

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-plot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "${BOOKS_SRC[@]}"; do
	"${plot%/*}/wc-count" -o "$tmp/c$n.dat" "$f"
	printf '%s\n%s\n' "$tmp/c$n.dat" "$tmp/c$n"
	n=$((n + 1))
done > "$tmp/list"

# run FMT JOBS [PROG]: "wall cpu" seconds for all n charts (cpu: user +
# system of every process, steadier than wall time on a shared machine)
run() {
	local s
	sed "n; s/\$/.$1/" "$tmp/list" > "$tmp/list.$1"
	s=$(now_us)
	command time -f '%e %U %S' -o "$tmp/time" \
	    xargs -d '\n' -n 2 -P "$2" "${3:-$plot}" < "$tmp/list.$1"
	awk -v w=$(($(now_us) - s)) '{ print w / 1e6, $2 + $3 }' "$tmp/time"
}

echo "bench-plot: $n charts from the books of $BOOKS_FROM"
echo "  measured: xargs -d '\\n' -n 2 -P JOBS $plot BOOK.dat OUT.FMT"
read -r fwall fcpu < <(run png 1 true)
printf '  floor, %d runs of true: %5.2f s wall\n' "$n" "$fwall"
declare -A wall
for fmt in png svg; do
	for jobs in 1 2; do
		read -r w cpu < <(run "$fmt" "$jobs")
		wall[$fmt$jobs]=$w
		printf '  %s, %d job(s): %5.2f s wall, %5.2f s cpu, %4.1f ms cpu per chart; ' \
		    "$fmt" "$jobs" "$w" "$cpu" "$(echo "$cpu * 1000 / $n" | bc -l)"
		printf 'lesson %.1f s: %.0fx faster\n' \
		    "$(echo "$lesson * $n" | bc -l)" \
		    "$(echo "$lesson * $n / $w" | bc -l)"
	done
done
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }
bench_row "$n PNG charts, 1 job" "$(ms "${wall[png1]}")" "$n runs of true, 1 job" "$(ms "$fwall")"
bench_row "$n PNG charts, 2 jobs" "$(ms "${wall[png2]}")" "the same, 1 job" "$(ms "${wall[png1]}")"
bench_row "$n SVG charts, 1 job" "$(ms "${wall[svg1]}")" "$n PNG charts, 1 job" "$(ms "${wall[png1]}")"
