/*
 * pi-sum: add up the lines of pi-worker and print the estimate of pi.
 *
 * Reads pi-worker lines from the files named, or stdin ("-" or none), plain
 * or gzip (tools/lib/rd.c), in any order.  A line must end in a newline: a
 * last line without one was cut short (a worker killed mid-write) and is
 * refused even when it parses, as its last number may be cut.  Checks that they are one run (same seed, darts and size), that each
 * rank threw exactly its slice, and that every rank 0..size-1 reported
 * exactly once; then writes
 *
 *	estimate 3.1415926536
 *	stderr 0.0000519435
 *	darts 1000000000
 *	inside 785398163
 *
 * stderr being the standard error of the estimate, 4 sqrt(p(1-p)/darts).
 * With -p a run with missing ranks is summed over the ranks present, and
 * the missing ones are named on stderr.
 *
 * Exit status: 0 the estimate was printed, 1 a bad, foreign, duplicate or
 * (without -p) missing line, or an unreadable file, 2 bad usage.
 * Limits: none on the number of lines or ranks but memory (32 bytes a line).
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>	/* optind */

#include "err.h"
#include "num.h"
#include "pirun.h"
#include "rd.h"
#include "usage.h"
#include "xalloc.h"

#define MAXSHOWN	20	/* missing-rank ranges named in a message */

struct line {
	uint64_t seed, darts, rank, size, thrown, inside;
};

struct rec {
	uint64_t rank, thrown, inside, lineno;
	const char *file;
};

static struct rec *recs;
static size_t nrecs, caprecs;
static struct line run;	/* the run, from the first good line */
static int haverun, errors;

/* field: "name=digits" at *p, ended by a space or the end of the line. */
static int
field(const char **p, const char *name, uint64_t max, uint64_t *out)
{
	size_t n = strlen(name), len;

	if (strncmp(*p, name, n) != 0 || (*p)[n] != '=')
		return -1;
	*p += n + 1;
	len = strcspn(*p, " ");
	if (num_u64(*p, len, max, out) != NUM_OK)
		return -1;
	*p += len;
	if (**p == ' ')
		(*p)++;
	return 0;
}

/* parse: one pi-worker line, format 1, without its newline. */
static int
parse(const char *s, struct line *l)
{
	static const char head[] = "pi-worker 1 ";
	const char *p = s;

	if (strncmp(p, head, sizeof head - 1) != 0)
		return -1;
	p += sizeof head - 1;
	if (field(&p, "seed", UINT64_MAX, &l->seed) ||
	    field(&p, "darts", PI_MAXDARTS, &l->darts) ||
	    field(&p, "rank", PI_MAXDARTS, &l->rank) ||
	    field(&p, "size", PI_MAXDARTS, &l->size) ||
	    field(&p, "thrown", PI_MAXDARTS, &l->thrown) ||
	    field(&p, "inside", PI_MAXDARTS, &l->inside))
		return -1;
	/* "... inside=5 " would pass field(); the line must end there. */
	return *p == '\0' && p[-1] != ' ' ? 0 : -1;
}

static void
bad(const char *file, uint64_t lineno, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
bad(const char *file, uint64_t lineno, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s:%" PRIu64 ": ", progname, file, lineno);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errors = 1;
}

static void
take(const char *file, uint64_t lineno, char *s)
{
	struct line l;
	struct rec *r;

	if (parse(s, &l) != 0) {
		bad(file, lineno, "not a pi-worker line");
		return;
	}
	if (l.darts == 0 || l.size == 0 || l.rank >= l.size) {
		bad(file, lineno, "rank %" PRIu64 " of size %" PRIu64
		    " with %" PRIu64 " darts is impossible", l.rank, l.size,
		    l.darts);
		return;
	}
	if (l.thrown != pi_slice(l.darts, l.size, l.rank, NULL) ||
	    l.inside > l.thrown) {
		bad(file, lineno, "rank %" PRIu64 " threw %" PRIu64 " darts, "
		    "%" PRIu64 " inside; its slice is %" PRIu64, l.rank,
		    l.thrown, l.inside, pi_slice(l.darts, l.size, l.rank, NULL));
		return;
	}
	if (!haverun) {
		run = l;
		haverun = 1;
	} else if (l.seed != run.seed || l.darts != run.darts ||
	    l.size != run.size) {
		bad(file, lineno, "rank %" PRIu64 " is from another run "
		    "(seed %" PRIu64 ", %" PRIu64 " darts, size %" PRIu64
		    "; the run has seed %" PRIu64 ", %" PRIu64 " darts, "
		    "size %" PRIu64 ")", l.rank, l.seed, l.darts, l.size,
		    run.seed, run.darts, run.size);
		return;
	}
	if (nrecs == caprecs) {
		caprecs = caprecs ? caprecs * 2 : 64;
		recs = xreallocarray(recs, caprecs, sizeof *recs);
	}
	r = &recs[nrecs++];
	r->rank = l.rank;
	r->thrown = l.thrown;
	r->inside = l.inside;
	r->file = file;
	r->lineno = lineno;
}

/* cut_short: a last line without its newline, named by its rank when the
 * line holds the whole rank field. */
static void
cut_short(const char *file, uint64_t lineno, const char *s)
{
	const char *p = strstr(s, " rank=");
	uint64_t rank;
	size_t n = p ? strspn(p + 6, "0123456789") : 0;

	if (n > 0 && p[6 + n] == ' ' &&
	    num_u64(p + 6, n, PI_MAXDARTS, &rank) == NUM_OK)
		bad(file, lineno, "rank %" PRIu64 ": the line is cut short "
		    "(no newline at its end)", rank);
	else
		bad(file, lineno, "the line is cut short (no newline at its "
		    "end)");
}

static void
readfile(const char *path)
{
	struct rd r;
	char *s;
	size_t len;
	int got;

	if (rd_open(&r, path) < 0) {
		errors = 1;
		return;
	}
	while ((got = rd_line(&r, &s, &len)) > 0) {
		s[len] = '\0';
		if (memchr(s, '\0', len))
			bad(r.path, r.lineno, "not a pi-worker line");
		else if (!r.nl)
			cut_short(r.path, r.lineno, s);
		else
			take(r.path, r.lineno, s);
	}
	if (got < 0)
		errors = 1;
	rd_close(&r);
}

static int
byrank(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->file != y->file)
		return strcmp(x->file, y->file);
	return x->lineno < y->lineno ? -1 : x->lineno > y->lineno;
}

/* missing: appends the range lo..hi to the list in buf, up to MAXSHOWN. */
static void
missing(char *buf, size_t cap, size_t *nranges, uint64_t lo, uint64_t hi)
{
	size_t len = strlen(buf);

	if (++*nranges > MAXSHOWN)
		return;
	if (lo == hi)
		snprintf(buf + len, cap - len, "%s%" PRIu64,
		    len ? ", " : "", lo);
	else
		snprintf(buf + len, cap - len, "%s%" PRIu64 "-%" PRIu64,
		    len ? ", " : "", lo, hi);
}

static const char usage_text[] = "usage: pi-sum [-p] [file ...]\n";

int
main(int argc, char *argv[])
{
	uint64_t inside = 0, thrown = 0, next = 0, nmissing = 0;
	char list[MAXSHOWN * 44 + 1] = "";
	size_t i, nranges = 0;
	int c, pflag = 0;
	double p, est, se;

	setprogname(argv[0]);
	usage_set(usage_text);
	while ((c = opt_get(argc, argv, "hp")) != -1) {
		switch (c) {
		case 'h':
			usage_exit(0);
		case 'p':
			pflag = 1;
			break;
		default:
			usage_exit(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		readfile("-");
	for (i = 0; i < (size_t)argc; i++)
		readfile(argv[i]);
	if (!haverun && !errors)
		die("no pi-worker lines");

	if (nrecs > 0)
		qsort(recs, nrecs, sizeof *recs, byrank);
	for (i = 0; i < nrecs; i++) {
		struct rec *r = &recs[i];

		if (i > 0 && r->rank == r[-1].rank) {
			warnx_("rank %" PRIu64 " reported twice: %s:%" PRIu64
			    " and %s:%" PRIu64, r->rank, r[-1].file,
			    r[-1].lineno, r->file, r->lineno);
			errors = 1;
			continue;
		}
		if (r->rank > next) {
			missing(list, sizeof list, &nranges, next, r->rank - 1);
			nmissing += r->rank - next;
		}
		next = r->rank + 1;
		inside += r->inside;
		thrown += r->thrown;
	}
	if (haverun && next < run.size) {
		missing(list, sizeof list, &nranges, next, run.size - 1);
		nmissing += run.size - next;
	}
	if (nmissing > 0) {
		warnx_("%smissing rank%s %s%s (%" PRIu64 " of %" PRIu64 ")",
		    pflag ? "partial run: " : "", nmissing > 1 ? "s" : "",
		    list, nranges > MAXSHOWN ? ", ..." : "", nmissing,
		    run.size);
		if (!pflag)
			errors = 1;
	}
	if (errors)
		return 1;
	if (thrown == 0)
		die("no darts thrown: the ranks present have empty slices");

	p = (double)inside / (double)thrown;
	est = 4 * p;
	se = 4 * sqrt(p * (1 - p) / (double)thrown);
	printf("estimate %.10f\nstderr %.10f\ndarts %" PRIu64 "\n"
	    "inside %" PRIu64 "\n", est, se, thrown, inside);
	out_check();
	return 0;
}
