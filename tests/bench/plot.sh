#!/usr/bin/env bash
# bench-plot: draw the corpus's 61 charts, one process per chart as make
# runs them, serially and two at a time, as PNG and SVG; compared with the
# lesson's plotcount.py (matplotlib: 0.7 s per chart, about 40 s for the
# corpus).  The books' .dat files are taken from processed_data/ when the
# pipeline has made them, else the reference .dat files are used in turn.
# One run, printed, never asserted.
set -eu -o pipefail

plot=${1:-bin/wc-plotdata}
ref=${WC_REF:-$(dirname "$0")/../../../shared/reference}
lesson=0.7	# seconds per chart, the lesson's figure
n=61

dats=(processed_data/*.dat)
[ -e "${dats[0]}" ] || dats=("$ref"/dat/*.dat)
[ -e "${dats[0]}" ] || { echo "bench-plot: no .dat files" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((i = 0; i < n; i++)); do
	printf '%s\n%s\n' "${dats[i % ${#dats[@]}]}" "$tmp/c$i"
done > "$tmp/list"

# run FMT JOBS: "wall cpu" seconds for all n charts (cpu: user + system of
# every process, steadier than wall time on a shared machine)
run() {
	sed "n; s/\$/.$1/" "$tmp/list" > "$tmp/list.$1"
	command time -f '%e %U %S' -o "$tmp/time" \
	    xargs -d '\n' -n 2 -P "$2" "$plot" < "$tmp/list.$1"
	awk '{ print $1, $2 + $3 }' "$tmp/time"
}

echo "bench-plot: $n charts from ${#dats[@]} .dat files (${dats[0]%/*}/)"
echo "  measured: xargs -d '\\n' -n 2 -P JOBS $plot BOOK.dat OUT.FMT"
for fmt in png svg; do
	for jobs in 1 2; do
		read -r wall cpu < <(run "$fmt" "$jobs")
		printf '  %s, %d job(s): %5.2f s wall, %5.2f s cpu, %4.1f ms cpu per chart; ' \
		    "$fmt" "$jobs" "$wall" "$cpu" "$(echo "$cpu * 1000 / $n" | bc -l)"
		printf 'lesson %.1f s: %.0fx faster\n' \
		    "$(echo "$lesson * $n" | bc -l)" \
		    "$(echo "$lesson * $n / $wall" | bc -l)"
	done
done
