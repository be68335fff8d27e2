/*
 * wc-report: the report page, one self-contained HTML file.
 *
 * Reads the Zipf table (zipf -f: "Book,word1,...,wordN[,s,r2]", RFC 4180
 * CSV read by lib/csv.c) and, from the operands and from -F list (one path
 * a line, '-' for stdin), each book's text (NAME.txt or NAME.txt.gz: the
 * title and author of its Project Gutenberg header) and table (NAME.dat:
 * its top words), matched to the table's rows by name.  Writes a page with
 * a row per book (title, author, top words with their counts, the Zipf
 * exponent s and r2, its rank by fit quality, thumbnails of its charts
 * NAME.FMT, NAME_zipf.FMT and NAME_acf.FMT, links to its files), the
 * corpus charts corpus/zipf.FMT and corpus/acf.FMT, and a few lines of
 * plain JavaScript that sort the table by any column.  Charts are looked
 * for in the page's directory and linked relative to it; only a book whose
 * name make can give a file (A-Z a-z 0-9 . _ + -, not ending in _acf or
 * _zipf) has charts.  Nothing is fetched from the network.
 *
 * The page goes to -o out.html atomically (default: index.html beside
 * results.csv), or to stdout with -o -.
 *
 * Exit status: 0; 1 for an unreadable or malformed input or a failed
 * write (no page is written then); 2 for bad usage.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <unistd.h>

#include "arglist.h"
#include "compat.h"
#include "csv.h"
#include "err.h"
#include "outfile.h"
#include "rd.h"
#include "usage.h"
#include "xalloc.h"

#include "report.h"

static const char usage_text[] =
    "usage: wc-report [-f png|svg] [-F list] [-o out.html] "
    "results.csv [file ...]\n";

static void
read_header(struct report *r, struct csv_rec *rec)
{
	size_t i;

	r->ncols = rec->n;
	r->head = xcalloc(rec->n, sizeof *r->head);
	r->scol = r->rcol = -1;
	for (i = 0; i < rec->n; i++) {
		r->head[i] = xstrdup(rec->f[i]);
		if (i && strcmp(rec->f[i], "s") == 0)
			r->scol = (int)i;
		else if (i && strcmp(rec->f[i], "r2") == 0)
			r->rcol = (int)i;
		else if (i)
			r->nwords++;
	}
}

static double
number(const char *s)
{
	char *end;
	double v;

	if (!*s)
		return NAN;
	v = strtod(s, &end);
	return *end || !isfinite(v) ? NAN : v;
}

static void
add_book(struct report *r, struct csv_rec *rec)
{
	struct book *b;
	size_t i;

	if ((r->n & (r->n - 1)) == 0)	/* 0, 1, 2, 4, ...: doubled */
		r->b = xreallocarray(r->b, r->n ? 2 * r->n : 1, sizeof *r->b);
	b = &r->b[r->n++];
	memset(b, 0, sizeof *b);
	b->name = xmalloc(rec->len[0] + 1);
	memcpy(b->name, rec->f[0], rec->len[0] + 1);
	b->nlen = rec->len[0];
	b->cells = xcalloc(rec->n, sizeof *b->cells);
	for (i = 1; i < rec->n; i++)
		b->cells[i] = xstrdup(rec->f[i]);
	b->s = r->scol > 0 ? b->cells[r->scol] : NULL;
	b->r2 = r->rcol > 0 ? b->cells[r->rcol] : NULL;
	b->sv = b->s ? number(b->s) : NAN;
	b->r2v = b->r2 ? number(b->r2) : NAN;
}

static void
read_table(struct report *r, const char *path)
{
	struct csv_rec rec;
	struct rd rd;
	int got;

	memset(&rec, 0, sizeof rec);
	if (rd_open(&rd, path) < 0)
		exit(1);
	while ((got = csv_row(&rd, &rec)) > 0) {
		if (rec.n == 1 && rec.len[0] == 0)
			continue;	/* an empty line */
		if (!r->head)
			read_header(r, &rec);
		else if (rec.n != r->ncols)
			die("%s:%llu: %zu fields, expected %zu", rd.path,
			    (unsigned long long)rec.lineno, rec.n, r->ncols);
		else
			add_book(r, &rec);
	}
	rd_close(&rd);
	csv_rec_free(&rec);
	if (got < 0)
		exit(1);
	if (!r->head)
		die("%s: empty: expected a header \"Book,word1,...\"", path);
}

static int
ends(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n > k && memcmp(s + n - k, suf, k) == 0;
}

static size_t
name_hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;	/* FNV-1a */

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The slot of the book called s[0..n): its index + 1, or 0 (free) where
 * it would go.  A table names every book once per run, but a list names
 * two files a book: 140,000 at 70,000 books, so a look-up is not a walk
 * of the table. */
static size_t *
book_slot(struct report *r, const char *s, size_t n)
{
	size_t j = name_hash(s, n) & (r->hcap - 1);

	while (r->slot[j]) {
		const struct book *b = &r->b[r->slot[j] - 1];

		if (b->nlen == n && memcmp(b->name, s, n) == 0)
			break;
		j = (j + 1) & (r->hcap - 1);
	}
	return &r->slot[j];
}

/* the index, made once the table is read: the first book of a name
 * keeps it */
static void
index_books(struct report *r)
{
	size_t i, *p;

	for (r->hcap = 16; r->hcap < 2 * r->n; r->hcap *= 2)
		;
	r->slot = xcalloc(r->hcap, sizeof *r->slot);
	for (i = 0; i < r->n; i++)
		if (!*(p = book_slot(r, r->b[i].name, r->b[i].nlen)))
			*p = i + 1;
}

/* A file of the list: NAME.txt, NAME.txt.gz or NAME.dat, given to the
 * book called NAME (the first, if the table names it twice). */
static void
add_file(struct report *r, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base), i;
	struct book *b;
	int dat = 0;

	if (ends(base, n, ".txt.gz"))
		n -= 7;
	else if (ends(base, n, ".txt"))
		n -= 4;
	else if (ends(base, n, ".dat"))
		n -= 4, dat = 1;
	else
		die("%s: not a book (.txt, .txt.gz) or a table (.dat)", path);
	if (!r->slot)
		index_books(r);
	if (!(i = *book_slot(r, base, n)))
		return;
	b = &r->b[i - 1];
	if (dat && !b->dat)
		b->dat = xstrdup(path);
	else if (!dat && !b->text)
		b->text = xstrdup(path);
}

static int
listed_file(const char *path, void *arg)
{
	add_file(arg, path);
	return 0;
}

static void
read_list(struct report *r, const char *list)
{
	if (arglist_each(list, listed_file, r) < 0)
		exit(1);
}

static int
by_fit(const void *a, const void *b)
{
	const struct book *x = *(const struct book *const *)a;
	const struct book *y = *(const struct book *const *)b;

	if (x->r2v != y->r2v)
		return x->r2v < y->r2v ? 1 : -1;
	return (fabs(x->sv - 1) > fabs(y->sv - 1)) -
	    (fabs(x->sv - 1) < fabs(y->sv - 1));
}

/* The fit rank: 1 for the highest r2 (then s nearest 1); books without
 * a fit have none. */
static void
rank_fits(struct report *r)
{
	struct book **o = xcalloc(r->n + 1, sizeof *o);
	size_t i, k = 0;

	for (i = 0; i < r->n; i++)
		if (!isnan(r->b[i].r2v) && !isnan(r->b[i].sv))
			o[k++] = &r->b[i];
	qsort(o, k, sizeof *o, by_fit);
	for (i = 0; i < k; i++)
		o[i]->fitrank = (int)i + 1;
	free(o);
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return strndup(path, (size_t)(slash - path));
}

static void
free_report(struct report *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		struct book *b = &r->b[i];

		for (j = 1; j < r->ncols; j++)
			free(b->cells[j]);
		for (j = 0; j < b->ntop; j++)
			free(b->top[j].w);
		free(b->cells), free(b->top), free(b->name);
		free(b->title), free(b->author);
		free((char *)b->text), free((char *)b->dat);
	}
	for (i = 0; i < r->ncols; i++)
		free(r->head[i]);
	free(r->head), free(r->b), free(r->slot), free(r->dirabs), free((char *)r->dir);
}

int
main(int argc, char **argv)
{
	const char *out = NULL, *list = NULL;
	struct report r;
	struct outfile o;
	char *dflt = NULL;
	size_t i;
	FILE *f;
	int c, status = 0;

	setprogname(argv[0]);
	usage_set(usage_text);
	memset(&r, 0, sizeof r);
	r.fmt = "png";
	while ((c = opt_get(argc, argv, "F:f:ho:")) != -1) {
		switch (c) {
		case 'F':
			list = optarg;
			break;
		case 'f':
			r.fmt = optarg;
			break;
		case 'h':
			usage_exit(0);
		case 'o':
			out = optarg;
			break;
		default:
			usage_exit(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage_exit(2);
	if (strcmp(r.fmt, "png") && strcmp(r.fmt, "svg"))
		usage_error("format \"%s\" is not png or svg", r.fmt);
	read_table(&r, argv[0]);
	if (list)
		read_list(&r, list);
	for (i = 1; i < (size_t)argc; i++)
		add_file(&r, argv[i]);
	for (i = 0; i < r.n; i++) {
		book_header(&r.b[i]);
		book_top(&r.b[i], r.nwords ? r.nwords : 10);
	}
	rank_fits(&r);
	if (!out) {
		char *d = dir_of(argv[0]);
		size_t n = strlen(d) + sizeof "/index.html";

		out = dflt = xmalloc(n);
		snprintf(dflt, n, "%s/index.html", d);
		free(d);
	}
	r.dir = strcmp(out, "-") == 0 ? xstrdup(".") : dir_of(out);
	if (!(f = outfile_open(&o, strcmp(out, "-") == 0 ? NULL : out)))
		status = 1;
	else if (!(r.dirabs = compat_realpath(r.dir))) {
		warn_("%s", r.dir);
		outfile_abort(&o);
		status = 1;
	} else {
		write_page(f, &r);
		if (outfile_commit(&o) < 0)
			status = 1;
	}
	free_report(&r);
	free(dflt);
	if (status)
		return status;
	out_check();
	return 0;
}
