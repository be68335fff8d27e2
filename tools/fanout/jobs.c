/*
 * Jobs: spawning one (in its own process group, stdin /dev/null, its
 * two streams on pipes), reaping it, and what its end means: a retry, a
 * halt, the exit status.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "xalloc.h"
#include "fanout.h"

extern char **environ;

/* Running jobs.  The second-signal handler walks run[]: it changes, and
 * moves, only with signals blocked. */
struct job **run;
size_t nrun;
static size_t caprun;
int devnull = -1, devnull_w = -1;
static char **envp;			/* [0] size, [1] rank, [2] slot */
static char envsize[48], envrank[48], envslot[48];
static int havesize;
static posix_spawnattr_t spattr;

/* The environment of every job: ours, with FANOUT_SIZE (when the number
 * of jobs is known), FANOUT_RANK and FANOUT_SLOT set for each; a process
 * group of its own, signals as they were before we changed them. */
void
spawn_setup(void)
{
	size_t n = 0, i, k = 3;
	sigset_t none, def;

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

/* av with stdin from in, stdout to out, stderr to err (-1: ours), and
 * wait for it: its exit status, or -1 if it did not start or exit. */
int
spawn_wait(char **av, int in, int out, int err)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, e;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, 0);
	posix_spawn_file_actions_adddup2(&fa, out, 1);
	if (err >= 0)
		posix_spawn_file_actions_adddup2(&fa, err, 2);
	e = posix_spawnp(&pid, av[0], &fa, &spattr, av, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
run_add(struct job *j)
{
	sigset_t old;

	block_signals(&old);
	if (nrun == caprun) {
		caprun = caprun ? 2 * caprun : 16;
		run = xreallocarray(run, caprun, sizeof *run);
	}
	run[nrun++] = j;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* run[i] leaves; the last one takes its place. */
void
run_remove(size_t i)
{
	sigset_t old;

	block_signals(&old);
	run[i] = run[--nrun];
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* A new attempt: nothing of the last one is left. */
static void
job_reset(struct job *j)
{
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
	j->pid = j->pgid = 0;
	j->fd[OUT] = j->fd[ERR] = -1;
	j->epoch = j->slot->host->epoch;
}

/* The job did not start (e from posix_spawn): as the child would have
 * said it. */
static void
spawn_failed(struct job *j, const char *what, int e)
{
	bar_clear();
	errno = e;
	warn_("%s", what);
	j->code = e == ENOENT ? 127 : 126;
	if (cmd_fixed && !useshell)
		stop_starting = 1;
}

/* Start job j on its slot; it joins run[] whether it started or not. */
static void
spawn(struct job *j)
{
	posix_spawn_file_actions_t fa;
	int out[2], err[2], in[2] = { -1, -1 }, e;
	char *store, *shown = NULL, *rcmd = NULL;
	char **av;

	job_reset(j);
	if (transfer && j->slot->host->name && (e = transfer_item(j)) != 0) {
		/* As if the job had ended so: 255 is the host's. */
		j->status = (e < 0 ? 1 : e) << 8;
		run_add(j);
		return;
	}
	av = build_argv(j, &store, verbose ? &shown : NULL);
	if (verbose) {
		bar_clear();
		fprintf(stderr, "%s\n", shown);
		free(shown);
	}
	snprintf(envrank, sizeof envrank, "FANOUT_RANK=%llu", j->seq - 1);
	snprintf(envslot, sizeof envslot, "FANOUT_SLOT=%u", j->slot->id);
	if (compat_pipe(out, 0) < 0 || compat_pipe(err, 0) < 0)
		edie("pipe");
	posix_spawn_file_actions_init(&fa);
	if (j->slot->host->name) {
		char **rav = ssh_argv(j, av, havesize ? envp : envp + 1,
		    havesize ? 3 : 2, &rcmd);

		free(av);
		av = rav;
		/* The remote side ends the job when this pipe closes. */
		if (compat_pipe(in, 0) < 0)
			edie("pipe");
		posix_spawn_file_actions_adddup2(&fa, in[0], 0);
		j->inw = in[1];
	} else if (pipemode) {
		if (pipe_stdin(j, in) < 0)
			edie("pipe");
		posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	} else
		posix_spawn_file_actions_adddup2(&fa, devnull, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	e = compat_spawnp(&j->pid, av[0], &fa, &spattr, av,
	    havesize ? envp : envp + 1, j->slot->host->name ? NULL : workdir);
	posix_spawn_file_actions_destroy(&fa);
	close(out[1]);
	close(err[1]);
	if (in[0] >= 0)
		close(in[0]);
	if (e) {
		spawn_failed(j, av[0], e);
		close(out[0]);
		close(err[0]);
		j->pid = 0;
	} else {
		j->pgid = j->pid;
		j->fd[OUT] = out[0];
		j->fd[ERR] = err[0];
	}
	free(rcmd);
	free(store);
	free(av);
	run_add(j);
}

void
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
		/* The group: what the job started may outlive it. */
		if (j->pgid > 0) {
			kill(-j->pgid, sig);
			if (!j->killat)
				j->killat = t + GRACE_MS;
		}
	}
}

/* Some process of j's group is still there (a zombie too). */
int
group_alive(const struct job *j)
{
	return j->pgid > 0 && (kill(-j->pgid, 0) == 0 || errno == EPERM);
}

void
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

void
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
	obuf_add(j, s, buf, (size_t)r);
	if (streaming(j))
		flush_job(j, 0);
}

/* Start what may start now; say what to wait for. */
void
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
		if (delay_ms && now_ms() < next_start)
			break;
		r = next_job(&j);
		*need_input = r == 0;
		if (r <= 0)
			break;
		if (delay_ms)
			next_start = now_ms() + delay_ms;
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

