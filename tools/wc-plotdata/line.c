/* The line chart: curves of a CSV (acf's output), or one per CSV of a
 * list.  Up to MAX_LEGEND curves get a colour each and a legend; beyond,
 * the curves are grey, their mean is black and the two highest and two
 * lowest (by their mean) are coloured and named: a legend of 61 names
 * would hide the plot it explains. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#include "plotdata.h"

/* matplotlib's tab10, then ten darker colours for an eleventh curve on
 * (acf -a: the average and ten words, each its own colour) */
static const uint32_t palette[] = {
	0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
	0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
	0x393b79, 0x637939, 0x8c6d31, 0x843c39, 0x7b4173,
	0x3182bd, 0xe6550d, 0x31a354, 0x756bb1, 0x636363,
};
#define NPALETTE (sizeof palette / sizeof *palette)

void
legend(struct chart *ch, const struct area *ar, const struct key *k,
    size_t n)
{
	double fs = ar->fs, u = unit(fs), lw = 0, row = fs * 1.3;
	struct text *names = xcalloc(n ? n : 1, sizeof *names);
	int x0, y0;
	size_t c;

	for (c = 0; c < n; c++) {
		names[c] = text_from(k[c].label, strlen(k[c].label));
		text_fit(&names[c], (ar->r - ar->l) * 0.4, fs);
		lw = fmax(lw, text_width(names[c].cp, names[c].n, fs));
	}
	x0 = (int)lround(ar->r - lw - fs * 3.5);
	y0 = ar->t + (int)lround(fs * 0.6);
	if (x0 < ar->l + 4)
		x0 = ar->l + 4;
	add_rect(ch, x0 - 1, y0 - 1, ar->r - 5, (int)lround(y0 + row * n +
	    fs * 0.5), 0xcccccc);
	add_rect(ch, x0, y0, ar->r - 6, (int)lround(y0 + row * n +
	    fs * 0.5) - 1, 0xffffff);
	for (c = 0; c < n; c++) {
		double y = y0 + fs * 0.25 + row * (c + 0.5);
		struct item *it = add_line(ch, k[c].color, k[c].width, 2);

		it->pts[0] = x0 + fs * 0.5, it->pts[1] = y;
		it->pts[2] = x0 + fs * 2, it->pts[3] = y;
		add_text(ch, names[c], x0 + fs * 2.5, y + 6 * u, fs, 0, 0);
	}
	free(names);
}

/* Data units to pixels. */
static void
place(double *p, size_t n, const struct area *ar, const struct axis *xa,
    const struct axis *ya)
{
	size_t i;

	for (i = 0; i < n; i++) {
		p[2 * i] = ar->l + (p[2 * i] - xa->lo) / (xa->hi - xa->lo) *
		    (ar->r - ar->l);
		p[2 * i + 1] = ar->b - (p[2 * i + 1] - ya->lo) /
		    (ya->hi - ya->lo) * (ar->b - ar->t);
	}
}

void
draw_curve(struct chart *ch, const struct line *l, const struct area *ar,
    const struct axis *xa, const struct axis *ya, uint32_t color,
    double width)
{
	struct item *it = add(ch, IT_LINE, color);

	it->npts = line_points(l, &it->pts);
	it->width = width;
	place(it->pts, it->npts, ar, xa, ya);
}

/* The mean curve, when every curve has the same exact x values. */
static int
mean_curve(const struct lines *ls, struct line *m)
{
	size_t i, c;

	memset(m, 0, sizeof *m);
	for (c = 0; c < ls->n; c++)
		if (ls->l[c].bk || ls->l[c].n != ls->l[0].n ||
		    memcmp(ls->l[c].x, ls->l[0].x, ls->l[0].n * sizeof(double)))
			return 0;
	m->n = ls->l[0].n;
	m->x = xreallocarray(NULL, m->n + 1, sizeof *m->x);
	m->y = xcalloc(m->n + 1, sizeof *m->y);
	for (i = 0; i < m->n; i++) {
		m->x[i] = ls->l[0].x[i];
		for (c = 0; c < ls->n; c++)
			m->y[i] += ls->l[c].y[i] / ls->n;
	}
	return 1;
}

static int
by_mean(const void *a, const void *b)
{
	const struct line *x = *(const struct line *const *)a;
	const struct line *y = *(const struct line *const *)b;
	double mx = x->total ? x->sum / x->total : 0;
	double my = y->total ? y->sum / y->total : 0;

	return (mx < my) - (mx > my);
}

/* Many curves: grey, the mean black, the extremes coloured. */
static void
many_curves(struct chart *ch, const struct lines *ls, const struct area *ar,
    const struct axis *xa, const struct axis *ya)
{
	const struct line **o = xreallocarray(NULL, ls->n, sizeof *o);
	double w = fmax(1, ar->fs / 9);
	struct key k[6];
	char others[64], mean[64];
	struct line m;
	size_t c, nk = 0, hl[4] = { 0, 1, ls->n - 2, ls->n - 1 };

	for (c = 0; c < ls->n; c++)
		o[c] = &ls->l[c];
	qsort(o, ls->n, sizeof *o, by_mean);
	for (c = 2; c + 2 < ls->n; c++)
		draw_curve(ch, o[c], ar, xa, ya, GREY, w * 0.8);
	if (mean_curve(ls, &m)) {
		draw_curve(ch, &m, ar, xa, ya, INK, w * 2);
		snprintf(mean, sizeof mean, "mean of %zu", ls->n);
		k[nk++] = (struct key){ mean, INK, w * 2 };
		free(m.x);
		free(m.y);
	}
	for (c = 0; c < 4; c++) {
		draw_curve(ch, o[hl[c]], ar, xa, ya, palette[c], w * 1.5);
		k[nk++] = (struct key){ o[hl[c]]->name ? o[hl[c]]->name : "",
		    palette[c], w * 1.5 };
	}
	snprintf(others, sizeof others, "%zu others", ls->n - 4);
	k[nk++] = (struct key){ others, GREY, w };
	legend(ch, ar, k, nk);
	free(o);
}

void
line_chart(struct chart *ch, const struct lines *ls, const struct opts *o)
{
	double xlo = ls->xlo, xhi = ls->xhi, ylo = ls->ylo, yhi = ls->yhi;
	double w = fmax(1, font_size(ch->w, ch->h) / 9);
	struct key *k = xcalloc(ls->n + 1, sizeof *k);
	struct axis xa, ya;
	struct area ar;
	char buf[MAX_LEGEND][32];
	size_t c;

	if (!(xlo <= xhi))
		xlo = ylo = 0, xhi = yhi = 1;
	/* matplotlib's 5% margins */
	axis_make(&xa, xlo - (xhi - xlo) * 0.05, xhi + (xhi - xlo) * 0.05, 0);
	axis_make(&ya, ylo - (yhi - ylo) * 0.05, yhi + (yhi - ylo) * 0.05, 0);
	area_for_xy(&ar, ch, &ya, o->xlabel || o->ylabel);
	frame(ch, &ar, &ya, o->title);
	x_ticks(ch, &ar, &xa);
	axis_labels(ch, &ar, o->xlabel, o->ylabel);
	if (ls->n > MAX_LEGEND) {
		many_curves(ch, ls, &ar, &xa, &ya);
		free(k);
		return;
	}
	for (c = 0; c < ls->n; c++) {
		k[c].color = palette[c % NPALETTE];
		k[c].width = w;
		k[c].label = ls->l[c].name;
		if (!k[c].label) {
			snprintf(buf[c], sizeof buf[c], "column %zu", c + 2);
			k[c].label = buf[c];
		}
	}
	/* acf -a: the average over the words, black and on top of them */
	if (o->acf && ls->n > 1 && ls->l[0].name &&
	    (!strcmp(ls->l[0].name, "acf") || !strcmp(ls->l[0].name, "average")))
		k[0].color = INK, k[0].width = 2 * w;
	for (c = 1; c <= ls->n; c++)
		if (ls->l[c % ls->n].total)
			draw_curve(ch, &ls->l[c % ls->n], &ar, &xa, &ya,
			    k[c % ls->n].color, k[c % ls->n].width);
	if (ls->named || ls->n > 1)
		legend(ch, &ar, k, ls->n);
	free(k);
}
