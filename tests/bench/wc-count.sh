#!/usr/bin/env bash
# usage: wc-count.sh bindir [book.txt ...]
#
# wc-count against `wc -w` and the classic tr|sort|uniq pipeline on the same
# books, one process per book as make runs it: total MB/s over the books and
# the ratios, from one run.  Printed, never asserted.  Uses hyperfine when
# it is there (median of its runs), else the best of a few timed loops.
# Without books, the books of lib.sh (data/*.txt.gz first); gzip books are
# measured decompressed, so that wc -w reads the same text.
set -eu -o pipefail

[ $# -ge 1 ] || { echo "usage: wc-count.sh bindir [book.txt ...]" >&2; exit 2; }
bin=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_NAME=bench-wc
. "$root/tests/bench/lib.sh"
for f in "$@"; do
	[ -r "$f" ] || { echo "wc-count.sh: $f: not readable" >&2; exit 1; }
done
if [ $# -eq 0 ]; then
	bench_books "$root"
else
	BOOKS_SRC=("$@")
	[ "${BENCH_QUICK:-}" != 1 ] || BOOKS_SRC=("${BOOKS_SRC[@]:0:12}")
fi
plain=$(mktemp -d "${TMPDIR:-/tmp}/bench-wc.XXXXXX")
trap 'rm -rf "$plain"' EXIT
bench_plain "$plain/books"
set -- "${BOOKS[@]}"
export LC_ALL=C
books=$(printf '%q ' "$@")
bytes=$(cat -- "$@" | wc -c)
utf8=$(locale -a 2>/dev/null | grep -ix -m1 -e c.utf-8 -e c.utf8 || true)

names=(wc-count "wc -w" "wc -w, $utf8" "tr|sort|uniq")
cmds=(
	"for f in $books; do $bin/wc-count \"\$f\" >/dev/null; done"
	"for f in $books; do wc -w \"\$f\" >/dev/null; done"
	"for f in $books; do LC_ALL=$utf8 wc -w \"\$f\" >/dev/null; done"
	"for f in $books; do tr -cs A-Za-z '\\n' <\"\$f\" | tr A-Z a-z | sort | uniq -c | sort -rn >/dev/null; done"
)
runs=(15 15 15 3)
[ "${BENCH_QUICK:-}" != 1 ] || runs=(2 2 2 1)
if [ -z "$utf8" ]; then	# no UTF-8 locale: leave that line out
	names=("${names[0]}" "${names[1]}" "${names[3]}")
	cmds=("${cmds[0]}" "${cmds[1]}" "${cmds[3]}")
	runs=("${runs[0]}" "${runs[1]}" "${runs[3]}")
fi

tmp=$plain

# measure I: seconds (median wall, user+sys) of cmds[I] into $tmp/I
measure() {
	local i=$1 k best cpu t
	if command -v hyperfine >/dev/null; then
		hyperfine -S bash --style none --warmup 1 --runs "${runs[$i]}" \
			--export-csv "$tmp/$i.csv" "${cmds[$i]}" >/dev/null \
			2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
		awk -F, 'NR == 2 { print $4, $5 + $6 }' "$tmp/$i.csv" >"$tmp/$i"
		return
	fi
	best=
	for k in 1 2 3 4 5; do
		t=$( { TIMEFORMAT='%R %U %S'; time bash -c "${cmds[$i]}"; } 2>&1 )
		best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF { print }' |
			sort -n | head -1)
	done
	echo "$best" | awk '{ print $1, $2 + $3 }' >"$tmp/$i"
}

echo "$# books, $bytes bytes, one process per book; the commands:"
for i in "${!cmds[@]}"; do
	printf '  %-14s %s\n' "${names[$i]}" "${cmds[$i]/$books/\$BOOKS}"
	measure "$i"
done
echo "  (BOOKS: $# files from ${BOOKS_FROM:-$(dirname -- "${BOOKS_SRC[0]}")})"
printf '%-14s %10s %8s %13s %8s\n' tool "wall ms" "MB/s" "user+sys ms" "MB/s"
for i in "${!cmds[@]}"; do
	read -r w c <"$tmp/$i"
	awk -v n="${names[$i]}" -v w="$w" -v c="$c" -v b="$bytes" 'BEGIN {
		printf "%-14s %10.1f %8.1f %13.1f %8.1f\n", n, w * 1000,
		    b / w / 1e6, c * 1000, b / c / 1e6 }'
done
read -r w0 c0 <"$tmp/0"
for i in "${!cmds[@]}"; do
	[ "$i" -gt 0 ] || continue
	read -r w c <"$tmp/$i"
	awk -v n="${names[$i]}" -v w0="$w0" -v c0="$c0" -v w="$w" -v c="$c" \
	    'BEGIN { printf "wc-count is %.2fx as fast as %s (%.2fx in CPU time)\n",
	    w / w0, n, c / c0 }'
done
for i in "${!cmds[@]}"; do
	[ "$i" -gt 0 ] || continue
	read -r w c <"$tmp/$i"
	bench_row "count $# books, a process each, wall" \
	    "$(awk -v w="$w0" 'BEGIN { printf "%.1f", w * 1000 }')" "${names[$i]}" \
	    "$(awk -v w="$w" 'BEGIN { printf "%.1f", w * 1000 }')"
done
