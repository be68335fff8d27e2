#!/usr/bin/env bats
# The bad-input catalogue for the tools that take more than one kind of
# input (acf: a book and its table; wc-plotdata: a table and an output
# operand; pi-sum: worker lines; fanout: item and host files; wc-report:
# the Zipf table, a file list, the books' texts and tables): each case
# against each, with DESIGN.md's contract (exit status, "tool: path: ...",
# nothing on stdout where nothing is owed, no output file left).
# tests/bad-input.bats runs the full catalogue against every tool; these are
# the cases particular to several inputs (either of acf's, say).
load test_helper

setup() {
	PUB=$(mktemp -d "${TMPDIR:-/tmp}/bad-more.XXXXXX")
	chmod 755 "$PUB"
	cd "$PUB"
	printf 'the cat and the hat the end\n' > book.txt
	wc-count book.txt > book.dat
	pi-worker -R 2 -r 0 1e3 > w0
	pi-worker -R 2 -r 1 1e3 > w1
	printf 'Book,word1,s,r2\nbook,the,1.0,0.9\n' > z.csv
	mkdir o
}

teardown() {
	cd /
	chmod -R u+rwx "$PUB" 2> /dev/null
	rm -rf "$PUB"
}

# The tools, each with BAD standing for the bad input and OUT for an output
# file (or "-" for stdout); good runs of each are checked first.
CMDS=(
	'acf -t 2 -w the -o OUT BAD'
	'acf -t 2 -o OUT book.txt BAD'
	'wc-plotdata BAD OUT.svg'
	'pi-sum BAD'
	'fanout --sshloginfile BAD echo ::: x'
	'wc-report -o OUT BAD'
	'wc-report -o OUT -F BAD z.csv'
)

# run_with CMD BAD OUT: the command with its placeholders filled.
run_with() {
	local w
	local -a argv=()
	for w in $1; do
		case $w in
		BAD) argv+=("$2") ;;
		OUT) argv+=("$3") ;;
		OUT.svg) argv+=("$3.svg") ;;
		*) argv+=("$w") ;;
		esac
	done
	run --separate-stderr "${argv[@]}"
}

# error_ok CMD PATH REASON: exit 1, the message, nothing on stdout, no file.
error_ok() {
	echo "# $1: status $status, stderr: $stderr"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"${1%% *}: $2: $3"* ]]
	[ -z "$output" ]
	[ -z "$(ls -A o)" ]
}

@test "a missing file, each tool" {
	for c in "${CMDS[@]}"; do
		run_with "$c" nope o/out
		error_ok "$c" nope "No such file or directory"
	done
}

@test "a directory, each tool" {
	mkdir d
	for c in "${CMDS[@]}"; do
		run_with "$c" d o/out
		error_ok "$c" d "Is a directory"
	done
}

@test "permission denied, each tool" {
	command -v setpriv > /dev/null || [ "$(id -u)" -ne 0 ] || skip "root, and no setpriv"
	cp book.dat secret
	chmod 000 secret
	chmod 777 o
	for c in "${CMDS[@]}"; do
		if [ "$(id -u)" -eq 0 ]; then
			PATH=$BIN:$PATH run_with "setpriv --reuid=65534 --regid=65534 --clear-groups $BIN/$c" secret o/out
			stderr=${stderr//$BIN\//}
		else
			run_with "$c" secret o/out
		fi
		error_ok "$c" secret "Permission denied"
	done
}

@test "an empty input: a clear answer, never a crash" {
	: > empty
	run_with "${CMDS[0]}" empty o/out	# acf: fewer words than lags
	[ "$status" -eq 1 ]
	[[ "$stderr" == "acf: "* ]]
	[ ! -e o/out ]
	run_with "${CMDS[1]}" empty o/out	# acf: an empty table
	[ "$status" -eq 1 ]
	[[ "$stderr" == "acf: empty"* ]]
	[ ! -e o/out ]
	run_with "${CMDS[2]}" empty o/out	# an empty chart with its title
	[ "$status" -eq 0 ]
	[ -s o/out.svg ]
	run_with "${CMDS[3]}" empty o/out
	[ "$status" -eq 1 ]
	[ "$stderr" = "pi-sum: no pi-worker lines" ]
	run_with "${CMDS[5]}" empty o/out	# wc-report: a table needs its header
	[ "$status" -eq 1 ]
	[[ "$stderr" == "wc-report: empty: empty: expected a header"* ]]
	[ ! -e o/out ]
	run_with "${CMDS[6]}" empty o/out	# wc-report: no files, a page all the same
	[ "$status" -eq 0 ]
	[ -s o/out ]
}

@test "NUL bytes and invalid UTF-8: data for acf and wc-plotdata, a bad line for pi-sum" {
	printf 'a\0b \xff\xfe a\0b \xff\xfe\n' > nul.txt
	run -0 acf -t 2 -w $'\xff\xfe' nul.txt
	[ "${lines[1]}" = "2.000000000000000000e+00,0.000000000000000000e+00" ]
	printf 'a\0b 2 50.0\n\xff\xfe 2 50.0\n' > nul.dat
	run -0 wc-plotdata nul.dat o/nul.svg
	printf 'pi-worker 1 seed=0\0 darts=1\n' > nul.w
	run --separate-stderr pi-sum nul.w
	[ "$status" -eq 1 ]
	[[ "$stderr" == "pi-sum: nul.w:1: "* ]]
	command -v xmllint > /dev/null || skip "no xmllint (libxml2-utils): nul.svg not parsed"
	run -0 xmllint --noout o/nul.svg
}

@test "/dev/full as output, each tool that writes" {
	run --separate-stderr acf -t 2 -o /dev/full book.txt book.dat
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"acf: /dev/full: No space left on device" ]]
	run --separate-stderr wc-report -o /dev/full z.csv book.txt book.dat
	[ "$status" -eq 1 ]
	[ "$stderr" = "wc-report: /dev/full: No space left on device" ]
	for c in "acf -t 2 book.txt book.dat" "wc-plotdata book.dat -" "pi-sum w0 w1" \
	    "fanout echo ::: x" "wc-report -o - z.csv book.txt book.dat"; do
		run --separate-stderr bash -c "$c > /dev/full"
		[ "$status" -eq 1 ] || [ "$status" -eq 123 ]
		[[ "$stderr" == *"${c%% *}: stdout: No space left on device"* ]]
	done
}

@test "a closed stdout, each tool" {
	for c in "acf -t 2 book.txt book.dat" "wc-plotdata book.dat -" "pi-sum w0 w1" \
	    "pi-worker 1e3" "wc-report -o - z.csv book.txt book.dat"; do
		run --separate-stderr bash -c "$c >&-"
		[ "$status" -eq 1 ]
		[[ "$stderr" == *"${c%% *}: stdout: Bad file descriptor"* ]]
	done
}

@test "a read-only output directory: acf, wc-plotdata and wc-report leave nothing" {
	[ "$(id -u)" -ne 0 ] || command -v setpriv > /dev/null || skip "root, and no setpriv"
	chmod 555 o
	as=()
	[ "$(id -u)" -ne 0 ] || as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	chmod 644 book.txt book.dat z.csv
	run --separate-stderr "${as[@]}" "$BIN/acf" -t 2 -o o/x.csv book.txt book.dat
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"acf: o/x.csv: Permission denied" ]]
	run --separate-stderr "${as[@]}" "$BIN/wc-plotdata" book.dat o/x.png
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"wc-plotdata: o/x.png: Permission denied" ]]
	run --separate-stderr "${as[@]}" "$BIN/wc-report" -o o/x.html z.csv book.txt book.dat
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"wc-report: o/x.html: Permission denied" ]]
	[ -z "$(ls -A o)" ]
}
