#!/usr/bin/env bats
# What held when issue 13 probed it, kept as tests so that it stays true:
# make interrupted at any moment and run again gives the clean run's bytes;
# a tool writing -o on a full file system leaves no temporary file; a memory
# limit gives "tool: out of memory" and exit 1.  Each table below names
# every tool; one a case does not apply to says why.
load test_helper

NBOOKS=8

setup_file() {
	local d=$BATS_FILE_TMPDIR i
	# Books of 200,000 words from a 5,000-word vocabulary: long enough
	# that a signal can land inside a count.
	mkdir -p "$d/books"
	for ((i = 1; i <= NBOOKS; i++)); do
		awk -v seed="$i" 'BEGIN {
			srand(seed)
			for (n = 0; n < 200000; n++)
				printf "w%d%s", int(5000 * rand() * rand()),
				    n % 12 == 11 ? "\n" : " "
		}' > "$d/books/b$i.txt"
	done
	seq 1 1500000 > "$d/many.txt"
	wc-count "$d/many.txt" > "$d/many.dat"
	# a Zipf table of 200,000 books (wc-report holds them all for its page)
	{ echo 'Book,word1,word2,word3,s,r2'
	  awk 'NR <= 200000 { printf "b%d,the,of,and,1.0%d,0.9\n", $1, $1 }' "$d/many.txt"
	} > "$d/many.csv"
}

# corpus DIR: a fresh pipeline directory with the books.
corpus() {
	rm -rf "$1"
	mkdir -p "$1/data"
	cp "$BATS_FILE_TMPDIR"/books/*.txt "$1/data/"
}

# outputs: every file the pipeline wrote (hidden ones too), with its hash.
outputs() {
	find processed_data results -type f | LC_ALL=C sort | xargs sha256sum
}

# reached MOMENT: the interrupted run got that far (or ended).
reached() {
	local n
	n=$(compgen -G 'processed_data/*.dat' | wc -l)
	case $1 in
	start) return 0 ;;
	first) [ "$n" -ge 1 ] ;;
	half) [ "$n" -ge $((NBOOKS / 2)) ] ;;
	table) [ -e results/results.csv ] || compgen -G 'results/.results.csv.*' > /dev/null ;;
	esac
}

@test "make -j2 results interrupted (SIGINT, SIGTERM) at several moments, then rerun: the clean run's bytes" {
	local sig moment pid i hits=0
	corpus "$BATS_TEST_TMPDIR/clean"
	cd "$BATS_TEST_TMPDIR/clean"
	mk -j2 results > /dev/null
	outputs > ../want
	[ "$(grep -c ' processed_data/[^/]*\.dat$' ../want)" -eq "$NBOOKS" ]
	for sig in INT TERM; do
		for moment in start first half table; do
			corpus "$BATS_TEST_TMPDIR/r"
			cd "$BATS_TEST_TMPDIR/r"
			# Its own process group: ^C reaches the whole group,
			# a plain kill only make.  A background job of a
			# script starts with SIGINT ignored: restore it.
			setsid env --default-signal=INT -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
				make -f "$ROOT/Makefile" B="$BIN" -j2 results > log 2>&1 &
			pid=$!
			for ((i = 0; i < 2000; i++)); do
				if reached "$moment" || ! kill -0 "$pid" 2> /dev/null; then
					break
				fi
				sleep 0.005
			done
			if [ "$sig" = INT ]; then
				kill -INT -- "-$pid" 2> /dev/null || true
			else
				kill -TERM "$pid" 2> /dev/null || true
			fi
			status=0
			wait "$pid" || status=$?
			if [ "$status" -ne 0 ]; then hits=$((hits + 1)); fi
			echo "# SIG$sig at $moment: make exited $status"
			run -0 mk -j2 results
			outputs > ../got
			diff ../want ../got
		done
	done
	echo "# $hits of 8 runs were cut short"
	[ "$hits" -ge 1 ]
}

# A full tmpfs, unmounted by teardown.
full_fs() {
	M=$BATS_TEST_TMPDIR/full
	mkdir -p "$M"
	if ! mount -t tmpfs -o size=64k tmpfs "$M" 2> "$BATS_TEST_TMPDIR/mount.err"; then
		skip "cannot mount a tmpfs here (root with CAP_SYS_ADMIN needed): $(cat "$BATS_TEST_TMPDIR/mount.err")"
	fi
}

teardown() {
	if [ -n "${M:-}" ] && mountpoint -q "$M"; then
		umount "$M"
	fi
}

# The tools on a full disk: "NAME|OUTPUT|command" (OUTPUT the file -o or
# the operand names; {M} the tmpfs, {D} the test's inputs); or
# "NAME|-|why not".
FULL=(
	'wc-count|a.dat|wc-count -o {M}/a.dat {D}/many.txt'
	'wc-count -M|a.dat|wc-count -M -o {M}/a.dat {D}/many.dat'
	'zipf|z.csv|zipf -o {M}/z.csv 1000000 {D}/many.dat'
	'zipf -f|z.csv|zipf -f -o {M}/z.csv 1000000 {D}/many.dat'
	'csvify|s.csv|csvify {M}/s.dat'
	'acf|a.csv|acf -t 30000 -w 1 -o {M}/a.csv {D}/many.txt'
	'wc-plotdata|p.svg|wc-plotdata -n 1000 {D}/many.dat {M}/p.svg'
	'wc-report|r.html|wc-report -o {M}/r.html {D}/many.csv'
	'pi-worker|-|writes one line to stdout only; it has no output file'
	'pi-sum|-|writes its estimate to stdout only; it has no output file'
	'fanout|-|no -o: its job output goes to stdout; --joblog and TMPDIR on a full disk are issue 13 items 5 and 8'
)

@test "on a full file system each tool that writes a file fails, names it, and leaves no temporary file" {
	local row name out cmd n=0
	full_fs
	for row in "${FULL[@]}"; do
		IFS='|' read -r name out cmd <<< "$row"
		if [ "$out" = - ]; then
			echo "# $name: not applicable: $cmd"
			continue
		fi
		# csvify writes X.csv beside X.dat: the .dat fills half the disk.
		head -c 40000 "$BATS_FILE_TMPDIR/many.dat" > "$M/s.dat"
		cmd=${cmd//'{M}'/$M}
		cmd=${cmd//'{D}'/$BATS_FILE_TMPDIR}
		run --separate-stderr $cmd
		echo "# $name: status $status, stderr: $stderr"
		[ "$status" -eq 1 ]
		[ "$stderr" = "${name%% *}: $M/$out: No space left on device" ]
		[ "$(ls -A "$M")" = s.dat ]
		rm "$M/s.dat"
		n=$((n + 1))
	done
	[ "$n" -eq 8 ]
}

# The tools under a memory limit: "NAME|KiB|small input|large input"
# ({T}: the test's small inputs, {F}: the large ones), or "NAME|-|why
# not".  The small input must work under the same limit.
MEM=(
	'wc-count|60000|wc-count {T}/small.txt|wc-count {F}/many.txt'
	'wc-count -M|60000|wc-count -M {T}/small.dat|wc-count -M {F}/many.dat'
	'zipf|8000|zipf 3 {F}/many.dat|zipf 1000000 {F}/many.dat'
	'acf|60000|acf -t 3 {T}/small.txt {T}/small.dat|acf -n 200000 -t 10 {F}/many.txt {F}/many.dat'
	'wc-report|60000|wc-report -o - {T}/small.csv {T}/small.txt {T}/small.dat|wc-report -o - {F}/many.csv'
	'csvify|-|streams one line at a time: no input makes it grow'
	'wc-plotdata|-|reads at most 1,000 rows: no input makes it grow'
	'pi-worker|-|allocates nothing that depends on its input'
	'pi-sum|-|holds one line and a table of ranks it has seen'
	'fanout|-|streams its items (flat RSS for 1M items); its jobs are not its memory'
)

@test "under ulimit -v, the tools that can run out of memory say \"tool: out of memory\", exit 1" {
	local row name kib small large n=0
	[ -z "${SAN:-}" ] || skip "the sanitizers reserve terabytes of address space: ulimit -v cannot apply"
	printf 'the cat and the hat\n' > "$BATS_TEST_TMPDIR/small.txt"
	wc-count "$BATS_TEST_TMPDIR/small.txt" > "$BATS_TEST_TMPDIR/small.dat"
	printf 'Book,word1,s,r2\nsmall,the,1.0,0.9\n' > "$BATS_TEST_TMPDIR/small.csv"
	for row in "${MEM[@]}"; do
		IFS='|' read -r name kib small large <<< "$row"
		if [ "$kib" = - ]; then
			echo "# $name: not applicable: $small"
			continue
		fi
		small=${small//'{T}'/$BATS_TEST_TMPDIR}
		small=${small//'{F}'/$BATS_FILE_TMPDIR}
		large=${large//'{T}'/$BATS_TEST_TMPDIR}
		large=${large//'{F}'/$BATS_FILE_TMPDIR}
		run -0 bash -c "ulimit -v $kib && exec $small"
		run --separate-stderr bash -c "ulimit -v $kib && exec $large > /dev/null"
		echo "# $name under $kib KiB: status $status, stderr: $stderr"
		[ "$status" -eq 1 ]
		[ "$stderr" = "${name%% *}: out of memory" ]
		n=$((n + 1))
	done
	[ "$n" -eq 5 ]
}
