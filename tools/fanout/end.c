/*
 * A job's end: what it means for the exit status, a retry (on another
 * host if its own connection broke), a halt, the log and its output.
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#include "fanout.h"

struct job *retryq;
static struct job *retryqt;
unsigned long long ndone;
static unsigned long long nfailed, nok;
int worst;
int had_error;
static int halted_ok;			/* --halt ...,success=N was reached */
int stop_starting;
int stopping;

/* To run again after the others waiting: no job shows twice. */
static void
retry_push(struct job *j)
{
	j->rnext = NULL;
	if (retryqt)
		retryqt->rnext = j;
	else
		retryq = j;
	retryqt = j;
}

/* To run again first: its host failed it, not the job itself. */
static void
retry_push_front(struct job *j)
{
	j->rnext = retryq;
	retryq = j;
	if (!retryqt)
		retryqt = j;
}

struct job *
retry_pop(void)
{
	struct job *j = retryq;

	if (j) {
		retryq = j->rnext;
		if (!retryq)
			retryqt = NULL;
	}
	return j;
}

/* What this job's end means for the exit status. */
static int
job_code(const struct job *j)
{
	int st = j->status;

	if (j->code)
		return j->code;
	if (j->lost)
		return 123;
	if (WIFSIGNALED(st) || j->timedout)
		return 125;
	if (!WIFEXITED(st) || WEXITSTATUS(st) == 0)
		return 0;
	if (WEXITSTATUS(st) == 255)
		return 124;
	if (useshell && (WEXITSTATUS(st) == 126 || WEXITSTATUS(st) == 127))
		return WEXITSTATUS(st);
	return 123;
}

static int
halt_reached(unsigned long long n)
{
	double base;

	if (!halt_pct)
		return n >= halt_n;
	base = total >= 0 ? (double)total : (double)ndone;
	return base > 0 && 100.0 * n / base >= halt_n;
}

static void job_done(struct job *, int);

/* A job's process is reaped and its pipes are at EOF. */
void
job_end(struct job *j)
{
	int code = job_code(j);
	struct host *h = j->slot->host;
	int broke = 0;

	j->slot->busy = 0;
	if (j->inw >= 0) {
		close(j->inw);
		j->inw = -1;
	}
	if (h->opener == j) {
		h->opener = NULL;
		if (!h->opened && code != 124)
			h->opened = 1;
	}
	if (h->name && !j->cancelled && code == 0 && nreturns) {
		int r = return_files(j);

		if (r == 255)
			code = broke = 124;	/* checked below */
		else if (r)
			j->lost = 1;
	}
	if (h->name && !j->cancelled && cleanup && code != 124)
		cleanup_files(j);
	/* ssh's 255: the job's own, if the connection still answers. */
	if (h->name && !j->cancelled && code == 124 &&
	    ssh_control(h, "check") != 0) {
		host_failed(h, j->epoch);
		if (!stop_starting && !stopping) {
			obuf_reset(&j->ob[OUT]);
			obuf_reset(&j->ob[ERR]);
			j->received = 0;
			j->tries--;	/* not the job's failure */
			j->failed_on = h;
			retry_push_front(j);
			return;
		}
	}
	if (broke)
		j->lost = 1;
	code = job_code(j);
	if (j->cancelled) {
		j->finished = 1;
		if (!keep)
			job_free(j);
		else {
			nwaiting++;
			drain_order();
		}
		return;
	}
	if (code && j->tries < retries && !stop_starting && !stopping &&
	    j->code == 0) {
		/* Its output goes when it runs again: no job shows twice. */
		retry_push(j);
		return;
	}
	job_done(j, code);
}

/* A job's last attempt ended: log it, count it, write its output. */
void
job_done(struct job *j, int code)
{
	ndone++;
	joblog_write(j);
	if (code > worst)
		worst = code;
	if (code)
		nfailed++;
	else
		nok++;
	j->finished = 1;
	if (resultsdir)
		results_write(j);
	if (!keep) {
		flush_job(j, 1);
		joblog_flush(j);
		job_free(j);
	} else {
		nwaiting++;
		drain_order();
	}
	if (halt_when != HALT_NEVER && halt_reached(halt_success ? nok :
	    nfailed) && (halt_success ? code == 0 : code != 0)) {
		/* Whatever the jobs still running do then (as parallel). */
		halted_ok = halt_success;
		stop_starting = 1;
		if (halt_when == HALT_NOW && !stopping) {
			stopping = 1;
			kill_all(SIGTERM);
		}
	}
}

/* 0 after a success halt, else the worst job's status; 1 at least after
 * an error of fanout's own. */
int
exit_status(void)
{
	int st = halted_ok ? 0 : worst;

	return had_error && st < 1 ? 1 : st;
}

/* Jobs whose last attempts failed but never ran again: final now. */
void
flush_retries(void)
{
	struct job *j;

	while ((j = retry_pop()))
		job_done(j, job_code(j));
}

