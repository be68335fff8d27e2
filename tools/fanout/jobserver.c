/*
 * make's jobserver: the first job runs on the slot make gave this recipe;
 * each more takes a token (one byte) from make's pipe or fifo, and gives
 * it back when a job ends, so make -jN bounds every job of every recipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "num.h"
#include "xalloc.h"
#include "fanout.h"

int js_r = -1, js_w = -1;		/* usable fds, or -1 */
int js_warn;				/* auth given but not usable */
int js_dry;				/* MAKEFLAGS says -n */
volatile sig_atomic_t ntokens;
/* Bytes taken from make.  The second-signal handler gives them back:
 * they change, and move, only with signals blocked. */
static unsigned char *tokens;
static size_t captokens;

void
give_back_tokens(void)
{
	while (ntokens > 0) {
		ssize_t w = write(js_w, &tokens[ntokens - 1], 1);

		if (w < 0 && errno == EINTR)
			continue;
		ntokens--;
	}
}

/*
 * make's jobserver, from MAKEFLAGS.  Called first thing in main: the fds
 * are only known good before we open anything, since make 4.3 leaves the
 * option in MAKEFLAGS of recipes whose fds it closed.
 */
void
js_probe(void)
{
	const char *mf = getenv("MAKEFLAGS"), *p, *auth = NULL;
	size_t n;

	if (!mf)
		return;
	p = mf + strspn(mf, " \t");
	n = strcspn(p, " \t");
	if (p == mf && n > 0 && *p != '-' && memchr(p, 'n', n))
		js_dry = 1;
	for (p = mf; *p; p += n) {
		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (n > 17 && strncmp(p, "--jobserver-auth=", 17) == 0)
			auth = p + 17;
		else if (n > 16 && strncmp(p, "--jobserver-fds=", 16) == 0)
			auth = p + 16;
	}
	if (!auth)
		return;
	n = strcspn(auth, " \t");
	if (n > 5 && strncmp(auth, "fifo:", 5) == 0) {
		char *path = xmalloc(n - 4);

		memcpy(path, auth + 5, n - 5);
		path[n - 5] = '\0';
		/* Our own description: non-blocking is ours to set. */
		js_r = js_w = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (js_r < 0)
			js_warn = 1;
		free(path);
		return;
	} else {
		const char *comma = memchr(auth, ',', n);
		uint64_t r, w;
		struct stat st;
		int fl;

		if (!comma || num_u64(auth, comma - auth, INT_MAX, &r) ||
		    num_u64(comma + 1, auth + n - comma - 1, INT_MAX, &w))
			return;		/* negative or unknown: disabled */
		if ((fl = fcntl((int)r, F_GETFL)) < 0 ||
		    fstat((int)r, &st) < 0 || !S_ISFIFO(st.st_mode) ||
		    (fl & O_ACCMODE) == O_WRONLY ||
		    (fl = fcntl((int)w, F_GETFL)) < 0 ||
		    fstat((int)w, &st) < 0 || !S_ISFIFO(st.st_mode) ||
		    (fl & O_ACCMODE) == O_RDONLY) {
			js_warn = 1;
			return;
		}
		js_r = (int)r;
		js_w = (int)w;
	}
}

/* A private non-blocking description of the read end, if it blocks. */
void
js_setup(void)
{
	int fd, fl;

	if (js_r < 0)
		return;
	fl = fcntl(js_r, F_GETFL);
	if (fl & O_NONBLOCK)
		return;
	if ((fd = compat_reopen(js_r, O_RDONLY | O_NONBLOCK)) >= 0)
		js_r = fd;
	/* else poll, then read: a token sniped in between costs a wait */
}

void
js_release(void)
{
	sigset_t old;

	if (ntokens == 0)
		return;
	block_signals(&old);
	for (;;) {
		ssize_t w = write(js_w, &tokens[ntokens - 1], 1);

		if (w == 1 || errno != EINTR)
			break;
	}
	ntokens--;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* After poll says the read end is ready; another client may have won. */
void
js_acquire(void)
{
	unsigned char c;
	sigset_t old;
	ssize_t r;

	block_signals(&old);
	if ((size_t)ntokens == captokens) {
		captokens = captokens ? 2 * captokens : 16;
		tokens = xrealloc(tokens, captokens);
	}
	r = read(js_r, &c, 1);
	if (r == 1)
		tokens[ntokens++] = c;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
		/* make went away: the tokens held and the implicit slot */
		js_r = -1;
		jobs = 1 + ntokens;
	}
}
