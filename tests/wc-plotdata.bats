#!/usr/bin/env bats
load test_helper

# make check passes WC_BIN=./bin, relative: these tests cd elsewhere.
BIN=$(cd "$BIN" && pwd)
PATH=$BIN:$PATH

F=$FIX/wc-plotdata
PNG=$FIX/wc-plotdata/png.py

@test "wc-plotdata -h prints the usage on stdout" {
	run -0 --separate-stderr wc-plotdata -h
	[[ "$output" == "usage: wc-plotdata "* ]]
	[ -z "$stderr" ]
}

@test "wc-plotdata: bad option, missing operands: usage, exit 2" {
	run -2 --separate-stderr wc-plotdata -Z "$F/six.dat" x.png
	usage_ok wc-plotdata
	run -2 --separate-stderr wc-plotdata "$F/six.dat"
	usage_ok wc-plotdata
	run -2 --separate-stderr wc-plotdata "$F/six.dat" a.png b.png
	usage_ok wc-plotdata
}

@test "wc-plotdata: an unknown output extension is a usage error" {
	cd "$BATS_TEST_TMPDIR"
	run -2 --separate-stderr wc-plotdata "$F/six.dat" chart.jpg
	usage_ok wc-plotdata
	[[ "$stderr" == *"chart.jpg: unknown format"* ]]
	run -2 --separate-stderr wc-plotdata "$F/six.dat" chart
	usage_ok wc-plotdata
	[ ! -e chart.jpg ] && [ ! -e chart ]
}

@test "wc-plotdata: -n 0 and a negative -n are refused" {
	run -2 --separate-stderr wc-plotdata -n 0 "$F/six.dat" -
	[[ "$stderr" == *"count \"0\" is out of range"* ]]
	run -2 --separate-stderr wc-plotdata -n -3 "$F/six.dat" -
	[[ "$stderr" == *"count \"-3\""* ]]
	run -2 --separate-stderr wc-plotdata -n 1001 "$F/six.dat" -
	[[ "$stderr" == *"out of range"* ]]
}

@test "wc-plotdata: a size too small, absurdly large or malformed is refused" {
	cd "$BATS_TEST_TMPDIR"
	run -2 --separate-stderr wc-plotdata -s 10x10 "$F/six.dat" a.png
	[[ "$stderr" == *"size 10x10 is too small to draw"* ]]
	run -2 --separate-stderr wc-plotdata -s 100000x100000 "$F/six.dat" a.png
	[[ "$stderr" == *"too large"* ]]
	run -2 --separate-stderr wc-plotdata -s 9000x9000 "$F/six.dat" a.png
	[[ "$stderr" == *"too large"* ]]
	run -2 --separate-stderr wc-plotdata -s 1000 "$F/six.dat" a.png
	[[ "$stderr" == *"not WIDTHxHEIGHT"* ]]
	run -2 --separate-stderr wc-plotdata -s 99999999999999999999999x5 "$F/six.dat" a.png
	[ ! -e a.png ]
	run -0 wc-plotdata -s 160x120 "$F/six.dat" a.png
	run -0 python3 "$PNG" size a.png
	[ "$output" = "160 120" ]
}

@test "wc-plotdata: .tsv and - write the plotted data" {
	run -0 --separate-stderr wc-plotdata -n 3 "$F/six.dat" -
	[ "$output" = "$(printf '# rank\tword\tcount\tpercent\n1\tthe\t400\t40.0\n2\tof\t200\t20.0\n3\tand\t100\t10.0')" ]
	wc-plotdata -n 3 "$F/six.dat" "$BATS_TEST_TMPDIR/t.tsv"
	[ "$(cat "$BATS_TEST_TMPDIR/t.tsv")" = "$output" ]
}

@test "wc-plotdata: reads stdin with - and gzip input" {
	cd "$BATS_TEST_TMPDIR"
	gzip -c "$F/six.dat" > six.dat.gz
	run -0 wc-plotdata six.dat.gz -
	[ "${#lines[@]}" -eq 7 ]
	[ "${lines[6]}" = "$(printf '6\tto\t20\t2.0')" ]
	run -0 wc-plotdata -n 2 - - < "$F/six.dat"
	[ "${lines[2]}" = "$(printf '2\tof\t200\t20.0')" ]
}

@test "wc-plotdata: a valid PNG, read by pngcheck and another decoder" {
	command -v pngcheck >/dev/null || skip "no pngcheck"
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata "$F/six.dat" six.png
	run -0 pngcheck six.png
	[[ "$output" == *"OK: six.png (1000x500, 24-bit RGB"* ]]
	run -0 python3 "$PNG" size six.png
	[ "$output" = "1000 500" ]
	no_tmp_left .
}

@test "wc-plotdata: bar heights are proportional to the counts within a pixel" {
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata "$F/six.dat" six.png
	run -0 python3 "$PNG" bars six.png
	[ "${#lines[@]}" -eq 6 ]
	counts=(400 200 100 50 30 20)
	for i in 0 1 2 3 4 5; do
		want=$(( ${lines[0]} * ${counts[i]} ))
		got=$(( ${lines[i]} * 400 ))
		# |h_i - h_0 * c_i / c_0| <= 1 pixel
		d=$(( got - want )); d=${d#-}
		[ "$d" -le 400 ] || { echo "bar $i: ${lines[i]}"; false; }
	done
	# the tallest bar is the most common word's, and fills most of the plot
	[ "${lines[0]}" -gt 300 ]
	for i in 1 2 3 4 5; do [ "${lines[i]}" -lt "${lines[0]}" ]; done
}

@test "wc-plotdata: bar heights on a real book, any size" {
	need_ref dat/pg13.dat
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata -s 640x480 "$REF/dat/pg13.dat" pg13.png
	run -0 python3 "$PNG" bars pg13.png
	mapfile -t counts < <(awk 'NR <= 10 { print $2 }' "$REF/dat/pg13.dat")
	[ "${#lines[@]}" -eq 10 ]
	for i in "${!counts[@]}"; do
		d=$(( ${lines[i]} * ${counts[0]} - ${lines[0]} * ${counts[i]} ))
		d=${d#-}
		[ "$d" -le "${counts[0]}" ] || { echo "bar $i: ${lines[i]}"; false; }
	done
}

@test "wc-plotdata: the title is drawn above the plot" {
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata "$F/six.dat" a.png
	run -0 python3 "$PNG" title a.png
	[ "$output" -gt 200 ]
	wc-plotdata -t '' "$F/six.dat" b.png
	run -0 python3 "$PNG" title b.png
	[ "$output" -eq 0 ]
}

@test "wc-plotdata: fewer words than -n plots the words there are" {
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata -n 50 "$F/six.dat" a.png
	run -0 python3 "$PNG" bars a.png
	[ "${#lines[@]}" -eq 6 ]
	wc-plotdata -n 50 "$F/six.dat" a.svg
	run -0 grep -c 'fill="#1f77b4"' a.svg
	[ "$output" -eq 6 ]
	grep -q '>50 most common words<' a.svg
}

@test "wc-plotdata: an empty .dat gives an empty chart with its title" {
	cd "$BATS_TEST_TMPDIR"
	run -0 wc-plotdata "$F/empty.dat" e.png
	run -0 python3 "$PNG" bars e.png
	[ -z "$output" ]
	run -0 python3 "$PNG" title e.png
	[ "$output" -gt 200 ]
	run -0 wc-plotdata "$F/empty.dat" e.svg
	xmllint --noout e.svg
	grep -q '>10 most common words<' e.svg
}

@test "wc-plotdata: a malformed .dat is an error with file and line, no output" {
	cd "$BATS_TEST_TMPDIR"
	run -1 --separate-stderr wc-plotdata "$F/bad.dat" out.png
	[ "$stderr" = "wc-plotdata: $F/bad.dat:3: count \"x\" is not a number" ]
	[ ! -e out.png ]
	no_tmp_left .
	run -1 --separate-stderr wc-plotdata "$F/zero.dat" out.svg
	[ "$stderr" = "wc-plotdata: $F/zero.dat:2: count is 0" ]
	run -1 --separate-stderr wc-plotdata "$F/negative.dat" out.svg
	[ "$stderr" = "wc-plotdata: $F/negative.dat:2: count \"-5\" is negative" ]
	[ ! -e out.svg ]
	run -1 --separate-stderr wc-plotdata nosuch.dat out.png
	[ "$stderr" = "wc-plotdata: nosuch.dat: No such file or directory" ]
}

@test "wc-plotdata: a failed run leaves an existing chart alone" {
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata "$F/six.dat" keep.png
	cp keep.png before.png
	run -1 wc-plotdata "$F/bad.dat" keep.png
	cmp keep.png before.png
	run -1 --separate-stderr wc-plotdata "$F/six.dat" nodir/x.png
	[[ "$stderr" == "wc-plotdata: nodir/x.png"* ]]
}

@test "wc-plotdata: SVG is well-formed, escaped, with the words as text" {
	command -v xmllint >/dev/null || skip "no xmllint"
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata -t 'a <b> & "c"' "$F/ctrl.dat" c.svg
	run -0 xmllint --noout c.svg
	[ -z "$output" ]
	# control bytes and a byte that is not UTF-8 are shown as U+FFFD
	run -0 xmllint --xpath 'count(//*[local-name()="text"][@transform])' c.svg
	[ "$output" -eq 5 ]
	run -0 xmllint --xpath 'string(//*[local-name()="text"][@transform][1])' c.svg
	[ "$output" = $'expos\xef\xbf\xbd\xef\xbf\xbd' ]
	run -0 xmllint --xpath 'string(//*[local-name()="text"][@transform][3])' c.svg
	[ "$output" = $'bad\xef\xbf\xbdbyte' ]
	run -0 xmllint --xpath 'string(//*[local-name()="text"][@transform][4])' c.svg
	[ "$output" = "<a&b>\"q'" ]
	run -0 xmllint --xpath 'string(//*[local-name()="text"][@font-size="16.80"])' c.svg
	[ "$output" = 'a <b> & "c"' ]
	! LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f]' c.svg
}

@test "wc-plotdata: words with control bytes (as in pg79) make a valid PNG" {
	cd "$BATS_TEST_TMPDIR"
	run -0 wc-plotdata "$F/ctrl.dat" c.png
	run -0 python3 "$PNG" bars c.png
	[ "${#lines[@]}" -eq 5 ]
	need_ref dat/pg79.dat
	LC_ALL=C grep '[[:cntrl:]]' "$REF/dat/pg79.dat" > c79.dat
	n=$(wc -l < c79.dat)
	[ "$n" -gt 5 ]
	wc-plotdata -n "$n" c79.dat c79.png
	run -0 python3 "$PNG" bars c79.png
	[ "${#lines[@]}" -eq "$n" ]
	wc-plotdata -n "$n" c79.dat c79.svg
	xmllint --noout c79.svg
	run -0 xmllint --xpath 'count(//*[local-name()="text"][@transform])' c79.svg
	[ "$output" -eq "$n" ]
}

@test "wc-plotdata: a 500-character word is cut with an ellipsis inside the image" {
	cd "$BATS_TEST_TMPDIR"
	long=$(printf 'w%.0s' {1..500})
	printf '%s 9 90.0\nshort 1 10.0\n' "$long" > long.dat
	wc-plotdata long.dat l.svg
	run -0 xmllint --xpath 'string(//*[local-name()="text"][@transform][1])' l.svg
	[[ "$output" == w*$'\xe2\x80\xa6' ]]
	[ "${#output}" -lt 100 ]
	wc-plotdata long.dat l.png
	run -0 python3 "$PNG" border l.png
	[ "$output" -eq 0 ]
	run -0 python3 "$PNG" bars l.png
	[ "${#lines[@]}" -eq 2 ]
	# the TSV keeps the word whole
	run -0 wc-plotdata long.dat -
	[ "${lines[1]}" = "$(printf '1\t%s\t9\t90.0' "$long")" ]
}

@test "wc-plotdata: Latin-1 words and title in SVG come out as UTF-8" {
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata -t 'Größe' "$F/latin1.dat" l.svg
	xmllint --noout l.svg
	grep -q '>café<' l.svg
	grep -q '>ßtraße<' l.svg
	grep -q '>Größe<' l.svg
}

@test "wc-plotdata: a CSV of t,value is drawn as a line chart" {
	cd "$BATS_TEST_TMPDIR"
	run -0 wc-plotdata "$F/acf.csv" a.png
	run -0 pngcheck a.png
	# a line in the first colour, no bars (the line is anti-aliased, so
	# only some of its pixels are the exact colour)
	run -0 python3 "$PNG" color a.png 1f77b4
	[ "$output" -gt 300 ]
	run -0 python3 "$PNG" title a.png
	[ "$output" -gt 100 ]
	run -0 wc-plotdata -t 'pg13 acf' "$F/acf.csv" a.svg
	xmllint --noout a.svg
	run -0 grep -c '<polyline' a.svg
	[ "$output" -eq 1 ]
	run -0 grep -o '<polyline[^>]*points="[^"]*"' a.svg
	[ "$(echo "$output" | grep -o ',' | wc -l)" -eq 20 ]
	grep -q '>pg13 acf<' a.svg
}

@test "wc-plotdata: the line chart's peaks are where the data has them" {
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata "$F/acf.csv" a.svg
	# points of t=1 (1.0), t=6 (0.5) and t=2 (0.0): y grows downwards
	pts=$(grep -o 'points="[^"]*"' a.svg | tr -d '"' | sed 's/points=//')
	read -ra p <<< "$pts"
	y() { echo "${p[$1]#*,}"; }
	awk -v a="$(y 0)" -v b="$(y 5)" -v c="$(y 1)" \
	    'BEGIN { exit !(a < b && b < c && (c - b) - (b - a) < 0.02 && (b - a) - (c - b) < 0.02) }'
}

@test "wc-plotdata: a CSV with a header (acf -a) gets one line per column and a legend" {
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata "$F/acf-a.csv" a.svg
	xmllint --noout a.svg
	run -0 grep -c '<polyline' a.svg
	[ "$output" -eq 6 ]	# three series and three legend swatches
	grep -q '>average<' a.svg
	grep -q '>of<' a.svg
	wc-plotdata -n 1 "$F/acf-a.csv" b.svg
	run -0 grep -c '<polyline' b.svg
	[ "$output" -eq 2 ]
	run -0 wc-plotdata "$F/acf-a.csv" -
	[ "${lines[0]}" = "$(printf '# t\taverage\tthe\tof')" ]
	[ "${#lines[@]}" -eq 21 ]
	wc-plotdata "$F/acf-a.csv" a.png
	run -0 python3 "$PNG" color a.png ff7f0e
	[ "$output" -gt 100 ]
}

@test "wc-plotdata: -l reads a CSV from stdin; bad CSV is an error with the line" {
	cd "$BATS_TEST_TMPDIR"
	run -0 wc-plotdata -l - - < "$F/acf.csv"
	[ "${#lines[@]}" -eq 20 ]
	run -1 --separate-stderr wc-plotdata "$F/bad.csv" x.png
	[ "$stderr" = "wc-plotdata: $F/bad.csv:2: field 2 \"x\" is not a number" ]
	run -1 --separate-stderr wc-plotdata "$F/ragged.csv" x.png
	[ "$stderr" = "wc-plotdata: $F/ragged.csv:2: 2 columns, expected 3" ]
	printf '1,1e308\n2,-1e308\n' > huge.csv
	run -1 --separate-stderr wc-plotdata huge.csv x.png
	[ "$stderr" = "wc-plotdata: huge.csv: 1e308 is too large to plot" ]
	[ ! -e x.png ]
	no_tmp_left .
}

@test "wc-plotdata: a character the font lacks is drawn as a box, not dropped" {
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata -t $'\xe2\x98\x83' "$F/six.dat" snow.png	# U+2603
	run -0 python3 "$PNG" title snow.png
	[ "$output" -gt 20 ]
	wc-plotdata -t ' ' "$F/six.dat" space.png
	run -0 python3 "$PNG" title space.png
	[ "$output" -eq 0 ]
}
