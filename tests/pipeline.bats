#!/usr/bin/env bats
# The real make targets on a small corpus of our own.
load test_helper

setup() {
	W=$BATS_TEST_TMPDIR/w
	mkdir -p "$W/data"
	cp "$FIX/wc-count/mixed.txt" "$W/data/mixed.txt"
	cp "$FIX/wc-count/ties.txt" "$W/data/ties.txt"
	cp "$FIX/wc-count/empty.txt" "$W/data/empty.txt"
	cd "$W"
}

# A make of its own, not a sub-make of the make check that runs us.
mk() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -f "$ROOT/Makefile" B="$BIN" "$@"
}

@test "make -j2 results: a .dat per book and the Zipf table in natural order" {
	run mk -j2 results
	[ "$status" -eq 0 ]
	cmp processed_data/mixed.dat "$FIX/wc-count/mixed.dat"
	cmp processed_data/ties.dat "$FIX/wc-count/ties.dat"
	[ -e processed_data/empty.dat ]
	[ ! -s processed_data/empty.dat ]
	[ "$(cat results/results.csv)" = "$(zipf 10 processed_data/empty.dat processed_data/mixed.dat processed_data/ties.dat)" ]
	[ "$(sed -n 1p results/zipf-fit.csv)" = "Book,word1,word2,word3,word4,word5,word6,word7,word8,word9,word10,s,r2" ]
}

@test "natural order: pg2 before pg10" {
	rm data/*.txt
	printf 'a\n' > data/pg10.txt
	printf 'b\n' > data/pg2.txt
	mk results
	[ "$(cut -d, -f1 results/results.csv | tr '\n' ' ')" = "Book pg2 pg10 " ]
}

@test "a second run does nothing; a touched book reruns only its own count" {
	mk -j2 results
	run mk -j2 results
	[ "$status" -eq 0 ]
	[[ "$output" != *wc-count* ]]
	touch data/ties.txt
	run mk -j2 results
	[[ "$output" == *"wc-count -o processed_data/ties.dat data/ties.txt"* ]]
	[[ "$output" != *"processed_data/mixed.dat data/mixed.txt"* ]]
	[[ "$output" == *"zipf -o results/results.csv"* ]]
}

@test "make -n is truthful: it shows the work and does none" {
	mk results
	touch data/mixed.txt
	before=$(stat -c %Y processed_data/mixed.dat)
	run mk -n results
	[ "$status" -eq 0 ]
	[[ "$output" == *"wc-count -o processed_data/mixed.dat data/mixed.txt"* ]]
	[ "$(stat -c %Y processed_data/mixed.dat)" = "$before" ]
}

@test "a new book in data/ joins the run" {
	mk results
	printf 'new words new\n' > data/zeta.txt
	run mk results
	[ "$status" -eq 0 ]
	[ "$(cat processed_data/zeta.dat)" = $'new 2 66.66666666666666\nwords 1 33.33333333333333' ]
	# a short book: only its counts, as zipf_test.py writes them
	[ "$(tail -1 results/results.csv)" = "zeta,2,1" ]
}

@test "BOOKS restricts the run to those books" {
	run mk results BOOKS=ties
	[ "$status" -eq 0 ]
	[ -e processed_data/ties.dat ]
	[ ! -e processed_data/mixed.dat ]
	[ "$(wc -l < results/results.csv)" -eq 2 ]
}

@test "make csv and make corpus" {
	mk -j2 csv corpus
	[ "$(head -1 processed_data/ties.csv)" = "b,2,28.57142857142857" ]
	cmp results/corpus.dat <(wc-count -M processed_data/empty.dat processed_data/mixed.dat processed_data/ties.dat)
}

@test "a book that cannot be counted fails the run and leaves no .dat" {
	mkdir data/broken.txt
	run mk results
	[ "$status" -ne 0 ]
	[[ "$output" == *"wc-count: data/broken.txt: Is a directory"* ]]
	[ ! -e processed_data/broken.dat ]
}

@test "make clean removes the outputs; make help lists the targets" {
	mk results
	mk clean
	[ ! -e processed_data ]
	[ ! -e results ]
	[ -e data/mixed.txt ]
	run mk help
	[[ "$output" == *"results"*"clean"*"check"* ]]
}

# The offline mirror: fetched books are verified by git blob id; a missing
# or altered book is reported once, by name, and the run goes on.
mirror() {
	M=$BATS_TEST_TMPDIR/mirror
	mkdir -p "$M"
	mv data/mixed.txt data/ties.txt "$M/"
	printf 'original\n' > "$M/bad.txt"
	{
		echo "# test manifest"
		echo "$(git hash-object "$M/mixed.txt") - mixed.txt"
		echo "$(git hash-object "$M/ties.txt") - ties.txt"
		echo "$(git hash-object "$M/bad.txt") - bad.txt"
		echo "0123456789012345678901234567890123456789 - missing.txt"
	} > data/MANIFEST
	printf 'tampered\n' > "$M/bad.txt"
}

@test "fetching from a mirror directory: verified, partial failures reported once" {
	mirror
	run --separate-stderr mk -j2 results BOOKS_URL="$M"
	[ "$status" -eq 0 ]
	cmp data/mixed.txt "$M/mixed.txt"
	cmp processed_data/ties.dat "$FIX/wc-count/ties.dat"
	[ ! -e data/bad.txt ]
	[ ! -e data/missing.txt ]
	[ -z "$(ls data | grep download)" ]
	[ "$(grep -c 'bad.txt' <<<"$stderr")" -eq 1 ]
	[ "$(grep -c 'missing.txt' <<<"$stderr")" -eq 1 ]
	[[ "$stderr" == *"fetch: bad.txt: git blob id "*" is not "* ]]
	[ "$(wc -l < results/results.csv)" -eq 4 ]
}

@test "fetching from a file:// URL; make data fetches only what is missing" {
	mirror
	run -0 mk data BOOKS_URL="file://$M"
	cmp data/mixed.txt "$M/mixed.txt"
	cmp data/ties.txt "$M/ties.txt"
	# A book fetched again would be a new file (fetched, then renamed).
	touch -d @1000000000 data/mixed.txt
	before=$(stat -c %i:%Y data/mixed.txt)
	rm data/ties.txt
	run -0 mk data BOOKS_URL="file://$M"
	cmp data/ties.txt "$M/ties.txt"
	[ "$(stat -c %i:%Y data/mixed.txt)" = "$before" ]
}

@test "parity with the lesson: the reference books fetched from the mirror" {
	need_ref "${REF_DATS[@]}" results.csv
	need_books "${REF_BOOKS[@]}"
	rm data/*.txt
	cp "$ROOT/data/MANIFEST" data/
	run mk -j2 results BOOKS="pg13 pg36 pg50 pg65 pg79 pg87 pg117" BOOKS_URL="$BOOKS_DIR"
	[ "$status" -eq 0 ]
	for b in pg13 pg117 pg36 pg50 pg65 pg79 pg87; do
		cmp "processed_data/$b.dat" "$REF/dat/$b.dat"
	done
	cmp results/results.csv "$REF/results.csv"
}

@test "a missing C compiler or zlib stops make with one line naming the package" {
	run mk B="$BATS_TEST_TMPDIR/b1" CC=no-such-cc
	[ "$status" -ne 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"no C compiler (no-such-cc): install gcc (Debian/Ubuntu: apt-get install gcc"* ]]
	run mk B="$BATS_TEST_TMPDIR/b2" CC="cc -nostdinc"
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"zlib headers not found: install zlib (Debian/Ubuntu: apt-get install zlib1g-dev"* ]]
}

@test "make install puts every tool and man page under DESTDIR/PREFIX" {
	run mk install DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/opt/wc
	[ "$status" -eq 0 ]
	for t in "$ROOT"/tools/*.c; do
		t=$(basename "$t" .c)
		[ -x "$BATS_TEST_TMPDIR/root/opt/wc/bin/$t" ]
		[ -f "$BATS_TEST_TMPDIR/root/opt/wc/share/man/man1/$t.1" ]
	done
	run mk uninstall DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/opt/wc
	[ -z "$(ls "$BATS_TEST_TMPDIR/root/opt/wc/bin")" ]
}
