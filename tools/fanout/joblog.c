/*
 * --joblog: one record a job, in GNU parallel's columns, tab-separated;
 * --resume reads it back to skip the jobs it has.
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
#include "xalloc.h"
#include "fanout.h"

int joblog = -1;

void
joblog_write(const struct job *j)
{
	struct sb line = { NULL, 0, 0 };
	char *store, *shown, head[256], *c;
	char **av;
	int n, ev, sig;

	if (joblog < 0)
		return;
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
	if (write_all(joblog, line.p, line.len) < 0)
		warn_("%s", joblog_path);
	free(line.p);
	free(shown);
	free(store);
	free(av);
}

void
read_joblog(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f) {
		if (errno == ENOENT)
			return;
		edie("%s", path);
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		char *p = line, *e;
		uint64_t seq;
		int field, ok = 0;
		long ev = -1, sig = -1;

		e = p + strcspn(p, "\t\n");
		if (num_u64(p, (size_t)(e - p), SIZE_MAX - 1, &seq) || seq == 0)
			continue;	/* the header, or not ours */
		for (field = 1; *e == '\t' && field < 8; field++) {
			p = e + 1;
			e = p + strcspn(p, "\t\n");
			if (field == 6)
				ev = strtol(p, NULL, 10);
			if (field == 7)
				sig = strtol(p, NULL, 10);
		}
		ok = ev == 0 && sig == 0;
		if (seq > nlogged) {
			size_t m = nlogged ? nlogged : 1024;

			while (m < seq)
				m *= 2;
			logged = xrealloc(logged, m);
			memset(logged + nlogged, 0, m - nlogged);
			nlogged = m;
		}
		logged[seq - 1] |= 1 | (ok ? 2 : 0);
	}
	if (ferror(f))
		edie("%s", path);
	free(line);
	fclose(f);
}
/* Opened before the first job: a log that cannot be written stops the run
 * before anything ran.  With --resume it grows; else it starts afresh. */
void
joblog_open(void)
{
	static const char head[] = "Seq\tHost\tStarttime\tJobRuntime\t"
	    "Send\tReceive\tExitval\tSignal\tCommand\n";
	struct stat st;

	if (!joblog_path)
		return;
	joblog = open(joblog_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
	    (resume ? 0 : O_TRUNC), 0666);
	if (joblog < 0)
		edie("%s", joblog_path);
	if (fstat(joblog, &st) == 0 && st.st_size == 0 &&
	    write_all(joblog, head, strlen(head)) < 0)
		edie("%s", joblog_path);
}
