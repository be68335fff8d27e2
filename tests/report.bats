#!/usr/bin/env bats
# The report page in a real browser, and make's charts and report rules.
load test_helper
load report_helper

@test "report: in a real browser, titles, Zipf charts, every chart shown, no console errors" {
	[ -n "$(chromium_bin)" ] || skip "no chromium"
	wc-report -F "$W/files" "$R/results.csv"
	browse "file://$R/index.html" "$R/page"
	grep -q '<body data-charts="7" data-missing="0">' "$R/page.dom"
	grep -q '<p id="status">All 7 charts shown.</p>' "$R/page.dom"
	grep -q '<cite>The Hunting of the Snark: An Agony in Eight Fits</cite>' "$R/page.dom"
	run -0 grep -o '<img src="[a-z0-9]*_zipf.png"' "$R/page.dom"
	[ "${#lines[@]}" -eq 3 ]
	run ! grep ':CONSOLE' "$R/page.log"
}

@test "report: sorting by any column in the browser, and a missing chart is reported" {
	[ -n "$(chromium_bin)" ] || skip "no chromium"
	wc-report -F "$W/files" "$R/results.csv"
	browse "file://$R/index.html#sort=s" "$R/s"
	run -0 grep -o '<tr data-book="[^"]*"' "$R/s.dom"
	[ "${lines[*]}" = '<tr data-book="pg79" <tr data-book="pg117" <tr data-book="pg13"' ]
	grep -q '<th scope="col" id="s" data-type="num" title="Zipf exponent" aria-sort="ascending">' "$R/s.dom"
	browse "file://$R/index.html#sort=book-desc" "$R/b"
	run -0 grep -o '<tr data-book="[^"]*"' "$R/b.dom"
	# by title (the name when there is none), case aside, reversed
	[ "${lines[*]}" = '<tr data-book="pg13" <tr data-book="pg117" <tr data-book="pg79"' ]
	browse "file://$R/index.html#sort=rank" "$R/r"
	run -0 grep -o '<tr data-book="[^"]*"' "$R/r.dom"
	[ "${lines[*]}" = '<tr data-book="pg13" <tr data-book="pg117" <tr data-book="pg79"' ]
	rm "$R/pg117.png"
	browse "file://$R/index.html" "$R/m"
	grep -q '<body data-charts="7" data-missing="1">' "$R/m.dom"
	grep -q '1 of 7 charts missing: pg117: most common words' "$R/m.dom"
	run ! grep ':CONSOLE' "$R/m.log"
}

@test "report: clicking a heading sorts, a second click reverses (screenshot kept)" {
	[ -n "$(chromium_bin)" ] || skip "no chromium"
	wc-report -F "$W/files" "$R/results.csv"
	# the page's own buttons, clicked by a script that loads after it
	sed 's|</body>|<script>document.querySelector("#r2 button").click(); document.querySelector("#r2 button").click();</script></body>|' \
	    "$R/index.html" > "$R/click.html"
	browse "file://$R/click.html" "$R/c"
	run -0 grep -o '<tr data-book="[^"]*"' "$R/c.dom"
	[ "${lines[*]}" = '<tr data-book="pg13" <tr data-book="pg117" <tr data-book="pg79"' ]
	grep -q 'id="r2" data-type="num" title="fit quality" aria-sort="descending"' "$R/c.dom"
	art=${TEST_ARTIFACTS:-$ROOT/tests/artifacts}
	mkdir -p "$art"
	timeout 120 "$(chromium_bin)" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$(mktemp -d "$BATS_TEST_TMPDIR/prof.XXXXXX")" \
	    --window-size=1280,1000 --screenshot="$art/report.png" \
	    "file://$R/index.html" 2>/dev/null
	run -0 python3 "$F/png.py" size "$art/report.png"
	[ "$output" = "1280 1000" ]
}

@test "report: the browser check sees console errors (the test can fail)" {
	[ -n "$(chromium_bin)" ] || skip "no chromium"
	printf '<!DOCTYPE html><title>x</title><script>nosuchfn();</script>\n' > "$R/bad.html"
	browse "file://$R/bad.html" "$R/bad"
	grep -q ':CONSOLE.*nosuchfn' "$R/bad.log"
}

# make's part: a work tree with three books' tables, the Zipf table, the
# corpus table and acf CSVs given (-o), so only plot.mk's rules run.
make_tree() {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p m/data m/processed_data m/results
	cd m
	cp "$F/six.dat" processed_data/pg13.dat
	cp "$F/ctrl.dat" processed_data/pg79.dat
	cp "$F/latin1.dat" processed_data/pg117.dat
	cp "$W/data/pg13.txt" data/pg13.txt
	cp "$R/results.csv" results/zipf-fit.csv
	cp "$F/six.dat" results/corpus.dat
	cp "$F/acf.csv" results/pg13_acf.csv
	cp "$F/acf-a.csv" results/pg79_acf.csv
	cp "$F/acf.csv" results/pg117_acf.csv
	given=(-o "$BIN/wc-plotdata" -o "$BIN/wc-report" -o results/zipf-fit.csv
	    -o results/corpus.dat -o data/pg13.txt)
	for b in pg13 pg79 pg117; do
		given+=(-o "processed_data/$b.dat" -o "results/${b}_acf.csv")
	done
	m=(make --no-print-directory -f "$ROOT/Makefile" B="$BIN" BOOK_NAMES="pg13 pg79 pg117" "${given[@]}")
}

@test "make acf report: in one run, the page with every acf chart; one short line a step" {
	make_tree
	run -0 "${m[@]}" -j4 acf report
	[[ "$output" == *"  PLOT   pg13_acf"* ]]
	[[ "$output" == *"  REPORT results/index.html"* ]]
	[ "${lines[-1]}" = "report: file://$PWD/results/index.html" ]
	run -1 grep -c 'wc-plotdata' <<< "$output"
	for b in pg13 pg79 pg117 pg13_acf pg79_acf pg117_acf pg13_zipf corpus/acf corpus/zipf; do
		run -0 python3 "$F/png.py" size "results/$b.png"
		[ "$output" = "1000 500" ]
	done
	run -0 grep -c '^<tr data-book=' results/index.html
	[ "$output" -eq 3 ]
	run -0 grep -o '<img src="pg[0-9]*_acf.png"' results/index.html
	[ "${#lines[@]}" -eq 3 ]
	grep -q '<img src="corpus/acf.png"' results/index.html
	grep -q '<cite>The Hunting of the Snark: An Agony in Eight Fits</cite>' results/index.html
	# the corpus chart: one curve per book, named in its legend
	"${m[@]}" -s PLOT_FORMAT=svg results/corpus/acf.svg
	run -0 grep -c '<polyline' results/corpus/acf.svg
	[ "$output" -eq 6 ]
	grep -q '>pg79<' results/corpus/acf.svg
	grep -q '>word autocorrelation, 3 books<' results/corpus/acf.svg
	run -0 "${m[@]}" -q results/index.html
	run -0 "${m[@]}" -s PLOT_FORMAT=svg plots
	xmllint --noout results/pg13.svg results/pg13_zipf.svg results/pg13_acf.svg results/corpus/zipf.svg
	no_tmp_left results
}

@test "make report without acf: the acf charts of the CSVs there are; make -n writes nothing" {
	make_tree
	rm results/pg79_acf.csv
	given=("${given[@]/results\/pg79_acf.csv/results/pg13_acf.csv}")
	m=(make --no-print-directory -f "$ROOT/Makefile" B="$BIN" BOOK_NAMES="pg13 pg79 pg117" "${given[@]}")
	run -0 "${m[@]}" -n report
	[ ! -e results/corpus ]
	[ ! -e results/index.html ]
	run -0 "${m[@]}" -s report
	run -0 grep -o '<img src="pg[0-9]*_acf.png"' results/index.html
	[ "${lines[*]}" = '<img src="pg13_acf.png" <img src="pg117_acf.png"' ]
	[ ! -e results/pg79_acf.png ]
}

@test "make plots report: a hostile name in results/ is never run or read" {
	make_tree
	printf '1,0.5\n' > 'results/q`touch PWNED`_acf.csv'
	printf '1,0.5\n' > 'results/a b_acf.csv'
	printf '1,0.5\n' > 'results/$(touch PWNED2)_acf.csv'
	run -0 "${m[@]}" -s plots report
	[ ! -e PWNED ]
	[ ! -e results/PWNED ]
	[ ! -e 'PWNED2' ]
	[ -s results/corpus/acf.list ]
	run -1 grep -l 'PWNED\|a b_acf\|touch' results/index.html results/corpus/acf.list
}

@test "make report: a book name that would take another's chart is refused by name" {
	make_tree
	cp "$F/six.dat" processed_data/pg13_acf.dat
	printf 'Book,word1,word2,word3,s,r2\npg13,400,200,100,1.25,0.99\npg13_acf,400,200,100,1.25,0.99\n' > results/zipf-fit.csv
	run -0 --separate-stderr "${m[@]}" -s BOOK_NAMES="pg13 pg13_acf" -o processed_data/pg13_acf.dat report
	[[ "$stderr" == *"plot: pg13_acf: a name ending in _acf or _zipf would take another book's chart; no charts for it"* ]]
	# pg13's acf chart is pg13's, and the book pg13_acf has a row, no chart
	run -0 grep -c '^<tr data-book=' results/index.html
	[ "$output" -eq 2 ]
	run -0 grep -c '<img src="pg13_acf.png" alt="pg13: word autocorrelation"' results/index.html
	[ "$output" -eq 1 ]
	run -1 grep -c 'src="pg13_acf_' results/index.html
}
