#!/bin/sh
# fetch-book.sh URL MANIFEST DIR BOOK...: fetch each BOOK (a name such as
# pg13) from URL into DIR/BOOK.txt, keeping it only if its git blob id is the
# one MANIFEST gives.  URL is https://..., file://... or a directory.  The
# download lands as DIR/BOOK.txt.download and is renamed into place once
# verified; nothing partial or unverified is ever left.  Exit 1 if a book
# could not be fetched (each reported once, by name).
set -u
url=$1 manifest=$2 dir=$3
shift 3
status=0
for book do
	name=$book.txt
	want=$(awk -v n="$name" '$3 == n { print $1 }' "$manifest" 2>/dev/null)
	if [ -z "$want" ]; then
		echo "fetch: $name: not in $manifest" >&2
		status=1
		continue
	fi
	tmp=$dir/$name.download
	rm -f "$tmp"
	case $url in
	http://*|https://*)
		command -v curl >/dev/null 2>&1 || {
			echo "fetch: curl not found: install curl (Debian/Ubuntu: apt-get install curl; Fedora: dnf install curl; macOS: brew install curl)" >&2
			exit 1
		}
		curl -fsL --retry 2 --connect-timeout 20 -o "$tmp" "$url/$name"
		rc=$?
		if [ $rc -ne 0 ]; then
			echo "fetch: $name: cannot fetch from $url (curl exit $rc)" >&2
			rm -f "$tmp"
			status=1
			continue
		fi ;;
	*)
		src=${url#file://}
		if ! cp "$src/$name" "$tmp" 2>/dev/null; then
			echo "fetch: $name: not in $url" >&2
			rm -f "$tmp"
			status=1
			continue
		fi ;;
	esac
	got=$(git hash-object --no-filters "$tmp" 2>/dev/null)
	if [ "$got" != "$want" ]; then
		echo "fetch: $name: git blob id ${got:-?} is not $want; discarded" >&2
		rm -f "$tmp"
		status=1
		continue
	fi
	mv -f "$tmp" "$dir/$name" || { rm -f "$tmp"; status=1; }
done
exit $status
