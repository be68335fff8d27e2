#!/usr/bin/env bats
# csvify: .dat to CSV as the lesson's csvify_file.
load test_helper

@test "parity with the lesson's csvify_file" {
	need_ref dat/pg13.dat dat/pg117.dat dat/pg79.dat csv/pg13.csv csv/pg117.csv csv/pg79.csv
	for b in pg13 pg117 pg79; do
		cmp <(csvify < "$REF/dat/$b.dat") "$REF/csv/$b.csv"
	done
}

@test "X.dat becomes X.csv beside it, atomically" {
	printf 'the 3 60.0\nend 2 40.0\n' > "$BATS_TEST_TMPDIR/a.dat"
	mkdir "$BATS_TEST_TMPDIR/sub"
	printf 'x 1 100.0\n' > "$BATS_TEST_TMPDIR/sub/b.dat"
	run csvify "$BATS_TEST_TMPDIR/a.dat" "$BATS_TEST_TMPDIR/sub/b.dat"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(cat "$BATS_TEST_TMPDIR/a.csv")" = $'the,3,60.0\nend,2,40.0' ]
	[ "$(cat "$BATS_TEST_TMPDIR/sub/b.csv")" = 'x,1,100.0' ]
	no_tmp_left "$BATS_TEST_TMPDIR"
}

@test "'#' lines are kept, their spaces made commas, as csvify_file does" {
	printf '# counts of a.txt\nthe 3 60.0\n#\nend 2 40.0\n' > "$BATS_TEST_TMPDIR/c.dat"
	run -0 csvify "$BATS_TEST_TMPDIR/c.dat"
	cmp "$BATS_TEST_TMPDIR/c.csv" <(printf '#,counts,of,a.txt\nthe,3,60.0\n#\nend,2,40.0\n')
}

@test "a last line without its newline stays without one" {
	printf 'the 3 60.0\nend 2 40.0' > "$BATS_TEST_TMPDIR/n.dat"
	run -0 csvify "$BATS_TEST_TMPDIR/n.dat"
	cmp "$BATS_TEST_TMPDIR/n.csv" <(printf 'the,3,60.0\nend,2,40.0')
	printf 'the 3 60.0\n# end' | csvify > "$BATS_TEST_TMPDIR/n2.csv"
	cmp "$BATS_TEST_TMPDIR/n2.csv" <(printf 'the,3,60.0\n#,end')
}

@test "-H writes a header" {
	run csvify -H < <(printf 'a 1 100.0\n')
	[ "$output" = $'word,count,percent\na,1,100.0' ]
}

@test "fields holding a comma or a double quote are quoted (RFC 4180)" {
	run csvify < <(printf 'a,b 2 50.0\nsay"hi 2 50.0\n')
	[ "$output" = $'"a,b",2,50.0\n"say""hi",2,50.0' ]
}

@test "a malformed .dat names file and line, and leaves no .csv" {
	printf 'a 1 50.0\nb 1\n' > "$BATS_TEST_TMPDIR/bad.dat"
	run --separate-stderr csvify "$BATS_TEST_TMPDIR/bad.dat"
	[ "$status" -eq 1 ]
	[ "$stderr" = "csvify: $BATS_TEST_TMPDIR/bad.dat:2: expected \"word count percent\"" ]
	[ ! -e "$BATS_TEST_TMPDIR/bad.csv" ]
	no_tmp_left "$BATS_TEST_TMPDIR"
	printf 'a 1 5O.0\n' > "$BATS_TEST_TMPDIR/bad2.dat"
	run --separate-stderr csvify "$BATS_TEST_TMPDIR/bad2.dat"
	[ "$stderr" = "csvify: $BATS_TEST_TMPDIR/bad2.dat:1: percent \"5O.0\" is not a number" ]
}

@test "one bad file does not stop the others" {
	printf 'a 1 100.0\n' > "$BATS_TEST_TMPDIR/good.dat"
	run --separate-stderr csvify "$BATS_TEST_TMPDIR/nope.dat" "$BATS_TEST_TMPDIR/good.dat"
	[ "$status" -eq 1 ]
	[ "$stderr" = "csvify: $BATS_TEST_TMPDIR/nope.dat: No such file or directory" ]
	[ -e "$BATS_TEST_TMPDIR/good.csv" ]
}

@test "an input not named .dat is not overwritten" {
	printf 'a 1 100.0\n' > "$BATS_TEST_TMPDIR/t.csv"
	run --separate-stderr csvify "$BATS_TEST_TMPDIR/t.csv"
	[ "$status" -eq 1 ]
	[ "$stderr" = "csvify: $BATS_TEST_TMPDIR/t.csv: would overwrite its input" ]
	[ "$(cat "$BATS_TEST_TMPDIR/t.csv")" = 'a 1 100.0' ]
}

@test "a full disk is an error" {
	run --separate-stderr bash -c 'printf "a 1 100.0\n" | csvify > /dev/full'
	[ "$status" -eq 1 ]
	[ "$stderr" = "csvify: stdout: No space left on device" ]
}

@test "bad usage: exit 2 and the usage line" {
	run -2 --separate-stderr csvify -x
	usage_ok csvify
	run -0 csvify -h
	[[ "$output" == "usage: csvify "* ]]
}
