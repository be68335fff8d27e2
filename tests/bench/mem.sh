#!/usr/bin/env bash
# tests/bench/mem.sh BINDIR: every tool's peak memory (max RSS, GNU time)
# on the corpus once and repeated ten times (32 MB and 320 MB of text; the
# books' tables once and ten times).  A tool that streams should need the
# same memory for both; one that holds its vocabulary, about the same (the
# vocabulary does not grow).  One run, printed, never asserted.
#
# The corpus: the books of lib.sh (data/*.txt.gz first; BENCH_QUICK=1:
# 4 of them).  The big inputs are built in a temporary directory and
# removed.
#
# A new tool is a new row: a name and a command, in which {TEXT} is the
# corpus as one text file, {DAT} the books' tables as one .dat, {DATS} the
# tables as one operand each.
ROWS=(
	'wc-count      wc-count {TEXT}'
	'wc-count-gz   wc-count {TEXT}.gz'
	'wc-count-M    wc-count -M {DATS}'
	'zipf          zipf -f 10 {DATS}'
	'csvify        csvify - < {DAT}'
)
set -eu -o pipefail
bin=$(cd "${1:?usage: mem.sh BINDIR}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench-mem: needs GNU time (Debian: apt-get install time)"; exit 0; }
BENCH_NAME=bench-mem
. "$root/tests/bench/lib.sh"
bench_books "$root"
[ "${BENCH_QUICK:-}" != 1 ] || BOOKS_SRC=("${BOOKS_SRC[@]:0:4}")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-mem.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bench_plain "$tmp/books"
books=("${BOOKS[@]}")
# x1: the corpus once; x10: ten times over
mkdir -p "$tmp/x1/dat" "$tmp/x10/dat"
cat "${books[@]}" > "$tmp/x1/all.txt"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$tmp/x1/all.txt"; done > "$tmp/x10/all.txt"
for b in "${books[@]}"; do
	n=$(basename "$b" .txt)
	"$bin/wc-count" -o "$tmp/x1/dat/$n.dat" "$b"
	for i in 1 2 3 4 5 6 7 8 9 10; do ln -s "$tmp/x1/dat/$n.dat" "$tmp/x10/dat/$n-$i.dat"; done
done
cat "$tmp"/x1/dat/*.dat > "$tmp/x1/all.dat"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$tmp/x1/all.dat"; done > "$tmp/x10/all.dat"
for x in x1 x10; do gzip -1 < "$tmp/$x/all.txt" > "$tmp/$x/all.txt.gz"; done

mb() { echo $(( $(stat -L -c %s "$1") / 1000000 )); }
echo "bench-mem: peak memory (max RSS) on the corpus once and ten times"
echo "  corpus: ${#books[@]} books, $(mb "$tmp/x1/all.txt") MB of text, x10 $(mb "$tmp/x10/all.txt") MB;" \
	"tables $(mb "$tmp/x1/all.dat") MB, x10 $(mb "$tmp/x10/all.dat") MB"
printf '  %-12s %10s %10s %7s %8s\n' tool 'x1 KiB' 'x10 KiB' x10/x1 'x10 s'
for r in "${ROWS[@]}"; do
	read -r name cmd <<< "$r"
	for x in x1 x10; do
		c=${cmd//'{TEXT}'/$tmp/$x/all.txt}
		c=${c//'{DAT}'/$tmp/$x/all.dat}
		c=${c//'{DATS}'/$tmp/$x/dat/*.dat}
		PATH=$bin:$PATH $TIME -f '%M %e' -o "$tmp/rss" bash -c "exec $c" > /dev/null
		read -r rss[${x#x}] secs < <(tail -1 "$tmp/rss")
		cmds+=("$c")
	done
	printf '  %-12s %10d %10d %7.2f %8.2f\n' "$name" "${rss[1]}" "${rss[10]}" \
		"$(awk "BEGIN { print ${rss[10]} / ${rss[1]} }")" "$secs"
	bench_row "$name, the corpus x10, peak memory" "${rss[10]}" "the corpus once" "${rss[1]}" KiB
done
echo "  commands (x10 shown; x1 the same on the x1 files; \$T = the temporary directory):"
for ((i = 1; i < ${#cmds[@]}; i += 2)); do
	c=${cmds[i]//$tmp/\$T}
	echo "    ${c//\$T\/x10\/dat\/*.dat/\$T/x10/dat/*.dat ($((10 * ${#books[@]})) files)}"
done
