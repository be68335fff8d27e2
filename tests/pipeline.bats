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
	[[ "$output" != *COUNT* ]]
	[[ "$output" != *ZIPF* ]]
	touch data/ties.txt
	run mk -j2 results V=1
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

# --- issue 11.1: no limit on the number of books; -F lists -----------------

@test "-F: zipf, wc-count -M and csvify read their operands from a list" {
	mk results
	printf 'processed_data/mixed.dat\n\nprocessed_data/ties.dat\n' > list
	[ "$(zipf -F list 10)" = "$(zipf 10 processed_data/mixed.dat processed_data/ties.dat)" ]
	[ "$(zipf -F - 3 < list)" = "$(zipf 3 processed_data/mixed.dat processed_data/ties.dat)" ]
	[ "$(zipf -F list 3 processed_data/empty.dat | sed -n 2p)" = "empty" ]
	[ "$(zipf -p -F list 3 processed_data/empty.dat | sed -n 2p)" = "empty,,," ]
	cmp <(wc-count -M -F list) <(wc-count -M processed_data/mixed.dat processed_data/ties.dat)
	csvify -F list
	[ "$(head -1 processed_data/ties.csv)" = "b,2,28.57142857142857" ]
	[ -e processed_data/mixed.csv ]
}

@test "-F: an empty list is no input, never stdin" {
	mk results
	: > empty.list
	run wc-count -M -F empty.list < processed_data/ties.dat
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run zipf -F empty.list 2 < processed_data/ties.dat
	[ "$output" = "Book,word1,word2" ]
}

@test "-F: a bad list is a clear error" {
	run --separate-stderr zipf -F no-such.list 10
	[ "$status" -eq 1 ]
	[ "$stderr" = "zipf: no-such.list: No such file or directory" ]
	printf '\nb\0c.dat\n' > nul.list
	run --separate-stderr wc-count -M -F nul.list
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-count: nul.list:2: a NUL byte in a path" ]
	run --separate-stderr csvify -F - <<<'-'
	[ "$status" -eq 1 ]
	[ "$stderr" = 'csvify: stdin:1: "-" (stdin) is the list itself' ]
	run -2 --separate-stderr zipf -F
	usage_ok zipf
}

# 520 books of 250-character names: a command line naming all the tables
# (140 KB) would pass the kernel's 128 KB limit on one argument, which is
# what bash -c gets as its recipe.
@test "more books than a command line can name: zipf and the corpus read lists" {
	rm data/*.txt
	for i in $(seq 1 520); do
		n=$(printf 'b%03d%0246d' "$i" 0)
		printf 'w%d x y\n' "$((i % 7))" > "data/$n.txt"
	done
	run mk -j2 results/results.csv corpus
	[ "$status" -eq 0 ]
	[ "$(wc -l < results/results.csv)" -eq 521 ]
	[ "$(sed -n 2p results/results.csv)" = "b001$(printf '%0246d' 0),1,1,1" ]
	ls processed_data/*.dat | wc-count -M -F - > flat.dat
	cmp results/corpus.dat flat.dat
	run mk -j2 results/results.csv corpus CORPUS_GROUP=8
	[[ "$output" == *"MERGE  processed_data/.corpus/2-1.dat"* ]]
	# the list stamps are read back as written: nothing to do
	run mk -j2 results/results.csv corpus CORPUS_GROUP=8
	[ "$status" -eq 0 ]
	[[ "$output" != *MERGE* ]]
}

# --- issue 14: the books in the tree, compressed, checked ------------------

@test "the tree's compressed books match data/MANIFEST's git blob ids" {
	cd "$ROOT/data"
	n=0
	for f in *.txt.gz; do
		want=$(awk -v n="${f%.gz}" '$3 == n { print $1 }' MANIFEST)
		[ "$(gzip -dc "$f" | git hash-object --stdin)" = "$want" ]
		n=$((n + 1))
	done
	[ "$n" -eq 61 ]
}

@test "offline: the compressed books are counted as they are, the rest skipped in one line" {
	need_ref dat/pg13.dat dat/pg87.dat
	rm data/*.txt
	cp "$ROOT/data/MANIFEST" "$ROOT"/data/pg13.txt.gz "$ROOT"/data/pg36.txt.gz \
		"$ROOT"/data/pg87.txt.gz data/
	run --separate-stderr mk -j2 results BOOKS_URL=file:///nonexistent/mirror
	[ "$status" -eq 0 ]
	cmp processed_data/pg13.dat "$REF/dat/pg13.dat"
	cmp processed_data/pg87.dat "$REF/dat/pg87.dat"
	[ "$(grep -c . <<<"$stderr")" -eq 1 ]
	[[ "$stderr" == "data: 61 not fetched, skipped: "*"pg10.txt "*"(not in file:///nonexistent/mirror)" ]]
	[ "$(wc -l < results/results.csv)" -eq 4 ]
	[[ "${lines[-1]}" == *"DONE   3 books counted; skipped: 61 not fetched"* ]]
}

@test "a compressed book that differs from MANIFEST fails its count, by name" {
	gzip -9n data/ties.txt
	echo "0123456789012345678901234567890123456789 - ties.txt" > data/MANIFEST
	run --separate-stderr mk results
	[ "$status" -ne 0 ]
	[[ "$stderr" == *"data: data/ties.txt.gz: git blob id $(gzip -dc data/ties.txt.gz | git hash-object --stdin) is not 0123456789012345678901234567890123456789"* ]]
	[ ! -e processed_data/ties.dat ]
	echo "$(gzip -dc data/ties.txt.gz | git hash-object --stdin) - ties.txt" > data/MANIFEST
	run mk results
	[ "$status" -eq 0 ]
	cmp processed_data/ties.dat "$FIX/wc-count/ties.dat"
}

@test "a book both plain and compressed is counted once, from the plain file" {
	printf 'other words\n' | gzip > data/ties.txt.gz
	gzip -c data/mixed.txt > data/only.txt.gz
	mk results
	cmp processed_data/ties.dat "$FIX/wc-count/ties.dat"
	cmp processed_data/only.dat "$FIX/wc-count/mixed.dat"
	[ "$(cut -d, -f1 results/results.csv | tr '\n' ' ')" = "Book empty mixed only ties " ]
}

# --- issue 13.2: book names -------------------------------------------------

@test "a book name outside the allow-list is skipped with one whole line, whatever it holds" {
	printf 'x\n' > 'data/a b.txt'
	printf 'x\n' > "data/x"$'\n'"y.txt"
	printf 'x\n' > 'data/*.txt'
	printf 'x\n' > 'data/q`id>PWN`.txt.gz'
	printf 'x\n' > Makefile.txt
	run --separate-stderr mk results
	[ "$status" -eq 0 ]
	[ "$(grep -c 'not a book name make can handle' <<<"$stderr")" -eq 4 ]
	[ "$(grep -c . <<<"$stderr")" -eq 4 ]
	[[ "$stderr" == *"data: a\\ b.txt: not a book name"* ]]
	[[ "$stderr" == *"data: \$'x\\ny.txt': not a book name"* ]]
	[ ! -e PWN ]
	[ "$(cut -d, -f1 results/results.csv | tr '\n' ' ')" = "Book empty mixed ties " ]
	[[ "${lines[-1]}" == *"3 books counted; skipped: 4 bad names"* ]]
}

@test "BOOKS: a name outside the allow-list is skipped with one line, never run" {
	run --separate-stderr mk results BOOKS='ties a*b q`>PWN` x;>PWN'
	[ "$status" -eq 0 ]
	[ ! -e PWN ]
	[ "$(grep -c 'not a book name make can handle' <<<"$stderr")" -eq 3 ]
	[ "$(cut -d, -f1 results/results.csv | tr '\n' ' ')" = "Book ties " ]
}

# --- issue 11.2: the corpus as a tree --------------------------------------

# b1 "a b", b2 "b b b", b3 "a a a": a and b tie at 4, and a occurs first.
# Merged by count in groups of 2, b would lead the first group and win the
# tie; the intermediates keep first-occurrence order, so a comes first.
@test "make corpus in groups: ties in first-occurrence order, as one wc-count -M" {
	rm data/*.txt
	echo "a b" > data/b1.txt
	echo "b b b" > data/b2.txt
	echo "a a a" > data/b3.txt
	run mk -j2 corpus CORPUS_GROUP=2
	[ "$status" -eq 0 ]
	[[ "$output" == *"MERGE  processed_data/.corpus/1-1.dat"* ]]
	[ "$(cat results/corpus.dat)" = $'a 4 50.0\nb 4 50.0' ]
	cmp results/corpus.dat <(wc-count -M processed_data/b1.dat processed_data/b2.dat processed_data/b3.dat)
}

@test "make corpus: three levels of groups give the bytes of one wc-count -M" {
	rm data/*.txt
	for i in $(seq 1 23); do
		for j in $(seq 1 $((i % 5 + 1))); do
			printf 'w%d w%d v%d ' $((i * j % 11)) $((j % 3)) $((i % 4))
		done > "data/t$i.txt"
	done
	run mk -j2 corpus CORPUS_GROUP=3
	[ "$status" -eq 0 ]
	[ -e processed_data/.corpus/2-7.dat ]
	ls processed_data/t*.dat | sort -V | wc-count -M -F - > flat.dat
	cmp results/corpus.dat flat.dat
	run mk -j2 corpus CORPUS_GROUP=3
	[[ "$output" != *MERGE* ]]
}

# --- issue 11.3: output a person can read -----------------------------------

@test "one short line per step, V=1 the commands, and a last line that sums up" {
	run mk -j2 results
	[ "$status" -eq 0 ]
	[[ "$output" == *"  COUNT  ties"* ]]
	[[ "$output" == *"  ZIPF   results/results.csv"* ]]
	[[ "$output" != *"wc-count -o"* ]]
	[[ "${lines[-1]}" == "  DONE   3 books counted; results in results/ (results.csv, zipf-fit.csv)"* ]]
	mk clean
	run mk -j2 results V=1
	[[ "$output" == *"wc-count -o processed_data/ties.dat data/ties.txt"* ]]
	[[ "$output" != *"  COUNT  "* ]]
}

# --- issue 11.7: two runs, one tree -----------------------------------------

@test "two make results at once in one tree both finish with the full results" {
	mirror
	rm "$M/bad.txt"
	sed -i '/bad.txt/d; /missing.txt/d' data/MANIFEST
	for i in $(seq 1 12); do
		printf 'book %d words %d\n' "$i" "$i" > "$M/n$i.txt"
		echo "$(git hash-object "$M/n$i.txt") - n$i.txt" >> data/MANIFEST
	done
	for round in 1 2 3; do
		rm -rf processed_data results data/mixed.txt data/ties.txt data/n*.txt
		mk -j2 results BOOKS_URL="$M" > out1 2>&1 &
		p1=$!
		mk -j2 results BOOKS_URL="$M" > out2 2>&1 &
		p2=$!
		wait "$p1"
		wait "$p2"
		[ "$(wc -l < results/results.csv)" -eq 16 ]
		[ "$(ls data/*.txt | wc -l)" -eq 15 ]
		[ -z "$(find data processed_data results -name '*.tmp' -o -name '*download*' -o -name '.books.mk.*')" ]
	done
	cmp processed_data/ties.dat "$FIX/wc-count/ties.dat"
	[ "$(sed -n 2p results/results.csv)" = "empty" ]
}

# --- issue 12 section 4: make -n writes nothing; fragments named ----------

@test "make -n writes nothing: no stamp, no list, no build tree" {
	before=$(find . -newer data/empty.txt)
	run mk -n results corpus B="$BATS_TEST_TMPDIR/nb"
	[ "$status" -eq 0 ]
	[[ "$output" == *"wc-count -o processed_data/ties.dat data/ties.txt"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/nb" ]
	[ "$(find . -newer data/empty.txt)" = "$before" ]
	mk results
	cp -p processed_data/.knobs/N n.before
	run mk -n results N=3 CFLAGS=-O1
	[[ "$output" == *"zipf -o results/results.csv -F processed_data/.lists/dats 3"* ]]
	cmp processed_data/.knobs/N n.before
	[ "$(sed -n 1p results/results.csv)" = "Book,word1,word2,word3,word4,word5,word6,word7,word8,word9,word10" ]
}

@test "the Makefile names its fragments: a missing one is an error" {
	cp -r "$ROOT/mk" "$ROOT/Makefile" "$BATS_TEST_TMPDIR/"
	rm "$BATS_TEST_TMPDIR/mk/acf.mk"
	run env -u MAKEFLAGS -u MAKELEVEL make -f "$BATS_TEST_TMPDIR/Makefile" B="$BIN" help
	[ "$status" -ne 0 ]
	[[ "$output" == *"mk/acf.mk: No such file or directory"* ]]
}

# --- issue 13.9: a knob that changes an output remakes it -----------------

@test "a knob that changes an output remakes it, and only when its value changes" {
	mk results
	run mk results N=3
	[[ "$output" == *"ZIPF   results/results.csv"* ]]
	[[ "$output" != *COUNT* ]]
	[ "$(sed -n 1p results/results.csv)" = "Book,word1,word2,word3" ]
	# the Zipf charts fit the top N, and the page shows them
	[[ "$output" == *"ZIPF   ties"* ]]
	[[ "$output" == *"REPORT results/index.html"* ]]
	run mk results N=3
	[[ "$output" != *ZIPF* ]]
	[[ "$output" != *REPORT* ]]
	run mk -n results KEEP_BOM=1
	[[ "$output" == *"wc-count -b -o processed_data/ties.dat data/ties.txt"* ]]
	mk acf BOOKS=mixed ACFFLAGS='-t 5'
	run mk acf BOOKS=mixed ACFFLAGS='-a -t 5'
	[[ "$output" == *"ACF    mixed"* ]]
	[ "$(cut -d, -f1-2 results/mixed_acf.csv | head -1)" = "t,acf" ]
}

@test "a book that leaves the list leaves the Zipf table and the corpus" {
	mk results corpus
	rm data/mixed.txt
	run mk results corpus
	[ "$status" -eq 0 ]
	[ "$(cut -d, -f1 results/results.csv | tr '\n' ' ')" = "Book empty ties " ]
	cmp results/corpus.dat <(wc-count -M processed_data/empty.dat processed_data/ties.dat)
}

@test "a book list left empty without network is rebuilt for another BOOKS_URL" {
	mirror
	run mk results BOOKS_URL=file:///nonexistent
	[[ "$output" != *"COUNT  mixed"* ]]
	run mk results BOOKS_URL="$M"
	[ "$status" -eq 0 ]
	[[ "$output" == *"COUNT  mixed"* ]]
	[ "$(wc -l < results/results.csv)" -eq 4 ]
}

@test "make -n on a fresh clone's data/: the checks, the counts and the fetches it would run" {
	cp "$ROOT/data/MANIFEST" "$ROOT/data/pg13.txt.gz" data/
	run --separate-stderr mk -n results
	[ "$status" -eq 0 ]
	[[ "$output" == *"fetch-book.sh -c data/MANIFEST data/pg13.txt.gz"* ]]
	[[ "$output" == *"wc-count -o processed_data/pg13.dat data/pg13.txt.gz"* ]]
	[[ "$output" == *"fetch-book.sh 'https://raw.githubusercontent.com/ENCCS/word-count-hpda/main/data' data/MANIFEST data pg10"* ]]
	[[ "$output" == *"wc-count -o processed_data/ties.dat data/ties.txt"* ]]
	[ ! -e processed_data ]
}

@test "LAUNCH prefixes every per-book step, one command each" {
	run mk results acf BOOKS=mixed ACFFLAGS='-t 5' V=1 LAUNCH='env WC_VIA=launch'
	[ "$status" -eq 0 ]
	[[ "$output" == *"env WC_VIA=launch $BIN/wc-count -o processed_data/mixed.dat data/mixed.txt"* ]]
	[[ "$output" == *"env WC_VIA=launch $BIN/acf -t 5 -o results/mixed_acf.csv data/mixed.txt processed_data/mixed.dat"* ]]
	cmp processed_data/mixed.dat "$FIX/wc-count/mixed.dat"
}
