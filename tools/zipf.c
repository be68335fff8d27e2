/*
 * zipf: the lesson's Zipf table, from .dat files.
 *
 * Reads the first count rows of each .dat and writes CSV: a header
 * "Book,word1,...,wordN", then a row per file in the order given: the book's
 * name (the file's base name without its extension) and its top counts; a
 * book with fewer words gets empty fields, so every row has N+1 columns.
 * -f adds "s,r2": the Zipf exponent s fitted by least squares to
 * log(count) = c - s log(rank) over the ranks present, and the fit's R^2
 * (empty when fewer than two ranks, or all counts equal, leave it undefined).
 * -o writes atomically to a file instead of stdout; -F list reads more
 * files from list, one path a line, after those of the command line.
 *
 * Exit status: 0; 1 if a file could not be read or was malformed (its row is
 * left out, the others are written); 2 for bad usage.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <unistd.h>

#include "arglist.h"
#include "csv.h"
#include "dat.h"
#include "err.h"
#include "num.h"
#include "outfile.h"
#include "pyfloat.h"
#include "xalloc.h"

static void
put_float(FILE *f, double x)
{
	char buf[PYFLOAT_MAX];

	if (isfinite(x)) {
		pyfloat_repr(x, buf);
		fputs(buf, f);
	}
}

/* fit: least squares of log(count) on log(rank), ranks 1..n. */
static void
fit(const uint64_t *c, size_t n, FILE *f)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, slope, r2;
	double mx, my, vx, vy, cov;
	size_t i;

	if (n < 2) {
		fputs(",,", f);
		return;
	}
	for (i = 0; i < n; i++) {
		double x = log((double)(i + 1)), y = log((double)c[i]);

		sx += x;
		sy += y;
	}
	mx = sx / (double)n;
	my = sy / (double)n;
	for (i = 0; i < n; i++) {	/* centred sums: no cancellation */
		double x = log((double)(i + 1)) - mx, y = log((double)c[i]) - my;

		sxx += x * x;
		sxy += x * y;
		syy += y * y;
	}
	vx = sxx;
	vy = syy;
	cov = sxy;
	slope = cov / vx;
	fputc(',', f);
	put_float(f, 0.0 - slope);
	fputc(',', f);
	if (vy > 0) {
		r2 = cov * cov / (vx * vy);
		put_float(f, r2 > 1 ? 1.0 : r2);	/* rounding can pass 1 */
	}
}

static int
row(FILE *f, const char *path, uint64_t *c, size_t n, int with_fit)
{
	struct dat_row r;
	struct rd rd;
	const char *base, *dot;
	size_t k = 0, i;
	int got = 1;

	if (dat_open(&rd, path) < 0)
		return -1;
	while (k < n && (got = dat_next(&rd, &r)) > 0)
		c[k++] = r.count;
	rd_close(&rd);
	if (got < 0)
		return -1;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	csv_field(f, base, dot && dot != base ? (size_t)(dot - base) :
	    strlen(base));
	for (i = 0; i < n; i++) {
		putc(',', f);
		if (i < k)
			fprintf(f, "%llu", (unsigned long long)c[i]);
	}
	if (with_fit)
		fit(c, k, f);
	putc('\n', f);
	return 0;
}

struct rows {
	FILE *f;
	uint64_t *counts;
	size_t n;
	int with_fit;
};

static int
listed_row(const char *path, void *arg)
{
	struct rows *w = arg;

	return row(w->f, path, w->counts, w->n, w->with_fit);
}

static noreturn void
usage(FILE *f, int status)
{
	fputs("usage: zipf [-f] [-F list] [-o out] count [file.dat ...]\n", f);
	exit(status);
}

int
main(int argc, char **argv)
{
	const char *outpath = NULL, *list = NULL;
	struct outfile o;
	struct rows w;
	uint64_t *counts;
	size_t n, i;
	int c, with_fit = 0, status = 0;
	FILE *f;

	setprogname(argv[0]);
	while ((c = getopt(argc, argv, "F:fho:")) != -1) {
		switch (c) {
		case 'F':
			list = optarg;
			break;
		case 'f':
			with_fit = 1;
			break;
		case 'h':
			usage(stdout, 0);
		case 'o':
			outpath = optarg;
			break;
		default:
			usage(stderr, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < (list ? 1 : 2))
		usage(stderr, 2);
	n = (size_t)num_arg(argv[0], 1, 1000000, "count");
	if (!(f = outfile_open(&o, outpath)))
		return 1;
	counts = xreallocarray(NULL, n, sizeof *counts);
	fputs("Book", f);
	for (i = 1; i <= n; i++)
		fprintf(f, ",word%zu", i);
	if (with_fit)
		fputs(",s,r2", f);
	putc('\n', f);
	for (c = 1; c < argc; c++)
		if (row(f, argv[c], counts, n, with_fit) < 0)
			status = 1;
	w = (struct rows){ f, counts, n, with_fit };
	if (list && arglist_each(list, listed_row, &w) < 0)
		status = 1;
	free(counts);
	if (outpath && status) {
		outfile_abort(&o);
		return 1;
	}
	if (outfile_commit(&o) < 0)
		return 1;
	out_check();
	return status;
}
