/*
 * UTF-8 as Python 3.11 reads it (strict: a byte that begins no valid
 * sequence is one character of its own, kept as it is) and the Unicode
 * the lesson's rules need: white space (str.isspace) and full lower-casing
 * (str.lower, with Final_Sigma), from the tables of casetab.c.
 */
#include <stdlib.h>

#include "casetab.h"
#include "utf8.h"

int
utf8_space(const unsigned char *p, size_t avail, int eof)
{
	int need = p[0] == 0xc2 ? 2 : p[0] >= 0xe1 && p[0] <= 0xe3 ? 3 : 0;

	if (!need)
		return 0;
	if (avail < (size_t)need)
		return eof ? 0 : -1;
	switch (p[0]) {
	case 0xc2:
		return p[1] == 0x85 || p[1] == 0xa0 ? 2 : 0;
	case 0xe1:
		return p[1] == 0x9a && p[2] == 0x80 ? 3 : 0;
	case 0xe2:
		if (p[1] == 0x80)
			return (p[2] >= 0x80 && p[2] <= 0x8a) || p[2] == 0xa8 ||
			    p[2] == 0xa9 || p[2] == 0xaf ? 3 : 0;
		return p[1] == 0x81 && p[2] == 0x9f ? 3 : 0;
	default:
		return p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
	}
}

size_t
utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned c = p[0];
	unsigned lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	*cp = c & (0xff >> (len + 1));
	for (i = 1; i < len; i++) {
		if (i > 1 && (p[i] < 0x80 || p[i] > 0xbf))
			return 0;
		*cp = *cp << 6 | (p[i] & 0x3f);
	}
	return len;
}

size_t
utf8_encode(uint32_t cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | cp >> 12);
		out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | cp >> 18);
	out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Comparisons for bsearch: a code point against a range, or against the
 * code point a mapping starts from (struct case_map begins with it). */
static int
cmp_range(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct case_range *r = elem;

	return cp < r->lo ? -1 : cp > r->hi;
}

static int
cmp_map(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct case_map *m = elem;

	return cp < m->cp ? -1 : cp > m->cp;
}

static int
in_ranges(const struct case_range *r, size_t n, uint32_t cp)
{
	return bsearch(&cp, r, n, sizeof *r, cmp_range) != NULL;
}

static uint32_t
map_simple(uint32_t cp)
{
	const struct case_map *m = bsearch(&cp, case_lower, case_nlower,
	    sizeof *case_lower, cmp_map);

	return m ? m->lower : cp;
}

/* One character of a word for Final_Sigma's scan: -1 for a byte that is not
 * UTF-8 (neither cased nor ignorable), else its code point. */
static long
char_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	uint32_t cp;

	*len = utf8_decode(s + i, n - i, &cp);
	if (!*len) {
		*len = 1;
		return -1;
	}
	return cp;
}

static int
cased(long cp)
{
	return cp >= 0 && in_ranges(case_cased, case_cased_n, (uint32_t)cp);
}

/* The ASCII characters of case_ignorable: ' . : ^ ` */
static int
ascii_ignorable(uint32_t c)
{
	return c == '\'' || c == '.' || c == ':' || c == '^' || c == '`';
}

static int
ignorable(long cp)
{
	return cp >= 0 &&
	    in_ranges(case_ignorable, case_ignorable_n, (uint32_t)cp);
}

/* Capital sigma at byte i (2 bytes) lowers to final sigma when a cased
 * letter comes before it and none after, case-ignorable ones skipped
 * (Python's handle_capital_sigma).  last: the last character before it that
 * is not case-ignorable (-1: a byte that is not UTF-8, or none), kept by the
 * caller so that a word of many sigmas costs linear time. */
static uint32_t
sigma(const unsigned char *s, size_t n, size_t i, long last)
{
	size_t j, len;
	long cp;

	if (!cased(last))
		return 0x3c3;
	for (j = i + 2; j < n; j += len)
		if (!ignorable(cp = char_at(s, n, j, &len)))
			return cased(cp) ? 0x3c3 : 0x3c2;
	return 0x3c2;
}

size_t
utf8_lower(const unsigned char *s, size_t n, unsigned char *out)
{
	size_t i = 0, o = 0, len, k;
	long last = -1;
	uint32_t cp;

	while (i < n) {
		if (s[i] < 0x80) {	/* ASCII: no table look-up */
			cp = s[i++];
			out[o++] = (unsigned char)(cp - 'A' < 26u ? cp + 32 : cp);
			if (!ascii_ignorable(cp))
				last = (long)cp;
			continue;
		}
		if (!(len = utf8_decode(s + i, n - i, &cp))) {
			out[o++] = s[i++];
			last = -1;
			continue;
		}
		if (cp == 0x3a3)
			o += utf8_encode(sigma(s, n, i, last), out + o);
		else if (cp == case_lower_multi[0].cp)
			for (k = 0; k < 3 && case_lower_multi[0].lower[k]; k++)
				o += utf8_encode(case_lower_multi[0].lower[k],
				    out + o);
		else
			o += utf8_encode(map_simple(cp), out + o);
		if (!ignorable((long)cp))
			last = (long)cp;
		i += len;
	}
	return o;
}

size_t
utf8_cplen(const unsigned char *w, size_t n)
{
	size_t i = 0, count = 0, len;
	uint32_t cp;

	while (i < n) {
		len = w[i] < 0x80 ? 1 : utf8_decode(w + i, n - i, &cp);
		i += len ? len : 1;
		count++;
	}
	return count;
}
