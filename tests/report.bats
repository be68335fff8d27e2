#!/usr/bin/env bats
load test_helper

# make check passes WC_BIN=./bin, relative: these tests cd elsewhere.
BIN=$(cd "$BIN" && pwd)
PATH=$BIN:$PATH

F=$FIX/wc-plotdata

# results/ as make leaves it: three books' charts (bar, Zipf, one acf), a
# Zipf table with the fit columns, the books' texts and tables.
setup() {
	W=$BATS_TEST_TMPDIR/w
	R=$W/results
	mkdir -p "$R/corpus" "$W/data" "$W/processed_data"
	cp "$F/six.dat" "$W/processed_data/pg13.dat"
	cp "$F/latin1.dat" "$W/processed_data/pg117.dat"
	cp "$F/ctrl.dat" "$W/processed_data/pg79.dat"
	for b in pg13 pg117 pg79; do
		wc-plotdata "$W/processed_data/$b.dat" "$R/$b.png"
		wc-plotdata -z "$W/processed_data/$b.dat" "$R/${b}_zipf.png"
	done
	wc-plotdata -A "$F/acf.csv" "$R/pg13_acf.png"
	cp "$F/acf.csv" "$R/pg13_acf.csv"
	printf '\xef\xbb\xbfThe Project Gutenberg eBook\r\n\r\nTitle: The Hunting of the Snark\r\n       An Agony in Eight Fits\r\n\r\nAuthor: Lewis <Carroll> & co\r\n\r\n*** START OF\r\nTitle: not this\r\n' > "$W/data/pg13.txt"
	printf 'Title: Pi & more\nAuthor: Someone\n' | gzip -c > "$W/data/pg117.txt.gz"
	printf 'no header here\n' > "$W/data/pg79.txt"
	cat > "$R/results.csv" <<-'CSV'
	Book,word1,word2,word3,s,r2
	pg13,400,200,100,1.25,0.99
	pg79,9,5,4,0.5,0.9
	pg117,5,3,2,0.875,0.95
	CSV
	printf '%s\n' "$W/data/pg13.txt" "$W/data/pg117.txt.gz" "$W/data/pg79.txt" \
	    "$W/processed_data/pg13.dat" "$W/processed_data/pg117.dat" \
	    "$W/processed_data/pg79.dat" > "$W/files"
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

@test "wc-report -h prints the usage; bad usage exits 2" {
	run -0 --separate-stderr wc-report -h
	[[ "$output" == "usage: wc-report "* ]]
	run -2 --separate-stderr wc-report
	usage_ok wc-report
	run -2 --separate-stderr wc-report -Z "$R/results.csv"
	usage_ok wc-report
	run -2 --separate-stderr wc-report -f gif "$R/results.csv"
	[[ "$stderr" == *'format "gif" is not png or svg'* ]]
	usage_ok wc-report
	[ ! -e "$R/index.html" ]
}

@test "wc-report: bad input is an error naming the file, exit 1, no page" {
	run -1 --separate-stderr wc-report "$R/nosuch.csv"
	[ "$stderr" = "wc-report: $R/nosuch.csv: No such file or directory" ]
	printf 'Book,word1\n"pg1,5\n' > "$R/open.csv"
	run -1 --separate-stderr wc-report "$R/open.csv"
	[ "$stderr" = "wc-report: $R/open.csv:2: a quoted field does not end" ]
	printf 'Book,word1\npg1,5,6\n' > "$R/ragged.csv"
	run -1 --separate-stderr wc-report "$R/ragged.csv"
	[ "$stderr" = "wc-report: $R/ragged.csv:2: 3 fields, expected 2" ]
	printf 'Book,word1\npg"1,5\n' > "$R/quote.csv"
	run -1 --separate-stderr wc-report "$R/quote.csv"
	[[ "$stderr" == "wc-report: $R/quote.csv:2: a '\"' where"* ]]
	: > "$R/empty.csv"
	run -1 --separate-stderr wc-report "$R/empty.csv"
	[[ "$stderr" == "wc-report: $R/empty.csv: empty"* ]]
	run -1 --separate-stderr wc-report "$R/results.csv" "$W/files"
	[ "$stderr" = "wc-report: $W/files: not a book (.txt, .txt.gz) or a table (.dat)" ]
	run -1 --separate-stderr wc-report "$R/results.csv" "$W/processed_data/nosuch.dat" "$W/data/pg13.dat"
	[ "$stderr" = "wc-report: $W/data/pg13.dat: No such file or directory" ]
	cp "$F/bad.dat" "$W/processed_data/pg79.dat"
	run -1 --separate-stderr wc-report -F "$W/files" "$R/results.csv"
	[ "$stderr" = "wc-report: $W/processed_data/pg79.dat:3: count \"x\" is not a number" ]
	run -1 --separate-stderr wc-report -F "$W/nolist" "$R/results.csv"
	[ "$stderr" = "wc-report: $W/nolist: No such file or directory" ]
	[ ! -e "$R/index.html" ]
	no_tmp_left "$R"
}

@test "wc-report: a page that cannot be written is exit 1 with the path; an old page stays" {
	run -1 --separate-stderr wc-report -o "$R/nodir/x.html" "$R/results.csv"
	[[ "$stderr" == "wc-report: $R/nodir/x.html"* ]]
	echo old > "$R/index.html"
	printf 'Book,word1\npg1,5,6\n' > "$R/ragged.csv"
	run -1 --separate-stderr wc-report "$R/ragged.csv" "$R/results.csv"
	[ "$(cat "$R/index.html")" = old ]
	run -1 --separate-stderr wc-report -o /dev/full "$R/results.csv"
	[[ "$stderr" == "wc-report: /dev/full: "* ]]
}

@test "wc-report: a row per book with its title, author, top words, fit and charts" {
	run -0 wc-report -F "$W/files" "$R/results.csv"
	no_tmp_left "$R"
	run -0 grep -c '^<tr data-book=' "$R/index.html"
	[ "$output" -eq 3 ]
	p=$R/index.html
	# the header's title and its indented second line; the author escaped
	grep -q '<cite>The Hunting of the Snark: An Agony in Eight Fits</cite><br><span class="author">Lewis &lt;Carroll&gt; &amp; co</span>' "$p"
	grep -q '<cite>Pi &amp; more</cite>' "$p"
	# no header: the file name
	grep -q '<th scope="row" data-v="pg79"><code>pg79</code></th>' "$p"
	# the top words with their counts
	grep -q '<li><span class="w">the</span> 400</li><li><span class="w">of</span> 200</li><li><span class="w">and</span> 100</li></ol>' "$p"
	# the fit, the rank by r2 and the verdict
	grep -q '<tr data-book="pg13"><td data-v="1">1</td>' "$p"
	grep -q '<tr data-book="pg79"><td data-v="3">3</td>' "$p"
	grep -q '<td data-v="1.25">1.250</td><td data-v="0.98999999999999999">0.990</td><td data-v="0">no</td>' "$p"
	grep -q '<td data-v="0.875">0.875</td><td data-v="0.94999999999999996">0.950</td><td data-v="1">yes</td>' "$p"
	# its charts beside each other, its files linked relative to the page
	grep -q '<a href="pg13.png"><img src="pg13.png" alt="pg13: most common words"' "$p"
	grep -q '<a href="pg13_zipf.png"><img src="pg13_zipf.png" alt="pg13: Zipf' "$p"
	grep -q '<a href="pg13_acf.png"><img src="pg13_acf.png"' "$p"
	grep -q '<a href="../data/pg13.txt">text</a><br><a href="../processed_data/pg13.dat">counts</a><br><a href="pg13_acf.csv">acf csv</a>' "$p"
	grep -q '<a href="../data/pg117.txt.gz">text</a>' "$p"
	run -1 grep -c 'pg79_acf' "$p"
	# what following Zipf's law means
	grep -q 'follows Zipf&#39;s law</b> when <i>s</i> is within 0.2 of 1 and r&sup2; is at least 0.9' "$p"
	xmllint --html --noout "$p"
	# self-contained: nothing from the network
	run ! grep -Eq '(src|href)="(https?:)?//' "$p"
}

@test "wc-report: quoted CSV names stay one field; odd names escaped; no fit columns; svg" {
	printf 'Book,word1,s,r2\n"c,d",5,0.9,0.8\n"a<b>&""q"" #1",3,1.0,0.95\n' > "$R/q.csv"
	run -0 wc-report -o "$R/q.html" "$R/q.csv"
	grep -q '<tr data-book="c,d"><td data-v="2">2</td><th scope="row" data-v="c,d"><code>c,d</code></th>' "$R/q.html"
	grep -q '<td data-v="0.90000000000000002">0.900</td><td data-v="0.80000000000000004">0.800</td>' "$R/q.html"
	grep -q '<code>a&lt;b&gt;&amp;&quot;q&quot; #1</code>' "$R/q.html"
	# names make cannot chart have no charts
	run -1 grep -c '<img' "$R/q.html"
	printf 'Book,word1\npg13,5\n' > "$R/plain.csv"
	run -0 wc-report -f svg -o "$R/p.html" "$R/plain.csv"
	grep -q '<img src="pg13.svg"' "$R/p.html"
	run -1 grep -c 'id="s"' "$R/p.html"
	run -1 grep -c "Zipf&#39;s law says" "$R/p.html"
	run -0 wc-report -o - "$R/plain.csv"
	[[ "$output" == "<!DOCTYPE html>"* ]]
}

@test "wc-report: the corpus charts when they are there" {
	run -0 wc-report "$R/results.csv"
	run -1 grep -c 'corpus/' "$R/index.html"
	wc-plotdata -z "$F/six.dat" "$R/corpus/zipf.png"
	wc-plotdata -A -l "$F/acf.csv" "$R/corpus/acf.png"
	run -0 wc-report "$R/results.csv"
	grep -q '<img src="corpus/zipf.png" alt="corpus: the whole corpus: Zipf' "$R/index.html"
	grep -q '<img src="corpus/acf.png"' "$R/index.html"
}

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
	m=(make -f "$ROOT/Makefile" B="$BIN" BOOK_NAMES="pg13 pg79 pg117" "${given[@]}")
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
	m=(make -f "$ROOT/Makefile" B="$BIN" BOOK_NAMES="pg13 pg79 pg117" "${given[@]}")
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
