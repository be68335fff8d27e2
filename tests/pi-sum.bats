#!/usr/bin/env bats
load test_helper

F=$FIX/pi-sum

@test "pi-sum: -h prints the usage on stdout" {
	run -0 pi-sum -h
	[[ "$output" == "usage: pi-sum "* ]]
}

@test "pi-sum: bad usage exits 2 with the usage line" {
	run -2 --separate-stderr pi-sum -Z
	usage_ok pi-sum
}

@test "pi-sum: sums a whole run, lines in any order, from stdin or files" {
	run -0 pi-sum "$F/run4.lines"
	[ "$output" = "$(cat "$F/run4.expected")" ]
	run -0 pi-sum <"$F/run4.lines"
	[ "$output" = "$(cat "$F/run4.expected")" ]
	sed -n 1,2p "$F/run4.lines" >"$BATS_TEST_TMPDIR/a"
	sed -n 3,4p "$F/run4.lines" >"$BATS_TEST_TMPDIR/b"
	run -0 pi-sum "$BATS_TEST_TMPDIR/b" - <"$BATS_TEST_TMPDIR/a"
	[ "$output" = "$(cat "$F/run4.expected")" ]
}

@test "pi-sum: reads gzip, from files and from stdin, as every reader does" {
	sed -n 1,2p "$F/run4.lines" | gzip >"$BATS_TEST_TMPDIR/a.gz"
	sed -n 3,4p "$F/run4.lines" | gzip >"$BATS_TEST_TMPDIR/b.gz"
	run -0 pi-sum "$BATS_TEST_TMPDIR/a.gz" - <"$BATS_TEST_TMPDIR/b.gz"
	[ "$output" = "$(cat "$F/run4.expected")" ]
	head -c 40 "$BATS_TEST_TMPDIR/a.gz" >"$BATS_TEST_TMPDIR/cut.gz"
	run -1 --separate-stderr pi-sum "$BATS_TEST_TMPDIR/cut.gz"
	[ "$stderr" = "pi-sum: $BATS_TEST_TMPDIR/cut.gz: truncated gzip data" ]
}

@test "pi-sum: a last line without its newline is cut short: refused, naming its rank and line (issue 13.4)" {
	# Cut inside its last number, the line still parses: 19 of inside=198.
	sed -n '1,2p;4p' "$F/run4.lines" >"$BATS_TEST_TMPDIR/t"
	sed -n 3p "$F/run4.lines" | head -c -2 >>"$BATS_TEST_TMPDIR/t"
	run -1 --separate-stderr pi-sum "$BATS_TEST_TMPDIR/t"
	[ "${stderr_lines[0]}" = "pi-sum: $BATS_TEST_TMPDIR/t:4: rank 3: the line is cut short (no newline at its end)" ]
	[ -z "$output" ]
	run -1 --separate-stderr pi-sum -p - <"$BATS_TEST_TMPDIR/t"
	[ "${stderr_lines[0]}" = "pi-sum: stdin:4: rank 3: the line is cut short (no newline at its end)" ]
	[ -z "$output" ]
	printf 'pi-worker 1 seed=7 darts=1002 ran' | gzip >"$BATS_TEST_TMPDIR/t.gz"
	run -1 --separate-stderr pi-sum -p "$BATS_TEST_TMPDIR/t.gz"
	[ "$stderr" = "pi-sum: $BATS_TEST_TMPDIR/t.gz:1: the line is cut short (no newline at its end)" ]
}

@test "pi-sum: a missing rank is an error naming it; -p sums the ranks present" {
	sed '/rank=[12] /d' "$F/run4.lines" >"$BATS_TEST_TMPDIR/part"
	run -1 --separate-stderr pi-sum "$BATS_TEST_TMPDIR/part"
	[ "$stderr" = "pi-sum: missing ranks 1-2 (2 of 4)" ]
	[ -z "$output" ]
	run -0 --separate-stderr pi-sum -p "$BATS_TEST_TMPDIR/part"
	[ "$stderr" = "pi-sum: partial run: missing ranks 1-2 (2 of 4)" ]
	[ "$output" = "$(cat "$F/run4-partial.expected")" ]
}

@test "pi-sum: missing ranks are named as ranges" {
	for r in 1 4 5 9; do pi-worker -s 2 -r $r -R 12 1000; done >"$BATS_TEST_TMPDIR/l"
	run -1 --separate-stderr pi-sum "$BATS_TEST_TMPDIR/l"
	[ "$stderr" = "pi-sum: missing ranks 0, 2-3, 6-8, 10-11 (8 of 12)" ]
}

@test "pi-sum: a duplicate rank is an error naming it and both lines" {
	cat "$F/run4.lines" >"$BATS_TEST_TMPDIR/d"
	sed -n 2p "$F/run4.lines" >>"$BATS_TEST_TMPDIR/d"
	run -1 --separate-stderr pi-sum "$BATS_TEST_TMPDIR/d"
	[ "$stderr" = "pi-sum: rank 0 reported twice: $BATS_TEST_TMPDIR/d:2 and $BATS_TEST_TMPDIR/d:5" ]
	[ -z "$output" ]
	# -p accepts missing ranks, never duplicates.
	run -1 pi-sum -p "$BATS_TEST_TMPDIR/d"
}

@test "pi-sum: a line from another run is an error naming its rank and line" {
	{ cat "$F/run4.lines"; echo "pi-worker 1 seed=8 darts=1002 rank=1 size=4 thrown=251 inside=190"; } >"$BATS_TEST_TMPDIR/f"
	run -1 --separate-stderr pi-sum "$BATS_TEST_TMPDIR/f"
	[ "$stderr" = "pi-sum: $BATS_TEST_TMPDIR/f:5: rank 1 is from another run (seed 8, 1002 darts, size 4; the run has seed 7, 1002 darts, size 4)" ]
	[ -z "$output" ]
	run -1 --separate-stderr pi-sum -p "$BATS_TEST_TMPDIR/f"
}

@test "pi-sum: a garbage line is an error with its line number" {
	for bad in 'hello' '' 'pi-worker 1 seed=7 darts=1002 rank=0 size=4 thrown=251' \
	    'pi-worker 1 seed=7 darts=1002 rank=0 size=4 thrown=251 inside=196 ' \
	    'pi-worker 1 seed=7 darts=1002 rank=0 size=4 thrown=251 inside=196 x=1' \
	    'pi-worker 2 seed=7 darts=1002 rank=0 size=4 thrown=251 inside=196' \
	    'pi-worker 1 seed=7 darts=1002 rank=-1 size=4 thrown=251 inside=196' \
	    'pi-worker 1 seed=7 darts=1002 rank=0 size=4 thrown=251 inside=99999999999999999999'; do
		{ sed -n 1,2p "$F/run4.lines"; printf '%s\n' "$bad"; sed -n 3,4p "$F/run4.lines"; } >"$BATS_TEST_TMPDIR/g"
		run -1 --separate-stderr pi-sum "$BATS_TEST_TMPDIR/g"
		[ "$stderr" = "pi-sum: $BATS_TEST_TMPDIR/g:3: not a pi-worker line" ]
		[ -z "$output" ]
	done
	printf 'pi-worker 1 seed=1 darts=5 rank=0 size=1 thrown=5 inside=4\0junk\n' >"$BATS_TEST_TMPDIR/nul"
	run -1 --separate-stderr pi-sum "$BATS_TEST_TMPDIR/nul"
	[ "$stderr" = "pi-sum: $BATS_TEST_TMPDIR/nul:1: not a pi-worker line" ]
}

@test "pi-sum: a line whose counts do not fit its slice is an error" {
	run -1 --separate-stderr pi-sum <<<"pi-worker 1 seed=7 darts=1002 rank=0 size=4 thrown=250 inside=196"
	[ "$stderr" = "pi-sum: stdin:1: rank 0 threw 250 darts, 196 inside; its slice is 251" ]
	run -1 --separate-stderr pi-sum <<<"pi-worker 1 seed=7 darts=1002 rank=0 size=4 thrown=251 inside=252"
	[[ "$stderr" == "pi-sum: stdin:1: rank 0 threw 251 darts, 252 inside"* ]]
	run -1 --separate-stderr pi-sum <<<"pi-worker 1 seed=7 darts=1002 rank=4 size=4 thrown=250 inside=196"
	[ "$stderr" = "pi-sum: stdin:1: rank 4 of size 4 with 1002 darts is impossible" ]
}

@test "pi-sum: no lines, or an unreadable file, is an error" {
	run -1 --separate-stderr pi-sum </dev/null
	[ "$stderr" = "pi-sum: no pi-worker lines" ]
	run -1 --separate-stderr pi-sum "$BATS_TEST_TMPDIR/nope"
	[ "$stderr" = "pi-sum: $BATS_TEST_TMPDIR/nope: No such file or directory" ]
	[ -z "$output" ]
}

@test "pi-sum: workers sharing one pipe, 64 at a time, give the single worker's estimate" {
	want=$(pi-worker -s 3 1e6 | pi-sum)
	got=$(seq 0 63 | xargs -P 8 -I{} pi-worker -s 3 -r {} -R 64 1e6 | pi-sum)
	[ "$got" = "$want" ]
	[[ "$want" == "estimate 3."* ]]
}

@test "pi-sum: mpiexec -n 3 pi-worker 1e6 | pi-sum equals pi-worker 1e6 | pi-sum" {
	command -v mpiexec >/dev/null || skip "no mpiexec (openmpi-bin)"
	want=$(pi-worker 1e6 | pi-sum)
	run -0 --separate-stderr bash -c 'mpiexec --allow-run-as-root --oversubscribe -n 3 pi-worker 1e6 | pi-sum'
	[ "$output" = "$want" ]
	# ... and mpiexec really ran three ranks.
	run -0 --separate-stderr bash -c 'mpiexec --allow-run-as-root --oversubscribe -n 3 pi-worker 1e6 | sort'
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[2]}" == *" rank=2 size=3 "* ]]
}

@test "pi-sum: make pi DARTS=1e6 J=3 prints the single worker's estimate" {
	want=$(pi-worker -s 5 1e6 | pi-sum)
	san=
	[[ "$BIN" != */san ]] || san=SAN=1
	run -0 --separate-stderr make -s --no-print-directory -C "$ROOT" $san pi DARTS=1e6 J=3 SEED=5
	[ "$output" = "$want" ]
}
