/*
 * zipf: the lesson's Zipf table, from .dat files.
 *
 * Reads the first count rows of each .dat and writes CSV: a header
 * "Book,word1,...,wordN", then a row per file in the order given: the book's
 * name (the file's base name without its extension) and its top counts.  A
 * book with fewer words has fewer fields, as in the lesson's zipf_test.py;
 * -p pads its row with empty fields to N+1 columns.  -f adds "s,r2" (and
 * pads, so that they stay in their columns): the Zipf exponent s fitted by
 * least squares to log(count) = c - s log(rank) over the ranks present, and
 * the fit's R^2 (empty when fewer than two ranks, or all counts equal,
 * leave it undefined).
 * -o writes atomically to a file instead of stdout.
 *
 * Exit status: 0; 1 if a file could not be read or was malformed (its row is
 * left out, the others are written); 2 for bad usage.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "dat.h"
#include "err.h"
#include "num.h"
#include "outfile.h"
#include "pyfloat.h"
#include "usage.h"
#include "xalloc.h"
#include "zipffit.h"

static void
put_float(FILE *f, double x)
{
	char buf[PYFLOAT_MAX];

	if (isfinite(x)) {
		pyfloat_repr(x, buf);
		fputs(buf, f);
	}
}

/* fit: the shared least squares (lib/zipffit.c), as "s,r2" */
static void
fit(const uint64_t *c, size_t n, FILE *f)
{
	struct zipffit z;

	if (zipf_fit(c, n, &z) < 0) {
		fputs(",,", f);
		return;
	}
	fputc(',', f);
	put_float(f, z.s);
	fputc(',', f);
	if (z.has_r2)
		put_float(f, z.r2);
}

static int
row(FILE *f, const char *path, uint64_t *c, size_t n, int with_fit, int pad)
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
	for (i = 0; i < k; i++)
		fprintf(f, ",%llu", (unsigned long long)c[i]);
	for (; pad && i < n; i++)
		putc(',', f);
	if (with_fit)
		fit(c, k, f);
	putc('\n', f);
	return 0;
}

static const char usage_text[] =
    "usage: zipf [-fp] [-o out] count file.dat ...\n";

int
main(int argc, char **argv)
{
	const char *outpath = NULL;
	struct outfile o;
	uint64_t *counts;
	size_t n, i;
	int c, with_fit = 0, pad = 0, status = 0;
	FILE *f;

	setprogname(argv[0]);
	usage_set(usage_text);
	while ((c = opt_get(argc, argv, "fho:p")) != -1) {
		switch (c) {
		case 'f':
			with_fit = 1;
			break;
		case 'h':
			usage_exit(0);
		case 'o':
			outpath = optarg;
			break;
		case 'p':
			pad = 1;
			break;
		default:
			usage_exit(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage_exit(2);
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
		if (row(f, argv[c], counts, n, with_fit, pad || with_fit) < 0)
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
