#!/bin/bash
# book-list.sh [-f] OUT URL MANIFEST: the books of a run.
#
# First fetches the books of MANIFEST that data/ lacks (neither BOOK.txt
# nor BOOK.txt.gz) from URL, eight at a time; those that are simply not
# there (no network, not in the mirror) are summed up in one line.  Then
# (not with -f, which only fetches) writes OUT, a make fragment:
#   AVAILABLE_BOOKS := every data/BOOK.txt and data/BOOK.txt.gz, natural order
#   GZ_BOOKS := those found only compressed
#   BOOKS_NOTE := what was skipped, for the run's last line
# A name outside [A-Za-z0-9._+-] is skipped with one line that shows it
# quoted, whatever it holds (spaces, newlines, glob characters): names are
# read NUL-separated and never reach a shell unquoted.  OUT is written to a
# temporary name of its own and renamed, so concurrent runs never tear it.
set -u -o pipefail
fetch_only=
if [ "${1-}" = -f ]; then
	fetch_only=1
	shift
fi
out=$1 url=$2 manifest=$3
fetcher=$(dirname "$0")/fetch-book.sh
tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/books.XXXXXX") || exit 1
trap 'rm -rf "$tmpdir"' EXIT
note=

if [ -f "$manifest" ]; then
	awk '$3 ~ /^[A-Za-z0-9._+-]+\.txt$/ { print substr($3, 1, length($3) - 4) }' \
		"$manifest" |
	while IFS= read -r b; do
		[ -e "data/$b.txt" ] || [ -e "data/$b.txt.gz" ] || printf '%s\n' "$b"
	done >"$tmpdir/missing"
	if [ -s "$tmpdir/missing" ]; then
		mkdir -p data
		: >"$tmpdir/skip"
		xargs -P 8 -n 8 "$fetcher" -s "$tmpdir/skip" "$url" "$manifest" data \
			<"$tmpdir/missing" || true
		if [ -s "$tmpdir/skip" ]; then
			n=$(wc -l <"$tmpdir/skip")
			names=$(cut -f1 "$tmpdir/skip" | sort -V | tr '\n' ' ')
			why=$(head -1 "$tmpdir/skip" | cut -f2)
			printf 'data: %d not fetched, skipped: %s(%s)\n' "$n" "$names" "$why" >&2
			note="$n not fetched (${names% })"
		fi
	fi
fi
[ -z "$fetch_only" ] || exit 0

good='^data/[A-Za-z0-9._+-]+\.txt(\.gz)?$'
if [ -d data ]; then
	find data/ -mindepth 1 -maxdepth 1 \( -name '*.txt' -o -name '*.txt.gz' \) \
		-print0 >"$tmpdir/found"
else
	: >"$tmpdir/found"
fi
nbad=0
while IFS= read -r -d '' f; do
	printf 'data: %q: not a book name make can handle ([A-Za-z0-9._+-]); skipped\n' \
		"${f#data/}" >&2
	nbad=$((nbad + 1))
done < <(grep -zvE "$good" "$tmpdir/found")
if [ $nbad -gt 0 ]; then
	note="${note:+$note, }$nbad bad names"
fi

grep -zE "$good" "$tmpdir/found" | tr '\0' '\n' |
	sed -e 's,^data/,,' -e 's/\.txt\.gz$/\tgz/' -e 's/\.txt$/\ttxt/' |
	LC_ALL=C sort -s -t "$(printf '\t')" -k1,1V -k2,2r |
	awk -F '\t' -v note="$note" '
	$1 == last { next }	# BOOK.txt and BOOK.txt.gz: the plain one wins
	{ last = $1; printf "%s %s", (NR == 1 ? "AVAILABLE_BOOKS :=" : ""), $1 }
	$2 == "gz" { gz[++n] = $1 }
	END {
		if (NR == 0)
			printf "AVAILABLE_BOOKS :="
		printf "\nGZ_BOOKS :="
		for (i = 1; i <= n; i++)
			printf " %s", gz[i]
		printf "\nBOOKS_NOTE := %s\n", note
	}' >"$tmpdir/list"
# beside OUT, so that the rename is atomic
tmp=$(mktemp "$out.XXXXXX") && cat "$tmpdir/list" >"$tmp" && chmod 644 "$tmp" &&
	mv -f "$tmp" "$out" ||
	{ rm -f "${tmp-}"; exit 1; }
