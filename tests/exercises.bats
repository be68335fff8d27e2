#!/usr/bin/env bats
# The lesson's exercises as make targets (mk/exercises.mk) and make bench's
# table, on a small corpus with small knobs, so that the suite stays quick.
load test_helper

setup() {
	W=$BATS_TEST_TMPDIR/w
	mkdir -p "$W/data"
	cp "$FIX/wc-count/mixed.txt" "$FIX/wc-count/ties.txt" "$W/data/"
	for b in pg13 pg14 pg21; do
		if [ -e "$ROOT/data/$b.txt.gz" ]; then
			gzip -dc "$ROOT/data/$b.txt.gz" > "$W/data/$b.txt"
		elif [ -e "$BOOKS_DIR/$b.txt" ]; then
			cp "$BOOKS_DIR/$b.txt" "$W/data/"
		fi
	done
	cd "$W"
}

# A make of its own, not a sub-make of the make check that runs us.
mk() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -f "$ROOT/Makefile" B="$BIN" "$@"
}

@test "make bench: a failing benchmark fails the run, and the table says so" {
	# bench-pipeline cannot make its scratch tree; bench-pi still runs
	run mk bench BENCHES="bench-pipeline bench-pi" TMPDIR=/nonexistent BENCH_QUICK=1
	[ "$status" -ne 0 ]
	grep -q '^| bench-pipeline | \*\*FAILED\*\*' results/bench.md
	grep -q '^| bench-pi | .* | 1 worker | [0-9]* ms | [0-9.]* |$' results/bench.md
}
