#!/usr/bin/env bats
# mk/fresh.mk: after a run over every book, make results looks only at the
# books changed since (and at every book when anything else changed).
load test_helper

setup() {
	W=$BATS_TEST_TMPDIR/w
	mkdir -p "$W/data"
	cp "$FIX/wc-count/mixed.txt" "$W/data/mixed.txt"
	cp "$FIX/wc-count/ties.txt" "$W/data/ties.txt"
	printf 'one two two\n' > "$W/data/small.txt"
	cd "$W"
}

# a second after .fresh's date, so that what the test does next is newer
# than it even on a file system with one-second times
after_fresh() {
	sleep 1.1
}

# chart C made older than its table: make itself would redraw it; a run
# that does not look at the book does not
age() {
	touch -d '2000-01-01 00:00' "$1"
}

@test "a run over every book leaves processed_data/.fresh, dated when it started" {
	t0=$(date +%s)
	mk -j2 results
	[ -e processed_data/.fresh ]
	t=$(stat -c %Y processed_data/.fresh)
	[ "$t" -ge $((t0 - 1)) ]
	[ "$t" -le "$(stat -c %Y results/index.html)" ]
	# no temporary file left behind
	run ls -A processed_data
	[[ "$output" != *.tmp* ]]
}

@test "after it, a book not changed is not looked at; FRESH=0 looks at every book" {
	mk -j2 results
	after_fresh
	age results/mixed.png
	run mk results
	[ "$status" -eq 0 ]
	[[ "$output" != *"PLOT   mixed"* ]]
	[[ "$output" == *"DONE   3 books counted"* ]]
	run mk results FRESH=0
	[ "$status" -eq 0 ]
	[[ "$output" == *"PLOT   mixed"* ]]
}

@test "a changed text is counted and charted again, and only it" {
	mk -j2 results
	after_fresh
	age results/mixed.png
	printf 'three three three four\n' > data/small.txt
	run mk results
	[ "$status" -eq 0 ]
	[[ "$output" == *"COUNT  small"* ]]
	[[ "$output" == *"PLOT   small"* ]]
	[[ "$output" == *"ZIPF   small"* ]]
	[[ "$output" != *"COUNT  mixed"* ]]
	[[ "$output" != *"PLOT   mixed"* ]]
	[ "$(head -1 processed_data/small.dat)" = "three 3 75.0" ]
	grep -qx 'small,3,1' results/results.csv
}

@test "a text put back with an old date (cp -p, tar) is counted again: its ctime is new" {
	mk -j2 results
	after_fresh
	printf 'five five\n' > "$BATS_TEST_TMPDIR/small.txt"
	age "$BATS_TEST_TMPDIR/small.txt"
	cp -p "$BATS_TEST_TMPDIR/small.txt" data/small.txt
	run mk results
	[ "$status" -eq 0 ]
	[[ "$output" == *"COUNT  small"* ]]
	[ "$(head -1 processed_data/small.dat)" = "five 2 100.0" ]
}

@test "a missing table or chart is made again" {
	mk -j2 results
	after_fresh
	rm processed_data/ties.dat results/mixed_zipf.png results/small.png
	run mk results
	[ "$status" -eq 0 ]
	[[ "$output" == *"COUNT  ties"* ]]
	[[ "$output" == *"ZIPF   mixed"* ]]
	[[ "$output" == *"PLOT   small"* ]]
	[[ "$output" != *"COUNT  mixed"* ]]
	[ -e processed_data/ties.dat ]
	[ -e results/mixed_zipf.png ]
	[ -e results/small.png ]
}

@test "a new book is counted, charted and in the table" {
	mk -j2 results
	after_fresh
	printf 'new words new\n' > data/added.txt
	run mk results
	[ "$status" -eq 0 ]
	[[ "$output" == *"COUNT  added"* ]]
	[[ "$output" == *"DONE   4 books counted"* ]]
	grep -qx 'added,2,1' results/results.csv
	[ -e results/added_zipf.png ]
}

@test "a knob that changes the outputs (N) looks at every book" {
	mk -j2 results
	after_fresh
	age results/mixed.png
	run mk results N=5
	[ "$status" -eq 0 ]
	[[ "$output" == *"ZIPF   mixed"* ]]
	[[ "$output" == *"ZIPF   ties"* ]]
	# the bar chart does not depend on N: make itself redraws it, being
	# older than its table, so every book was looked at
	[[ "$output" == *"PLOT   mixed"* ]]
}

@test "a tool newer than .fresh looks at every book" {
	mk -j2 results
	after_fresh
	age results/mixed.png
	touch -r "$BIN/wc-plotdata" "$BATS_TEST_TMPDIR/when"
	touch "$BIN/wc-plotdata"
	run mk results
	touch -r "$BATS_TEST_TMPDIR/when" "$BIN/wc-plotdata"
	[ "$status" -eq 0 ]
	[[ "$output" == *"PLOT   mixed"* ]]
	[[ "$output" == *"PLOT   small"* ]]
}

@test "BOOKS=..., other goals and make -n neither use nor write .fresh" {
	mk -j2 results
	after_fresh
	age results/mixed.png
	before=$(stat -c %Y processed_data/.fresh)
	run mk results BOOKS="mixed ties"
	[ "$status" -eq 0 ]
	[[ "$output" == *"PLOT   mixed"* ]]
	[ "$(stat -c %Y processed_data/.fresh)" = "$before" ]
	age results/mixed.png
	run mk -n results
	[ "$status" -eq 0 ]
	[[ "$output" == *"wc-plotdata processed_data/mixed.dat results/mixed.png"* ]]
	[ "$(stat -c %Y processed_data/.fresh)" = "$before" ]
	run mk plots
	[ "$status" -eq 0 ]
	[[ "$output" == *"PLOT   mixed"* ]]
}

@test "a failed run leaves no .fresh: the next looks at every book" {
	mk -j2 results
	rm processed_data/.fresh
	# a gzip stream cut short: wc-count fails on it
	seq 1000 | gzip | head -c 40 > data/bad.txt.gz
	run mk results
	[ "$status" -ne 0 ]
	[ ! -e processed_data/.fresh ]
	rm data/bad.txt.gz
	age results/mixed.png
	run mk results
	[ "$status" -eq 0 ]
	[[ "$output" == *"PLOT   mixed"* ]]
	[ -e processed_data/.fresh ]
}

@test "a changed book with acf results has them made again, and the corpus acf chart" {
	mk -j2 results acf
	mk results
	after_fresh
	printf 'six six seven\n' > data/small.txt
	run mk results
	[ "$status" -eq 0 ]
	[[ "$output" == *"ACF    small"* ]]
	[[ "$output" == *"PLOT   small_acf"* ]]
	[[ "$output" == *"PLOT   corpus/acf"* ]]
	[[ "$output" != *"ACF    mixed"* ]]
}
