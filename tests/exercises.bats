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
	pngcheck -q results/exercises/scaling.png
	pngcheck -q results/exercises/speedup.png
	[ "$(cat results/keep.txt)" = mine ]
	[ ! -e processed_data ]
	[ "$(ls results | sort | tr "\n" " ")" = "exercises keep.txt scaling.csv " ]
}

@test "make scaling: a knob that is not a count is refused" {
	run mk scaling SCALING_J="1 x"
	[ "$status" -ne 0 ]
	[[ "$output" == *"scaling: SCALING_J, SCALING_RUNS and COPIES take positive whole numbers, not 'x'"* ]]
}

@test "make dag: valid DOT, a node per book's count, chart and acf, the Zipf and corpus tables" {
	command -v dot > /dev/null || skip "dot (graphviz) not installed"
	mk dag > dag.dot
	dot -Tsvg -o dag.svg dag.dot
	xmllint --noout dag.svg
	for b in pg104 pg117 pg57; do
		grep -q "^	\"data/$b.txt\" -> \"processed_data/$b.dat\";$" dag.dot
		grep -q "^	\"processed_data/$b.dat\" -> \"results/$b.png\";$" dag.dot
		grep -q "^	\"processed_data/$b.dat\" -> \"results/${b}_acf.csv\";$" dag.dot
		grep -q "^	\"processed_data/$b.dat\" -> \"results/results.csv\";$" dag.dot
		grep -q "^	\"processed_data/$b.dat\" -> \"results/corpus.dat\";$" dag.dot
	done
	grep -q '^	"results/zipf-fit.csv" \[label="results/zipf-fit.csv\\n(zipf)"\];$' dag.dot
	# the book list is the one the rules use
	mk dag BOOKS=pg117 > one.dot
	[ "$(grep -c 'processed_data/pg[0-9]*\.dat" \[' one.dot)" -eq 1 ]
}

@test "make dag: above DAG_MAX books, one node per step with a count" {
	command -v dot > /dev/null || skip "dot (graphviz) not installed"
	mk dag DAG_MAX=2 > dag.dot
	dot -Tsvg -o /dev/null dag.dot
	grep -q '^	"processed_data/{book}.dat" \[label="processed_data/{book}.dat\\n3 files\\n(wc-count)"\];$' dag.dot
	grep -q '^	"processed_data/{book}.dat" -> "results/{book}_acf.csv";$' dag.dot
	run grep -c 'pg117' dag.dot
	[ "$output" -eq 0 ]
}

@test "make results/dag.svg: well-formed SVG; without dot, says how to get it" {
	command -v dot > /dev/null || skip "dot (graphviz) not installed"
	mk results/dag.svg
	xmllint --noout results/dag.svg
	grep -q 'processed_data/pg57.dat' results/dag.svg
	# a PATH with everything but dot
	mkdir nodot
	for f in /usr/local/bin/* /usr/bin/* /bin/*; do
		[ "${f##*/}" = dot ] || ln -sf "$f" nodot/
	done
	rm results/dag.svg
	PATH=$BIN:$PWD/nodot run mk results/dag.svg
	[ "$status" -ne 0 ]
	[[ "$output" == *"dot (Graphviz) not found: apt-get install graphviz"* ]]
	[ ! -e results/dag.svg ]
}

@test "make timings: every step of the last TIMES=1 run, slowest first, and a chart" {
	mk -j2 results acf TIMES=1
	run mk timings
	[ "$status" -eq 0 ]
	[ "$(sed -n 1p results/timings.csv)" = "step,seconds,cpu,start,end,exit,slot,critical,command" ]
	for b in pg104 pg117 pg57; do
		grep -q "^\"$b.dat\",[0-9.]*,.*,0,[12],[01],\".*wc-count -o processed_data/$b.dat data/$b.txt\"$" results/timings.csv
		grep -q "^\"$b.png\"," results/timings.csv
		grep -q "^\"${b}_acf.csv\"," results/timings.csv
	done
	grep -q '^"results.csv",' results/timings.csv
	# slowest first, and no step longer than the run
	tail -n +2 results/timings.csv | cut -d, -f2 | sort -g -r -c
	[ "$(tail -n +2 results/timings.csv | awk -F, '$2 < 0 || $2 > $5 + 1e-6 || $3 !~ /^[0-9]+\.[0-9][0-9]$/' | wc -l)" -eq 0 ]
	pngcheck -q results/exercises/timings.png
	[[ "$output" == *"steps at once on average, at most "[12]* ]]
	# a second run replaces the first: only its steps are shown
	rm processed_data/pg57.dat
	mk -j2 results TIMES=1
	mk timings
	grep -q '^"pg57.dat",' results/timings.csv
	grep -q '^"zipf-fit.csv",' results/timings.csv
	run grep -c '^"pg1[01][47].dat",' results/timings.csv
	[ "$output" -eq 0 ]
}

@test "make timings and timeline without a recorded run say what to do" {
	run mk timings
	[ "$status" -ne 0 ]
	[[ "$output" == *"no steps recorded: run the pipeline with TIMES=1 first"* ]]
	run mk timeline
	[ "$status" -ne 0 ]
	[[ "$output" == *"no steps recorded: run the pipeline with TIMES=1 first"* ]]
}

@test "make timings and timeline over a long step log: the whole table, no broken pipe" {
	# 3,000 steps one after another, long command lines: the table and
	# the critical path are printed in part, from far more than a pipe holds
	mkdir -p processed_data
	awk 'BEGIN { pad = sprintf("%300s", ""); gsub(/ /, "x", pad)
		for (i = 0; i < 3000; i++)
			printf "7\t%.6f\t%.6f\t0\t0.00\twc-count -o processed_data/b%d.dat data/%s%d.txt\n",
			    100 + i / 1000, 100 + (i + 1) / 1000, i, pad, i }' > processed_data/.steps.tsv
	run mk timings
	[ "$status" -eq 0 ]
	[ "$(wc -l < results/timings.csv)" -eq 3001 ]
	[ "$(grep -c '^      0.001 ' <<<"$output")" -eq 15 ]
	[[ "$output" == *"3000 steps in 3.000 s"* ]]
	run mk timeline
	[ "$status" -eq 0 ]
	[ "$(grep -c '^    [ 0-9.]* .*b[0-9]*\.dat$' <<<"$output")" -eq 12 ]
	pngcheck -q results/exercises/timeline.png
}

@test "make timeline: a chart of the job slots, from the step log or a fanout joblog" {
	mk -j2 results TIMES=1
	run mk timeline
	[ "$status" -eq 0 ]
	pngcheck -q results/exercises/timeline.png
	[[ "$output" == *"slot 1: busy "* ]]
	[[ "$output" == *"the critical path, in order:"* ]]
	# a fanout of its own, not a client of the make check that runs us
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL fanout -j2 --joblog jl sleep ::: 0.3 0.1 0.1
	run mk timeline JOBLOG=jl PLOT_FORMAT=svg
	[ "$status" -eq 0 ]
	xmllint --noout results/exercises/timeline.svg
	[[ "$output" == *"3 steps in "* ]]
	[[ "$output" == *"at most 2"* ]]
	[[ "$output" == *"slot 2: busy "* ]]
}

@test "make pi-time: the estimate of make pi, its time spent and darts a second" {
	run mk pi DARTS=1e6 J=2
	est=$(grep '^estimate' <<< "$output")
	run mk pi-time DARTS=1e6 J=2 TIMES=1
	[ "$status" -eq 0 ]
	[ "$(grep '^estimate' <<< "$output")" = "$est" ]
	[[ "$output" =~ time\ spent\ [0-9.]+\ s,\ 2\ workers,\ [0-9.e+]+\ darts\ a\ second ]]
}

@test "TIMES=1: a failing step still fails make, and its status is logged" {
	mkdir data/bad.txt	# wc-count cannot read a directory
	run mk results TIMES=1
	[ "$status" -ne 0 ]
	[[ "$output" == *"processed_data/bad.dat] Error 1"* ]]
	[ ! -e processed_data/bad.dat ]
	mk timings
	grep -q '^"bad.dat",[0-9.]*,[0-9.]*,[0-9.]*,[0-9.]*,1,' results/timings.csv
}

@test "make bench-csvio: serial, one process, make -jN csv and fanout, plain and repeated lines" {
	run mk bench-csvio CSVIO_J=2 CSVIO_REPEAT=3 CSVIO_LINES=50 BENCH_QUICK=1
	[ "$status" -eq 0 ]
	[[ "$output" =~ as\ they\ are,\ [0-9]+\ MB\ +[0-9]+\ +[0-9]+\ +[0-9]+\ +[0-9]+ ]]
	[[ "$output" =~ first\ 50\ lines\ x\ 3\ each,\ [0-9]+\ MB\ +[0-9]+\ +[0-9]+\ +[0-9]+\ +[0-9]+ ]]
	[ ! -e processed_data ]
}
