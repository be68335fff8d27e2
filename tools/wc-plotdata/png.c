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
png_encode(FILE *f, const struct canvas *cv)
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


int
write_png(FILE *f, const struct chart *ch)
{
	struct canvas cv;
	int rc;

	render_png(ch, &cv);
	rc = png_encode(f, &cv);
	free(cv.rgb);
	free(cv.cov);
	return rc;
}
