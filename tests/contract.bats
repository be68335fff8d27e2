#!/usr/bin/env bats
# The usage contract (DESIGN.md), for every tool at once: -h prints the usage
# on stdout and exits 0; a bad option, a missing value, a bad number or a
# wrong operand count prints "tool: what" (the tool's name, never the path
# it was run by), then the usage line, on stderr, and exits 2.  The tools'
# own suites test their particular usage errors; this one proves that none
# is left out: the tool list is what tools/ builds, and a new tool must get
# a row below (or be named as taking no number).
load test_helper

# tools: every tool tools/ builds (tools/NAME.c, tools/NAME/main.c).
tools() {
	ls "$ROOT"/tools/*.c "$ROOT"/tools/*/main.c 2>/dev/null |
		sed 's,/main\.c$,,; s,\.c$,,; s,.*/,,' | sort -u
}

# shared: the tools that use tools/lib/usage.h (fanout has its own test).
shared() {
	tools | grep -vx fanout
}

# A bad number, and an option without its value, for each tool that takes
# them: "tool|words" (nothing is read: usage is checked first).
BADNUM=(
	'wc-count|-m x'
	'wc-count|-m 0'
	'zipf|x a.dat'
	'zipf|0 a.dat'
	'zipf|1e3 a.dat'
	'acf|-t x b.txt b.dat'
	'acf|-n 0 b.txt b.dat'
	'wc-plotdata|-n x a.dat o.tsv'
	'wc-plotdata|-s 1x1 a.dat o.png'
	'pi-worker|x'
	'pi-worker|1.5'
	'pi-worker|-s x 10'
	'pi-worker|-R 0 -r 0 10'
	'wc-report|-f gif r.csv'
)
NOVALUE=(
	'wc-count|-m'
	'zipf|-o'
	'acf|-t'
	'wc-plotdata|-s'
	'pi-worker|-R'
	'wc-report|-F'
)
# Tools with no number and no option that takes a value.
NONUM=(csvify pi-sum)

# bad_usage TOOL WHAT: the last run exited 2 and said "TOOL: WHAT...", then
# TOOL's usage line, and nothing else.
bad_usage() {
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "${stderr_lines[0]}" == "$1: $2"* ]]
	[[ "${stderr_lines[1]}" == "usage: $1 "* ]]
	[ "${#stderr_lines[@]}" -eq 2 ]
}

# The fanout branch moves fanout onto the shared helpers (tools/lib/usage.h);
# until then it keeps its own wording.
fanout_shared() {
	grep -qs usage_set "$ROOT"/tools/fanout.c "$ROOT"/tools/fanout/*.c
}

@test "every tool: -h prints the usage line on stdout and exits 0" {
	local t n=0
	for t in $(tools); do
		run -0 --separate-stderr "$BIN/$t" -h
		[[ "${lines[0]}" == "usage: $t "* ]]
		[ -z "$stderr" ]
		n=$((n + 1))
	done
	[ "$n" -ge 8 ]
}

@test "every tool: an unknown option is \"tool: ...\" (not the path), the usage line, exit 2" {
	local t n=0
	for t in $(tools); do
		run -2 --separate-stderr "$BIN/$t" -@ x
		[[ "${stderr_lines[0]}" == "$t: "*"-@"* ]]
		[[ "$stderr" == *$'\n'"usage: $t "* ]]
		[[ "$stderr" != *"$BIN"* ]]
		[ -z "$output" ]
		n=$((n + 1))
	done
	[ "$n" -ge 8 ]
}

@test "the shared wording: unknown option, missing value" {
	local t row
	for t in $(shared); do
		run --separate-stderr "$BIN/$t" -@
		bad_usage "$t" "unknown option -@"
		# getopt's own flag characters are not options either
		run --separate-stderr "$BIN/$t" -:
		bad_usage "$t" "unknown option -:"
	done
	for row in "${NOVALUE[@]}"; do
		t=${row%%|*}
		read -ra words <<<"${row#*|}"
		run --separate-stderr "$BIN/$t" "${words[@]}"
		bad_usage "$t" "option ${words[-1]} needs a value"
	done
}

@test "a bad number: \"tool: ... \\\"x\\\" is ...\", the usage line, exit 2, every tool" {
	local row t
	for row in "${BADNUM[@]}"; do
		t=${row%%|*}
		read -ra words <<<"${row#*|}"
		run --separate-stderr "$BIN/$t" "${words[@]}"
		bad_usage "$t" ""
		[[ "${stderr_lines[0]}" == *"is "* ]]
	done
}

@test "every tool is in the tables (a number, a value), or takes neither" {
	local t row missing=
	for t in $(shared); do
		row=" ${NONUM[*]} ${BADNUM[*]%%|*} "
		[[ "$row" == *" $t "* ]] || missing+=" $t"
	done
	[ -z "$missing" ] || {
		echo "no contract row for:$missing"
		return 1
	}
}

@test "fanout keeps the contract: the shared wording, a bad number with the usage line" {
	fanout_shared || skip "fanout does not use tools/lib/usage.h yet (the fanout branch)"
	run --separate-stderr fanout -@ echo
	bad_usage fanout "unknown option -@"
	run --separate-stderr fanout -j
	bad_usage fanout "option -j needs a value"
	run --separate-stderr fanout -j x echo
	bad_usage fanout 'jobs "x" is not a number'
}
