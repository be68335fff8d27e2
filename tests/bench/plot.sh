#!/usr/bin/env bash
# bench-plot: draw one chart per book, one process per chart as make runs
# them, serially and two at a time, as PNG and SVG.  Baselines measured
# here: the same number of processes that do nothing (the spawn floor, so
# the ratio is the cost of drawing), and one job against two.  For the
# record, the lesson's plotcount.py (matplotlib) takes about 0.7 s a chart.
# The books: see lib.sh; their tables are counted first, untimed.
#
# Then the CPU time of one chart of each kind, drawn from a small
# synthetic book (gen-books.awk, the 70,000-book case), against true:
# perf stat's task-clock, the least of a few means (steady on a busy
# machine), or without perf the user + system time of a loop of runs.
#
#   plot.sh [BIN [OLD]]
#
# With OLD, another build of wc-plotdata (main's, say), the two must draw
# the same PNG bytes: every book's bar, Zipf (-z -n 10) and acf (-A)
# chart, PLOT_SYNTH synthetic books' (default 300) bar and Zipf charts
# (and 20 of their acf charts),
# the corpus acf chart (-A -F), at sizes from the smallest to 10000x2500;
# a difference is an error (exit 1).  OLD is timed as BIN is.
# Printed, never asserted (but for OLD's bytes).
set -eu -o pipefail

plot=$(cd "$(dirname "${1:-bin/wc-plotdata}")" && pwd)/wc-plotdata
old=${2:-}
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

# The synthetic books and their tables, and acf's CSVs of the books.
mkdir "$tmp/syn"
awk -v n="${PLOT_SYNTH:-300}" -v dir="$tmp/syn" -f "$root/tests/bench/gen-books.awk"
for f in "$tmp"/syn/*.txt; do
	"${plot%/*}/wc-count" -o "${f%.txt}.dat" "$f"
done
syns=("$tmp"/syn/*.dat)
syn1=${syns[0]}
"${plot%/*}/acf" -o "$tmp/syn1_acf.csv" "${syn1%.dat}.txt" "$syn1"
if [ -n "$old" ]; then
	n=0
	while read -r dat; do
		"${plot%/*}/acf" -o "$tmp/c${n}_acf.csv" "${BOOKS_SRC[$n]}" "$dat"
		echo "$tmp/c${n}_acf.csv"
		n=$((n + 1))
	done < <(sed -n 'p; n' "$tmp/list") > "$tmp/acf.list"
	for f in "${syns[@]:0:20}"; do	# noise: a zigzag across the plot
		"${plot%/*}/acf" -o "${f%.dat}_acf.csv" "${f%.dat}.txt" "$f"
	done
fi

# charts: one wc-plotdata argument list a line (the output comes last)
charts() {
	local f s
	for f in $(sed -n 'p; n' "$tmp/list") "$tmp"/syn/*.dat; do
		printf '%s\n' "$f" "-z -n 10 $f"
	done
	sed 's/^/-A /' "$tmp/acf.list"
	for f in "$tmp"/syn/*_acf.csv; do echo "-A $f"; done
	echo "-A -F $tmp/acf.list"
	for s in 160x120 640x480 1999x1333 10000x2500; do
		printf -- "-s $s %s\n" "$syn1" "-z $syn1" "-A $tmp/c0_acf.csv"
	done
	echo "-s 4000x3000 -A -F $tmp/acf.list"
}

# same_bytes NEW OLD: every chart by both, compared; exit 1 on a difference
same_bytes() {
	local args k=0 bad=0
	while read -r args; do
		# shellcheck disable=SC2086 # args is a list of words
		"$1" $args "$tmp/new.png"
		# shellcheck disable=SC2086
		"$2" $args "$tmp/old.png"
		cmp -s "$tmp/new.png" "$tmp/old.png" || {
			echo "bench-plot: differs from $2: wc-plotdata $args" >&2
			bad=$((bad + 1))
		}
		k=$((k + 1))
	done < <(charts)
	echo "bench-plot: $k PNG charts, $bad differ from $2's"
	[ "$bad" = 0 ]
}

# cpu_ms CMD...: milliseconds of CPU a run of CMD takes
cpu_ms() {
	local _
	if perf stat -e task-clock true > /dev/null 2>&1; then
		for _ in 1 2 3 4 5; do
			perf stat -x, -o "$tmp/perf" -r 40 -e task-clock "$@"
			awk -F, '/task-clock/ { print $1 }' "$tmp/perf"
		done | sort -g | head -1
		return
	fi
	command time -f '%U %S' -o "$tmp/time" bash -c \
	    'for ((i = 0; i < 200; i++)); do "$@"; done' loop "$@"
	awk '{ printf "%.3f\n", ($1 + $2) * 1000 / 200 }' "$tmp/time"
}

# per_chart BIN...: one chart of each kind, CPU time against true's
per_chart() {
	local t p k in ms
	t=$(cpu_ms true)
	echo "bench-plot: CPU per run, the least of 5 means of 40 runs; true: $t ms"
	for p; do
		for k in "bar:" "zipf:-z -n 10" "acf:-A"; do
			in=$syn1
			[ "${k%%:*}" != acf ] || in=$tmp/syn1_acf.csv
			# shellcheck disable=SC2086 # the options are words
			ms=$(cpu_ms "$p" ${k#*:} "$in" "$tmp/t.png")
			printf '  %-5s %s: %6.3f ms, %.1fx true\n' "${k%%:*}" "$p" "$ms" \
			    "$(echo "$ms / $t" | bc -l)"
			[ "$p" != "$plot" ] || bench_row "one ${k%%:*} chart (PNG), CPU" "$ms" "true" "$t"
		done
	done
}

[ -z "$old" ] || same_bytes "$plot" "$old"
per_chart "$plot" ${old:+"$old"}

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
