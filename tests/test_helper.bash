# Loaded by every suite: `load test_helper`.
bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
# WC_BIN lets the same tests run against another build (make check SAN=1).
BIN=${WC_BIN:-$ROOT/bin}
BIN=$(cd "$BIN" 2>/dev/null && pwd || echo "$BIN")	# tests cd about
FIX=$ROOT/tests/fixtures
REF=${WC_REF:-$ROOT/../shared/reference}
BOOKS_DIR=${WC_BOOKS:-$ROOT/../shared/books}
PATH=$BIN:$PATH
export LC_ALL=C PATH

# need_ref: skip unless the lesson's reference outputs are beside the tree.
need_ref() {
	[ -d "$REF" ] || skip "no reference outputs at $REF"
}

need_books() {
	[ -d "$BOOKS_DIR" ] || skip "no book mirror at $BOOKS_DIR"
}

# usage_ok TOOL: the last run printed TOOL's usage line on stderr.
usage_ok() {
	[[ "$stderr" == *"usage: $1 "* ]] || {
		echo "stderr: $stderr"
		return 1
	}
}

# no_tmp_left DIR: no temporary output file was left in DIR.
no_tmp_left() {
	local left
	left=$(find "$1" -maxdepth 1 -name '.*.??????' -print)
	[ -z "$left" ] || {
		echo "left behind: $left"
		return 1
	}
}
