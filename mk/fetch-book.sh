#!/bin/sh
# fetch-book.sh [-s FILE] URL MANIFEST DIR BOOK...: fetch each BOOK (a name
# such as pg13) from URL into DIR/BOOK.txt, keeping it only if its git blob
# id is the one MANIFEST gives.  URL is https://..., file://... or a
# directory.  The download lands under a name of its own (mktemp, so that
# concurrent runs never share one) and is renamed into place once verified;
# nothing partial or unverified is ever left.  Exit 1 if a book could not
# be fetched.  Each failure is reported once, by name; with -s, a book that
# is simply not there (no network, not in the mirror) is instead appended
# to FILE as "BOOK.txt<TAB>reason", for the caller to sum up in one line.
#
# fetch-book.sh -c MANIFEST FILE...: check each FILE (BOOK.txt or
# BOOK.txt.gz, whose uncompressed content counts) against MANIFEST's git
# blob id for BOOK.txt; exit 1, naming it, if one differs.
set -u

# blob_id FILE: git's blob id of FILE's content (uncompressed for .gz);
# sha1sum does it where git is missing.
blob_id() {
	case $1 in
	*.gz) cat="gzip -dc" ;;
	*) cat="cat" ;;
	esac
	if command -v git >/dev/null 2>&1; then
		$cat "$1" | git hash-object --stdin
	else
		size=$($cat "$1" | wc -c) &&
		{ printf 'blob %d\0' "$size"; $cat "$1"; } | sha1sum | cut -c1-40
	fi
}

want_id() {	# want_id MANIFEST BOOK.txt
	awk -v n="$2" '$3 == n { print $1 }' "$1" 2>/dev/null
}

if [ "${1-}" = -c ]; then
	manifest=$2
	shift 2
	status=0
	for f do
		name=${f##*/}
		name=${name%.gz}
		want=$(want_id "$manifest" "$name")
		got=$(blob_id "$f" 2>/dev/null)
		if [ -z "$want" ] || [ "$got" != "$want" ]; then
			echo "data: $f: git blob id ${got:-?} is not ${want:-in $manifest} ($manifest)" >&2
			status=1
		fi
	done
	exit $status
fi

skipfile=
if [ "${1-}" = -s ]; then
	skipfile=$2
	shift 2
fi
url=$1 manifest=$2 dir=$3
shift 3
status=0

# missing BOOK.txt REASON: not there to fetch
missing() {
	if [ -n "$skipfile" ]; then
		printf '%s\t%s\n' "$1" "$2" >>"$skipfile"
	else
		echo "fetch: $1: $2" >&2
	fi
	status=1
}

for book do
	name=$book.txt
	want=$(want_id "$manifest" "$name")
	if [ -z "$want" ]; then
		echo "fetch: $name: not in $manifest" >&2
		status=1
		continue
	fi
	tmp=$(mktemp "$dir/$name.download.XXXXXX") || { status=1; continue; }
	case $url in
	http://*|https://*)
		command -v curl >/dev/null 2>&1 || {
			rm -f "$tmp"
			echo "fetch: curl not found: install curl (Debian/Ubuntu: apt-get install curl; Fedora: dnf install curl; macOS: brew install curl)" >&2
			exit 1
		}
		curl -fsL --retry 2 --connect-timeout 20 -o "$tmp" "$url/$name"
		rc=$?
		if [ $rc -ne 0 ]; then
			rm -f "$tmp"
			missing "$name" "cannot fetch from $url (curl exit $rc)"
			continue
		fi ;;
	*)
		src=${url#file://}
		if ! cp "$src/$name" "$tmp" 2>/dev/null; then
			rm -f "$tmp"
			missing "$name" "not in $url"
			continue
		fi ;;
	esac
	got=$(blob_id "$tmp" 2>/dev/null)
	if [ "$got" != "$want" ]; then
		echo "fetch: $name: git blob id ${got:-?} is not $want; discarded" >&2
		rm -f "$tmp"
		status=1
		continue
	fi
	chmod 644 "$tmp" 2>/dev/null
	mv -f "$tmp" "$dir/$name" || { rm -f "$tmp"; status=1; }
done
exit $status
