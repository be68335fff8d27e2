/*
 * Items: from the operands after :::, from stdin (read only as jobs need
 * them, so stdin may be endless), or -n's ranks; which of them run
 * (--shard, --resume), in which order (-k).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "launch.h"
#include "xalloc.h"
#include "fanout.h"

unsigned long long nseq;
long long total = -1;
unsigned char *logged;
size_t nlogged;
char *inbuf;
size_t inlen, incap, inoff;
int ineof;
static unsigned long long inlines;	/* items read from stdin */
static uint64_t shard_rank, shard_size;

/* The next item, or NULL if there is none yet (*more: stdin may have it). */
int
read_input(void)
{
	ssize_t r;

	if (inoff > 0 && inoff == inlen)
		inoff = inlen = 0;
	if (inoff > incap / 2) {
		memmove(inbuf, inbuf + inoff, inlen - inoff);
		inlen -= inoff;
		inoff = 0;
	}
	if (incap - inlen < 4096) {
		incap = incap ? 2 * incap : 65536;
		inbuf = xrealloc(inbuf, incap);
	}
	r = read(infd, inbuf + inlen, incap - inlen);
	if (r < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return 0;
		edie("%s", infd ? "input" : "stdin");
	}
	if (r == 0)
		ineof = 1;
	inlen += (size_t)r;
	return 1;
}

/* The next line of the lazily read input (stdin, or -a's one file): 1,
 * 0 if it has not come yet, -1 if there is none. */
int
next_line(char **item, size_t *len)
{
	char *e;

	for (;;) {
		e = inlen > inoff ? memchr(inbuf + inoff, nulsep ? '\0' : '\n',
		    inlen - inoff) : NULL;
		if (!e && !ineof)
			return 0;
		if (!e && inoff == inlen)
			return -1;
		if (!e)
			e = inbuf + inlen;
		inlines++;
		*len = (size_t)(e - (inbuf + inoff));
		*item = xmalloc(*len + 1);
		memcpy(*item, inbuf + inoff, *len);
		(*item)[*len] = '\0';
		inoff += *len + (e < inbuf + inlen);
		if (!memchr(*item, '\0', *len))
			return 1;
		/* An argument ends at its first NUL: the job would get
		 * another item than this one. */
		warnx_("stdin:%llu: the item holds a NUL byte: not run "
		    "(-0 reads NUL-terminated items)", inlines);
		had_error = 1;
		free(*item);
	}
}

/* The job's values: -n's rank, a --pipe block, or the sources'. */
static int
next_item(struct job *j)
{
	if (countjobs >= 0) {
		if ((long long)nseq >= countjobs)
			return -1;
		j->item = xmalloc(24);
		j->itemlen = (size_t)sprintf(j->item, "%llu", nseq);
		return 1;
	}
	if (pipemode)
		return pipe_next(j);
	return args_next(j);
}

/* Which job runs next: a retry, a new item, or none yet (0) or ever (-1). */
int
next_job(struct job **jp)
{
	struct job *j;
	int r;

	if ((*jp = retry_pop()))
		return 1;
	for (;;) {
		j = xcalloc(1, sizeof *j);
		j->feed = j->fd[OUT] = j->fd[ERR] = -1;
		j->ob[OUT].spill = j->ob[ERR].spill = -1;
		if ((r = next_item(j)) <= 0) {
			free(j);
			return r;
		}
		nseq++;
		if (shard && (nseq - 1) % shard_size != shard_rank) {
			job_free(j);
			continue;
		}
		if (nseq - 1 < nlogged && (logged[nseq - 1] &
		    (resume_failed ? 2 : 1))) {
			job_free(j);
			continue;
		}
		break;
	}
	j->seq = retry_seqs ? retry_seqs[nseq - 1] : nseq;
	if (keep) {
		if (otail)
			otail->next = j;
		else
			ohead = j;
		otail = j;
	}
	*jp = j;
	return 1;
}

/* Is a job ready to start: 1 yes, 0 not until stdin says more, -1 never. */
int
work_ready(void)
{
	if (retryq)
		return 1;
	if (countjobs >= 0)
		return (long long)nseq < countjobs ? 1 : -1;
	if (pipemode)
		return pipe_ready();
	return args_ready();
}

void
dry_run(void)
{
	keep = 0;
	for (;;) {
		struct job *j;
		int r = next_job(&j);

		if (r == 0) {
			read_input();
			continue;
		}
		if (r < 0)
			break;
		j->slot = slot_take();
		print_cmd(j, stdout);
		j->slot->busy = 0;
		job_free(j);
	}
}

/* --shard: our rank and size from the launcher that started us (the
 * table pi-worker reads too, less fanout's own FANOUT_RANK and FANOUT_SIZE:
 * those stay the whole run's, for our jobs). */
void
shard_setup(void)
{
	const char *err;

	switch (launch_env(1, &shard_rank, &shard_size, &err)) {
	case 1:
		return;
	case -1:
		die("--shard: %s", err);
	}
	die("--shard: no launcher's rank and size in the environment "
	    "(Open MPI, MPICH's Hydra or Slurm)");
}
