#!/usr/bin/env bats
load test_helper

A=$FIX/acf

# Hand-worked fixtures.  yx.txt is "Y x y X / y, x; y x." (CRLF): the words
# y x y x y x y x, y at 0 2 4 6 and x at 1 3 5 7.  With index 0 skipped,
# y: lag 0 3/4, lag 2 2/4; x: lag 0 4/4, lag 2 3/4; odd lags 0.
# spaced.txt: x at 0 5 10 15 among 16 distinct fillers (N = 20), so x
# peaks at lags 5 (2/4) and 10 (1/4), not 15 (its pair starts at 0).

@test "two words at fixed spacing: the hand-worked average" {
	run -0 --separate-stderr acf -n 2 -t 4 "$A/yx.txt" "$A/yx.dat"
	[ "$output" = "$(cat "$A/yx.csv")" ]
	[ -z "$stderr" ]
}

@test "a word every 5 words peaks at lags 5 and 10, first column counts from 1" {
	run -0 acf -w x -t 20 "$A/spaced.txt"
	[ "$output" = "$(cat "$A/spaced.csv")" ]
	[ "${lines[5]}" = "6.000000000000000000e+00,5.000000000000000000e-01" ]
}

@test "a word at index 0 is skipped there, as the lesson's loop does" {
	# y occurs at 0 2 4 6: lag 0 is 3/4 and lag 2 is 2/4, not 1 and 3/4.
	run -0 acf -w y -t 3 "$A/yx.txt"
	[ "${lines[0]}" = "1.000000000000000000e+00,7.500000000000000000e-01" ]
	[ "${lines[2]}" = "3.000000000000000000e+00,5.000000000000000000e-01" ]
}

@test "-a: header t,acf,words then one column per word" {
	run -0 acf -a -n 2 -t 4 "$A/yx.txt" "$A/yx.dat"
	[ "$output" = "$(cat "$A/yx-a.csv")" ]
}

@test "-w words are lower-cased and keep their order" {
	run -0 acf -a -w X -w Y -t 4 "$A/yx.txt"
	[ "${lines[0]}" = "t,acf,x,y" ]
	[ "${lines[1]}" = "1.000000000000000000e+00,8.750000000000000000e-01,1.000000000000000000e+00,7.500000000000000000e-01" ]
}

@test "a .dat with fewer words than asked: uses them and says so" {
	run -0 --separate-stderr acf -t 4 "$A/yx.txt" "$A/yx.dat"
	[ "$output" = "$(cat "$A/yx.csv")" ]
	[[ "$stderr" == "acf: $A/yx.dat: 2 words, fewer than the 10 asked"* ]]
}

@test "-o writes the file atomically; the same bytes as stdout" {
	acf -n 2 -t 4 -o "$BATS_TEST_TMPDIR/out.csv" "$A/yx.txt" "$A/yx.dat"
	cmp "$BATS_TEST_TMPDIR/out.csv" "$A/yx.csv"
	no_tmp_left "$BATS_TEST_TMPDIR"
}

@test "stdin and gzip inputs" {
	gzip -c "$A/yx.txt" > "$BATS_TEST_TMPDIR/yx.txt.gz"
	run -0 acf -n 2 -t 4 - "$A/yx.dat" < "$BATS_TEST_TMPDIR/yx.txt.gz"
	[ "$output" = "$(cat "$A/yx.csv")" ]
	run -0 acf -n 2 -t 4 "$A/yx.txt" - < "$A/yx.dat"
	[ "$output" = "$(cat "$A/yx.csv")" ]
}

@test "a word that never occurs: error naming it, no output file" {
	run -1 --separate-stderr acf -w x -w zebra -t 4 \
	    -o "$BATS_TEST_TMPDIR/out.csv" "$A/yx.txt"
	[ "$stderr" = "acf: $A/yx.txt: the word \"zebra\" never occurs" ]
	[ -z "$output" ]
	[ ! -e "$BATS_TEST_TMPDIR/out.csv" ]
	no_tmp_left "$BATS_TEST_TMPDIR"
}

@test "a .dat of another book (top word absent): error" {
	printf 'zebra 4 50.0\nx 4 50.0\n' > "$BATS_TEST_TMPDIR/other.dat"
	run -1 --separate-stderr acf -t 4 "$A/yx.txt" "$BATS_TEST_TMPDIR/other.dat"
	[[ "$stderr" == *"other.dat: not the table of $A/yx.txt: its top word \"zebra\" never occurs there" ]]
	[ -z "$output" ]
	# with -w too: only the table's top word is checked
	run -1 --separate-stderr acf -w x -t 4 "$A/yx.txt" "$BATS_TEST_TMPDIR/other.dat"
	[[ "$stderr" == *"its top word \"zebra\" never occurs there" ]]
}

@test "a stale .dat (other counts): a warning, the result stands" {
	printf 'y 5 50.0\nx 4 50.0\n' > "$BATS_TEST_TMPDIR/stale.dat"
	run -0 --separate-stderr acf -n 2 -t 4 "$A/yx.txt" "$BATS_TEST_TMPDIR/stale.dat"
	[ "$output" = "$(cat "$A/yx.csv")" ]
	[[ "$stderr" == *"stale.dat:1: \"y\" counted 5, but $A/yx.txt has 4" ]]
}

@test "timesteps past the book's length: zero rows, as the lesson's loop gives" {
	# 8 words: lags 8 and more pair nothing (x's lag 7 pairs none either,
	# its occurrence at 0 being skipped); all timesteps rows are written.
	run -0 --separate-stderr acf -a -w x -w y -t 12 "$A/yx.txt"
	[ "${#lines[@]}" -eq 13 ]
	[ "${lines[7]}" = "7.000000000000000000e+00,1.250000000000000000e-01,2.500000000000000000e-01,0.000000000000000000e+00" ]
	[ "${lines[12]}" = "1.200000000000000000e+01,0.000000000000000000e+00,0.000000000000000000e+00,0.000000000000000000e+00" ]
	[ -z "$stderr" ]
	# The first 8 rows are those of -t 8.
	run -0 acf -w x -w y -t 8 "$A/yx.txt"
	[ "$(acf -w x -w y -t 12 "$A/yx.txt" | head -8)" = "$output" ]
}

@test "a book of fewer than 100 words gets the lesson's 100 rows (reference closed form)" {
	printf 'The cat and the hat; the end.\n' > "$BATS_TEST_TMPDIR/s.txt"
	wc-count "$BATS_TEST_TMPDIR/s.txt" > "$BATS_TEST_TMPDIR/s.dat"
	run -0 --separate-stderr acf "$BATS_TEST_TMPDIR/s.txt" "$BATS_TEST_TMPDIR/s.dat"
	[ "${#lines[@]}" -eq 100 ]
	# words: the cat and the hat the end (N = 7); 5 distinct, all chosen.
	# lag 0: the 2/3 (index 0 skipped), the others 1, summed in .dat order
	# then divided by 5; lag 2: the 1/3 (3 and 5), the others 0.
	[ "${lines[0]}" = "1.000000000000000000e+00,9.333333333333332371e-01" ]
	[ "${lines[2]}" = "3.000000000000000000e+00,6.666666666666666574e-02" ]
	[ "${lines[6]}" = "7.000000000000000000e+00,0.000000000000000000e+00" ]
	[ "${lines[99]}" = "1.000000000000000000e+02,0.000000000000000000e+00" ]
}

@test "timesteps 0, words 0: bad usage" {
	run -2 --separate-stderr acf -t 0 "$A/yx.txt" "$A/yx.dat"
	[[ "$stderr" == *timesteps* ]]
	run -2 --separate-stderr acf -n 0 "$A/yx.txt" "$A/yx.dat"
	[[ "$stderr" == *words* ]]
}

@test "a malformed .dat row or a missing file: path-qualified error" {
	printf 'y 4 50.0\nx four 50.0\n' > "$BATS_TEST_TMPDIR/bad.dat"
	run -1 --separate-stderr acf -t 4 "$A/yx.txt" "$BATS_TEST_TMPDIR/bad.dat"
	[[ "$stderr" == "acf: $BATS_TEST_TMPDIR/bad.dat:2: count \"four\" is not a number" ]]
	# the rows after the ones used are not read
	run -0 acf -n 1 -t 4 "$A/yx.txt" "$BATS_TEST_TMPDIR/bad.dat"
	run -1 --separate-stderr acf "$BATS_TEST_TMPDIR/none.txt" "$A/yx.dat"
	[ "$stderr" = "acf: $BATS_TEST_TMPDIR/none.txt: No such file or directory" ]
	: > "$BATS_TEST_TMPDIR/empty.dat"
	run -1 --separate-stderr acf "$A/yx.txt" "$BATS_TEST_TMPDIR/empty.dat"
	[ "$stderr" = "acf: $BATS_TEST_TMPDIR/empty.dat: no words" ]
}

@test "a full disk is an error" {
	[ -w /dev/full ] || skip "no /dev/full"
	run -1 --separate-stderr acf -n 2 -t 4 -o /dev/full "$A/yx.txt" "$A/yx.dat"
	[[ "$stderr" == *"No space left on device"* ]]
}

@test "usage errors" {
	run -2 --separate-stderr acf -Z "$A/yx.txt" "$A/yx.dat"
	usage_ok acf
	run -2 --separate-stderr acf
	usage_ok acf
	run -2 --separate-stderr acf "$A/yx.txt"
	usage_ok acf
	run -2 --separate-stderr acf "$A/yx.txt" "$A/yx.dat" extra
	usage_ok acf
	run -2 --separate-stderr acf -n 2 -w x "$A/yx.txt" "$A/yx.dat"
	usage_ok acf
	run -2 --separate-stderr acf - -
	usage_ok acf
	run -2 --separate-stderr acf -t x "$A/yx.txt" "$A/yx.dat"
	[[ "$stderr" == *'timesteps "x" is not a number'* ]]
	# a -w word the tokenizer would split can never occur
	run -2 --separate-stderr acf -w "y,x" "$A/yx.txt"
	[[ "$stderr" == 'acf: -w "y,x" is not one word'* ]]
	usage_ok acf
	run -2 --separate-stderr acf -w "" "$A/yx.txt"
	usage_ok acf
}

@test "-h prints the usage on stdout" {
	run -0 --separate-stderr acf -h
	[[ "$output" == "usage: acf "* ]]
	[ -z "$stderr" ]
}

# The lesson's own numbers.

@test "parity with every reference book (the reference .dat)" {
	need_ref "${REF_DATS[@]}" "${REF_ACFS[@]}"
	need_books "${REF_BOOKS[@]}"
	local ref b n=0
	for ref in "$REF"/acf/*.csv; do
		b=$(basename "$ref" .csv)
		acf "$BOOKS_DIR/$b.txt" "$REF/dat/$b.dat" | cmp - "$ref"
		n=$((n + 1))
	done
	[ "$n" -eq 7 ]
}

@test "parity through wc-count's own .dat, and the same words as wc-count" {
	need_ref "${REF_ACFS[@]}"
	need_books "${REF_BOOKS[@]}"
	local ref b n=0
	for ref in "$REF"/acf/*.csv; do
		b=$(basename "$ref" .csv)
		wc-count -o "$BATS_TEST_TMPDIR/$b.dat" "$BOOKS_DIR/$b.txt"
		acf -o "$BATS_TEST_TMPDIR/$b.csv" "$BOOKS_DIR/$b.txt" \
		    "$BATS_TEST_TMPDIR/$b.dat" 2> "$BATS_TEST_TMPDIR/err"
		cmp "$BATS_TEST_TMPDIR/$b.csv" "$ref"
		# no count-mismatch warning: acf saw every count wc-count saw
		[ ! -s "$BATS_TEST_TMPDIR/err" ]
		n=$((n + 1))
	done
	[ "$n" -eq 7 ]
}

@test "pg65's tie at rank 10: the table's order decides (in, not tm)" {
	need_ref dat/pg65.dat acf/pg65.csv
	need_books pg65
	local top
	top=(the of gutenberg project to or you and a)
	acf "$BOOKS_DIR/pg65.txt" "$REF/dat/pg65.dat" > "$BATS_TEST_TMPDIR/n10.csv"
	cmp "$BATS_TEST_TMPDIR/n10.csv" "$REF/acf/pg65.csv"
	acf "${top[@]/#/-w}" -w in "$BOOKS_DIR/pg65.txt" | cmp - "$REF/acf/pg65.csv"
	run -0 acf "${top[@]/#/-w}" -w tm "$BOOKS_DIR/pg65.txt"
	[ "$output" != "$(cat "$REF/acf/pg65.csv")" ]
	run -0 acf -n 11 -a "$BOOKS_DIR/pg65.txt" "$REF/dat/pg65.dat"
	[ "${lines[0]}" = "t,acf,the,of,gutenberg,project,to,or,you,and,a,in,tm" ]
}

@test "-a keeps the average column byte-identical to the lesson's" {
	need_ref dat/pg13.dat acf/pg13.csv
	need_books pg13
	acf -a "$BOOKS_DIR/pg13.txt" "$REF/dat/pg13.dat" | tail -n +2 |
	    cut -d, -f1,2 | cmp - "$REF/acf/pg13.csv"
}

# The make graph: results/NAME_acf.csv from data/NAME.txt and its .dat.

@test "make: results/NAME_acf.csv for each book, under -j2, same bytes as acf" {
	[ "$(cd "$BIN" && pwd -P)" = "$(cd "$ROOT/bin" && pwd -P)" ] ||
	    skip "make builds into bin/, not $BIN"
	local d=$BATS_TEST_TMPDIR/p i mk
	mkdir -p "$d/data"
	for i in $(seq 400); do
		echo "w$((i % 7)) the x$((i % 3)) and"
	done > "$d/data/b1.txt"
	cp "$A/spaced.txt" "$d/data/b2.txt"
	cat "$d/data/b1.txt" >> "$d/data/b2.txt"
	# make -C: $BIN may be a relative path.  -o: the tools are built, and
	# other suites may be running them.
	mk=(make --no-print-directory -C "$d" -f "$ROOT/Makefile"
	    -o "$ROOT/bin/acf" -o "$ROOT/bin/wc-count")
	run -0 "${mk[@]}" -s -j2 results/b1_acf.csv results/b2_acf.csv
	wc-count "$d/data/b1.txt" | cmp - "$d/processed_data/b1.dat"
	acf "$d/data/b1.txt" "$d/processed_data/b1.dat" | cmp - "$d/results/b1_acf.csv"
	acf "$d/data/b2.txt" "$d/processed_data/b2.dat" | cmp - "$d/results/b2_acf.csv"
	[ "$(wc -l < "$d/results/b2_acf.csv")" -eq 100 ]
	# up to date: nothing to do; a newer book redoes its own files only
	# (real runs: make -n shows the flags stamp's rebuild chain)
	run -0 "${mk[@]}" results/b1_acf.csv results/b2_acf.csv
	[[ "$output" != *"acf -o"* ]]
	touch "$d/data/b2.txt"
	run -0 "${mk[@]}" results/b1_acf.csv results/b2_acf.csv
	[[ "$output" == *"acf -o results/b2_acf.csv data/b2.txt processed_data/b2.dat"* ]]
	[[ "$output" != *b1.txt* ]]
}

@test "random books against the lesson's loop, written out in Python" {
	command -v python3 > /dev/null || skip "no python3"
	# The lesson's word_autocorr and the axis-0 average, as plain loops
	# (numpy sums axis 0 one row after another, as these do).
	run -0 python3 - <<'PY'
import os, random, subprocess
book = os.environ['BATS_TEST_TMPDIR'] + '/r.txt'
random.seed(4)
for trial in range(60):
    n = random.randint(2, 200)
    words = [random.choice('abcdef'[:random.randint(1, 6)]) for _ in range(n)]
    open(book, 'w').write(' '.join(words) + '\n')
    steps = random.randint(1, 2 * n + 3)	# past the book's length too
    vocab = sorted(set(words))
    chosen = random.sample(vocab, random.randint(1, len(vocab)))
    acfs = []
    for w in chosen:
        m = [x == w for x in words]
        a = []
        for t in range(steps):
            s = 0.0
            for i in range(1, n - t):
                s += m[i] * m[i + t]
            a.append(s / sum(m))
        acfs.append(a)
    want = ''
    for t in range(steps):
        s = 0.0
        for a in acfs:
            s += a[t]
        want += '%.18e,%.18e\n' % (t + 1, s / len(chosen))
    args = ['acf', '-t', str(steps)]
    for w in chosen:
        args += ['-w', w]
    got = subprocess.run(args + [book], capture_output=True,
                         text=True).stdout
    if got != want:
        print('differs:', words, steps, chosen)
        raise SystemExit(1)
PY
}
