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
	[ ! -e chart.jpg ]
	[ ! -e chart ]
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
	[[ "$output" == *"OK: six.png (1000x500, 8-bit palette"* ]]
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
	grep -q '>six: 50 most common words<' a.svg
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
	grep -q '>empty: 10 most common words<' e.svg
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
	run -1 env LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f]' c.svg
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

@test "wc-plotdata: the bar chart's default title names the book; stdin has none" {
	cd "$BATS_TEST_TMPDIR"
	cp "$F/six.dat" pg13.dat
	gzip -c pg13.dat > pg13.dat.gz
	wc-plotdata pg13.dat a.svg
	grep -q '>pg13: 10 most common words<' a.svg
	wc-plotdata -n 3 pg13.dat.gz b.svg
	grep -q '>pg13: 3 most common words<' b.svg
	wc-plotdata - c.svg < pg13.dat
	grep -q '>10 most common words<' c.svg
	wc-plotdata -t 'mine' pg13.dat d.svg
	grep -q '<title>mine</title>' d.svg
}

@test "wc-plotdata -z: the fit in the legend is zipf -f's, on log-log axes" {
	cd "$BATS_TEST_TMPDIR"
	cp "$F/six.dat" pg13.dat
	wc-plotdata -z -n 5 pg13.dat z.svg
	xmllint --noout z.svg
	s=$(zipf -f 5 pg13.dat | awk -F, 'NR == 2 { printf "%.3f", $7 }')
	r2=$(zipf -f 5 pg13.dat | awk -F, 'NR == 2 { printf "%.3f", $8 }')
	grep -q ">fit of the top 5: s = $s, r² = $r2<" z.svg
	grep -q '>pg13: rank and count (Zipf&apos;s law)<' z.svg
	grep -q '>rank (log scale)<' z.svg
	grep -q '>count (log scale)<' z.svg
	# the ticks are decades: 1, 10, 100
	grep -q 'text-anchor="end">100<' z.svg
	run -1 grep -q 'text-anchor="end">50<' z.svg
}

@test "wc-plotdata -z: the points lie where log rank and log count put them" {
	cd "$BATS_TEST_TMPDIR"
	# counts 1000/r: on log-log axes a straight line of slope -1, s = 1
	awk 'BEGIN { for (r = 1; r <= 100; r++) printf "w%d %d 1.0\n", r, int(100000 / r) }' > z.dat
	wc-plotdata -z z.dat z.svg
	grep -q '>fit of the top 10: s = 1.000, r² = 1.000<' z.svg
	pts=$(grep -o 'points="[^"]*" stroke="#1f77b4"' z.svg | head -1 | sed 's/points="//; s/".*//')
	read -ra p <<< "$pts"
	[ "${#p[@]}" -eq 100 ]
	# equal steps of log rank: ranks 1, 10, 100 equally far apart in x and y
	awk -v a="${p[0]}" -v b="${p[9]}" -v c="${p[99]}" 'BEGIN {
		split(a, A, ","); split(b, B, ","); split(c, C, ",")
		dx1 = B[1] - A[1]; dx2 = C[1] - B[1]; dy1 = B[2] - A[2]; dy2 = C[2] - B[2]
		exit !(dx1 > 100 && (dx1 - dx2)^2 < 1 && (dy1 - dy2)^2 < 1) }'
	wc-plotdata -z z.dat z.png
	# the fitted line in red over the points (here it covers them)
	run -0 python3 "$PNG" tint z.png d62728
	[ "$output" -gt 300 ]
	run -0 python3 "$PNG" tint z.png 1f77b4
	[ "$output" -gt 30 ]
	run -0 wc-plotdata -z z.dat -
	[ "${lines[0]}" = "$(printf '# rank\tcount')" ]
	[ "${lines[100]}" = "$(printf '100\t1000')" ]
}

@test "wc-plotdata -z on real books: the legend's s and r2 are zipf -f's" {
	need_ref dat/pg13.dat dat/pg117.dat dat/pg36.dat dat/pg50.dat \
		dat/pg65.dat dat/pg79.dat dat/pg87.dat
	cd "$BATS_TEST_TMPDIR"
	for d in "$REF"/dat/*.dat; do
		b=$(basename "$d" .dat)
		wc-plotdata -z "$d" "$b.svg"
		want=$(zipf -f 10 "$d" | awk -F, 'NR == 2 { printf "s = %.3f, r² = %.3f", $12, $13 }')
		run -0 grep -c ">fit of the top 10: $want<" "$b.svg"
		[ "$output" -eq 1 ]
	done
}

@test "wc-plotdata -z and -l together are a usage error" {
	run -2 --separate-stderr wc-plotdata -z -l "$F/six.dat" x.png
	usage_ok wc-plotdata
	[[ "$stderr" == *"-z draws a .dat"* ]]
}

@test "wc-plotdata -A: x is the lag from 1 (lag 0 left out), labelled axes" {
	cd "$BATS_TEST_TMPDIR"
	cp "$F/acf.csv" pg13_acf.csv
	wc-plotdata -A pg13_acf.csv a.svg
	xmllint --noout a.svg
	grep -q '>pg13: word autocorrelation<' a.svg
	grep -q '>lag (words; lag 0, always 1, not drawn)<' a.svg
	grep -q '>autocorrelation<' a.svg
	pts=$(grep -o '<polyline[^>]*points="[^"]*"' a.svg | sed 's/.*points="//; s/"//')
	read -ra p <<< "$pts"
	# 20 rows, lag 0 (t = 1, value 1) left out: 19 points, none at the top
	[ "${#p[@]}" -eq 19 ]
	run -0 wc-plotdata -A pg13_acf.csv a.png
	run -0 python3 "$PNG" color a.png 1f77b4
	[ "$output" -gt 100 ]
}

@test "wc-plotdata -A on acf -a: each word its own colour, beyond ten words too" {
	cd "$BATS_TEST_TMPDIR"
	awk 'BEGIN { printf "t,acf"; for (i = 1; i <= 11; i++) printf ",w%d", i; print ""
		for (t = 1; t <= 30; t++) { printf "%d,%g", t, 1 / t
		for (i = 1; i <= 11; i++) printf ",%g", i / (t + 10); print "" } }' > m.csv
	wc-plotdata -A m.csv m.svg
	run -0 grep -o '<polyline[^>]*stroke="#[0-9a-f]*"' m.svg
	colors=$(printf '%s\n' "${lines[@]}" | sed 's/.*stroke="//; s/"//' | sort -u | wc -l)
	[ "$colors" -eq 12 ]
	grep -q '>w11<' m.svg
	# the average over the words in black, on top: drawn last
	run -0 grep -c '<polyline[^>]*stroke="#000000"' m.svg
	[ "$output" -eq 2 ]
	run -0 grep -o '<polyline[^>]*stroke="#[0-9a-f]*"' m.svg
	[[ "${lines[11]}" == *'stroke="#000000"' ]]
}

# acf_csvs N: pg1_acf.csv .. pgN_acf.csv, curves of 50 points, the higher
# the later; their names, one a line
acf_csvs() {
	local i
	for i in $(seq 1 "$1"); do
		awk -v i="$i" 'BEGIN { for (t = 1; t <= 50; t++) printf "%d,%g\n", t, i / 100 + 0.001 * (t % 3) }' > "pg${i}_acf.csv"
		echo "pg${i}_acf.csv"
	done
}

@test "wc-plotdata -F: a curve per file; many curves grey, the extremes and mean named" {
	cd "$BATS_TEST_TMPDIR"
	acf_csvs 20 > list
	wc-plotdata -A -F list -t 'word autocorrelation, 20 books' c.svg
	xmllint --noout c.svg
	grep -q '>mean of 20<' c.svg
	grep -q '>16 others<' c.svg
	# the highest and lowest by their mean, named without the common _acf
	grep -q '>pg20<' c.svg
	grep -q '>pg19<' c.svg
	grep -q '>pg1<' c.svg
	grep -q '>pg2<' c.svg
	run -1 grep -q '>pg10<' c.svg
	run -0 grep -c 'stroke="#c4c4c4"' c.svg
	[ "$output" -eq 17 ]
	wc-plotdata -A -F list c.png
	run -0 python3 "$PNG" tint c.png c4c4c4
	[ "$output" -gt 500 ]
	head -3 list > three
	wc-plotdata -A -F three t.svg
	grep -q '>pg1<' t.svg
	run -0 grep -c '<polyline' t.svg
	[ "$output" -eq 6 ]
}

@test "wc-plotdata -F: a CSV with a header and no rows draws nothing, no stray dot in a corner" {
	cd "$BATS_TEST_TMPDIR"
	acf_csvs 14 > list
	printf 't,acf\n' > pg0_acf.csv
	echo pg0_acf.csv >> list
	wc-plotdata -A -F list c.png
	run -0 python3 "$PNG" border c.png
	[ "$output" -eq 0 ]
}

@test "wc-plotdata -F: an empty list is an error, never a read of stdin; bad files named" {
	cd "$BATS_TEST_TMPDIR"
	: > empty
	run -1 --separate-stderr wc-plotdata -A -F empty x.png < "$F/acf.csv"
	[ "$stderr" = "wc-plotdata: empty: no files listed" ]
	printf 'nosuch.csv\n' > l1
	run -1 --separate-stderr wc-plotdata -F l1 x.png
	[ "$stderr" = "wc-plotdata: nosuch.csv: No such file or directory" ]
	printf '%s\n' "$F/bad.csv" > l2
	run -1 --separate-stderr wc-plotdata -F l2 x.png
	[ "$stderr" = "wc-plotdata: $F/bad.csv:2: field 2 \"x\" is not a number" ]
	printf 'a\0b\n' > l3
	run -1 --separate-stderr wc-plotdata -F l3 x.png
	[ "$stderr" = "wc-plotdata: l3:1: a NUL byte in a path" ]
	run -2 --separate-stderr wc-plotdata -F l2 "$F/acf.csv" x.png
	usage_ok wc-plotdata
	[ ! -e x.png ]
	no_tmp_left .
}

@test "wc-plotdata: a long CSV is drawn per pixel column: peaks stay, points bounded" {
	cd "$BATS_TEST_TMPDIR"
	# 200,000 rows near 0 and one spike to 1 in the middle
	awk 'BEGIN { for (t = 1; t <= 200000; t++) printf "%d,%g\n", t, t == 100001 ? 1 : (t % 7) / 1000 }' > long.csv
	wc-plotdata -s 400x200 long.csv l.svg
	pts=$(grep -o '<polyline[^>]*points="[^"]*"' l.svg | sed 's/.*points="//; s/"//')
	read -ra p <<< "$pts"
	# at most 4 points a bucket, 2 buckets a pixel column of the image
	[ "${#p[@]}" -le 3200 ]
	[ "${#p[@]}" -gt 400 ]
	wc-plotdata -s 400x200 long.csv l.png
	printf '1,0\n100001,1\n200000,0\n' > s.csv
	wc-plotdata -s 400x200 s.csv s.png
	# the spike reaches as high as the same spike drawn from three points
	run -0 python3 "$PNG" extent l.png 1f77b4
	read -r _ _ ymin _ <<< "$output"
	run -0 python3 "$PNG" extent s.png 1f77b4
	read -r _ _ want _ <<< "$output"
	[ "$ymin" -le $((want + 1)) ]
	# the .tsv keeps every row
	run -0 wc-plotdata long.csv -
	[ "${#lines[@]}" -eq 200000 ]
}

@test "wc-plotdata: memory does not grow with the rows of a line chart" {
	[ -z "${SAN:-}" ] || skip "ASan's shadow memory does not fit under ulimit -v"
	cd "$BATS_TEST_TMPDIR"
	awk 'BEGIN { for (t = 1; t <= 1000000; t++) printf "%d,%g,%g\n", t, sin(t / 1000), (t % 100) / 100 }' > big.csv
	head -20000 big.csv > small.csv
	# 1,000,000 rows in the memory that 20,000 need (about 25 MB over the
	# program); the old reader kept every row and needed about 115 MB
	run -0 bash -c 'ulimit -v 60000; wc-plotdata small.csv s.png'
	run -0 bash -c 'ulimit -v 60000; wc-plotdata big.csv b.png'
	run -0 python3 "$PNG" size b.png
	[ "$output" = "1000 500" ]
}

# sin curves that cross each other: anti-aliased blends of blends
sin_list() {
	local i
	for i in $(seq 1 "$1"); do
		awk -v i="$i" 'BEGIN { for (t = 1; t <= 200; t++) printf "%d,%g\n", t, sin(t * i / 40) }' > "c$i.csv"
		echo "c$i.csv"
	done
}

# How FILE is stored and its colours ("palette N" or "rgb N"), from our
# decoder, once pngcheck has accepted it and said the same.
png_stored() {
	local check kind
	check=$(pngcheck "$1") || return 1
	kind=$(python3 "$PNG" colors "$1") || return 1
	case $kind in
	palette*) [[ "$check" == *"8-bit palette"* ]] || return 1 ;;
	rgb*) [[ "$check" == *"24-bit RGB"* ]] || return 1 ;;
	esac
	echo "$kind"
}

@test "wc-plotdata: a PNG of up to 256 colours is a palette image, beyond RGB" {
	command -v pngcheck >/dev/null || skip "no pngcheck"
	cd "$BATS_TEST_TMPDIR"
	sin_list 4 > four
	wc-plotdata -A -F four four.png
	run -0 png_stored four.png
	[[ "$output" == "palette "* ]]
	[ "${output#palette }" -gt 100 ]
	[ "${output#palette }" -le 256 ]
	sin_list 20 > twenty
	wc-plotdata -A -F twenty twenty.png
	run -0 png_stored twenty.png
	[ "${output%% *}" = rgb ]
	[ "${output#rgb }" -gt 256 ]
}

# Rows of 258 bytes and more are copied from the row above in matches of
# at most 258 bytes, none shorter than 3: widths around those limits.
@test "wc-plotdata: PNG rows of any width decode, palette and RGB" {
	command -v pngcheck >/dev/null || skip "no pngcheck"
	cd "$BATS_TEST_TMPDIR"
	wc-plotdata "$F/six.dat" ref.png
	run -0 python3 "$PNG" bars ref.png
	nbars=${#lines[@]}
	[ "$nbars" -eq 6 ]
	for w in 256 257 258 259 260 515 516 517; do
		wc-plotdata -s "${w}x120" "$F/six.dat" "w$w.png"
		run -0 pngcheck "w$w.png"
		run -0 python3 "$PNG" size "w$w.png"
		[ "$output" = "$w 120" ]
		run -0 python3 "$PNG" bars "w$w.png"
		[ "${#lines[@]}" -eq "$nbars" ]
	done
	# RGB rows of 30,000 bytes: copies from 30,001 bytes back
	sin_list 20 > twenty
	wc-plotdata -A -F twenty -s 10000x160 wide.png
	run -0 png_stored wide.png
	[[ "$output" == "rgb "* ]]
	run -0 python3 "$PNG" size wide.png
	[ "$output" = "10000 160" ]
}

# A curve's flat stretch (a Zipf tail of words seen once) is painted a row
# at a time, not a segment at a time: the same pixels as the line through
# its ends, every segment's share included.
@test "wc-plotdata: a flat stretch of many points draws as the line through its ends" {
	cd "$BATS_TEST_TMPDIR"
	# a step of 3 segments between two long stretches
	awk 'BEGIN { print "0,0"; for (i = 4; i <= 1600; i++)
	    printf "%g,%g\n", i / 4, i <= 800 ? 1 : i <= 804 ? 1.5 : 2 }' \
	    > many.csv
	printf '0,0\n1,1\n200,1\n200.25,1.5\n201,1.5\n201.25,2\n400,2\n' \
	    > ends.csv
	for s in 160x120 333x200 1000x500 1999x1333; do
		wc-plotdata -l -t flat -s "$s" many.csv "many$s.png"
		wc-plotdata -l -t flat -s "$s" ends.csv "ends$s.png"
		cmp "many$s.png" "ends$s.png"
	done
}

# The rasterizer's rows four pixels at a time (AVX2, where the CPU has it)
# and in plain C (WC_NO_SIMD=1) must draw the same bytes: every kind of
# chart, text at angles, thin and thick lines, palette and RGB, sizes
# whose rows end mid-vector.  Where the CPU lacks AVX2 both are C.
@test "wc-plotdata: the vector and the plain C rasterizer draw the same bytes" {
	cd "$BATS_TEST_TMPDIR"
	gzip -dc "$ROOT/data/pg101.txt.gz" | wc-count - > book.dat
	sin_list 20 > twenty
	sin_list 3 > three
	awk 'BEGIN { for (t = 1; t <= 5000; t++) printf "%d,%g\n", t, sin(t / 7) * t }' > long.csv
	n=0
	for s in 1000x500 161x121 1003x517 2001x333; do
		for a in "book.dat" "-z -n 10 book.dat" "-A $F/acf.csv" \
		    "-A $F/acf-a.csv" "-A -F twenty" "-A -F three" "-l long.csv" \
		    "-t ÅßÇ_éü_{}|~ $F/latin1.dat" "$F/ctrl.dat"; do
			n=$((n + 1))
			wc-plotdata -s "$s" $a "v$n.png"
			WC_NO_SIMD=1 wc-plotdata -s "$s" $a "c$n.png"
			cmp "v$n.png" "c$n.png"
		done
	done
	[ "$n" -eq 36 ]
}
