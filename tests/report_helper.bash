# Shared by report.bats and wc-report.bats: a results/ as make leaves it
# and a headless browser to look at the page.

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
