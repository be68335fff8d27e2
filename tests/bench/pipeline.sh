#!/usr/bin/env bash
# pipeline.sh TOP BIN [BOOKS_DIR]: the pipeline from clean, as a user runs
# it, in a scratch tree (books: see lib.sh; BOOKS_DIR only when neither
# ./data nor TOP/data has any).  Each figure against a baseline measured
# here: the counts and Zipf table by make -j2 against the same commands run
# one after the other by a shell loop (make's overhead and its parallelism),
# and `make -j2 results` (with the charts) against `make -j1 results`.
# Medians of 5 (BENCH_QUICK=1: 3); printed, never asserted.
set -eu -o pipefail
top=$(cd "$1" && pwd) bin=$(cd "$2" && pwd)
[ -z "${3:-}" ] || export WC_BOOKS=${WC_BOOKS:-$3}
BENCH_NAME=bench-pipeline
. "$top/tests/bench/lib.sh"
bench_books "$top"
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-pipeline.XXXXXX")
trap 'rm -rf "$w"' EXIT
bench_plain "$w/data"
n=${#BOOKS[@]}
mb=$(cat "${BOOKS[@]}" | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
runs=5
[ "${BENCH_QUICK:-}" != 1 ] || runs=3
cd "$w"
mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -f "$top/Makefile" B="$bin" "$@"; }
mk -j2 results >/dev/null	# warm the page cache and the book list
names=()
for f in "${BOOKS[@]}"; do
	b=${f##*/}
	names+=("${b%.txt}")
done
dats=("${names[@]/#/processed_data/}")
dats=("${dats[@]/%/.dat}")
serial() {
	local b
	for b in "${names[@]}"; do
		"$bin/wc-count" -o "processed_data/$b.dat" "data/$b.txt"
	done
	"$bin/zipf" -o results/results.csv 10 "${dats[@]}"
}
# ms CMD...: the median wall time of CMD from clean, in ms.
ms() {
	local i s
	for ((i = 0; i < runs; i++)); do
		rm -rf processed_data/*.dat results
		mkdir -p results
		s=$(now_us)
		"$@" >/dev/null
		echo $((($(now_us) - s) / 1000))
	done | median
}
counts=$(ms mk -j2 "${dats[@]}" results/results.csv)
loop=$(ms serial)
all2=$(ms mk -j2 results)
all1=$(ms mk -j1 results)
echo "bench-pipeline: $n books, $mb MB, from clean (median of $runs):"
printf '  counts + Zipf table, make -j2      %6d ms   (lesson: wordcount.py ~5.5 s serial)\n' "$counts"
printf '  the same commands, a shell loop   %6d ms\n' "$loop"
printf '  results with %3d charts, make -j2 %6d ms   (lesson: + ~40 s of plotcount.py)\n' "$n" "$all2"
printf '  results with %3d charts, make -j1 %6d ms\n' "$n" "$all1"
bench_row "counts + Zipf table, $n books, make -j2" "$counts" "the same commands in a serial shell loop" "$loop"
bench_row "results (counts, Zipf, $n charts), make -j2" "$all2" "make -j1 results" "$all1"
