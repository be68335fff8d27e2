#!/usr/bin/env bats
# wc-count: the lesson's word counts, byte for byte.
load test_helper

F=$FIX/wc-count

@test "the fixture corpus matches the lesson's rules (BOM, CRLF, NBSP, Unicode case, control bytes, invalid UTF-8)" {
	for f in mixed ties empty bom-only seps-only; do
		cmp <(wc-count "$F/$f.txt") "$F/$f.dat"
	done
}

@test "ties keep the order of first occurrence" {
	run wc-count "$F/ties.txt"
	[ "${lines[0]}" = "b 2 28.57142857142857" ]
	[ "${lines[1]}" = "a 2 28.57142857142857" ]
	[ "${lines[2]}" = "c 2 28.57142857142857" ]
	[ "${lines[3]}" = "d 1 14.285714285714285" ]
}

@test "Python's lower-casing: final sigma, dotted capital I, sharp s" {
	run wc-count "$F/mixed.txt"
	[[ "$output" == *$'\nοσος 1 '* ]]
	[[ "$output" == *$'\nσας 1 '* ]]
	[[ "$output" == *$'\ni\xcc\x87stanbul 1 '* ]]
	[[ "$output" == *$'\nstraße 1 '* ]]
	[[ "$output" == *$'\nstrasse 1 '* ]]
}

@test "empty input gives an empty table" {
	run wc-count "$F/empty.txt"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run wc-count "$F/bom-only.txt"
	[ -z "$output" ]
}

@test "stdin, '-' and a file give the same table" {
	cmp <(wc-count < "$F/mixed.txt") "$F/mixed.dat"
	cmp <(wc-count - < "$F/mixed.txt") "$F/mixed.dat"
}

@test "gzip input is read transparently, from a file and from stdin" {
	cmp <(wc-count "$F/mixed.txt.gz") "$F/mixed.dat"
	cmp <(wc-count < "$F/mixed.txt.gz") "$F/mixed.dat"
}

@test "-m drops words shorter than minlen code points before the percentages" {
	cmp <(wc-count -m 3 "$F/mixed.txt") "$F/mixed-m3.dat"
	run wc-count -m 6 "$F/ties.txt"
	[ -z "$output" ]
}

@test "several inputs are counted together, each one's BOM dropped" {
	run wc-count "$F/bom-only.txt" "$F/ties.txt" "$F/ties.txt"
	[ "${lines[0]}" = "b 4 28.57142857142857" ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "-M merges tables: counts summed, ties by first appearance, percentages anew" {
	printf 'x 2 66.0\ny 1 33.0\n' > "$BATS_TEST_TMPDIR/a.dat"
	printf 'y 1 50.0\nz 2 50.0\n' > "$BATS_TEST_TMPDIR/b.dat"
	run wc-count -M "$BATS_TEST_TMPDIR/a.dat" "$BATS_TEST_TMPDIR/b.dat"
	[ "$status" -eq 0 ]
	[ "$output" = $'x 2 33.33333333333333\ny 2 33.33333333333333\nz 2 33.33333333333333' ]
}

@test "-M of one book's table gives the table back" {
	cmp <(wc-count -M "$F/mixed.dat") "$F/mixed.dat"
	cmp <(wc-count "$F/mixed.txt" | wc-count -M) "$F/mixed.dat"
}

@test "-o writes the file atomically and nothing to stdout" {
	run wc-count -o "$BATS_TEST_TMPDIR/out.dat" "$F/mixed.txt"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	cmp "$BATS_TEST_TMPDIR/out.dat" "$F/mixed.dat"
	no_tmp_left "$BATS_TEST_TMPDIR"
}

@test "parity with the lesson's wordcount.py on the reference books" {
	need_ref "${REF_DATS[@]}"
	need_books "${REF_BOOKS[@]}"
	for b in pg13 pg117 pg36 pg50 pg65 pg79 pg87; do
		cmp <(wc-count "$BOOKS_DIR/$b.txt") "$REF/dat/$b.dat"
	done
}

@test "a missing file: message, exit 1, no output file" {
	run --separate-stderr wc-count -o "$BATS_TEST_TMPDIR/o.dat" "$BATS_TEST_TMPDIR/nope.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: $BATS_TEST_TMPDIR/nope.txt: No such file or directory" ]
	[ ! -e "$BATS_TEST_TMPDIR/o.dat" ]
	no_tmp_left "$BATS_TEST_TMPDIR"
}

@test "a directory: message, exit 1" {
	run --separate-stderr wc-count "$BATS_TEST_TMPDIR"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: $BATS_TEST_TMPDIR: Is a directory" ]
	[ -z "$output" ]
}

@test "an unreadable file: message, exit 1" {
	# a directory every user may traverse: only the file's mode may refuse
	d=$(mktemp -d "${TMPDIR:-/tmp}/wc-count.XXXXXX")
	chmod 755 "$d"
	printf 'a b\n' > "$d/secret.txt"
	chmod 000 "$d/secret.txt"
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv >/dev/null || skip "root, and no setpriv to drop privileges"
		run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$BIN/wc-count" "$d/secret.txt"
	else
		run --separate-stderr wc-count "$d/secret.txt"
	fi
	rm -rf "$d"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: $d/secret.txt: Permission denied" ]
}

@test "one bad input among good ones: exit 1 and no table at all" {
	run --separate-stderr wc-count "$F/ties.txt" "$BATS_TEST_TMPDIR/nope.txt"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
}

@test "NUL bytes and invalid UTF-8 stay inside words" {
	printf 'a\0b a\0b \xff\xfe c\n' > "$BATS_TEST_TMPDIR/nul.txt"
	wc-count "$BATS_TEST_TMPDIR/nul.txt" > "$BATS_TEST_TMPDIR/out"
	cmp "$BATS_TEST_TMPDIR/out" <(printf 'a\0b 2 50.0\n\xff\xfe 1 25.0\nc 1 25.0\n')
}

@test "a truncated gzip file is an error, not a short table" {
	head -c 100 "$F/mixed.txt.gz" > "$BATS_TEST_TMPDIR/t.gz"
	run --separate-stderr wc-count -o "$BATS_TEST_TMPDIR/t.dat" "$BATS_TEST_TMPDIR/t.gz"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: $BATS_TEST_TMPDIR/t.gz: truncated gzip data" ]
	[ ! -e "$BATS_TEST_TMPDIR/t.dat" ]
}

@test "a corrupt gzip file is an error" {
	# the same stream with its CRC-32 trailer altered
	n=$(stat -c %s "$F/mixed.txt.gz")
	{ head -c $((n - 8)) "$F/mixed.txt.gz"; printf '\1\2\3\4'; tail -c 4 "$F/mixed.txt.gz"; } > "$BATS_TEST_TMPDIR/c.gz"
	run --separate-stderr wc-count "$BATS_TEST_TMPDIR/c.gz"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: $BATS_TEST_TMPDIR/c.gz: gzip data: incorrect data check" ]
	[ -z "$output" ]
}

@test "a 50 MB file with no newline" {
	head -c 50000000 /dev/zero | tr '\0' 'a' > "$BATS_TEST_TMPDIR/long.txt"
	run wc-count "$BATS_TEST_TMPDIR/long.txt"
	[ "$status" -eq 0 ]
	[ "${#output}" -eq 50000008 ]
	[[ "$output" == *"aaaa 1 100.0" ]]
	yes 'ab cd' | head -c 50000000 | tr '\n' ' ' > "$BATS_TEST_TMPDIR/long2.txt"
	run wc-count "$BATS_TEST_TMPDIR/long2.txt"
	[ "$output" = $'ab 8333334 50.000002999999936\ncd 8333333 49.999997000000064' ]
}

@test "-M: a malformed table names its file and line" {
	printf 'x 2 50.0\ny 2x 50.0\n' > "$BATS_TEST_TMPDIR/bad.dat"
	run --separate-stderr wc-count -M "$BATS_TEST_TMPDIR/bad.dat"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: $BATS_TEST_TMPDIR/bad.dat:2: count \"2x\" is not a number" ]
	[ -z "$output" ]
	printf 'x 2\n' > "$BATS_TEST_TMPDIR/short.dat"
	run --separate-stderr wc-count -M "$BATS_TEST_TMPDIR/short.dat"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: $BATS_TEST_TMPDIR/short.dat:1: expected \"word count percent\"" ]
	printf 'x -2 1.0\n' > "$BATS_TEST_TMPDIR/neg.dat"
	run --separate-stderr wc-count -M "$BATS_TEST_TMPDIR/neg.dat"
	[ "$stderr" = "wc-count: $BATS_TEST_TMPDIR/neg.dat:1: count \"-2\" is negative" ]
}

@test "-M: counts that overflow 64 bits are an error" {
	printf 'x 18446744073709551615 100.0\n' > "$BATS_TEST_TMPDIR/a.dat"
	printf 'x 1 100.0\n' > "$BATS_TEST_TMPDIR/b.dat"
	run --separate-stderr wc-count -M "$BATS_TEST_TMPDIR/a.dat" "$BATS_TEST_TMPDIR/b.dat"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: $BATS_TEST_TMPDIR/b.dat:1: count of \"x\" overflows" ]
	printf 'x 18446744073709551616 100.0\n' > "$BATS_TEST_TMPDIR/c.dat"
	run --separate-stderr wc-count -M "$BATS_TEST_TMPDIR/c.dat"
	[ "$stderr" = "wc-count: $BATS_TEST_TMPDIR/c.dat:1: count \"18446744073709551616\" is too large" ]
	printf 'y 18446744073709551615 50.0\n' >> "$BATS_TEST_TMPDIR/b.dat"
	run --separate-stderr wc-count -M "$BATS_TEST_TMPDIR/b.dat"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: the total count overflows" ]
}

@test "a full disk is an error, and -o leaves no file" {
	run --separate-stderr wc-count -o /dev/full "$F/mixed.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: /dev/full: No space left on device" ]
	run --separate-stderr bash -c 'wc-count "$1" > /dev/full' _ "$F/mixed.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: stdout: No space left on device" ]
}

@test "a reader that goes away: quiet" {
	yes 'alpha beta gamma delta' | head -c 3000000 | nl > "$BATS_TEST_TMPDIR/big.txt"
	run --separate-stderr bash -c 'wc-count "$1" | head -1' _ "$BATS_TEST_TMPDIR/big.txt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "memory grows with the vocabulary, not the input" {
	command -v /usr/bin/time >/dev/null || skip "no GNU time"
	[ -z "${SAN:-}" ] || skip "sanitizers change the footprint"
	yes 'the quick brown fox jumps over the lazy dog' | head -c 8000000 > "$BATS_TEST_TMPDIR/one.txt"
	one=$( { /usr/bin/time -f %M wc-count "$BATS_TEST_TMPDIR/one.txt" >/dev/null; } 2>&1)
	ten=$( { for i in 1 2 3 4 5 6 7 8 9 10; do cat "$BATS_TEST_TMPDIR/one.txt"; done |
		/usr/bin/time -f %M wc-count >/dev/null; } 2>&1)
	echo "one $one KiB, ten $ten KiB"
	[ "$ten" -le $((one + 1024)) ]
}

@test "bad usage: exit 2 and the usage line" {
	run -2 --separate-stderr wc-count -Z
	usage_ok wc-count
	run -2 --separate-stderr wc-count -m 0 "$F/ties.txt"
	[[ "$stderr" == *'minlen "0" is out of range'* ]]
	run -2 --separate-stderr wc-count -m x "$F/ties.txt"
	[[ "$stderr" == *'minlen "x" is not a number'* ]]
	run -2 --separate-stderr wc-count -o
	usage_ok wc-count
	run -0 --separate-stderr wc-count -h
	[[ "$output" == "usage: wc-count "* ]]
}
