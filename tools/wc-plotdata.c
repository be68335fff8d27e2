/*
 * wc-plotdata: a .dat table's most common words as a bar chart, or a CSV of
 * columns t,value... (acf's output) as a line chart.
 *
 * Reads a .dat table ("word count percent", '-' for stdin, gzip or plain);
 * with -l, or when the input's name ends in .csv or .csv.gz, a CSV whose
 * first column is x and every further column a series (an optional first
 * line naming the columns is taken as a header).  Writes `out` in the format
 * its extension names: .png (RGB, zlib-compressed, text drawn anti-aliased
 * from the built-in stroke font in wc-plotdata/font.h), .svg (text as SVG
 * text elements), .tsv or '-' (the plotted data as tab-separated text, '-'
 * being stdout).  Files are written atomically.
 *
 * The layout follows the lesson's matplotlib chart: title on top, y axis
 * ticks at round steps, bars in #1f77b4 with each word under its bar rotated
 * 45 degrees, a frame, a white background; 1000x500 by default.  Words are
 * shown as UTF-8; control characters and bytes that are not UTF-8 are shown
 * as U+FFFD, a character the font lacks as an empty box, and a label too
 * long for its room is cut and ends with an ellipsis.
 *
 * Exit status: 0; 1 for bad input or a failed write; 2 for bad usage
 * (including an unknown output extension or an unusable size).
 * Limits: only the first `count` rows of a .dat are read; the image is at
 * most 10000 pixels a side and 25 million pixels.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#include "dat.h"
#include "err.h"
#include "num.h"
#include "outfile.h"
#include "rd.h"
#include "usage.h"
#include "xalloc.h"

#include "wc-plotdata/font.h"

#ifndef M_PI	/* XSI: neither C nor base POSIX has it */
#define M_PI 3.14159265358979323846
#endif

#define BAR_COLOR	0x1f77b4
#define INK		0x000000
#define MIN_W		160
#define MIN_H		120
#define MAX_SIDE	10000
#define MAX_PIXELS	25000000L
#define MAX_COUNT	1000
#define MAX_LEGEND	12
#define COS45		0.70710678118654752

/* matplotlib's default colour cycle, for the series of a line chart */
static const uint32_t palette[] = {
	0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
	0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
};

/* ---- text: code points, glyphs, widths ---- */

struct text {
	uint32_t *cp;
	size_t n;
};

/* UTF-8 to code points; what a label cannot show (control characters,
 * bytes that are not UTF-8, non-characters XML forbids) becomes U+FFFD. */
static struct text
text_from(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	struct text t;
	size_t i = 0;

	t.cp = xreallocarray(NULL, len + 1, sizeof *t.cp);
	t.n = 0;
	while (i < len) {
		uint32_t c = p[i], min = 0;
		size_t k, need = 0;

		if (c >= 0xC2 && c <= 0xDF)
			need = 1, c &= 0x1F, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, c &= 0x0F, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, c &= 0x07, min = 0x10000;
		else if (c >= 0x80)
			c = 0xFFFD;	/* a stray continuation or bad lead */
		for (k = 1; k <= need; k++) {
			if (i + k >= len || (p[i + k] & 0xC0) != 0x80)
				break;
			c = c << 6 | (p[i + k] & 0x3F);
		}
		if (k <= need || c < min || c > 0x10FFFF ||
		    (c >= 0xD800 && c <= 0xDFFF)) {
			c = 0xFFFD;	/* one mark per bad byte */
			need = 0;
		}
		i += need + 1;
		if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE ||
		    c == 0xFFFF)
			c = 0xFFFD;
		t.cp[t.n++] = c;
	}
	return t;
}

/* The strokes of a character: the glyph itself and, for a composed letter,
 * its accent and how far to move the accent. */
struct glyph {
	const char *base, *accent;
	double ax, ay;
};

static int
glyph_maxx(const char *s)
{
	int mx = 0, odd = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '.')
			continue;
		if (!odd) {
			int v = *s <= '9' ? *s - '0' : *s - 'a' + 10;

			if (v > mx)
				mx = v;
		}
		odd = !odd;
	}
	return mx;
}

static struct glyph
glyph_of(uint32_t c)
{
	struct glyph g = { font_missing, NULL, 0, 0 };
	size_t i;

	if (c >= 0x20 && c <= 0x7E)
		g.base = font_ascii[c - 0x20];
	else if (c >= 0xA0 && c <= 0xFF && font_latin1[c - 0xA0])
		g.base = font_latin1[c - 0xA0];
	else if (c == 0x2026)
		g.base = font_ellipsis;
	else if (c == 0xFFFD)
		g.base = font_replacement;
	else if (c >= 0xC0 && c <= 0xFF) {
		for (i = 0; i < sizeof font_composed / sizeof *font_composed;
		    i++) {
			if (font_composed[i].cp != c)
				continue;
			g.base = font_composed[i].base == 'i' ? font_dotless_i :
			    font_ascii[font_composed[i].base - 0x20];
			g.accent = font_accent[font_composed[i].acc];
			g.ax = (glyph_maxx(g.base) -
			    glyph_maxx(g.accent)) / 2.0;
			if (font_composed[i].acc != ACC_CEDIL &&
			    font_composed[i].base >= 'A' &&
			    font_composed[i].base <= 'Z')
				g.ay = -4;
			break;
		}
	}
	return g;
}

/* Advance in grid units: a space is 5, a glyph its width plus 3. */
static double
glyph_advance(uint32_t c)
{
	struct glyph g = glyph_of(c);

	if (!*g.base)
		return 5;
	return glyph_maxx(g.base) + 3;
}

/* One grid unit in pixels: the capitals (12 units) are 0.7 of the size. */
static double
unit(double fs)
{
	return fs * 0.7 / 12;
}

/* The grid is narrower than it is tall: x units are wider. */
#define XSCALE 1.25

static double
text_width(const uint32_t *cp, size_t n, double fs)
{
	double w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		w += glyph_advance(cp[i]);
	if (n)
		w -= 3;		/* no gap after the last glyph */
	return w * unit(fs) * XSCALE;
}

/* Cut t to at most maxw pixels, ending in an ellipsis when cut. */
static void
text_fit(struct text *t, double maxw, double fs)
{
	uint32_t ell = 0x2026;
	double ew = text_width(&ell, 1, fs) + 3 * unit(fs) * XSCALE, w = 0;
	size_t k;

	if (text_width(t->cp, t->n, fs) <= maxw)
		return;
	for (k = 0; k < t->n; k++) {
		double a = glyph_advance(t->cp[k]) * unit(fs) * XSCALE;

		if (w + a + ew > maxw)
			break;
		w += a;
	}
	t->cp[k] = ell;
	t->n = k + 1;
}

/* ---- the display list, shared by the PNG and SVG writers ---- */

enum { IT_RECT, IT_LINE, IT_TEXT };

struct item {
	int kind;
	uint32_t color;
	double x0, y0, x1, y1;	/* rect: corners; text: baseline origin */
	double width;		/* line */
	double *pts;		/* line: x,y pairs */
	size_t npts;
	struct text text;
	double fs, angle;	/* text: size in px, degrees counterclockwise */
	double anchor;		/* text: 0 start, 0.5 middle, 1 end */
};

struct chart {
	int w, h;
	struct item *it;
	size_t n, cap;
};

static struct item *
add(struct chart *ch, int kind, uint32_t color)
{
	struct item *it;

	if (ch->n == ch->cap) {
		ch->cap = ch->cap ? ch->cap * 2 : 64;
		ch->it = xreallocarray(ch->it, ch->cap, sizeof *ch->it);
	}
	it = &ch->it[ch->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->color = color;
	return it;
}

/* A rectangle of whole pixels, [x0,x1) x [y0,y1). */
static void
add_rect(struct chart *ch, int x0, int y0, int x1, int y1, uint32_t color)
{
	struct item *it = add(ch, IT_RECT, color);

	it->x0 = x0, it->y0 = y0, it->x1 = x1, it->y1 = y1;
}

static void
add_text(struct chart *ch, struct text t, double x, double y, double fs,
    double angle, double anchor)
{
	struct item *it = add(ch, IT_TEXT, INK);

	it->text = t;
	it->x0 = x, it->y0 = y;
	it->fs = fs, it->angle = angle, it->anchor = anchor;
}

static void
add_ascii(struct chart *ch, const char *s, double x, double y, double fs,
    double anchor)
{
	add_text(ch, text_from(s, strlen(s)), x, y, fs, 0, anchor);
}

/* ---- axes ---- */

/* A round step (1, 2, 2.5 or 5 times a power of ten) near raw. */
static double
nice_step(double raw)
{
	double p = pow(10, floor(log10(raw))), m = raw / p;

	if (m <= 1)
		return p;
	if (m <= 2)
		return 2 * p;
	if (m <= 2.5)
		return 2.5 * p;
	if (m <= 5)
		return 5 * p;
	return 10 * p;
}

/* Digits after the point that a multiple of step needs. */
static int
step_decimals(double step)
{
	int d = 0;

	while (d < 12 && fabs(step * pow(10, d) - round(step * pow(10, d))) >
	    1e-9 * step * pow(10, d))
		d++;
	return d;
}

struct axis {
	double lo, hi, step;
	int decimals;
};

static void
axis_make(struct axis *a, double lo, double hi, int integral)
{
	if (!(hi > lo)) {
		hi = lo + 1;
		lo -= integral ? 0 : 1;
	}
	a->lo = lo, a->hi = hi;
	a->step = nice_step((hi - lo) / 6);
	if (integral && a->step < 1)
		a->step = 1;
	a->decimals = step_decimals(a->step);
}

/* The k-th tick at or above lo; its label in buf. */
static double
axis_tick(const struct axis *a, long k, char *buf, size_t len)
{
	double v = (ceil(a->lo / a->step - 1e-9) + k) * a->step;

	if (fabs(v) < a->step * 1e-9)
		v = 0;
	snprintf(buf, len, "%.*f", a->decimals, v);
	return v;
}

static long
axis_nticks(const struct axis *a)
{
	return (long)(floor(a->hi / a->step + 1e-9) -
	    ceil(a->lo / a->step - 1e-9)) + 1;
}

static double
axis_width(const struct axis *a, double fs)
{
	double w = 0;
	char buf[64];
	long k;

	for (k = 0; k < axis_nticks(a); k++) {
		struct text t;

		axis_tick(a, k, buf, sizeof buf);
		t = text_from(buf, strlen(buf));
		if (text_width(t.cp, t.n, fs) > w)
			w = text_width(t.cp, t.n, fs);
		free(t.cp);
	}
	return w;
}

/* The frame, the title and the y axis of a plot area [l,r) x [t,b). */
static void
frame(struct chart *ch, int l, int t, int r, int b, const struct axis *ya,
    const char *title, double fs)
{
	double tfs = fs * 1.2;
	struct text tt;
	char buf[64];
	long k;

	add_rect(ch, l - 1, t - 1, r + 1, t, INK);
	add_rect(ch, l - 1, b, r + 1, b + 1, INK);
	add_rect(ch, l - 1, t - 1, l, b + 1, INK);
	add_rect(ch, r, t - 1, r + 1, b + 1, INK);
	for (k = 0; k < axis_nticks(ya); k++) {
		double v = axis_tick(ya, k, buf, sizeof buf);
		int y = (int)lround(b - (v - ya->lo) / (ya->hi - ya->lo) *
		    (b - t));

		if (y > b)
			y = b;
		add_rect(ch, l - 6, y, l - 1, y + 1, INK);
		add_ascii(ch, buf, l - 9, y + unit(fs) * 6, fs, 1);
	}
	tt = text_from(title, strlen(title));
	text_fit(&tt, ch->w - 10, tfs);
	add_text(ch, tt, ch->w / 2.0, t - tfs * 0.6, tfs, 0, 0.5);
}

static double
font_size(int w, int h)
{
	double s = 14 * fmin(w / 1000.0, h / 500.0);

	return s < 8 ? 8 : s > 40 ? 40 : s;
}

/* ---- the bar chart ---- */

struct bar {
	char *word;
	size_t wlen;
	uint64_t count;
	char *pct;
};

static void
bar_chart(struct chart *ch, const struct bar *bars, size_t n,
    const char *title)
{
	double fs = font_size(ch->w, ch->h), u = unit(fs), slot, maxext = 0;
	struct axis ya;
	struct text *lab;
	uint64_t max = 0;
	int l, t, r, b;
	size_t i;

	for (i = 0; i < n; i++)
		if (bars[i].count > max)
			max = bars[i].count;
	axis_make(&ya, 0, max ? max * 1.05 : 1, 1);
	t = (int)lround(fs * 1.2 * 2.1);
	l = (int)lround(axis_width(&ya, fs) + 16);
	r = ch->w - (int)lround(ch->w * 0.015 + 1);
	slot = (r - l) / (n + 0.4);

	/* Labels hang down-left from their bar's tick at 45 degrees: cut each
	 * to the room below the plot and to the left of its tick. */
	lab = xcalloc(n ? n : 1, sizeof *lab);
	for (i = 0; i < n; i++) {
		double cx = l + slot * (0.7 + i), room;

		lab[i] = text_from(bars[i].word, bars[i].wlen);
		if (slot < fs * 0.8) {
			lab[i].n = 0;
			continue;
		}
		room = fmin((ch->h * 0.3 - 16) / COS45,
		    (cx - 4) / COS45 - 6 * u);
		text_fit(&lab[i], room > 0 ? room : 0, fs);
		room = (text_width(lab[i].cp, lab[i].n, fs) + 12 * u) * COS45;
		if (room > maxext)
			maxext = room;
	}
	b = ch->h - (int)lround(fmax(maxext + 16, fs * 2));
	frame(ch, l, t, r, b, &ya, title, fs);
	for (i = 0; i < n; i++) {
		double cx = l + slot * (0.7 + i);
		int x0 = (int)lround(l + slot * (0.3 + i));
		int x1 = (int)lround(l + slot * (1.1 + i));
		int hgt = (int)lround(bars[i].count / ya.hi * (b - t));

		if (x1 <= x0)
			x1 = x0 + 1;
		add_rect(ch, x0, b - hgt, x1, b, BAR_COLOR);
		add_rect(ch, (int)floor(cx), b + 1, (int)floor(cx) + 1, b + 6,
		    INK);
		if (!lab[i].n) {
			free(lab[i].cp);
			continue;
		}
		/* the baseline point that puts the label's middle (6 units
		 * above the baseline) on a line through the tick */
		add_text(ch, lab[i], cx + 2 + 6 * u * COS45,
		    b + 10 + 6 * u * COS45, fs, 45, 1);
	}
	free(lab);
}

/* ---- the line chart ---- */

struct series {
	size_t rows, cols;	/* cols: value columns */
	double *x, *y;		/* y[c * rows + i] */
	char **xs, **ys;	/* the numbers as written, for .tsv */
	char **names;		/* NULL without a header */
	size_t cap;
};

static void
legend(struct chart *ch, const struct series *s, int l, int t, int r,
    double fs)
{
	double u = unit(fs), lw = 0, row = fs * 1.3;
	struct text *names = xcalloc(s->cols, sizeof *names);
	int x0, y0;
	size_t c;

	for (c = 0; c < s->cols; c++) {
		char buf[32];

		if (s->names)
			names[c] = text_from(s->names[c + 1],
			    strlen(s->names[c + 1]));
		else {
			snprintf(buf, sizeof buf, "column %zu", c + 2);
			names[c] = text_from(buf, strlen(buf));
		}
		text_fit(&names[c], (r - l) * 0.3, fs);
		lw = fmax(lw, text_width(names[c].cp, names[c].n, fs));
	}
	x0 = (int)lround(r - lw - fs * 3.5);
	y0 = t + (int)lround(fs * 0.6);
	if (x0 < l + 4)
		x0 = l + 4;
	add_rect(ch, x0 - 1, y0 - 1, r - 5, (int)lround(y0 + row *
	    s->cols + fs * 0.5), 0xcccccc);
	add_rect(ch, x0, y0, r - 6, (int)lround(y0 + row * s->cols +
	    fs * 0.5) - 1, 0xffffff);
	for (c = 0; c < s->cols; c++) {
		double y = y0 + fs * 0.25 + row * (c + 0.5);
		struct item *it = add(ch, IT_LINE,
		    palette[c % (sizeof palette / sizeof *palette)]);

		it->pts = xreallocarray(NULL, 4, sizeof *it->pts);
		it->pts[0] = x0 + fs * 0.5, it->pts[1] = y;
		it->pts[2] = x0 + fs * 2, it->pts[3] = y;
		it->npts = 2;
		it->width = fmax(1, fs / 9);
		add_text(ch, names[c], x0 + fs * 2.5, y + 6 * u, fs, 0, 0);
	}
	free(names);
}

static void
line_chart(struct chart *ch, const struct series *s, const char *title)
{
	double fs = font_size(ch->w, ch->h), u = unit(fs);
	double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
	struct axis xa, ya;
	char buf[64];
	int l, t, r, b;
	size_t i, c;
	long k;

	for (i = 0; i < s->rows; i++) {
		xlo = fmin(xlo, s->x[i]), xhi = fmax(xhi, s->x[i]);
		for (c = 0; c < s->cols; c++) {
			ylo = fmin(ylo, s->y[c * s->rows + i]);
			yhi = fmax(yhi, s->y[c * s->rows + i]);
		}
	}
	if (!s->rows || !s->cols)
		xlo = ylo = 0, xhi = yhi = 1;
	/* matplotlib's 5% margins */
	axis_make(&xa, xlo - (xhi - xlo) * 0.05, xhi + (xhi - xlo) * 0.05, 0);
	axis_make(&ya, ylo - (yhi - ylo) * 0.05, yhi + (yhi - ylo) * 0.05, 0);
	t = (int)lround(fs * 1.2 * 2.1);
	l = (int)lround(axis_width(&ya, fs) + 16);
	r = ch->w - (int)lround(ch->w * 0.015 + 1);
	b = ch->h - (int)lround(fs * 2.2);
	frame(ch, l, t, r, b, &ya, title, fs);
	for (k = 0; k < axis_nticks(&xa); k++) {
		double v = axis_tick(&xa, k, buf, sizeof buf);
		int x = (int)lround(l + (v - xa.lo) / (xa.hi - xa.lo) *
		    (r - l));

		add_rect(ch, x, b + 1, x + 1, b + 6, INK);
		add_ascii(ch, buf, x + 0.5, b + 9 + 12 * u, fs, 0.5);
	}
	for (c = 0; c < s->cols && s->rows; c++) {
		struct item *it = add(ch, IT_LINE,
		    palette[c % (sizeof palette / sizeof *palette)]);

		it->pts = xreallocarray(NULL, s->rows, 2 * sizeof *it->pts);
		for (i = 0; i < s->rows; i++) {
			it->pts[2 * i] = l + (s->x[i] - xa.lo) /
			    (xa.hi - xa.lo) * (r - l);
			it->pts[2 * i + 1] = b - (s->y[c * s->rows + i] -
			    ya.lo) / (ya.hi - ya.lo) * (b - t);
		}
		it->npts = s->rows;
		it->width = fmax(1, fs / 9);
	}
	/* beyond a dozen lines a legend hides the plot it explains */
	if ((s->names || s->cols > 1) && s->cols <= MAX_LEGEND)
		legend(ch, s, l, t, r, fs);
}

/* ---- PNG ---- */

struct canvas {
	int w, h;
	unsigned char *rgb;
	float *cov;		/* coverage of the shape being drawn */
	int bx0, by0, bx1, by1;	/* where cov is not 0 */
};

static void
cov_segment(struct canvas *cv, double ax, double ay, double bx, double by,
    double hw)
{
	double dx = bx - ax, dy = by - ay, dd = dx * dx + dy * dy;
	int x0 = (int)floor(fmin(ax, bx) - hw - 1);
	int x1 = (int)ceil(fmax(ax, bx) + hw + 1);
	int y0 = (int)floor(fmin(ay, by) - hw - 1);
	int y1 = (int)ceil(fmax(ay, by) + hw + 1);
	int x, y;

	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	if (x1 > cv->w)
		x1 = cv->w;
	if (y1 > cv->h)
		y1 = cv->h;
	if (x0 >= x1 || y0 >= y1)
		return;
	cv->bx0 = x0 < cv->bx0 ? x0 : cv->bx0;
	cv->by0 = y0 < cv->by0 ? y0 : cv->by0;
	cv->bx1 = x1 > cv->bx1 ? x1 : cv->bx1;
	cv->by1 = y1 > cv->by1 ? y1 : cv->by1;
	for (y = y0; y < y1; y++) {
		for (x = x0; x < x1; x++) {
			double px = x + 0.5 - ax, py = y + 0.5 - ay, tt, d, c;
			float *p = &cv->cov[(size_t)y * cv->w + x];

			tt = dd > 0 ? (px * dx + py * dy) / dd : 0;
			tt = tt < 0 ? 0 : tt > 1 ? 1 : tt;
			d = hypot(px - tt * dx, py - tt * dy);
			c = hw + 0.5 - d;
			if (c <= 0)
				continue;
			if (c > 1)
				c = 1;
			if (c > *p)
				*p = (float)c;
		}
	}
}

/* Paint what cov holds in color, and clear it. */
static void
cov_paint(struct canvas *cv, uint32_t color)
{
	int x, y, k;

	for (y = cv->by0; y < cv->by1; y++) {
		for (x = cv->bx0; x < cv->bx1; x++) {
			float *p = &cv->cov[(size_t)y * cv->w + x];
			unsigned char *px = &cv->rgb[((size_t)y * cv->w + x) *
			    3];

			if (*p <= 0)
				continue;
			for (k = 0; k < 3; k++) {
				double c = color >> (16 - 8 * k) & 0xff;

				px[k] = (unsigned char)lround(px[k] +
				    (c - px[k]) * *p);
			}
			*p = 0;
		}
	}
	cv->bx0 = cv->w, cv->by0 = cv->h, cv->bx1 = cv->by1 = 0;
}

static void
stroke_glyph(struct canvas *cv, const char *s, double ox, double oy,
    double dx, double dy, double u, double gx, double gy, double hw)
{
	double px = 0, py = 0;
	int have = 0;

	for (; *s; s++) {
		double x, y;

		if (*s == ' ') {
			have = 0;
			continue;
		}
		if (*s == '.')
			continue;
		x = (s[0] <= '9' ? s[0] - '0' : s[0] - 'a' + 10) + gx;
		y = (s[1] <= '9' ? s[1] - '0' : s[1] - 'a' + 10) + gy - 12;
		s++;
		/* along the baseline (dx,dy), down the glyph (-dy,dx) */
		x *= u * XSCALE, y *= u;
		{
			double sx = ox + x * dx - y * dy;
			double sy = oy + x * dy + y * dx;

			if (have)
				cov_segment(cv, px, py, sx, sy, hw);
			else
				cov_segment(cv, sx, sy, sx, sy, hw);
			px = sx, py = sy, have = 1;
		}
	}
}

static void
png_text(struct canvas *cv, const struct item *it)
{
	double a = it->angle * M_PI / 180, dx = cos(a), dy = -sin(a);
	double u = unit(it->fs), hw = fmax(0.45, it->fs * 0.045), pen;
	size_t i;

	pen = -it->anchor * text_width(it->text.cp, it->text.n, it->fs);
	for (i = 0; i < it->text.n; i++) {
		struct glyph g = glyph_of(it->text.cp[i]);
		double ox = it->x0 + pen * dx, oy = it->y0 + pen * dy;

		stroke_glyph(cv, g.base, ox, oy, dx, dy, u, 0, 0, hw);
		if (g.accent)
			stroke_glyph(cv, g.accent, ox, oy, dx, dy, u, g.ax,
			    g.ay, hw);
		pen += glyph_advance(it->text.cp[i]) * u * XSCALE;
	}
	cov_paint(cv, INK);
}

static void
render_png(const struct chart *ch, struct canvas *cv)
{
	size_t i, k;
	int x, y;

	cv->w = ch->w, cv->h = ch->h;
	cv->rgb = xmalloc((size_t)ch->w * ch->h * 3);
	memset(cv->rgb, 0xff, (size_t)ch->w * ch->h * 3);
	cv->cov = xcalloc((size_t)ch->w * ch->h, sizeof *cv->cov);
	cv->bx0 = cv->w, cv->by0 = cv->h, cv->bx1 = cv->by1 = 0;
	for (i = 0; i < ch->n; i++) {
		const struct item *it = &ch->it[i];

		switch (it->kind) {
		case IT_RECT:
			for (y = (int)it->y0; y < (int)it->y1; y++) {
				for (x = (int)it->x0; x < (int)it->x1; x++) {
					unsigned char *p;

					if (x < 0 || y < 0 || x >= cv->w ||
					    y >= cv->h)
						continue;
					p = &cv->rgb[((size_t)y * cv->w + x) * 3];
					p[0] = it->color >> 16 & 0xff;
					p[1] = it->color >> 8 & 0xff;
					p[2] = it->color & 0xff;
				}
			}
			break;
		case IT_LINE:
			for (k = 0; k + 1 < it->npts || k == 0; k++) {
				size_t k1 = it->npts > 1 ? k + 1 : k;

				cov_segment(cv, it->pts[2 * k],
				    it->pts[2 * k + 1], it->pts[2 * k1],
				    it->pts[2 * k1 + 1], it->width / 2);
			}
			cov_paint(cv, it->color);
			break;
		case IT_TEXT:
			png_text(cv, it);
			break;
		}
	}
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24, p[1] = v >> 16 & 0xff, p[2] = v >> 8 & 0xff,
	p[3] = v & 0xff;
}

static void
png_chunk(FILE *f, const char *type, const unsigned char *data, size_t len)
{
	unsigned char hdr[8], crc[4];
	uLong c;

	put32(hdr, (uint32_t)len);
	memcpy(hdr + 4, type, 4);
	c = crc32(0, hdr + 4, 4);
	if (len)
		c = crc32(c, data, (uInt)len);
	put32(crc, (uint32_t)c);
	fwrite(hdr, 1, 8, f);
	if (len)
		fwrite(data, 1, len, f);
	fwrite(crc, 1, 4, f);
}

/* Each row filtered by "up" (a chart's rows mostly repeat the row above,
 * which leaves runs of zeros) and fed to deflate as it is made.  Z_RLE:
 * run-length matches only, which find those runs as well as the default
 * strategy, several times faster. */
static int
write_png(FILE *f, const struct canvas *cv)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	size_t stride = (size_t)cv->w * 3, y, x;
	unsigned char ihdr[13], phys[9], *row = xmalloc(stride + 1), *z;
	uLong zlen = compressBound((uLong)((stride + 1) * cv->h));
	z_stream zs;
	int rc;

	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, 6, Z_DEFLATED, 15, 8, Z_RLE) != Z_OK) {
		warnx_("zlib: %s", zs.msg ? zs.msg : "deflateInit2 failed");
		free(row);
		return -1;
	}
	z = xmalloc(zlen);
	zs.next_out = z, zs.avail_out = (uInt)zlen;
	for (y = 0, rc = Z_OK; y < (size_t)cv->h && rc == Z_OK; y++) {
		const unsigned char *cur = cv->rgb + y * stride;

		row[0] = 2;
		for (x = 0; x < stride; x++)
			row[1 + x] = (unsigned char)(cur[x] -
			    (y ? cur[x - stride] : 0));
		zs.next_in = row, zs.avail_in = (uInt)(stride + 1);
		rc = deflate(&zs, y + 1 == (size_t)cv->h ? Z_FINISH :
		    Z_NO_FLUSH);
	}
	free(row);
	zlen = zs.total_out;
	deflateEnd(&zs);
	if (rc != Z_STREAM_END) {
		free(z);
		warnx_("zlib: deflate failed (%d)", rc);
		return -1;
	}
	put32(ihdr, (uint32_t)cv->w);
	put32(ihdr + 4, (uint32_t)cv->h);
	ihdr[8] = 8, ihdr[9] = 2, ihdr[10] = ihdr[11] = ihdr[12] = 0;
	fwrite(sig, 1, 8, f);
	png_chunk(f, "IHDR", ihdr, 13);
	/* 100 dpi, as the lesson's figure: 3937 pixels per metre */
	put32(phys, 3937);
	put32(phys + 4, 3937);
	phys[8] = 1;
	png_chunk(f, "pHYs", phys, 9);
	png_chunk(f, "IDAT", z, zlen);
	png_chunk(f, "IEND", NULL, 0);
	free(z);
	return 0;
}

/* ---- SVG ---- */

static void
put_utf8(FILE *f, uint32_t c)
{
	if (c < 0x80)
		putc((int)c, f);
	else if (c < 0x800) {
		putc((int)(0xC0 | c >> 6), f);
		putc((int)(0x80 | (c & 0x3F)), f);
	} else if (c < 0x10000) {
		putc((int)(0xE0 | c >> 12), f);
		putc((int)(0x80 | (c >> 6 & 0x3F)), f);
		putc((int)(0x80 | (c & 0x3F)), f);
	} else {
		putc((int)(0xF0 | c >> 18), f);
		putc((int)(0x80 | (c >> 12 & 0x3F)), f);
		putc((int)(0x80 | (c >> 6 & 0x3F)), f);
		putc((int)(0x80 | (c & 0x3F)), f);
	}
}

/* text_from has already replaced what XML cannot hold */
static void
put_xml(FILE *f, const struct text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		switch (t->cp[i]) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			put_utf8(f, t->cp[i]);
		}
	}
}

static int
write_svg(FILE *f, const struct chart *ch, const char *title)
{
	static const char *const anchors[] = { "start", "middle", "end" };
	struct text tt = text_from(title, strlen(title));
	size_t i, k;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, "
	    "Arial, Helvetica, sans-serif\">\n"
	    "<title>", ch->w, ch->h, ch->w, ch->h);
	put_xml(f, &tt);
	free(tt.cp);
	fprintf(f, "</title>\n<rect width=\"%d\" height=\"%d\" "
	    "fill=\"#ffffff\"/>\n", ch->w, ch->h);
	for (i = 0; i < ch->n; i++) {
		const struct item *it = &ch->it[i];

		switch (it->kind) {
		case IT_RECT:
			fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" "
			    "height=\"%g\" fill=\"#%06x\"/>\n", it->x0, it->y0,
			    it->x1 - it->x0, it->y1 - it->y0,
			    (unsigned)it->color);
			break;
		case IT_LINE:
			fputs("<polyline fill=\"none\" points=\"", f);
			for (k = 0; k < it->npts; k++)
				fprintf(f, "%s%.2f,%.2f", k ? " " : "",
				    it->pts[2 * k], it->pts[2 * k + 1]);
			fprintf(f, "\" stroke=\"#%06x\" stroke-width=\"%g\" "
			    "stroke-linejoin=\"round\"/>\n",
			    (unsigned)it->color, it->width);
			break;
		case IT_TEXT:
			fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" "
			    "font-size=\"%.2f\" text-anchor=\"%s\"", it->x0,
			    it->y0, it->fs,
			    anchors[(int)lround(it->anchor * 2)]);
			if (it->angle != 0)
				fprintf(f, " transform=\"rotate(%g %.2f %.2f)\"",
				    -it->angle, it->x0, it->y0);
			putc('>', f);
			put_xml(f, &it->text);
			fputs("</text>\n", f);
			break;
		}
	}
	fputs("</svg>\n", f);
	return 0;
}

/* ---- input ---- */

static size_t
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

static int
parse_double(const char *s, double *v)
{
	char *end;

	if (!*s || *s == ' ' || *s == '\t')
		return -1;
	*v = strtod(s, &end);
	return *end || !isfinite(*v) ? -1 : 0;
}

/* Split line at commas into fields (pointers into line). */
static size_t
split_csv(char *line, char ***fields, size_t *cap)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		char *c = strchr(p, ',');

		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*fields = xreallocarray(*fields, *cap, sizeof **fields);
		}
		(*fields)[n++] = p;
		if (!c)
			break;
		*c = '\0';
		p = c + 1;
	}
	return n;
}

static void
read_csv(const char *path, size_t maxcols, struct series *s)
{
	char *line, **f = NULL;
	size_t len, nf, fcap = 0, ncols = 0, i;
	double *vals = NULL;
	struct rd r;
	int got;

	memset(s, 0, sizeof *s);
	if (rd_open(&r, path) < 0)
		exit(1);
	while ((got = rd_line(&r, &line, &len)) > 0) {
		double v;

		if (len && line[len - 1] == '\r')
			len--;
		line[len] = '\0';
		if (len == 0)
			continue;
		nf = split_csv(line, &f, &fcap);
		if (!ncols) {
			if (nf < 2)
				die("%s:%llu: expected at least 2 columns, "
				    "t,value...", r.path,
				    (unsigned long long)r.lineno);
			ncols = nf;
			if (parse_double(f[0], &v) < 0) {
				s->names = xreallocarray(NULL, nf,
				    sizeof *s->names);
				for (i = 0; i < nf; i++)
					s->names[i] = xstrdup(f[i]);
				continue;
			}
		}
		if (nf != ncols)
			die("%s:%llu: %zu columns, expected %zu", r.path,
			    (unsigned long long)r.lineno, nf, ncols);
		if (s->rows == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 128;
			vals = xreallocarray(vals, s->cap, ncols *
			    sizeof *vals);
			s->xs = xreallocarray(s->xs, s->cap, ncols *
			    sizeof *s->xs);
		}
		for (i = 0; i < nf; i++) {
			if (parse_double(f[i], &vals[s->rows * ncols + i]) < 0)
				die("%s:%llu: field %zu \"%.40s\" is not a "
				    "number", r.path,
				    (unsigned long long)r.lineno, i + 1, f[i]);
			s->xs[s->rows * ncols + i] = xstrdup(f[i]);
		}
		s->rows++;
	}
	rd_close(&r);
	free(f);
	if (got < 0)
		exit(1);
	s->cols = ncols ? ncols - 1 : 0;
	if (s->cols > maxcols)
		s->cols = maxcols;
	/* columns to series: x, then each series contiguous */
	s->x = xreallocarray(NULL, s->rows + 1, sizeof *s->x);
	s->y = xreallocarray(NULL, s->rows * s->cols + 1, sizeof *s->y);
	for (i = 0; i < s->rows; i++) {
		size_t c;

		s->x[i] = vals[i * ncols];
		for (c = 0; c < s->cols; c++)
			s->y[c * s->rows + i] = vals[i * ncols + 1 + c];
	}
	s->cap = ncols;		/* the stride of xs */
	free(vals);
	for (i = 0; i < s->rows * ncols; i++) {
		/* the axes need hi - lo and a margin beyond it */
		if (fabs(strtod(s->xs[i], NULL)) > 1e300)
			die("%s: %s is too large to plot", r.path, s->xs[i]);
	}
}

/* ---- output ---- */

static void
write_tsv_bars(FILE *f, const struct bar *b, size_t n)
{
	size_t i;

	fputs("# rank\tword\tcount\tpercent\n", f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%zu\t", i + 1);
		fwrite(b[i].word, 1, b[i].wlen, f);
		fprintf(f, "\t%llu\t%s\n", (unsigned long long)b[i].count,
		    b[i].pct);
	}
}

static void
write_tsv_series(FILE *f, const struct series *s)
{
	size_t i, c;

	if (s->names) {
		fputs("# ", f);
		for (c = 0; c <= s->cols; c++)
			fprintf(f, "%s%s", c ? "\t" : "", s->names[c]);
		putc('\n', f);
	}
	for (i = 0; i < s->rows; i++)
		for (c = 0; c <= s->cols; c++)
			fprintf(f, "%s%c", s->xs[i * s->cap + c],
			    c == s->cols ? '\n' : '\t');
}

static void
free_bars(struct bar *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(b[i].word);
		free(b[i].pct);
	}
	free(b);
}

static void
free_series(struct series *s)
{
	size_t i;

	for (i = 0; i < s->rows * s->cap; i++)
		free(s->xs[i]);
	for (i = 0; s->names && i < s->cap; i++)
		free(s->names[i]);
	free(s->names);
	free(s->xs);
	free(s->x);
	free(s->y);
}

enum { FMT_PNG, FMT_SVG, FMT_TSV };

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n > k && strcasecmp(s + n - k, suf) == 0;
}

static const char usage_text[] =
    "usage: wc-plotdata [-l] [-n count] [-s WIDTHxHEIGHT] "
    "[-t title] file.dat out\n";

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

static char *
base_title(const char *path)
{
	const char *b = path && strcmp(path, "-") ? path : "stdin";
	char *t, *dot;

	if (strrchr(b, '/'))
		b = strrchr(b, '/') + 1;
	t = xstrdup(b);
	if (has_suffix(t, ".gz"))
		t[strlen(t) - 3] = '\0';
	if ((dot = strrchr(t, '.')) && dot != t)
		*dot = '\0';
	return t;
}

int
main(int argc, char **argv)
{
	const char *in, *out, *title = NULL;
	struct chart ch = { 1000, 500, NULL, 0, 0 };
	struct outfile o;
	struct series s;
	struct bar *bars = NULL;
	char tbuf[64], *dtitle = NULL;
	size_t count = 10, n = 0, i;
	int c, fmt, lines = 0, nset = 0, status = 0;
	FILE *f;

	setprogname(argv[0]);
	usage_set(usage_text);
	while ((c = opt_get(argc, argv, "hln:s:t:")) != -1) {
		switch (c) {
		case 'h':
			usage_exit(0);
		case 'l':
			lines = 1;
			break;
		case 'n':
			count = (size_t)num_arg(optarg, 1, MAX_COUNT, "count");
			nset = 1;
			break;
		case 's':
			parse_size(optarg, &ch.w, &ch.h);
			break;
		case 't':
			title = optarg;
			break;
		default:
			usage_exit(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		usage_exit(2);
	in = argv[0], out = argv[1];
	if (strcmp(out, "-") == 0 || has_suffix(out, ".tsv"))
		fmt = FMT_TSV;
	else if (has_suffix(out, ".png"))
		fmt = FMT_PNG;
	else if (has_suffix(out, ".svg"))
		fmt = FMT_SVG;
	else
		usage_error("%s: unknown format (.png, .svg, .tsv or -)", out);
	if (has_suffix(in, ".csv") || has_suffix(in, ".csv.gz"))
		lines = 1;

	if (lines) {
		read_csv(in, nset ? count : SIZE_MAX, &s);
		if (!title)
			title = dtitle = base_title(in);
	} else {
		n = read_dat(in, count, &bars);
		if (!title) {
			snprintf(tbuf, sizeof tbuf, "%zu most common words",
			    count);
			title = tbuf;
		}
	}

	if (!(f = outfile_open(&o, fmt == FMT_TSV && strcmp(out, "-") == 0 ?
	    NULL : out))) {
		status = 1;
		goto done;
	}
	if (fmt == FMT_TSV) {
		if (lines)
			write_tsv_series(f, &s);
		else
			write_tsv_bars(f, bars, n);
	} else {
		if (lines)
			line_chart(&ch, &s, title);
		else
			bar_chart(&ch, bars, n, title);
		if (fmt == FMT_SVG)
			write_svg(f, &ch, title);
		else {
			struct canvas cv;

			render_png(&ch, &cv);
			if (write_png(f, &cv) < 0) {
				outfile_abort(&o);
				status = 1;
			}
			free(cv.rgb);
			free(cv.cov);
		}
		for (i = 0; i < ch.n; i++) {
			free(ch.it[i].text.cp);
			free(ch.it[i].pts);
		}
		free(ch.it);
	}
	if (!status && outfile_commit(&o) < 0)
		status = 1;
done:
	if (lines)
		free_series(&s);
	else
		free_bars(bars, n);
	free(dtitle);
	if (status)
		return status;
	out_check();
	return 0;
}
