#!/usr/bin/env bash
# csvio.sh TOP BIN: the lesson's threading exercise, the Unix way.  Every
# book's table to CSV (csvify), timed four ways: a serial loop of one
# process per table (the baseline), one csvify for all tables, make -jN
# csv, fanout -jN csvify; on the tables as they are, then with each line
# written CSVIO_REPEAT times (the lesson's "write each line 100 times",
# over the first CSVIO_LINES lines of each table, so that the run stays a
# few hundred MB), to show when parallel I/O pays.  Medians of 3 runs;
# printed, never asserted.  Knobs: CSVIO_J (default: the CPUs),
# CSVIO_REPEAT=100, CSVIO_LINES=2000; BENCH_QUICK=1: 12 books, 1 run.
# The books: see lib.sh; their tables are counted first, untimed.
set -eu -o pipefail
top=$(cd "${1:?usage: csvio.sh TOP BIN}" && pwd)
bin=$(cd "${2:?usage: csvio.sh TOP BIN}" && pwd)
BENCH_NAME=bench-csvio
. "$top/tests/bench/lib.sh"
j=${CSVIO_J:-$(getconf _NPROCESSORS_ONLN)}
repeat=${CSVIO_REPEAT:-100}
lines=${CSVIO_LINES:-$(runs 2000 500)}
for k in "$j" "$repeat" "$lines"; do
	[[ $k =~ ^[1-9][0-9]*$ ]] || {
		echo "csvio: CSVIO_J, CSVIO_REPEAT and CSVIO_LINES take positive whole numbers, not '$k'" >&2
		exit 2
	}
done
r=$(runs 3 1)
bench_books "$top"
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-csvio.XXXXXX")
trap 'rm -rf "$w"' EXIT
unset MAKEFLAGS MFLAGS MAKELEVEL

# two scratch trees, x1 and xR: data/ (the books, for make's graph) and
# processed_data/*.dat newer than them, so that make csv only converts
for v in x1 "x$repeat"; do
	mkdir -p "$w/$v/data" "$w/$v/processed_data"
	for f in "${BOOKS_SRC[@]}"; do
		b=${f##*/}
		b=${b%.gz}
		ln -s "$(realpath -- "$f")" "$w/$v/data/$b"
	done
done
sleep 1	# the tables must be newer than the books, at make's resolution
for f in "${BOOKS_SRC[@]}"; do
	b=${f##*/}
	b=${b%.gz}
	b=${b%.txt}
	"$bin/wc-count" -o "$w/x1/processed_data/$b.dat" "$f"
	awk -v r="$repeat" -v n="$lines" 'NR > n { exit } { for (i = 0; i < r; i++) print }' \
	    "$w/x1/processed_data/$b.dat" > "$w/x$repeat/processed_data/$b.dat"
done

mbytes() { cat "$1"/processed_data/*.dat | wc -c | awk '{ printf "%.0f", $1 / 1e6 }'; }
# ms CMD...: median wall time of CMD in ms, the CSVs removed before each run
ms() {
	local i s
	for ((i = 0; i < r; i++)); do
		rm -f processed_data/*.csv
		s=$(now_us)
		"$@" > /dev/null
		echo $((($(now_us) - s) / 1000))
	done | median
}
serial() { local f; for f in processed_data/*.dat; do "$bin/csvify" "$f"; done; }
one() { "$bin/csvify" processed_data/*.dat; }
mk() { make -s -f "$top/Makefile" B="$bin" -j"$j" csv; }
fan() { "$bin/fanout" -j"$j" "$bin/csvify" ::: processed_data/*.dat; }

n=${#BOOKS_SRC[@]}
echo "bench-csvio: $n tables to CSV, $j jobs, median of $r (times in ms)"
printf '  %-44s %8s %8s %8s %8s\n' tables "serial" "one proc" "make -j$j" "fanout"
for v in x1 "x$repeat"; do
	cd "$w/$v"
	make -s -f "$top/Makefile" B="$bin" -j"$j" csv > /dev/null	# the book list, the cache
	s=$(ms serial) o=$(ms one) m=$(ms mk) f=$(ms fan)
	[ "$(ls processed_data/*.csv | wc -l)" -eq "$n" ] || {
		echo "csvio: $v: fanout made $(ls processed_data/*.csv | wc -l) CSVs of $n" >&2
		exit 1
	}
	if [ "$v" = x1 ]; then
		what="as they are, $(mbytes .) MB"
	else
		what="first $lines lines x $repeat each, $(mbytes .) MB"
	fi
	printf '  %-44s %8d %8d %8d %8d\n' "$what" "$s" "$o" "$m" "$f"
	awk -v s="$s" -v o="$o" -v m="$m" -v f="$f" -v n="$n" 'BEGIN {
		printf "  %-44s %8s %8.2f %8.2f %8.2f   (%.1f ms a table serially)\n",
		    "  time against the serial loop", "", o / s, m / s, f / s, s / n }'
	bench_row "$v tables to CSV, make -j$j csv" "$m" "a serial loop of csvify" "$s" > /dev/null
	bench_row "$v tables to CSV, fanout -j$j csvify" "$f" "a serial loop of csvify" "$s" > /dev/null
	bench_row "$v tables to CSV, one csvify for all" "$o" "a serial loop of csvify" "$s" > /dev/null
done
