#!/usr/bin/env bats
load test_helper

# make check passes WC_BIN=./bin, relative: these tests cd elsewhere.
BIN=$(cd "$BIN" && pwd)
PATH=$BIN:$PATH

F=$FIX/wc-plotdata
REPORT=$ROOT/tools/report.sh

# results/ as make leaves it: three books' charts, a Zipf table with the fit
# columns, and one acf curve.
setup() {
	R=$BATS_TEST_TMPDIR/results
	mkdir -p "$R"
	cp "$F/six.dat" "$R/pg13.dat"
	cp "$F/latin1.dat" "$R/pg117.dat"
	cp "$F/ctrl.dat" "$R/pg79.dat"
	for b in pg13 pg117 pg79; do
		wc-plotdata "$R/$b.dat" "$R/$b.png"
	done
	wc-plotdata -t 'pg13 word autocorrelation' "$F/acf.csv" "$R/pg13_acf.png"
	cat > "$R/results.csv" <<-'CSV'
	Book,word1,word2,word3,s,r2
	pg13,400,200,100,1.25,0.99
	pg79,9,5,4,0.5,0.9
	pg117,5,3,2,0.875,0.95
	CSV
}

chromium_bin() {
	command -v chromium || command -v chromium-browser || true
}

# browse URL OUT: the DOM after load in OUT.dom, the browser's log in OUT.log
browse() {
	local prof
	prof=$(mktemp -d "$BATS_TEST_TMPDIR/prof.XXXXXX")
	timeout 120 "$(chromium_bin)" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir="$prof" \
	    --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
	    --dump-dom "$1" > "$2.dom" 2> "$2.log"
}

@test "report.sh -h prints the usage; bad usage exits 2" {
	run -0 --separate-stderr "$REPORT" -h
	[[ "$output" == "usage: report.sh "* ]]
	run -2 --separate-stderr "$REPORT"
	usage_ok report.sh
	run -2 --separate-stderr "$REPORT" -f gif "$R/results.csv"
	[[ "$stderr" == *'format "gif" is not png or svg'* ]]
	run -1 --separate-stderr "$REPORT" "$R/nosuch.csv"
	[[ "$stderr" == *"nosuch.csv: cannot read"* ]]
	[ ! -e "$R/index.html" ]
}

@test "report.sh: one row per book, its thumbnail linking to its chart, the fit" {
	run -0 "$REPORT" "$R/results.csv"
	[ -s "$R/index.html" ]
	no_tmp_left "$R"
	run -0 grep -c '^<tr data-book=' "$R/index.html"
	[ "$output" -eq 3 ]
	grep -q '<tr data-book="pg79" data-s="0.5"><th scope="row">pg79</th><td><a href="pg79.png"><img src="pg79.png"' "$R/index.html"
	grep -q '<td>400</td><td>200</td><td>100</td><td>1.250</td><td>0.990</td></tr>' "$R/index.html"
	grep -q 'id="by-s"' "$R/index.html"
	# the acf curve that exists
	grep -q '<a href="pg13_acf.png"><img src="pg13_acf.png"' "$R/index.html"
	# self-contained: nothing from the network
	! grep -Eq '(src|href)="(https?:)?//' "$R/index.html"
	xmllint --html --noout "$R/index.html"
}

@test "report.sh: SVG charts, no fit columns, odd book names escaped" {
	printf 'Book,word1\npg1,5\na<b>&c #1,3\n' > "$R/plain.csv"
	run -0 "$REPORT" -f svg -o "$R/p.html" "$R/plain.csv"
	grep -q '<img src="pg1.svg"' "$R/p.html"
	grep -q '<th scope="row">a&lt;b&gt;&amp;c #1</th>' "$R/p.html"
	grep -q 'href="a%3Cb%3E%26c%20%231.svg"' "$R/p.html"
	! grep -q 'id="by-s"' "$R/p.html"
	! grep -q 'autocorrelation' "$R/p.html"
	run -0 "$REPORT" -o - "$R/plain.csv"
	[[ "$output" == "<!DOCTYPE html>"* ]]
}

@test "report: in a real browser, the table and every chart shown, no console errors" {
	[ -n "$(chromium_bin)" ] || skip "no chromium"
	"$REPORT" "$R/results.csv"
	browse "file://$R/index.html" "$R/page"
	grep -q '<body data-charts="4" data-missing="0">' "$R/page.dom"
	grep -q '<p id="status">All 4 charts shown.</p>' "$R/page.dom"
	run -0 grep -c '<tr data-book=' "$R/page.dom"
	[ "$output" -eq 3 ]
	! grep ':CONSOLE' "$R/page.log"
	# a screenshot for people to look at
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

@test "report: sorting by Zipf exponent in the browser, and a missing chart is reported" {
	[ -n "$(chromium_bin)" ] || skip "no chromium"
	"$REPORT" "$R/results.csv"
	browse "file://$R/index.html#by-s" "$R/s"
	run -0 grep -o '<tr data-book="[^"]*"' "$R/s.dom"
	[ "${lines[*]}" = '<tr data-book="pg79" <tr data-book="pg117" <tr data-book="pg13"' ]
	! grep ':CONSOLE' "$R/s.log"
	rm "$R/pg117.png"
	browse "file://$R/index.html" "$R/m"
	grep -q '<body data-charts="4" data-missing="1">' "$R/m.dom"
	grep -q '1 of 4 charts missing: pg117' "$R/m.dom"
}

@test "report: the browser check sees console errors (the test can fail)" {
	[ -n "$(chromium_bin)" ] || skip "no chromium"
	printf '<!DOCTYPE html><title>x</title><script>nosuchfn();</script>\n' > "$R/bad.html"
	browse "file://$R/bad.html" "$R/bad"
	grep -q ':CONSOLE.*nosuchfn' "$R/bad.log"
}

@test "make plots report: a chart per book, the acf curves, the page; then up to date" {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p w/data w/processed_data w/results
	cd w
	cp "$F/six.dat" processed_data/pg13.dat
	cp "$F/ctrl.dat" processed_data/pg79.dat
	cp "$F/latin1.dat" processed_data/pg117.dat
	cp "$R/results.csv" results/zipf-fit.csv
	cp "$F/acf.csv" results/pg13_acf.csv
	cp "$F/acf-a.csv" results/pg79_acf.csv
	# what other parts of the pipeline make is taken as given (-o)
	given=(-o "$BIN/wc-plotdata" -o results/zipf-fit.csv -o results/pg13_acf.csv
	    -o results/pg79_acf.csv)
	for b in pg13 pg79 pg117; do given+=(-o "processed_data/$b.dat"); done
	m=(make -s -f "$ROOT/Makefile" B="$BIN" BOOK_NAMES="pg13 pg79 pg117" "${given[@]}")
	run -0 "${m[@]}" -j4 report
	for b in pg13 pg79 pg117 pg13_acf pg79_acf acf_corpus; do
		run -0 python3 "$F/png.py" size "results/$b.png"
		[ "$output" = "1000 500" ]
	done
	run -0 grep -c '^<tr data-book=' results/index.html
	[ "$output" -eq 3 ]
	grep -q '<img src="pg13_acf.png"' results/index.html
	grep -q '<img class="corpus" src="acf_corpus.png"' results/index.html
	# the corpus chart: one line per book, named in its legend
	"${m[@]}" PLOT_FORMAT=svg results/acf_corpus.svg
	run -0 grep -c '<polyline' results/acf_corpus.svg
	[ "$output" -eq 4 ]
	grep -q '>pg79<' results/acf_corpus.svg
	grep -q '>word autocorrelation, 2 books<' results/acf_corpus.svg
	run -0 "${m[@]}" -q report
	run -0 "${m[@]}" PLOT_FORMAT=svg plots
	xmllint --noout results/pg13.svg results/pg79.svg results/pg117.svg results/pg13_acf.svg
	no_tmp_left results
}
