/* The readers: a .dat's top rows for the bar chart; a CSV of x,y...
 * (acf's output), or a list of such CSVs, for the line chart.  CSV rows are
 * streamed into the curves (lines.c) and, for .tsv output, to the output
 * as they come, so no input is ever held whole. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dat.h"
#include "err.h"
#include "pathlist.h"
#include "rd.h"
#include "xalloc.h"

#include "plotdata.h"

size_t
read_dat(const char *path, size_t count, struct bar **out)
{
	struct bar *b = xcalloc(count, sizeof *b);
	struct dat_row row;
	struct rd r;
	size_t n = 0;
	int got = 0;

	if (dat_open(&r, path) < 0)
		exit(1);
	while (n < count && (got = dat_next(&r, &row)) > 0) {
		b[n].word = xmalloc(row.wlen + 1);
		memcpy(b[n].word, row.word, row.wlen);
		b[n].word[row.wlen] = '\0';
		b[n].wlen = row.wlen;
		b[n].count = row.count;
		b[n].pct = xstrdup(row.pct);
		n++;
	}
	rd_close(&r);
	if (got < 0)
		exit(1);
	*out = b;
	return n;
}

int
parse_double(const char *s, double *v)
{
	char *end;

	if (!*s || *s == ' ' || *s == '\t')
		return -1;
	*v = strtod(s, &end);
	return *end || !isfinite(*v) ? -1 : 0;
}

/* One CSV file being read: its fields split at commas (acf writes numbers
 * and plain names), and their values when they are numbers. */
struct csvin {
	struct rd r;
	char **f;
	double *v;
	size_t nf, cap;
};

/* The next non-empty line: 1, 0 at the end (or exit 1 after a message). */
static int
csv_next(struct csvin *c)
{
	char *line, *p;
	size_t len;
	int got;

	do {
		if ((got = rd_line(&c->r, &line, &len)) <= 0) {
			if (got < 0)
				exit(1);
			return 0;
		}
		if (len && line[len - 1] == '\r')
			len--;
		line[len] = '\0';
	} while (len == 0);
	for (c->nf = 0, p = line;; c->nf++) {
		char *comma = strchr(p, ',');

		if (c->nf == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 8;
			c->f = xreallocarray(c->f, c->cap, sizeof *c->f);
			c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
		}
		c->f[c->nf] = p;
		if (!comma) {
			c->nf++;
			break;
		}
		*comma = '\0';
		p = comma + 1;
	}
	return 1;
}

/* The fields as numbers, or exit 1 naming the first that is not one. */
static void
csv_numbers(struct csvin *c, size_t upto)
{
	size_t i;

	for (i = 0; i < upto; i++) {
		if (parse_double(c->f[i], &c->v[i]) < 0)
			die("%s:%llu: field %zu \"%.40s\" is not a number",
			    c->r.path, (unsigned long long)c->r.lineno, i + 1,
			    c->f[i]);
		/* the axes need hi - lo and a margin beyond it */
		if (fabs(c->v[i]) > 1e300)
			die("%s: %s is too large to plot", c->r.path, c->f[i]);
	}
}

/* -A: the lesson's t counts from 1 for lag 0; lag 0 (always 1) is left
 * out so that it does not squeeze the rest of the curve. */
static int
take_x(const struct opts *o, double *x)
{
	if (!o->acf)
		return 1;
	*x -= 1;
	return fabs(*x) > 1e-9;
}

static void
tsv_row(FILE *f, char **fields, size_t n, int header)
{
	size_t i;

	if (header)
		fputs("# ", f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%c", fields[i], i + 1 == n ? '\n' : '\t');
}

/* The header, or the first row: how many columns, what they are called. */
static size_t
csv_first(struct csvin *c, const struct opts *o, struct lines *ls)
{
	size_t ncols = c->nf, ncurves = ncols - 1, i;
	double v;

	if (ncols < 2)
		die("%s:%llu: expected at least 2 columns, t,value...",
		    c->r.path, (unsigned long long)c->r.lineno);
	if (o->nset && ncurves > o->count)
		ncurves = o->count;
	lines_init(ls, ncurves, o->nb);
	if (parse_double(c->f[0], &v) == 0)
		return ncols;
	ls->named = 1;
	for (i = 0; i < ncurves; i++)
		ls->l[i].name = xstrdup(c->f[i + 1]);
	if (o->tsv)
		tsv_row(o->tsv, c->f, ncurves + 1, 1);
	c->nf = 0;		/* consumed */
	return ncols;
}

void
read_csv(const char *path, const struct opts *o, struct lines *ls)
{
	struct csvin c;
	size_t ncols = 0, i;

	memset(&c, 0, sizeof c);
	if (rd_open(&c.r, path) < 0)
		exit(1);
	while (csv_next(&c)) {
		if (!ncols) {
			ncols = csv_first(&c, o, ls);
			if (!c.nf)
				continue;	/* it was the header */
		}
		if (c.nf != ncols)
			die("%s:%llu: %zu columns, expected %zu", c.r.path,
			    (unsigned long long)c.r.lineno, c.nf, ncols);
		csv_numbers(&c, ncols);
		if (o->tsv)
			tsv_row(o->tsv, c.f, ls->n + 1, 0);
		if (!take_x(o, &c.v[0]))
			continue;
		for (i = 0; i < ls->n; i++)
			line_add(ls, &ls->l[i], c.v[0], c.v[i + 1]);
	}
	rd_close(&c.r);
	free(c.f);
	free(c.v);
	if (!ncols)
		lines_init(ls, 0, o->nb);
}

/* A curve's name: its file's base name without .gz and .csv. */
static char *
curve_name(const char *path)
{
	const char *b = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(b);
	char *name;

	if (n > 3 && strcmp(b + n - 3, ".gz") == 0)
		n -= 3;
	if (n > 4 && strncmp(b + n - 4, ".csv", 4) == 0)
		n -= 4;
	name = xmalloc(n + 1);
	memcpy(name, b, n);
	name[n] = '\0';
	return name;
}

/* The names' common ending from an underscore on ("pg13_acf",
 * "pg45_acf": "_acf") says nothing about any one curve: drop it. */
static void
strip_common_suffix(struct lines *ls)
{
	size_t i, k = SIZE_MAX, n0;
	const char *a;

	if (ls->n < 2)
		return;
	a = ls->l[0].name, n0 = strlen(a);
	for (i = 1; i < ls->n; i++) {
		const char *b = ls->l[i].name;
		size_t nb = strlen(b), j = 0;

		while (j < n0 && j < nb && a[n0 - 1 - j] == b[nb - 1 - j])
			j++;
		k = j < k ? j : k;
	}
	while (k > 0 && a[n0 - k] != '_')
		k--;
	for (i = 0; k > 0 && i < ls->n; i++) {
		size_t n = strlen(ls->l[i].name);

		if (n > k)	/* a whole name is never dropped */
			ls->l[i].name[n - k] = '\0';
	}
}

/* One curve from a CSV: its first two columns, a header skipped. */
static void
read_curve(const char *path, const struct opts *o, struct lines *ls,
    struct line *l)
{
	struct csvin c;
	int first = 1;
	double v;

	memset(&c, 0, sizeof c);
	if (rd_open(&c.r, path) < 0)
		exit(1);
	l->name = curve_name(path);
	while (csv_next(&c)) {
		if (c.nf < 2)
			die("%s:%llu: expected at least 2 columns, "
			    "t,value...", c.r.path,
			    (unsigned long long)c.r.lineno);
		if (first && parse_double(c.f[0], &v) < 0) {
			first = 0;
			continue;
		}
		first = 0;
		csv_numbers(&c, 2);
		if (o->tsv)
			fprintf(o->tsv, "%s\t%s\t%s\n", l->name, c.f[0],
			    c.f[1]);
		if (take_x(o, &c.v[0]))
			line_add(ls, l, c.v[0], c.v[1]);
	}
	rd_close(&c.r);
	free(c.f);
	free(c.v);
}

/* -F list: one CSV path a line ('-': stdin), each file one curve named
 * after the file.  An empty list is an error: never stdin instead. */
void
read_csv_list(const char *list, const struct opts *o, struct lines *ls)
{
	struct rd r;
	size_t cap = 8;
	char *line;
	int got;

	lines_init(ls, 0, o->nb);
	ls->l = xreallocarray(ls->l, cap, sizeof *ls->l);
	ls->named = 1;
	if (rd_open(&r, list) < 0)
		exit(1);
	if (o->tsv)
		fputs("# curve\tx\ty\n", o->tsv);
	while ((got = pathlist_next(&r, &line)) > 0) {
		if (ls->n == cap)
			ls->l = xreallocarray(ls->l, cap *= 2, sizeof *ls->l);
		memset(&ls->l[ls->n], 0, sizeof *ls->l);
		read_curve(line, o, ls, &ls->l[ls->n++]);
	}
	if (got < 0)
		exit(1);
	if (ls->n == 0)
		die("%s: no files listed", r.path);
	rd_close(&r);
	strip_common_suffix(ls);
}
