/*
 * fanout: run a command once per item, N jobs at a time, as xargs -P does,
 * with each job's output kept whole, and as a client of make's jobserver.
 *
 * Reads items from the operands after ":::" or from stdin, one per line
 * (-0: NUL-terminated), read only as jobs need them; -n count runs count
 * jobs with no item.  Inside a `+` recipe of make -jN it takes make's job
 * slots instead of its own -j.
 * Writes each job's stdout and stderr to its own, whole, when the job ends
 * (--line-buffer: complete lines as they come); --joblog in GNU parallel's
 * columns.
 * Exit status as xargs: 0 all jobs succeeded, 123 a job failed, 124 a job
 * exited 255, 125 a job was killed by a signal (timeouts included), 126 a
 * command could not be executed, 127 not found; 2 bad usage, 1 other
 * errors; 129/130/143 after SIGHUP/SIGINT/SIGTERM, which reach every job's
 * process group first.
 * Limits: a job's output beyond 256 KiB a stream spills to an unlinked
 * file in $TMPDIR; with -k at most 4 * jobs + 64 finished jobs wait for an
 * earlier one before no new job starts.
 *
 * With -S, jobs run over ssh on other hosts as well: every job runs on a
 * slot, and every slot belongs to a host, this machine or another, so that
 * the loop below never asks where a job runs; only spawn and job_end do.
 *
 * The parts, in order: make's jobserver; quoting and replacement strings;
 * output (grouped, spilled, streamed, tagged); items; slots and hosts over
 * ssh; spawning and ending jobs; the one poll loop; options and main.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "num.h"
#include "xalloc.h"

extern char **environ;

#define SPILL_AT	(256 * 1024)	/* bytes of a stream kept in memory */
#define GRACE_MS	2000		/* TERM, then KILL after this */
#define BAR_MS		200		/* progress bar redraw interval */

enum { OUT, ERR };			/* a job's two streams */
enum { HALT_NEVER, HALT_SOON, HALT_NOW };

struct obuf {
	char *p;
	size_t len, cap;
	int spill;			/* unlinked temp file, or -1 */
	int bol;			/* next byte written starts a line */
};

/* A place jobs run: this machine (name NULL), or a host over ssh. */
struct host {
	const char *name;		/* as given, for the joblog */
	char *dest;			/* [user@]host */
	char *port;			/* NULL: ssh's own */
	char *ctl;			/* its ControlMaster socket */
	unsigned nslots;
	unsigned failures;		/* connections that failed */
	unsigned epoch;			/* connections made so far */
	int dead;			/* out of the rotation */
	int opened;			/* its master connection is up */
	struct job *opener;		/* the job making that connection */
};

struct slot {
	unsigned id;			/* {%}, from 1 */
	struct host *host;
	int busy;
};

struct job {
	unsigned long long seq;		/* {#}, from 1 */
	char *item;
	size_t itemlen;
	struct slot *slot;
	pid_t pid;			/* 0 once reaped */
	int fd[2];			/* pipes from the job, -1 at EOF */
	struct obuf ob[2];
	int status;			/* wait status */
	int code;			/* 126/127 when it could not start */
	unsigned tries;
	int timedout, cancelled, finished;
	int lost;			/* its files did not come back */
	double started;			/* wall clock, for the joblog */
	long long t0, deadline, killat;	/* monotonic ms; 0: none */
	unsigned long long received, sent;
	struct job *next;		/* -k order */
	struct job *rnext;		/* the retry queue */
	int inw;			/* remote: ssh's stdin, held open */
	struct host *failed_on;		/* the host whose connection broke */
	unsigned epoch;			/* its host's connection it used */
};

/* Options. */
static int nulsep, keep, verbose, linebuf, tag, dryrun, resume, resume_failed;
static int barmode;			/* 0 off, 1 on a terminal, 2 always */
static long jobs = -1;			/* -1: not given */
static long long countjobs = -1;	/* -n */
static unsigned retries = 1;		/* attempts in all */
static long long timeout_ms;
static int halt_when = HALT_NEVER, halt_success;
static double halt_n;
static int halt_pct;
static const char *joblog_path;

/* The command. */
static char **tmpl;			/* the command's words */
static int ntmpl;
static int useshell;
static int hasrepl;			/* some word holds a replacement string */
static int cmd_fixed;			/* argv[0] holds no replacement string */

/* Items. */
static char **argitems;			/* after ::: */
static long long nargitems = -1;	/* -1: items come from stdin */
static long long nextarg;
static char *inbuf;
static size_t inlen, incap, inoff;
static int ineof;
static unsigned long long nseq;		/* jobs created so far */
static long long total = -1;		/* known number of jobs */

/* Resume. */
static unsigned char *logged;		/* per seq: 1 seen, 2 succeeded */
static size_t nlogged;

/* Running. */
static struct host localhost;
static struct slot **slots;		/* never moved: jobs point at them */
static unsigned nslots;
static struct job **run;
static size_t nrun, caprun;
static struct job *ohead, *otail;	/* -k: jobs not yet written */
static size_t nwaiting;			/* finished, waiting for -k order */
static struct job *retryq, *retryqt;
static unsigned long long ndone, nfailed, nok;
static int worst;			/* the exit status so far */
static int stop_starting;		/* halt soon, not found, ... */
static int stopping;			/* jobs are being killed */
static int exitsig;			/* raise this at the end */
static int devnull = -1, joblog = -1;
static char **envp;			/* [0] size, [1] rank, [2] slot */
static char envsize[48], envrank[48], envslot[48];
static int havesize;
static posix_spawnattr_t spattr;
static long long tstart;
static long long bar_next;
static int bar_shown;
static int out_is_pipe;
static int out_closed;			/* fd 1 came closed: an error to use */

/* The jobserver. */
static int js_r = -1, js_w = -1;	/* usable fds, or -1 */
static int js_warn;			/* auth given but not usable */
static int js_dry;			/* MAKEFLAGS says -n */
static unsigned char *tokens;		/* bytes taken from make */
static volatile sig_atomic_t ntokens;
static size_t captokens;

/* Hosts over ssh (-S). */
static struct host **hosts;
static size_t nhosts, nalive;
static int fixed_slots;			/* -S: slots per host, not per -j */
static char **sshcmd;			/* FANOUT_SSH, split at blanks */
static size_t nsshcmd;
static char *ctldir;			/* private directory of the sockets */
static const char *workdir;
static char *cwd;
static const char **envnames;
static size_t nenvnames;
static unsigned max_host_failures = 3;
static int transfer, cleanup;		/* --transfer, --cleanup */
static const char **returns;		/* --return patterns */
static size_t nreturns;
static int devnull_w = -1;
static int wait_open;			/* a slot waits for a master */
static int shard;
static uint64_t shard_rank, shard_size;

static int selfpipe[2] = { -1, -1 };
static volatile sig_atomic_t gotsig;

static void usage(FILE *, int);
static void hosts_close(void);

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double
wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Signals touch only what a handler may: write(2) and kill(2). */
static void
block_signals(sigset_t *old)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGTERM);
	sigaddset(&s, SIGHUP);
	sigprocmask(SIG_BLOCK, &s, old);
}

static void
give_back_tokens(void)
{
	while (ntokens > 0) {
		ssize_t w = write(js_w, &tokens[ntokens - 1], 1);

		if (w < 0 && errno == EINTR)
			continue;
		ntokens--;
	}
}

static void
on_signal(int sig)
{
	int e = errno;
	size_t i;

	if (gotsig) {
		/* A second one: no more grace. */
		for (i = 0; i < nrun; i++)
			if (run[i]->pid > 0)
				kill(-run[i]->pid, SIGKILL);
		give_back_tokens();
		signal(sig, SIG_DFL);
		raise(sig);
	}
	gotsig = sig;
	if (write(selfpipe[1], "s", 1) < 0) {
		/* full: a wake-up is already pending */
	}
	errno = e;
}

static void
on_chld(int sig)
{
	int e = errno;

	(void)sig;
	if (write(selfpipe[1], "c", 1) < 0) {
		/* full: a wake-up is already pending */
	}
	errno = e;
}

/* Last resort on die(): no job outlives us, no token is lost. */
static void
at_exit(void)
{
	size_t i;

	for (i = 0; i < nrun; i++)
		if (run[i]->pid > 0)
			kill(-run[i]->pid, SIGKILL);
	give_back_tokens();
	hosts_close();
}

/*
 * make's jobserver, from MAKEFLAGS.  Called first thing in main: the fds
 * are only known good before we open anything, since make 4.3 leaves the
 * option in MAKEFLAGS of recipes whose fds it closed.
 */
static void
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
static void
js_setup(void)
{
	char path[64];
	int fd, fl;

	if (js_r < 0)
		return;
	fl = fcntl(js_r, F_GETFL);
	if (fl & O_NONBLOCK)
		return;
	snprintf(path, sizeof path, "/proc/self/fd/%d", js_r);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) >= 0)
		js_r = fd;
	/* else poll, then read: a token sniped in between costs a wait */
}

static void
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
static void
js_acquire(void)
{
	unsigned char c;
	sigset_t old;
	ssize_t r;

	if ((size_t)ntokens == captokens) {
		captokens = captokens ? 2 * captokens : 16;
		tokens = xrealloc(tokens, captokens);
	}
	block_signals(&old);
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

/* Shell quoting: a word the shell reads back as it is. */
static void
sq_append(char **p, size_t *len, size_t *cap, const char *s, size_t n)
{
	size_t i, need = 2 * n + 3;
	int plain = n > 0;

	for (i = 0; i < n && plain; i++)
		plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_@%+=:,./-", s[i]) != NULL && s[i] != '\0';
	for (i = 0; i < n; i++)
		if (s[i] == '\'')
			need += 3;
	if (*len + need + 1 > *cap) {
		*cap = 2 * (*len + need + 1);
		*p = xrealloc(*p, *cap);
	}
	if (plain) {
		memcpy(*p + *len, s, n);
		*len += n;
	} else {
		(*p)[(*len)++] = '\'';
		for (i = 0; i < n; i++) {
			if (s[i] == '\'') {
				memcpy(*p + *len, "'\\''", 4);
				*len += 4;
			} else
				(*p)[(*len)++] = s[i];
		}
		(*p)[(*len)++] = '\'';
	}
	(*p)[*len] = '\0';
}

static void
raw_append(char **p, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = 2 * (*len + n + 1);
		*p = xrealloc(*p, *cap);
	}
	memcpy(*p + *len, s, n);
	*len += n;
	(*p)[*len] = '\0';
}

/* The length of the replacement string at s, or 0. */
static size_t
repl_len(const char *s)
{
	static const char *const r[] = {
		"{}", "{.}", "{/}", "{//}", "{/.}", "{#}", "{%}"
	};
	size_t i, n;

	if (*s != '{')
		return 0;
	for (i = 0; i < sizeof r / sizeof r[0]; i++) {
		n = strlen(r[i]);
		if (strncmp(s, r[i], n) == 0)
			return n;
	}
	return 0;
}

static int
has_repl(const char *s)
{
	for (; *s; s++)
		if (repl_len(s))
			return 1;
	return 0;
}

/* A single word that the shell must read: redirections, pipes, ... */
static int
shell_syntax(const char *s)
{
	size_t n;

	while (*s) {
		if ((n = repl_len(s))) {
			s += n;
			continue;
		}
		if (strchr(" \t\n;&|<>()$`\\\"'*?[~#", *s))
			return 1;
		s++;
	}
	return 0;
}

/* The value of replacement string r (length rn) for job j. */
static void
repl_value(const struct job *j, const char *r, size_t rn, char *num,
    const char **v, size_t *vn)
{
	const char *it = j->item, *slash, *dot, *base;
	size_t n = j->itemlen, bn;

	slash = NULL;
	for (base = it; base < it + n; base++)
		if (*base == '/')
			slash = base;
	base = slash ? slash + 1 : it;
	bn = it + n - base;
	dot = NULL;
	for (const char *q = base; q < it + n; q++)
		if (*q == '.')
			dot = q;
	if (rn == 2) {				/* {} */
		*v = it;
		*vn = n;
	} else if (r[1] == '.') {		/* {.} */
		*v = it;
		*vn = dot ? (size_t)(dot - it) : n;
	} else if (r[1] == '#' || r[1] == '%') {
		snprintf(num, 32, "%llu", r[1] == '#' ? j->seq :
		    (unsigned long long)j->slot->id);
		*v = num;
		*vn = strlen(num);
	} else if (rn == 3) {			/* {/} */
		*v = base;
		*vn = bn;
	} else if (r[2] == '.') {		/* {/.} */
		*v = base;
		*vn = dot ? (size_t)(dot - base) : bn;
	} else {				/* {//}, as dirname(3) */
		size_t e = n;

		while (e > 1 && it[e - 1] == '/')
			e--;
		while (e > 0 && it[e - 1] != '/')
			e--;
		while (e > 1 && it[e - 1] == '/')
			e--;
		if (e == 0) {
			*v = n > 0 && it[0] == '/' ? "/" : ".";
			*vn = 1;
		} else {
			*v = it;
			*vn = e;
		}
	}
}

/* Word w with its replacement strings filled in, quoted if quote. */
static void
expand(const struct job *j, const char *w, int quote, char **p, size_t *len,
    size_t *cap)
{
	char num[32];
	const char *v;
	size_t n, vn;

	while (*w) {
		if ((n = repl_len(w))) {
			repl_value(j, w, n, num, &v, &vn);
			if (quote)
				sq_append(p, len, cap, v, vn);
			else
				raw_append(p, len, cap, v, vn);
			w += n;
			continue;
		}
		for (n = 1; w[n] && !repl_len(w + n); n++)
			;
		raw_append(p, len, cap, w, n);
		w += n;
	}
}

/*
 * The job's argv, in *store (freed by the caller); with shell set, the one
 * line that runs it, quoted for pasting.
 */
static char **
build_argv(const struct job *j, char **store, char **shown)
{
	char **av, *buf = NULL;
	size_t len = 0, cap = 0, *off;
	int i, n = 0, append = !hasrepl && countjobs < 0;

	av = xcalloc((size_t)ntmpl + 4, sizeof *av);
	off = xcalloc((size_t)ntmpl + 2, sizeof *off);
	if (useshell) {
		expand(j, tmpl[0], 1, &buf, &len, &cap);
		if (append) {
			raw_append(&buf, &len, &cap, " ", 1);
			sq_append(&buf, &len, &cap, j->item, j->itemlen);
		}
		av[0] = "/bin/sh";
		av[1] = "-c";
		av[2] = buf;
		*store = buf;
		if (shown)
			*shown = xstrdup(buf);
		free(off);
		return av;
	}
	for (i = 0; i < ntmpl; i++) {
		off[n++] = len;
		expand(j, tmpl[i], 0, &buf, &len, &cap);
		raw_append(&buf, &len, &cap, "", 1);
	}
	if (append) {
		off[n++] = len;
		raw_append(&buf, &len, &cap, j->item, j->itemlen);
		raw_append(&buf, &len, &cap, "", 1);
	}
	for (i = 0; i < n; i++)
		av[i] = buf + off[i];
	if (shown) {
		char *s = NULL;
		size_t sl = 0, sc = 0;

		for (i = 0; i < n; i++) {
			if (i)
				raw_append(&s, &sl, &sc, " ", 1);
			sq_append(&s, &sl, &sc, av[i], strlen(av[i]));
		}
		*shown = s;
	}
	*store = buf;
	free(off);
	return av;
}

/* Write all of it; EPIPE on stdout ends the run, quietly. */
static void sigpipe_exit(void);

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w;

		/* Interrupted: no output is worth waiting for a reader. */
		if (gotsig && fd <= 2)
			return -1;
		if (fd == 1 && out_closed) {
			errno = EBADF;
			edie("stdout");
		}
		w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR) {
				if (gotsig)
					return -1;
				continue;
			}
			if (errno == EPIPE && fd == 1)
				sigpipe_exit();
			if (fd == 1)
				edie("stdout");
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void
bar_clear(void)
{
	if (bar_shown) {
		write_all(2, "\r\033[K", 4);
		bar_shown = 0;
	}
}

static void
bar_draw(void)
{
	char line[160], fill[41];
	long long el = now_ms() - tstart;
	double rate = el > 0 ? ndone * 1000.0 / el : 0;
	int n, i, w = 30;

	if (total >= 0) {
		long long left = total - (long long)ndone;
		double eta = rate > 0 ? left / rate : 0;
		int k = total > 0 ? (int)(w * (double)ndone / total) : w;

		for (i = 0; i < w; i++)
			fill[i] = i < k ? '#' : '.';
		fill[w] = '\0';
		n = snprintf(line, sizeof line,
		    "\r[%s] %llu/%lld %d%% %.1f/s ETA %lld:%02lld\033[K",
		    fill, ndone, total,
		    total > 0 ? (int)(100 * ndone / (unsigned long long)total) :
		    100, rate, (long long)eta / 60, (long long)eta % 60);
	} else
		n = snprintf(line, sizeof line, "\r%llu done %.1f/s\033[K",
		    ndone, rate);
	write_all(2, line, (size_t)n);
	bar_shown = 1;
}

/* Bytes of one stream to fd, each line prefixed with the item if --tag. */
static void
put(struct job *j, int s, const char *p, size_t n)
{
	int fd = s == OUT ? 1 : 2;
	struct obuf *b = &j->ob[s];
	const char *e = p + n, *nl;

	if (n == 0)
		return;
	bar_clear();
	if (!tag) {
		write_all(fd, p, n);
		return;
	}
	while (p < e) {
		char *t = NULL;
		size_t tl = 0, tc = 0;

		nl = memchr(p, '\n', (size_t)(e - p));
		nl = nl ? nl + 1 : e;
		if (b->bol) {
			raw_append(&t, &tl, &tc, j->item, j->itemlen);
			raw_append(&t, &tl, &tc, "\t", 1);
		}
		raw_append(&t, &tl, &tc, p, (size_t)(nl - p));
		write_all(fd, t, tl);
		free(t);
		b->bol = nl[-1] == '\n';
		p = nl;
	}
}

static void
put_spill(struct job *j, int s)
{
	struct obuf *b = &j->ob[s];
	char buf[65536];
	ssize_t r;

	if (b->spill < 0)
		return;
	if (lseek(b->spill, 0, SEEK_SET) < 0)
		edie("temporary file");
	while ((r = read(b->spill, buf, sizeof buf)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			edie("temporary file");
		}
		put(j, s, buf, (size_t)r);
	}
	close(b->spill);
	b->spill = -1;
}

static int
spill_open(void)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
#ifdef O_TMPFILE
	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) >= 0)
		return fd;
#endif
	path = xmalloc(strlen(dir) + 20);
	sprintf(path, "%s/fanout.XXXXXX", dir);
	if ((fd = mkostemp(path, O_CLOEXEC)) < 0)
		edie("%s", path);
	unlink(path);
	free(path);
	return fd;
}

static void
obuf_add(struct obuf *b, const char *p, size_t n)
{
	if (b->spill < 0 && b->len + n > SPILL_AT) {
		b->spill = spill_open();
		if (write_all(b->spill, b->p, b->len) < 0)
			edie("temporary file");
		b->len = 0;
	}
	if (b->spill >= 0) {
		if (write_all(b->spill, p, n) < 0)
			edie("temporary file");
		return;
	}
	if (b->len + n > b->cap) {
		b->cap = b->len + n > 2 * b->cap ? b->len + n : 2 * b->cap;
		if (b->cap < 4096)
			b->cap = 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
obuf_reset(struct obuf *b)
{
	if (b->spill >= 0)
		close(b->spill);
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->spill = -1;
	b->bol = 1;
}

/* --line-buffer: may this job's lines go out now? */
static int
streaming(const struct job *j)
{
	return linebuf && !j->cancelled && (!keep || j == ohead);
}

/* Write what is complete: everything if final, else up to a newline. */
static void
flush_job(struct job *j, int final)
{
	int s;

	for (s = OUT; s <= ERR; s++) {
		struct obuf *b = &j->ob[s];
		char *nl;
		size_t n;

		if (final) {
			put_spill(j, s);
			put(j, s, b->p, b->len);
			b->len = 0;
			continue;
		}
		nl = b->len ? memrchr(b->p, '\n', b->len) : NULL;
		if (!nl)
			continue;
		put_spill(j, s);
		n = (size_t)(nl + 1 - b->p);
		put(j, s, b->p, n);
		memmove(b->p, b->p + n, b->len - n);
		b->len -= n;
	}
}

static void
job_free(struct job *j)
{
	obuf_reset(&j->ob[OUT]);
	obuf_reset(&j->ob[ERR]);
	free(j->item);
	free(j);
}

/* -k: write finished jobs from the head of the order on. */
static void
drain_order(void)
{
	while (ohead && ohead->finished) {
		struct job *j = ohead;

		ohead = j->next;
		if (!ohead)
			otail = NULL;
		nwaiting--;
		if (!j->cancelled)
			flush_job(j, 1);
		job_free(j);
	}
	if (ohead && streaming(ohead))
		flush_job(ohead, 0);
}

/* The next item, or NULL if there is none yet (*more: stdin may have it). */
static int
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
	r = read(0, inbuf + inlen, incap - inlen);
	if (r < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return 0;
		edie("stdin");
	}
	if (r == 0)
		ineof = 1;
	inlen += (size_t)r;
	return 1;
}

static int
next_item(char **item, size_t *len)
{
	char *e;

	if (countjobs >= 0) {
		if ((long long)nseq >= countjobs)
			return -1;
		*item = xmalloc(24);
		*len = (size_t)sprintf(*item, "%llu", nseq);
		return 1;
	}
	if (nargitems >= 0) {
		if (nextarg >= nargitems)
			return -1;
		*len = strlen(argitems[nextarg]);
		*item = xmalloc(*len + 1);
		memcpy(*item, argitems[nextarg++], *len + 1);
		return 1;
	}
	e = inlen > inoff ? memchr(inbuf + inoff, nulsep ? '\0' : '\n',
	    inlen - inoff) : NULL;
	if (!e && !ineof)
		return 0;
	if (!e && inoff == inlen)
		return -1;
	if (!e)
		e = inbuf + inlen;
	*len = (size_t)(e - (inbuf + inoff));
	*item = xmalloc(*len + 1);
	memcpy(*item, inbuf + inoff, *len);
	(*item)[*len] = '\0';
	inoff += *len + (e < inbuf + inlen);
	return 1;
}

static int
host_ready(struct host *h)
{
	struct stat st;

	if (!h->name || h->opened)
		return 1;
	if (!h->opener)
		return 1;	/* this job will open it */
	if (lstat(h->ctl, &st) == 0 && S_ISSOCK(st.st_mode)) {
		h->opened = 1;
		return 1;
	}
	/* One connection a host: the others share it once it is up. */
	wait_open = 1;
	return 0;
}

/* -S: a free slot on a live host, not the one that just failed j if
 * another will do; NULL if none now. */
static struct slot *
slot_pick(const struct job *j)
{
	struct slot *second = NULL;
	unsigned i;

	for (i = 0; i < nslots; i++) {
		struct slot *sl = slots[i];

		if (sl->busy || sl->host->dead || !host_ready(sl->host))
			continue;
		if (j && sl->host == j->failed_on && nalive > 1) {
			if (!second)
				second = sl;
			continue;
		}
		return sl;
	}
	return second;
}

/* Without -S: the lowest free slot, a new one if all are busy. */
static struct slot *
slot_take(void)
{
	unsigned i;

	for (i = 0; i < nslots; i++)
		if (!slots[i]->busy)
			break;
	if (i == nslots) {
		slots = xreallocarray(slots, ++nslots, sizeof *slots);
		slots[i] = xcalloc(1, sizeof **slots);
		slots[i]->id = i + 1;
		slots[i]->host = &localhost;
		localhost.nslots++;
	}
	slots[i]->busy = 1;
	return slots[i];
}

static void
print_cmd(const struct job *j, FILE *f)
{
	char *store, *shown;
	char **av = build_argv(j, &store, &shown);

	fprintf(f, "%s\n", shown);
	free(shown);
	free(store);
	free(av);
}

/*
 * Hosts over ssh.  Every remote slot's job is one ssh through the host's
 * ControlMaster (the first job there opens it; the others wait for its
 * socket), so a job costs a round trip, not a handshake.
 */
static void
split_ssh(const char *s)
{
	const char *p = s;

	while (*(p += strspn(p, " \t\n"))) {
		size_t n = strcspn(p, " \t\n");

		sshcmd = xreallocarray(sshcmd, nsshcmd + 1, sizeof *sshcmd);
		sshcmd[nsshcmd] = xmalloc(n + 1);
		memcpy(sshcmd[nsshcmd], p, n);
		sshcmd[nsshcmd++][n] = '\0';
		p += n;
	}
	if (nsshcmd == 0)
		split_ssh("ssh");
}

static void
add_slots(struct host *h, unsigned n)
{
	unsigned i;

	slots = xreallocarray(slots, nslots + n, sizeof *slots);
	for (i = 0; i < n; i++) {
		slots[nslots] = xcalloc(1, sizeof **slots);
		slots[nslots]->id = nslots + 1;
		slots[nslots++]->host = h;
	}
	h->nslots += n;
}

/* One -S word: [N/][user@]host[:port], or N/: for this machine. */
static void
add_host(const char *spec, size_t len)
{
	char *w = xmalloc(len + 1), *p = w, *colon;
	struct host *h;
	unsigned n = 1;

	memcpy(w, spec, len);
	w[len] = '\0';
	if ((colon = strchr(w, '/'))) {
		*colon = '\0';
		n = (unsigned)num_arg(w, 1, 100000, "host slots");
		p = colon + 1;
	}
	if (!*p || *p == '-') {
		/* A leading dash would be an option to ssh. */
		warnx_("-S: \"%s\" is not a host", p);
		exit(2);
	}
	if (strcmp(p, ":") == 0) {
		h = &localhost;
	} else {
		h = xcalloc(1, sizeof *h);
		h->name = xstrdup(p);
		if ((colon = strrchr(p, ':')) && colon[1] &&
		    strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
			*colon = '\0';
			h->port = xstrdup(colon + 1);
		}
		h->dest = xstrdup(p);
	}
	if (h == &localhost && localhost.nslots > 0) {
		add_slots(h, n);
		free(w);
		return;
	}
	hosts = xreallocarray(hosts, nhosts + 1, sizeof *hosts);
	hosts[nhosts++] = h;
	nalive++;
	add_slots(h, n);
	free(w);
}

static void
add_hosts(const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");

		while (n > 0 && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n > 0)
			add_host(p, n);
		p += strcspn(p, ",");
		if (*p)
			p++;
	}
	fixed_slots = 1;
}

static void
read_sshloginfile(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		edie("%s", path);
	while ((n = getline(&line, &cap, f)) > 0) {
		line[strcspn(line, "#\r\n")] = '\0';
		add_hosts(line);
	}
	if (ferror(f))
		edie("%s", path);
	free(line);
	fclose(f);
	fixed_slots = 1;
}

static void
hosts_setup(void)
{
	const char *tmp = getenv("TMPDIR");
	size_t i;
	char *d;

	if (nslots == 0) {
		warnx_("-S: no hosts");
		usage(stderr, 2);
	}
	split_ssh(getenv("FANOUT_SSH") ? getenv("FANOUT_SSH") : "ssh");
	if (!(cwd = getcwd(NULL, 0)))
		edie("getcwd");
	/* A socket path must fit in sun_path (108 bytes). */
	if (!tmp || !*tmp || strlen(tmp) > 60)
		tmp = "/tmp";
	d = xmalloc(strlen(tmp) + 20);
	sprintf(d, "%s/fanout-ssh.XXXXXX", tmp);
	for (i = 0; i < nhosts; i++) {
		if (!hosts[i]->name)
			continue;
		if (!ctldir && !(ctldir = mkdtemp(d)))
			edie("%s", d);
		hosts[i]->ctl = xmalloc(strlen(ctldir) + 24);
		sprintf(hosts[i]->ctl, "%s/%zu", ctldir, i);
	}
	if (!ctldir)
		free(d);
}

struct argv {
	char **v;
	size_t n;
};

static void
av_add(struct argv *a, const char *s)
{
	a->v = xreallocarray(a->v, a->n + 2, sizeof *a->v);
	a->v[a->n++] = (char *)s;
	a->v[a->n] = NULL;
}

/* ssh with the options every connection to h shares, up to the host. */
static void
ssh_base(struct argv *a, const struct host *h)
{
	static char cp[4200];
	size_t i;

	for (i = 0; i < nsshcmd; i++)
		av_add(a, sshcmd[i]);
	av_add(a, "-T");
	av_add(a, "-o");
	av_add(a, "BatchMode=yes");
	av_add(a, "-o");
	av_add(a, "ControlMaster=auto");
	av_add(a, "-o");
	av_add(a, "ControlPersist=60");
	av_add(a, "-o");
	av_add(a, "ConnectTimeout=10");
	av_add(a, "-o");
	av_add(a, "ServerAliveInterval=5");
	av_add(a, "-o");
	/* posix_spawn copies argv before this buffer is reused */
	snprintf(cp, sizeof cp, "ControlPath=%s", h->ctl);
	av_add(a, cp);
	if (h->port) {
		av_add(a, "-p");
		av_add(a, h->port);
	}
}

/*
 * The remote command: every word quoted for the remote shell.  sshd makes
 * the session's shell a process group leader; when ssh goes away, its
 * stdin reaches EOF and the watcher kills that group, so killing fanout
 * (or one job) leaves no remote orphan.
 */
static char **
ssh_argv(const struct job *j, char **av, char **rcmd)
{
	struct argv a = { NULL, 0 };
	char *sc = NULL, *r = NULL, num[128];
	size_t sl = 0, sc_cap = 0, rl = 0, rc = 0, i;
	const struct host *h = j->slot->host;

	raw_append(&sc, &sl, &sc_cap, "cd ", 3);
	sq_append(&sc, &sl, &sc_cap, workdir ? workdir : cwd,
	    strlen(workdir ? workdir : cwd));
	raw_append(&sc, &sl, &sc_cap, " || exit 1; export", 18);
	if (havesize) {
		raw_append(&sc, &sl, &sc_cap, " ", 1);
		raw_append(&sc, &sl, &sc_cap, envsize, strlen(envsize));
	}
	snprintf(num, sizeof num, " %s %s", envrank, envslot);
	raw_append(&sc, &sl, &sc_cap, num, strlen(num));
	for (i = 0; i < nenvnames; i++) {
		const char *v = getenv(envnames[i]);

		if (!v)
			continue;
		raw_append(&sc, &sl, &sc_cap, " ", 1);
		raw_append(&sc, &sl, &sc_cap, envnames[i], strlen(envnames[i]));
		raw_append(&sc, &sl, &sc_cap, "=", 1);
		sq_append(&sc, &sl, &sc_cap, v, strlen(v));
	}
	raw_append(&sc, &sl, &sc_cap, "; exec 3<&0 </dev/null;", 23);
	for (i = 0; av[i]; i++) {
		raw_append(&sc, &sl, &sc_cap, " ", 1);
		sq_append(&sc, &sl, &sc_cap, av[i], strlen(av[i]));
	}
	{
		static const char tail[] = " 3<&- & p=$!; "
		    "{ read _ <&3; kill -TERM 0; } >/dev/null 2>&1 & w=$!; "
		    "wait $p; s=$?; kill $w 2>/dev/null; exit $s";

		raw_append(&sc, &sl, &sc_cap, tail, sizeof tail - 1);
	}
	/* Whatever the login shell, sh runs it. */
	raw_append(&r, &rl, &rc, "exec /bin/sh -c ", 16);
	sq_append(&r, &rl, &rc, sc, sl);
	free(sc);
	ssh_base(&a, h);
	av_add(&a, h->dest);
	av_add(&a, r);
	*rcmd = r;
	return a.v;
}

/* ssh -O OP to h's master: its exit status, or -1. */
static int
ssh_control(const struct host *h, const char *op)
{
	posix_spawn_file_actions_t fa;
	struct argv a = { NULL, 0 };
	pid_t pid;
	int st, e;

	ssh_base(&a, h);
	av_add(&a, "-O");
	av_add(&a, op);
	av_add(&a, h->dest);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, devnull, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	e = posix_spawnp(&pid, a.v[0], &fa, &spattr, a.v, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(a.v);
	if (e)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* h failed to connect, or its connection broke: once for all the jobs
 * that shared that connection. */
static void
host_failed(struct host *h, unsigned epoch)
{
	if (epoch != h->epoch)
		return;
	h->epoch++;
	h->opened = 0;
	h->opener = NULL;
	unlink(h->ctl);
	if (++h->failures < max_host_failures || h->dead)
		return;
	h->dead = 1;
	nalive--;
	bar_clear();
	warnx_("%s: %u failed connections: no more jobs there", h->name,
	    h->failures);
	if (nalive == 0) {
		warnx_("every host is gone; jobs not run");
		stop_starting = 1;
		if (worst < 124)
			worst = 124;
	}
}

/* Close every master connection and the sockets' directory. */
static void
hosts_close(void)
{
	size_t i;

	if (!ctldir)
		return;
	for (i = 0; i < nhosts; i++) {
		struct stat st;

		if (hosts[i]->ctl && lstat(hosts[i]->ctl, &st) == 0) {
			ssh_control(hosts[i], "exit");
			unlink(hosts[i]->ctl);
		}
	}
	rmdir(ctldir);
	free(ctldir);
	ctldir = NULL;
}

/* Run script under /bin/sh on h, stdin from in, stdout to out: the exit
 * status, 255 when ssh could not do it, -1 when it did not start. */
static int
ssh_io(const struct host *h, const char *script, int in, int out)
{
	posix_spawn_file_actions_t fa;
	struct argv a = { NULL, 0 };
	char *r = NULL, *sc = NULL;
	size_t rl = 0, rc = 0, sl = 0, scc = 0;
	const char *wd = workdir ? workdir : cwd;
	pid_t pid;
	int st, e;

	raw_append(&sc, &sl, &scc, "cd ", 3);
	sq_append(&sc, &sl, &scc, wd, strlen(wd));
	raw_append(&sc, &sl, &scc, " || exit 1; ", 12);
	raw_append(&sc, &sl, &scc, script, strlen(script));
	raw_append(&r, &rl, &rc, "exec /bin/sh -c ", 16);
	sq_append(&r, &rl, &rc, sc, sl);
	ssh_base(&a, h);
	av_add(&a, h->dest);
	av_add(&a, r);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, 0);
	posix_spawn_file_actions_adddup2(&fa, out, 1);
	e = posix_spawnp(&pid, a.v[0], &fa, &spattr, a.v, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(a.v);
	free(r);
	free(sc);
	if (e)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* --transfer: the item's file to the same path on the job's host. */
static int
transfer_item(struct job *j)
{
	const struct host *h = j->slot->host;
	char *sc = NULL;
	size_t sl = 0, cap = 0;
	int fd, st;

	if ((fd = open(j->item, O_RDONLY | O_CLOEXEC)) < 0) {
		warn_("%s", j->item);
		return 1;
	}
	raw_append(&sc, &sl, &cap, "d=$(dirname -- ", 15);
	sq_append(&sc, &sl, &cap, j->item, j->itemlen);
	raw_append(&sc, &sl, &cap, ") && mkdir -p -- \"$d\" && cat > ", 31);
	sq_append(&sc, &sl, &cap, j->item, j->itemlen);
	{
		struct stat sb;

		if (fstat(fd, &sb) == 0)
			j->sent = (unsigned long long)sb.st_size;
	}
	st = ssh_io(h, sc, fd, devnull_w);
	close(fd);
	free(sc);
	if (st != 0 && st != 255)
		warnx_("%s: %s: could not send it", h->name, j->item);
	return st;
}

/* --return: each pattern's file back from the job's host; 255 if the
 * connection broke, 1 if a file did not come, else 0. */
static int
return_files(const struct job *j)
{
	const struct host *h = j->slot->host;
	int ret = 0;
	size_t i;

	for (i = 0; i < nreturns && ret != 255; i++) {
		char *path = NULL, *sc = NULL, *tmp;
		size_t pl = 0, pc = 0, sl = 0, sc_cap = 0;
		int fd, st;

		expand(j, returns[i], 0, &path, &pl, &pc);
		raw_append(&sc, &sl, &sc_cap, "cat -- ", 7);
		sq_append(&sc, &sl, &sc_cap, path, pl);
		tmp = xmalloc(pl + 16);
		sprintf(tmp, "%s.XXXXXX", path);
		if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
			warn_("%s", tmp);
			ret = 1;
		} else if ((st = ssh_io(h, sc, devnull, fd)) != 0) {
			if (st != 255)
				warnx_("%s: %s: could not bring it back",
				    h->name, path);
			ret = st == 255 ? 255 : 1;
			unlink(tmp);
		} else if (fchmod(fd, 0644) < 0 || rename(tmp, path) < 0) {
			warn_("%s", path);
			unlink(tmp);
			ret = 1;
		}
		if (fd >= 0)
			close(fd);
		free(tmp);
		free(sc);
		free(path);
	}
	return ret;
}

/* --cleanup: the job's files on its host go. */
static void
cleanup_files(const struct job *j)
{
	char *sc = NULL;
	size_t sl = 0, cap = 0, i;

	raw_append(&sc, &sl, &cap, "rm -f --", 8);
	if (transfer) {
		raw_append(&sc, &sl, &cap, " ", 1);
		sq_append(&sc, &sl, &cap, j->item, j->itemlen);
	}
	for (i = 0; i < nreturns; i++) {
		char *path = NULL;
		size_t pl = 0, pc = 0;

		expand(j, returns[i], 0, &path, &pl, &pc);
		raw_append(&sc, &sl, &cap, " ", 1);
		sq_append(&sc, &sl, &cap, path, pl);
		free(path);
	}
	ssh_io(j->slot->host, sc, devnull, devnull_w);
	free(sc);
}

static void
run_add(struct job *j)
{
	if (nrun == caprun) {
		caprun = caprun ? 2 * caprun : 16;
		run = xreallocarray(run, caprun, sizeof *run);
	}
	run[nrun++] = j;
}

static void
spawn(struct job *j)
{
	posix_spawn_file_actions_t fa;
	int out[2], err[2], e, close_later = -1;
	char *store, *shown = NULL, *rcmd = NULL;
	char **av;

	if (j->tries++) {
		obuf_reset(&j->ob[OUT]);
		obuf_reset(&j->ob[ERR]);
		j->received = 0;
	}
	j->t0 = now_ms();
	j->started = wall();
	j->deadline = timeout_ms ? j->t0 + timeout_ms : 0;
	j->killat = 0;
	j->timedout = 0;
	j->status = 0;
	j->code = 0;
	j->ob[OUT].bol = j->ob[ERR].bol = 1;
	j->inw = -1;
	j->lost = 0;
	j->epoch = j->slot->host->epoch;
	if (transfer && j->slot->host->name) {
		int st = transfer_item(j);

		if (st != 0) {
			/* As if the job had ended so: 255 is the host's. */
			j->status = (st < 0 ? 1 : st) << 8;
			j->pid = 0;
			j->fd[OUT] = j->fd[ERR] = -1;
			run_add(j);
			return;
		}
	}
	av = build_argv(j, &store, verbose ? &shown : NULL);
	if (verbose) {
		bar_clear();
		fprintf(stderr, "%s\n", shown);
		free(shown);
	}
	snprintf(envrank, sizeof envrank, "FANOUT_RANK=%llu", j->seq - 1);
	snprintf(envslot, sizeof envslot, "FANOUT_SLOT=%u", j->slot->id);
	if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0)
		edie("pipe");
	posix_spawn_file_actions_init(&fa);
	j->inw = -1;
	if (j->slot->host->name) {
		char **rav = ssh_argv(j, av, &rcmd);
		int in[2];

		free(av);
		av = rav;
		/* The remote side ends the job when this pipe closes. */
		if (pipe2(in, O_CLOEXEC) < 0)
			edie("pipe");
		posix_spawn_file_actions_adddup2(&fa, in[0], 0);
		posix_spawn_file_actions_addclose(&fa, in[1]);
		j->inw = in[1];
		close_later = in[0];
	} else {
		posix_spawn_file_actions_adddup2(&fa, devnull, 0);
		if (workdir)
			posix_spawn_file_actions_addchdir_np(&fa, workdir);
	}
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	e = posix_spawnp(&j->pid, av[0], &fa, &spattr, av,
	    havesize ? envp : envp + 1);
	posix_spawn_file_actions_destroy(&fa);
	close(out[1]);
	close(err[1]);
	if (close_later >= 0)
		close(close_later);
	if (e) {
		/* As the child would have said it. */
		bar_clear();
		errno = e;
		warn_("%s", av[0]);
		close(out[0]);
		close(err[0]);
		j->fd[OUT] = j->fd[ERR] = -1;
		j->pid = 0;
		j->code = e == ENOENT ? 127 : 126;
		if (cmd_fixed && !useshell)
			stop_starting = 1;
	} else {
		j->fd[OUT] = out[0];
		j->fd[ERR] = err[0];
	}
	free(rcmd);
	free(store);
	free(av);
	run_add(j);
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

static void
joblog_write(const struct job *j)
{
	char *store, *shown, *line = NULL, head[256], *c;
	size_t len = 0, cap = 0;
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
	raw_append(&line, &len, &cap, head, (size_t)n);
	raw_append(&line, &len, &cap, shown, strlen(shown));
	raw_append(&line, &len, &cap, "\n", 1);
	if (write_all(joblog, line, len) < 0)
		warn_("%s", joblog_path);
	free(line);
	free(shown);
	free(store);
	free(av);
}

static void
kill_all(int sig)
{
	size_t i;
	long long t = now_ms();

	for (i = 0; i < nrun; i++) {
		struct job *j = run[i];

		j->cancelled = 1;
		if (j->inw >= 0) {
			close(j->inw);
			j->inw = -1;
		}
		if (j->pid > 0) {
			kill(-j->pid, sig);
			if (!j->killat)
				j->killat = t + GRACE_MS;
		}
	}
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
static void
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
			j->rnext = retryq;
			retryq = j;
			if (!retryqt)
				retryqt = j;
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
		j->rnext = NULL;
		if (retryqt)
			retryqt->rnext = j;
		else
			retryq = j;
		retryqt = j;
		return;
	}
	job_done(j, code);
}

/* A job's last attempt ended: log it, count it, write its output. */
static void
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
	if (!keep) {
		flush_job(j, 1);
		job_free(j);
	} else {
		nwaiting++;
		drain_order();
	}
	if (halt_when != HALT_NEVER && halt_reached(halt_success ? nok :
	    nfailed) && (halt_success ? code == 0 : code != 0)) {
		if (halt_success)
			worst = 0;
		stop_starting = 1;
		if (halt_when == HALT_NOW && !stopping) {
			stopping = 1;
			kill_all(SIGTERM);
		}
	}
}

static void
reap(void)
{
	int st;
	pid_t pid;
	size_t i;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		for (i = 0; i < nrun; i++)
			if (run[i]->pid == pid) {
				run[i]->pid = 0;
				run[i]->status = st;
				break;
			}
}

static void
read_job(struct job *j, int s)
{
	char buf[65536];
	ssize_t r = read(j->fd[s], buf, sizeof buf);

	if (r < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return;
		r = 0;
	}
	if (r == 0) {
		close(j->fd[s]);
		j->fd[s] = -1;
		return;
	}
	if (s == OUT)
		j->received += (unsigned long long)r;
	if (j->cancelled)
		return;
	obuf_add(&j->ob[s], buf, (size_t)r);
	if (streaming(j))
		flush_job(j, 0);
}

/* Which job runs next: a retry, a new item, or none yet (0) or ever (-1). */
static int
next_job(struct job **jp)
{
	struct job *j;
	char *item;
	size_t len;
	int r;

	if (retryq) {
		j = retryq;
		retryq = j->rnext;
		if (!retryq)
			retryqt = NULL;
		*jp = j;
		return 1;
	}
	for (;;) {
		if ((r = next_item(&item, &len)) <= 0)
			return r;
		nseq++;
		if (shard && (nseq - 1) % shard_size != shard_rank) {
			free(item);
			continue;
		}
		if (nseq - 1 < nlogged && (logged[nseq - 1] &
		    (resume_failed ? 2 : 1))) {
			free(item);
			continue;
		}
		break;
	}
	j = xcalloc(1, sizeof *j);
	j->seq = nseq;
	j->item = item;
	j->itemlen = len;
	j->fd[OUT] = j->fd[ERR] = -1;
	j->ob[OUT].spill = j->ob[ERR].spill = -1;
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
static int
work_ready(void)
{
	if (retryq)
		return 1;
	if (countjobs >= 0)
		return (long long)nseq < countjobs ? 1 : -1;
	if (nargitems >= 0)
		return nextarg < nargitems ? 1 : -1;
	if (inlen > inoff && memchr(inbuf + inoff, nulsep ? '\0' : '\n',
	    inlen - inoff))
		return 1;
	if (ineof)
		return inoff < inlen ? 1 : -1;
	return 0;
}

/* Start what may start now; say what to wait for. */
static void
start_jobs(int *need_input, int *need_token)
{
	*need_input = *need_token = 0;
	wait_open = 0;
	while (!stop_starting && !stopping && (long)nrun < jobs) {
		struct slot *sl = NULL;
		struct job *j;
		int r;

		if (keep && !retryq && nwaiting >= (size_t)(4 * nrun + 64))
			break;
		/* The first job runs on make's implicit slot; each more on a
		 * token, asked for only when there is work for it. */
		if (js_r >= 0 && nrun >= 1 + (size_t)ntokens) {
			r = work_ready();
			*need_input = r == 0;
			*need_token = r == 1;
			break;
		}
		if (fixed_slots && !(sl = slot_pick(retryq)))
			break;
		r = next_job(&j);
		*need_input = r == 0;
		if (r <= 0)
			break;
		j->slot = sl ? sl : slot_take();
		j->slot->busy = 1;
		if (j->slot->host->name && !j->slot->host->opened &&
		    !j->slot->host->opener)
			j->slot->host->opener = j;
		spawn(j);
	}
	while (ntokens > 0 && (size_t)ntokens + 1 > nrun)
		js_release();
}

static void
finish(void)
{
	if (barmode && !dryrun) {
		bar_draw();
		write_all(2, "\n", 1);
	}
	give_back_tokens();
	hosts_close();
	if (joblog >= 0 && close(joblog) < 0)
		warn_("%s", joblog_path);
	joblog = -1;
	if (exitsig) {
		signal(exitsig, SIG_DFL);
		raise(exitsig);
	}
}

static void
sigpipe_exit(void)
{
	sigset_t s;

	if (!stopping) {
		stopping = 1;
		kill_all(SIGTERM);
	}
	exitsig = SIGPIPE;
	/* The loop in main runs the jobs down, then raises SIGPIPE. */
	while (nrun > 0) {
		struct pollfd p = { selfpipe[0], POLLIN, 0 };
		char buf[64];
		size_t i;

		poll(&p, 1, 50);
		if (read(selfpipe[0], buf, sizeof buf) < 0) {
			/* nothing pending */
		}
		reap();
		for (i = 0; i < nrun; i++) {
			struct job *j = run[i];

			if (j->killat && now_ms() >= j->killat && j->pid > 0)
				kill(-j->pid, SIGKILL);
			if (j->pid == 0) {
				if (j->fd[OUT] >= 0)
					close(j->fd[OUT]);
				if (j->fd[ERR] >= 0)
					close(j->fd[ERR]);
				run[i--] = run[--nrun];
			}
		}
	}
	give_back_tokens();
	hosts_close();
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&s);
	sigaddset(&s, SIGPIPE);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	raise(SIGPIPE);
	_exit(141);
}

/* Jobs whose last attempts failed but never ran again: final now. */
static void
flush_retries(void)
{
	while (retryq) {
		struct job *j = retryq;

		retryq = j->rnext;
		job_done(j, job_code(j));
	}
	retryqt = NULL;
}

enum { P_SELF = -1, P_STDIN = -2, P_TOKEN = -3, P_STDOUT = -4 };

/* The loop: start jobs, then wait for output, exits, tokens or input. */
static void
loop(void)
{
	struct pollfd *pf = NULL;
	struct job **pj = NULL;
	int *ps = NULL;
	size_t cap = 0;

	for (;;) {
		int need_input, need_token, timeout = -1;
		size_t i, n = 0;
		long long t;

		start_jobs(&need_input, &need_token);
		if (nrun == 0 && (stop_starting || stopping ||
		    work_ready() < 0))
			break;
		if (cap < 2 * nrun + 4) {
			cap = 2 * (2 * nrun + 4);
			pf = xreallocarray(pf, cap, sizeof *pf);
			pj = xreallocarray(pj, cap, sizeof *pj);
			ps = xreallocarray(ps, cap, sizeof *ps);
		}
		pf[n].fd = selfpipe[0];
		ps[n++] = P_SELF;
		if (need_input) {
			pf[n].fd = 0;
			ps[n++] = P_STDIN;
		}
		if (need_token) {
			pf[n].fd = js_r;
			ps[n++] = P_TOKEN;
		}
		if (out_is_pipe) {
			/* A reader gone shows as POLLERR with no write. */
			pf[n].fd = 1;
			ps[n++] = P_STDOUT;
		}
		t = now_ms();
		for (i = 0; i < nrun; i++) {
			struct job *j = run[i];
			int s;
			long long d;

			for (s = OUT; s <= ERR; s++)
				if (j->fd[s] >= 0) {
					pf[n].fd = j->fd[s];
					pj[n] = j;
					ps[n++] = s;
				}
			d = j->killat ? j->killat : j->deadline;
			if (j->pid == 0 && j->fd[OUT] < 0 && j->fd[ERR] < 0)
				timeout = 0;	/* never started */
			else if (d && j->pid > 0) {
				d = d > t ? d - t : 0;
				if (timeout < 0 || d < timeout)
					timeout = (int)d;
			}
		}
		if (barmode && (timeout < 0 || timeout > BAR_MS))
			timeout = BAR_MS;
		if (wait_open && (timeout < 0 || timeout > 10))
			timeout = 10;	/* for a master's socket to appear */
		for (i = 0; i < n; i++) {
			pf[i].events = ps[i] == P_STDOUT ? 0 : POLLIN;
			pf[i].revents = 0;
		}
		if (poll(pf, n, timeout) < 0 && errno != EINTR)
			edie("poll");
		for (i = 0; i < n; i++) {
			char buf[256];

			if (!pf[i].revents)
				continue;
			if (ps[i] == P_SELF) {
				if (read(selfpipe[0], buf, sizeof buf) < 0) {
					/* another read drained it */
				}
			} else if (ps[i] == P_STDIN)
				read_input();
			else if (ps[i] == P_TOKEN)
				js_acquire();
			else if (ps[i] == P_STDOUT)
				sigpipe_exit();
			else
				read_job(pj[i], ps[i]);
		}
		reap();
		if (gotsig && !stopping) {
			stopping = 1;
			exitsig = gotsig;
			kill_all(gotsig);
		}
		t = now_ms();
		for (i = 0; i < nrun; i++) {
			struct job *j = run[i];

			if (j->pid > 0 && j->killat && t >= j->killat) {
				kill(-j->pid, SIGKILL);
				j->killat = 0;
			} else if (j->pid > 0 && j->deadline && !j->killat &&
			    t >= j->deadline) {
				j->timedout = 1;
				kill(-j->pid, SIGTERM);
				j->killat = t + GRACE_MS;
			}
			if (j->pid == 0 && j->cancelled) {
				/* Its output is not wanted: no waiting for a
				 * stray grandchild to close the pipes. */
				int k;

				for (k = OUT; k <= ERR; k++)
					if (j->fd[k] >= 0) {
						close(j->fd[k]);
						j->fd[k] = -1;
					}
			}
			if (j->pid == 0 && j->fd[OUT] < 0 && j->fd[ERR] < 0) {
				run[i--] = run[--nrun];
				job_end(j);
				/* Its token goes back now, not at the next start. */
				while (ntokens > 0 && (size_t)ntokens + 1 > nrun)
					js_release();
			}
		}
		if (barmode && t >= bar_next) {
			bar_draw();
			bar_next = t + BAR_MS;
		}
	}
	if (!stopping)
		flush_retries();
	free(pf);
	free(pj);
	free(ps);
}

static void
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

static void
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

static void
parse_halt(const char *s)
{
	const char *p;
	char *end;

	if (strcmp(s, "never") == 0) {
		halt_when = HALT_NEVER;
		return;
	}
	if (strncmp(s, "now,", 4) == 0) {
		halt_when = HALT_NOW;
		p = s + 4;
	} else if (strncmp(s, "soon,", 5) == 0) {
		halt_when = HALT_SOON;
		p = s + 5;
	} else
		goto bad;
	if (strncmp(p, "fail=", 5) == 0)
		p += 5;
	else if (strncmp(p, "success=", 8) == 0) {
		halt_success = 1;
		p += 8;
	} else
		goto bad;
	if (*p < '0' || *p > '9')
		goto bad;
	halt_n = strtod(p, &end);
	if (*end == '%') {
		halt_pct = 1;
		end++;
	}
	if (*end || halt_n <= 0 || (halt_pct && halt_n > 100))
		goto bad;
	return;
bad:
	warnx_("--halt \"%s\": expected never, now,fail=N, soon,fail=N or "
	    "now,success=N (N may end in %%)", s);
	usage(stderr, 2);
}

static void
setup_env(void)
{
	size_t n = 0, i, k = 3;

	while (environ[n])
		n++;
	envp = xcalloc(n + 4, sizeof *envp);
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "FANOUT_RANK=", 12) &&
		    strncmp(environ[i], "FANOUT_SIZE=", 12) &&
		    strncmp(environ[i], "FANOUT_SLOT=", 12))
			envp[k++] = environ[i];
	envp[k] = NULL;
	/* envp + 1 leaves FANOUT_SIZE out when the size is unknown. */
	envp[0] = envsize;
	envp[1] = envrank;
	envp[2] = envslot;
	if (total >= 0) {
		havesize = 1;
		snprintf(envsize, sizeof envsize, "FANOUT_SIZE=%lld", total);
	}
}

static void
setup_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	sigset_t none, def;
	size_t i;

	if (pipe2(selfpipe, O_CLOEXEC | O_NONBLOCK) < 0)
		edie("pipe");
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction old;

		/* Keep a signal ignored if it was (nohup, background). */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
	sa.sa_handler = on_chld;
	sa.sa_flags = SA_NOCLDSTOP | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	posix_spawnattr_init(&spattr);
	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	posix_spawnattr_setsigmask(&spattr, &none);
	posix_spawnattr_setsigdefault(&spattr, &def);
	posix_spawnattr_setpgroup(&spattr, 0);
	posix_spawnattr_setflags(&spattr, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

/* --shard: our rank and size from the launcher that started us. */
static void
shard_setup(void)
{
	static const char *const vars[][2] = {
		{ "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE" },
		{ "PMI_RANK", "PMI_SIZE" },
		{ "SLURM_PROCID", "SLURM_NTASKS" },
	};
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *r = getenv(vars[i][0]), *n = getenv(vars[i][1]);

		if (!r || !n)
			continue;
		if (num_u64(r, strlen(r), UINT64_MAX, &shard_rank) ||
		    num_u64(n, strlen(n), UINT64_MAX, &shard_size) ||
		    shard_size == 0 || shard_rank >= shard_size)
			die("--shard: %s=%s, %s=%s make no rank and size",
			    vars[i][0], r, vars[i][1], n);
		/* FANOUT_RANK and FANOUT_SIZE stay the whole run's. */
		return;
	}
	die("--shard: no launcher's rank and size in the environment "
	    "(Open MPI, MPICH's Hydra or Slurm)");
}

static long
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? n : 1;
}

static long
fd_jobs(void)
{
	struct rlimit rl;

	/* Two pipes a job, and a few of our own. */
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return 4096;
	return rl.rlim_cur > 40 ? (long)(rl.rlim_cur - 32) / 2 : 4;
}

static void
usage(FILE *f, int status)
{
	fprintf(f, "usage: fanout [-0kv] [-j jobs] [-n count] [options] "
	    "command [arg ...] [::: item ...]\n");
	if (f == stdout)
		fprintf(f,
		    "  -0               items on stdin end in NUL, not newline\n"
		    "  -j jobs          jobs at once (default: make's jobserver, "
		    "else CPUs; 0: no limit)\n"
		    "  -k               write outputs in input order\n"
		    "  -n count         run count jobs with no item (ranks)\n"
		    "  -S hosts         [N/][user@]host[:port],... (: is here)\n"
		    "  -v               print each command on stderr\n"
		    "  --bar[=always]   progress bar on stderr\n"
		    "  --dry-run        print the commands, run nothing\n"
		    "  --env name       pass variable name to remote jobs\n"
		    "  --halt when      never, now,fail=N, soon,fail=N, "
		    "now,success=N\n"
		    "  --host-failures k  drop a host after k failed connections\n"
		    "  --joblog file    GNU parallel's job log\n"
		    "  --line-buffer    write complete lines as they come\n"
		    "  --resume         skip jobs the joblog has\n"
		    "  --resume-failed  ... except the failed ones\n"
		    "  --retries n      run a failing job up to n times\n"
		    "  --shard          run the items of the launcher's rank only\n"
		    "  --sshloginfile f hosts for -S, one or more a line\n"
		    "  --tag            prefix each line with its item\n"
		    "  --timeout secs   kill a job after secs seconds\n"
		    "  --transfer       send {} to the job's host first\n"
		    "  --return pat     bring pat back from the job's host after\n"
		    "  --cleanup        then remove both there; --trc pat: all three\n"
		    "  --workdir dir    run jobs in dir (remote: default cwd)\n"
		    "  replacement strings: {} {.} {/} {//} {/.} {#} {%%}\n");
	exit(status);
}

int
main(int argc, char **argv)
{
	enum { O_BAR = 256, O_DRY, O_HALT, O_JOBLOG, O_LINEBUF, O_RESUME,
	    O_RESUMEF, O_RETRIES, O_TAG, O_TIMEOUT, O_SSHLOGINFILE, O_WORKDIR,
	    O_ENV, O_HOSTFAIL, O_SHARD, O_TRANSFER, O_RETURN, O_CLEANUP,
	    O_TRC };
	static const struct option lopts[] = {
		{ "bar", optional_argument, NULL, O_BAR },
		{ "dry-run", no_argument, NULL, O_DRY },
		{ "halt", required_argument, NULL, O_HALT },
		{ "joblog", required_argument, NULL, O_JOBLOG },
		{ "line-buffer", no_argument, NULL, O_LINEBUF },
		{ "resume", no_argument, NULL, O_RESUME },
		{ "resume-failed", no_argument, NULL, O_RESUMEF },
		{ "retries", required_argument, NULL, O_RETRIES },
		{ "tag", no_argument, NULL, O_TAG },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "sshloginfile", required_argument, NULL, O_SSHLOGINFILE },
		{ "workdir", required_argument, NULL, O_WORKDIR },
		{ "env", required_argument, NULL, O_ENV },
		{ "host-failures", required_argument, NULL, O_HOSTFAIL },
		{ "shard", no_argument, NULL, O_SHARD },
		{ "transfer", no_argument, NULL, O_TRANSFER },
		{ "return", required_argument, NULL, O_RETURN },
		{ "cleanup", no_argument, NULL, O_CLEANUP },
		{ "trc", required_argument, NULL, O_TRC },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, i;

	setprogname(argv[0]);
	js_probe();		/* before anything is opened */
	for (i = 0; i <= 2; i++) {
		/* A closed 0, 1 or 2 would be taken by a pipe of ours. */
		if (fcntl(i, F_GETFD) >= 0)
			continue;
		if (open("/dev/null", i ? O_WRONLY : O_RDONLY) != i)
			return 1;
		if (i == 1)
			out_closed = 1;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+0hj:kn:S:v", lopts, NULL)) != -1) {
		switch (c) {
		case '0':
			nulsep = 1;
			break;
		case 'h':
			usage(stdout, 0);
			break;
		case 'j':
			jobs = (long)num_arg(optarg, 0, INT_MAX, "jobs");
			break;
		case 'k':
			keep = 1;
			break;
		case 'n':
			countjobs = num_arg(optarg, 0, LLONG_MAX / 2, "count");
			break;
		case 'v':
			verbose = 1;
			break;
		case O_BAR:
			if (!optarg)
				barmode = 1;
			else if (strcmp(optarg, "always") == 0)
				barmode = 2;
			else {
				warnx_("--bar=%s: expected --bar=always",
				    optarg);
				usage(stderr, 2);
			}
			break;
		case O_DRY:
			dryrun = 1;
			break;
		case O_HALT:
			parse_halt(optarg);
			break;
		case O_JOBLOG:
			joblog_path = optarg;
			break;
		case O_LINEBUF:
			linebuf = 1;
			break;
		case O_RESUME:
			resume = 1;
			break;
		case O_RESUMEF:
			resume = resume_failed = 1;
			break;
		case O_RETRIES:
			retries = (unsigned)num_arg(optarg, 1, 1000000,
			    "retries");
			break;
		case 'S':
			add_hosts(optarg);
			break;
		case O_SSHLOGINFILE:
			read_sshloginfile(optarg);
			break;
		case O_WORKDIR:
			workdir = optarg;
			break;
		case O_ENV:
			/* It goes into the remote shell's script unquoted. */
			if (!*optarg || strspn(optarg, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") !=
			    strlen(optarg) || (*optarg >= '0' && *optarg <= '9')) {
				warnx_("--env \"%s\" is not a variable name",
				    optarg);
				usage(stderr, 2);
			}
			envnames = xreallocarray(envnames, nenvnames + 1,
			    sizeof *envnames);
			envnames[nenvnames++] = optarg;
			break;
		case O_HOSTFAIL:
			max_host_failures = (unsigned)num_arg(optarg, 1,
			    1000000, "host failures");
			break;
		case O_SHARD:
			shard = 1;
			break;
		case O_TRC:
			transfer = cleanup = 1;
			/* FALLTHROUGH */
		case O_RETURN:
			returns = xreallocarray(returns, nreturns + 1,
			    sizeof *returns);
			returns[nreturns++] = optarg;
			break;
		case O_TRANSFER:
			transfer = 1;
			break;
		case O_CLEANUP:
			cleanup = 1;
			break;
		case O_TAG:
			tag = 1;
			break;
		case O_TIMEOUT: {
			char *end;
			double s = strtod(optarg, &end);

			if (end == optarg || *end || !(s > 0) || s > 1e9) {
				warnx_("timeout \"%s\" is not a positive "
				    "number of seconds", optarg);
				exit(2);
			}
			timeout_ms = (long long)(s * 1000 + 0.5);
			if (timeout_ms < 1)
				timeout_ms = 1;
			break;
		}
		default:
			if (optopt && optopt < 256)
				warnx_("bad option -%c", optopt);
			else
				warnx_("bad option %s", argv[optind - 1]);
			usage(stderr, 2);
		}
	}
	argv += optind;
	argc -= optind;
	for (i = 0; i < argc && strcmp(argv[i], ":::") != 0; i++)
		;
	if (i == 0) {
		warnx_("no command");
		usage(stderr, 2);
	}
	tmpl = argv;
	ntmpl = i;
	if (i < argc) {
		argitems = argv + i + 1;
		nargitems = argc - i - 1;
		total = nargitems;
	}
	if (countjobs >= 0) {
		if (nargitems >= 0) {
			warnx_("-n runs count jobs with no item: no :::");
			usage(stderr, 2);
		}
		total = countjobs;
	}
	if (resume && !joblog_path) {
		warnx_("--resume needs --joblog");
		usage(stderr, 2);
	}
	useshell = ntmpl == 1 && shell_syntax(tmpl[0]);
	for (i = 0; i < ntmpl; i++)
		if (has_repl(tmpl[i]))
			hasrepl = 1;
	cmd_fixed = !has_repl(tmpl[0]);
	if (shard)
		shard_setup();
	if (js_dry)
		dryrun = 1;
	if (barmode == 1 && !isatty(2))
		barmode = 0;

	if (resume)
		read_joblog(joblog_path);
	if (dryrun) {
		dry_run();
		out_check();
		return 0;
	}
	if (fixed_slots) {
		/* Remote slots are not make's to give. */
		jobs = (long)nslots;
		js_r = js_w = -1;
		js_warn = 0;
		hosts_setup();
	}
	if (jobs < 0 && js_r < 0 && js_warn)
		warnx_("make's jobserver is not open to this recipe (mark it "
		    "with +); running %ld jobs", default_jobs());
	if (jobs >= 0 || js_r < 0)
		js_r = js_w = -1;	/* -j wins; the fds stay as they were */
	js_setup();
	if (jobs < 0)
		jobs = js_r >= 0 ? fd_jobs() : default_jobs();
	if (jobs == 0 || jobs > fd_jobs())
		jobs = fd_jobs();
	if (workdir && (!fixed_slots || localhost.nslots > 0)) {
		struct stat st;

		/* Here, or every local job would fail as "not found". */
		if (stat(workdir, &st) < 0)
			edie("%s", workdir);
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			edie("%s", workdir);
		}
	}
	if ((devnull = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0 ||
	    (devnull_w = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
		edie("/dev/null");
	if (joblog_path) {
		static const char head[] = "Seq\tHost\tStarttime\tJobRuntime\t"
		    "Send\tReceive\tExitval\tSignal\tCommand\n";
		struct stat st;

		joblog = open(joblog_path, O_WRONLY | O_CREAT | O_APPEND |
		    O_CLOEXEC | (resume ? 0 : O_TRUNC), 0666);
		if (joblog < 0)
			edie("%s", joblog_path);
		if (fstat(joblog, &st) == 0 && st.st_size == 0 &&
		    write_all(joblog, head, strlen(head)) < 0)
			edie("%s", joblog_path);
	}
	{
		struct stat st;

		out_is_pipe = fstat(1, &st) == 0 && S_ISFIFO(st.st_mode);
	}
	setup_env();
	setup_signals();
	atexit(at_exit);
	tstart = now_ms();
	loop();
	fflush(stdout);
	finish();
	return worst;
}
