/*
 * The tokenizer, in two paths that cut the same words.
 *
 * Fast path: each read is classified 64 bytes at a time into two bitmasks,
 * ASCII separators and where an ASCII word stops (a separator or a
 * non-ASCII byte), and its ASCII letters are lower-cased in place.  Word
 * starts come from the masks one block at a time, a word's end is one bit
 * scan away, and the word is handed out as a slice of the read buffer,
 * copied nowhere.  Anything else (a non-ASCII byte near a word, a word of
 * more than 64 bytes or cut by the end of the buffer, the first bytes of
 * the input) goes to the slow path, which works byte by byte and does
 * Unicode white space and lower-casing exactly; the fast path then picks
 * up where it stopped.
 *
 * The classification uses AVX2 where the CPU has it, else portable C that
 * gives the same masks.  Two environment knobs, read once, for the tests:
 * WC_NO_SIMD=1 (any value but empty or 0) forces the portable C;
 * WC_TOK_READ=n (1 to 65536) caps every read at n bytes, so that words,
 * BOMs and multi-byte spaces straddle reads.
 */
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) && defined(__x86_64__)
#define TOK_AVX2 1
#include <immintrin.h>
#include "compat.h"
#define HAS_AVX2() compat_cpu_avx2()
#endif

#include "casetab.h"
#include "err.h"
#include "num.h"
#include "tok.h"
#include "xalloc.h"

/* 64 KiB reads.  zlib copies them through its own buffers; reads of 256
 * KiB or more would go straight into ours, but touch more pages, and here a
 * page fault costs more than the copy.  A word still unfinished at the end
 * of the buffer slides to the front with what follows it: up to TOK_KEEP
 * bytes; a longer word is copied out by the slow path as it goes. */
enum { TOK_READ = 64 * 1024, TOK_KEEP = 16 * 1024 };
enum { TOK_CAP = TOK_READ + TOK_KEEP, TOK_PAD = 64 };
/* Bytes of each mask array: one bit a byte, two sentinel words, 64-aligned. */
enum { TOK_MASKB = ((TOK_CAP / 64 + 2) * 8 + 63) / 64 * 64 };
/* The buffer is one allocation: tok_next's cursor, separator mask, stop
 * mask, then the bytes; t->buf points at the bytes.  (struct tok is the
 * lib's public face; the cursor lives here to leave it as it was.) */
enum { TOK_HEAD = 64 + 2 * TOK_MASKB };
struct cursor {
	size_t base;		/* offset of the 64-byte block of starts */
	uint64_t starts;	/* word starts not yet handed out there */
};
#define CURSOR(t)	((struct cursor *)(void *)((t)->buf - TOK_HEAD))
#define SEPM(t)	((uint64_t *)(void *)((t)->buf - 2 * TOK_MASKB))
#define STOPM(t)	((uint64_t *)(void *)((t)->buf - TOK_MASKB))

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
			return (p[2] >= 0x80 && p[2] <= 0x8a) || p[2] == 0xa8 ||
			    p[2] == 0xa9 || p[2] == 0xaf ? 3 : 0;
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
tok_lower(const unsigned char *s, size_t n, unsigned char *out)
{
	size_t i = 0, o = 0, len, k;
	long last = -1;
	uint32_t cp;

	while (i < n) {
		if (!(len = utf8_decode(s + i, n - i, &cp))) {
			out[o++] = s[i++];
			last = -1;
			continue;
		}
		if (cp < 0x80)	/* no table: callable before tok_init */
			out[o++] = (unsigned char)(cp - 'A' < 26u ? cp + 32 : cp);
		else if (cp == 0x3a3)
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


typedef void classify_fn(unsigned char *, size_t, uint64_t *, uint64_t *);

/* classify_c: for nblk 64-byte blocks at p, a bit per byte in sep (ASCII
 * separator) and in stop (separator or byte >= 0x80, where an ASCII word
 * stops); ASCII letters lower-cased in place. */
static void
classify_c(unsigned char *p, size_t nblk, uint64_t *sep, uint64_t *stop)
{
	size_t b, i;

	for (b = 0; b < nblk; b++, p += 64) {
		uint64_t s = 0, h = 0;

		for (i = 0; i < 64; i++) {
			unsigned c = p[i];

			s |= (uint64_t)(cls[c] == S) << i;
			h |= (uint64_t)(c >> 7) << i;
			p[i] = lower_ascii[c];
		}
		sep[b] = s;
		stop[b] = s | h;
	}
}

#ifdef TOK_AVX2
/* Separators by nibbles: byte c is one when lo_set[c & 15] has bit c >> 4;
 * hi_bit[c >> 4] is that bit (none for c >= 0x80).  Both are repeated for
 * the two 128-bit lanes of vpshufb.  Filled from cls[] by tok_init. */
static unsigned char lo_set[32] __attribute__((aligned(32)));
static unsigned char hi_bit[32] __attribute__((aligned(32)));

__attribute__((target("avx2"))) static inline uint32_t
sep32(__m256i x, __m256i lo, __m256i hi)
{
	__m256i n = _mm256_and_si256(_mm256_srli_epi16(x, 4),
	    _mm256_set1_epi8(0x0f));
	__m256i k = _mm256_and_si256(_mm256_shuffle_epi8(lo, x),
	    _mm256_shuffle_epi8(hi, n));

	return ~(uint32_t)_mm256_movemask_epi8(
	    _mm256_cmpeq_epi8(k, _mm256_setzero_si256()));
}

/* Signed compares: bytes >= 0x80 are negative, so never upper case. */
__attribute__((target("avx2"))) static inline __m256i
lower32(__m256i x)
{
	__m256i up = _mm256_and_si256(
	    _mm256_cmpgt_epi8(x, _mm256_set1_epi8('A' - 1)),
	    _mm256_cmpgt_epi8(_mm256_set1_epi8('Z' + 1), x));

	return _mm256_or_si256(x, _mm256_and_si256(up, _mm256_set1_epi8(0x20)));
}

__attribute__((target("avx2"))) static void
classify_avx2(unsigned char *p, size_t nblk, uint64_t *sep, uint64_t *stop)
{
	const __m256i lo = _mm256_load_si256((const __m256i *)(void *)lo_set);
	const __m256i hi = _mm256_load_si256((const __m256i *)(void *)hi_bit);
	size_t b;

	for (b = 0; b < nblk; b++, p += 64) {
		__m256i x0 = _mm256_loadu_si256((__m256i *)(void *)p);
		__m256i x1 = _mm256_loadu_si256((__m256i *)(void *)(p + 32));

		uint64_t s = sep32(x0, lo, hi) |
		    (uint64_t)sep32(x1, lo, hi) << 32;

		sep[b] = s;
		stop[b] = s | (uint32_t)_mm256_movemask_epi8(x0) |
		    (uint64_t)(uint32_t)_mm256_movemask_epi8(x1) << 32;
		_mm256_storeu_si256((__m256i *)(void *)p, lower32(x0));
		_mm256_storeu_si256((__m256i *)(void *)(p + 32), lower32(x1));
	}
}
#endif

static classify_fn *classify;
static size_t readcap = TOK_READ;

static void
tok_setup(void)
{
	const char *s;
	uint64_t v;
	int c;

	for (c = 0; c < 256; c++)
		lower_ascii[c] = (unsigned char)(c >= 'A' && c <= 'Z' ?
		    c + 32 : c);
	if ((s = getenv("WC_TOK_READ")) && *s &&
	    num_u64(s, strlen(s), TOK_READ, &v) == NUM_OK && v > 0)
		readcap = (size_t)v;
	classify = classify_c;
#ifdef TOK_AVX2
	for (c = 0; c < 128; c++)
		if (cls[c] == S)
			lo_set[c & 15] = lo_set[16 + (c & 15)] |=
			    (unsigned char)(1u << (c >> 4));
	for (c = 0; c < 8; c++)
		hi_bit[c] = hi_bit[16 + c] = (unsigned char)(1u << c);
	s = getenv("WC_NO_SIMD");
	if (!(s && *s && strcmp(s, "0") != 0) &&
	    HAS_AVX2())
		classify = classify_avx2;
#endif
}

void
tok_init(struct tok *t, struct rd *r)
{
	unsigned char *mem;

	if (!classify)
		tok_setup();
	memset(t, 0, sizeof *t);
	t->rd = r;
	mem = aligned_alloc(64, TOK_HEAD + TOK_CAP + TOK_PAD);
	if (!mem)
		die("out of memory");
	t->buf = mem + TOK_HEAD;
	CURSOR(t)->base = 0;
	CURSOR(t)->starts = 0;
	t->wcap = 256;
	t->word = xmalloc(t->wcap);
}

void
tok_free(struct tok *t)
{
	if (t->buf)
		free(t->buf - TOK_HEAD);
	free(t->word);
	free(t->low);
	t->buf = t->word = t->low = NULL;
}

/* fill: keep the unread tail, read more, classify what is new; -1 on error.
 * The tail slides by a multiple of 64 so its masks slide by whole words.
 * Past the end: spaces to the next 64-byte boundary, then two sentinel
 * words (no separator, all stop) that end both scans of tok_next. */
static int
fill(struct tok *t)
{
	uint64_t *sep = SEPM(t), *stop = STOPM(t);
	size_t base = t->pos & ~(size_t)63, from, want, nw;
	ssize_t got;

	if (base) {
		nw = (t->end - base + 63) / 64;
		memmove(t->buf, t->buf + base, t->end - base);
		memmove(sep, sep + base / 64, nw * sizeof *sep);
		memmove(stop, stop + base / 64, nw * sizeof *stop);
		t->end -= base;
		t->pos -= base;
	}
	from = t->end / 64;
	want = TOK_CAP - t->end;
	if (want > readcap)
		want = readcap;
	got = rd_read(t->rd, t->buf + t->end, want);
	if (got < 0)
		return -1;
	if (got == 0)
		t->eof = 1;
	t->end += (size_t)got;
	/* Python's utf-8-sig drops a BOM, and also a whole input that is
	 * only the start of one (it waits for more bytes that never come). */
	if (!t->started && (t->end >= 3 || t->eof)) {
		t->started = 1;
		if (memcmp(t->buf, "\xef\xbb\xbf", t->end < 3 ? t->end : 3) == 0)
			t->pos = t->end < 3 ? t->end : 3;
	}
	memset(t->buf + t->end, ' ', TOK_PAD);
	nw = (t->end + 63) / 64;
	classify(t->buf + from * 64, nw - from, sep + from, stop + from);
	sep[nw] = sep[nw + 1] = 0;
	stop[nw] = stop[nw + 1] = ~(uint64_t)0;
	return 0;
}

/* slow_next: tok_next byte by byte from t->pos, exact for any input. */
static int
slow_next(struct tok *t, const unsigned char **w, size_t *n)
{
	const unsigned char *buf;
	size_t pos, end, wlen = 0;
	int high = 0, sl;

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

/* next_any: tok_next for any state: refills, BOM, non-ASCII bytes. */
static __attribute__((noinline)) int
next_any(struct tok *t, const unsigned char **w, size_t *n)
{
	const uint64_t *sep, *stop;
	size_t pos, start, done;
	uint64_t m;

	while (!t->started)	/* a leading BOM is dropped once 3 bytes are in */
		if (fill(t) < 0)
			return -1;
	sep = SEPM(t);
	stop = STOPM(t);
	/* Skip separators; a non-ASCII byte may be white space: slow path. */
	pos = t->pos;
	for (;;) {
		while (!(m = ~sep[pos / 64] >> (pos % 64)))
			pos = (pos | 63) + 1;
		pos += (size_t)__builtin_ctzll(m);
		if (pos < t->end)
			break;
		if (t->eof) {
			t->pos = t->end;
			return 0;
		}
		t->pos = t->end;
		if (fill(t) < 0)
			return -1;
		pos = t->pos;
	}
	t->pos = start = pos;
	if (t->buf[pos] >= 0x80)
		return slow_next(t, w, n);
	/* The word runs to the next separator; a non-ASCII byte in it
	 * sends the whole word to the slow path. */
	pos++;
	for (;;) {
		while (!(m = stop[pos / 64] >> (pos % 64)))
			pos = (pos | 63) + 1;
		pos += (size_t)__builtin_ctzll(m);
		if (pos < t->end) {
			if (t->buf[pos] < 0x80)
				break;
			return slow_next(t, w, n);
		}
		if (t->eof)
			break;
		if (t->end - (start & ~(size_t)63) > TOK_KEEP)
			return slow_next(t, w, n);
		done = t->end - start;
		if (fill(t) < 0)
			return -1;
		start = t->pos;
		pos = start + done;
	}
	t->pos = pos;
	*w = t->buf + start;
	*n = pos - start;
	return 1;
}

/* bits_at: the 64 bits of mask m from bit pos on, across two words, so
 * that a word or a run of separators of up to 64 bytes needs no loop; m
 * has a word after the one of any pos tok_next looks at. */
static inline uint64_t
bits_at(const uint64_t *m, size_t pos)
{
	size_t k = pos / 64, s = pos % 64;

	return m[k] >> s | (m[k + 1] << 1) << (63 - s);
}

/* starts_at: the bits of block k where a word may start: not a separator,
 * after a separator or a non-ASCII byte (or the start of the buffer).  A
 * word that starts after a non-ASCII byte may have begun before it: the
 * non-ASCII byte then has a start bit of its own, which comes first and
 * sends tok_next to next_any, past the whole word. */
static inline uint64_t
starts_at(const struct tok *t, size_t k)
{
	const uint64_t *sep = SEPM(t), *stop = STOPM(t);

	return ~sep[k] & (stop[k] << 1 | (k ? stop[k - 1] >> 63 : 1));
}

/* slow: next_any, then the cursor put back at t->pos, wherever that is. */
static __attribute__((noinline)) int
slow(struct tok *t, const unsigned char **w, size_t *n)
{
	struct cursor *c = CURSOR(t);
	int got = next_any(t, w, n);

	c->base = t->pos & ~(size_t)63;
	c->starts = starts_at(t, c->base / 64) & ~(uint64_t)0 << (t->pos & 63);
	return got;
}

/* The common case, kept free of calls so that it saves no registers: the
 * next start bit begins an ASCII word of up to 64 bytes that ends at a
 * separator within the buffer.  The starts of a block are taken one by
 * one, so one word's work does not wait on the last one's end.  Anything
 * else goes to slow, which starts over from t->pos, the last word's end. */
int
tok_next(struct tok *t, const unsigned char **w, size_t *n)
{
	struct cursor *c = CURSOR(t);
	uint64_t s = c->starts, m;
	size_t start, end, k;

	if (!s) {
		if (!t->started)
			return slow(t, w, n);
		k = c->base / 64;
		do {
			if (++k * 64 >= t->end)
				return slow(t, w, n);
		} while (!(s = starts_at(t, k)));
		c->base = k * 64;
	}
	start = c->base + (size_t)__builtin_ctzll(s);
	if (!(m = bits_at(STOPM(t), start + 1)))
		return slow(t, w, n);
	end = start + 1 + (size_t)__builtin_ctzll(m);
	if (end >= t->end || t->buf[start] >= 0x80 || t->buf[end] >= 0x80)
		return slow(t, w, n);
	c->starts = s & (s - 1);
	t->pos = end;
	*w = t->buf + start;
	*n = end - start;
	return 1;
}
