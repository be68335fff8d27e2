/* The page: HTML escaped as it is written, file names percent-encoded in
 * links, and a script that sorts the table and says which charts are
 * missing.  Self-contained: no request leaves the page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"

#include "report.h"

static void
esc(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		case '\0': fputs("\xef\xbf\xbd", f); break;
		default:
			/* C0 controls are not allowed in HTML text */
			if ((unsigned char)s[i] < 0x20 && s[i] != '\t' &&
			    s[i] != '\n')
				fputs("\xef\xbf\xbd", f);
			else
				putc(s[i], f);
		}
	}
}

static void
escs(FILE *f, const char *s)
{
	esc(f, s, strlen(s));
}

/* A path as a relative URL: all but a few safe characters encoded, so
 * that "#", "?" or ":" in a name cannot change what the link means. */
static void
url(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789._~-/", *s))
			putc(*s, f);
		else
			fprintf(f, "%%%02X", (unsigned char)*s);
	}
}

/* Only names that make can give a file have charts: the book list's
 * allow-list, and not an ending that another book's charts use. */
static int
chart_name_ok(const struct book *b)
{
	size_t i;

	if (!b->nlen || b->name[0] == '.')
		return 0;
	for (i = 0; i < b->nlen; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789._+-", b->name[i]) || !b->name[i])
			return 0;
	return !(b->nlen > 4 && strcmp(b->name + b->nlen - 4, "_acf") == 0) &&
	    !(b->nlen > 5 && strcmp(b->name + b->nlen - 5, "_zipf") == 0);
}

/* dir/name if it is a file there: the name, else NULL. */
static char *
beside(const struct report *r, const char *name, const char *suffix,
    const char *ext)
{
	size_t n = strlen(r->dir) + strlen(name) + strlen(suffix) +
	    strlen(ext) + 3;
	char *p = xmalloc(n);
	struct stat st;

	snprintf(p, n, "%s/%s%s%s%s", r->dir, name, suffix, *ext ? "." : "",
	    ext);
	if (stat(p, &st) < 0 || !S_ISREG(st.st_mode)) {
		free(p);
		return NULL;
	}
	memmove(p, p + strlen(r->dir) + 1, strlen(p) - strlen(r->dir));
	return p;
}

static void
thumb(FILE *f, const char *src, const struct book *b, const char *what,
    int w, int h)
{
	fputs("<a href=\"", f);
	url(f, src);
	fputs("\"><img src=\"", f);
	url(f, src);
	fputs("\" alt=\"", f);
	esc(f, b->name, b->nlen);
	fprintf(f, ": %s\" width=\"%d\" height=\"%d\"></a>",
	    what, w, h);
}

/* The charts that make drew: an <img> for each, even one missing now
 * (the script reports it), when its book can have charts. */
static void
charts_cell(FILE *f, const struct report *r, const struct book *b)
{
	static const char *const suffix[] = { "", "_zipf", "_acf" };
	static const char *const what[] = { "most common words",
	    "Zipf's law", "word autocorrelation" };
	size_t k;

	fputs("<td class=\"charts\">", f);
	for (k = 0; k < 3 && chart_name_ok(b); k++) {
		char *p = beside(r, b->name, suffix[k], r->fmt), *q;

		if (!p && k == 0) {	/* the bar chart is always made */
			q = xmalloc(b->nlen + strlen(r->fmt) + 2);
			sprintf(q, "%s.%s", b->name, r->fmt);
			p = q;
		}
		if (p)
			thumb(f, p, b, what[k], 160, 80);
		free(p);
	}
	fputs("</td>", f);
}

static void
file_link(FILE *f, const char *href, const char *label, int *first)
{
	if (!href)
		return;
	fputs(*first ? "" : "<br>", f);
	fputs("<a href=\"", f);
	url(f, href);
	fprintf(f, "\">%s</a>", label);
	*first = 0;
}

/* Links to the book's text, table, CSV and acf CSV, where they are. */
static void
files_cell(FILE *f, const struct report *r, const struct book *b)
{
	char *t = b->text ? rel_link(r, b->text) : NULL;
	char *d = b->dat ? rel_link(r, b->dat) : NULL, *csv = NULL, *acf;
	int first = 1;

	if (b->dat && chart_name_ok(b)) {
		/* csvify writes NAME.csv beside NAME.dat */
		size_t n = strlen(b->dat);
		char *p = xstrdup(b->dat);

		strcpy(p + n - 4, ".csv");
		csv = rel_link(r, p);
		free(p);
	}
	acf = chart_name_ok(b) ? beside(r, b->name, "_acf", "csv") : NULL;
	fputs("<td class=\"files\">", f);
	file_link(f, t, "text", &first);
	file_link(f, d, "counts", &first);
	file_link(f, csv, "csv", &first);
	file_link(f, acf, "acf csv", &first);
	fputs("</td>", f);
	free(t), free(d), free(csv), free(acf);
}

/* The book: its title and author, or its name; data-v sorts by it. */
static void
book_cell(FILE *f, const struct book *b)
{
	fputs("<th scope=\"row\" data-v=\"", f);
	if (b->title)
		escs(f, b->title);
	else
		esc(f, b->name, b->nlen);
	fputs("\">", f);
	if (b->title) {
		fputs("<cite>", f);
		escs(f, b->title);
		fputs("</cite>", f);
		if (b->author) {
			fputs("<br><span class=\"author\">", f);
			escs(f, b->author);
			fputs("</span>", f);
		}
		fputs("<br>", f);
	}
	fputs("<code>", f);
	esc(f, b->name, b->nlen);
	fputs("</code></th>", f);
}

/* The top words with their counts, or the table's counts alone; data-v
 * is the top count. */
static void
words_cell(FILE *f, const struct report *r, const struct book *b)
{
	size_t i;

	fputs("<td class=\"words\" data-v=\"", f);
	if (r->ncols > 1 && r->scol != 1 && r->rcol != 1)
		escs(f, b->cells[1]);
	fputs("\"><ol>", f);
	for (i = 0; i < b->ntop; i++) {
		fputs("<li><span class=\"w\">", f);
		esc(f, b->top[i].w, b->top[i].len);
		fprintf(f, "</span> %llu</li>",
		    (unsigned long long)b->top[i].count);
	}
	for (i = 1; !b->ntop && i < r->ncols; i++) {
		if ((int)i == r->scol || (int)i == r->rcol || !*b->cells[i])
			continue;
		fputs("<li>", f);
		escs(f, b->cells[i]);
		fputs("</li>", f);
	}
	fputs("</ol></td>", f);
}

static void
num_cell(FILE *f, const char *s, double v)
{
	fputs("<td data-v=\"", f);
	if (s && !isnan(v)) {
		fprintf(f, "%.17g\">", v);
		fprintf(f, "%.3f", v);
	} else {
		fputs("\">", f);
		if (s)
			escs(f, s);
	}
	fputs("</td>", f);
}

static void
row(FILE *f, const struct report *r, const struct book *b)
{
	int fit = b->fitrank > 0;
	int follows = fit && fabs(b->sv - 1) <= 0.2 && b->r2v >= 0.9;

	fputs("<tr data-book=\"", f);
	esc(f, b->name, b->nlen);
	fputs("\">", f);
	if (fit)
		fprintf(f, "<td data-v=\"%d\">%d</td>", b->fitrank, b->fitrank);
	else
		fputs("<td data-v=\"\"></td>", f);
	book_cell(f, b);
	words_cell(f, r, b);
	if (r->scol > 0)
		num_cell(f, b->s, b->sv);
	if (r->rcol > 0)
		num_cell(f, b->r2, b->r2v);
	if (r->scol > 0 && r->rcol > 0)
		fprintf(f, "<td data-v=\"%d\">%s</td>", follows,
		    !fit ? "" : follows ? "yes" : "no");
	charts_cell(f, r, b);
	files_cell(f, r, b);
	fputs("</tr>\n", f);
}

static const char style[] =
"body { font-family: sans-serif; margin: 1.5em; color: #222; max-width: 90em; }\n"
"table { border-collapse: collapse; font-variant-numeric: tabular-nums; }\n"
"th, td { padding: 0.3em 0.6em; border-bottom: 1px solid #ddd; vertical-align: top; }\n"
"td { text-align: right; } td.words, td.files, tbody th { text-align: left; }\n"
"thead th { position: sticky; top: 0; background: #f4f4f4; z-index: 1; }\n"
"thead button { font: inherit; font-weight: bold; border: 0; background: none; cursor: pointer; padding: 0; }\n"
"th[aria-sort=ascending] button::after { content: \" \\25B2\"; }\n"
"th[aria-sort=descending] button::after { content: \" \\25BC\"; }\n"
"tbody th { font-weight: normal; max-width: 18em; } cite { font-style: normal; font-weight: bold; }\n"
".author { color: #555; } code { color: #777; }\n"
"ol { margin: 0; padding-left: 2.2em; columns: 2; column-gap: 2.4em; font-size: 0.9em; min-width: 16em; }\n"
"li { white-space: nowrap; } td.files a { white-space: nowrap; }\n"
".w { font-weight: bold; }\n"
"td.charts { white-space: nowrap; } td.charts img { width: 128px; height: auto; border: 1px solid #ccc; margin-right: 4px; }\n"
".corpus { display: flex; flex-wrap: wrap; gap: 1em; }\n"
".corpus img { width: 520px; max-width: 100%; height: auto; border: 1px solid #ccc; }\n"
"figure { margin: 0; } figcaption { text-align: center; }\n"
"#status.bad { color: #b00; font-weight: bold; }\n";

/* Sort by the clicked column's data-v (numbers as numbers, empty last);
 * a second click reverses; the order is kept in the URL's #fragment. */
static const char script[] =
"<script>\n"
"\"use strict\";\n"
"(function () {\n"
"\tvar table = document.getElementById(\"books\"), tbody = table.tBodies[0];\n"
"\tvar heads = table.tHead.rows[0].cells;\n"
"\tfunction key(row, col) { return row.cells[col].getAttribute(\"data-v\"); }\n"
"\tfunction sortBy(col, dir) {\n"
"\t\tvar rows = Array.prototype.slice.call(tbody.rows);\n"
"\t\tvar num = heads[col].getAttribute(\"data-type\") === \"num\";\n"
"\t\trows.sort(function (a, b) {\n"
"\t\t\tvar x = key(a, col), y = key(b, col);\n"
"\t\t\tif (x === \"\" || y === \"\")\n"
"\t\t\t\treturn (x === \"\") - (y === \"\");\n"
"\t\t\tif (num)\n"
"\t\t\t\treturn dir * (parseFloat(x) - parseFloat(y));\n"
"\t\t\treturn dir * x.localeCompare(y, \"en\", { numeric: true });\n"
"\t\t});\n"
"\t\trows.forEach(function (r) { tbody.appendChild(r); });\n"
"\t\tArray.prototype.forEach.call(heads, function (h, i) {\n"
"\t\t\tif (i === col)\n"
"\t\t\t\th.setAttribute(\"aria-sort\", dir > 0 ? \"ascending\" : \"descending\");\n"
"\t\t\telse\n"
"\t\t\t\th.removeAttribute(\"aria-sort\");\n"
"\t\t});\n"
"\t}\n"
"\tArray.prototype.forEach.call(heads, function (h, i) {\n"
"\t\tvar b = h.querySelector(\"button\");\n"
"\t\tif (!b)\n"
"\t\t\treturn;\n"
"\t\tb.addEventListener(\"click\", function () {\n"
"\t\t\tvar dir = h.getAttribute(\"aria-sort\") === \"ascending\" ? -1 : 1;\n"
"\t\t\tsortBy(i, dir);\n"
"\t\t\thistory.replaceState(null, \"\", \"#sort=\" + h.id + (dir < 0 ? \"-desc\" : \"\"));\n"
"\t\t});\n"
"\t});\n"
"\tvar m = /^#sort=([a-z0-9]+)(-desc)?$/.exec(location.hash);\n"
"\tvar h = m && document.getElementById(m[1]);\n"
"\tif (h && h.querySelector(\"button\"))\n"
"\t\tsortBy(h.cellIndex, m[2] ? -1 : 1);\n"
"\t/* Say so when a chart is missing: make may not have drawn it. */\n"
"\twindow.addEventListener(\"load\", function () {\n"
"\t\tvar missing = [], status = document.getElementById(\"status\");\n"
"\t\tArray.prototype.forEach.call(document.images, function (img) {\n"
"\t\t\tif (!img.complete || img.naturalWidth === 0)\n"
"\t\t\t\tmissing.push(img.alt);\n"
"\t\t});\n"
"\t\tdocument.body.setAttribute(\"data-charts\", document.images.length);\n"
"\t\tdocument.body.setAttribute(\"data-missing\", missing.length);\n"
"\t\tif (missing.length) {\n"
"\t\t\tstatus.className = \"bad\";\n"
"\t\t\tstatus.textContent = missing.length + \" of \" +\n"
"\t\t\t    document.images.length + \" charts missing: \" +\n"
"\t\t\t    missing.join(\", \");\n"
"\t\t} else {\n"
"\t\t\tstatus.textContent = \"All \" + document.images.length +\n"
"\t\t\t    \" charts shown.\";\n"
"\t\t}\n"
"\t});\n"
"})();\n"
"</script>\n";

static void
intro(FILE *f, const struct report *r)
{
	fprintf(f, "<h1>Word counts of %zu books</h1>\n", r->n);
	fputs("<p id=\"status\">Charts not checked yet.</p>\n", f);
	if (r->scol < 0 || r->rcol < 0)
		return;
	fprintf(f, "<h2>Zipf&#39;s law</h2>\n<p>Zipf&#39;s law says that in "
	    "a long text the word of rank <i>r</i> (the <i>r</i>-th most "
	    "common) occurs about <i>C</i>&#8202;/&#8202;<i>r<sup>s</sup></i> "
	    "times, with <i>s</i> near 1: the most common word twice as often "
	    "as the second, three times as often as the third.  On log-log "
	    "axes a book&#39;s words then lie on a straight line of slope "
	    "&minus;<i>s</i> (each book&#39;s Zipf chart shows it).  "
	    "<i>s</i> is fitted by least squares to the top %zu counts "
	    "(<code>zipf -f</code>), and r&sup2; says how straight they lie "
	    "(1: on the line).  Here a book <b>follows Zipf&#39;s law</b> when "
	    "<i>s</i> is within 0.2 of 1 and r&sup2; is at least 0.9.  "
	    "<i>Fit rank</i> orders the books by r&sup2;, best first.</p>\n",
	    r->nwords);
}

/* The corpus charts that exist: corpus/ names no book can take. */
static void
corpus(FILE *f, const struct report *r)
{
	static const char *const name[] = { "corpus/zipf", "corpus/acf" };
	static const char *const what[] = { "the whole corpus: Zipf&#39;s law",
	    "every book&#39;s word autocorrelation" };
	int any = 0, k;

	for (k = 0; k < 2; k++) {
		char *p = beside(r, name[k], "", r->fmt);

		if (!p)
			continue;
		if (!any++)
			fputs("<div class=\"corpus\">\n", f);
		fputs("<figure><a href=\"", f);
		url(f, p);
		fputs("\"><img src=\"", f);
		url(f, p);
		fprintf(f, "\" alt=\"corpus: %s\" width=\"1000\" height=\"500\">"
		    "</a><figcaption>%s</figcaption></figure>\n", what[k],
		    what[k]);
		free(p);
	}
	if (any)
		fputs("</div>\n", f);
}

static void
th(FILE *f, const char *id, const char *type, const char *label,
    const char *title)
{
	fprintf(f, "<th scope=\"col\" id=\"%s\" data-type=\"%s\"%s%s%s>"
	    "<button type=\"button\">%s</button></th>", id, type,
	    title ? " title=\"" : "", title ? title : "", title ? "\"" : "",
	    label);
}

void
write_page(FILE *f, const struct report *r)
{
	int fit = r->scol > 0 && r->rcol > 0;
	size_t i;

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<title>Word counts: %zu books</title>\n"
	    "<link rel=\"icon\" href=\"data:,\">\n<style>\n%s</style>\n"
	    "</head>\n<body>\n", r->n, style);
	intro(f, r);
	corpus(f, r);
	fputs("<h2>The books</h2>\n<p>Click a column&#39;s heading to sort by "
	    "it, again to reverse; a chart opens full size.</p>\n"
	    "<table id=\"books\">\n<thead><tr>", f);
	th(f, "rank", "num", "Fit rank", "by r\xc2\xb2, best first");
	th(f, "book", "text", "Book", NULL);
	th(f, "words", "num", "Top words", "sorted by the top count");
	if (r->scol > 0)
		th(f, "s", "num", "s", "Zipf exponent");
	if (r->rcol > 0)
		th(f, "r2", "num", "r\xc2\xb2", "fit quality");
	if (fit)
		th(f, "zipf", "num", "Zipf?", "s within 0.2 of 1, "
		    "r\xc2\xb2 at least 0.9");
	fputs("<th scope=\"col\">Charts</th><th scope=\"col\">Files</th>"
	    "</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < r->n; i++)
		row(f, r, &r->b[i]);
	fputs("</tbody>\n</table>\n", f);
	fputs(script, f);
	fputs("</body>\n</html>\n", f);
}
