#!/usr/bin/env bats
# The lesson's exercises as make targets (mk/exercises.mk) and make bench's
# table, on a small corpus with small knobs, so that the suite stays quick.
load test_helper

# Three of the smallest books (acf needs 100 words and more): from the
# tree's data/ (gzip), else the book mirror; skipped without either.
setup() {
	W=$BATS_TEST_TMPDIR/w
	mkdir -p "$W/data"
	for b in pg104 pg117 pg57; do
		if [ -e "$ROOT/data/$b.txt.gz" ]; then
			gzip -dc "$ROOT/data/$b.txt.gz" > "$W/data/$b.txt"
		elif [ -e "$BOOKS_DIR/$b.txt" ]; then
			cp "$BOOKS_DIR/$b.txt" "$W/data/"
		else
			skip "no $b in $ROOT/data or $BOOKS_DIR"
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

@test "make scaling: one row per job count, charts, the user's results untouched" {
	mkdir -p results
	echo mine > results/keep.txt
	run mk scaling SCALING_J="1 2 3" SCALING_RUNS=1 COPIES=2
	[ "$status" -eq 0 ]
	[ "$(sed -n 1p results/scaling.csv)" = "jobs,seconds,speedup,efficiency" ]
	[ "$(cut -d, -f1 results/scaling.csv | tail -n +2 | tr '\n' ' ')" = "1 2 3 " ]
	[ "$(awk -F, 'NR == 2 { print $3, $4 }' results/scaling.csv)" = "1.000 1.000" ]
	[[ "$output" == *"CPUs here"* ]]
	[[ "$output" == *"Amdahl fit"* ]]
	# COPIES=2: every book twice, under a new name
	[[ "$output" == *"from clean, $(($(ls data | wc -l) * 2)) books"* ]]
	pngcheck -q results/scaling.png
	pngcheck -q results/speedup.png
	[ "$(cat results/keep.txt)" = mine ]
	[ ! -e processed_data ]
	[ "$(ls results | sort | tr '\n' ' ')" = "keep.txt scaling.csv scaling.png speedup.png " ]
}

@test "make scaling: a knob that is not a count is refused" {
	run mk scaling SCALING_J="1 x"
	[ "$status" -ne 0 ]
	[[ "$output" == *"scaling: SCALING_J, SCALING_RUNS and COPIES take positive whole numbers, not 'x'"* ]]
}
