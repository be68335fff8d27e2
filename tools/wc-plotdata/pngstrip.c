/* PNG: the display list drawn a strip of rows at a time, each row handed
 * to the deflate encoder as soon as it is drawn.  A whole canvas (a byte a
 * pixel, and as much again for coverage) was a megabyte of fresh pages at
 * 1000x500, each faulted in and zeroed by the kernel: more than the drawing
 * cost.  A strip stays in cache and its pages are reused.
 *
 * The bytes are those of the whole image drawn item by item: every pixel
 * is computed as it would be there, and the palette, whose order is the
 * order in which the colours were first painted in that drawing, is put
 * in that order at the end (canvas.first), the encoded rows renumbered as
 * they are written (pngenc.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#include "plotdata.h"

/* Bytes of a strip's pixels: a few rows, in cache with their coverage.
 * Each page of the strip and of its coverage is a page fault once (a few
 * microseconds in a VM); below 16 rows of 1000, the shapes that cross the
 * strips' edges, drawn once a strip, cost more than the pages saved. */
#define STRIP_BYTES	16384
/* Segments of a polyline under one bounding row range: a strip skips the
 * groups it does not cross, not every segment. */
#define GROUP		32

/* Where an item can draw: rows [y0, y1); gy[g..] holds each group's rows
 * as well for a polyline, each glyph's for a text. */
struct rows {
	int y0, y1;
	size_t g;
};

struct plan {
	struct rows *it;
	int *gy;		/* y0, y1 per group or glyph */
	size_t ng;
};

/* A polyline's segments; one point is a dot, none (a CSV of a header
 * only) nothing: its points were never set. */
static size_t
nsegs(const struct item *it)
{
	return it->npts > 1 ? it->npts - 1 : it->npts;
}

static void
line_segment(struct canvas *cv, const struct item *it, size_t k)
{
	size_t k1 = it->npts > 1 ? k + 1 : k;

	cov_segment(cv, it->pts[2 * k], it->pts[2 * k + 1], it->pts[2 * k1],
	    it->pts[2 * k1 + 1], it->width / 2);
}

/* The rows each item can touch, found by drawing it with cv->measure. */
static void
plan_rows(struct canvas *cv, const struct chart *ch, struct plan *p)
{
	size_t i, k, g;

	p->it = xreallocarray(NULL, ch->n ? ch->n : 1, sizeof *p->it);
	for (i = 0, p->ng = 0; i < ch->n; i++)
		if (ch->it[i].kind == IT_LINE)
			p->ng += (nsegs(&ch->it[i]) + GROUP - 1) / GROUP;
		else if (ch->it[i].kind == IT_TEXT)
			p->ng += ch->it[i].text.n;
	p->gy = xreallocarray(NULL, p->ng ? p->ng : 1, 2 * sizeof *p->gy);
	cv->measure = 1;
	for (i = 0, g = 0; i < ch->n; i++) {
		const struct item *it = &ch->it[i];
		struct rows *r = &p->it[i];

		r->y0 = (int)it->y0, r->y1 = (int)it->y1, r->g = g;
		if (it->kind == IT_TEXT) {
			cv->my0 = cv->h, cv->my1 = 0;
			png_text(cv, it, &p->gy[2 * g]);
			r->y0 = cv->my0, r->y1 = cv->my1;
			g += it->text.n;
		} else if (it->kind == IT_LINE) {
			r->y0 = cv->h, r->y1 = 0;
			for (k = 0; k < nsegs(it); k++, g += k % GROUP == 0) {
				if (k % GROUP == 0)
					cv->my0 = cv->h, cv->my1 = 0;
				line_segment(cv, it, k);
				p->gy[2 * g] = cv->my0, p->gy[2 * g + 1] = cv->my1;
				r->y0 = cv->my0 < r->y0 ? cv->my0 : r->y0;
				r->y1 = cv->my1 > r->y1 ? cv->my1 : r->y1;
			}
			g += k % GROUP != 0;
		}
	}
	cv->measure = 0;
}

/* The end of the flat stretch from segment k (cov_hchain), or k + 1:
 * segments on one row, x growing, within twice the largest canvas. */
static size_t
flat_end(const struct item *it, size_t k, size_t n)
{
	const double *p = it->pts;
	size_t j = k;

	if (it->width / 2 < 0.51 || !(p[2 * k] > -2.0 * MAX_SIDE))
		return k + 1;
	while (j < n && p[2 * j + 3] == p[2 * k + 1] &&
	    p[2 * j + 2] > p[2 * j] && p[2 * j + 2] < 2.0 * MAX_SIDE)
		j++;
	return j > k ? j : k + 1;
}

/* A stretch this long or longer is drawn as one (cov_hchain). */
#define FLAT_MIN	8

static void
draw_line(struct canvas *cv, const struct item *it, const int *gy)
{
	size_t k, g, n = nsegs(it), end = 0;

	for (g = 0; g * GROUP < n; g++) {
		if (gy[2 * g + 1] <= cv->sy0 || gy[2 * g] >= cv->sy1)
			continue;
		for (k = g * GROUP; k < n && k < (g + 1) * GROUP; k++) {
			if (k < end)	/* in a stretch drawn */
				continue;
			if (it->npts > 1 && (end = flat_end(it, k, n)) - k >=
			    FLAT_MIN)
				cov_hchain(cv, it->pts, k, end, it->width / 2);
			else
				line_segment(cv, it, k), end = k + 1;
		}
	}
	cov_paint(cv, it->color);
}

/* Rows [sy0, sy1) of every item, white (index 0) below them. */
static void
draw_strip(struct canvas *cv, const struct chart *ch, const struct plan *p)
{
	size_t i, n = (size_t)(cv->sy1 - cv->sy0) * cv->w;

	if (cv->rgb)
		memset(cv->px32, 0, n * sizeof *cv->px32);
	else
		memset(cv->px8, 0, n);
	for (i = 0; i < ch->n && !cv->overflow; i++) {
		const struct item *it = &ch->it[i];

		if (p->it[i].y1 <= cv->sy0 || p->it[i].y0 >= cv->sy1)
			continue;
		cv->when = WHEN_ITEM(i + 1);
		switch (it->kind) {
		case IT_RECT:
			fill_rect(cv, it);
			break;
		case IT_LINE:
			draw_line(cv, it, &p->gy[2 * p->it[i].g]);
			break;
		case IT_TEXT:
			png_text(cv, it, &p->gy[2 * p->it[i].g]);
			break;
		}
	}
}

static void
canvas_init(struct canvas *cv, const struct chart *ch, int rgb)
{
	int rows = STRIP_BYTES / ch->w, y;

	rows = rows < 8 ? 8 : rows > ch->h ? ch->h : rows;
	memset(cv, 0, sizeof *cv);
	cv->w = ch->w, cv->h = ch->h, cv->rgb = rgb;
	cv->sy0 = 0, cv->sy1 = rows;
	if (rgb)
		cv->px32 = xreallocarray(NULL, (size_t)rows * ch->w,
		    sizeof *cv->px32);
	else
		cv->px8 = xmalloc((size_t)rows * ch->w);
	cv->cov = xcalloc((size_t)rows * ch->w, 1);
	cv->rx0 = xreallocarray(NULL, rows, sizeof *cv->rx0);
	cv->rx1 = xreallocarray(NULL, rows, sizeof *cv->rx1);
	for (y = 0; y < rows; y++)
		cv->rx0[y] = cv->w, cv->rx1[y] = 0;
	cv->by0 = cv->h, cv->by1 = 0;
	pal_index(cv, 0xffffff, 0, 0);	/* index 0, the background */
	cov_begin();
}

static void
canvas_free(struct canvas *cv)
{
	free(cv->px8);
	free(cv->px32);
	free(cv->cov);
	free(cv->rx0);
	free(cv->rx1);
	free(cv->pal);
	free(cv->first);
	free(cv->hkey);
	free(cv->hval);
}

/* The strip's rows to the encoder.  keep: for px8, the strip's last row,
 * the row above the next strip; for px32, two rows of RGB. */
static void
encode_strip(struct canvas *cv, struct enc *e, unsigned char *keep)
{
	unsigned char *last = keep, *rgb = keep;
	size_t w = (size_t)cv->w, x;
	int y;

	for (y = cv->sy0; y < cv->sy1; y++) {
		const unsigned char *row, *prev = y ? last : NULL;
		size_t sy = (size_t)(y - cv->sy0);

		if (!cv->rgb) {
			row = &cv->px8[sy * w];
			if (y > cv->sy0)
				prev = row - w;
		} else {
			unsigned char *o = rgb + (y & 1) * 3 * w;

			for (x = 0; x < w; x++) {
				uint32_t c = cv->pal[cv->px32[sy * w + x]];

				o[3 * x] = c >> 16, o[3 * x + 1] = c >> 8 & 0xff,
				o[3 * x + 2] = c & 0xff;
			}
			row = o;
			prev = y ? rgb + ((y & 1) ^ 1) * 3 * w : NULL;
		}
		enc_row(e, row, prev);
	}
	if (!cv->rgb)
		memcpy(last, &cv->px8[(size_t)(cv->sy1 - cv->sy0 - 1) * w], w);
}

/* Draw and encode every strip; 0 when a 257th colour stopped a px8 run. */
static int
draw_all(struct canvas *cv, const struct chart *ch, const struct plan *p,
    struct enc *e)
{
	int rows = cv->sy1 - cv->sy0;
	unsigned char *keep = xmalloc((size_t)cv->w * (cv->rgb ? 6 : 1));

	for (; cv->sy0 < cv->h; cv->sy0 += rows) {
		cv->sy1 = cv->sy0 + rows > cv->h ? cv->h : cv->sy0 + rows;
		draw_strip(cv, ch, p);
		if (cv->overflow)
			break;
		encode_strip(cv, e, keep);
	}
	free(keep);
	return !cv->overflow;
}

static int
by_first(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* map[i]: the place of colour i in the order the colours were first
 * painted (256 at most): the firsts sorted, each with its colour's index
 * in the low byte.  They are distinct (no pixel of an item is painted
 * twice) and under 2^56 (WHEN: a chart has far fewer than 2^28 items). */
static void
pal_order(const struct canvas *cv, unsigned char *map, uint32_t *pal)
{
	uint64_t key[256];
	size_t i;

	for (i = 0; i < cv->npal; i++)
		key[i] = cv->first[i] << 8 | i;
	qsort(key, cv->npal, sizeof *key, by_first);
	for (i = 0; i < cv->npal; i++) {
		map[key[i] & 0xff] = (unsigned char)i;
		pal[i] = cv->pal[key[i] & 0xff];
	}
}

int
write_png(FILE *f, const struct chart *ch)
{
	unsigned char map[256];
	uint32_t pal[256];
	struct canvas cv;
	struct image im;
	struct plan p;
	struct enc e;
	int rgb, rc;

	canvas_init(&cv, ch, 0);
	plan_rows(&cv, ch, &p);
	for (rgb = 0;; rgb = 1) {
		if (rgb)
			canvas_init(&cv, ch, 1);
		enc_init(&e, (size_t)ch->w * (rgb ? 3 : 1), rgb ? 3 : 1, ch->h);
		if (draw_all(&cv, ch, &p, &e))
			break;
		enc_free(&e);
		canvas_free(&cv);
	}
	memset(&im, 0, sizeof im);
	im.w = ch->w, im.h = ch->h, im.rgb = rgb, im.enc = &e;
	if (!rgb) {
		pal_order(&cv, map, pal);
		im.pal = pal, im.npal = cv.npal, im.map = map;
	}
	/* the strip's pages, already the process's, for the stream */
	canvas_free(&cv);
	free(p.it);
	free(p.gy);
	rc = png_write_image(f, &im);
	enc_free(&e);
	return rc;
}
