/*
 * --results dir: each job's stdout, stderr and sequence number in files
 * under dir, at a path made of its values, as GNU parallel 20221122
 * lays them out: dir/1/VALUE1/2/VALUE2/{seq,stdout,stderr}, the source's
 * number (or with --header its name) then the value, \ written \\ and
 * / written \_.  Where parallel would climb out of dir (a value . or ..)
 * fanout writes \. and \.. .  fanout adds exitval: the job's exit status,
 * 128 + the signal that killed it.  Each file is written beside its
 * target and renamed into place.  The output is not written to stdout,
 * as with parallel.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "outfile.h"
#include "xalloc.h"
#include "fanout.h"

const char *resultsdir;

/* One component of the path, escaped as parallel does. */
static void
add_component(struct sb *p, const char *v, size_t n)
{
	size_t i;

	sb_add(p, "/", 1);
	if ((n == 1 && v[0] == '.') || (n == 2 && v[0] == '.' && v[1] == '.'))
		sb_add(p, "\\", 1);
	for (i = 0; i < n; i++)
		if (v[i] == '\\')
			sb_add(p, "\\\\", 2);
		else if (v[i] == '/')
			sb_add(p, "\\_", 2);
		else
			sb_add(p, v + i, 1);
}

/* mkdir -p of the directory p (its own string, changed and restored). */
static int
make_dirs(char *p)
{
	char *s;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			warn_("%s", p);
			*s = c;
			return -1;
		}
		*s = c;
		if (!c)
			return 0;
	}
}

/* Stream b (memory and spilled part) into file path. */
static int
write_file(const char *path, struct obuf *b, const char *text)
{
	struct outfile o;
	FILE *f = outfile_open(&o, path);
	char buf[65536];
	ssize_t r;

	if (!f)
		return -1;
	if (text)
		fputs(text, f);
	if (b && b->spill >= 0 && lseek(b->spill, 0, SEEK_SET) == 0)
		while ((r = read(b->spill, buf, sizeof buf)) > 0)
			fwrite(buf, 1, (size_t)r, f);
	if (b)
		fwrite(b->p ? b->p : "", 1, b->len, f);
	return outfile_commit(&o);
}

/* Job j's files; its output is then no more to be written. */
void
results_write(struct job *j)
{
	struct sb p = { NULL, 0, 0 };
	char num[48];
	size_t k, nv = j->narg ? j->narg : 1, at;
	size_t w = src_width();
	int st = j->status, ev;
	const char *v;

	sb_adds(&p, resultsdir);
	for (k = 0; k < nv; k++) {
		v = j->narg ? j->arg[k] : j->item;
		if (use_header && k % w < nnames)
			add_component(&p, names[k % w], strlen(names[k % w]));
		else {
			snprintf(num, sizeof num, "%zu", k % w + 1);
			add_component(&p, num, strlen(num));
		}
		add_component(&p, v, j->narg ? j->arglen[k] : j->itemlen);
	}
	if (make_dirs(p.p) < 0) {
		had_error = 1;
		free(p.p);
		return;
	}
	at = p.len;
	ev = j->code ? j->code : WIFEXITED(st) ? WEXITSTATUS(st) :
	    WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 0;
	snprintf(num, sizeof num, "%llu", j->seq);
	sb_adds(&p, "/seq");
	if (write_file(p.p, NULL, num) < 0)
		had_error = 1;
	p.len = at;
	sb_adds(&p, "/stdout");
	if (write_file(p.p, &j->ob[OUT], NULL) < 0)
		had_error = 1;
	p.len = at;
	sb_adds(&p, "/stderr");
	if (write_file(p.p, &j->ob[ERR], NULL) < 0)
		had_error = 1;
	p.len = at;
	snprintf(num, sizeof num, "%d", ev);
	sb_adds(&p, "/exitval");
	if (write_file(p.p, NULL, num) < 0)
		had_error = 1;
	obuf_reset(&j->ob[OUT]);
	obuf_reset(&j->ob[ERR]);
	free(p.p);
}
