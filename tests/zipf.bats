#!/usr/bin/env bats
# zipf: the lesson's Zipf table.
load test_helper

F=$FIX/zipf

@test "parity with the lesson's zipf_test.py table" {
	need_ref "${REF_DATS[@]}" results.csv
	cd "$REF/dat"
	cmp <(zipf 10 pg13.dat pg36.dat pg50.dat pg65.dat pg79.dat pg87.dat pg117.dat) "$REF/results.csv"
}

@test "header and one row per file, in the order given, named by base name" {
	run zipf 2 "$F/three.dat" "$F/exact.dat"
	[ "$status" -eq 0 ]
	[ "$output" = $'Book,word1,word2\nthree,5,3\nexact,8,2' ]
}

@test "a book with fewer words than count: only its counts, as zipf_test.py writes" {
	run -0 zipf 4 "$F/exact.dat" "$F/three.dat"
	[ "$output" = $'Book,word1,word2,word3,word4\nexact,8,2\nthree,5,3,2' ]
	: > "$BATS_TEST_TMPDIR/empty.dat"
	run -0 zipf 2 "$BATS_TEST_TMPDIR/empty.dat"
	[ "${lines[1]}" = "empty" ]
}

@test "-p pads a short row with empty fields to count+1 columns" {
	run -0 zipf -p 4 "$F/exact.dat" "$F/three.dat"
	[ "$output" = $'Book,word1,word2,word3,word4\nexact,8,2,,\nthree,5,3,2,' ]
	: > "$BATS_TEST_TMPDIR/empty.dat"
	run -0 zipf -p 2 "$BATS_TEST_TMPDIR/empty.dat"
	[ "${lines[1]}" = "empty,," ]
}

@test "-f fits the exponent and R^2 exactly on a power law" {
	run zipf -f 2 "$F/exact.dat"
	# counts 8, 2 at ranks 1, 2: log 8 - 2 log 2 = log 2, so s = 2
	[ "$output" = $'Book,word1,word2,s,r2\nexact,8,2,2.0,1.0' ]
}

@test "-f agrees with numpy's least squares" {
	run zipf -f 3 "$F/three.dat"
	# numpy.linalg.lstsq: slope -0.8235901918229993, r^2 0.9930009099232128
	echo "$output" | awk -F, 'NR == 2 {
		ds = $5 - 0.8235901918229993; dr = $6 - 0.9930009099232128
		exit !(ds < 1e-12 && ds > -1e-12 && dr < 1e-12 && dr > -1e-12) }'
}

@test "-f leaves the fit empty where it is undefined" {
	run zipf -f 2 "$F/flat.dat"
	[ "${lines[1]}" = "flat,4,4,0.0," ]
	run zipf -f 3 <(printf 'a 1 100.0\n')
	[[ "${lines[1]}" == *",1,,,," ]]
}

@test "book names that hold a comma are quoted" {
	cp "$F/exact.dat" "$BATS_TEST_TMPDIR/a,b.dat"
	run zipf 1 "$BATS_TEST_TMPDIR/a,b.dat"
	[ "${lines[1]}" = '"a,b",8' ]
}

@test "-o writes atomically; a bad file leaves no output file" {
	run zipf -o "$BATS_TEST_TMPDIR/z.csv" 1 "$F/exact.dat"
	[ "$status" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/z.csv")" = $'Book,word1\nexact,8' ]
	run zipf -o "$BATS_TEST_TMPDIR/y.csv" 1 "$F/exact.dat" "$BATS_TEST_TMPDIR/nope.dat"
	[ "$status" -eq 1 ]
	[ ! -e "$BATS_TEST_TMPDIR/y.csv" ]
	no_tmp_left "$BATS_TEST_TMPDIR"
}

@test "a malformed .dat names its file and line; the other rows are written" {
	printf 'a 5 50.0\nb five 30.0\n' > "$BATS_TEST_TMPDIR/bad.dat"
	run --separate-stderr zipf 3 "$BATS_TEST_TMPDIR/bad.dat" "$F/exact.dat"
	[ "$status" -eq 1 ]
	[ "$stderr" = "zipf: $BATS_TEST_TMPDIR/bad.dat:2: count \"five\" is not a number" ]
	[ "$output" = $'Book,word1,word2,word3\nexact,8,2' ]
}

@test "a percent is refused only where a double overflows, at the edge too" {
	# the reader tells by the decade of the first digit, strtod at 1e308
	d=$BATS_TEST_TMPDIR
	for p in 1.7976931348623157e308 0.0000000000001e321 123e306 1e-99999999 \
	    00000.000e99999 0.5 7 1E+2; do
		printf 'a 5 %s\n' "$p" > "$d/ok.dat"
		run -0 zipf 1 "$d/ok.dat"
	done
	for p in 1.7976931348623159e308 180e306 1e309 0.001e312 1e99999999999; do
		printf 'a 5 %s\n' "$p" > "$d/big.dat"
		run -1 --separate-stderr zipf 1 "$d/big.dat"
		[ "$stderr" = "zipf: $d/big.dat:1: percent is out of range" ]
	done
}

@test "a missing file and a directory" {
	run --separate-stderr zipf 3 "$BATS_TEST_TMPDIR/nope.dat"
	[ "$status" -eq 1 ]
	[ "$stderr" = "zipf: $BATS_TEST_TMPDIR/nope.dat: No such file or directory" ]
	run --separate-stderr zipf 3 "$BATS_TEST_TMPDIR"
	[ "$stderr" = "zipf: $BATS_TEST_TMPDIR: Is a directory" ]
}

@test "a full disk is an error" {
	run --separate-stderr zipf -o /dev/full 2 "$F/exact.dat"
	[ "$status" -eq 1 ]
	[ "$stderr" = "zipf: /dev/full: No space left on device" ]
}

@test "bad usage: exit 2 and the usage line" {
	run -2 --separate-stderr zipf
	usage_ok zipf
	run -2 --separate-stderr zipf 10
	usage_ok zipf
	run -2 --separate-stderr zipf -x 10 a.dat
	usage_ok zipf
	run -2 --separate-stderr zipf 0 "$F/exact.dat"
	[[ "$stderr" == *'count "0" is out of range'* ]]
	run -2 --separate-stderr zipf -3 "$F/exact.dat"
	usage_ok zipf
	run -0 zipf -h
	[[ "$output" == "usage: zipf "* ]]
}
