/* The display list, shared by the PNG and SVG writers, and the axes. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#include "plotdata.h"

struct item *
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
void
add_rect(struct chart *ch, int x0, int y0, int x1, int y1, uint32_t color)
{
	struct item *it = add(ch, IT_RECT, color);

	it->x0 = x0, it->y0 = y0, it->x1 = x1, it->y1 = y1;
}

void
add_text(struct chart *ch, struct text t, double x, double y, double fs,
    double angle, double anchor)
{
	struct item *it = add(ch, IT_TEXT, INK);

	it->text = t;
	it->x0 = x, it->y0 = y;
	it->fs = fs, it->angle = angle, it->anchor = anchor;
}

void
add_ascii(struct chart *ch, const char *s, double x, double y, double fs,
    double anchor)
{
	add_text(ch, text_from(s, strlen(s)), x, y, fs, 0, anchor);
}

/* A polyline of npts points for the caller to fill in. */
struct item *
add_line(struct chart *ch, uint32_t color, double width, size_t npts)
{
	struct item *it = add(ch, IT_LINE, color);

	it->pts = xreallocarray(NULL, npts ? npts : 1, 2 * sizeof *it->pts);
	it->npts = npts;
	it->width = width;
	return it;
}

void
chart_free(struct chart *ch)
{
	size_t i;

	for (i = 0; i < ch->n; i++) {
		free(ch->it[i].text.cp);
		free(ch->it[i].pts);
	}
	free(ch->it);
}

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

void
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
	a->log10 = 0;
}

/* lo and hi are log10 of the values: a tick at each decade (or every
 * second one, and so on, when there are many). */
void
axis_make_log(struct axis *a, double lo, double hi)
{
	if (!(hi > lo))
		hi = lo + 1;
	a->lo = lo, a->hi = hi;
	a->step = ceil((hi - lo) / 7);
	if (a->step < 1)
		a->step = 1;
	a->decimals = 0;
	a->log10 = 1;
}

/* The k-th tick at or above lo; its label in buf. */
static double
axis_tick(const struct axis *a, long k, char *buf, size_t len)
{
	double v = (ceil(a->lo / a->step - 1e-9) + k) * a->step;

	if (fabs(v) < a->step * 1e-9)
		v = 0;
	if (!a->log10)
		snprintf(buf, len, "%.*f", a->decimals, v);
	else if (v >= 0 && v <= 5)
		snprintf(buf, len, "%.0f", pow(10, v));
	else
		snprintf(buf, len, "1e%.0f", v);
	return v;
}

static long
axis_nticks(const struct axis *a)
{
	return (long)(floor(a->hi / a->step + 1e-9) -
	    ceil(a->lo / a->step - 1e-9)) + 1;
}

double
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

/* The frame, the title and the y axis of the plot area. */
void
frame(struct chart *ch, const struct area *ar, const struct axis *ya,
    const char *title)
{
	double fs = ar->fs, tfs = fs * 1.2;
	int l = ar->l, t = ar->t, r = ar->r, b = ar->b;
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

void
x_ticks(struct chart *ch, const struct area *ar, const struct axis *xa)
{
	char buf[64];
	long k;

	for (k = 0; k < axis_nticks(xa); k++) {
		double v = axis_tick(xa, k, buf, sizeof buf);
		int x = (int)lround(ar->l + (v - xa->lo) / (xa->hi - xa->lo) *
		    (ar->r - ar->l));

		add_rect(ch, x, ar->b + 1, x + 1, ar->b + 6, INK);
		add_ascii(ch, buf, x + 0.5, ar->b + 9 + 12 * unit(ar->fs),
		    ar->fs, 0.5);
	}
}

/* The x label under the tick labels, the y label up the left edge. */
void
axis_labels(struct chart *ch, const struct area *ar, const char *xl,
    const char *yl)
{
	double fs = ar->fs;
	struct text t;

	if (xl && *xl) {
		t = text_from(xl, strlen(xl));
		text_fit(&t, ar->r - ar->l, fs);
		add_text(ch, t, (ar->l + ar->r) / 2.0, ar->b + 9 +
		    12 * unit(fs) + fs * 1.5, fs, 0, 0.5);
	}
	if (yl && *yl) {
		t = text_from(yl, strlen(yl));
		text_fit(&t, ar->b - ar->t, fs);
		add_text(ch, t, fs * 1.1, (ar->t + ar->b) / 2.0, fs, 90, 0.5);
	}
}

/* The plot area of a chart with x ticks: room for the y tick labels and,
 * when labels is set, for the axis labels. */
void
area_for_xy(struct area *ar, const struct chart *ch, const struct axis *ya,
    int labels)
{
	double fs = font_size(ch->w, ch->h);

	ar->fs = fs;
	ar->t = (int)lround(fs * 1.2 * 2.1);
	ar->l = (int)lround(axis_width(ya, fs) + 16 + (labels ? fs * 1.6 : 0));
	ar->r = ch->w - (int)lround(ch->w * 0.015 + 1);
	ar->b = ch->h - (int)lround(fs * 2.2 + (labels ? fs * 1.6 : 0));
}

double
font_size(int w, int h)
{
	double s = 14 * fmin(w / 1000.0, h / 500.0);

	return s < 8 ? 8 : s > 40 ? 40 : s;
}
