/* PNG: the shapes of the display list drawn into palette indices, rows
 * [sy0, sy1) of them at a time (anti-aliased by coverage), for pngstrip.c
 * to hand to pngenc.c. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) && defined(__x86_64__)
#define COV_AVX2 1
#include <immintrin.h>
#include "compat.h"
#endif

#include "err.h"
#include "xalloc.h"

#include "plotdata.h"

#ifndef M_PI	/* XSI: neither C nor base POSIX has it */
#define M_PI 3.14159265358979323846
#endif

/* The canvas holds an index into a palette of the colours drawn so far:
 * a chart has a few hundred colours at most, so a palette PNG (one byte a
 * pixel, a third of RGB's) is usually what it writes, and deflate has a
 * third of the bytes to read.  Only a strip of rows is drawn at a time
 * (pngstrip.c): the pages a chart touches, not its instructions, were half
 * its cost. */

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

/* The palette index of color, added if new; (x, y) is the pixel it
 * paints, remembered when it is the first (in the order of drawing, item
 * by item, row by row) to have this colour: the palette is written in that
 * order, as if the whole image were drawn an item at a time.  A 257th
 * colour cannot be a palette index: the caller draws again, in px32. */
uint32_t
pal_index(struct canvas *cv, uint32_t color, int x, int y)
{
	uint64_t when = WHEN(cv, x, y);
	size_t j;

	if (2 * (cv->npal + 1) > cv->hcap)
		pal_grow(cv);
	j = (color + 1) * 2654435761u & (cv->hcap - 1);
	while (cv->hkey[j] && cv->hkey[j] != color + 1)
		j = (j + 1) & (cv->hcap - 1);
	if (cv->hkey[j]) {
		if (when < cv->first[cv->hval[j]])
			cv->first[cv->hval[j]] = when;
		return cv->hval[j];
	}
	if (cv->npal == 256 && !cv->rgb) {
		cv->overflow = 1;
		return 0;
	}
	if (cv->npal == cv->palcap) {
		cv->palcap = cv->palcap ? cv->palcap * 2 : 256;
		cv->pal = xreallocarray(cv->pal, cv->palcap, sizeof *cv->pal);
		cv->first = xreallocarray(cv->first, cv->palcap,
		    sizeof *cv->first);
	}
	cv->pal[cv->npal] = color;
	cv->first[cv->npal] = when;
	cv->hkey[j] = color + 1, cv->hval[j] = (uint32_t)cv->npal;
	return (uint32_t)cv->npal++;
}

/* A segment from a, (dx, dy) long, drawn r wide on each side. */
struct seg {
	double dx, dy, dd, r, rlen;	/* rlen: r times the length */
	double idx, idy;		/* 1 / dx, 1 / dy, or 0 */
};

static void
span_join(double lo, double hi, double *slo, double *shi)
{
	if (lo < *slo)
		*slo = lo;
	if (hi > *shi)
		*shi = hi;
}

/* The columns of row y (pixel centres py below a) within r of the
 * segment, found a hundredth of a pixel wide on each side (more than the
 * rounding of either computation): every pixel the segment covers in that
 * row is among them.  Where it is closest to an end, the end's disc;
 * else, the band along the segment cut across at both ends.  Only which
 * pixels are looked at depends on it, not what they get. */
static void
seg_span(const struct seg *s, double ax, double py, int *x0, int *x1)
{
	double lo = INFINITY, hi = -INFINITY, blo = -INFINITY;
	double bhi = INFINITY, u, v, e, r2 = s->r * s->r;

	if (py * py < r2)
		e = sqrt(r2 - py * py), span_join(-e, e, &lo, &hi);
	v = py - s->dy;
	if (v * v < r2)
		e = sqrt(r2 - v * v), span_join(s->dx - e, s->dx + e, &lo, &hi);
	if (s->idy != 0) {	/* |px dy - py dx| < r len */
		u = (py * s->dx - s->rlen) * s->idy;
		v = (py * s->dx + s->rlen) * s->idy;
		blo = u < v ? u : v, bhi = u < v ? v : u;
	} else if (fabs(py * s->dx) >= s->rlen)
		blo = bhi = 0;
	if (s->idx != 0) {	/* 0 <= px dx + py dy <= dd */
		u = -py * s->dy * s->idx, v = (s->dd - py * s->dy) * s->idx;
		if (u > v)
			e = u, u = v, v = e;
		blo = u > blo ? u : blo, bhi = v < bhi ? v : bhi;
	} else if (py * s->dy < 0 || py * s->dy > s->dd)
		blo = bhi = 0;
	if (blo < bhi)
		span_join(blo, bhi, &lo, &hi);
	lo += ax - 0.5 - 0.01, hi += ax - 0.5 + 0.01;
	if (!(lo < hi))
		*x1 = *x0;
	else if (lo >= *x1 || hi <= *x0)
		*x1 = *x0;
	else {
		if (lo >= *x0)
			*x0 = (int)lo + 1;	/* x > lo */
		if (hi < *x1)
			*x1 = (int)hi + 1;	/* x < hi */
	}
}

/* The first integer above v, within [0, max]: the bounding box (a pixel
 * more only costs a look at it). */
static int
edge(double v, int max)
{
	return !(v > 0) ? 0 : v >= max ? max : (int)v + 1;
}

#ifdef COV_AVX2
/* cov_segment's rows y0 to y1 - 1, their pixels four at a time: the same
 * operations in the same order on each lane (a product, then a sum: no
 * fused multiply-add, which AVX2 alone does not have), so the same bits.
 * The branches become masks: the division and the square root are done
 * on every lane, and a lane that would have skipped them (or lies past
 * the row's span) adds 0, the bytes' maximum unchanged.  WC_NO_SIMD=1
 * (as for tok.c) keeps the loop in C, for the tests. */
static int cov_simd;

__attribute__((target("avx2"))) static void
cov_rows_avx2(struct canvas *cv, int y0, int y1, int x0, int x1, double ax,
    double ay, const struct seg *sg, double hw)
{
	const __m256d half = _mm256_set1_pd(0.5), vax = _mm256_set1_pd(ax);
	const __m256d dx = _mm256_set1_pd(sg->dx), dy = _mm256_set1_pd(sg->dy);
	const __m256d dd = _mm256_set1_pd(sg->dd);
	const __m256d r2 = _mm256_set1_pd((hw + 0.5) * (hw + 0.5));
	const __m256d rim = _mm256_set1_pd(hw + 0.5), one = _mm256_set1_pd(1);
	const __m256d zero = _mm256_setzero_pd();
	const __m256d lane = _mm256_set_pd(3, 2, 1, 0);
	const __m128 levels = _mm_set1_ps(COV_LEVELS), halff = _mm_set1_ps(0.5f);
	int x, y, k;

	for (y = y0; y < y1; y++) {
		int sy = y - cv->sy0, sx0 = x0, sx1 = x1;
		unsigned char *row = &cv->cov[(size_t)sy * cv->w];
		double py = y + 0.5 - ay;
		__m256d vpy, pydy, end;

		seg_span(sg, ax, py, &sx0, &sx1);
		if (sx0 >= sx1)
			continue;
		cv->rx0[sy] = sx0 < cv->rx0[sy] ? sx0 : cv->rx0[sy];
		cv->rx1[sy] = sx1 > cv->rx1[sy] ? sx1 : cv->rx1[sy];
		vpy = _mm256_set1_pd(py), pydy = _mm256_set1_pd(py * sg->dy);
		end = _mm256_set1_pd(sx1);
		for (x = sx0; x < sx1; x += 4) {
			__m256d xs = _mm256_add_pd(_mm256_set1_pd(x), lane);
			__m256d px = _mm256_sub_pd(_mm256_add_pd(xs, half), vax);
			__m256d t = _mm256_add_pd(_mm256_mul_pd(px, dx), pydy);
			__m256d tt = _mm256_div_pd(t, dd), ex, ey, e2, c, in;
			__m128i q;
			uint32_t old;

			tt = _mm256_blendv_pd(tt, one,
			    _mm256_cmp_pd(t, dd, _CMP_GE_OQ));
			tt = _mm256_blendv_pd(tt, zero,
			    _mm256_cmp_pd(t, zero, _CMP_LE_OQ));
			ex = _mm256_sub_pd(px, _mm256_mul_pd(tt, dx));
			ey = _mm256_sub_pd(vpy, _mm256_mul_pd(tt, dy));
			e2 = _mm256_add_pd(_mm256_mul_pd(ex, ex),
			    _mm256_mul_pd(ey, ey));
			in = _mm256_and_pd(_mm256_cmp_pd(e2, r2, _CMP_LT_OQ),
			    _mm256_cmp_pd(xs, end, _CMP_LT_OQ));
			c = _mm256_min_pd(_mm256_sub_pd(rim,
			    _mm256_sqrt_pd(e2)), one);
			q = _mm_cvttps_epi32(_mm_add_ps(_mm_mul_ps(
			    _mm256_cvtpd_ps(c), levels), halff));
			/* the lanes' masks, 64 bits each, as 32 */
			q = _mm_and_si128(q, _mm_castps_si128(_mm_shuffle_ps(
			    _mm_castpd_ps(_mm256_castpd256_pd128(in)),
			    _mm_castpd_ps(_mm256_extractf128_pd(in, 1)),
			    _MM_SHUFFLE(2, 0, 2, 0))));
			q = _mm_packus_epi16(_mm_packs_epi32(q, q), q);
			if (x + 4 <= cv->w) {	/* 4 bytes of this row */
				memcpy(&old, row + x, 4);
				q = _mm_max_epu8(q, _mm_cvtsi32_si128((int)old));
				old = (uint32_t)_mm_cvtsi128_si32(q);
				memcpy(row + x, &old, 4);
				continue;
			}
			old = (uint32_t)_mm_cvtsi128_si32(q);
			for (k = 0; x + k < sx1; k++, old >>= 8)
				if ((old & 0xff) > row[x + k])
					row[x + k] = old & 0xff;
		}
	}
}
#endif

/* The shape's coverage of the strip's pixels: the greatest of its
 * segments'.  The strip's rows are computed as if the whole image were:
 * the same pixels, the same bytes. */
void
cov_segment(struct canvas *cv, double ax, double ay, double bx, double by,
    double hw)
{
	double dx = bx - ax, dy = by - ay, dd = dx * dx + dy * dy;
	double r2 = (hw + 0.5) * (hw + 0.5);
	struct seg sg;
	/* the pixels whose centre is within hw + 0.5 of the box; the rows
	 * first, for the segments of other strips */
	int y0 = edge((ay < by ? ay : by) - hw - 1.01, cv->h);
	int y1 = edge((ay < by ? by : ay) + hw + 0.01, cv->h);
	int x0, x1, x, y;

	if (y0 >= y1 || (!cv->measure && (y1 <= cv->sy0 || y0 >= cv->sy1)))
		return;
	x0 = edge((ax < bx ? ax : bx) - hw - 1.01, cv->w);
	x1 = edge((ax < bx ? bx : ax) + hw + 0.01, cv->w);
	if (x0 >= x1)
		return;
	if (cv->measure) {
		cv->my0 = y0 < cv->my0 ? y0 : cv->my0;
		cv->my1 = y1 > cv->my1 ? y1 : cv->my1;
		return;
	}
	y0 = y0 < cv->sy0 ? cv->sy0 : y0, y1 = y1 > cv->sy1 ? cv->sy1 : y1;
	cv->by0 = y0 < cv->by0 ? y0 : cv->by0;
	cv->by1 = y1 > cv->by1 ? y1 : cv->by1;
	sg.dx = dx, sg.dy = dy, sg.dd = dd, sg.r = hw + 0.5;
	sg.rlen = sg.r * sqrt(dd);
	sg.idx = dx != 0 ? 1 / dx : 0, sg.idy = dy != 0 ? 1 / dy : 0;
#ifdef COV_AVX2
	if (cov_simd) {
		cov_rows_avx2(cv, y0, y1, x0, x1, ax, ay, &sg, hw);
		return;
	}
#endif
	for (y = y0; y < y1; y++) {
		int sy = y - cv->sy0, sx0 = x0, sx1 = x1;
		unsigned char *row = &cv->cov[(size_t)sy * cv->w];
		double py = y + 0.5 - ay;

		seg_span(&sg, ax, py, &sx0, &sx1);
		if (sx0 >= sx1)
			continue;
		cv->rx0[sy] = sx0 < cv->rx0[sy] ? sx0 : cv->rx0[sy];
		cv->rx1[sy] = sx1 > cv->rx1[sy] ? sx1 : cv->rx1[sy];
		for (x = sx0; x < sx1; x++) {
			double px = x + 0.5 - ax, t = px * dx + py * dy, tt;
			double ex, ey, e2, c;
			int q;

			if (row[x] == COV_LEVELS)	/* nothing to add */
				continue;
			/* t / dd, clamped to [0, 1], dividing only inside */
			tt = t <= 0 ? 0 : t >= dd ? 1 : t / dd;
			ex = px - tt * dx, ey = py - tt * dy;
			e2 = ex * ex + ey * ey;
			if (e2 >= r2)	/* no coverage: no square root */
				continue;
			c = hw + 0.5 - sqrt(e2);
			if (c > 1)
				c = 1;
			q = (int)((float)c * COV_LEVELS + 0.5f);
			if (q > row[x])
				row[x] = (unsigned char)q;
		}
	}
}

/* Segments k0 to k1 - 1 of a polyline (pts: x,y pairs) that all lie on
 * one row y, x growing: a curve's flat stretch (Zipf's tail of words seen
 * once), hundreds of segments a fraction of a pixel long.  Their coverage
 * is cov_segment's of each, to the bit: at a pixel centre x + 0.5 in
 * [A, B] (the first and last x), the segment over it is at distance
 * |py| to the bit (its ex is a few ulps of x at most, its square less
 * than half an ulp of py^2: py above 0.003, or else hw > 0.51 covers the
 * pixel fully either way), and no segment is nearer; that is one value a
 * row, painted across.  Pixels outside [A, B] are drawn by the segments
 * within reach of the ends, as before. */
void
cov_hchain(struct canvas *cv, const double *pts, size_t k0, size_t k1,
    double hw)
{
	double a = pts[2 * k0], b = pts[2 * k1], ay = pts[2 * k0 + 1];
	double r2 = (hw + 0.5) * (hw + 0.5);
	int y0 = edge(ay - hw - 1.01, cv->h), y1 = edge(ay + hw + 0.01, cv->h);
	int xa = (int)ceil(a - 0.5), xb = (int)floor(b - 0.5), x, y;
	size_t k;

	for (k = k0; k < k1; k++)
		if (pts[2 * k] < a + hw + 2.6 || pts[2 * k + 2] > b - hw - 2.6)
			cov_segment(cv, pts[2 * k], pts[2 * k + 1],
			    pts[2 * k + 2], pts[2 * k + 3], hw);
	while (xa + 0.5 < a)		/* centres in [a, b] only */
		xa++;
	while (xa - 0.5 >= a)
		xa--;
	while (xb + 0.5 > b)
		xb--;
	while (xb + 1.5 <= b)
		xb++;
	xa = xa < 0 ? 0 : xa, xb = xb >= cv->w ? cv->w - 1 : xb;
	y0 = y0 < cv->sy0 ? cv->sy0 : y0, y1 = y1 > cv->sy1 ? cv->sy1 : y1;
	if (xa > xb || y0 >= y1)
		return;
	for (y = y0; y < y1; y++) {
		int sy = y - cv->sy0, q;
		unsigned char *row = &cv->cov[(size_t)sy * cv->w];
		double py = y + 0.5 - ay, e2 = py * py, c;

		if (e2 >= r2)
			continue;
		c = hw + 0.5 - sqrt(e2);
		if (c > 1)
			c = 1;
		q = (int)((float)c * COV_LEVELS + 0.5f);
		for (x = xa; x <= xb; x++)
			if (q > row[x])
				row[x] = (unsigned char)q;
		cv->rx0[sy] = xa < cv->rx0[sy] ? xa : cv->rx0[sy];
		cv->rx1[sy] = xb + 1 > cv->rx1[sy] ? xb + 1 : cv->rx1[sy];
		cv->by0 = y < cv->by0 ? y : cv->by0;
		cv->by1 = y + 1 > cv->by1 ? y + 1 : cv->by1;
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

static uint32_t
px_get(const struct canvas *cv, size_t i)
{
	return cv->px8 ? cv->px8[i] : cv->px32[i];
}

static void
px_set(struct canvas *cv, size_t i, uint32_t v)
{
	if (cv->px8)
		cv->px8[i] = (unsigned char)v;
	else
		cv->px32[i] = v;
}

/* Blends met: the palette index of color over palette index bg at
 * coverage q (key: color << 32 | bg (COV_LEVELS + 1) + q), and the item
 * that met it (WHEN_ITEM).  pal_index needs to see a blend's first pixel
 * in the order of drawing (item, row, column): a later item, or the same
 * one in a later strip (the strips go down), comes after the pixel that
 * put the blend here, and an item before it goes to pal_index again.
 * Emptied for each canvas: the indices are its own. */
static uint64_t memo_key[256];
static uint32_t memo_item[256], memo_val[256];

void
cov_begin(void)
{
	memset(memo_key, 0, sizeof memo_key);
#ifdef COV_AVX2
	cov_simd = compat_cpu_avx2();	/* 0 under WC_NO_SIMD too */
#endif
}

/* Paint what cov holds in color, and clear it.  Over the background
 * (index 0, most of what a text or a curve covers) the colour of each
 * coverage is looked up once a call: the call is one item, its pixels met
 * in the order of drawing, so the first of each is the one pal_index must
 * see, as through the memo. */
void
cov_paint(struct canvas *cv, uint32_t color)
{
	uint32_t item = (uint32_t)(cv->when >> 28);
	uint32_t on_bg[COV_LEVELS + 1] = { 0 };	/* index + 1, 0: not yet */
	int x, y;

	for (y = cv->by0; y < cv->by1; y++) {
		int sy = y - cv->sy0;
		unsigned char *row = &cv->cov[(size_t)sy * cv->w];
		size_t i = (size_t)sy * cv->w;

		for (x = cv->rx0[sy]; x < cv->rx1[sy]; x++) {
			uint32_t q = row[x], bg;
			uint64_t w, key;
			size_t m;

			if (!q) {	/* a zigzag's wide rows: 8 0s at a time */
				if (x + 8 <= cv->rx1[sy] &&
				    (memcpy(&w, row + x, 8), !w))
					x += 7;
				continue;
			}
			row[x] = 0;
			bg = px_get(cv, i + x);
			if (!bg && on_bg[q]) {
				px_set(cv, i + x, on_bg[q] - 1);
				continue;
			}
			key = (uint64_t)color << 32 |
			    (bg * (COV_LEVELS + 1) + q);
			m = (uint32_t)(key ^ key >> 29) * 2654435761u >> 24;
			if (memo_key[m] != key || memo_item[m] > item) {
				memo_key[m] = key, memo_item[m] = item;
				memo_val[m] = pal_index(cv, q == COV_LEVELS ?
				    color : blend(cv->pal[bg], color, (int)q),
				    x, y);
			}
			px_set(cv, i + x, memo_val[m]);
			if (!bg)
				on_bg[q] = memo_val[m] + 1;
		}
		cv->rx0[sy] = cv->w, cv->rx1[sy] = 0;
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

			if (cv->measure) {	/* the rows: png_text */
				cv->mlo = sy < cv->mlo ? sy : cv->mlo;
				cv->mhi = sy > cv->mhi ? sy : cv->mhi;
				continue;
			}
			if (have)
				cov_segment(cv, px, py, sx, sy, hw);
			else
				cov_segment(cv, sx, sy, sx, sy, hw);
			px = sx, py = sy, have = 1;
		}
	}
}

/* gy: each glyph's rows [y0, y1), set while measuring, and when drawing
 * (if not NULL) the glyphs that miss the strip are passed over: every
 * stroke of theirs would be. */
void
png_text(struct canvas *cv, const struct item *it, int *gy)
{
	double a = it->angle * M_PI / 180, dx = cos(a), dy = -sin(a);
	double u = unit(it->fs), hw = fmax(0.45, it->fs * 0.045), pen;
	double lo = INFINITY, hi = -INFINITY;
	size_t i;

	pen = -it->anchor * text_width(it->text.cp, it->text.n, it->fs);
	for (i = 0; i < it->text.n; i++) {
		struct glyph g;
		double ox = it->x0 + pen * dx, oy = it->y0 + pen * dy;

		pen += glyph_advance(it->text.cp[i]) * u * XSCALE;
		if (!cv->measure && gy && (gy[2 * i + 1] <= cv->sy0 ||
		    gy[2 * i] >= cv->sy1))
			continue;
		g = glyph_of(it->text.cp[i]);
		cv->mlo = INFINITY, cv->mhi = -INFINITY;
		stroke_glyph(cv, g.base, ox, oy, dx, dy, u, 0, 0, hw);
		if (g.accent)
			stroke_glyph(cv, g.accent, ox, oy, dx, dy, u, g.ax,
			    g.ay, hw);
		if (!cv->measure)
			continue;
		gy[2 * i] = cv->h, gy[2 * i + 1] = 0;
		if (cv->mlo <= cv->mhi) {	/* rows a stroke can reach */
			gy[2 * i] = edge(cv->mlo - hw - 1.01, cv->h);
			gy[2 * i + 1] = edge(cv->mhi + hw + 0.01, cv->h);
			lo = cv->mlo < lo ? cv->mlo : lo;
			hi = cv->mhi > hi ? cv->mhi : hi;
		}
	}
	if (!cv->measure)
		cov_paint(cv, INK);
	else if (lo <= hi) {
		cv->my0 = edge(lo - hw - 1.01, cv->h);
		cv->my1 = edge(hi + hw + 0.01, cv->h);
	}
}

void
fill_rect(struct canvas *cv, const struct item *it)
{
	int x0 = (int)it->x0, x1 = (int)it->x1, y0 = (int)it->y0;
	int y1 = (int)it->y1, x, y;
	uint32_t c;

	x0 = x0 < 0 ? 0 : x0, y0 = y0 < cv->sy0 ? cv->sy0 : y0;
	x1 = x1 > cv->w ? cv->w : x1, y1 = y1 > cv->sy1 ? cv->sy1 : y1;
	if (x0 >= x1 || y0 >= y1)
		return;
	c = pal_index(cv, it->color & 0xffffff, x0, y0);
	for (y = y0; y < y1; y++) {
		size_t i = (size_t)(y - cv->sy0) * cv->w;

		if (!cv->rgb)
			memset(&cv->px8[i + x0], (int)c, (size_t)(x1 - x0));
		else
			for (x = x0; x < x1; x++)
				cv->px32[i + x] = c;
	}
}
