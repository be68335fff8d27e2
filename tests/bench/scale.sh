#!/usr/bin/env bash
# usage: scale.sh TOP BINDIR [books ...]
#
# The whole pipeline at scale: for each size (the arguments, else
# $BENCH_SCALE_SIZES, else 1000 10000 70000 books), that many small
# synthetic books (gen-books.awk: a few KB each, Zipf-distributed words) in
# a scratch directory, then
#   - make -j2 results corpus from clean, with make -f TOP/Makefile as a
#     user with a data/ of their own runs it: wall time per book;
#   - the floor: the bare cost of one process per step, /bin/true run once
#     per step by xargs -P 2, as make -j2 runs them: the pipeline's ratio
#     to it.  The steps are counted from the run's own one-line-per-step
#     output (COUNT, PLOT, ZIPF, MERGE, REPORT ...: today three per book,
#     count, bar chart and Zipf chart, and the reducing steps), so the
#     floor follows what make really runs.  It is timed just before the
#     pipeline and again just after, and the faster of the two is the
#     floor: on a shared machine either can be slowed, and the faster one
#     is the nearer to the bare cost (a higher ratio, not a lower one);
#   - make's own share: the same run in a second tree (the same books,
#     hard-linked) with wc-count and wc-plotdata replaced by stub-tool,
#     which only writes each step's output file (a one-row table, an
#     empty chart): make deciding, spawning and waiting, and one static
#     process start a step, as the real run has them, without the work;
#   - make's own time to decide that nothing is to be done (make results
#     again: median of three), and the same with FRESH=0, which looks at
#     every book's files instead of those changed since the last run;
#   - the peak memory (max RSS, GNU time) of the reducing steps, zipf and
#     wc-count -M over every book's table (through -F lists where the tools
#     have them).
# Goals (issue 11): at 70,000 books at most twice the floor per book, and
# a no-op under a second.  Printed, never asserted; the exit status is 1 if
# the pipeline failed at some size (its last lines are shown).
set -eu -o pipefail
[ $# -ge 2 ] || { echo "usage: scale.sh TOP BINDIR [books ...]" >&2; exit 2; }
top=$(cd "$1" && pwd) bin=$(cd "$2" && pwd)
shift 2
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || read -r -a sizes <<<"${BENCH_SCALE_SIZES:-1000 10000 70000}"
for n in "${sizes[@]}"; do
	[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "scale.sh: $n: not a number of books" >&2; exit 2; }
done
AWK=$(command -v mawk || command -v awk)
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-scale.XXXXXX")
trap 'rm -rf "$w"' EXIT
export LC_ALL=C

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }
mk() { mkb "$bin" "$@"; }
mkb() {
	local b=$1
	shift
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -f "$top/Makefile" B="$b" "$@"
}
median3() { sort -n | awk 'NR == 2'; }
# ms to run /bin/true $1 times, two at a time (0 for no steps)
spawn_floor() {
	local s e
	[ "${1:-0}" -gt 0 ] || { echo 0; return; }
	s=$(now)
	seq "$1" | xargs -P 2 -n 1 /bin/true
	e=$(now)
	ms "$s" "$e"
}

# peak KiB of a reducing step over the tables listed in $1, or n/a: through
# -F when the tool has it, else as operands (too many for a command line
# beyond some thousands of books).
peak() {
	local list=$1 tool=$2 kib
	shift 2
	[ -n "$TIME" ] || { echo n/a; return; }
	if "$bin/$tool" -h 2>&1 | grep -q -- '-F'; then
		kib=$($TIME -f %M "$bin/$tool" "$@" -F "$list" 2>&1 >/dev/null | tail -1)
	else
		kib=$( { mapfile -t f <"$list"; $TIME -f %M "$bin/$tool" "$@" "${f[@]}"; } \
			2>&1 >/dev/null | tail -1) || true
	fi
	[[ "$kib" =~ ^[0-9]+$ ]] && echo $((kib / 1024)) || echo n/a
}

# the stubs, in a bin of their own beside links to the real tools; make is
# told (-o) that none of them is to be rebuilt
stub=$w/stub
mkdir -p "$stub"
stubmk=()
CC=${CC:-cc}
if "$CC" -O2 -static -o "$stub/wc-count" "$top/tests/bench/stub-tool.c" 2>/dev/null ||
    "$CC" -O2 -o "$stub/wc-count" "$top/tests/bench/stub-tool.c"; then
	ln "$stub/wc-count" "$stub/wc-plotdata"
	for t in "$bin"/*; do
		[ -f "$t" ] && [ -x "$t" ] || continue
		[ -e "$stub/${t##*/}" ] || ln -s "$t" "$stub/${t##*/}"
	done
	for t in "$stub"/*; do
		stubmk+=(-o "$t")
	done
else
	echo "bench-scale: no C compiler: make's own share not measured" >&2
	stub=
fi

failed=0
rows=()
for n in "${sizes[@]}"; do
	# a tree a size, all removed at the end: the file system is not
	# still reclaiming one size's inodes while the next is timed
	d=$w/run-$n
	rm -rf "$d"
	mkdir -p "$d/data"
	t0=$(now)
	"$AWK" -v n="$n" -v dir="$d/data" -f "$top/tests/bench/gen-books.awk"
	t1=$(now)
	sync	# the books on disk before the clock starts
	mb=$(du -sm "$d/data" | cut -f1)
	echo "bench-scale: $n books ($mb MB), made in $(ms "$t0" "$t1") ms; make -j2 results corpus ..."
	cd "$d"
	# the floor before the run, for three steps a book (count, two
	# charts), scaled below to the steps the run made
	pre=$((3 * n))
	floor0=$(spawn_floor "$pre")
	t0=$(now)
	if mk -j2 results corpus V=0 >"$w/log" 2>&1; then
		t1=$(now)
		run=$(ms "$t0" "$t1")
		steps=$(grep -Ec '^  [A-Z]+ ' "$w/log" | tr -d ' ')
		steps=$((steps - $(grep -c '^  DONE ' "$w/log")))
		floor1=$(spawn_floor "$steps")
		# the faster, scaled to the steps the run made
		floor=$(awk -v a="$floor0" -v pa="$pre" -v b="$floor1" -v s="$steps" \
		    'BEGIN { if (pa > 0 && a * s / pa < b) b = a * s / pa; printf "%d", b }')
		echo "bench-scale: floor before $floor0 ms ($pre steps), after $floor1 ms ($steps steps)"
		noop=$(for i in 1 2 3; do
			s=$(now); mk results >/dev/null 2>&1; e=$(now); ms "$s" "$e"
		done | median3)
		# the same, looking at every book's files (mk/fresh.mk)
		full=$(for i in 1 2 3; do
			s=$(now); mk results FRESH=0 >/dev/null 2>&1; e=$(now); ms "$s" "$e"
		done | median3)
		# results itself always runs its one-line summary: ask about
		# the files it makes
		mk -q results/index.html results/zipf-fit.csv corpus ||
			noop="${noop}(not-a-no-op!)"
		find processed_data -maxdepth 1 -name '*.dat' | sort -V >"$w/dats"
		zmem=$(peak "$w/dats" zipf 10)
		mmem=$(peak "$w/dats" wc-count -M)
		smk=-
		if [ -n "$stub" ]; then
			mkdir -p "$d.stub"
			cp -al "$d/data" "$d.stub/data"
			cd "$d.stub"
			t0=$(now)
			if STUB_REAL=$bin mkb "$stub" "${stubmk[@]}" -j2 results corpus V=0 >"$w/stublog" 2>&1; then
				t1=$(now)
				smk=$(ms "$t0" "$t1")
			else
				echo "bench-scale: the stub run failed at $n books:" >&2
				tail -3 "$w/stublog" | cut -c1-200 >&2
			fi
		fi
	else
		run=FAILED noop=- full=- zmem=- mmem=- floor=- steps=- smk=-
		failed=1
		echo "bench-scale: make -j2 results corpus failed at $n books:" >&2
		tail -5 "$w/log" | cut -c1-200 >&2
	fi
	cd "$w"
	rows+=("$n $run $floor $steps $noop $full $zmem $mmem $smk")
done

echo "bench-scale: the pipeline (make -j2 results corpus, from clean) against"
echo "the floor (/bin/true once per step make ran, by xargs -P 2):"
printf '%8s %10s %9s %9s %9s %7s %9s %7s %10s %12s %9s %9s\n' books "run ms" "ms/book" \
	steps/bk "floor/bk" ratio "stub/bk" sratio "no-op ms" "FRESH=0 ms" "zipf MiB" "-M MiB"
for r in "${rows[@]}"; do
	read -r n run floor steps noop full zmem mmem smk <<<"$r"
	if [ "$run" = FAILED ]; then
		printf '%8s %10s\n' "$n" FAILED
		continue
	fi
	awk -v n="$n" -v run="$run" -v f="$floor" -v s="$steps" -v noop="$noop" \
	    -v full="$full" -v z="$zmem" -v m="$mmem" -v smk="$smk" 'BEGIN {
		f = f > 0 ? f : 1
		st = smk == "-" ? "-" : sprintf("%.3f", smk / n)
		sr = smk == "-" ? "-" : sprintf("%.2f", smk / f)
		printf "%8d %10d %9.3f %9.2f %9.3f %7.2f %9s %7s %10s %12s %9s %9s\n",
		    n, run, run / n, s / n, f / n, run / f, st, sr, noop, full, z, m }'
done
echo "goals (issue 11): ratio at most 2 and a no-op under 1000 ms at 70,000 books"
echo "(stub: the same run with stub-tool for wc-count and wc-plotdata, make's own share;"
echo " sratio: its ratio to the floor; no-op: make results after the run; FRESH=0: the"
echo " same, looking at every book's files)"
exit "$failed"
