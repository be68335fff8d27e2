/*
 * Values per job: one combination of the sources (the default), -N n of
 * them, or with -X and -m as many as fit one command line, spread over
 * the job slots when the input is known and short, as GNU parallel does.
 * The room is the system's ARG_MAX less the environment and a margin; a
 * command that runs as one shell word has a word's limit too (Linux:
 * 32 pages).  The size of a command is counted from above (every byte
 * quoted), so that a job never fails for a command line too long; a
 * single value too long for any line runs alone, and execve says why.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"
#include "fanout.h"

extern char **environ;

long nper;
int xmode;
static struct sb batch, held;		/* values, each ending in NUL */
static size_t batchv, batcht, heldv;	/* values, combinations */
static int have_held;
static size_t room, base, ctx, nrepl, qmul, used;
static unsigned long long quota;	/* -X: combinations a job */

/* The bytes one more value of vn bytes takes at most. */
static size_t
cost(size_t vn)
{
	return nrepl * (qmul * vn + 3) + ctx;
}

/* The room on a command line, and what the command takes of it. */
void
args_setup(void)
{
	long max = sysconf(_SC_ARG_MAX);
	size_t env = 0, i;
	int w, shellword = 0;

	if (nper > 0 && total >= 0)
		total = (total + nper - 1) / nper;
	if (!xmode)
		return;
	if (max <= 0 || max > 64L * 1024 * 1024)
		max = 128 * 1024;
	for (i = 0; environ[i]; i++)
		env += strlen(environ[i]) + 1 + sizeof(char *);
	/* FANOUT_SIZE, _RANK and _SLOT, and a margin for the loader. */
	room = (size_t)max > env + 8192 ? (size_t)max - env - 8192 : 4096;
	qmul = 1;
	base = 64;
	for (w = 0; w < ntmpl; w++) {
		size_t k = 0;
		const char *s;

		base += strlen(tmpl[w]) + 1 + sizeof(char *);
		for (s = tmpl[w]; *s; s++)
			if (repl_len(s) && s[1] != '#' && s[1] != '%')
				k++;
		if (k && (useshell || cmd_script() == w))
			shellword = 1;
		if (k && xmode == 'X')
			ctx += strlen(tmpl[w]) + 1 + sizeof(char *);
		nrepl += k;
	}
	if (nrepl == 0)
		nrepl = 1;		/* appended */
	ctx += 1 + sizeof(char *);
	if (useshell || shellword) {
		qmul = 4;		/* '\'' for each ' */
		if (room > 32 * 4096 - 4096)
			room = 32 * 4096 - 4096;
	}
	used = base;
	total = -1;
}

/* -X on input known whole and short: each slot gets a share.  On stdin
 * the first job waits for the end of it or a command line's worth:
 * 0 while it waits. */
static int
set_quota(void)
{
	long ns = jobs > 0 ? jobs : compat_ncpus();
	unsigned long long n = 0;
	const char *p;

	if (quota || ns < 1)
		return 1;
	if (!lazy)
		n = src_total();
	else if (!ineof && inlen - inoff < room)
		return 0;
	else if (ineof)
		for (p = inbuf + inoff; p && p < inbuf + inlen; n++) {
			p = memchr(p, nulsep ? '\0' : '\n',
			    (size_t)(inbuf + inlen - p));
			p = p ? p + 1 : NULL;
		}
	quota = n ? (n + (unsigned long long)ns - 1) / (unsigned long long)ns :
	    ULLONG_MAX;
	return 1;
}

/* The batch becomes j's values. */
static void
take_batch(struct job *j)
{
	struct sb it = { NULL, 0, 0 };
	char *p = batch.p;
	size_t i;

	j->narg = batchv;
	j->arg = xcalloc(batchv, sizeof *j->arg);
	j->arglen = xcalloc(batchv, sizeof *j->arglen);
	for (i = 0; i < batchv; i++) {
		j->arg[i] = p;
		j->arglen[i] = strlen(p);
		if (i)
			sb_add(&it, " ", 1);
		sb_add(&it, p, j->arglen[i]);
		p += j->arglen[i] + 1;
	}
	sb_add(&it, "", 0);
	if (!it.p)
		it.p = xstrdup("");
	j->item = it.p;
	j->itemlen = it.len;
	memset(&batch, 0, sizeof batch);
	batchv = batcht = 0;
}

/* A job's worth of values: 1, 0 when stdin has not said yet, -1 none. */
int
args_next(struct job *j)
{
	int r;

	if (xmode && !set_quota())
		return 0;
	for (;;) {
		if (nper > 0 && batcht >= (size_t)nper)
			break;
		if (xmode && batcht >= quota)
			break;
		if (!have_held) {
			held.len = 0;
			if ((r = src_next(&held, &heldv)) == 0)
				return 0;
			if (r < 0 && batcht == 0)
				return -1;
			if (r < 0)
				break;
			have_held = 1;
		}
		if (xmode && batcht > 0 &&
		    used + cost(held.len) > room)
			break;
		if (xmode)
			used += cost(held.len);
		sb_add(&batch, held.p, held.len);
		batchv += heldv;
		batcht++;
		have_held = 0;
		if (nper == 0 && !xmode)
			break;
	}
	used = base;
	take_batch(j);
	return 1;
}

/* Is a job's worth there: 1 yes, 0 not until stdin says more, -1 never. */
int
args_ready(void)
{
	int r;

	if (have_held)
		return 1;
	r = src_ready();
	if (r < 0 && batcht > 0)
		return 1;
	if (r == 1 && (nper > 1 || xmode) && lazy && !ineof)
		return 0;	/* a batch waits for more, or the end */
	return r;
}
