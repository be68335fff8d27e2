#!/usr/bin/env bats
# wc-report, the tool: options, inputs, the page it writes.
load test_helper
load report_helper

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
	printf '%s\0x\n' "$W/data/pg13.txt" > "$W/nul"
	run -1 --separate-stderr wc-report -F "$W/nul" "$R/results.csv"
	[ "$stderr" = "wc-report: $W/nul:1: a NUL byte in a path" ]
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

@test "wc-report: links name the file a symlink leads to; a file named from its own directory" {
	mkdir "$W/elsewhere"
	mv "$W/data/pg13.txt" "$W/elsewhere/pg13.txt"
	ln -s ../elsewhere/pg13.txt "$W/data/pg13.txt"
	ln -s processed_data "$W/pd"
	cd "$W/processed_data"
	printf '%s\n' "$W/data/pg13.txt" pg13.dat "$W/pd/pg79.dat" "$W/pd/../data/pg117.txt.gz" > "$W/links"
	run -0 wc-report -F "$W/links" "$R/results.csv"
	p=$R/index.html
	grep -q '<a href="../elsewhere/pg13.txt">text</a><br><a href="../processed_data/pg13.dat">counts</a>' "$p"
	grep -q '<a href="../processed_data/pg79.dat">counts</a>' "$p"
	grep -q '<a href="../data/pg117.txt.gz">text</a>' "$p"
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

@test "wc-report: the files from -F - (stdin) or as operands give the same page" {
	run -0 wc-report -F - -o "$R/a.html" "$R/results.csv" < "$W/files"
	mapfile -t files < "$W/files"
	run -0 wc-report -o "$R/b.html" "$R/results.csv" "${files[@]}"
	cmp "$R/a.html" "$R/b.html"
	grep -q '<cite>Pi &amp; more</cite>' "$R/a.html"
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

@test "wc-report: 500 books, their files listed in any order, each file to its own book" {
	local i
	{
		echo 'Book,word1'
		for i in $(seq 500); do echo "b$i,$i"; done
		echo 'b7,1'	# named twice: the files go to the first
	} > "$R/many.csv"
	for i in $(seq 500); do
		printf 'Title: Volume %d\nAuthor: Writer %d\n' "$i" "$i" > "$W/data/b$i.txt"
		printf 'w%d %d 100.0\n' "$i" "$i" > "$W/processed_data/b$i.dat"
	done
	for i in $(seq 500); do
		echo "$W/data/b$i.txt"
		echo "$W/processed_data/b$i.dat"
	done | shuf > "$W/many.list"
	run -0 wc-report -F "$W/many.list" -o "$R/many.html" "$R/many.csv"
	for i in 1 2 250 499 500; do
		row=$(grep "<tr data-book=\"b$i\">" "$R/many.html")
		[[ "$row" == *"<cite>Volume $i</cite>"* ]]
		[[ "$row" == *">Writer $i<"* ]]
		[[ "$row" == *">w$i<"* ]]
	done
	[ "$(grep -o 'Volume 7<' "$R/many.html" | wc -l)" -eq 1 ]
}
