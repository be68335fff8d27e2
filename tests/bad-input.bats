#!/usr/bin/env bats
# The bad-input matrix: every tool against one catalogue of bad inputs, each
# checked against DESIGN.md's contract: the exit status, the message form
# "tool: path[:line]: ...", nothing on stdout where nothing is owed, no
# output file or temporary left behind, no crash, no hang, bounded memory,
# and (under make check's sanitizer pass) no leak: a sanitizer report makes
# the tool exit 86, which no expectation below accepts.
load test_helper

# The tools, one row for each input a tool reads (a new tool is a new row):
#   name    a label for messages
#   reads   text: text files, plain or gzip; dat: .dat tables; w: pi-worker
#           lines; items: fanout's items (on stdin); hosts: a fanout
#           --sshloginfile; zipf: a Zipf table (zipf -f's CSV); list: a
#           file list (-F); txt: a book as wc-report takes it (NAME.txt or
#           NAME.txt.gz, text all the same); none: no input.  A new kind needs a
#           good_input() line; the cases about content name the kinds
#           they know (each_row text dat)
#   output  o: -o FILE writes FILE atomically, stdout otherwise;
#           O: the same, stdout being "-o -" (wc-report's page goes
#           beside its table without -o);
#           p: an output operand (FILE, or "-" for stdout);
#           csv: each operand X.dat becomes X.csv beside it, "-" is
#           stdin to stdout; -: stdout only
#   onerr   none: nothing on stdout after a failed input;
#           rest: the other inputs' output is still written (by design)
#   command the words to run; {O} is "-o FILE" (nothing for stdout) or the
#           output operand, {IN} the input, {<IN} the input on stdin, {N} a
#           count (5; large where the test needs output), {BOOK} a book
#           of the input table's words, {DAT} the input book's own table
#           (each a good one where the input has none), {ZIPF} a Zipf
#           table whose one book is named as the input is (so that
#           wc-report reads the input as that book's text or table)
# A case that does not apply to a row says why in NA; a row a case would
# silently leave out fails the test instead.
TOOLS=(
	'wc-count    text  o    none  wc-count {O} {IN}'
	'wc-count-M  dat   o    none  wc-count -M {O} {IN}'
	'zipf        dat   o    rest  zipf {O} {N} {IN}'
	'zipf-f      dat   o    rest  zipf -f {O} {N} {IN}'
	'csvify      dat   csv  rest  csvify {IN}'
	'acf         text  o    none  acf -t 1 -n 1 {O} {IN} {DAT}'
	'acf-dat     dat   o    none  acf -t 1 -n 3 {O} {BOOK} {IN}'
	'wc-plotdata dat   p    none  wc-plotdata {IN} {O}'
	'pi-sum      w     -    none  pi-sum {IN}'
	'pi-worker   none  -    none  pi-worker -R 1 -r 0 1e3'
	'fanout      items -    none  fanout -k -j 2 echo {<IN}'
	'fanout-S    hosts -    none  fanout --sshloginfile {IN} echo ::: x'
	'wc-report   zipf  O    none  wc-report {O} {IN}'
	'wc-report-F list  O    none  wc-report {O} -F {IN} {ZIPF}'
	'wc-report-t txt   O    none  wc-report {O} {ZIPF} {IN}'
	'wc-report-d dat   O    none  wc-report {O} {ZIPF} {IN}'
)

# Cases that do not apply: "row;case;why"; row and case are extended
# globs, and a row may be named by its kind (kind:dat).
shopt -s extglob
NA=(
	'pi-worker;!(/dev/full|closed stdout);reads no input: only its output is tested'
	'fanout;missing file;reads items on stdin: the shell opens the path'
	'fanout;directory;reads items on stdin: the shell opens the path'
	'fanout;permission denied;reads items on stdin: the shell opens the path'
	'fanout;truncated gzip;items are plain lines, never gzip'
	'fanout;*bomb;items are plain lines, never gzip'
	'fanout;SIGPIPE;a process per item: 1.5M items take minutes'
	'fanout;100 MB line;an item is one argument: 100 MB exceeds ARG_MAX (E2BIG, by the kernel)'
	'fanout-S;closed stdin;"-" is a file name for --sshloginfile, not stdin'
	'fanout-S;truncated gzip;a host list is plain text'
	'fanout-S;*bomb;a host list is plain text'
	'fanout-S;NUL and invalid UTF-8;host names: malformed ones are sshlogin syntax (fanout.bats)'
	'fanout-S;lone CR;host names: malformed ones are sshlogin syntax (fanout.bats)'
	'fanout-S;100 MB line;host names: malformed ones are sshlogin syntax (fanout.bats)'
	'fanout*;read-only directory;writes to stdout only'
	'pi-sum;read-only directory;writes to stdout only'
	'pi-sum;SIGPIPE;writes four lines: nothing to cut'
	'pi-sum;*bomb;a worker line is at most a few hundred bytes: see 100 MB line'
	'acf*;gzip bomb;keeps every occurrence of its words: memory grows with the book, by design'
	'acf*;SIGPIPE;writes -t lines (two here) at the end: nothing to cut'
	'acf*;SIGTERM;writes two lines at the end: never caught mid-write (-o is outfile.c, as wc-count)'
	'acf-dat;NUL and invalid UTF-8;this table is none wc-count makes (c\xc3( counts as c\xc3), so acf reports the mismatch (NUL words: the acf row)'
	'acf-dat;100 MB line;a one-word table: acf warns that it has fewer words than -n 3 asks'
	'wc-plotdata;SIGPIPE;draws at most 1,000 rows: nothing to cut'
	'wc-plotdata;SIGTERM;writes one chart at the end: never caught mid-write (outfile.c, as wc-count)'
	'pi-sum;SIGTERM;writes to stdout only: no output file'
	'pi-sum;bad -o path;writes to stdout only'
	'fanout*;SIGTERM;writes to stdout only: no output file'
	'fanout*;bad -o path;writes to stdout only'
	'fanout-S;SIGPIPE;writes one line: nothing to cut'
	'csvify;bad -o path;no -o: X.csv is written beside X.dat'
	'wc-report;gzip bomb;a row per book of the table, held for the page: the page grows with the table, by design'
	'wc-report-[td];closed stdin;a book is named by its file: "-" is none (stdin is for -F -)'
	'wc-report-d;@(truncated gzip|*bomb);a table is NAME.dat, as wc-count writes it: wc-report takes no NAME.dat.gz'
	'wc-report-@(F|t|d);SIGPIPE;a page of one book: nothing to cut (the wc-report row is cut)'
	'wc-report-@(F|t|d);SIGTERM;a page of one book, written at the end: never caught mid-write (outfile.c, as the wc-report row)'
	'kind:[!d]*;malformed .dat;reads no .dat (its own bad lines: its suite)'
	'kind:[!d]*;numbers;reads no .dat (its own bad numbers: its suite)'
)

# Rows that answer a case with an error by design: "row|case|stderr",
# exit 1 and nothing left ({IN} stands for the input's path).
ERRS=(
	'pi-sum|empty|pi-sum: no pi-worker lines'
	'pi-sum|NUL and invalid UTF-8|pi-sum: {IN}:1: *'
	'pi-sum|lone CR|pi-sum: {IN}:1: *'
	'pi-sum|100 MB line|pi-sum: {IN}:1: *'
	'acf|empty|acf: *: not the table of {IN}: *'
	'acf-dat|empty|acf: {IN}: no words'
	'fanout-S|empty|fanout: {IN}: no hosts'
	'fanout|NUL and invalid UTF-8|fanout: stdin:1: the item holds a NUL byte: *'
	'wc-report|empty|wc-report: {IN}: empty: expected a header "Book,word1,..."'
	'wc-report-F|NUL and invalid UTF-8|wc-report: {IN}:1: a NUL byte in a path'
	'wc-report-F|lone CR|wc-report: one two?three?four: not a book (.txt, .txt.gz) or a table (.dat)'
)

# Sizes: the long line, and the gzip bomb's decompressed size (MiB).
LONG_MB=${BAD_LONG_MB:-100}
BOMB_MIB=${BAD_BOMB_MIB:-1024}
MAX_RSS_KB=65536	# bounded memory: well under the bomb, under ASan too

setup_file() {
	local d=$BATS_FILE_TMPDIR i
	# A 100 MB line: text of short words, no newline; a .dat row whose
	# word is that long.
	yes 'lorem ipsum dolor' | head -c $((LONG_MB * 1000000)) | tr '\n' ' ' > "$d/long.text"
	ln -s long.text "$d/long.w"
	ln -s long.text "$d/long.txt"
	# a Zipf table whose one book's top word is the long line; a list
	# whose one path is (a file of no book in the table)
	{ printf 'Book,word1,s,r2\nlong,'; head -c $((LONG_MB * 1000000)) /dev/zero | tr '\0' w
	  printf ',1.0,0.9\n'; } > "$d/long.zipf"
	{ head -c $((LONG_MB * 1000000)) /dev/zero | tr '\0' w; printf '.txt\n'; } > "$d/long.list"
	{ head -c $((LONG_MB * 1000000)) /dev/zero | tr '\0' w; printf ' 1 100.0\n'; } > "$d/long.dat"
	# Gzip bombs: one MiB of ordinary lines, compressed, repeated as gzip
	# members: BOMB_MIB MiB from a file a thousand times smaller.
	yes 'the quick brown fox jumps over the lazy dog' | head -c 1048576 | gzip -9 > "$d/m.text.gz"
	# whole rows only, so that the members join into good tables
	yes "the$(printf '%080d' 0) 1 0.1" | head -n 11275 | gzip -9 > "$d/m.dat.gz"
	# a file list of books that the table does not name
	yes 'no/such/book.txt' | head -n 61680 | gzip -9 > "$d/m.list.gz"
	for k in text dat list; do
		for ((i = 0; i < BOMB_MIB; i++)); do cat "$d/m.$k.gz"; done > "$d/bomb.$k.gz"
	done
	ln -s bomb.text.gz "$d/bomb.txt.gz"
	# A bomb of one line: 64 MiB of NUL bytes from 64 kB.
	head -c $((64 << 20)) /dev/zero | gzip -9 > "$d/zeros.gz"
	# Inputs with large outputs (many distinct words), for SIGPIPE and SIGTERM.
	seq 1 1500000 > "$d/many.text"
	awk '{ printf "w%d 1 0.00006\n", $1 }' "$d/many.text" > "$d/many.dat"
	# a Zipf table of 200,000 books: a page of 90 MB
	{ echo 'Book,word1,word2,word3,s,r2'
	  awk '{ printf "b%d,the,of,and,1.0%d,0.9\n", $1, $1 }' "$d/many.text" | head -n 200000
	} > "$d/many.zipf"
}

# row LINE: the row's fields into name, reads, out, onerr, cmd.
row() {
	read -r name reads out onerr cmd <<< "$1"
	tool=${cmd%% *}
}

# build HOW IN [N]: the row's command as argv (and its output file as
# outf); HOW: file (the output goes to a file) or stdout.  For a csv tool,
# stdout means "-" with IN on stdin (stdin is then set to IN).
build() {
	local how=$1 in=$2 n=${3:-5} w
	local -a words
	read -ra words <<< "$cmd"
	argv=() outf= stdin=/dev/null
	if [[ "$out" == [oO] ]] && [ "$how" = file ]; then
		outf=$W/o/out
	elif [ "$out" = p ] && [ "$how" = file ]; then
		outf=$W/o/out.svg
	elif [ "$out" = csv ] && [ "$how" = file ]; then
		outf=${in%.*}.csv
	elif [ "$out" = csv ]; then
		stdin=$in
		in=-
	fi
	for w in "${words[@]}"; do
		case $w in
		'{O}')
			if [ "$out" = p ]; then
				argv+=("${outf:--}")
			elif [[ "$out" == [oO] ]] && [ -n "$outf" ]; then
				argv+=(-o "$outf")
			elif [ "$out" = O ]; then
				argv+=(-o -)
			fi ;;
		'{IN}') argv+=("$in") ;;
		'{<IN}') stdin=$in ;;
		'{N}') argv+=("$n") ;;
		'{BOOK}') argv+=("$(own_book "$in")") ;;
		'{DAT}') argv+=("$(own_dat "$in")") ;;
		'{ZIPF}') argv+=("$(zipf_of "$in")") ;;
		*) argv+=("$w") ;;
		esac
	done
}

# invoke HOW IN [N]: build, then run with stdout to $to (default $W/stdout;
# "closed" closes it); sets status and stderr.  Statuses over 128 are
# deaths by a signal.
invoke() {
	build "$@"
	status=0
	case ${to:-$W/stdout} in
	closed) "${argv[@]}" < "$stdin" >&- 2> "$W/stderr" || status=$? ;;
	*) "${argv[@]}" < "$stdin" > "${to:-$W/stdout}" 2> "$W/stderr" || status=$? ;;
	esac
	stderr=$(cat "$W/stderr")
	no_sanitizer_report
}

# own_dat BOOK: the book's table, as the pipeline makes it (a good table
# when it has none).
own_dat() {
	if [ -f "$1" ] && wc-count "$1" > "$W/own.dat" 2> /dev/null &&
	    [ -s "$W/own.dat" ]; then
		echo "$W/own.dat"
	else
		good_input dat
	fi
}

# own_book DAT: a book of the table's words, each as often as it counts
# (once where the line is not a count); a good book if DAT is no plain file.
own_book() {
	if [ -f "$1" ] && [[ "$1" != *.gz ]]; then
		awk '{
			n = $2 ~ /^[1-9][0-9]?$/ ? $2 : 1
			for (i = 0; i < n; i++)
				printf "%s ", $1
		} END { print "" }' "$1" > "$W/own.txt"
		echo "$W/own.txt"
	else
		good_input text
	fi
}

# zipf_of PATH: a Zipf table of one book, named as PATH is (its file
# name up to the first dot), with three word columns.
zipf_of() {
	local b=${1##*/}
	printf 'Book,word1,word2,word3,s,r2\n%s,the,cat,hat,1.0,0.95\n' "${b%%.*}" > "$W/zipf.csv"
	echo "$W/zipf.csv"
}

# o_arg PATH: the words that send the row's output to PATH.
o_arg() {
	if [ "$out" = p ]; then
		echo "$1"
	else
		echo "-o $1"
	fi
}

# The checks; each names the row and the case when it fails.
fail_() {
	echo "$name ($case): $*"
	echo "  status $status; stderr: ${stderr:0:400}"
	return 1
}

no_sanitizer_report() {
	[[ "$stderr" != *Sanitizer* && "$stderr" != *"runtime error"* ]] ||
		fail_ "a sanitizer report"
	[ "$status" -ne 86 ] || fail_ "exit 86: a sanitizer report"
}

# succeeds [IN]: exit 0, no message; or the error ERRS gives the row.
succeeds() {
	local e f
	by_error=
	for e in "${ERRS[@]}"; do
		IFS='|' read -r -a f <<< "$e"
		# shellcheck disable=SC2053
		if [ "${f[0]}" = "$name" ] && [[ "$case" == ${f[1]} ]]; then
			f[2]=${f[2]//'{IN}'/${1-}}
			by_error=1
			[ "$status" -eq 1 ] || fail_ "expected exit 1 (ERRS)"
			# shellcheck disable=SC2053
			[[ "$stderr" == ${f[2]} ]] || fail_ "expected \"${f[2]}\" (ERRS)"
			nothing_left
			outf=
			return 0
		fi
	done
	[ "$status" -eq 0 ] || fail_ "expected exit 0"
	[ -z "$stderr" ] || fail_ "expected no message"
	[ -z "$outf" ] || [ -f "$outf" ] || fail_ "no output file $outf"
}

# nothing_left: no output file, no temporary file, nothing on stdout
# unless the tool writes the other inputs' output by design.
nothing_left() {
	[ -z "$outf" ] || [ ! -e "$outf" ] || fail_ "output file $outf left behind"
	no_tmp_left "$W" || fail_ "a temporary file left behind"
	no_tmp_left "$W/o" || fail_ "a temporary file left behind"
	if [ -z "$outf" ] && [ "$onerr" = none ]; then
		[ ! -s "$W/stdout" ] || fail_ "output on stdout after an error"
	fi
}

# sys_error PATH REASON: exit 1, "tool: PATH: REASON", nothing left.
sys_error() {
	[ "$status" -eq 1 ] || fail_ "expected exit 1"
	[ "$stderr" = "$tool: $1: $2" ] || fail_ "expected \"$tool: $1: $2\""
	nothing_left
}

# data_error PATH LINE: exit 1, "tool: PATH:LINE: what", nothing left.
data_error() {
	[ "$status" -eq 1 ] || fail_ "expected exit 1"
	[[ "$stderr" == "$tool: $1:$2: "?* && "$stderr" != *$'\n'* ]] ||
		fail_ "expected one line \"$tool: $1:$2: ...\""
	nothing_left
}

# each_row KIND...: the rows of $case: those that read one of KIND (with
# none given, every row), less the ones NA says do not apply (printed with
# the reason).  A row left out for its kind and not in NA fails the test:
# no tool drops out of a case silently.
each_row() {
	local r k why
	rows=()
	for r in "${TOOLS[@]}"; do
		row "$r"
		if why=$(na); then
			echo "# $name: $case does not apply: $why"
			continue
		fi
		if [ $# -eq 0 ]; then
			rows+=("$r")
			continue
		fi
		for k in "$@"; do
			if [ "$reads" = "$k" ]; then
				rows+=("$r")
				continue 2
			fi
		done
		echo "$name reads $reads, which \"$case\" does not handle: handle it, or say why in NA"
		return 1
	done
}

# na: why the current row and case do not apply (status 1 if they do).
na() {
	local e f
	for e in "${NA[@]}"; do
		IFS=';' read -r -a f <<< "$e"
		# shellcheck disable=SC2053
		if [[ ("$name" == ${f[0]} || "kind:$reads" == ${f[0]}) &&
		    "$case" == ${f[1]} ]]; then
			echo "${f[2]}"
			return 0
		fi
	done
	return 1
}

# Scratch directories live in one that every user may traverse, so that a
# tool run as nobody meets exactly the permissions a test sets.
setup() {
	PUB=$(mktemp -d "${TMPDIR:-/tmp}/bad-input.XXXXXX")
	chmod 755 "$PUB"
	known_bugs=()
}

teardown() {
	chmod -R u+rwx "$PUB" 2> /dev/null
	rm -rf "$PUB"
}

# fresh: an empty scratch directory $W (with $W/o for -o outputs).
fresh() {
	W=$PUB/$name
	rm -rf "$W"
	mkdir -p "$W/o"
}

# Known bugs, reported and not yet fixed: "row|case|when|what", when being
# "all" or "san" (seen only under the sanitizers: a leak).  A row and case
# listed here is passed over; the test then ends skipped, naming the bug,
# once every other row has passed.  Delete the line when the bug is fixed.
KNOWN=(
)

# known: the current row and case are a known bug (remembered for done_).
known() {
	local k f
	for k in "${KNOWN[@]}"; do
		IFS='|' read -ra f <<< "$k"
		[ "${f[2]}" = all ] || [ -n "${SAN:-}" ] || continue
		if [ "${f[0]}" = "$name" ] && [ "${f[1]}" = "$case" ]; then
			known_bugs+=("$name: ${f[3]}")
			return 0
		fi
	done
	return 1
}

# done_: the end of a matrix test: skipped if a known bug was passed over.
done_() {
	[ ${#known_bugs[@]} -eq 0 ] || skip "known bug: ${known_bugs[*]}"
}

# as_nobody: run the next invoke without root's power over permissions.
as_nobody() {
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv >/dev/null || skip "root, and no setpriv to drop privileges"
		setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$BIN/$tool" ||
			skip "nobody cannot run $BIN/$tool (a parent directory is closed)"
		cmd="setpriv --reuid=65534 --regid=65534 --clear-groups $cmd"
	fi
}

# good_input KIND: a small good input of that kind, as a path.
good_input() {
	case $1 in
	text) printf 'the cat and the hat\n' > "$W/good.txt"; echo "$W/good.txt" ;;
	dat) printf 'the 2 50.0\ncat 1 25.0\nhat 1 25.0\n' > "$W/good.dat"; echo "$W/good.dat" ;;
	w) pi-worker -R 1 -r 0 1e3 > "$W/good.w"; echo "$W/good.w" ;;
	items) printf 'a\nb\n' > "$W/good.items"; echo "$W/good.items" ;;
	hosts) printf ':\n' > "$W/good.hosts"; echo "$W/good.hosts" ;;
	zipf) zipf_of good > /dev/null; mv "$W/zipf.csv" "$W/good.zipf"; echo "$W/good.zipf" ;;
	txt) printf 'Title: The Hat\nAuthor: A Cat\n*** START\nthe cat and the hat\n' > "$W/good.txt"
		echo "$W/good.txt" ;;
	list) good_input txt > /dev/null; good_input dat > /dev/null
		printf '%s\n' "$W/good.txt" "$W/good.dat" > "$W/good.list"; echo "$W/good.list" ;;
	none) ;;
	esac
}

@test "a missing file: exit 1, \"tool: path: No such file or directory\"" {
	case="missing file"
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		invoke file "$W/nope.$reads"
		sys_error "$W/nope.$reads" "No such file or directory"
		invoke stdout "$W/nope.$reads"
		[ "$out" = csv ] || sys_error "$W/nope.$reads" "No such file or directory"
	done
	done_
}

@test "a directory: exit 1, \"tool: path: Is a directory\"" {
	case=directory
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		mkdir "$W/d.$reads"
		invoke file "$W/d.$reads"
		sys_error "$W/d.$reads" "Is a directory"
	done
	done_
}

@test "permission denied: exit 1, \"tool: path: Permission denied\"" {
	case="permission denied"
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		chmod 777 "$W" "$W/o"
		f=$(good_input "$reads")
		chmod 000 "$f"
		as_nobody
		invoke file "$f"
		sys_error "$f" "Permission denied"
	done
	done_
}

@test "an empty input: exit 0, no message (or the error ERRS names)" {
	case=empty
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		if known; then continue; fi
		: > "$W/empty.$reads"
		invoke file "$W/empty.$reads"
		succeeds "$W/empty.$reads"
		invoke stdout "$W/empty.$reads"
		succeeds "$W/empty.$reads"
	done
	done_
}

@test "NUL bytes and invalid UTF-8 are data, not errors" {
	case="NUL and invalid UTF-8"
	each_row text dat w items zipf list txt
	for r in "${rows[@]}"; do
		row "$r"; fresh
		if [ "$reads" = zipf ]; then
			printf 'Book,word1\na\0b,\xff\xfe c\xc3\x28\n\xe2\x82\xac\xf0\x9f,end\0\n' > "$W/in.$reads"
		elif [ "$reads" = txt ]; then
			printf 'Title: a\0b\nAuthor: \xff\xfe c\xc3\x28 \xe2\x82\xac\xf0\x9f end\n' > "$W/in.$reads"
		elif [ "$reads" != dat ]; then
			printf 'a\0b \xff\xfe c\xc3\x28 \xe2\x82\xac\xf0\x9f end\0\n' > "$W/in.$reads"
		else
			printf 'a\0b 2 50.0\n\xff\xfe 1 25.0\nc\xc3\x28 1 25.0\n' > "$W/in.$reads"
		fi
		invoke file "$W/in.$reads"
		succeeds "$W/in.$reads"
		if [ -z "$by_error" ]; then
			[ -s "${outf:-$W/stdout}" ] || fail_ "an empty output"
		fi
	done
	done_
}

@test "lone CR line endings: words for text, a malformed line for .dat" {
	case="lone CR"
	each_row text dat w items zipf list txt
	for r in "${rows[@]}"; do
		row "$r"; fresh
		if [ "$reads" = zipf ]; then
			# RFC 4180: CR only in a quoted field (or before LF)
			printf 'Book,word1\ra,b\rc,d' > "$W/cr.$reads"
			invoke file "$W/cr.$reads"
			data_error "$W/cr.$reads" 1
		elif [ "$reads" != dat ]; then
			printf 'one two\rthree\rfour' > "$W/cr.$reads"
			invoke stdout "$W/cr.$reads"
			succeeds "$W/cr.$reads"
			case $name in
			wc-count)
				[ "$(wc -l < "$W/stdout")" -eq 4 ] ||
					fail_ "CR does not separate words" ;;
			fanout)
				[ "$(cat "$W/stdout")" = $'one two\rthree\rfour' ] ||
					fail_ "the item changed" ;;
			esac
		else
			printf 'a 1 50.0\rb 1 50.0\r' > "$W/cr.$reads"
			invoke file "$W/cr.$reads"
			data_error "$W/cr.$reads" 1
		fi
	done
	done_
}

@test "a 100 MB line: no crash, no limit" {
	case="100 MB line"
	each_row text dat w zipf list txt
	for r in "${rows[@]}"; do
		row "$r"; fresh
		invoke file "$BATS_FILE_TMPDIR/long.$reads"
		succeeds "$BATS_FILE_TMPDIR/long.$reads"
		rm -f "$outf"
	done
	done_
}

@test "a truncated gzip file: exit 1, \"tool: path: truncated gzip data\"" {
	case="truncated gzip"
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		if known; then continue; fi
		# the trailer cut: every byte of data is there, but not its check
		gzip -c "$(good_input "$reads")" | head -c -6 > "$W/t.$reads.gz"
		invoke file "$W/t.$reads.gz"
		sys_error "$W/t.$reads.gz" "truncated gzip data"
		invoke stdout "$W/t.$reads.gz"
		[ "$status" -eq 1 ] || fail_ "expected exit 1 on stdout too"
	done
	done_
}

@test "a gzip bomb (1 GiB from 3 MB): streamed in bounded memory" {
	case="gzip bomb"
	command -v /usr/bin/time >/dev/null || skip "no GNU time (Debian: apt-get install time)"
	each_row text dat list txt
	for r in "${rows[@]}"; do
		row "$r"; fresh
		cmd="/usr/bin/time -f %M -o $W/rss $cmd"
		to=/dev/null invoke stdout "$BATS_FILE_TMPDIR/bomb.$reads.gz"
		succeeds
		rss=$(tail -1 "$W/rss")
		echo "$name: max RSS $rss KiB on $BOMB_MIB MiB"
		[ "$rss" -lt "$MAX_RSS_KB" ] || fail_ "max RSS $rss KiB"
	done
	done_
}

@test "a gzip bomb of one 64 MiB line: held whole (no limit by design), in a few times its size" {
	case="one-line bomb"
	command -v /usr/bin/time >/dev/null || skip "no GNU time (Debian: apt-get install time)"
	each_row text dat zipf list txt
	for r in "${rows[@]}"; do
		row "$r"; fresh
		cp "$BATS_FILE_TMPDIR/zeros.gz" "$W/zeros.$reads.gz"
		cmd="/usr/bin/time -f %M -o $W/rss $cmd"
		to=/dev/null invoke file "$W/zeros.$reads.gz"
		if [[ "$reads" == @(text|txt|zipf) ]]; then
			succeeds	# one word (a header, a line) of 64 Mi NUL bytes
		else
			data_error "$W/zeros.$reads.gz" 1
		fi
		rss=$(tail -1 "$W/rss")
		echo "$name: max RSS $rss KiB on a 65536 KiB line"
		# sanitizers keep freed memory in quarantine: no bound under SAN
		[ -n "${SAN:-}" ] || [ "$rss" -lt $((4 * 65536)) ] || fail_ "max RSS $rss KiB"
	done
	done_
}

@test "malformed and truncated .dat lines: exit 1, \"tool: path:line: what\"" {
	case="malformed .dat"
	each_row dat
	bad=('x 1' 'x 1 2 3' ' 1 1.0' 'x  1 1.0' 'x 1x 1.0' 'x 1 abc' 'x 1 '
	    'x 0 1.0' '' 'x 1 1.0e' 'x 1 .' 'x 1 inf' 'x 1 nan' 'x 1 -1.0'
	    'x 0x10 1.0' 'x +1 1.0' 'x 1 1,5')
	for r in "${rows[@]}"; do
		row "$r"; fresh
		for b in "${bad[@]}"; do
			printf 'ok 1 50.0\n%s\nok2 1 50.0\n' "$b" > "$W/bad.dat"
			case="malformed .dat: \"$b\""
			invoke file "$W/bad.dat"
			data_error "$W/bad.dat" 2
		done
		# truncated: the last line cut short, with no newline
		printf 'ok 1 50.0\nx 1' > "$W/cut.dat"
		case="truncated .dat"
		invoke file "$W/cut.dat"
		data_error "$W/cut.dat" 2
	done
	done_
}

@test "numbers that overflow and negative counts: exit 1, named" {
	case=numbers
	each_row dat
	for r in "${rows[@]}"; do
		row "$r"; fresh
		case="count over 64 bits"
		printf 'x 18446744073709551616 1.0\n' > "$W/big.dat"
		invoke file "$W/big.dat"
		data_error "$W/big.dat" 1
		[[ "$stderr" == *"too large"* ]] || fail_ "not called too large"
		case="percent out of range"
		printf 'x 1 1e999\n' > "$W/huge.dat"
		invoke file "$W/huge.dat"
		data_error "$W/huge.dat" 1
		case="negative count"
		printf 'x 1 50.0\ny -3 50.0\n' > "$W/neg.dat"
		invoke file "$W/neg.dat"
		data_error "$W/neg.dat" 2
		[[ "$stderr" == *negative* ]] || fail_ "not called negative"
	done
	done_
}

@test "/dev/full as output: exit 1, \"tool: path: No space left on device\"" {
	case=/dev/full
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		if known; then continue; fi
		f=$(good_input "$reads")
		if [[ "$out" == [oOp] ]]; then
			# an output operand's format is its extension
			full=/dev/full
			if [ "$out" = p ]; then
				full=$W/o/full.svg
				ln -s /dev/full "$full"
			fi
			cmd=${cmd//'{O}'/$(o_arg "$full")}
			invoke stdout "$f"
			[ "$status" -eq 1 ] || fail_ "expected exit 1 with -o /dev/full"
			[ "$stderr" = "$tool: $full: No space left on device" ] ||
				fail_ "expected \"$tool: $full: No space left on device\""
			row "$r"
		fi
		to=/dev/full invoke stdout "$f"
		[ "$status" -eq 1 ] || fail_ "expected exit 1 with stdout on /dev/full"
		[ "$stderr" = "$tool: stdout: No space left on device" ] ||
			fail_ "expected \"$tool: stdout: No space left on device\""
	done
	done_
}

@test "a closed stdout: exit 1, \"tool: stdout: Bad file descriptor\"" {
	case="closed stdout"
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		if known; then continue; fi
		to=closed invoke stdout "$(good_input "$reads")"
		[ "$status" -eq 1 ] || fail_ "expected exit 1"
		[ "$stderr" = "$tool: stdout: Bad file descriptor" ] ||
			fail_ "expected \"$tool: stdout: Bad file descriptor\""
	done
	done_
}

@test "a closed stdin: exit 1, \"tool: stdin: Bad file descriptor\"" {
	case="closed stdin"
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		if known; then continue; fi
		build file -
		outf=
		status=0
		"${argv[@]}" <&- > "$W/stdout" 2> "$W/stderr" || status=$?
		stderr=$(cat "$W/stderr")
		no_sanitizer_report
		[ "$status" -eq 1 ] || fail_ "expected exit 1"
		[ "$stderr" = "$tool: stdin: Bad file descriptor" ] ||
			fail_ "expected \"$tool: stdin: Bad file descriptor\""
	done
	done_
}

@test "SIGPIPE mid-write: stops quietly, SIGPIPE default or ignored" {
	case=SIGPIPE
	each_row text dat zipf
	for r in "${rows[@]}"; do
		row "$r"; fresh
		build stdout "$BATS_FILE_TMPDIR/many.$reads" 200000
		for trap in - ''; do
			status=0
			IN=$stdin bash -c 'trap "$1" PIPE; shift; "$@" < "$IN" | head -c 10 > /dev/null
				exit "${PIPESTATUS[0]}"' _ "$trap" "${argv[@]}" \
				2> "$W/stderr" || status=$?
			stderr=$(cat "$W/stderr")
			no_sanitizer_report
			[ -z "$stderr" ] || fail_ "a message after SIGPIPE (trap \"$trap\")"
			[ "$status" -eq 141 ] || [ "$status" -eq 1 ] ||
				fail_ "expected death by SIGPIPE or exit 1 (trap \"$trap\")"
		done
	done
	done_
}

@test "SIGTERM mid-write with -o: no output file, no temporary file" {
	case=SIGTERM
	each_row text dat zipf
	for r in "${rows[@]}"; do
		row "$r"; fresh
		# The input is a fifo that the test feeds, then holds open: a
		# tool that writes as it reads is caught writing; one that
		# writes at the end is caught writing its large table.
		in=$W/in.$reads
		mkfifo "$in"
		build file "$in" 200000
		tmp=$(dirname "$outf")/.$(basename "$outf").??????
		"${argv[@]}" > /dev/null 2> "$W/stderr" &
		pid=$!
		exec {feed}> "$in"	# not 3: bats's own
		head -1000 "$BATS_FILE_TMPDIR/many.$reads" >&"$feed"
		caught=
		for ((i = 0; i < 100; i++)); do
			if compgen -G "$tmp" > /dev/null; then caught=1; break; fi
			sleep 0.01
		done
		if [ -z "$caught" ]; then
			cat "$BATS_FILE_TMPDIR/many.$reads" >&"$feed"
			exec {feed}>&-
			end=$((SECONDS + 30))
			while [ $SECONDS -lt $end ] && kill -0 "$pid" 2> /dev/null; do
				if compgen -G "$tmp" > /dev/null; then caught=1; break; fi
			done
		fi
		kill -TERM "$pid" 2> /dev/null || true
		[ -z "$caught" ] || exec {feed}>&-
		status=0
		wait "$pid" || status=$?
		stderr=$(cat "$W/stderr")
		no_sanitizer_report
		[ -n "$caught" ] || fail_ "finished before it could be caught writing"
		[ "$status" -eq 143 ] || fail_ "expected death by SIGTERM"
		[ ! -e "$outf" ] || fail_ "output file left behind"
		nothing_left
	done
	done_
}

@test "a read-only output directory: exit 1, \"tool: path: Permission denied\"" {
	case="read-only directory"
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		if [ "$out" = - ]; then continue; fi
		if known; then continue; fi
		f=$(good_input "$reads")
		if [ "$out" = csv ]; then
			target=${f%.*}.csv
		elif [ "$out" = p ]; then
			target=$W/o/out.svg
		else
			target=$W/o/out
		fi
		chmod 555 "$W" "$W/o"
		as_nobody
		invoke file "$f"
		chmod 755 "$W" "$W/o"
		sys_error "$target" "Permission denied"
	done
	done_
}

@test "-o into a missing directory, or naming a directory: exit 1, named" {
	case="bad -o path"
	each_row
	for r in "${rows[@]}"; do
		row "$r"; fresh
		if known; then continue; fi
		f=$(good_input "$reads")
		c=$cmd
		# an output operand's format is its extension
		ext= dir=$W/o
		if [ "$out" = p ]; then
			ext=.svg dir=$W/o/d.svg
			mkdir "$dir"
		fi
		cmd=${c//'{O}'/$(o_arg "$W/none/out$ext")}
		invoke stdout "$f"
		outf=$W/none/out$ext
		sys_error "$W/none/out$ext" "No such file or directory"
		cmd=${c//'{O}'/$(o_arg "$dir")}
		invoke stdout "$f"
		outf=
		sys_error "$dir" "Is a directory"
	done
	done_
}

@test "a word of 200,000 capital sigmas takes linear time" {
	printf '\xce\xa3%.0s' $(seq 200000) > "$BATS_TEST_TMPDIR/sigma.txt"
	run -0 timeout 10 wc-count "$BATS_TEST_TMPDIR/sigma.txt"
	want=$(printf '\xcf\x83%.0s' $(seq 199999); printf '\xcf\x82')
	[ "$output" = "$want 1 100.0" ]
}

@test "E2 80 before an ASCII byte is not white space" {
	printf 'ab\xe2\x80cd x\n' > "$BATS_TEST_TMPDIR/e280.txt"
	run -0 wc-count "$BATS_TEST_TMPDIR/e280.txt"
	[ "$output" = $'ab\xe2\x80cd 1 50.0\nx 1 50.0' ]
}

# A documented limit of zlib's gz* reader (wc-count(1), BUGS): after a gzip
# member, bytes that do not start another member are ignored, as gzip -d
# ignores them (with a warning); concatenated members are all read.
@test "after the last gzip member, what is not gzip is ignored; members concatenate" {
	printf 'the cat\n' | gzip > "$BATS_TEST_TMPDIR/g.gz"
	printf 'the dog\n' | gzip | tail -c +3 >> "$BATS_TEST_TMPDIR/g.gz"
	run -0 wc-count "$BATS_TEST_TMPDIR/g.gz"
	[ "$output" = $'the 1 50.0\ncat 1 50.0' ]
	printf 'the dog\n' | gzip > "$BATS_TEST_TMPDIR/h.gz"
	printf 'the cat\n' | gzip >> "$BATS_TEST_TMPDIR/h.gz"
	run -0 wc-count "$BATS_TEST_TMPDIR/h.gz"
	[ "$output" = $'the 2 50.0\ndog 1 25.0\ncat 1 25.0' ]
}
