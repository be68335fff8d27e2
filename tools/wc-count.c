/*
 * wc-count: the lesson's wordcount.py, exactly, at the speed of reading.
 *
 * Reads text (plain or gzip; no operand or "-" is stdin) and writes the .dat
 * table: "word count percent" a line, counts descending, ties in order of
 * first occurrence, percent as Python's repr of (float(count) / total) * 100.
 * Words are cut and lower-cased by tools/lib/tok.c, the lesson's rules.
 * -m minlen drops words shorter than minlen code points after counting and
 * before the percentages, as wordcount.py's third argument does.  -b keeps
 * a text's leading byte-order mark as part of its first word, as the
 * lesson's code counts it when run as it ships.  -M reads
 * .dat tables instead and merges them: counts summed, ties in order of first
 * appearance across the inputs, percentages recomputed.  -u writes the
 * table in first-occurrence order instead of by count: an intermediate of a
 * merge in parts, whose final -M then orders ties as one -M over all
 * inputs would.  -F list reads more operands from list, one a line.
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
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arglist.h"
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
	uint64_t lenhash;	/* length | hash << 32: one compare for both */
};

static inline size_t
elen(const struct entry *e)
{
	return (uint32_t)e->lenhash;
}

/* Open addressing, linear probing, at most half full.  A slot holds an
 * entry's index + 1: 4 bytes, so that the table touches few pages. */
static uint32_t *slots;
static size_t nslots, slotcap;
static struct entry *ent;
static size_t nent, entcap;
static unsigned char *arena;
static size_t arenalen, arenacap;
static uint64_t seed;
static int first_order;	/* -u */
static int keep_bom;	/* -b */

/* The tables start at this many bytes, which glibc's malloc maps apart
 * (its threshold is 128 KiB): growing one is then an mremap that neither
 * copies nor touches a page, and untouched pages cost nothing. */
enum { BIG = 256 * 1024 };

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

/* hash_short: the hash of a word of n <= 8 bytes whose bytes, zero-padded,
 * are head. */
static inline uint32_t
hash_short(uint64_t head, size_t n, uint64_t sd)
{
	uint64_t h = mum(head ^ sd, n ^ 0x9e3779b97f4a7c15u);

	return (uint32_t)(h ^ h >> 32);
}

/* hash_long: the hash of a word of n > 8 bytes; 8 bytes past it are
 * readable.  One multiply for up to 16 bytes. */
static uint32_t
hash_long(const unsigned char *p, size_t n, uint64_t sd)
{
	uint64_t h, v = load8(p, 8);

	if (n <= 16) {
		h = mum(v ^ sd, load8(p + 8, n - 8) ^ 0x9e3779b97f4a7c15u ^ n);
	} else {
		h = sd ^ n;
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

/* head_of: the first bytes of word p (n > 0 bytes, 8 more readable),
 * zero-padded: the whole of a word of up to 8 bytes, without a branch. */
static inline uint64_t
head_of(const unsigned char *p, size_t n)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return n >= 8 ? v : v & (((uint64_t)2 << (8 * n - 1)) - 1);
}

/* grow: room for need elements of size sz in *p (capacity *cap). */
static void *
grow(void *p, size_t *cap, size_t need, size_t sz)
{
	size_t n = *cap ? *cap : BIG / sz;

	while (n < need)
		n *= 2;
	if (n != *cap) {
		p = xreallocarray(p, n, sz);
		*cap = n;
	}
	return p;
}

/* huge_alloc: n bytes or more (*n updated) in whole 2 MiB pages, which
 * Linux backs with transparent huge pages when asked: here a fault costs
 * 0.11 ms a MiB against 1.3 ms in 4 KiB pages.  NULL where there are none
 * or the space is refused (the caller then grows as usual). */
static void *
huge_alloc(size_t *n)
{
#ifdef MADV_HUGEPAGE
	enum { HUGE = 2 << 20 };
	size_t len = (*n + HUGE - 1) & ~(size_t)(HUGE - 1);
	void *p = aligned_alloc(HUGE, len);

	if (p && madvise(p, len, MADV_HUGEPAGE) == 0) {
		*n = len;
		return p;
	}
	free(p);
#else
	(void)n;
#endif
	return NULL;
}

/* prepare: before the first word of a text of size bytes (a regular
 * file's), so big that its vocabulary will fill many pages: the slots and
 * the entries in huge pages, with room for as many entries as it can have
 * words (the pages are touched only as they fill). */
static void
prepare(uint64_t size)
{
	enum { HUGE_FROM = 1 << 20, MAX_ENT = (64 << 20) / sizeof(struct entry) };
	size_t n = 2 << 20, cap;
	void *p;

	if (size < HUGE_FROM || nent || entcap)
		return;
	if ((p = huge_alloc(&n))) {
		free(slots);
		slots = p;
		slotcap = n / sizeof *slots;
		memset(slots, 0, nslots * sizeof *slots);
	}
	cap = size / 2 < MAX_ENT ? (size_t)(size / 2) : MAX_ENT;
	n = cap * sizeof *ent;
	if ((p = huge_alloc(&n))) {
		ent = p;
		entcap = n / sizeof *ent;
	}
}

/* grow_table: double the table in place and put every word back from the
 * entries, which keep their hashes: no old and new table side by side, so
 * the pages touched are those of the final table only. */
static void
grow_table(void)
{
	size_t i, j, n = nslots ? nslots * 2 : 1 << 12;

	slots = grow(slots, &slotcap, n, sizeof *slots);
	memset(slots, 0, n * sizeof *slots);
	for (i = 0; i < nent; i++) {
		for (j = (ent[i].lenhash >> 32) & (n - 1); slots[j];
		    j = (j + 1) & (n - 1))
			;
		slots[j] = (uint32_t)(i + 1);
	}
	nslots = n;
}

/* insert: word w (n bytes, hash h) into empty slot j, counted c. */
static __attribute__((noinline)) void
insert(const unsigned char *w, size_t n, uint32_t h, uint64_t c, size_t j)
{
	struct entry *p;

	if (nent == UINT32_MAX - 1)
		die("more than %u distinct words", UINT32_MAX - 1);
	if (n > UINT32_MAX)
		die("a word of more than %u bytes", UINT32_MAX);
	if (nent == entcap)
		ent = grow(ent, &entcap, nent + 1, sizeof *ent);
	p = &ent[nent];
	p->key = head_of(w, n);
	p->count = c;
	p->lenhash = n | (uint64_t)h << 32;
	if (n > 8) {	/* 8 bytes past each word stay readable, for word_eq */
		if (arenacap - arenalen < n + 8)
			arena = grow(arena, &arenacap, arenalen + n + 8, 1);
		if (n <= 16) {	/* w + n + 8 is readable */
			memcpy(arena + arenalen, w, 8);
			memcpy(arena + arenalen + 8, w + 8, 8);
		} else {
			memcpy(arena + arenalen, w, n);
		}
		p->key = arenalen;
		arenalen += n;
	}
	slots[j] = (uint32_t)++nent;
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

/* hash_of: the hash of word w (n > 0 bytes, 8 more readable) and its
 * head (0 for a word of more than 8 bytes). */
static inline uint32_t
hash_of(const unsigned char *w, size_t n, uint64_t *head, uint64_t sd)
{
	if (n <= 8) {
		*head = head_of(w, n);
		return hash_short(*head, n, sd);
	}
	*head = 0;
	return hash_long(w, n, sd);
}

/* lookup: the entry of word w (n bytes, hash h, head as hash_of gives),
 * or NULL with the empty slot where it goes in *j. */
static inline struct entry *
lookup(const unsigned char *w, size_t n, uint32_t h, uint64_t head,
    size_t *j)
{
	const uint64_t lh = n | (uint64_t)h << 32;
	const size_t mask = nslots - 1;
	struct entry *p;
	size_t k;
	uint32_t s;

	for (k = h & mask; (s = slots[k]); k = (k + 1) & mask) {
		p = &ent[s - 1];
		if (p->lenhash == lh && (n <= 8 ? p->key == head :
		    word_eq(p, w, n)))
			return p;
	}
	*j = k;
	return NULL;
}

/* add: count c more of word w (n > 0 bytes, 8 more readable); 0, or -1
 * if its count overflows. */
static int
add(const unsigned char *w, size_t n, uint64_t c)
{
	struct entry *p;
	uint64_t head;
	uint32_t h = hash_of(w, n, &head, seed);
	size_t j = 0;	/* set by lookup; said so for -Wmaybe-uninitialized */

	if (!(p = lookup(w, n, h, head, &j))) {
		insert(w, n, h, c, j);
		return 0;
	}
	if (p->count > UINT64_MAX - c)
		return -1;
	p->count += c;
	return 0;
}

/* put_word: the word of entry e to buf. */
static size_t
put_word(const struct entry *e, unsigned char *buf)
{
	memcpy(buf, elen(e) <= 8 ? (const unsigned char *)&e->key :
	    arena + e->key, elen(e));
	return elen(e);
}

/* count_words: one more of each of the n words of v.  The hot loop of
 * the tool, so the table is in registers and a word of up to 8 bytes, most
 * of them, is found with one multiply, one slot and one entry.  (Asking
 * for the slots and entries of the words ahead, with prefetches, made it
 * slower: a book's table mostly fits the 1 MiB L2 cache.) */
static void
count_words(const struct tok_word *v, size_t n, const char *path)
{
	const struct tok_word *end = v + n;
	const uint64_t sd = seed;
	const uint32_t *sl = slots;
	struct entry *e = ent, *p;
	size_t mask = nslots - 1, k, len;
	uint64_t head, lh;
	uint32_t h, s;

	for (; v < end; v++) {
		len = v->n;
		if (len > 8) {	/* may grow the table */
			if (add(v->p, len, 1) < 0)
				die("%s: a count overflows", path);
			sl = slots;
			e = ent;
			mask = nslots - 1;
			continue;
		}
		head = head_of(v->p, len);
		h = hash_short(head, len, sd);
		lh = len | (uint64_t)h << 32;
		for (k = h & mask; (s = sl[k]); k = (k + 1) & mask) {
			p = &e[s - 1];
			if (p->lenhash == lh && p->key == head)
				break;
		}
		if (!s) {
			insert(v->p, len, h, 1, k);
			sl = slots;
			e = ent;
			mask = nslots - 1;
		} else if (++p->count == 0) {
			die("%s: a count overflows", path);
		}
	}
}

static int
count_text(const char *path)
{
	const struct tok_word *v;
	struct stat st;
	struct rd r;
	struct tok t;
	size_t n;
	int got;

	if (rd_open(&r, path) < 0)
		return -1;
	if (!r.gz && fstat(r.fd, &st) == 0 && S_ISREG(st.st_mode))
		prepare((uint64_t)st.st_size);
	tok_init(&t, &r);
	t.keep_bom = keep_bom;
	while ((got = tok_words(&t, &v, &n)) > 0)
		count_words(v, n, r.path);
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

	if (cap < elen(e)) {
		cap = 2 * elen(e);
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
		if (minlen > 1 && elen(&ent[i]) < minlen * 4 &&
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
	if (first_order) {	/* -u: a partial merge must keep this order */
		for (i = 0; i < nent; i++)
			if (ent[i].count)
				out[k++] = (uint32_t)i;
		return out;
	}
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
		need = elen(e) + slen;
		if (BUFSZ - blen < need) {
			fwrite(buf, 1, blen, f);
			blen = 0;
			if (need > BUFSZ) {	/* a giant word */
				fwrite(arena + e->key, 1, elen(e), f);
				fwrite(suf, 1, slen, f);
				continue;
			}
		}
		if (elen(e) <= 8)
			memcpy(buf + blen, &e->key, 8);
		else if (elen(e) <= 16)	/* 8 bytes past it are readable */
			memcpy(buf + blen, arena + e->key, 16);
		else
			memcpy(buf + blen, arena + e->key, elen(e));
		blen += elen(e);
		memcpy(buf + blen, suf, ROOM);
		blen += slen;
	}
	fwrite(buf, 1, blen, f);
	free(buf);
	free(idx);
	return 0;
}

/* -F: arglist_each's callbacks */
static int
listed_dat(const char *path, void *arg)
{
	(void)arg;
	return merge_dat(path);
}

static int
listed_text(const char *path, void *arg)
{
	(void)arg;
	return count_text(path);
}

static const char usage_text[] =
    "usage: wc-count [-bMu] [-F list] [-m minlen] [-o out] [file ...]\n";

int
main(int argc, char **argv)
{
	const char *outpath = NULL, *list = NULL;
	struct outfile o;
	size_t minlen = 1;
	int c, i, merge = 0, status = 0;
	FILE *f;

	setprogname(argv[0]);
	usage_set(usage_text);
	while ((c = opt_get(argc, argv, "F:Mbhm:o:u")) != -1) {
		switch (c) {
		case 'F':
			list = optarg;
			break;
		case 'b':
			keep_bom = 1;
			break;
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
		case 'u':
			first_order = 1;
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
	if (argc == 0 && !list)
		status = (merge ? merge_dat : count_text)(NULL) < 0;
	for (i = 0; i < argc; i++)
		if ((merge ? merge_dat : count_text)(argv[i]) < 0)
			status = 1;
	if (list && arglist_each(list, merge ? listed_dat : listed_text,
	    NULL) < 0)
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
