#!/usr/bin/env bash
# tests/bench/acf.sh BIN: acf's speed, printed, never asserted.
#  1. make -j2 acf for every book from clean (the .dat files made first and
#     timed apart), in a scratch tree whose data/ links to the books;
#  2. one book (the largest) with acf against wc-count on the same book;
#  3. for contrast, the naive O(N*T) loop of the lesson, in C, on that book.
# Books: see lib.sh (data/*.txt.gz first).  BENCH_QUICK=1: fewer books
# and runs, no naive loop.
set -eu -o pipefail

bin=$(cd "${1:?usage: acf.sh BIN}" && pwd -P)
root=$(cd "$(dirname "$0")/../.." && pwd -P)
BENCH_NAME=bench-acf
. "$root/tests/bench/lib.sh"
bench_books "$root"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-acf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bench_plain "$tmp/data"
txts=("${BOOKS[@]}")
books=$BOOKS_FROM
names=()
for t in "${txts[@]}"; do
	b=${t##*/}
	names+=("${b%.txt}")
done
# -o: the tools are built; from another directory make would rebuild them
# (the flags stamp names the tree's path as make was called there).
mk=(make -s --no-print-directory -C "$tmp" -f "$root/Makefile"
    -o "$root/bin/acf" -o "$root/bin/wc-count")

now() { echo "${EPOCHREALTIME/./}"; }	# microseconds

# median_ms R CMD...: "WALL CPU", the medians over R runs of CMD of its
# wall time and of its CPU time (user + sys, children included), in ms.
median_ms() {
	local r=$1 i TIMEFORMAT='%R %U %S' runs
	shift
	runs=$(for ((i = 0; i < r; i++)); do
		{ time "$@" > /dev/null 2>&1; } 2>&1
	done)
	printf '%s %s' \
	    "$(awk '{ printf "%.2f\n", $1 * 1000 }' <<< "$runs" | sort -n |
		sed -n "$(((r + 1) / 2))p")" \
	    "$(awk '{ printf "%.0f\n", ($2 + $3) * 1000 }' <<< "$runs" | sort -n |
		sed -n "$(((r + 1) / 2))p")"
}

echo "bench-acf: ${#names[@]} books from $books"
t0=$(now)
dats=()
for b in "${names[@]}"; do
	dats+=("processed_data/$b.dat")
done
"${mk[@]}" -j2 "${dats[@]}"
t1=$(now)
printf '  %-52s %8.1f ms (not counted below)\n' \
    "make -j2 processed_data/*.dat (wc-count)" "$(( (t1 - t0) / 1000 ))"

acf_clean() { rm -rf "$tmp/results"; "${mk[@]}" -j2 acf; }
acf_clean
made=$(find "$tmp/results" -name '*_acf.csv' | wc -l)
read -r ms cpu <<< "$(median_ms "$(runs 5 3)" acf_clean)"
printf '  %-52s %8s ms, CPU %s ms (median of %d; %d of %d books)\n' \
    "rm -rf results; make -j2 acf" "$ms" "$cpu" "$(runs 5 3)" "$made" "${#names[@]}"
dats_clean() { rm -rf "$tmp/processed_data"; "${mk[@]}" -j2 "${dats[@]}"; }
read -r cms ccpu <<< "$(median_ms "$(runs 5 3)" dats_clean)"
bench_row "make -j2 acf, ${#names[@]} books" "$ms" "make -j2 of their .dat files (wc-count)" "$cms"

# The largest book.
big=$(ls -SL "${txts[@]}" | head -n 1)
b=${big##*/}
b=${b%.txt}
dat=$tmp/processed_data/$b.dat
r=$(runs 21 5)
read -r a acpu <<< "$(median_ms "$r" "$bin/acf" "$big" "$dat")"
read -r w wcpu <<< "$(median_ms "$r" "$bin/wc-count" "$big")"
echo "  one book, $b ($(wc -c < "$big") bytes), median of $r:"
printf '    %-50s %8s ms, CPU %s ms\n' "acf $b.txt $b.dat" "$a" "$acpu" \
    "wc-count $b.txt" "$w" "$wcpu"
awk -v a="$a" -v w="$w" -v ac="$acpu" -v wc="$wcpu" 'BEGIN {
	printf "    acf / wc-count = %.2f wall, %.2f CPU (goal: at most 2)\n",
	    a / w, ac / (wc > 0 ? wc : 1) }'
bench_row "acf on $b, CPU" "$acpu" "wc-count on $b" "$wcpu"

# The naive loop, for contrast: the same numbers, O(N * T) per word.
if [ "${BENCH_QUICK:-}" != 1 ] && command -v "${CC:-cc}" > /dev/null &&
    [ -f "$bin/obj/libwc.a" ]; then
	cat > "$tmp/naive.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dat.h"
#include "rd.h"
#include "tok.h"

int
main(int argc, char **argv)
{
	enum { K = 10, T = 100 };
	char *top[K];
	size_t tlen[K], k = 0, n, N = 0, cap = 1 << 16, i, t, j;
	unsigned char **mask = calloc(K, sizeof *mask);
	const unsigned char *w;
	double acf[K][T] = { { 0 } }, avg;
	struct dat_row row;
	struct rd r;
	struct tok tk;

	if (argc != 3 || dat_open(&r, argv[2]) < 0)
		return 1;
	while (k < K && dat_next(&r, &row) > 0) {
		top[k] = malloc(row.wlen);
		memcpy(top[k], row.word, tlen[k] = row.wlen);
		mask[k++] = malloc(cap);
	}
	rd_close(&r);
	if (rd_open(&r, argv[1]) < 0)
		return 1;
	tok_init(&tk, &r);
	while (tok_next(&tk, &w, &n) > 0) {
		if (N == cap) {
			cap *= 2;
			for (j = 0; j < k; j++)
				mask[j] = realloc(mask[j], cap);
		}
		for (j = 0; j < k; j++)
			mask[j][N] = n == tlen[j] && !memcmp(w, top[j], n);
		N++;
	}
	for (j = 0; j < k; j++) {
		size_t nw = 0;

		for (i = 0; i < N; i++)
			nw += mask[j][i];
		for (t = 0; t < T; t++) {
			size_t c = 0;

			for (i = 1; i < N - t; i++)
				c += mask[j][i] & mask[j][i + t];
			acf[j][t] = (double)c / (double)nw;
		}
	}
	for (t = 0; t < T; t++) {
		for (avg = 0, j = 0; j < k; j++)
			avg += acf[j][t];
		printf("%.18e,%.18e\n", (double)(t + 1), avg / (double)k);
	}
	return 0;
}
EOF
	"${CC:-cc}" -O2 -I"$root/tools/lib" -o "$tmp/naive" "$tmp/naive.c" \
	    "$bin/obj/libwc.a" -lz -lm
	if "$tmp/naive" "$big" "$dat" | cmp -s - <("$bin/acf" "$big" "$dat"); then
		same="same bytes as acf"
	else
		same="DIFFERS from acf"
	fi
	read -r nv ncpu <<< "$(median_ms 3 "$tmp/naive" "$big" "$dat")"
	printf '    %-50s %8s ms, CPU %s ms (%s)\n' \
	    "naive O(N*T) loop in C, -O2, 10 words" "$nv" "$ncpu" "$same"
	awk -v a="$a" -v n="$nv" -v ac="$acpu" -v nc="$ncpu" 'BEGIN {
		printf "    naive / acf = %.0f wall, %.0f CPU\n", n / a,
		    nc / (ac > 0 ? ac : 1) }'
	bench_row "acf on $b, CPU" "$acpu" "the naive O(N*T) loop in C" "$ncpu"
fi
