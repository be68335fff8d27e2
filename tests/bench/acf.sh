#!/usr/bin/env bash
# tests/bench/acf.sh BIN: acf's speed, printed, never asserted.
#  1. make -j2 acf for every book from clean (the .dat files made first and
#     timed apart), in a scratch tree whose data/ links to the books;
#  2. one book (the largest) with acf against wc-count on the same book;
#  3. for contrast, the naive O(N*T) loop of the lesson, in C, on that book.
# Books: $WC_BOOKS, else ../shared/books beside the tree, else ./data.
set -eu -o pipefail

bin=$(cd "${1:?usage: acf.sh BIN}" && pwd -P)
root=$(cd "$(dirname "$0")/../.." && pwd -P)
books=${WC_BOOKS:-$root/../shared/books}
[ -d "$books" ] || books=$PWD/data
shopt -s nullglob
txts=("$books"/*.txt)
shopt -u nullglob
if [ ${#txts[@]} -eq 0 ]; then
	echo "bench-acf: no books in $books: skipped"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-acf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/data"
ln -s "${txts[@]}" "$tmp/data/"
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

# median_ms R CMD...: the median wall time of R runs of CMD, in ms.
median_ms() {
	local r=$1 i t0 t1
	shift
	for ((i = 0; i < r; i++)); do
		t0=$(now)
		"$@" > /dev/null
		t1=$(now)
		echo $((t1 - t0))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] / 1000 }'
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
ms=$(median_ms 5 acf_clean)
printf '  %-52s %8s ms (median of 5; %d of %d books)\n' \
    "rm -rf results; make -j2 acf" "$ms" "$made" "${#names[@]}"

# The largest book.
big=$(ls -S "${txts[@]}" | head -n 1)
b=${big##*/}
b=${b%.txt}
dat=$tmp/processed_data/$b.dat
a=$(median_ms 21 "$bin/acf" "$big" "$dat")
w=$(median_ms 21 "$bin/wc-count" "$big")
echo "  one book, $b ($(wc -c < "$big") bytes), median of 21:"
printf '    %-50s %8s ms\n' "acf $b.txt $b.dat" "$a" "wc-count $b.txt" "$w"
awk -v a="$a" -v w="$w" 'BEGIN { printf "    acf / wc-count = %.2f (goal: at most 2)\n", a / w }'

# The naive loop, for contrast: the same numbers, O(N * T) per word.
if command -v "${CC:-cc}" > /dev/null && [ -f "$bin/obj/libwc.a" ]; then
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
	nv=$(median_ms 3 "$tmp/naive" "$big" "$dat")
	printf '    %-50s %8s ms (%s)\n' "naive O(N*T) loop in C, -O2" "$nv" "$same"
	awk -v a="$a" -v n="$nv" 'BEGIN { printf "    naive / acf = %.0f\n", n / a }'
fi
