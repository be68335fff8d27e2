/* Text: UTF-8 to code points, the stroke font's glyphs and widths. */
#include <stdint.h>
#include <string.h>

#include "xalloc.h"

#include "plotdata.h"
#include "font.h"

/* UTF-8 to code points; what a label cannot show (control characters,
 * bytes that are not UTF-8, non-characters XML forbids) becomes U+FFFD. */
struct text
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

struct glyph
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

/* Advance in grid units: a space is 5, a glyph its width plus 3.  Every
 * label is measured a few times: Latin-1's are kept (0: not yet). */
double
glyph_advance(uint32_t c)
{
	static unsigned char memo[256];
	struct glyph g;

	if (c < 256 && memo[c])
		return memo[c];
	g = glyph_of(c);
	if (c < 256)
		memo[c] = (unsigned char)(*g.base ? glyph_maxx(g.base) + 3 : 5);
	if (!*g.base)
		return 5;
	return glyph_maxx(g.base) + 3;
}

/* One grid unit in pixels: the capitals (12 units) are 0.7 of the size. */
double
unit(double fs)
{
	return fs * 0.7 / 12;
}

double
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
void
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

