#include <stdlib.h>
#include <string.h>

#include "casetab.h"
#include "tok.h"
#include "xalloc.h"

enum { TOK_BUFSZ = 128 * 1024 };
enum { W = 0, S = 1, H = 2 };	/* word byte, space, high (non-ASCII) */

/* ASCII: the 26 delimiters and Python's ASCII white space (\t \n \v \f \r,
 * \x1c-\x1f, space) separate words; everything else is part of one. */
static const unsigned char cls[256] = {
	['\t'] = S, ['\n'] = S, ['\v'] = S, ['\f'] = S, ['\r'] = S,
	[0x1c] = S, [0x1d] = S, [0x1e] = S, [0x1f] = S, [' '] = S,
	['.'] = S, [','] = S, [';'] = S, [':'] = S, ['?'] = S, ['$'] = S,
	['@'] = S, ['^'] = S, ['<'] = S, ['>'] = S, ['#'] = S, ['%'] = S,
	['`'] = S, ['!'] = S, ['*'] = S, ['-'] = S, ['='] = S, ['('] = S,
	[')'] = S, ['['] = S, [']'] = S, ['{'] = S, ['}'] = S, ['/'] = S,
	['"'] = S, ['\''] = S,
#define H16 H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H
	[0x80] = H16, H16, H16, H16, H16, H16, H16, H16,
};

static unsigned char lower_ascii[256];

/* The length of the non-ASCII white space at p (U+0085, U+00A0, U+1680,
 * U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), 0 if there is
 * none, -1 if more bytes are needed to tell. */
static int
space_len(const unsigned char *p, size_t avail, int eof)
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
			return p[2] <= 0x8a || p[2] == 0xa8 || p[2] == 0xa9 ||
			    p[2] == 0xaf ? 3 : 0;
		return p[1] == 0x81 && p[2] == 0x9f ? 3 : 0;
	default:
		return p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
	}
}

/* Strict UTF-8, as Python's decoder: the code point at p and its length,
 * or length 0 for a byte that does not begin a valid sequence. */
static size_t
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

static size_t
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

static int
in_ranges(const struct case_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static uint32_t
map_simple(uint32_t cp)
{
	size_t lo = 0, hi = case_nlower;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < case_lower[mid].cp)
			hi = mid;
		else if (cp > case_lower[mid].cp)
			lo = mid + 1;
		else
			return case_lower[mid].lower;
	}
	return cp;
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

static int
ignorable(long cp)
{
	return cp >= 0 &&
	    in_ranges(case_ignorable, case_ignorable_n, (uint32_t)cp);
}

/* Capital sigma at byte i (2 bytes) lowers to final sigma when a cased
 * letter comes before it and none after, case-ignorable ones skipped
 * (Python's handle_capital_sigma). */
static uint32_t
sigma(const unsigned char *s, size_t n, size_t i)
{
	size_t j, len;
	long cp, last = -1;

	for (j = 0; j < i; j += len)
		if (!ignorable(cp = char_at(s, n, j, &len)))
			last = cp;
	if (!cased(last))
		return 0x3c3;
	for (j = i + 2; j < n; j += len)
		if (!ignorable(cp = char_at(s, n, j, &len)))
			return cased(cp) ? 0x3c3 : 0x3c2;
	return 0x3c2;
}

size_t
tok_lower(const unsigned char *s, size_t n, unsigned char *out)
{
	size_t i = 0, o = 0, len, k;
	uint32_t cp;

	while (i < n) {
		if (s[i] < 0x80) {
			out[o++] = lower_ascii[s[i++]];
			continue;
		}
		if (!(len = utf8_decode(s + i, n - i, &cp))) {
			out[o++] = s[i++];
			continue;
		}
		if (cp == 0x3a3) {
			o += utf8_encode(sigma(s, n, i), out + o);
		} else if (cp == case_lower_multi[0].cp) {
			for (k = 0; k < 3 && case_lower_multi[0].lower[k]; k++)
				o += utf8_encode(case_lower_multi[0].lower[k],
				    out + o);
		} else {
			o += utf8_encode(map_simple(cp), out + o);
		}
		i += len;
	}
	return o;
}

size_t
tok_cplen(const unsigned char *w, size_t n)
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

void
tok_init(struct tok *t, struct rd *r)
{
	int c;

	memset(t, 0, sizeof *t);
	t->rd = r;
	t->buf = xmalloc(TOK_BUFSZ);
	t->wcap = 256;
	t->word = xmalloc(t->wcap);
	if (!lower_ascii['A'])
		for (c = 0; c < 256; c++)
			lower_ascii[c] = (unsigned char)(c >= 'A' && c <= 'Z' ?
			    c + 32 : c);
}

void
tok_free(struct tok *t)
{
	free(t->buf);
	free(t->word);
	free(t->low);
	t->buf = t->word = t->low = NULL;
}

/* fill: keep the unread tail, read more; -1 on error. */
static int
fill(struct tok *t)
{
	ssize_t got;

	memmove(t->buf, t->buf + t->pos, t->end - t->pos);
	t->end -= t->pos;
	t->pos = 0;
	got = rd_read(t->rd, t->buf + t->end, TOK_BUFSZ - t->end);
	if (got < 0)
		return -1;
	if (got == 0)
		t->eof = 1;
	t->end += (size_t)got;
	if (!t->started && (t->end >= 3 || t->eof)) {
		t->started = 1;
		if (t->end >= 3 && memcmp(t->buf, "\xef\xbb\xbf", 3) == 0)
			t->pos = 3;
	}
	return 0;
}

int
tok_next(struct tok *t, const unsigned char **w, size_t *n)
{
	const unsigned char *buf;
	size_t pos, end, wlen = 0;
	int high = 0, sl;

	while (!t->started)	/* a leading BOM is dropped once 3 bytes are in */
		if (fill(t) < 0)
			return -1;
	/* Skip to the start of a word. */
	for (;;) {
		buf = t->buf;
		pos = t->pos;
		end = t->end;
		while (pos < end) {
			unsigned k = cls[buf[pos]];

			if (k == S) {
				pos++;
			} else if (k == W) {
				break;
			} else if ((sl = space_len(buf + pos, end - pos,
			    t->eof)) > 0) {
				pos += (size_t)sl;
			} else if (sl == 0) {
				break;
			} else {
				break;	/* need more bytes to tell */
			}
		}
		t->pos = pos;
		if (pos < end && (cls[buf[pos]] == W ||
		    space_len(buf + pos, end - pos, t->eof) == 0))
			break;
		if (t->eof && pos == end)
			return 0;
		if (fill(t) < 0)
			return -1;
	}
	/* Copy the word, ASCII lower-cased on the way. */
	for (;;) {
		unsigned char *out;

		buf = t->buf;
		pos = t->pos;
		end = t->end;
		if (t->wcap - wlen < end - pos + 8) {
			while (t->wcap - wlen < end - pos + 8)
				t->wcap *= 2;
			t->word = xrealloc(t->word, t->wcap);
		}
		out = t->word;
		while (pos < end) {
			unsigned c = buf[pos], k = cls[c];

			if (k == W) {
				out[wlen++] = lower_ascii[c];
				pos++;
				continue;
			}
			if (k == S)
				break;
			sl = space_len(buf + pos, end - pos, t->eof);
			if (sl != 0)
				break;
			high = 1;
			out[wlen++] = (unsigned char)c;
			pos++;
		}
		t->pos = pos;
		if (pos < end && (cls[buf[pos]] == S ||
		    space_len(buf + pos, end - pos, t->eof) > 0))
			break;
		if (t->eof && pos == end)
			break;
		if (fill(t) < 0)
			return -1;
	}
	if (high) {
		if (t->lcap < 3 * wlen + 8) {
			t->lcap = 3 * wlen + 8;
			t->low = xrealloc(t->low, t->lcap);
		}
		*n = tok_lower(t->word, wlen, t->low);
		*w = t->low;
	} else {
		*n = wlen;
		*w = t->word;
	}
	return 1;
}
