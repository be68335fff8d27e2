#!/usr/bin/env bats
# tests/lint: the assertions bats never checks are found, and nothing else.
load test_helper

L=$ROOT/tests/lint
F=$FIX/lint

# kinds: "LINE KIND" per finding, KIND being !, && or ||.
kinds() {
	sed -E 's/^[^:]*:([0-9]+): (a mid-test `(!|a &&)|`(\|\|)).*/\1 \3\4/; s/ a &&$/ \&\&/'
}

@test "lint: the good sample has no finding" {
	run -0 --separate-stderr "$L" "$F/good.bats"
	[ -z "$output" ]
	[ -z "$stderr" ]
}

@test "lint: every bad line is found, on its own line, and nothing else" {
	run -1 --separate-stderr "$L" "$F/bad.bats"
	[ -z "$stderr" ]
	[ "$(kinds <<<"$output")" = "$(cat "$F/bad.expected")" ]
	[[ "${lines[0]}" == "$F/bad.bats:5: a mid-test \`! cmd\` never fails the test (write \`run ! cmd\`)" ]]
}

@test "lint: --tap gives one line per file, the findings as comments" {
	run -1 "$L" --tap "$F/good.bats" "$F/bad.bats"
	[ "${lines[0]}" = 1..2 ]
	[ "${lines[1]}" = "ok 1 lint $F/good.bats" ]
	[ "${lines[2]}" = "not ok 2 lint $F/bad.bats" ]
	[ "${lines[3]}" = "# $F/bad.bats:5: a mid-test \`! cmd\` never fails the test (write \`run ! cmd\`)" ]
	[ "${#lines[@]}" -eq $((3 + $(wc -l < "$F/bad.expected"))) ]
}

@test "lint: a mark without a reason exempts nothing; with one, its line only" {
	cd "$BATS_TEST_TMPDIR"
	printf '@test "t" {\n\t[ a ] && [ b ] # lint: ok\n\t[ a ] && [ b ] # lint: ok a reason\n\t[ a ] && [ b ]\n\ttrue\n}\n' > t.bats
	run -1 "$L" t.bats
	[ "$output" = "$(printf '%s\n' "t.bats:2: a mid-test \`a && b\` passes quietly when a fails (one [ ] per line, or if/then)" "t.bats:4: a mid-test \`a && b\` passes quietly when a fails (one [ ] per line, or if/then)")" ]
}

@test "lint: the last command of a test may be ! cmd or a && b" {
	cd "$BATS_TEST_TMPDIR"
	printf '@test "t" {\n\ttrue\n\t! false\n}\n@test "u" {\n\ttrue\n\t[ a ] && [ b ]\n\n}\n' > t.bats
	run -0 "$L" t.bats
	printf '@test "t" {\n\t! false\n\t# a comment last\n\ttrue\n}\n' > u.bats
	run -1 "$L" u.bats
	[ "$output" = "u.bats:2: a mid-test \`! cmd\` never fails the test (write \`run ! cmd\`)" ]
}

@test "lint: with no file named, it reads every suite of tests/" {
	cd "$BATS_TEST_TMPDIR"
	mkdir tests
	cp "$L" tests/
	printf '@test "t" {\n\t! false\n\ttrue\n}\n' > tests/a.bats
	printf '@test "t" {\n\ttrue\n}\n' > tests/b.bats
	run -1 tests/lint
	[ "$output" = "tests/a.bats:2: a mid-test \`! cmd\` never fails the test (write \`run ! cmd\`)" ]
}
