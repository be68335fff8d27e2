/* PNG: the display list drawn into RGB pixels (shapes anti-aliased by
 * coverage), filtered and deflated with zlib. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "err.h"
#include "xalloc.h"

#include "plotdata.h"

#ifndef M_PI	/* XSI: neither C nor base POSIX has it */
#define M_PI 3.14159265358979323846
#endif

/* The canvas holds an index into a palette of the colours drawn so far:
 * a chart has a few hundred colours at most, so a palette PNG (one byte a
 * pixel, a third of RGB's) is usually what it writes, and deflate, the
 * most of a chart's cost, has a third of the bytes to read. */
struct canvas {
	int w, h;
	uint32_t *px;		/* palette index per pixel */
	uint32_t *pal;		/* 0xRRGGBB */
	size_t npal, palcap;
	uint32_t *hkey;		/* colour + 1 (0: free) -> hval: its index */
	uint32_t *hval;
	size_t hcap;
	float *cov;		/* coverage of the shape being drawn */
	int *rx0, *rx1;		/* per row, where cov is not 0 */
	int by0, by1;
};

/* Coverage is rounded to 1/COV_LEVELS before blending: a blend is then one
 * of a few colours per ink and background, and a chart's palette (lines
 * crossing lines included) stays under 256 colours.  A partly covered
 * pixel is then at most 255 / (2 COV_LEVELS) = 8 levels of 255 from the
 * exact blend; full coverage and empty pixels are exact. */
#define COV_LEVELS	16

static void
pal_grow(struct canvas *cv)
{
	size_t i, cap = cv->hcap ? cv->hcap * 2 : 1024;
	uint32_t *key = xcalloc(cap, sizeof *key);
	uint32_t *val = xreallocarray(NULL, cap, sizeof *val);

	for (i = 0; i < cv->hcap; i++) {
		size_t j = cv->hkey[i] * 2654435761u & (cap - 1);

		if (!cv->hkey[i])
			continue;
		while (key[j])
			j = (j + 1) & (cap - 1);
		key[j] = cv->hkey[i], val[j] = cv->hval[i];
	}
	free(cv->hkey);
	free(cv->hval);
	cv->hkey = key, cv->hval = val, cv->hcap = cap;
}

/* The palette index of color, added if new. */
static uint32_t
pal_index(struct canvas *cv, uint32_t color)
{
	size_t j;

	if (2 * (cv->npal + 1) > cv->hcap)
		pal_grow(cv);
	j = (color + 1) * 2654435761u & (cv->hcap - 1);
	while (cv->hkey[j] && cv->hkey[j] != color + 1)
		j = (j + 1) & (cv->hcap - 1);
	if (cv->hkey[j])
		return cv->hval[j];
	if (cv->npal == cv->palcap) {
		cv->palcap = cv->palcap ? cv->palcap * 2 : 256;
		cv->pal = xreallocarray(cv->pal, cv->palcap, sizeof *cv->pal);
	}
	cv->pal[cv->npal] = color;
	cv->hkey[j] = color + 1, cv->hval[j] = (uint32_t)cv->npal;
	return (uint32_t)cv->npal++;
}

/* The columns of row y (pixel centres py below a) that can be within r of
 * the line through a along (dx,dy): the segment's pixels in that row are
 * among them.  Without it a long slanted segment would visit its whole
 * bounding box. */
static void
band_span(double ax, double py, double dx, double dy, double r, int *x0,
    int *x1)
{
	double len = sqrt(dx * dx + dy * dy), lo, hi;

	if (fabs(dy) * 64 < len)	/* near horizontal: the bounding box */
		return;
	/* |px dy - py dx| < r len, px = x + 0.5 - ax */
	lo = (py * dx - r * len) / dy, hi = (py * dx + r * len) / dy;
	if (lo > hi) {
		double t = lo;

		lo = hi, hi = t;
	}
	if (ax - 0.5 + lo - 1 > *x0)
		*x0 = (int)floor(ax - 0.5 + lo - 1);
	if (ax - 0.5 + hi + 2 < *x1)
		*x1 = (int)ceil(ax - 0.5 + hi + 2);
}

static void
cov_segment(struct canvas *cv, double ax, double ay, double bx, double by,
    double hw)
{
	double dx = bx - ax, dy = by - ay, dd = dx * dx + dy * dy;
	double r2 = (hw + 0.5) * (hw + 0.5);
	int x0 = (int)floor(fmin(ax, bx) - hw - 1);
	int x1 = (int)ceil(fmax(ax, bx) + hw + 1);
	int y0 = (int)floor(fmin(ay, by) - hw - 1);
	int y1 = (int)ceil(fmax(ay, by) + hw + 1);
	int x, y;

	x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
	x1 = x1 > cv->w ? cv->w : x1, y1 = y1 > cv->h ? cv->h : y1;
	if (x0 >= x1 || y0 >= y1)
		return;
	cv->by0 = y0 < cv->by0 ? y0 : cv->by0;
	cv->by1 = y1 > cv->by1 ? y1 : cv->by1;
	for (y = y0; y < y1; y++) {
		float *row = &cv->cov[(size_t)y * cv->w];
		double py = y + 0.5 - ay;
		int sx0 = x0, sx1 = x1;

		if (dd > 0)
			band_span(ax, py, dx, dy, hw + 0.5, &sx0, &sx1);
		if (sx0 >= sx1)
			continue;
		cv->rx0[y] = sx0 < cv->rx0[y] ? sx0 : cv->rx0[y];
		cv->rx1[y] = sx1 > cv->rx1[y] ? sx1 : cv->rx1[y];
		for (x = sx0; x < sx1; x++) {
			double px = x + 0.5 - ax, tt, ex, ey, e2, c;

			tt = dd > 0 ? (px * dx + py * dy) / dd : 0;
			tt = tt < 0 ? 0 : tt > 1 ? 1 : tt;
			ex = px - tt * dx, ey = py - tt * dy;
			e2 = ex * ex + ey * ey;
			if (e2 >= r2)	/* no coverage: no square root */
				continue;
			c = hw + 0.5 - sqrt(e2);
			if (c > 1)
				c = 1;
			if (c > row[x])
				row[x] = (float)c;
		}
	}
}

static uint32_t
blend(uint32_t bg, uint32_t ink, int q)
{
	uint32_t out = 0;
	int k;

	for (k = 16; k >= 0; k -= 8) {
		double b = bg >> k & 0xff, c = ink >> k & 0xff;

		out |= (uint32_t)lround(b + (c - b) * q / COV_LEVELS) << k;
	}
	return out;
}

/* Paint what cov holds in color, and clear it.  A blend of a background
 * index and a coverage level is remembered: most pixels repeat one. */
static void
cov_paint(struct canvas *cv, uint32_t color)
{
	static uint32_t memo_key[512], memo_val[512];
	int x, y;

	memset(memo_key, 0xff, sizeof memo_key);
	for (y = cv->by0; y < cv->by1; y++) {
		float *row = &cv->cov[(size_t)y * cv->w];
		uint32_t *px = &cv->px[(size_t)y * cv->w];

		for (x = cv->rx0[y]; x < cv->rx1[y]; x++) {
			int q;
			uint32_t key;
			size_t m;

			if (row[x] <= 0)
				continue;
			q = (int)(row[x] * COV_LEVELS + 0.5f);
			row[x] = 0;
			if (q <= 0)
				continue;
			key = px[x] * (COV_LEVELS + 1) + (uint32_t)q;
			m = key * 2654435761u >> 23;
			if (memo_key[m] != key) {
				memo_key[m] = key;
				memo_val[m] = pal_index(cv, q == COV_LEVELS ?
				    color : blend(cv->pal[px[x]], color, q));
			}
			px[x] = memo_val[m];
		}
		cv->rx0[y] = cv->w, cv->rx1[y] = 0;
	}
	cv->by0 = cv->h, cv->by1 = 0;
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
fill_rect(struct canvas *cv, const struct item *it)
{
	int x0 = (int)it->x0, x1 = (int)it->x1, y0 = (int)it->y0;
	int y1 = (int)it->y1, x, y;
	uint32_t c;

	x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
	x1 = x1 > cv->w ? cv->w : x1, y1 = y1 > cv->h ? cv->h : y1;
	if (x0 >= x1 || y0 >= y1)
		return;
	c = pal_index(cv, it->color & 0xffffff);
	for (y = y0; y < y1; y++) {
		uint32_t *p = &cv->px[(size_t)y * cv->w];

		for (x = x0; x < x1; x++)
			p[x] = c;
	}
}

static void
render_png(const struct chart *ch, struct canvas *cv)
{
	size_t i, k, n = (size_t)ch->w * ch->h;
	int y;

	memset(cv, 0, sizeof *cv);
	cv->w = ch->w, cv->h = ch->h;
	cv->px = xcalloc(n, sizeof *cv->px);
	pal_index(cv, 0xffffff);	/* index 0, as calloc left px */
	cv->cov = xcalloc(n, sizeof *cv->cov);
	cv->rx0 = xreallocarray(NULL, ch->h, sizeof *cv->rx0);
	cv->rx1 = xreallocarray(NULL, ch->h, sizeof *cv->rx1);
	for (y = 0; y < ch->h; y++)
		cv->rx0[y] = cv->w, cv->rx1[y] = 0;
	cv->by0 = cv->h, cv->by1 = 0;
	for (i = 0; i < ch->n; i++) {
		const struct item *it = &ch->it[i];

		switch (it->kind) {
		case IT_RECT:
			fill_rect(cv, it);
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

/* One row of samples: palette indices, or RGB when there are more than 256
 * colours. */
static void
png_row(const struct canvas *cv, size_t y, unsigned char *out)
{
	const uint32_t *p = &cv->px[y * cv->w];
	size_t x;

	if (cv->npal <= 256) {
		for (x = 0; x < (size_t)cv->w; x++)
			out[x] = (unsigned char)p[x];
		return;
	}
	for (x = 0; x < (size_t)cv->w; x++) {
		uint32_t c = cv->pal[p[x]];

		out[3 * x] = c >> 16, out[3 * x + 1] = c >> 8 & 0xff,
		out[3 * x + 2] = c & 0xff;
	}
}

/* The filter of a row: "up" (all zeros) when it repeats the row above,
 * as most of a chart's rows do, else none: a row of a chart is runs of
 * one colour, which deflate's run-length matches find.  Choosing by
 * trying each filter costs more than deflate saves.  out gets the
 * filter byte and the filtered row. */
static void
png_filter(unsigned char *out, const unsigned char *cur,
    const unsigned char *prev, size_t n)
{
	if (prev && !memcmp(cur, prev, n)) {
		out[0] = 2;
		memset(out + 1, 0, n);
	} else {
		out[0] = 0;
		memcpy(out + 1, cur, n);
	}
}

/* The rows, filtered, through deflate.  Z_RLE: run-length matches only,
 * which find a chart's runs as well as the default strategy, several
 * times faster; it uses no hash chains, so memLevel 1 spares zlib
 * sliding a hash table it never reads. */
static int
png_deflate(const struct canvas *cv, size_t stride, unsigned char **out,
    uLong *outlen)
{
	unsigned char *row[2], *flt, *z;
	uLong zlen = compressBound((uLong)((stride + 1) * cv->h));
	z_stream zs;
	size_t y;
	int rc;

	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, 1, Z_DEFLATED, 15, 4, Z_RLE) != Z_OK) {
		warnx_("zlib: %s", zs.msg ? zs.msg : "deflateInit2 failed");
		return -1;
	}
	row[0] = xmalloc(3 * stride + 1), row[1] = row[0] + stride;
	flt = row[1] + stride;
	z = xmalloc(zlen);
	zs.next_out = z, zs.avail_out = (uInt)zlen;
	for (y = 0, rc = Z_OK; y < (size_t)cv->h && rc == Z_OK; y++) {
		unsigned char *cur = row[y & 1], *prev = row[!(y & 1)];

		png_row(cv, y, cur);
		png_filter(flt, cur, y ? prev : NULL, stride);
		zs.next_in = flt, zs.avail_in = (uInt)(stride + 1);
		rc = deflate(&zs, y + 1 == (size_t)cv->h ? Z_FINISH :
		    Z_NO_FLUSH);
	}
	free(row[0]);
	*outlen = zs.total_out;
	deflateEnd(&zs);
	if (rc != Z_STREAM_END) {
		free(z);
		warnx_("zlib: deflate failed (%d)", rc);
		return -1;
	}
	*out = z;
	return 0;
}

static int
png_encode(FILE *f, const struct canvas *cv)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	int indexed = cv->npal <= 256;
	size_t stride = (size_t)cv->w * (indexed ? 1 : 3), i;
	unsigned char ihdr[13], phys[9], plte[3 * 256], *z;
	uLong zlen;

	if (png_deflate(cv, stride, &z, &zlen) < 0)
		return -1;
	put32(ihdr, (uint32_t)cv->w);
	put32(ihdr + 4, (uint32_t)cv->h);
	ihdr[8] = 8, ihdr[9] = indexed ? 3 : 2;
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	fwrite(sig, 1, 8, f);
	png_chunk(f, "IHDR", ihdr, 13);
	if (indexed) {
		for (i = 0; i < cv->npal; i++) {
			plte[3 * i] = cv->pal[i] >> 16;
			plte[3 * i + 1] = cv->pal[i] >> 8 & 0xff;
			plte[3 * i + 2] = cv->pal[i] & 0xff;
		}
		png_chunk(f, "PLTE", plte, 3 * cv->npal);
	}
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

int
write_png(FILE *f, const struct chart *ch)
{
	struct canvas cv;
	int rc;

	render_png(ch, &cv);
	rc = png_encode(f, &cv);
	free(cv.px);
	free(cv.pal);
	free(cv.hkey);
	free(cv.hval);
	free(cv.cov);
	free(cv.rx0);
	free(cv.rx1);
	return rc;
}
