/*
 * Input sources, as GNU parallel combines them: the operands after :::
 * and the files after :::: or of -a (-a first), every combination with
 * the last source varying fastest; a :::+ or ::::+ source goes pairwise
 * with the one before it, the shorter deciding how many.  --colsep cuts
 * each value into columns, --header : takes the first value (or line)
 * of each source as its name, --shuf runs the combinations in a random
 * order, -r skips the empty ones.
 * One source on stdin or in one file is read as jobs need it, so that it
 * may be endless; several are read whole first.
 */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "err.h"
#include "usage.h"
#include "xalloc.h"
#include "fanout.h"

struct source {
	char **v;
	size_t *n;
	size_t count;
	int linked;			/* goes pairwise with the one before */
	const char *path;		/* a file, "-" stdin; NULL: operands */
};

int infd = 0;
int lazy = 1;
int shuf, skip_empty, use_header;
char **names;
size_t nnames;
static struct source *srcs;
static size_t nsrcs;
static regex_t colre;
static int colsep;
static unsigned long long ncomb, nextcomb, *perm;
static int header_done;
static size_t width = 1;		/* values in the last combination */

static struct source *
src_new(const char *path, int linked)
{
	srcs = xreallocarray(srcs, nsrcs + 1, sizeof *srcs);
	memset(&srcs[nsrcs], 0, sizeof *srcs);
	srcs[nsrcs].path = path;
	srcs[nsrcs].linked = linked && nsrcs > 0;
	return &srcs[nsrcs++];
}

static void
src_value(struct source *s, char *v, size_t n)
{
	s->v = xreallocarray(s->v, s->count + 1, sizeof *s->v);
	s->n = xreallocarray(s->n, s->count + 1, sizeof *s->n);
	s->v[s->count] = v;
	s->n[s->count++] = n;
}

/* -a path: a source of its own, before those of the operands. */
void
src_add(const char *path, int linked)
{
	src_new(path, linked);
}

/* Values of a source of their own (--retry-failed's commands). */
void
src_literal(char **v, size_t n)
{
	struct source *s = src_new(NULL, 0);
	size_t i;

	for (i = 0; i < n; i++)
		src_value(s, v[i], strlen(v[i]));
}

/* The operands from the first separator on: ::: values, :::: files. */
void
src_operands(char **av, int n)
{
	struct source *s = NULL;
	int i, files = 0, linked;

	for (i = 0; i < n; i++) {
		linked = strcmp(av[i], ":::+") == 0 ||
		    strcmp(av[i], "::::+") == 0;
		if (linked || strcmp(av[i], ":::") == 0 ||
		    strcmp(av[i], "::::") == 0) {
			files = av[i][3] == ':';
			s = files ? NULL : src_new(NULL, linked);
			if (files && (i + 1 == n || strncmp(av[i + 1], ":::",
			    3) == 0))
				usage_error("%s: no file", av[i]);
			if (files)
				src_new(av[++i], linked);
			continue;
		}
		if (files)
			src_new(av[i], 0);
		else
			src_value(s, av[i], strlen(av[i]));
	}
}

/* --colsep: an extended regular expression; \t is a tab, as in Perl. */
void
src_colsep(const char *re)
{
	struct sb b = { NULL, 0, 0 };
	int e;

	for (; *re; re++)
		if (re[0] == '\\' && re[1] == 't') {
			sb_add(&b, "\t", 1);
			re++;
		} else
			sb_add(&b, re, 1);
	if (!b.p)
		usage_error("--colsep: an empty separator");
	if ((e = regcomp(&colre, b.p, REG_EXTENDED)) != 0) {
		char msg[256];

		regerror(e, &colre, msg, sizeof msg);
		usage_error("--colsep \"%s\": %s", b.p, msg);
	}
	free(b.p);
	colsep = 1;
}

/* Value v cut into its columns (or whole), each ending in a NUL. */
static size_t
add_columns(struct sb *out, const char *v, size_t n)
{
	regmatch_t m;
	size_t k = 0, off = 0;

	/* v ends in a NUL: all values come from C strings or lines. */
	while (colsep && off <= n) {
		m.rm_so = 0;
		m.rm_eo = (regoff_t)(n - off);
		if (regexec(&colre, v + off, 1, &m, off ? REG_NOTBOL : 0) ||
		    m.rm_eo == m.rm_so)
			break;
		sb_add(out, v + off, (size_t)m.rm_so);
		sb_add(out, "", 1);
		k++;
		off += (size_t)m.rm_eo;
	}
	sb_add(out, v + off, n - off);
	sb_add(out, "", 1);
	return k + 1;
}

/* Source s's first value names it (its columns, with --colsep). */
static void
take_names(const char *v, size_t n)
{
	struct sb b = { NULL, 0, 0 };
	size_t k = add_columns(&b, v, n), i;
	char *p = b.p;

	names = xreallocarray(names, nnames + k, sizeof *names);
	for (i = 0; i < k; i++) {
		names[nnames++] = xstrdup(p);
		p += strlen(p) + 1;
	}
	free(b.p);
}

/* A file read whole into source s's values, one a line (-0: a NUL). */
static void
load(struct source *s)
{
	struct sb b = { NULL, 0, 0 };
	char buf[65536], *p, *e, *end;
	ssize_t r;
	int fd = strcmp(s->path, "-") == 0 ? 0 :
	    open(s->path, O_RDONLY | O_CLOEXEC);
	unsigned long line = 0;

	if (fd < 0)
		edie("%s", s->path);
	while ((r = read(fd, buf, sizeof buf)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			edie("%s", s->path);
		sb_add(&b, buf, (size_t)r);
	}
	if (fd > 0)
		close(fd);
	for (p = b.p, end = b.p + b.len; p && p < end; p = e + 1) {
		e = memchr(p, nulsep ? '\0' : '\n', (size_t)(end - p));
		e = e ? e : end;
		line++;
		if (!nulsep && memchr(p, '\0', (size_t)(e - p))) {
			warnx_("%s:%lu: the item holds a NUL byte: not run "
			    "(-0 reads NUL-terminated items)", s->path, line);
			had_error = 1;
			continue;
		}
		*e = '\0';		/* the last line's: the sb's own NUL */
		src_value(s, xstrdup(p), (size_t)(e - p));
	}
	free(b.p);
}

/* How many jobs: groups of linked sources, the shorter deciding. */
static void
combine(void)
{
	size_t i = 0, k;
	uint64_t x;

	ncomb = 1;
	while (i < nsrcs) {
		size_t len = srcs[i].count;

		for (k = i + 1; k < nsrcs && srcs[k].linked; k++)
			if (srcs[k].count < len)
				len = srcs[k].count;
		ncomb *= len;
		i = k;
	}
	if (!shuf || ncomb < 2)
		return;
	perm = xreallocarray(NULL, ncomb, sizeof *perm);
	for (i = 0; i < ncomb; i++)
		perm[i] = i;
	compat_random(&x, sizeof x);
	for (i = ncomb - 1; i > 0; i--) {
		/* splitmix64: an order, not a secret (drand48 is not C) */
		uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
		size_t r;
		unsigned long long t = perm[i];

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		r = (size_t)((z ^ (z >> 31)) % (i + 1));

		perm[i] = perm[r];
		perm[r] = t;
	}
}

/* After the options: read what is read whole, count the combinations. */
void
src_setup(void)
{
	size_t i;

	if (nsrcs == 1 && srcs[0].path && !shuf) {
		if (strcmp(srcs[0].path, "-") != 0 &&
		    (infd = open(srcs[0].path, O_RDONLY | O_CLOEXEC)) < 0)
			edie("%s", srcs[0].path);
		return;
	}
	if (nsrcs == 0 && !shuf)
		return;
	if (nsrcs == 0)
		src_new("-", 0);
	lazy = 0;
	for (i = 0; i < nsrcs; i++) {
		if (srcs[i].path)
			load(&srcs[i]);
		if (use_header && srcs[i].count == 0)
			die("--header: source %zu has no header", i + 1);
		if (use_header) {
			take_names(srcs[i].v[0], srcs[i].n[0]);
			srcs[i].v++;
			srcs[i].n++;
			srcs[i].count--;
		}
	}
	header_done = 1;
	combine();
	total = (long long)ncomb;
}

/* Combination c's values, the last source's index varying fastest. */
static size_t
comb_values(unsigned long long c, struct sb *vals)
{
	size_t i = nsrcs, k, nv = 0, *idx = xcalloc(nsrcs, sizeof *idx);

	while (i > 0) {
		size_t first = i - 1, len;

		while (first > 0 && srcs[first].linked)
			first--;
		len = srcs[first].count;
		for (k = first; k < i; k++)
			if (srcs[k].count < len)
				len = srcs[k].count;
		for (k = first; k < i; k++)
			idx[k] = (size_t)(c % len);
		c /= len;
		i = first;
	}
	for (i = 0; i < nsrcs; i++)
		nv += add_columns(vals, srcs[i].v[idx[i]], srcs[i].n[idx[i]]);
	free(idx);
	return nv;
}

static int
all_empty(const struct sb *vals, size_t from, size_t nv)
{
	return vals->len - from == nv;
}

/* The next combination's values into vals, each ending in a NUL (*n of
 * them): 1, 0 when stdin has not said yet, -1 when there is none. */
int
src_next(struct sb *vals, size_t *n)
{
	size_t from;
	char *item;
	size_t len;
	int r;

	for (;;) {
		from = vals->len;
		if (!lazy) {
			if (nextcomb >= ncomb)
				return -1;
			nextcomb++;
			*n = comb_values(perm ? perm[nextcomb - 1] :
			    nextcomb - 1, vals);
		} else {
			if ((r = next_line(&item, &len)) <= 0)
				return r;
			if (use_header && !header_done) {
				header_done = 1;
				take_names(item, len);
				free(item);
				continue;
			}
			*n = add_columns(vals, item, len);
			free(item);
		}
		width = *n;
		if (!skip_empty || !all_empty(vals, from, *n))
			return 1;
		vals->len = from;
	}
}

size_t
src_width(void)
{
	return width;
}

size_t
src_count(void)
{
	return nsrcs;
}

unsigned long long
src_total(void)
{
	return ncomb;
}

/* Is a combination there: 1 yes, 0 not yet, -1 never. */
int
src_ready(void)
{
	if (!lazy)
		return nextcomb < ncomb ? 1 : -1;
	if (inlen > inoff && memchr(inbuf + inoff, nulsep ? '\0' : '\n',
	    inlen - inoff))
		return 1;
	if (ineof)
		return inoff < inlen ? 1 : -1;
	return 0;
}
