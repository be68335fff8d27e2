/* -z: Zipf's law, seen.  Every word of a .dat as a point (rank, count) on
 * log-log axes, and the line fitted to the top `count` ranks as zipf -f
 * fits it (lib/zipffit.c), its exponent in the legend.  A law that holds
 * is a straight line of slope -s with s near 1. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dat.h"
#include "xalloc.h"
#include "zipffit.h"

#include "plotdata.h"

#define FIT_COLOR	0xd62728

void
read_zipf(const char *path, size_t count, size_t nb, struct zipf *z,
    FILE *tsv)
{
	struct zipffit f;
	struct dat_row row;
	struct rd r;
	uint64_t rank = 0;
	int got;

	memset(z, 0, sizeof *z);
	lines_init(&z->ls, 1, nb);
	z->top = xcalloc(count, sizeof *z->top);
	if (dat_open(&r, path) < 0)
		exit(1);
	if (tsv)
		fputs("# rank\tcount\n", tsv);
	while ((got = dat_next(&r, &row)) > 0) {
		rank++;
		if (z->ntop < count)
			z->top[z->ntop++] = row.count;
		if (tsv)
			fprintf(tsv, "%llu\t%llu\n", (unsigned long long)rank,
			    (unsigned long long)row.count);
		line_add(&z->ls, &z->ls.l[0], log10((double)rank),
		    log10((double)row.count));
	}
	rd_close(&r);
	if (got < 0)
		exit(1);
	if (zipf_fit(z->top, z->ntop, &f) == 0) {
		z->fitted = 1;
		z->s = f.s, z->c = f.c, z->r2 = f.r2, z->has_r2 = f.has_r2;
	}
}

/* The fitted line across the rank axis, in log10 units, cut where it
 * leaves the plot (cutting y instead would bend it). */
static void
fit_line(struct chart *ch, const struct zipf *z, const struct area *ar,
    const struct axis *xa, const struct axis *ya, double w)
{
	/* ln count = c - s ln rank: in log10, the same slope */
	double a = z->c / log(10), x[2], y[2];
	struct line l;

	memset(&l, 0, sizeof l);
	x[0] = 0, x[1] = z->ls.xhi > 0 ? z->ls.xhi : 1;
	if (z->s > 0 && a - z->s * x[1] < ya->lo)
		x[1] = (a - ya->lo) / z->s;
	if (z->s > 0 && a > ya->hi)
		x[0] = (a - ya->hi) / z->s;
	if (z->s < 0 && a - z->s * x[1] > ya->hi)
		x[1] = (a - ya->hi) / z->s;
	y[0] = a - z->s * x[0];
	y[1] = a - z->s * x[1];
	l.x = x, l.y = y, l.n = 2;
	draw_curve(ch, &l, ar, xa, ya, FIT_COLOR, w);
}

void
zipf_chart(struct chart *ch, const struct zipf *z, const char *title)
{
	double w = fmax(1, font_size(ch->w, ch->h) / 9), xhi, yhi;
	struct axis xa, ya;
	struct area ar;
	struct key k[2];
	char fit[96], words[64];
	size_t nk = 0;

	xhi = z->ls.l[0].total ? z->ls.xhi : 1;
	yhi = z->ls.l[0].total ? z->ls.yhi : 1;
	/* a margin of a twentieth of a decade, or more */
	axis_make_log(&xa, -0.05 - xhi * 0.03, xhi * 1.03 + 0.05);
	axis_make_log(&ya, -0.05 - yhi * 0.03, yhi * 1.03 + 0.05);
	area_for_xy(&ar, ch, &ya, 1);
	frame(ch, &ar, &ya, title);
	x_ticks(ch, &ar, &xa);
	axis_labels(ch, &ar, "rank (log scale)", "count (log scale)");
	if (z->ls.l[0].total)
		draw_curve(ch, &z->ls.l[0], &ar, &xa, &ya, BAR_COLOR, w * 1.5);
	snprintf(words, sizeof words, "%llu distinct words",
	    (unsigned long long)z->ls.l[0].total);
	k[nk++] = (struct key){ words, BAR_COLOR, w * 1.5 };
	if (z->fitted) {
		fit_line(ch, z, &ar, &xa, &ya, w);
		if (z->has_r2)
			snprintf(fit, sizeof fit, "fit of the top %zu: "
			    "s = %.3f, r\xc2\xb2 = %.3f", z->ntop, z->s, z->r2);
		else
			snprintf(fit, sizeof fit, "fit of the top %zu: "
			    "s = %.3f", z->ntop, z->s);
		k[nk++] = (struct key){ fit, FIT_COLOR, w };
	}
	legend(ch, &ar, k, nk);
}
