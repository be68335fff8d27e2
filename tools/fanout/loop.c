/*
 * The one poll loop: start what may start, then wait for job output,
 * exits (SIGCHLD through a self-pipe), make's tokens, stdin or a signal;
 * and the end of the run, by signal, by a reader gone, or normally.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "outfile.h"
#include "sig.h"
#include "xalloc.h"
#include "fanout.h"

volatile sig_atomic_t gotsig;
int exitsig;
int out_is_pipe;
static int selfpipe[2] = { -1, -1 };
static pid_t parent;			/* watched: its death is a SIGTERM */
static int poll_parent;			/* the kernel does not tell us */

enum { P_SELF = -1, P_STDIN = -2, P_TOKEN = -3, P_STDOUT = -4, P_FEED = -5 };

/* What one poll waits for: fds, and which job and stream each is. */
struct pollset {
	struct pollfd *pf;
	struct job **pj;
	int *ps;
	size_t n, cap;
};

long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

double
wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The signals whose handler reads run[] and the tokens. */
void
block_signals(sigset_t *old)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGTERM);
	sigaddset(&s, SIGHUP);
	sigprocmask(SIG_BLOCK, &s, old);
}

/* Signals touch only what a handler may: write(2) and kill(2), and
 * run[] and the tokens, which never change while these are unblocked. */
static void
on_signal(int sig)
{
	int e = errno;
	size_t i;

	if (gotsig) {
		/* A second one: no more grace. */
		for (i = 0; i < nrun; i++)
			if (run[i]->pgid > 0)
				kill(-run[i]->pgid, SIGKILL);
		give_back_tokens();
		outfile_cleanup();
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
		if (run[i]->pgid > 0)
			kill(-run[i]->pgid, SIGKILL);
	give_back_tokens();
	hosts_close();
}

/*
 * A recipe's shell killed by make leaves its pipeline behind: our parent
 * gone is SIGTERM to us, so that no job outlives the run.  Not when we
 * were meant to outlive it: run by nohup (SIGHUP ignored), as a session
 * leader (setsid), or already an orphan.
 */
static void
watch_parent(void)
{
	struct sigaction sa;

	parent = getppid();
	if (parent == 1 || getsid(0) == getpid() ||
	    (sigaction(SIGHUP, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)) {
		parent = 0;
		return;
	}
	poll_parent = !compat_parent_death(SIGTERM);
	if (getppid() != parent)
		kill(getpid(), SIGTERM);	/* it died before we asked */
}

/* The fallback: the parent changed (reparented to init or a reaper). */
static void
check_parent(void)
{
	if (poll_parent && !gotsig && getppid() != parent) {
		gotsig = SIGTERM;
		poll_parent = 0;
	}
}

void
setup_signals(void)
{
	struct sigaction sa;
	struct stat st;

	if (compat_pipe(selfpipe, 1) < 0)
		edie("pipe");
	sig_catch(on_signal);		/* kept ignored if they were */
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_chld;
	sa.sa_flags = SA_NOCLDSTOP | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	outfile_handlers_mine();	/* --return's files: ours clean up */
	watch_parent();
	out_is_pipe = fstat(1, &st) == 0 && S_ISFIFO(st.st_mode);
	atexit(at_exit);
}

void
finish(void)
{
	if (barmode && !dryrun) {
		bar_draw();
		write_all(2, "\n", 1);
	}
	give_back_tokens();
	hosts_close();
	joblog_close();
	if (exitsig) {
		signal(exitsig, SIG_DFL);
		raise(exitsig);
	}
}

/* Our reader went away: run the jobs down, then die of SIGPIPE. */
void
sigpipe_exit(void)
{
	sigset_t s;

	if (!stopping) {
		stopping = 1;
		kill_all(SIGTERM);
	}
	exitsig = SIGPIPE;
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

			if (j->killat && now_ms() >= j->killat) {
				kill(-j->pgid, SIGKILL);
				j->killat = 0;
			}
			if (j->pid == 0 && !(j->killat && group_alive(j))) {
				if (j->fd[OUT] >= 0)
					close(j->fd[OUT]);
				if (j->fd[ERR] >= 0)
					close(j->fd[ERR]);
				run_remove(i--);
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

static void
ps_add(struct pollset *p, int fd, struct job *j, int what)
{
	p->pf[p->n].fd = fd;
	p->pf[p->n].events = what == P_STDOUT ? 0 : what == P_FEED ? POLLOUT :
	    POLLIN;
	p->pf[p->n].revents = 0;
	p->pj[p->n] = j;
	p->ps[p->n++] = what;
}

/* What to wait for, and until when (ms, -1 none). */
static int
ps_fill(struct pollset *p, int need_input, int need_token)
{
	long long t = now_ms();
	int timeout = -1;
	size_t i;

	if (p->cap < 3 * nrun + 4) {
		p->cap = 2 * (3 * nrun + 4);
		p->pf = xreallocarray(p->pf, p->cap, sizeof *p->pf);
		p->pj = xreallocarray(p->pj, p->cap, sizeof *p->pj);
		p->ps = xreallocarray(p->ps, p->cap, sizeof *p->ps);
	}
	p->n = 0;
	ps_add(p, selfpipe[0], NULL, P_SELF);
	if (need_input)
		ps_add(p, infd, NULL, P_STDIN);
	if (need_token)
		ps_add(p, js_r, NULL, P_TOKEN);
	/* A reader gone shows as POLLERR with no write. */
	if (out_is_pipe)
		ps_add(p, 1, NULL, P_STDOUT);
	for (i = 0; i < nrun; i++) {
		struct job *j = run[i];
		long long d = j->killat ? j->killat :
		    j->timedout ? 0 : j->deadline, c = -1;
		int s;

		for (s = OUT; s <= ERR; s++)
			if (j->fd[s] >= 0)
				ps_add(p, j->fd[s], j, s);
		if (j->feed >= 0)
			ps_add(p, j->feed, j, P_FEED);
		if (j->pid == 0 && j->fd[OUT] < 0 && j->fd[ERR] < 0)
			/* over, or its group dying: look again soon */
			c = j->killat ? 20 : 0;
		else if (d && (j->pid > 0 || j->killat))
			c = d > t ? d - t : 0;
		if (c >= 0 && (timeout < 0 || c < timeout))
			timeout = (int)c;
	}
	if (delay_ms && next_start > t && (timeout < 0 || next_start - t <
	    timeout))
		timeout = (int)(next_start - t);	/* --delay */
	if (barmode && (timeout < 0 || timeout > BAR_MS))
		timeout = BAR_MS;
	if (wait_open && (timeout < 0 || timeout > 10))
		timeout = 10;	/* for a master's socket to appear */
	if (poll_parent && (timeout < 0 || timeout > 250))
		timeout = 250;
	return timeout;
}

static void
ps_dispatch(const struct pollset *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		char buf[256];

		if (!p->pf[i].revents)
			continue;
		if (p->ps[i] == P_SELF) {
			if (read(selfpipe[0], buf, sizeof buf) < 0) {
				/* another read drained it */
			}
		} else if (p->ps[i] == P_STDIN)
			read_input();
		else if (p->ps[i] == P_TOKEN)
			js_acquire();
		else if (p->ps[i] == P_STDOUT)
			sigpipe_exit();
		else if (p->ps[i] == P_FEED)
			pipe_feed(p->pj[i]);
		else
			read_job(p->pj[i], p->ps[i]);
	}
}

/* Timeouts and grace periods that ran out; jobs that are over. */
static void
check_jobs(void)
{
	long long t = now_ms();
	size_t i;

	for (i = 0; i < nrun; i++) {
		struct job *j = run[i];

		if (j->killat && t >= j->killat) {
			kill(-j->pgid, SIGKILL);
			j->killat = 0;
		} else if (j->pgid > 0 && j->deadline && !j->timedout &&
		    !j->killat && t >= j->deadline) {
			j->timedout = 1;
			kill(-j->pgid, SIGTERM);
			j->killat = t + GRACE_MS;
		}
		if (j->pid == 0 && j->cancelled) {
			/* Its output is not wanted: no waiting for a stray
			 * grandchild to close the pipes. */
			int k;

			for (k = OUT; k <= ERR; k++)
				if (j->fd[k] >= 0) {
					close(j->fd[k]);
					j->fd[k] = -1;
				}
		}
		/* Signalled, it is over once its whole group is gone, or
		 * killed at the end of the grace period. */
		if (j->pid == 0 && j->fd[OUT] < 0 && j->fd[ERR] < 0 &&
		    !(j->killat && group_alive(j))) {
			run_remove(i--);
			job_end(j);
			/* Its token goes back now, not at the next start. */
			while (ntokens > 0 && (size_t)ntokens + 1 > nrun)
				js_release();
		}
	}
	bar_tick(t);
}

/* The loop: start jobs, then wait for output, exits, tokens or input. */
void
loop(void)
{
	struct pollset p = { NULL, NULL, NULL, 0, 0 };

	for (;;) {
		int need_input, need_token, timeout;

		start_jobs(&need_input, &need_token);
		if (nrun == 0 && (stop_starting || stopping ||
		    work_ready() < 0))
			break;
		timeout = ps_fill(&p, need_input, need_token);
		if (poll(p.pf, p.n, timeout) < 0 && errno != EINTR)
			edie("poll");
		ps_dispatch(&p);
		reap();
		check_parent();
		if (gotsig && !stopping) {
			stopping = 1;
			exitsig = gotsig;
			kill_all(gotsig);
		}
		check_jobs();
	}
	if (!stopping)
		flush_retries();
	free(p.pf);
	free(p.pj);
	free(p.ps);
}
