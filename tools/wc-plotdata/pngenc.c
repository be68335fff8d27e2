/* PNG encoding: an image of palette indices (or RGB), its rows through a
 * deflate encoder of our own, with fixed Huffman codes and two kinds of
 * match only: "as the row above" and "as the pixel before".  A chart is
 * rows repeating the row above and runs of one colour, which those two
 * find; zlib's general search cost most of a chart's time.
 *
 * The rows come a strip at a time, in palette indices that are numbered
 * in the order of the strips' drawing, not yet the palette's: they are
 * kept as tokens (a literal, or a match), whose choice depends only on
 * which bytes are equal, and the bits are written once the palette's
 * order is known, the literals renumbered. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "err.h"
#include "xalloc.h"

#include "plotdata.h"

struct bits {
	unsigned char *buf;
	size_t len, cap;
	uint64_t acc;		/* bits not yet in buf, the first lowest */
	int n;
};

/* The whole bytes of acc's n bits (32 to 63) out at p: all 8 stored, in
 * one store where the machine is little-endian (those after the whole
 * ones are written again later); the rest of the bits stay in acc. */
static void
put_word(unsigned char **p, uint64_t *acc, int *n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    !defined(WC_PORTABLE)
	memcpy(*p, acc, 8);
#else
	int k;

	for (k = 0; k < 8; k++)
		(*p)[k] = (unsigned char)(*acc >> 8 * k);
#endif
	*p += *n / 8;
	*acc >>= *n & ~7;
	*n &= 7;
}

/* v's n bits (n + b->n at most 63) after those before; the whole bytes
 * go out once there are 32 bits or more. */
static void
put_bits(struct bits *b, uint32_t v, int n)
{
	unsigned char *p;

	b->acc |= (uint64_t)v << b->n;
	b->n += n;
	if (b->n < 32)
		return;
	if (b->len + 8 > b->cap) {
		b->cap = b->cap * 2 + 4096;
		b->buf = xrealloc(b->buf, b->cap);
	}
	p = b->buf + b->len;
	put_word(&p, &b->acc, &b->n);
	b->len = (size_t)(p - b->buf);
}

/* The whole bytes left in acc. */
static void
flush_bits(struct bits *b)
{
	put_bits(b, 0, 0);
	while (b->n >= 8) {
		b->buf[b->len++] = (unsigned char)b->acc;
		b->acc >>= 8, b->n -= 8;
	}
}

/* Huffman codes go most significant bit first, the rest of deflate least
 * first: the codes are stored reversed. */
static uint32_t
reverse(uint32_t v, int n)
{
	uint32_t r = 0;

	while (n--)
		r = r << 1 | (v & 1), v >>= 1;
	return r;
}

static const uint16_t len_base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13,
	15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163,
	195, 227, 258 };
static const uint16_t dist_base[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25,
	33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
	4097, 6145, 8193, 12289, 16385, 24577 };

/* RFC 1951 3.2.6, the fixed codes, made once a chart and looked up: a
 * literal's code, and a match piece of each length (3 to 258) at each of
 * the two distances as one string of bits (length code, its extra bits,
 * distance code, its extra bits: 31 at most). */
struct codes {
	uint16_t lit[256];
	uint8_t litn[256];
	uint32_t len[259];
	uint8_t lenn[259];
	uint32_t dist[2];	/* [1]: as the row above, [0]: the pixel before */
	uint8_t distn[2];
};

static void
codes_init(struct codes *c, int up, int run)
{
	int i, k, d, dist;

	for (i = 0; i < 256; i++) {
		c->lit[i] = (uint16_t)(i < 144 ? reverse(0x30 + i, 8) :
		    reverse(0x190 + i - 144, 9));
		c->litn[i] = i < 144 ? 8 : 9;
	}
	for (k = 0, i = 3; i <= 258; i++) {
		int sym;

		while (k < 28 && len_base[k + 1] <= i)
			k++;
		sym = 257 + k;
		c->len[i] = sym < 280 ? reverse((uint32_t)sym - 256, 7) :
		    reverse(0xc0 + (uint32_t)sym - 280, 8);
		c->lenn[i] = sym < 280 ? 7 : 8;
		if (k >= 8 && k < 28) {
			c->len[i] |= (uint32_t)(i - len_base[k]) << c->lenn[i];
			c->lenn[i] += (uint8_t)(k / 4 - 1);
		}
	}
	for (i = 0; i < 2; i++) {
		dist = i ? up : run;
		for (d = 29; dist_base[d] > dist; d--)
			;
		c->dist[i] = reverse((uint32_t)d, 5);
		c->distn[i] = 5;
		if (d >= 4) {
			c->dist[i] |= (uint32_t)(dist - dist_base[d]) << 5;
			c->distn[i] += (uint8_t)(d / 2 - 1);
		}
	}
}

/* SSE2 is part of x86-64; WC_PORTABLE (make PORTABLE=1) builds and
 * tests the plain C that finds the same. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(WC_PORTABLE)
#define ENC_SSE2 1
#include <emmintrin.h>

static __m128i
load16(const unsigned char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}
#endif

/* An 8-byte word at p. */
static uint64_t
word(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/* Which of a word's 8 bytes (x, the XOR of two words, not 0) is the
 * first that differs: with a count of trailing zeros where the words are
 * little-endian (the first byte the lowest), else a byte at a time. */
static size_t
first_diff(uint64_t x)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(WC_PORTABLE)
	return (size_t)__builtin_ctzll(x) / 8;
#else
	unsigned char c[8];
	size_t i = 0;

	memcpy(c, &x, 8);
	while (c[i] == 0)
		i++;
	return i;
#endif
}

/* How many of the n bytes at a and b are the same: 64 at a time while
 * they agree (a row's long stretches of white), in SSE2's 16-byte
 * compares on x86-64, then 8; the last few bytes in a word that ends at
 * n and overlaps bytes already found the same. */
static size_t
same(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i = 0;
	uint64_t x;

#ifdef ENC_SSE2
	for (; i + 64 <= n; i += 64) {
		__m128i e0 = _mm_cmpeq_epi8(load16(a + i), load16(b + i));
		__m128i e1 = _mm_cmpeq_epi8(load16(a + i + 16),
		    load16(b + i + 16));
		__m128i e2 = _mm_cmpeq_epi8(load16(a + i + 32),
		    load16(b + i + 32));
		__m128i e3 = _mm_cmpeq_epi8(load16(a + i + 48),
		    load16(b + i + 48));

		if (_mm_movemask_epi8(_mm_and_si128(_mm_and_si128(e0, e1),
		    _mm_and_si128(e2, e3))) != 0xffff)
			break;
	}
	for (; i + 16 <= n; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(load16(a + i), load16(b + i)));

		if (m != 0xffff)
			return i + (size_t)__builtin_ctz(~m);
	}
#endif
	for (; i + 8 <= n; i += 8)
		if ((x = word(a + i) ^ word(b + i)) != 0)
			return i + first_diff(x);
	if (i == n)
		return n;
	if (n >= 8) {
		i = n - 8;
		if ((x = word(a + i) ^ word(b + i)) != 0)
			return i + first_diff(x);
		return n;
	}
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* Tokens: a literal byte below TOK_MATCH (the filter byte too: 0, white,
 * is palette index 0 in both numberings); else a match of len bytes, as
 * the row above (TOK_UP) or as the pixel before. */
#define TOK_MATCH	0x8000
#define TOK_UP		0x4000
#define TOK_LEN		0x3fff
/* the longest match a token holds, a multiple of 258 so that its pieces
 * go out as png_zlib would write the whole's */
#define TOK_MAXLEN	(63 * 258)

/* Room for k more tokens (a row takes n + 1 at most: a token a byte or
 * more), so that a token is put without a look at the room left. */
static void
tok_room(struct enc *e, size_t k)
{
	if (e->cap - e->ntok >= k)
		return;
	e->cap = e->cap * 2 > e->ntok + k ? e->cap * 2 : e->ntok + k;
	e->tok = xreallocarray(e->tok, e->cap, sizeof *e->tok);
}

void
enc_init(struct enc *e, size_t n, int bpp, int h)
{
	memset(e, 0, sizeof *e);
	e->n = n, e->bpp = bpp, e->h = (uint64_t)h;
	e->bound = 64;
	e->adler = adler32(0L, Z_NULL, 0);
}

void
enc_free(struct enc *e)
{
	free(e->tok);
	e->tok = NULL;
}

/* Bytes [x, x + len) of this row and every row below, index was until
 * now, are index v: the counts and offsets of both indices change for
 * all those rows at once (row y's byte x is at offset y (n + 1) + 1 + x;
 * e->rows: the rows from this one down, e->offs: the sum of their
 * y (n + 1) + 1).  Modulo 2^64: the sums, under 2^64, come out right
 * after the subtractions. */
static void
adler_set(struct enc *e, size_t x, size_t len, unsigned was, unsigned v)
{
	uint64_t l = len, c = e->rows * l;
	uint64_t offs = (e->offs + e->rows * x) * l +
	    e->rows * (l * (l - 1) / 2);

	e->cnt[was] -= c, e->sum[was] -= offs;
	e->cnt[v] += c, e->sum[v] += offs;
}

/* Bytes [i, j) of the row, all v (a run), under the row above's (NULL:
 * zeros, as the counts begin): a change for each run of one index
 * above that is not v. */
static void
adler_run(struct enc *e, const unsigned char *above, size_t i, size_t j,
    unsigned v)
{
	uint64_t x, w;
	size_t k;

	if (!above) {
		if (v)
			adler_set(e, i, j - i, 0, v);
		return;
	}
	for (; i < j; i = k) {
		w = above[i] * UINT64_C(0x0101010101010101);
		for (k = i + 1; k + 8 <= j; k += 8) {
			memcpy(&x, above + k, 8);
			if (x != w)
				break;
		}
		while (k < j && above[k] == above[i])
			k++;
		if (above[i] != v)
			adler_set(e, i, k - i, above[i], v);
	}
}

/* len (3 or more) bytes at dist back: as the row above or the pixel
 * before; its tokens at t, and where the next goes. */
static uint16_t *
tok_match(struct enc *e, uint16_t *t, size_t len, int up)
{
	uint16_t kind = (uint16_t)(TOK_MATCH | (up ? TOK_UP : 0));

	e->bound += (len / 258 + 2) * 31;	/* 8 + 5 + 5 + 13 bits a piece */
	while (len > TOK_MAXLEN) {
		size_t l = len - TOK_MAXLEN < 3 ? TOK_MAXLEN - 258 : TOK_MAXLEN;

		*t++ = (uint16_t)(kind | l);
		len -= l;
	}
	*t++ = (uint16_t)(kind | len);
	return t;
}

/* The 3 bytes at a are those at b: a match can begin there. */
static int
three(const unsigned char *a, const unsigned char *b)
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

/* Whether a match of 3 or more can start at byte i of the row (n bytes):
 * as the row above (prev, NULL: none) or as the pixel before (bpp back). */
static int
can_match(const unsigned char *row, const unsigned char *prev, size_t bpp,
    size_t i, size_t n)
{
	return i + 3 <= n && ((prev && three(row + i, prev + i)) ||
	    (i >= bpp && three(row + i, row + i - bpp)));
}

/* The first byte from i where a match can start, n if none: 16 bytes at
 * a time in SSE2 (where three compares of 16 bytes, one a byte on from
 * the next, find every 3 alike), so that the literals before it take no
 * compares of their own; else a byte at a time. */
static size_t
next_match(const unsigned char *row, const unsigned char *prev, size_t bpp,
    size_t i, size_t n)
{
#ifdef ENC_SSE2
	/* the bytes to i + 17 are read */
	for (; i >= bpp && i + 18 <= n; i += 16) {
		__m128i r0 = load16(row + i), r1 = load16(row + i + 1);
		__m128i r2 = load16(row + i + 2), c;
		unsigned m;

		c = _mm_and_si128(_mm_and_si128(
		    _mm_cmpeq_epi8(r0, load16(row + i - bpp)),
		    _mm_cmpeq_epi8(r1, load16(row + i + 1 - bpp))),
		    _mm_cmpeq_epi8(r2, load16(row + i + 2 - bpp)));
		if (prev)
			c = _mm_or_si128(c, _mm_and_si128(_mm_and_si128(
			    _mm_cmpeq_epi8(r0, load16(prev + i)),
			    _mm_cmpeq_epi8(r1, load16(prev + i + 1))),
			    _mm_cmpeq_epi8(r2, load16(prev + i + 2))));
		if ((m = (unsigned)_mm_movemask_epi8(c)) != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < n && !can_match(row, prev, bpp, i, n))
		i++;
	return i;
}

/* A row (filter byte 0, then n bytes) after prev (NULL: none, or out of
 * reach): as the row above when it is, else at each byte the longer of
 * the two matches, else a literal.  Where the next token goes and the
 * Adler-32's rows and offsets are kept in locals: a store through e might
 * change the row's bytes, for all the compiler knows, and the loop would
 * load them all again after each. */
void
enc_row(struct enc *e, const unsigned char *row, const unsigned char *prev)
{
	static const unsigned char zero;
	const unsigned char *above = prev;
	size_t n = e->n, bpp = (size_t)e->bpp, i = 0, j, lits = 1, r;
	uint64_t rows, offs;
	uint16_t *t;
	int pal = bpp == 1;

	if (!pal) {
		e->adler = adler32(e->adler, &zero, 1);
		e->adler = adler32(e->adler, row, (uInt)n);
	}
	if (n >= 32768)		/* the row above is out of reach */
		prev = NULL;
	tok_room(e, n + 1);
	t = e->tok + e->ntok;
	e->rows = rows = e->h - e->y;
	e->offs = offs = (uint64_t)(e->n + 1) *
	    ((e->y + e->h - 1) * e->rows / 2) + e->rows;
	e->y++;
	/* the first byte has no pixel before: the bytes the row shares with
	 * the row above from the start are its match, if 3 or more */
	if (prev && (i = same(row, prev, n)) == n) {
		t = tok_match(e, t, n + 1, 1);
		e->ntok = (size_t)(t - e->tok);
		return;
	}
	*t++ = 0;		/* the filter byte */
	if (i >= 3)
		t = tok_match(e, t, i, 1);
	else
		i = 0;
	while (i < n) {
		size_t up = 0, run = 0;

		j = next_match(row, prev, bpp, i, n);
		lits += j - i;
		for (; i < j; i++) {
			unsigned v = row[i], was = above ? above[i] : 0;

			/* as adler_set(e, i, 1, was, v) would */
			if (pal && v != was) {
				uint64_t o = offs + rows * i;

				e->cnt[was] -= rows, e->sum[was] -= o;
				e->cnt[v] += rows, e->sum[v] += o;
			}
			*t++ = (uint16_t)v;
		}
		if (i == n)
			break;
		/* a match of 3 or more starts here, as one or both */
		if (prev && three(row + i, prev + i))
			up = same(row + i, prev + i, n - i);
		if (i >= bpp && three(row + i, row + i - bpp))
			run = same(row + i, row + i - bpp, n - i);
		r = up > run ? up : run;
		t = tok_match(e, t, r, up > run);
		/* as the row above, nothing changes */
		if (pal && up <= run)
			adler_run(e, above, i, i + r, row[i]);
		i += r;
	}
	e->bound += 9 * lits;
	e->ntok = (size_t)(t - e->tok);
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24, p[1] = v >> 16 & 0xff, p[2] = v >> 8 & 0xff,
	p[3] = v & 0xff;
}

/* The Adler-32 of the npal palette indices renumbered by map: A is 1
 * and the sum of the bytes, B the stream's length and the sum of each
 * byte times the bytes from it to the end (0 adds nothing). */
static uLong
pal_adler(const struct enc *e, const unsigned char *map, size_t npal)
{
	const uint64_t m = 65521, len = e->h * (e->n + 1) % m;
	uint64_t a = 1, b = len;
	size_t v;

	for (v = 1; v < npal; v++) {
		uint64_t c = e->cnt[v] % m, s = e->sum[v] % m;

		a += map[v] * c;
		b += map[v] * ((len * c + m - s) % m);
	}
	return (uLong)((b % m) << 16 | a % m);
}


/* The zlib stream of the tokens, every row filtered by none.  The tokens'
 * bits gather in locals and go out once 32 or more: a code is 31 bits at
 * most, two literals 18, so acc never overflows.  The buffer is e->bound
 * bits and 64 bytes, room for the 8 bytes stored past the last. */
static void
png_zlib(const struct image *im, struct bits *b)
{
	const struct enc *e = im->enc;
	const uint16_t *tok = e->tok, *end = tok + e->ntok;
	struct codes c;
	uint32_t lit[256];	/* a literal token's code | its length << 16 */
	unsigned char tail[4], *p;
	uint64_t acc;
	size_t i;
	int n;

	b->cap = e->bound / 8 + 64;
	b->buf = xmalloc(b->cap);
	codes_init(&c, (int)e->n + 1, e->bpp);
	/* the palette's indices renumbered (those of its colours only) */
	for (i = 0; i < (im->map ? im->npal : 256); i++) {
		unsigned char l = im->map ? im->map[i] : (unsigned char)i;

		lit[i] = c.lit[l] | (uint32_t)c.litn[l] << 16;
	}
	put_bits(b, 0x78 | 0x01 << 8, 16);	/* deflate, 32K window */
	put_bits(b, 1 | 1 << 1, 3);		/* the last block, fixed */
	p = b->buf + b->len, acc = b->acc, n = b->n;
	while (tok < end) {
		uint32_t t = *tok++, v;

		if (!(t & TOK_MATCH)) {
			v = lit[t];
			acc |= (uint64_t)(v & 0xffff) << n;
			n += (int)(v >> 16);
			if (tok < end && !(*tok & TOK_MATCH)) {
				v = lit[*tok++];
				acc |= (uint64_t)(v & 0xffff) << n;
				n += (int)(v >> 16);
			}
		} else {
			/* len (3 or more) bytes as the row above or the
			 * pixel before, in pieces of at most 258 */
			size_t len = t & TOK_LEN;
			int up = !!(t & TOK_UP);

			for (;;) {
				int l = len > 258 ? 258 : (int)len;

				if (len > 258 && len - 258 < 3)
					l = (int)len - 3;
				acc |= (uint64_t)(c.len[l] |
				    c.dist[up] << c.lenn[l]) << n;
				n += c.lenn[l] + c.distn[up];
				len -= (size_t)l;
				if (len == 0)
					break;
				if (n >= 32)
					put_word(&p, &acc, &n);
			}
		}
		if (n >= 32)
			put_word(&p, &acc, &n);
	}
	b->len = (size_t)(p - b->buf), b->acc = acc, b->n = n;
	put_bits(b, 0, 7);			/* 256, the end of the block */
	put_bits(b, 0, (8 - b->n % 8) % 8);	/* to a byte boundary */
	put32(tail, (uint32_t)(e->bpp == 1 ?
	    pal_adler(e, im->map, im->npal) : e->adler));
	for (i = 0; i < 4; i++)
		put_bits(b, tail[i], 8);
	flush_bits(b);
}

static int
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
	if (fwrite(hdr, 1, 8, f) != 8 || (len && fwrite(data, 1, len, f) !=
	    len) || fwrite(crc, 1, 4, f) != 4)
		return -1;
	return 0;
}

/* 8-bit palette, or 8-bit RGB when im->rgb. */
int
png_write_image(FILE *f, const struct image *im)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	unsigned char ihdr[13], phys[9], plte[3 * 256];
	struct bits b;
	size_t i;
	int rc = 0;

	memset(&b, 0, sizeof b);
	png_zlib(im, &b);
	put32(ihdr, (uint32_t)im->w);
	put32(ihdr + 4, (uint32_t)im->h);
	ihdr[8] = 8, ihdr[9] = im->rgb ? 2 : 3;
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	if (fwrite(sig, 1, 8, f) != 8 || png_chunk(f, "IHDR", ihdr, 13) < 0)
		rc = -1;
	if (!im->rgb) {
		for (i = 0; i < im->npal; i++) {
			plte[3 * i] = im->pal[i] >> 16;
			plte[3 * i + 1] = im->pal[i] >> 8 & 0xff;
			plte[3 * i + 2] = im->pal[i] & 0xff;
		}
		if (png_chunk(f, "PLTE", plte, 3 * im->npal) < 0)
			rc = -1;
	}
	/* 100 dpi, as the lesson's figure: 3937 pixels per metre */
	put32(phys, 3937);
	put32(phys + 4, 3937);
	phys[8] = 1;
	if (png_chunk(f, "pHYs", phys, 9) < 0 ||
	    png_chunk(f, "IDAT", b.buf, b.len) < 0 ||
	    png_chunk(f, "IEND", NULL, 0) < 0)
		rc = -1;
	free(b.buf);
	return rc;
}
