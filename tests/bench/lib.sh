# tests/bench/lib.sh: sourced by the benchmarks (bash).
#
# bench_books ROOT: sets BOOKS_SRC to the books to measure, the first of
#   ./data/*.txt.gz, ./data/*.txt, ROOT/data/*.txt.gz, ROOT/data/*.txt,
#   $WC_BOOKS/*.txt (default ROOT/../shared/books) that has any; none is an
#   error (exit 1), so that `make bench` fails instead of measuring nothing.
#   BENCH_QUICK=1 keeps the first 12 books (natural order).
# bench_plain DIR: copies of BOOKS_SRC as plain DIR/NAME.txt (gzip
#   decompressed, plain files linked); sets BOOKS to their paths.
# bench_row MEASURE OURS BASELINE BASE [UNIT]: one row of results/bench.md,
#   appended to $BENCH_ROWS when make bench runs us: OURS and BASE are the
#   same kind of figure (ms, KiB, ...) measured in this run; the table shows
#   OURS / BASE.  Printed too, so that a benchmark run alone shows it.

bench_books() {
	local root=$1 d pat
	local -a found=()
	shopt -s nullglob
	for d in "$PWD/data" "$root/data" "${WC_BOOKS:-$root/../shared/books}"; do
		for pat in '*.txt.gz' '*.txt'; do
			# shellcheck disable=SC2206 # the glob is the point
			found=("$d"/$pat)
			[ ${#found[@]} -eq 0 ] || break 2
		done
	done
	shopt -u nullglob
	if [ ${#found[@]} -eq 0 ]; then
		echo "${BENCH_NAME:-bench}: no books in ./data, $root/data or" \
		    "${WC_BOOKS:-$root/../shared/books} (make data, or set WC_BOOKS)" >&2
		exit 1
	fi
	mapfile -t BOOKS_SRC < <(printf '%s\n' "${found[@]}" | sort -V)
	if [ "${BENCH_QUICK:-}" = 1 ] && [ ${#BOOKS_SRC[@]} -gt 12 ]; then
		BOOKS_SRC=("${BOOKS_SRC[@]:0:12}")
	fi
	BOOKS_FROM=$d
}

bench_plain() {
	local dir=$1 f b
	BOOKS=()
	mkdir -p "$dir"
	for f in "${BOOKS_SRC[@]}"; do
		b=${f##*/}
		b=${b%.gz}
		case $f in
		*.gz) gzip -dc -- "$f" > "$dir/$b" ;;
		*) ln -s -- "$(realpath -- "$f")" "$dir/$b" ;;
		esac
		BOOKS+=("$dir/$b")
	done
}

bench_row() {
	local what=$1 ours=$2 base_name=$3 base=$4 unit=${5:-ms}
	awk -v w="$what" -v o="$ours" -v bn="$base_name" -v b="$base" -v u="$unit" \
	    'BEGIN { printf "  = %s: %s %s against %s %s %s: %.2fx\n", w, o, u,
		bn, b, u, (b > 0 ? o / b : 0) }'
	[ -z "${BENCH_ROWS:-}" ] ||
	    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${BENCH_NAME:-bench}" "$what" \
		"$ours" "$base_name" "$base" "$unit" >> "$BENCH_ROWS"
}

# now_us: wall clock in microseconds.
now_us() { echo "${EPOCHREALTIME/./}"; }

# median: the median of the numbers on stdin, one a line (of an even
# count, the mean of the middle two).
median() {
	sort -g | awk '{ a[NR] = $1 }
	END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# runs FULL QUICK: FULL, or QUICK under BENCH_QUICK=1.
runs() { if [ "${BENCH_QUICK:-}" = 1 ]; then echo "$2"; else echo "$1"; fi; }
