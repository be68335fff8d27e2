/*
 * --joblog: one record a job, in GNU parallel's columns, tab-separated;
 * "-" is standard output (each record after its job's output), "+file"
 * appends without a header, as parallel does.  --resume reads it back to
 * skip the jobs it has.  A record is one write(2) of a whole line; one
 * torn by a crash or a full disk is cut off before more are appended, and
 * its job runs again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "num.h"
#include "usage.h"
#include "xalloc.h"
#include "fanout.h"

int joblog = -1;
static const char *logname;		/* the file, or NULL for stdout */
static int append;			/* "+file": no header, never cut */
static int broken;			/* a write failed: said once */

static const char header[] = "Seq\tHost\tStarttime\tJobRuntime\t"
    "Send\tReceive\tExitval\tSignal\tCommand\n";

/* --joblog's argument: "-", "+file" or a file. */
void
joblog_name(const char *arg)
{
	append = 0;
	logname = arg;
	if (strcmp(arg, "-") == 0)
		logname = NULL;
	else if (arg[0] == '+') {
		append = 1;
		logname = arg + 1;
	}
	if (logname && !*logname)
		usage_error("--joblog \"%s\": no file name", arg);
	joblog_path = arg;
}

/* The record of job j, a whole line. */
static char *
record(const struct job *j, size_t *len)
{
	struct sb line = { NULL, 0, 0 };
	char *store, *shown, head[256], *c;
	char **av;
	int n, ev, sig;

	ev = j->code ? j->code : WIFEXITED(j->status) ?
	    WEXITSTATUS(j->status) : 0;
	sig = j->code ? 0 : WIFSIGNALED(j->status) ? WTERMSIG(j->status) : 0;
	n = snprintf(head, sizeof head,
	    "%llu\t%s\t%.3f\t%10.3f\t%llu\t%llu\t%d\t%d\t", j->seq,
	    j->slot->host->name ? j->slot->host->name : ":", j->started,
	    (now_ms() - j->t0) / 1000.0, j->sent, j->received, ev, sig);
	av = build_argv(j, &store, &shown);
	/* One record a line: the log is read back by --resume. */
	for (c = shown; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	sb_add(&line, head, (size_t)n);
	sb_adds(&line, shown);
	sb_add(&line, "\n", 1);
	free(shown);
	free(store);
	free(av);
	*len = line.len;
	return line.p;
}

static void
put_record(const char *p, size_t n)
{
	if (broken)
		return;
	if (write_all(joblog, p, n) < 0) {
		/* Once: every record after it would fail the same way. */
		bar_clear();
		warn_("%s", logname ? logname : "stdout");
		broken = had_error = 1;
	}
}

/* Job j's record: now, or after its output when the log is stdout. */
void
joblog_write(struct job *j)
{
	size_t n;

	if (joblog < 0)
		return;
	if (!logname) {
		j->logline = record(j, &n);
		return;
	}
	j->logline = record(j, &n);
	put_record(j->logline, n);
	free(j->logline);
	j->logline = NULL;
}

/* The log is stdout: j's record follows the output just written. */
void
joblog_flush(struct job *j)
{
	if (!j->logline)
		return;
	write_all(1, j->logline, strlen(j->logline));
	free(j->logline);
	j->logline = NULL;
}

/* One record: mark its job seen (and succeeded, if it did). */
static void
resume_record(char *line)
{
	char *p = line, *e = p + strcspn(p, "\t\n");
	uint64_t seq;
	long ev = -1, sig = -1;
	int field;

	if (num_u64(p, (size_t)(e - p), SIZE_MAX - 1, &seq) || seq == 0)
		return;		/* the header, or not ours */
	for (field = 1; *e == '\t' && field < 8; field++) {
		p = e + 1;
		e = p + strcspn(p, "\t\n");
		if (field == 6)
			ev = strtol(p, NULL, 10);
		if (field == 7)
			sig = strtol(p, NULL, 10);
	}
	if (seq > nlogged) {
		size_t m = nlogged ? nlogged : 1024;

		while (m < seq)
			m *= 2;
		logged = xrealloc(logged, m);
		memset(logged + nlogged, 0, m - nlogged);
		nlogged = m;
	}
	logged[seq - 1] |= 1 | (ev == 0 && sig == 0 ? 2 : 0);
}

/* --resume: the jobs the log has; a last line without its newline is a
 * torn record, not a job done. */
void
read_joblog(void)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!logname)
		usage_error("--resume needs a joblog file, not -");
	if (!(f = fopen(logname, "r"))) {
		if (errno == ENOENT)
			return;
		edie("%s", logname);
	}
	while ((n = getline(&line, &cap, f)) > 0)
		if (line[n - 1] == '\n')
			resume_record(line);
	if (ferror(f))
		edie("%s", logname);
	free(line);
	fclose(f);
}

/* A log appended to ends with a whole record: a torn one is cut off
 * (its job was not marked done, and runs again). */
static void
cut_torn(int fd)
{
	char buf[4096];
	off_t end = lseek(fd, 0, SEEK_END), at = end;
	ssize_t r;

	while (at > 0) {
		size_t k = at > (off_t)sizeof buf ? sizeof buf : (size_t)at;

		if ((r = pread(fd, buf, k, at - (off_t)k)) <= 0)
			return;		/* unreadable: leave it */
		while (r > 0 && buf[r - 1] != '\n')
			r--;
		if (r > 0) {
			at -= (off_t)k - r;
			break;
		}
		at -= (off_t)k;
	}
	if (at < end && ftruncate(fd, at) < 0)
		edie("%s", logname);
}

/* Opened before the first job: a log that cannot be written stops the run
 * before anything ran.  With --resume or +file it grows; else it starts
 * afresh. */
void
joblog_open(void)
{
	struct stat st;
	int grow = resume || append || retry_failed;

	if (!joblog_path)
		return;
	if (!logname) {
		joblog = 1;
		put_record(header, strlen(header));
		return;
	}
	/* O_RDWR: the torn tail is read to be cut (a log we may only write
	 * to is appended to as it is). */
	joblog = open(logname, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC |
	    (grow ? 0 : O_TRUNC), 0666);
	if (joblog < 0 && errno == EACCES)
		joblog = open(logname, O_WRONLY | O_APPEND | O_CLOEXEC |
		    (grow ? 0 : O_TRUNC));
	else if (joblog >= 0 && grow)
		cut_torn(joblog);
	if (joblog < 0)
		edie("%s", logname);
	if (!append && fstat(joblog, &st) == 0 && st.st_size == 0 &&
	    write_all(joblog, header, strlen(header)) < 0)
		edie("%s", logname);
}

/* At the end: a close that fails lost records too. */
void
joblog_close(void)
{
	if (joblog > 1 && close(joblog) < 0 && !broken) {
		warn_("%s", logname);
		had_error = 1;
	}
	joblog = -1;
}
