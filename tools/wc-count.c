/*
 * wc-count: the lesson's wordcount.py, exactly, at the speed of reading.
 *
 * Reads text (plain or gzip; no operand or "-" is stdin) and writes the .dat
 * table: "word count percent" a line, counts descending, ties in order of
 * first occurrence, percent as Python's repr of (float(count) / total) * 100.
 * Words are cut and lower-cased by tools/lib/tok.c, the lesson's rules.
 * -m minlen drops words shorter than minlen code points after counting and
 * before the percentages, as wordcount.py's third argument does.  -M reads
 * .dat tables instead and merges them: counts summed, ties in order of first
 * appearance across the inputs, percentages recomputed.
 *
 * Memory grows with the vocabulary, never with the input: the text streams.
 * Exit status: 0; 1 if an input could not be read or was malformed (no
 * output is written then); 2 for bad usage.
 * Limits: 2^32 - 1 distinct words; counts and their total are 64-bit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "dat.h"
#include "err.h"
#include "num.h"
#include "outfile.h"
#include "pyfloat.h"
#include "rd.h"
#include "tok.h"
#include "usage.h"
#include "xalloc.h"

/* 24 bytes: the entries of a book's vocabulary are most of the memory
 * touched, and each page touched costs a fault. */
struct entry {
	uint64_t key;		/* a word of up to 8 bytes, zero-padded;
				 * a longer one's offset in the arena */
	uint64_t count;
	uint32_t len;
	uint32_t hash;		/* so the table grows without its old copy */
};

/* Open addressing, linear probing, at most half full.  A slot holds the
 * word's 32-bit hash and its entry index + 1, so a probe that misses never
 * touches the entries. */
static uint64_t *slots;
static size_t nslots;
static struct entry *ent;
static size_t nent, entcap;
static unsigned char *arena;
static size_t arenalen, arenacap;
static uint64_t seed;

/* load8: the n < 8 bytes at p, zero-padded; 8 bytes at p are readable. */
static inline uint64_t
load8(const unsigned char *p, size_t n)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return n >= 8 ? v : v & ((UINT64_C(1) << (8 * n)) - 1);
}

/* mum: the 128-bit product of a and b folded to 64 bits, one multiply
 * that mixes every input bit into the low bits the table uses. */
static inline uint64_t
mum(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
	unsigned __int128 r = (unsigned __int128)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
#else
	uint64_t r = a * (b | 1);

	return r ^ r >> 29 ^ (b ^ b >> 31) * 0x94d049bb133111ebu;
#endif
}

/* hash_word: also returns the word's head; 8 bytes after it are readable.
 * Most words are short: one multiply for up to 16 bytes. */
static inline uint32_t
hash_word(const unsigned char *p, size_t n, uint64_t *head)
{
	uint64_t h, v = load8(p, n);

	*head = v;
	if (n <= 8) {
		h = mum(v ^ seed, n ^ 0x9e3779b97f4a7c15u);
	} else if (n <= 16) {
		h = mum(v ^ seed, load8(p + 8, n - 8) ^ 0x9e3779b97f4a7c15u ^ n);
	} else {
		h = seed ^ n;
		for (;;) {
			h = mum(v ^ h, (n > 8 ? load8(p + 8, n - 8) : 0) ^
			    0xbf58476d1ce4e5b9u);
			if (n <= 16)
				break;
			p += 16;
			n -= 16;
			v = load8(p, n);
		}
	}
	return (uint32_t)(h ^ h >> 32);
}

/* grow_table: double the table in place and put every word back from the
 * entries, which keep their hashes: no old and new table side by side, so
 * the pages touched are those of the final table only (a page fault costs
 * more here than the probes). */
static void
grow_table(void)
{
	size_t i, j, n = nslots ? nslots * 2 : 1 << 12;

	slots = xreallocarray(slots, n, sizeof *slots);
	memset(slots, 0, n * sizeof *slots);
	for (i = 0; i < nent; i++) {
		for (j = ent[i].hash & (n - 1); slots[j]; j = (j + 1) & (n - 1))
			;
		slots[j] = (uint64_t)ent[i].hash << 32 | (uint32_t)(i + 1);
	}
	nslots = n;
}

/* insert: word w (n bytes, hash h, head) into empty slot j, counted c. */
static __attribute__((noinline)) void
insert(const unsigned char *w, size_t n, uint32_t h, uint64_t head,
    uint64_t c, size_t j)
{
	struct entry *p;

	if (nent == UINT32_MAX - 1)
		die("more than %u distinct words", UINT32_MAX - 1);
	if (n > UINT32_MAX)
		die("a word of more than %u bytes", UINT32_MAX);
	if (nent == entcap) {
		entcap = entcap ? entcap * 2 : 1 << 12;
		ent = xreallocarray(ent, entcap, sizeof *ent);
	}
	p = &ent[nent];
	p->key = head;
	p->count = c;
	p->len = (uint32_t)n;
	p->hash = h;
	if (n > 8) {	/* 8 bytes past each word stay readable, for word_eq */
		if (arenacap - arenalen < n + 8) {
			while (arenacap - arenalen < n + 8)
				arenacap = arenacap ? arenacap * 2 : 1 << 16;
			arena = xrealloc(arena, arenacap);
		}
		if (n <= 16) {	/* w + n + 8 is readable */
			memcpy(arena + arenalen, w, 8);
			memcpy(arena + arenalen + 8, w + 8, 8);
		} else {
			memcpy(arena + arenalen, w, n);
		}
		p->key = arenalen;
		arenalen += n;
	}
	slots[j] = (uint64_t)h << 32 | (uint32_t)++nent;
	if (nent * 2 > nslots)
		grow_table();
}

/* word_eq: word w of n > 8 bytes is the one of entry p (same n). */
static inline int
word_eq(const struct entry *p, const unsigned char *w, size_t n)
{
	const unsigned char *a = arena + p->key;

	if (n <= 16)
		return load8(a, 8) == load8(w, 8) &&
		    load8(a + 8, n - 8) == load8(w + 8, n - 8);
	return memcmp(a, w, n) == 0;
}

/* add: count c more of word w (n bytes, 8 more readable); 0, or -1 if its
 * count overflows.  Inline, and the insertion apart, so that the common
 * case, a word already there, costs no call. */
static inline __attribute__((always_inline)) int
add(const unsigned char *w, size_t n, uint64_t c)
{
	uint64_t head, s;
	uint32_t h = hash_word(w, n, &head);
	size_t j = h & (nslots - 1);
	struct entry *p;

	while ((s = slots[j])) {
		if ((uint32_t)(s >> 32) == h) {
			p = &ent[(uint32_t)s - 1];
			if (p->len == n &&
			    (n <= 8 ? p->key == head : word_eq(p, w, n))) {
				if (p->count > UINT64_MAX - c)
					return -1;
				p->count += c;
				return 0;
			}
		}
		j = (j + 1) & (nslots - 1);
	}
	insert(w, n, h, head, c, j);
	return 0;
}

/* put_word: the word of entry e to buf. */
static size_t
put_word(const struct entry *e, unsigned char *buf)
{
	memcpy(buf, e->len <= 8 ? (const unsigned char *)&e->key :
	    arena + e->key, e->len);
	return e->len;
}

static int
count_text(const char *path)
{
	const unsigned char *w;
	struct rd r;
	struct tok t;
	size_t n;
	int got;

	if (rd_open(&r, path) < 0)
		return -1;
	tok_init(&t, &r);
	while ((got = tok_next(&t, &w, &n)) > 0)
		if (add(w, n, 1) < 0)
			die("%s: a count overflows", r.path);
	tok_free(&t);
	rd_close(&r);
	return got;
}

static int
merge_dat(const char *path)
{
	static unsigned char *pad;
	static size_t padcap;
	struct dat_row row;
	struct rd r;
	int got;

	if (dat_open(&r, path) < 0)
		return -1;
	while ((got = dat_next(&r, &row)) > 0) {
		if (padcap < row.wlen + 8) {	/* add reads 8 bytes past */
			padcap = 2 * row.wlen + 8;
			pad = xrealloc(pad, padcap);
		}
		memcpy(pad, row.word, row.wlen);
		if (add(pad, row.wlen, row.count) < 0) {
			warnx_("%s:%llu: count of \"%.*s\" overflows", r.path,
			    (unsigned long long)row.lineno,
			    (int)(row.wlen > 40 ? 40 : row.wlen), row.word);
			got = -1;
			break;
		}
	}
	rd_close(&r);
	return got;
}

static size_t
word_cplen(const struct entry *e)
{
	static unsigned char *w;
	static size_t cap;

	if (cap < e->len) {
		cap = 2 * e->len;
		w = xrealloc(w, cap);
	}
	return tok_cplen(w, put_word(e, w));
}

static int
by_count(const void *a, const void *b)
{
	const uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (ent[x].count != ent[y].count)
		return ent[x].count < ent[y].count ? 1 : -1;
	return x < y ? -1 : x > y;
}

/* order: the kept entries by count descending, ties by first occurrence.
 * A counting sort for the small counts, which are nearly all of them. */
static uint32_t *
order(size_t minlen, size_t *nkept, uint64_t *total)
{
	enum { SMALL = 1 << 12 };	/* 32 KiB of buckets: few pages */
	uint32_t *out, *big;
	size_t *start, i, nbig = 0, k = 0, c;
	uint64_t maxc = 0, sum = 0;

	*nkept = 0;
	for (i = 0; i < nent; i++) {
		if (minlen > 1 && ent[i].len < minlen * 4 &&
		    word_cplen(&ent[i]) < minlen) {
			ent[i].count = 0;
			continue;
		}
		if (sum > UINT64_MAX - ent[i].count)
			die("the total count overflows");
		sum += ent[i].count;
		if (ent[i].count > maxc)
			maxc = ent[i].count;
		++*nkept;
	}
	*total = sum;
	out = xmalloc((*nkept + 1) * sizeof *out);
	c = maxc < SMALL ? (size_t)maxc : SMALL;
	start = xcalloc(c + 2, sizeof *start);
	big = xmalloc((*nkept + 1) * sizeof *big);
	for (i = 0; i < nent; i++) {
		if (!ent[i].count)
			continue;
		if (ent[i].count > c)
			big[nbig++] = (uint32_t)i;
		else
			start[c - ent[i].count + 1]++;
	}
	qsort(big, nbig, sizeof *big, by_count);
	memcpy(out, big, nbig * sizeof *big);
	k = nbig;
	for (i = 0; i <= c; i++) {	/* start[i]: first slot of count c - i */
		size_t n = start[i + 1];

		start[i + 1] = k;
		k += n;
	}
	for (i = 0; i < nent; i++)
		if (ent[i].count && ent[i].count <= c)
			out[start[c - ent[i].count + 1]++] = (uint32_t)i;
	free(start);
	free(big);
	return out;
}

/* write_table: a line is the word and " count percent\n", the same for a
 * run of equal counts, so that part is made once a run; both are copied in
 * whole words, the buffer having room past its end. */
static int
write_table(FILE *f, size_t minlen)
{
	enum { BUFSZ = 1 << 16, ROOM = 64 };
	uint32_t *idx;
	uint64_t total, last = 0;
	size_t nkept, i, slen = 0, blen = 0;
	char pct[PYFLOAT_MAX], suf[ROOM], *buf;

	idx = order(minlen, &nkept, &total);
	buf = xmalloc(BUFSZ + ROOM);
	for (i = 0; i < nkept; i++) {
		struct entry *e = &ent[idx[i]];
		size_t need;

		if (e->count != last) {	/* sorted: equal counts are adjacent */
			char num[24];
			size_t nlen = 0, plen;
			uint64_t c = last = e->count;

			plen = pyfloat_repr(((double)c / (double)total) * 100.0,
			    pct);
			do
				num[sizeof num - ++nlen] = (char)('0' + c % 10);
			while (c /= 10);
			suf[0] = ' ';
			memcpy(suf + 1, num + sizeof num - nlen, nlen);
			suf[nlen + 1] = ' ';
			memcpy(suf + nlen + 2, pct, plen);
			suf[nlen + plen + 2] = '\n';
			slen = nlen + plen + 3;
		}
		need = e->len + slen;
		if (BUFSZ - blen < need) {
			fwrite(buf, 1, blen, f);
			blen = 0;
			if (need > BUFSZ) {	/* a giant word */
				fwrite(arena + e->key, 1, e->len, f);
				fwrite(suf, 1, slen, f);
				continue;
			}
		}
		if (e->len <= 8)
			memcpy(buf + blen, &e->key, 8);
		else if (e->len <= 16)	/* 8 bytes past it are readable */
			memcpy(buf + blen, arena + e->key, 16);
		else
			memcpy(buf + blen, arena + e->key, e->len);
		blen += e->len;
		memcpy(buf + blen, suf, ROOM);
		blen += slen;
	}
	fwrite(buf, 1, blen, f);
	free(buf);
	free(idx);
	return 0;
}

static const char usage_text[] =
    "usage: wc-count [-M] [-m minlen] [-o out] [file ...]\n";

int
main(int argc, char **argv)
{
	const char *outpath = NULL;
	struct outfile o;
	size_t minlen = 1;
	int c, i, merge = 0, status = 0;
	FILE *f;

	setprogname(argv[0]);
	usage_set(usage_text);
	while ((c = opt_get(argc, argv, "Mhm:o:")) != -1) {
		switch (c) {
		case 'M':
			merge = 1;
			break;
		case 'h':
			usage_exit(0);
		case 'm':
			minlen = (size_t)num_arg(optarg, 1, INT32_MAX, "minlen");
			break;
		case 'o':
			outpath = optarg;
			break;
		default:
			usage_exit(2);
		}
	}
	argc -= optind;
	argv += optind;
	/* A per-process random hash seed: crafted input cannot aim collisions. */
	compat_random(&seed, sizeof seed);
	grow_table();
	if (argc == 0)
		status = (merge ? merge_dat : count_text)(NULL) < 0;
	for (i = 0; i < argc; i++)
		if ((merge ? merge_dat : count_text)(argv[i]) < 0)
			status = 1;
	if (status)
		return 1;
	if (!(f = outfile_open(&o, outpath)))
		return 1;
	if (f != stdout)
		setvbuf(f, NULL, _IOFBF, 1 << 16);
	write_table(f, minlen);
	if (outfile_commit(&o) < 0)
		return 1;
	out_check();
	return 0;
}
