#!/usr/bin/env bats
load test_helper

# The tokenizer's two paths (tools/lib/tok.c) against the lesson's Python
# outputs: reads capped by WC_TOK_READ so that words, BOMs and multi-byte
# spaces straddle reads; WC_NO_SIMD=1 for the portable classifier.

setup() {
	source "$FIX/tok/gen.bash"
	T=$BATS_TEST_TMPDIR
}

# same_all EXPECTED FILE READSIZE...: every read size, both classifiers.
same_all() {
	local exp=$1 in=$2 rs simd
	shift 2
	for rs in "" "$@"; do
		for simd in "" 1; do
			WC_TOK_READ=$rs WC_NO_SIMD=$simd wc-count "$in" >"$T/out" ||
				return 1
			cmp "$T/out" "$exp" || {
				echo "differs: WC_TOK_READ=$rs WC_NO_SIMD=$simd"
				return 1
			}
		done
	done
}

@test "tok: separators, Unicode spaces, bad UTF-8, NUL, sigma, any read size" {
	gen_mixed >"$T/mixed.txt"
	same_all "$FIX/tok/mixed.dat" "$T/mixed.txt" 1 2 3 5 63 64 65 4093
}

@test "tok: a random mix of every kind of piece, any read size" {
	gen_fuzz >"$T/fuzz.txt"
	same_all "$FIX/tok/fuzz.dat" "$T/fuzz.txt" 1 2 7 64 65 1000
}

@test "tok: input longer than the buffer, words across refills" {
	gen_fuzz >"$T/f"
	for i in $(seq 40); do cat "$T/f"; done >"$T/fuzz40.txt"
	same_all "$FIX/tok/fuzz40.dat" "$T/fuzz40.txt" 4093 65536
	# and through a pipe, which hands over what it has
	gen_fuzz | dd bs=1 status=none | wc-count >"$T/out"
	cmp "$T/out" "$FIX/tok/fuzz.dat"
}

@test "tok: words longer than the buffer keeps, ASCII and not" {
	a=$(head -c 70000 /dev/zero | tr '\0' A)
	b=$(head -c 40000 /dev/zero | tr '\0' B)
	c=$(head -c 40000 /dev/zero | tr '\0' C)
	dots=$(head -c 200000 /dev/zero | tr '\0' .)
	printf 'x %s b %s\xc3\x89%s\xc2\xa0x%sx' "$a" "$b" "$c" "$dots" \
		>"$T/long.txt"
	p=16.666666666666664
	printf 'x 3 50.0\n%s 1 %s\nb 1 %s\n%s\xc3\xa9%s 1 %s\n' \
		"${a,,}" $p $p "${b,,}" "${c,,}" $p >"$T/long.dat"
	same_all "$T/long.dat" "$T/long.txt" 1000 16385
}

@test "tok: empty input, only separators, only a BOM: empty table" {
	: >"$T/empty"
	printf '\xef\xbb\xbf' >"$T/bom"
	printf ' .,;\r\n\xc2\xa0\xe3\x80\x80\t' >"$T/seps"
	printf '\xef\xbb' >"$T/halfbom"	# Python's utf-8-sig drops it too
	for f in empty bom seps halfbom; do
		: >"$T/none"
		same_all "$T/none" "$T/$f" 1 2
	done
}

@test "tok: a BOM split across reads is dropped; one that is not is kept" {
	printf '\xef\xbb\xbfHi hI' >"$T/in"
	printf 'hi 2 100.0\n' >"$T/exp"
	same_all "$T/exp" "$T/in" 1 2
	printf ' \xef\xbb\xbfHi' >"$T/in"	# not at the start: part of a word
	printf '\xef\xbb\xbfhi 1 100.0\n' >"$T/exp"
	same_all "$T/exp" "$T/in" 1 2
	printf '\xef\xbbHi' >"$T/in"
	printf '\xef\xbbhi 1 100.0\n' >"$T/exp"
	same_all "$T/exp" "$T/in" 1 2
}

@test "tok: a cut multi-byte space at the end is a word, not a space" {
	printf 'a \xe2\x80' >"$T/in"
	printf 'a 1 50.0\n\xe2\x80 1 50.0\n' >"$T/exp"
	same_all "$T/exp" "$T/in" 1 2
	printf 'trunc\xe2\x80 x' >"$T/in"	# E2 80 then a space: no U+2000
	printf 'trunc\xe2\x80 1 50.0\nx 1 50.0\n' >"$T/exp"
	same_all "$T/exp" "$T/in" 1 2
}

@test "tok: both classifiers agree on the books" {
	need_books pg87 pg50 pg13
	for b in pg87 pg50 pg13; do
		wc-count "$BOOKS_DIR/$b.txt" >"$T/simd"
		WC_NO_SIMD=1 wc-count "$BOOKS_DIR/$b.txt" >"$T/c"
		cmp "$T/simd" "$T/c"
		[ -s "$T/c" ]
	done
}

@test "tok: words of every length count as one, whatever follows them" {
	# what follows a word differs each time: the count must not care
	for l in $(seq 1 40); do
		w=$(head -c "$l" /dev/zero | tr '\0' a)
		printf '%s.%sX,%s\n' "$w" "${w^^}" "$w" | tr X ' '
		printf '%s 3 2.5\n' "$w" >>"$T/exp"
	done >"$T/in"
	same_all "$T/exp" "$T/in" 7
}
