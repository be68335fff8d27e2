/*
 * acf: the lesson's average word autocorrelation (autocorrelation.py),
 * byte for byte, at the speed of reading the book.
 *
 * Reads a book (plain or gzip, "-" is stdin) and its .dat table (wc-count's
 * output); takes the table's first words (-n, default 10) or the words given
 * with -w, and writes for t = 0 .. timesteps - 1 (-t, default 100) one CSV
 * line "%.18e,%.18e": t + 1 (the lesson's first column counts from 1) and
 * the average over the words of
 *
 *	acf_w[t] = #{ i : 1 <= i < N - t, words[i] == w == words[i + t] } / n_w
 *
 * where words[] is the book's N words (tools/lib/tok.c, so the words are
 * those wc-count counts), n_w the occurrences of w and index 0 is skipped as
 * the lesson's loop skips it.  The sum runs one word after another in the
 * order given, in double precision, then is divided by the number of words:
 * the same floating-point operations as numpy's, hence the same bytes.
 * -w names the words instead (lower-cased as the book's are); the .dat is
 * then optional, and only its top word is read, to check it.  -a adds one
 * column per word, after a header line "t,acf,word1,...".
 *
 * The book is streamed once; only the positions of the chosen words are
 * kept, and each word's pairs closer than timesteps are counted from its
 * list of positions.  Memory: 8 bytes per occurrence of a chosen word, plus
 * timesteps doubles, or the book's length if shorter (times the number of
 * words with -a).  Time: reading the book, plus for each occurrence the
 * occurrences of the same word that follow it within timesteps words.
 *
 * Exit status: 0 (also when the .dat has fewer words than asked: they are
 * used, and a note goes to stderr); 1 if an input cannot be read or is
 * malformed, a word never occurs in the book, or the .dat's top word is
 * absent from it (the table belongs to another book): no output is written
 * then; 2 for bad usage.  Lags at or past the book's length pair no words:
 * their rows are zeros, as the lesson's loop gives (a book of fewer than
 * timesteps words still has its timesteps rows).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "dat.h"
#include "err.h"
#include "num.h"
#include "outfile.h"
#include "rd.h"
#include "tok.h"
#include "usage.h"
#include "xalloc.h"

/* What separates words (tools/lib/tok.c), ASCII only. */
#define SPLITS	".,;:?$@^<>#%`!*-=()[]{}/\"' \t\n\v\f\r\x1c\x1d\x1e\x1f"

struct word {
	unsigned char *w;
	size_t n;
	uint64_t datcount;	/* its count in the .dat, 0 for -w words */
	uint64_t lineno;	/* of its .dat row */
	uint64_t *pos;		/* where it occurs in the book, ascending */
	size_t npos, cap;
	uint32_t hash;
	int chosen;
};

static struct word *uw;		/* distinct words, chosen or checked */
static size_t nuw, uwcap;
static size_t *sel;		/* the chosen words, in order, into uw */
static size_t nsel, selcap;
static uint32_t *slots;		/* open addressing; index + 1 into uw */
static size_t nslots;
static char **words;		/* given with -w */
static unsigned char first[256];	/* first bytes of the words */
static size_t minlen = SIZE_MAX, maxlen;

static uint32_t
hash_word(const unsigned char *p, size_t n)
{
	uint64_t h = n * 0x9e3779b97f4a7c15u, v;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&v, p, 8);
		h = (h ^ v) * 0xbf58476d1ce4e5b9u;
		h ^= h >> 31;
	}
	v = 0;
	memcpy(&v, p, n);
	h = (h ^ v) * 0x94d049bb133111ebu;
	h ^= h >> 29;
	return (uint32_t)(h ^ h >> 32);
}

static void
grow_table(void)
{
	size_t i, j, n = nslots ? nslots * 2 : 64;
	uint32_t *s = xcalloc(n, sizeof *s);

	for (i = 0; i < nuw; i++) {
		for (j = uw[i].hash & (n - 1); s[j]; j = (j + 1) & (n - 1))
			;
		s[j] = (uint32_t)(i + 1);
	}
	free(slots);
	slots = s;
	nslots = n;
}

static struct word *
lookup(const unsigned char *w, size_t n, uint32_t h)
{
	size_t j;
	uint32_t e;

	for (j = h & (nslots - 1); (e = slots[j]); j = (j + 1) & (nslots - 1))
		if (uw[e - 1].hash == h && uw[e - 1].n == n &&
		    memcmp(uw[e - 1].w, w, n) == 0)
			return &uw[e - 1];
	return NULL;
}

/* intern: the entry of word w, added if new. */
static struct word *
intern(const unsigned char *w, size_t n)
{
	uint32_t h = hash_word(w, n);
	struct word *p;
	size_t j;

	if ((p = lookup(w, n, h)))
		return p;
	if (nuw == UINT32_MAX - 1)
		die("too many words");
	if (nuw == uwcap) {
		uwcap = uwcap ? uwcap * 2 : 16;
		uw = xreallocarray(uw, uwcap, sizeof *uw);
	}
	p = &uw[nuw++];
	memset(p, 0, sizeof *p);
	p->w = xmalloc(n + 1);
	memcpy(p->w, w, n);
	p->w[n] = '\0';
	p->n = n;
	p->hash = h;
	if (n) {
		first[w[0]] = 1;
		if (n < minlen)
			minlen = n;
		if (n > maxlen)
			maxlen = n;
	}
	if (nuw * 2 > nslots) {
		grow_table();
	} else {
		for (j = h & (nslots - 1); slots[j]; j = (j + 1) & (nslots - 1))
			;
		slots[j] = (uint32_t)nuw;
	}
	return p;
}

static void
choose(struct word *p)
{
	if (nsel == selcap) {
		selcap = selcap ? selcap * 2 : 16;
		sel = xreallocarray(sel, selcap, sizeof *sel);
	}
	sel[nsel++] = (size_t)(p - uw);
	p->chosen = 1;
}

/* read_dat: the first nwant words of the table, chosen unless check_only
 * (with -w the top word is only checked against the book). */
static int
read_dat(const char *path, size_t nwant, int check_only)
{
	struct dat_row row;
	struct rd r;
	struct word *p;
	size_t got = 0;
	int rc = 0;

	if (dat_open(&r, path) < 0)
		return -1;
	while (got < nwant && (rc = dat_next(&r, &row)) > 0) {
		p = intern((const unsigned char *)row.word, row.wlen);
		if (!p->datcount) {
			p->datcount = row.count;
			p->lineno = row.lineno;
		}
		if (!check_only)
			choose(p);
		got++;
	}
	rd_close(&r);
	if (got < nwant && rc < 0)
		return -1;
	if (got == 0) {
		warnx_("%s: no words", path);
		return -1;
	}
	if (got < nwant)
		warnx_("%s: %zu word%s, fewer than the %zu asked: using %s",
		    path, got, got == 1 ? "" : "s", nwant,
		    got == 1 ? "it" : "them");
	return 0;
}

static void
add_pos(struct word *p, uint64_t i)
{
	if (p->npos == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->pos = xreallocarray(p->pos, p->cap, sizeof *p->pos);
	}
	p->pos[p->npos++] = i;
}

/* read_book: stream the book (open in r) once, noting where the words
 * occur, the nw words given with -w among them; -1 after a message, else
 * the book's number of words in *nwords. */
static int
read_book(struct rd *r, char **given, int nw, uint64_t *nwords)
{
	const unsigned char *w;
	unsigned char *low;
	struct word *p;
	struct tok t;
	uint64_t i = 0;
	size_t n;
	int got, k;

	tok_init(&t, r);
	/* The book's words are lower-cased, so the given ones are too (after
	 * tok_init: it sets up tok_lower's tables). */
	for (k = 0; k < nw; k++) {
		n = strlen(given[k]);
		low = xmalloc(3 * n + 1);
		choose(intern(low, tok_lower((unsigned char *)given[k], n,
		    low)));
		free(low);
	}
	while ((got = tok_next(&t, &w, &n)) > 0) {
		/* Most words fail the cheap tests and are never hashed. */
		if (first[w[0]] && n >= minlen && n <= maxlen &&
		    (p = lookup(w, n, hash_word(w, n))))
			add_pos(p, i);
		i++;
	}
	tok_free(&t);
	rd_close(r);
	*nwords = i;
	return got;
}

/* word_acf: acf_w[t] for t < steps, from the word's positions. */
static void
word_acf(const struct word *p, uint64_t steps, uint64_t *c, double *acf)
{
	const uint64_t *pos = p->pos;
	size_t j, k, n = p->npos;
	uint64_t t;

	memset(c, 0, steps * sizeof *c);
	c[0] = n - (pos[0] == 0);
	for (j = pos[0] == 0; j < n; j++)
		for (k = j + 1; k < n && pos[k] - pos[j] < steps; k++)
			c[pos[k] - pos[j]]++;
	for (t = 0; t < steps; t++)
		acf[t] = (double)c[t] / (double)n;
}

/* write_csv: rows for t < steps; the lags from live on (the book's length)
 * pair no words, so their rows are zeros, written without memory. */
static int
write_csv(const char *outpath, uint64_t steps, uint64_t live, int all)
{
	double *sum, *acf = NULL, *cols = NULL;
	uint64_t *c, t;
	struct outfile o;
	size_t j;
	FILE *f;

	sum = xcalloc(live, sizeof *sum);
	c = xmalloc(live * sizeof *c);
	if (all)
		cols = xreallocarray(NULL, nsel, live * sizeof *cols);
	else
		acf = xmalloc(live * sizeof *acf);
	/* One word after another, in the order given: numpy's order. */
	for (j = 0; j < nsel; j++) {
		if (all)
			acf = cols + j * live;
		word_acf(&uw[sel[j]], live, c, acf);
		for (t = 0; t < live; t++)
			sum[t] += acf[t];
	}
	if (!(f = outfile_open(&o, outpath))) {
		free(sum);
		free(c);
		free(all ? cols : acf);
		return -1;
	}
	if (all) {
		fputs("t,acf", f);
		for (j = 0; j < nsel; j++) {
			putc(',', f);
			csv_field(f, uw[sel[j]].w, uw[sel[j]].n);
		}
		putc('\n', f);
	}
	for (t = 0; t < steps; t++) {
		fprintf(f, "%.18e,%.18e", (double)(t + 1),
		    t < live ? sum[t] / (double)nsel : 0.0);
		if (all)
			for (j = 0; j < nsel; j++)
				fprintf(f, ",%.18e",
				    t < live ? cols[j * live + t] : 0.0);
		putc('\n', f);
	}
	free(c);
	free(sum);
	free(all ? cols : acf);
	return outfile_commit(&o);
}

/* check: every word occurs, the table belongs to the book; 0, or -1 after
 * the messages. */
static int
check(const char *book, const char *dat)
{
	const struct word *top = dat ? &uw[0] : NULL;
	int bad = 0;
	size_t i;

	if (top && top->npos == 0) {
		warnx_("%s: not the table of %s: its top word \"%s\" "
		    "never occurs there", dat, book, top->w);
		return -1;
	}
	for (i = 0; i < nuw; i++)
		if (uw[i].chosen && uw[i].npos == 0) {
			warnx_("%s: the word \"%s\" never occurs", book,
			    uw[i].w);
			bad = 1;
		}
	if (bad)
		return -1;
	/* Not fatal: a table of the same book made another way still
	 * names its top words; but the user should know. */
	for (i = 0; i < nuw; i++)
		if (uw[i].datcount && uw[i].datcount != uw[i].npos) {
			warnx_("%s:%llu: \"%s\" counted %llu, but %s has %zu",
			    dat, (unsigned long long)uw[i].lineno, uw[i].w,
			    (unsigned long long)uw[i].datcount, book,
			    uw[i].npos);
			break;
		}
	return 0;
}

static const char usage_text[] =
    "usage: acf [-a] [-n words] [-t timesteps] [-w word ...] "
    "[-o out.csv] book.txt book.dat\n";

int
main(int argc, char **argv)
{
	const char *outpath = NULL, *book, *dat = NULL;
	size_t nwant = 10;
	uint64_t steps = 100, nwords;
	struct rd r;
	int c, all = 0, nflag = 0, nw = 0;

	setprogname(argv[0]);
	usage_set(usage_text);
	words = xmalloc((size_t)argc * sizeof *words);
	while ((c = opt_get(argc, argv, "ahn:o:t:w:")) != -1) {
		switch (c) {
		case 'a':
			all = 1;
			break;
		case 'h':
			usage_exit(0);
		case 'n':
			nwant = (size_t)num_arg(optarg, 1, INT32_MAX, "words");
			nflag = 1;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 't':
			steps = (uint64_t)num_arg(optarg, 1, INT64_MAX / 16,
			    "timesteps");
			break;
		case 'w':
			/* The tokenizer would split it: it can never occur. */
			if (!*optarg || strpbrk(optarg, SPLITS))
				usage_error("-w \"%s\" is not one word",
				    optarg);
			words[nw++] = optarg;
			break;
		default:
			usage_exit(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 + !nw || argc > 2 || (nflag && nw))
		usage_exit(2);
	book = argv[0];
	if (argc == 2)
		dat = argv[1];
	if (dat && strcmp(book, "-") == 0 && strcmp(dat, "-") == 0)
		usage_exit(2);
	grow_table();
	/* A missing book fails before the table says anything. */
	if (rd_open(&r, book) < 0)
		return 1;
	/* The table's words first, so that uw[0] is its top word. */
	if (dat && read_dat(dat, nw ? 1 : nwant, nw > 0) < 0) {
		rd_close(&r);
		return 1;
	}
	if (read_book(&r, words, nw, &nwords) < 0)
		return 1;
	if (check(book, dat) < 0)
		return 1;
	if (write_csv(outpath, steps, steps < nwords ? steps : nwords, all) < 0)
		return 1;
	out_check();
	return 0;
}
