#!/usr/bin/env bats
# fanout: the features of GNU parallel users expect (issue 15): several
# input sources, values per job, --pipe, --results, --delay, --shuf, -r.
# Where the behaviour is parallel's, its output (20221122) is the expected
# answer: kept in tests/fixtures/fanout/parallel/NAME.out, and checked
# against the parallel installed here when there is one.
# FANOUT_REGEN=1 rewrites the fixtures from that parallel.
load test_helper

P=$FIX/fanout/parallel
unset MAKEFLAGS MFLAGS MAKELEVEL
BIN=$(cd "$BIN" && pwd)
PATH=$BIN:$PATH

setup() {
	# No citation notice, no ~/.parallel of the user.
	export PARALLEL_HOME=$BATS_TEST_TMPDIR/.parallel
	mkdir -p "$PARALLEL_HOME"
	touch "$PARALLEL_HOME/will-cite"
}

has_parallel() {
	command -v parallel >/dev/null 2>&1 &&
		parallel --version 2>/dev/null | grep -q 'GNU parallel'
}

# like_parallel NAME ARGS...: fanout ARGS prints NAME's fixture (and so
# does the parallel installed here), run in the fixtures' directory, with
# stdin from $IN (default /dev/null).
like_parallel() {
	local name=$1 fix=$P/$1.out
	shift
	cd "$P"
	if [ -n "${FANOUT_REGEN:-}" ] && has_parallel; then
		parallel "$@" < "${IN:-/dev/null}" > "$fix"
	fi
	run -0 fanout "$@" < "${IN:-/dev/null}"
	diff -u "$fix" <(printf '%s\n' "$output")
	if has_parallel; then
		run -0 parallel "$@" < "${IN:-/dev/null}"
		diff -u "$fix" <(printf '%s\n' "$output")
	fi
}

# --- several input sources ---

@test "fanout: ::: a b ::: 1 2 runs every combination, the last fastest" {
	like_parallel cross -k echo ::: a b ::: 1 2
}

@test "fanout: :::+ links a source to the one before, the shorter deciding" {
	like_parallel link -k echo ::: a b c :::+ 1 2
}

@test "fanout: -a twice, -a with :::, :::: with :::" {
	like_parallel files -k -a f -a g echo
}

@test "fanout: -a comes before the ::: sources" {
	like_parallel file-args -k -a f echo {2} {1} ::: x y
}

@test "fanout: :::: reads a source from a file" {
	like_parallel args-file -k echo ::: x y :::: f
}

@test "fanout: {n} {n.} {n/} {n//} {n/.} address the sources" {
	like_parallel positional -k echo {2} {1} {1.} {2/} {2//} {1/.} \
		::: a.b/c.d e.f ::: /x/y.z
}

@test "fanout: {} is every value, one word each" {
	like_parallel joined -k echo x{}y ::: a ::: 1
	run -0 fanout printf '<%s>' x{}y ::: a ::: 1
	[ "$output" = '<xa><1y>' ]
}

@test "fanout: --tag with two sources tags with both values" {
	like_parallel tag2 -k --tag echo ::: a b ::: 1 2
}

@test "fanout: --colsep cuts lines into {1} {2}" {
	like_parallel colsep -k --colsep '\t' echo {2} {1} :::: t
}

@test "fanout: --header : names the columns of a table" {
	like_parallel header-colsep -k --header : --colsep '\t' echo {h2} {1} :::: th
}

@test "fanout: --header : names ::: sources by their first value" {
	like_parallel header-args -k --header : echo {x} {y} ::: x 1 2 ::: y a b
}

@test "fanout: -r runs no job for an empty line" {
	IN=$P/empties like_parallel skip-empty -k -r echo '[{}]'
}

@test "fanout: without -r an empty line is a job" {
	IN=$P/empties like_parallel no-skip-empty -k echo '[{}]'
}

@test "fanout: -r with no input runs nothing" {
	run -0 fanout -r echo hi < /dev/null
	[ -z "$output" ]
}

@test "fanout: :::: with no file, -a with a missing file" {
	run -2 --separate-stderr fanout echo ::::
	[ "${stderr_lines[0]}" = "fanout: ::::: no file" ]
	run -1 --separate-stderr fanout -a /no/such echo
	[ "$stderr" = "fanout: /no/such: No such file or directory" ]
	run -1 --separate-stderr fanout echo ::: a :::: /no/such
	[ "$stderr" = "fanout: /no/such: No such file or directory" ]
}

@test "fanout: --colsep with a bad expression, --header other than :" {
	run -2 --separate-stderr fanout --colsep '(' echo ::: a
	[[ "${stderr_lines[0]}" == 'fanout: --colsep "(": '* ]]
	run -2 --separate-stderr fanout --header x echo ::: a
	[ "${stderr_lines[0]}" = 'fanout: --header "x": only --header : (the first line names the columns)' ]
}

@test "fanout: --shuf runs every combination once, in another order" {
	run -0 fanout -j1 --shuf echo ::: $(seq 30)
	[ "$(printf '%s\n' "$output" | sort -n)" = "$(seq 30)" ]
	run -0 bash -c 'for i in 1 2 3; do fanout -j1 --shuf echo ::: $(seq 30) | tr "\n" " "; echo; done | sort -u | wc -l'
	[ "$output" -gt 1 ]
}

# --- many values per job ---

@test "fanout: -N 2 gives each job two values, {1} {2}" {
	like_parallel n2 -k -N2 echo {2}-{1} ::: a b c d
}

@test "fanout: -N 2 repeats a word with {} for each value" {
	like_parallel n2-context -k -N2 echo x{}y ::: a b c
}

@test "fanout: -X repeats the word with {}, spread over the job slots" {
	like_parallel x-context -k -j2 -X echo x{}y ::: a b c
}

@test "fanout: -m puts the values in the word's place" {
	like_parallel m-context -k -j2 -m echo x{}y ::: a b c
}

@test "fanout: -X on 5 values and 2 slots, -m on 7 and 3" {
	like_parallel x-spread -k -j2 -X echo ::: 1 2 3 4 5
	like_parallel m-spread -k -j3 -m echo ::: 1 2 3 4 5 6 7
}

@test "fanout: -X spreads stdin's values over the slots too" {
	IN=$P/f like_parallel x-stdin -k -j2 -X echo
}

@test "fanout: -X with {#}: the job's number, once" {
	like_parallel x-seq -k -j2 -X echo {#} {} ::: 1 2 3
}

@test "fanout: -X never runs a command line too long, and loses no value" {
	cd "$BATS_TEST_TMPDIR"
	# 300,000 values of 48 bytes: 14 MB, several times ARG_MAX.
	seq 300000 | awk '{ printf "%s-an-item-long-enough-to-fill-lines-fast\n", $1 }' > items
	run -0 fanout -X sh -c 'echo $#' sh :::: items
	[ "$(printf '%s\n' "$output" | awk '{ s += $1 } END { print s }')" -eq 300000 ]
	[ "${#lines[@]}" -gt 2 ]
	# One shell word (sh -c's script) has its own limit: 32 pages.
	run -0 fanout -X 'echo {} | wc -w' :::: items
	[ "$(printf '%s\n' "$output" | awk '{ s += $1 } END { print s }')" -eq 300000 ]
}

@test "fanout: -N with -X, -n with a source are usage errors" {
	run -2 --separate-stderr fanout -N2 -X echo ::: a
	[ "${stderr_lines[0]}" = "fanout: -N and -X: one of them" ]
	run -2 --separate-stderr fanout -n 2 echo ::: a
	[ "${stderr_lines[0]}" = "fanout: -n runs count jobs with no item: no :::, -a, -N, -X, -m" ]
}

# --- --pipe ---

@test "fanout: --pipe cuts stdin into blocks at newlines, one a job" {
	cd "$BATS_TEST_TMPDIR"
	seq 100000 > nums
	run -0 bash -c 'fanout --pipe --block 10k wc -l < nums'
	[ "$(printf '%s\n' "$output" | awk '{ s += $1 } END { print s }')" -eq 100000 ]
	[ "${#lines[@]}" -ge 50 ]
	# Whole lines only: every block ends in a newline.
	run -0 bash -c 'fanout --pipe --block 10k sh -c "tail -c1 | od -An -c" < nums | sort -u'
	[ "$output" = '  \n' ]
}

@test "fanout: --pipe -k gives the stream back whole, in order" {
	cd "$BATS_TEST_TMPDIR"
	seq 200000 > nums
	run -0 bash -c 'fanout -k --pipe --block 100k cat < nums | cmp - nums'
}

@test "fanout: --pipe-part -a file: the file's byte ranges, same cuts" {
	cd "$BATS_TEST_TMPDIR"
	seq 200000 > nums
	run -0 bash -c 'fanout -k --pipe-part -a nums --block 100k cat | cmp - nums'
	run -0 fanout --pipe-part -a nums --block 100k sh -c 'tail -c1 | od -An -c'
	[ "$(printf '%s\n' "$output" | sort -u)" = '  \n' ]
	[ "${#lines[@]}" -ge 10 ]
}

@test "fanout: --recend and --recstart keep records whole" {
	cd "$BATS_TEST_TMPDIR"
	for i in $(seq 3000); do printf '>rec%d\nACGT\nTTGA\n' "$i"; done > fa
	run -0 bash -c 'fanout --pipe --block 1k --recstart ">" --recend "" sh -c "head -c1; echo" < fa | sort -u'
	[ "$output" = '>' ]
	run -0 bash -c 'fanout -k --pipe --block 1k --recstart ">" --recend "" cat < fa | cmp - fa'
	run -0 bash -c 'fanout -k --pipe-part -a fa --block 1k --recstart ">" --recend "" sh -c "head -c1; echo" | sort -u'
	[ "$output" = '>' ]
}

@test "fanout: --pipe holds a few blocks, not the stream" {
	# Sanitizers keep freed memory in quarantine: no bound to check.
	[ -z "${SAN:-}" ] || skip "no memory bound under sanitizers"
	# 200 MB through two slow jobs at a time: fanout must wait for them.
	run -0 /usr/bin/time -f '%M' -o "$BATS_TEST_TMPDIR/rss" bash -c \
		'head -c 200000000 /dev/zero | tr "\0" "\n" | fanout -j2 --pipe --block 1M wc -l | awk "{ s += \$1 } END { print s }"'
	[ "$output" = 200000000 ]
	# Max RSS in KiB of the biggest process (tr, fanout, ...).
	[ "$(cat "$BATS_TEST_TMPDIR/rss")" -lt 30000 ]
}

@test "fanout: --pipe | wc-count -M counts as wc-count on the whole, up to the ties' order" {
	need_books pg13 pg14 pg101 pg104 pg105
	cd "$BATS_TEST_TMPDIR"
	cat "$BOOKS_DIR"/pg1*.txt | gzip -1 > big.gz
	zcat big.gz | wc-count > whole
	zcat big.gz | fanout --pipe --block 1M wc-count | wc-count -M > piped
	# The same words and counts: compared as sorted sets of lines.
	run -0 cmp <(sort whole) <(sort piped)
	[ "$(wc -l < whole)" -gt 1000 ]
}

@test "fanout: --pipe with -N, --pipe-part without -a, a bad --block" {
	run -2 --separate-stderr fanout --pipe -N2 cat
	[ "${stderr_lines[0]}" = "fanout: --pipe takes none of -N, -X, -m, -n, --shuf, --header" ]
	run -2 --separate-stderr fanout --pipe-part cat
	[ "${stderr_lines[0]}" = "fanout: --pipe-part reads one file, given with -a" ]
	run -2 --separate-stderr fanout --pipe --block 1x cat
	[ "${stderr_lines[0]}" = 'fanout: --block "1x" is not a size (bytes, k, M, G)' ]
	run -1 --separate-stderr fanout --pipe-part -a /dev/null cat
	[ "$stderr" = "fanout: --pipe-part: the -a file is not a regular file" ]
}

# --- --results ---

# tree DIR: its files and their contents (parallel writes no exitval).
tree() {
	(cd "$1" && find . -type f ! -name exitval | sort | while read -r f; do
		printf '%s: %s\n' "$f" "$(cat "$f")"
	done)
}

@test "fanout: --results writes dir/1/VALUE/2/VALUE/{seq,stdout,stderr} as parallel" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout -k --results res "$P/outerr.sh" ::: a 'b/c' 'd\e' ::: 1 2
	[ -z "$output" ]
	tree res > got
	if [ -n "${FANOUT_REGEN:-}" ] && has_parallel; then
		parallel -k --results pres "$P/outerr.sh" ::: a 'b/c' 'd\e' ::: 1 2
		tree pres > "$P/results.out"
	fi
	diff -u "$P/results.out" got
	[ "$(cat 'res/1/b\_c/2/2/exitval')" = 0 ]
}

@test "fanout: --results with --header uses the sources' names; exitval" {
	cd "$BATS_TEST_TMPDIR"
	OUTERR_EXIT=3 run -123 fanout --header : --results res "$P/outerr.sh" ::: name v
	[ -z "$output" ]
	[ "$(cat res/name/v/stdout)" = 'out v' ]
	[ "$(cat res/name/v/stderr)" = 'err v' ]
	[ "$(cat res/name/v/seq)" = 1 ]
	[ "$(cat res/name/v/exitval)" = 3 ]
	if has_parallel; then
		# parallel exits with the number of failed jobs.
		OUTERR_EXIT=3 run -1 parallel --header : --results pres "$P/outerr.sh" ::: name v
		[ "$(tree pres)" = "$(tree res)" ]
	fi
}

@test "fanout: --results: a value . or .. stays in the directory" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout --results res echo ::: . ..
	[ "$(cat 'res/1/\./stdout')" = . ]
	[ "$(cat 'res/1/\../stdout')" = .. ]
	[ ! -e res/seq ]
}

# --- --delay, exit statuses ---

@test "fanout: --delay starts jobs at least that far apart" {
	cd "$BATS_TEST_TMPDIR"
	run -0 fanout -j3 --delay 0.3 --joblog log true ::: 1 2 3
	# Starttime, sorted: each at least 0.3 s after the one before.
	run -0 awk 'NR > 1 { print $3 }' log
	[ "$(printf '%s\n' "${lines[@]}" | sort -n | awk 'NR > 1 && $1 - p < 0.299 { bad++ } { p = $1 } END { print bad + 0 }')" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "fanout: after exit 255 or a signal fanout goes on (xargs stops): 124, 125" {
	run -124 fanout -j1 sh -c 'echo $0; exit 255' ::: 1 2 3
	[ "$output" = $'1\n2\n3' ]
	run -125 fanout -j1 sh -c 'echo $0; kill -KILL $$' ::: 1 2 3
	[ "$output" = $'1\n2\n3' ]
	# xargs stops at the first.
	run -124 --separate-stderr xargs -n1 sh -c 'echo $0; exit 255' <<< '1 2 3'
	[ "$output" = 1 ]
}

# --- --retry-failed ---

# cols LOG: Seq, Exitval and Command of each record.
cols() {
	awk -F'\t' 'NR > 1 { print $1, $7, $9 }' "$1"
}

@test "fanout: --retry-failed runs the joblog's failed commands again, as parallel" {
	cd "$BATS_TEST_TMPDIR"
	run -123 fanout -k --joblog log ls -d ::: / /no/such /tmp
	run -123 --separate-stderr fanout -k --joblog log --retry-failed
	[ -z "$output" ]
	[[ "$stderr" == *"/no/such"* ]]
	cols log > got
	# the first run's records in the order its jobs ended; the retry last
	[ "$(head -3 got | sort -n)" = $'1 0 ls -d /\n2 2 ls -d /no/such\n3 0 ls -d /tmp' ]
	[ "$(sed -n 4p got)" = '2 2 ls -d /no/such' ]
	[ "$(wc -l < got)" -eq 4 ]
	if has_parallel; then
		run -1 parallel -k --joblog plog ls -d ::: / /no/such /tmp
		run -1 parallel -k --joblog plog --retry-failed
		[ "$(cols plog | head -3 | sort -n)" = "$(head -3 got | sort -n)" ]
		[ "$(cols plog | sed -n 4p)" = "$(sed -n 4p got)" ]
	fi
	# The run ignores any command and input it is given.
	run -123 --separate-stderr fanout --joblog log --retry-failed echo ::: x
	[ -z "$output" ]
	[ "$(cols log | tail -n1)" = '2 2 ls -d /no/such' ]
	run -2 --separate-stderr fanout --retry-failed
	[ "${stderr_lines[0]}" = "fanout: --retry-failed needs --joblog" ]
}
