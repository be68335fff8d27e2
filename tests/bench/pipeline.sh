#!/usr/bin/env bash
# pipeline.sh TOP BIN BOOKS_DIR: the pipeline from clean on every book, as a
# user runs it: make -j2 of the counts and the Zipf table, then with charts.
# Prints wall times (median of 5) and the lesson's figures beside them.
set -eu -o pipefail
top=$(cd "$1" && pwd) bin=$(cd "$2" && pwd) books=$3
[ -d "$books" ] || { echo "bench-pipeline: no books at $books (set BOOKS_DIR)"; exit 0; }
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
mkdir "$w/data"
cp "$books"/*.txt "$w/data/"
n=$(ls "$w/data" | wc -l)
mb=$(cat "$w/data"/*.txt | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
cd "$w"
mk() { env -u MAKEFLAGS -u MAKELEVEL make -s -f "$top/Makefile" B="$bin" "$@"; }
mk -j2 results >/dev/null	# warm the page cache and the book list
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
run() {
	for i in 1 2 3 4 5; do
		rm -rf processed_data/*.dat results
		s=$(date +%s%N)
		mk -j2 "$@" >/dev/null
		e=$(date +%s%N)
		echo $(((e - s) / 1000000))
	done | median
}
counts=$(run $(printf 'processed_data/%s.dat ' $(ls data | sed 's/\.txt$//')) results/results.csv)
all=$(run results)
echo "pipeline: $n books, $mb MB, make -j2 from clean (median of 5):"
printf '  counts + Zipf table      %6d ms   (lesson: wordcount.py ~5.5 s serial)\n' "$counts"
printf '  results, with %s charts  %6d ms   (lesson: + ~40 s of plotcount.py)\n' "$n" "$all"
