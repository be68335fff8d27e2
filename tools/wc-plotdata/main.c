/*
 * wc-plotdata: a .dat table's most common words as a bar chart, its
 * rank-frequency curve on log-log axes with the Zipf fit (-z), or a CSV of
 * columns t,value... (acf's output) as a line chart.
 *
 * Reads a .dat table ("word count percent", '-' for stdin, gzip or plain);
 * with -l, or when the input's name ends in .csv or .csv.gz, a CSV whose
 * first column is x and every further column a curve (an optional first
 * line naming the columns is taken as a header); with -F list, one CSV per
 * line of list, each a curve named after its file.  Writes `out` in the
 * format its extension names: .png (RGB, zlib-compressed, text drawn
 * anti-aliased from the built-in stroke font in font.h), .svg (text as SVG
 * text elements), .tsv or '-' (the plotted data as tab-separated text, '-'
 * being stdout).  Files are written atomically.
 *
 * The bar chart follows the lesson's matplotlib chart: title on top, y axis
 * ticks at round steps, bars in #1f77b4 with each word under its bar rotated
 * 45 degrees, a frame, a white background; 1000x500 by default.  Words are
 * shown as UTF-8; control characters and bytes that are not UTF-8 are shown
 * as U+FFFD, a character the font lacks as an empty box, and a label too
 * long for its room is cut and ends with an ellipsis.  A line chart of more
 * points than its width can show is drawn from each pixel column's lowest
 * and highest values (lines.c), in bounded memory.
 *
 * Exit status: 0; 1 for bad input or a failed write; 2 for bad usage
 * (including an unknown output extension or an unusable size).
 * Limits: only the first `count` rows of a .dat are read for bars; the
 * image is at most 10000 pixels a side and 25 million pixels.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "err.h"
#include "num.h"
#include "outfile.h"
#include "usage.h"
#include "xalloc.h"

#include "plotdata.h"

enum { FMT_PNG, FMT_SVG, FMT_TSV };

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n > k && strcasecmp(s + n - k, suf) == 0;
}

static const char usage_text[] =
    "usage: wc-plotdata [-Alz] [-F list] [-n count] [-s WIDTHxHEIGHT] "
    "[-t title] [-x label] [-y label] [file] out\n";

static void
parse_size(const char *s, int *w, int *h)
{
	const char *x = strchr(s, 'x');
	uint64_t a, b;

	if (!x || num_u64(s, (size_t)(x - s), UINT64_MAX, &a) != NUM_OK ||
	    num_u64(x + 1, strlen(x + 1), UINT64_MAX, &b) != NUM_OK)
		usage_error("size \"%s\" is not WIDTHxHEIGHT", s);
	if (a < MIN_W || b < MIN_H)
		usage_error("size %s is too small to draw (at least %dx%d)", s,
		    MIN_W, MIN_H);
	if (a > MAX_SIDE || b > MAX_SIDE || a * b > (uint64_t)MAX_PIXELS)
		usage_error("size %s is too large (at most %d a side and %ld "
		    "pixels)", s, MAX_SIDE, MAX_PIXELS);
	*w = (int)a, *h = (int)b;
}

/* The input's base name without .gz and its extension (and, for an acf
 * CSV, without _acf): "processed_data/pg13.dat" is "pg13"; NULL for
 * stdin. */
static char *
base_name(const char *path, int acf)
{
	const char *b = path;
	char *t, *dot;
	size_t n;

	if (!path || strcmp(path, "-") == 0)
		return NULL;
	if (strrchr(b, '/'))
		b = strrchr(b, '/') + 1;
	t = xstrdup(b);
	if (has_suffix(t, ".gz"))
		t[strlen(t) - 3] = '\0';
	if ((dot = strrchr(t, '.')) && dot != t)
		*dot = '\0';
	n = strlen(t);
	if (acf && n > 4 && strcmp(t + n - 4, "_acf") == 0)
		t[n - 4] = '\0';
	return t;
}

/* The default title: what the chart shows, of which book. */
static char *
default_title(const char *in, const struct opts *o)
{
	char *b = base_name(in, o->acf), *t;
	char what[64];
	size_t n;

	if (o->mode == MODE_LINES && !o->acf)
		return b ? b : xstrdup("stdin");
	if (o->mode == MODE_ZIPF)
		snprintf(what, sizeof what, "rank and count (Zipf's law)");
	else if (o->acf)
		snprintf(what, sizeof what, "word autocorrelation");
	else
		snprintf(what, sizeof what, "%zu most common words", o->count);
	if (!b)
		return xstrdup(what);
	n = strlen(b) + strlen(what) + 3;
	t = xmalloc(n);
	snprintf(t, n, "%s: %s", b, what);
	free(b);
	return t;
}

static int
out_format(const char *out)
{
	if (strcmp(out, "-") == 0 || has_suffix(out, ".tsv"))
		return FMT_TSV;
	if (has_suffix(out, ".png"))
		return FMT_PNG;
	if (has_suffix(out, ".svg"))
		return FMT_SVG;
	usage_error("%s: unknown format (.png, .svg, .tsv or -)", out);
}

struct args {
	struct opts o;
	const char *in, *out, *list;
	int w, h, fmt;
};

static void
parse_args(int argc, char **argv, struct args *a)
{
	int c, lines = 0;

	memset(a, 0, sizeof *a);
	a->o.count = 10, a->w = 1000, a->h = 500;
	while ((c = opt_get(argc, argv, "AF:hln:s:t:x:y:z")) != -1) {
		switch (c) {
		case 'A':
			a->o.acf = lines = 1;
			break;
		case 'F':
			a->list = optarg;
			lines = 1;
			break;
		case 'h':
			usage_exit(0);
		case 'l':
			lines = 1;
			break;
		case 'n':
			a->o.count = (size_t)num_arg(optarg, 1, MAX_COUNT,
			    "count");
			a->o.nset = 1;
			break;
		case 's':
			parse_size(optarg, &a->w, &a->h);
			break;
		case 't':
			a->o.title = optarg;
			break;
		case 'x':
			a->o.xlabel = optarg;
			break;
		case 'y':
			a->o.ylabel = optarg;
			break;
		case 'z':
			a->o.mode = MODE_ZIPF;
			break;
		default:
			usage_exit(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != (a->list ? 1 : 2))
		usage_exit(2);
	if (a->o.mode == MODE_ZIPF && lines) {
		usage_error("-z draws a .dat; -A, -F and -l are for CSVs");
	}
	a->in = a->list ? NULL : argv[0];
	a->out = argv[a->list ? 0 : 1];
	a->fmt = out_format(a->out);
	if (a->in && a->o.mode != MODE_ZIPF &&
	    (has_suffix(a->in, ".csv") || has_suffix(a->in, ".csv.gz")))
		lines = 1;
	if (lines)
		a->o.mode = MODE_LINES;
	if (a->o.acf && !a->o.xlabel)
		a->o.xlabel = "lag (words; lag 0, always 1, not drawn)";
	if (a->o.acf && !a->o.ylabel)
		a->o.ylabel = "autocorrelation";
	/* a few buckets per pixel column, so that no column is missed */
	a->o.nb = 2 * (size_t)a->w;
}

/* Read the input into a chart (or, for .tsv, straight to the output). */
static void
draw(struct args *a, struct chart *ch)
{
	struct bar *bars = NULL;
	struct lines ls;
	struct zipf z;
	size_t n, i;

	if (a->o.mode == MODE_ZIPF) {
		read_zipf(a->in, a->o.count, a->o.nb, &z, a->o.tsv);
		if (!a->o.tsv)
			zipf_chart(ch, &z, a->o.title);
		lines_free(&z.ls);
		free(z.top);
		return;
	}
	if (a->o.mode == MODE_LINES) {
		if (a->list)
			read_csv_list(a->list, &a->o, &ls);
		else
			read_csv(a->in, &a->o, &ls);
		if (!a->o.tsv)
			line_chart(ch, &ls, &a->o);
		lines_free(&ls);
		return;
	}
	n = read_dat(a->in, a->o.count, &bars);
	if (a->o.tsv) {
		fputs("# rank\tword\tcount\tpercent\n", a->o.tsv);
		for (i = 0; i < n; i++) {
			fprintf(a->o.tsv, "%zu\t", i + 1);
			fwrite(bars[i].word, 1, bars[i].wlen, a->o.tsv);
			fprintf(a->o.tsv, "\t%llu\t%s\n",
			    (unsigned long long)bars[i].count, bars[i].pct);
		}
	} else
		bar_chart(ch, bars, n, a->o.title);
	for (i = 0; i < n; i++) {
		free(bars[i].word);
		free(bars[i].pct);
	}
	free(bars);
}

int
main(int argc, char **argv)
{
	struct chart ch;
	struct outfile o;
	struct args a;
	char *dtitle = NULL;
	FILE *f = NULL;
	int status = 0;

	setprogname(argv[0]);
	usage_set(usage_text);
	parse_args(argc, argv, &a);
	memset(&ch, 0, sizeof ch);
	ch.w = a.w, ch.h = a.h;
	if (!a.o.title)
		a.o.title = dtitle = a.list ? xstrdup("") :
		    default_title(a.in, &a.o);
	/* .tsv streams as it reads: the output is opened first (and removed
	 * if the input turns out bad) */
	if (a.fmt == FMT_TSV && !(f = a.o.tsv = outfile_open(&o,
	    strcmp(a.out, "-") == 0 ? NULL : a.out)))
		return 1;
	draw(&a, &ch);
	if (a.fmt != FMT_TSV && !(f = outfile_open(&o, a.out)))
		status = 1;
	else if (a.fmt == FMT_SVG)
		write_svg(f, &ch, a.o.title);
	else if (a.fmt == FMT_PNG && write_png(f, &ch) < 0) {
		outfile_abort(&o);
		status = 1;
	}
	if (f && !status && outfile_commit(&o) < 0)
		status = 1;
	chart_free(&ch);
	free(dtitle);
	if (status)
		return status;
	out_check();
	return 0;
}
