#!/usr/bin/env bash
# report.sh: the report page, one self-contained HTML file.
#
# usage: report.sh [-f png|svg] [-o out.html] results.csv
#
# Reads the Zipf table (zipf -f: "Book,word1,...,wordN[,s,r2]") and writes a
# page with the table, each book's chart (BOOK.png or BOOK.svg, beside the
# page) as a thumbnail linking to the full chart, sortable by book or by Zipf
# exponent with a few lines of plain JavaScript, and the word autocorrelation
# charts (BOOK_acf.png) of the books that have one, after the chart of all
# of them (acf_corpus.png) if there is one.  Nothing is fetched from
# the network.  The page goes to out.html atomically (default: index.html
# beside results.csv), or to stdout with -o -.
#
# Exit status: 0; 1 if results.csv cannot be read or the page not written;
# 2 for bad usage.  Limits: fields are split at every comma (the Zipf table
# holds numbers and book names, never quoted fields).
set -eu -o pipefail

prog=report.sh
usage() {
	echo "usage: $prog [-f png|svg] [-o out.html] results.csv" >&"$1"
	exit "$2"
}

fmt=png
out=
while getopts "f:ho:" c; do
	case $c in
	f) fmt=$OPTARG ;;
	h) usage 1 0 ;;
	o) out=$OPTARG ;;
	*) usage 2 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage 2 2
case $fmt in
png | svg) ;;
*)
	echo "$prog: format \"$fmt\" is not png or svg" >&2
	usage 2 2
	;;
esac
csv=$1
[ -n "$out" ] || out=$(dirname -- "$csv")/index.html
if [ ! -r "$csv" ] || [ -d "$csv" ]; then
	echo "$prog: $csv: cannot read" >&2
	exit 1
fi

# The charts are linked relative to the page, so look for them there.
if [ "$out" = - ]; then
	dir=.
else
	dir=$(dirname -- "$out")
fi
acf=$(for f in "$dir"/*_acf."$fmt"; do
	if [ -e "$f" ]; then printf '%s\n' "${f##*/}"; fi
done | sort -V)
corpus=
[ ! -e "$dir/acf_corpus.$fmt" ] || corpus=acf_corpus.$fmt

page() {
	LC_ALL=C awk -F, -v fmt="$fmt" -v acf="$acf" -v corpus="$corpus" '
	function esc(s) {
		gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s)
		gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s)
		gsub(/\047/, "\\&#39;", s)
		return s
	}
	# A file name as a relative URL: everything but a few safe characters
	# percent-encoded, so "#" or "?" in a name cannot break the link.
	function url(s,   i, c, r) {
		r = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			r = r (c ~ /[A-Za-z0-9._~-]/ ? c : sprintf("%%%02X", ord[c]))
		}
		return r
	}
	function num(s) {
		return s ~ /^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$/ ? \
		    sprintf("%.3f", s) : esc(s)
	}
	BEGIN {
		for (i = 1; i < 256; i++)
			ord[sprintf("%c", i)] = i
	}
	{ sub(/\r$/, "") }
	NR == 1 {
		scol = rcol = 0
		for (i = 2; i <= NF; i++) {
			if ($i == "s") scol = i
			else if ($i == "r2") rcol = i
			else nw = i
		}
		head = "<th scope=\"col\">Book</th><th scope=\"col\">Chart</th>"
		for (i = 2; i <= nw; i++)
			head = head "<th scope=\"col\">" esc($i) "</th>"
		if (scol)
			head = head "<th scope=\"col\" title=\"Zipf exponent\">s</th>"
		if (rcol)
			head = head "<th scope=\"col\" title=\"fit quality\">r\302\262</th>"
		next
	}
	NF == 0 { next }
	{
		n++
		b = esc($1)
		src = url($1 "." fmt)
		row[n] = "<tr data-book=\"" b "\" data-s=\"" (scol ? esc($scol) : "") \
		    "\"><th scope=\"row\">" b "</th><td><a href=\"" src \
		    "\"><img src=\"" src "\" alt=\"" b \
		    ": most common words\" width=\"200\" height=\"100\"></a></td>"
		for (i = 2; i <= nw; i++)
			row[n] = row[n] "<td>" esc($i) "</td>"
		if (scol)
			row[n] = row[n] "<td>" num($scol) "</td>"
		if (rcol)
			row[n] = row[n] "<td>" num($rcol) "</td>"
		row[n] = row[n] "</tr>"
	}
	END {
		print "<!DOCTYPE html>"
		print "<html lang=\"en\">"
		print "<head>"
		print "<meta charset=\"utf-8\">"
		print "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		print "<title>Word counts: " n " books</title>"
		print "<link rel=\"icon\" href=\"data:,\">"
		print "<style>"
		print "body { font-family: sans-serif; margin: 1.5em; color: #222; }"
		print "table { border-collapse: collapse; font-variant-numeric: tabular-nums; }"
		print "th, td { padding: 0.2em 0.6em; border-bottom: 1px solid #ddd; text-align: right; }"
		print "thead th { position: sticky; top: 0; background: #f4f4f4; }"
		print "tbody th { text-align: left; }"
		print "td img { display: block; width: 200px; height: auto; border: 1px solid #ccc; }"
		print "button[aria-pressed=true] { font-weight: bold; }"
		print ".gallery { display: flex; flex-wrap: wrap; gap: 1em; }"
		print "img.corpus { max-width: 100%; height: auto; border: 1px solid #ccc; }"
		print ".gallery img { width: 300px; height: auto; border: 1px solid #ccc; }"
		print "figure { margin: 0; } figcaption { text-align: center; }"
		print "#status.bad { color: #b00; font-weight: bold; }"
		print "</style>"
		print "</head>"
		print "<body>"
		print "<h1>Word counts of " n " books</h1>"
		print "<p>Each row is a book: its chart of the ten most common words " \
		    "(click for the full chart), their counts" \
		    (scol ? ", and the fit of Zipf\047s law (exponent s, r\302\262)" : "") "."
		print "Sort by <button type=\"button\" id=\"by-book\" aria-pressed=\"true\">book</button>" \
		    (scol ? " <button type=\"button\" id=\"by-s\" aria-pressed=\"false\">Zipf exponent s</button>" : "") "</p>"
		print "<p id=\"status\">" n " charts.</p>"
		print "<table id=\"zipf\">"
		print "<thead><tr>" head "</tr></thead>"
		print "<tbody>"
		for (i = 1; i <= n; i++)
			print row[i]
		print "</tbody>"
		print "</table>"
		na = split(acf, a, "\n")
		if (acf != "") {
			print "<h2>Word autocorrelation</h2>"
			if (corpus != "")
				print "<p><a href=\"" url(corpus) "\"><img class=\"corpus\" src=\"" \
				    url(corpus) "\" alt=\"all books: word autocorrelation\" width=\"1000\" height=\"500\"></a></p>"
			print "<div class=\"gallery\">"
			for (i = 1; i <= na; i++) {
				if (a[i] == "")
					continue
				name = a[i]
				sub(/_acf\.[a-z]+$/, "", name)
				print "<figure><a href=\"" url(a[i]) "\"><img src=\"" url(a[i]) \
				    "\" alt=\"" esc(name) ": word autocorrelation\" width=\"300\" height=\"150\"></a>" \
				    "<figcaption>" esc(name) "</figcaption></figure>"
			}
			print "</div>"
		}
	}' "$csv"
	cat <<'EOF'
<script>
"use strict";
(function () {
	var tbody = document.querySelector("#zipf tbody");
	var buttons = document.querySelectorAll("button[id^=by-]");
	var order = { book: 1, s: 1 };

	function sortBy(key) {
		var rows = Array.prototype.slice.call(tbody.rows);
		var dir = order[key];

		rows.sort(function (a, b) {
			var x = a.getAttribute("data-" + key);
			var y = b.getAttribute("data-" + key);
			if (key === "s") {
				var fx = parseFloat(x), fy = parseFloat(y);
				if (isNaN(fx) || isNaN(fy))
					return isNaN(fx) - isNaN(fy);
				return dir * (fx - fy);
			}
			return dir * x.localeCompare(y, "en", { numeric: true });
		});
		rows.forEach(function (r) { tbody.appendChild(r); });
		order[key] = -dir;	/* a second click reverses */
		buttons.forEach(function (b) {
			b.setAttribute("aria-pressed", b.id === "by-" + key);
		});
	}
	buttons.forEach(function (b) {
		b.addEventListener("click", function () {
			sortBy(b.id.slice(3));
			/* the order survives a reload and can be linked to */
			history.replaceState(null, "", "#" + b.id);
		});
	});
	if (location.hash === "#by-s" && document.getElementById("by-s"))
		sortBy("s");
	/* Say so when a chart is missing: make may not have drawn it. */
	window.addEventListener("load", function () {
		var missing = [], status = document.getElementById("status");
		Array.prototype.forEach.call(document.images, function (img) {
			if (!img.complete || img.naturalWidth === 0)
				missing.push(img.alt.replace(/:.*/, ""));
		});
		document.body.setAttribute("data-charts", document.images.length);
		document.body.setAttribute("data-missing", missing.length);
		if (missing.length) {
			status.className = "bad";
			status.textContent = missing.length + " of " +
			    document.images.length + " charts missing: " +
			    missing.join(", ");
		} else {
			status.textContent = "All " + document.images.length +
			    " charts shown.";
		}
	});
})();
</script>
</body>
</html>
EOF
}

if [ "$out" = - ]; then
	page
	exit
fi
tmp=$(mktemp "$dir/.${out##*/}.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
page > "$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
