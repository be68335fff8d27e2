/*
 * The tokenizer, in two paths that cut the same words.
 *
 * Fast path: each read is classified 64 bytes at a time into two bitmasks,
 * ASCII separators and where an ASCII word stops (a separator or a
 * non-ASCII byte), and its ASCII letters are lower-cased in place.  The
 * runs of ASCII word bytes then come out of the masks a block at a time:
 * their starts and ends are two masks whose bits pair up in order, so a
 * word costs two bit scans and is handed out, in a batch, as a slice of
 * the read buffer, copied nowhere.  Anything else (a non-ASCII byte, a
 * word of more than TOK_KEEP bytes, the first bytes of the input) goes to
 * the slow path, which works byte by byte and does Unicode white space and
 * lower-casing exactly; the fast path then picks up where it stopped.
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

#include "err.h"
#include "num.h"
#include "tok.h"
#include "utf8.h"
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
/* A batch: a block of 64 bytes adds at most 33 words to one not yet full. */
enum { TOK_BATCH = 256, TOK_VCAP = TOK_BATCH + 40 };
enum { TOK_VB = (TOK_VCAP * sizeof(struct tok_word) + 63) / 64 * 64 };

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
	if (HAS_AVX2())		/* 0 under WC_NO_SIMD too */
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
	/* One allocation, 64-aligned: the batch, the two masks, the bytes. */
	mem = aligned_alloc(64, TOK_VB + 2 * TOK_MASKB + TOK_CAP + TOK_PAD);
	if (!mem)
		die("out of memory");
	t->mem = mem;
	t->v = (struct tok_word *)(void *)mem;
	t->sep = (uint64_t *)(void *)(mem + TOK_VB);
	t->stop = (uint64_t *)(void *)(mem + TOK_VB + TOK_MASKB);
	t->buf = mem + TOK_VB + 2 * TOK_MASKB;
	t->wcap = 256;
	t->word = xmalloc(t->wcap);
}

void
tok_free(struct tok *t)
{
	free(t->mem);
	free(t->word);
	free(t->low);
	t->mem = t->buf = t->word = t->low = NULL;
}

/* fill: keep the unread tail, read more, classify what is new; -1 on error.
 * The tail slides by a multiple of 64 so its masks slide by whole words.
 * Past the end: spaces to the next 64-byte boundary, then two sentinel
 * words (no separator, all stop). */
static int
fill(struct tok *t)
{
	uint64_t *sep = t->sep, *stop = t->stop;
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
		if (!t->keep_bom && memcmp(t->buf, "\xef\xbb\xbf", t->end < 3 ? t->end : 3) == 0)
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
			} else if ((sl = utf8_space(buf + pos, end - pos,
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
		    utf8_space(buf + pos, end - pos, t->eof) == 0))
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
			sl = utf8_space(buf + pos, end - pos, t->eof);
			if (sl != 0)
				break;
			high = 1;
			out[wlen++] = (unsigned char)c;
			pos++;
		}
		t->pos = pos;
		if (pos < end && (cls[buf[pos]] == S ||
		    utf8_space(buf + pos, end - pos, t->eof) > 0))
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
		*n = utf8_lower(t->word, wlen, t->low);
		*w = t->low;
	} else {
		*n = wlen;
		*w = t->word;
	}
	return 1;
}

/* Why fast stopped: a full batch, a non-ASCII byte, the end of the bytes. */
enum { F_FULL, F_HIGH, F_END };

/* fast: the ASCII words from t->pos on, added to the batch, up to a
 * non-ASCII byte, the end of the bytes read, or a full batch.  t->pos ends
 * after the last word taken: the slow path or the next fast starts there.
 * A word is a run of ASCII word bytes between separators, so a run is
 * taken only when it ends at a separator before the first non-ASCII byte;
 * one that ends at the end of the bytes is unfinished until the end of
 * the input.  Runs start where a word byte follows a stop and end where a
 * stop follows a word byte: in order, the two bit sets alternate. */
static int
fast(struct tok *t)
{
	const uint64_t *sep = t->sep, *stop = t->stop;
	const unsigned char *buf = t->buf;
	struct tok_word *v = t->v;
	size_t n = t->vn, last = t->pos, open = SIZE_MAX, k = t->pos / 64;
	size_t nblk = (t->end + 63) / 64, base, st, en;
	uint64_t first = ~(uint64_t)0 << (t->pos % 64), tail = ~(uint64_t)0;
	uint64_t prev = 0, a, hi, s, e;
	int why = F_END;

	/* A run reaching the end of the bytes goes on in the next read. */
	if (!t->eof && t->end % 64)
		tail = ((uint64_t)1 << (t->end % 64)) - 1;
	for (; k < nblk; k++, first = ~(uint64_t)0) {
		if (n >= TOK_BATCH) {
			why = F_FULL;
			break;
		}
		base = k * 64;
		a = ~stop[k] & first;
		hi = stop[k] & ~sep[k] & first;
		s = a & ~(a << 1 | prev);
		e = ~a & (a << 1 | prev);
		prev = a >> 63;
		if (k == nblk - 1)
			e &= tail;
		if (hi) {	/* only the runs that end before it */
			hi = (hi & -hi) - 1;
			s &= hi;
			e &= hi;
			why = F_HIGH;
		}
		if (open != SIZE_MAX && e) {
			en = base + (size_t)__builtin_ctzll(e);
			e &= e - 1;
			v[n].p = buf + open;
			v[n++].n = en - open;
			last = en;
			open = SIZE_MAX;
		}
		while (s) {
			st = base + (size_t)__builtin_ctzll(s);
			s &= s - 1;
			if (!e) {
				open = st;
				break;
			}
			en = base + (size_t)__builtin_ctzll(e);
			e &= e - 1;
			v[n].p = buf + st;
			v[n++].n = en - st;
			last = en;
		}
		if (why == F_HIGH)
			break;
	}
	if (why == F_END && open != SIZE_MAX) {
		if (t->eof) {	/* the text ends inside a run */
			v[n].p = buf + open;
			v[n++].n = t->end - open;
			last = t->end;
		} else {
			last = open;	/* unfinished: read more first */
		}
	} else if (why == F_END) {
		last = t->end;
	}
	t->pos = last;
	t->vn = n;
	return why;
}

int
tok_words(struct tok *t, const struct tok_word **v, size_t *n)
{
	const unsigned char *w;
	size_t len;
	int got;

	t->vn = t->vi = 0;
	while (!t->started)	/* a leading BOM is dropped once 3 bytes are in */
		if (fill(t) < 0)
			return -1;
	for (;;) {
		int why = fast(t);

		if (why == F_FULL || t->vn)
			break;	/* a refill would move the batch's words */
		if (why == F_END && t->eof)
			break;
		if (why == F_END &&
		    t->end - (t->pos & ~(size_t)63) <= TOK_KEEP) {
			if (fill(t) < 0)
				return -1;
			continue;
		}
		/* non-ASCII, or a word too long to slide: the next word the
		 * slow way, first in a batch that fast may go on with */
		if ((got = slow_next(t, &w, &len)) <= 0)
			return got;
		t->v[0].p = w;
		t->v[0].n = len;
		t->vn = 1;
	}
	*v = t->v;
	*n = t->vn;
	return t->vn > 0;
}

int
tok_next(struct tok *t, const unsigned char **w, size_t *n)
{
	const struct tok_word *v;
	size_t nv;
	int got;

	if (t->vi == t->vn && (got = tok_words(t, &v, &nv)) <= 0)
		return got;
	*w = t->v[t->vi].p;
	*n = t->v[t->vi++].n;
	return 1;
}
