#!/usr/bin/env bash
# scaling.sh TOP BIN OUTDIR: the lesson's scaling exercise.  The whole
# pipeline (make results acf) from clean with -j1, -j2, -j4, three times
# each, in a scratch copy of the books (the user's processed_data/ and
# results/ are never touched); then OUTDIR/scaling.csv (jobs, median wall
# time, speedup, efficiency), OUTDIR/exercises/scaling.EXT (time against
# jobs) and OUTDIR/exercises/speedup.EXT (speedup, the ideal, Amdahl's law
# fitted), drawn by
# wc-plotdata.  Knobs (environment): SCALING_J="1 2 4", SCALING_RUNS=3,
# COPIES=1 (the corpus taken COPIES times, pg13, pg13_c2, ...),
# PLOT_FORMAT=png.  The books: see lib.sh.
set -eu -o pipefail
top=$(cd "${1:?usage: scaling.sh TOP BIN OUTDIR}" && pwd)
bin=$(cd "${2:?}" && pwd)
out=${3:?}
jobs=${SCALING_J:-1 2 4}
runs=${SCALING_RUNS:-3}
copies=${COPIES:-1}
fmt=${PLOT_FORMAT:-png}
BENCH_NAME=scaling
. "$top/tests/bench/lib.sh"
for k in $jobs $runs $copies; do
	[[ $k =~ ^[1-9][0-9]*$ ]] || {
		echo "scaling: SCALING_J, SCALING_RUNS and COPIES take positive whole numbers, not '$k'" >&2
		exit 2
	}
done
unset BENCH_QUICK	# the user's books, all of them
bench_books "$top"
cpus=$(getconf _NPROCESSORS_ONLN)

w=$(mktemp -d "${TMPDIR:-/tmp}/scaling.XXXXXX")
trap 'rm -rf "$w"' EXIT
bench_plain "$w/data"
for f in "${BOOKS[@]}"; do
	for ((c = 2; c <= copies; c++)); do
		ln -s "$(realpath -- "$f")" "${f%.txt}_c$c.txt"
	done
done
n=$(find "$w/data" -name '*.txt' | wc -l)
mb=$(cat "$w/data"/*.txt | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')

cd "$w"
mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -f "$top/Makefile" B="$bin" "$@"; }
load0=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
echo "scaling: make -jN results acf from clean, $n books ($mb MB)," \
    "$runs run(s) for each N in: $jobs"
mk -j2 results acf > /dev/null	# warm the page cache
: > "$w/times"
for j in $jobs; do
	for ((r = 1; r <= runs; r++)); do
		rm -rf processed_data results
		s=$(now_us)
		mk -j"$j" results acf > /dev/null
		e=$(now_us)
		echo "$j $(((e - s) / 1000))" >> "$w/times"
		printf '  -j%-3s run %d: %6.2f s\n' "$j" "$r" "$(((e - s) / 1000))e-3"
	done
done
cd - > /dev/null

# Medians, speedup against the fewest jobs, efficiency; Amdahl's law
# T(p) = T1 (f + (1 - f) / p) fitted by least squares on T against 1/p,
# with p = min(jobs, CPUs): jobs beyond the CPUs add no processor.
img=$out/exercises	# charts apart: results/NAME.png is book NAME's chart
mkdir -p "$out" "$img"
for j in $jobs; do
	printf '%s %s\n' "$j" "$(awk -v j="$j" '$1 == j { print $2 / 1000 }' "$w/times" | median)"
done | sort -n -u -k1,1 | awk -v cpus="$cpus" -v csv="$out/scaling.csv" \
    -v sp="$w/speedup.csv" -v fit="$w/fit" '
{ j[NR] = $1; t[NR] = $2; n = NR }
END {
	print "jobs,seconds,speedup,efficiency" > csv
	for (i = 1; i <= n; i++) {
		s = t[1] / t[i]
		printf "%d,%.3f,%.3f,%.3f\n", j[i], t[i], s, s / j[i] * j[1] > csv
		x = 1 / (j[i] < cpus ? j[i] : cpus); sx += x; sy += t[i]; sxx += x * x; sxy += x * t[i]
		if (i == 1 || x != x0) distinct++
		x0 = x
	}
	if (distinct >= 2 && (d = n * sxx - sx * sx) != 0) {
		b = (n * sxy - sx * sy) / d; a = (sy - b * sx) / n
		# more CPUs made it no faster: all of it is serial, as far as
		# these points can tell
		if (b <= 0) { b = 0; a = sy / n }
		if (a < 0) { a = 0; b = sxy / sxx }
		f = (a + b > 0) ? a / (a + b) : 1
		printf "%.4f %.3f %.3f\n", f, a, b > fit
	}
	print "jobs,speedup,ideal on " cpus " CPUs,Amdahl fit" > sp
	for (i = 1; i <= n; i++) {
		p = j[i] < cpus ? j[i] : cpus; p1 = j[1] < cpus ? j[1] : cpus
		am = (distinct >= 2) ? (f + (1 - f) / p1) / (f + (1 - f) / p) : t[1] / t[i]
		printf "%d,%.3f,%.3f,%.3f\n", j[i], t[1] / t[i], p / p1, am > sp
	}
}'

echo
printf '  %5s %9s %8s %11s\n' jobs 'median s' speedup efficiency
tail -n +2 "$out/scaling.csv" | awk -F, '{ printf "  %5d %9.2f %8.2f %10.0f%%\n", $1, $2, $3, 100 * $4 }'
echo "  (speedup and efficiency against -j$(set -- $jobs; echo "$1"); $cpus CPUs here:" \
    "more jobs than CPUs cannot make it faster)"
awk -v a="$load0" -v b="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)" -v c="$cpus" \
    'BEGIN { if (a + 0 > c || b + 0 > c) printf "  load average %s before the runs, %s after:" \
	" other work shares the %d CPUs, and the times with it\n", a, b, c }'
if [ -s "$w/fit" ]; then
	read -r f a b < "$w/fit"
	awk -v f="$f" -v a="$a" -v b="$b" 'BEGIN {
		printf "  Amdahl fit: serial fraction %.2f (%.2f s that no job count shortens," \
		    " %.2f s that divides among the CPUs); at most %.1fx faster on any number of CPUs\n",
		    f, a, b, (f > 0 ? 1 / f : 1 / 0.0001) }'
else
	echo "  Amdahl fit: needs two job counts of at most $cpus (the CPUs here)"
fi
cut -d, -f1,2 "$out/scaling.csv" | "$bin/wc-plotdata" -l -x 'jobs (make -jN)' -y 'seconds' \
    -t "make -jN results acf, $n books: median wall time (s) against jobs" - "$img/scaling.$fmt"
"$bin/wc-plotdata" -l -x 'jobs (make -jN)' -y "speedup over -j$(set -- $jobs; echo "$1")" \
    -t "speedup against jobs ($cpus CPUs)$([ ! -s "$w/fit" ] ||
    awk '{ printf ", Amdahl serial fraction %.2f", $1 }' "$w/fit")" \
    "$w/speedup.csv" "$img/speedup.$fmt"
echo "scaling: $out/scaling.csv, $img/scaling.$fmt, $img/speedup.$fmt"
