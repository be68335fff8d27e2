# Loaded by every suite: `load test_helper`.
bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
# WC_BIN lets the same tests run against another build (make check SAN=1).
BIN=${WC_BIN:-$ROOT/bin}
BIN=$(cd "$BIN" 2>/dev/null && pwd || echo "$BIN")	# tests cd about
FIX=$ROOT/tests/fixtures
# The lesson's reference outputs: WC_REF, else the copy in the tree, else
# the shared one beside it.  Books: WC_BOOKS, else data/*.txt.gz in the tree,
# else the shared mirror beside it.  Tests read both through need_ref and
# need_books, which set REF and BOOKS_DIR.
if [ -n "${WC_REF:-}" ]; then
	REF_SRC=$WC_REF
elif [ -d "$ROOT/tests/fixtures/reference" ]; then
	REF_SRC=$ROOT/tests/fixtures/reference
else
	REF_SRC=$ROOT/../shared/reference
fi
if [ -n "${WC_BOOKS:-}" ]; then
	BOOKS_SRC=$WC_BOOKS
elif compgen -G "$ROOT/data/*.txt.gz" > /dev/null; then
	BOOKS_SRC=$ROOT/data
else
	BOOKS_SRC=$ROOT/../shared/books
fi
REF=$REF_SRC
BOOKS_DIR=$BOOKS_SRC
PATH=$BIN:$PATH
export LC_ALL=C PATH

# need_files KIND SRC DEST FILE...: each FILE of SRC, plain or as FILE.gz,
# uncompressed (or linked) into DEST.  A file missing from the tree's own
# copy fails the test; one missing from a copy outside the tree skips it,
# naming the file.
need_files() {
	local kind=$1 src=$2 dest=$3 f
	shift 3
	[ $# -gt 0 ] || {
		echo "need_$kind: name the files the test reads"
		return 1
	}
	for f; do
		mkdir -p "$dest/$(dirname "$f")"
		if [ -f "$src/$f" ]; then
			ln -sf "$src/$f" "$dest/$f"
		elif [ -f "$src/$f.gz" ]; then
			gzip -dc "$src/$f.gz" > "$dest/$f"
		elif [[ "$src/" == "$ROOT"/[!.]* ]]; then
			echo "need_$kind: $src/$f(.gz) is missing from the tree"
			return 1
		else
			skip "no $kind $f at $src"
		fi
	done
}

# need_ref FILE...: the lesson's outputs a test compares against (dat/pg13.dat,
# acf/pg13.csv, results.csv ...), under $REF.
need_ref() {
	REF=$BATS_TEST_TMPDIR/ref
	need_files ref "$REF_SRC" "$REF" "$@"
}

# need_books BOOK...: those books (pg13 ...) as $BOOKS_DIR/BOOK.txt.
need_books() {
	local b
	local -a files=()
	for b; do files+=("$b.txt"); done
	BOOKS_DIR=$BATS_TEST_TMPDIR/books
	need_files books "$BOOKS_SRC" "$BOOKS_DIR" "${files[@]}"
}

# The seven books of the reference outputs, and their files.
REF_BOOKS=(pg13 pg36 pg50 pg65 pg79 pg87 pg117)
REF_DATS=("${REF_BOOKS[@]/#/dat/}")
REF_DATS=("${REF_DATS[@]/%/.dat}")
REF_ACFS=("${REF_BOOKS[@]/#/acf/}")
REF_ACFS=("${REF_ACFS[@]/%/.csv}")

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

# The tree's real make graph, run by a make of its own (not a sub-make of
# the make check that runs us), on the test's own data/.
mk() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -f "$ROOT/Makefile" B="$BIN" "$@"
}
