#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compat.h"
#include "err.h"
#include "outfile.h"
#include "sig.h"
#include "xalloc.h"

/* Temporary files not yet committed, for the exit and signal handlers. */
static struct outfile *volatile pending;
static int own_handlers;

void
outfile_handlers_mine(void)
{
	own_handlers = 1;
}

void
outfile_cleanup(void)
{
	struct outfile *o;

	for (o = pending; o; o = o->next)
		if (o->tmp)
			unlink(o->tmp);
}

static void
on_signal(int sig)
{
	outfile_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
setup_handlers(void)
{
	static int done;

	if (done++)
		return;
	atexit(outfile_cleanup);
	if (!own_handlers)
		sig_catch(on_signal);
}

static void
link_pending(struct outfile *o, int add)
{
	sigset_t all, old;
	struct outfile *volatile *pp;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if (add) {
		o->next = pending;
		pending = o;
	} else {
		for (pp = &pending; *pp; pp = &(*pp)->next)
			if (*pp == o) {
				*pp = o->next;
				break;
			}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

FILE *
outfile_open(struct outfile *o, const char *path)
{
	struct stat st;
	const char *slash, *base;
	mode_t mask;
	size_t dirlen;
	int fd;

	memset(o, 0, sizeof *o);
	o->path = path;
	if (!path || strcmp(path, "-") == 0) {
		o->path = "stdout";
		o->fp = stdout;
		return o->fp;
	}
	/* Devices, fifos and directories are opened as they are (and fail
	 * as they should); a symlink is followed to the file it names. */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		char *real;

		if (S_ISLNK(st.st_mode) && stat(path, &st) == 0 &&
		    S_ISREG(st.st_mode) && (real = compat_realpath(path))) {
			o->target = xstrdup(real);
			free(real);
		} else {
			if (!(o->fp = fopen(path, "w")))
				warn_("%s", path);
			return o->fp;
		}
	} else {
		o->target = xstrdup(path);
	}
	slash = strrchr(o->target, '/');
	base = slash ? slash + 1 : o->target;
	dirlen = (size_t)(base - o->target);
	o->tmp = xmalloc(strlen(o->target) + 16);
	memcpy(o->tmp, o->target, dirlen);
	sprintf(o->tmp + dirlen, ".%.200s.XXXXXX", base);
	setup_handlers();
	link_pending(o, 1);
	if ((fd = mkstemp(o->tmp)) < 0) {
		warn_("%s", path);
		goto fail;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 || !(o->fp = fdopen(fd, "w"))) {
		warn_("%s", path);
		close(fd);
		unlink(o->tmp);
		goto fail;
	}
	return o->fp;
fail:
	link_pending(o, 0);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
	return NULL;
}

int
outfile_commit(struct outfile *o)
{
	int bad;

	if (o->fp == stdout) {
		if (fflush(stdout) == 0 && !ferror(stdout))
			return 0;
		if (errno != EPIPE)
			warn_("stdout");
		clearerr(stdout);	/* reported: out_check need not again */
		return -1;
	}
	bad = fflush(o->fp) != 0 || ferror(o->fp);
	if (bad)
		warn_("%s", o->path);
	if (fclose(o->fp) != 0 && !bad) {
		warn_("%s", o->path);
		bad = 1;
	}
	o->fp = NULL;
	if (o->tmp) {
		if (!bad && rename(o->tmp, o->target) < 0) {
			warn_("%s", o->path);
			bad = 1;
		}
		if (bad)
			unlink(o->tmp);
		link_pending(o, 0);
		free(o->tmp);
		free(o->target);
		o->tmp = o->target = NULL;
	}
	return bad ? -1 : 0;
}

void
outfile_abort(struct outfile *o)
{
	if (!o->fp || o->fp == stdout)
		return;
	fclose(o->fp);
	o->fp = NULL;
	if (o->tmp) {
		unlink(o->tmp);
		link_pending(o, 0);
		free(o->tmp);
		free(o->target);
		o->tmp = o->target = NULL;
	}
}
