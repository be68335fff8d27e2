/*
 * The calls fanout uses that not every POSIX system has, each behind a
 * feature test with a POSIX fallback; defining WC_PORTABLE forces every
 * fallback, so that they are built and tested on Linux too.  Every other
 * file of fanout compiles with -std=c11 -D_POSIX_C_SOURCE=200809L alone.
 */
#if !defined(WC_PORTABLE) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE		/* pipe2, memrchr, mkostemp, O_TMPFILE, ... */
#elif !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE	200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "xalloc.h"
#include "fanout.h"

#if !defined(WC_PORTABLE)
#if defined(__linux__) || defined(__FreeBSD__) || defined(__NetBSD__) || \
    defined(__OpenBSD__)
#define HAVE_PIPE2	1
#define HAVE_MEMRCHR	1
#define HAVE_MKOSTEMP	1
#endif
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 29)
#define HAVE_ADDCHDIR	1
#endif
#if defined(__linux__)
#define HAVE_PROC_FD	1
#define HAVE_PDEATHSIG	1
#define HAVE_SPLICE	1
#include <sys/prctl.h>
#endif
#endif

#if !defined(HAVE_PIPE2) || !defined(HAVE_MKOSTEMP)
static int
cloexec(int fd)
{
	int fl = fcntl(fd, F_GETFD);

	return fl < 0 ? -1 : fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}
#endif

/* A pipe whose ends close on exec (and do not block, if nonblock).  The
 * fallback sets the flags after pipe(2): fanout has one thread, so no
 * spawn can come between. */
int
compat_pipe(int fd[2], int nonblock)
{
#ifdef HAVE_PIPE2
	return pipe2(fd, O_CLOEXEC | (nonblock ? O_NONBLOCK : 0));
#else
	int i;

	if (pipe(fd) < 0)
		return -1;
	for (i = 0; i < 2; i++)
		if (cloexec(fd[i]) < 0 || (nonblock &&
		    fcntl(fd[i], F_SETFL, fcntl(fd[i], F_GETFL) | O_NONBLOCK) < 0)) {
			int e = errno;

			close(fd[0]);
			close(fd[1]);
			errno = e;
			return -1;
		}
	return 0;
#endif
}

/* posix_spawnp, the child starting in dir (NULL: ours).  The fallback
 * changes our own directory around the spawn, signals blocked (their
 * handlers use no relative path), and back. */
int
compat_spawnp(pid_t *pid, const char *file, posix_spawn_file_actions_t *fa,
    const posix_spawnattr_t *attr, char *const av[], char *const env[],
    const char *dir)
{
#ifdef HAVE_ADDCHDIR
	if (dir && posix_spawn_file_actions_addchdir_np(fa, dir) != 0)
		return errno ? errno : EINVAL;
	return posix_spawnp(pid, file, fa, attr, av, env);
#else
	sigset_t old;
	int here, e;

	if (!dir)
		return posix_spawnp(pid, file, fa, attr, av, env);
	if ((here = open(".", O_RDONLY | O_CLOEXEC)) < 0)
		return errno;
	block_signals(&old);
	if (chdir(dir) < 0)
		e = errno;
	else {
		e = posix_spawnp(pid, file, fa, attr, av, env);
		if (fchdir(here) < 0)
			edie("back to the working directory");
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(here);
	return e;
#endif
}

void *
compat_memrchr(const void *p, int c, size_t n)
{
#ifdef HAVE_MEMRCHR
	return memrchr(p, c, n);
#else
	const unsigned char *s = p;

	while (n-- > 0)
		if (s[n] == (unsigned char)c)
			return (void *)(s + n);
	return NULL;
#endif
}

/* An unlinked temporary file in dir, close-on-exec; -1 (errno set) and
 * the path that failed in *path (free it) if it cannot be made. */
int
compat_tmpfile(const char *dir, char **path)
{
	int fd;

	*path = NULL;
#if !defined(WC_PORTABLE) && defined(O_TMPFILE)
	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) >= 0)
		return fd;
	/* not on this file system: a named one then */
#endif
	*path = xmalloc(strlen(dir) + 20);
	sprintf(*path, "%s/fanout.XXXXXX", dir);
#ifdef HAVE_MKOSTEMP
	fd = mkostemp(*path, O_CLOEXEC);
#else
	if ((fd = mkstemp(*path)) >= 0 && cloexec(fd) < 0) {
		close(fd);
		unlink(*path);
		fd = -1;
	}
#endif
	if (fd < 0)
		return -1;
	unlink(*path);
	free(*path);
	*path = NULL;
	return fd;
}

/* A description of fd's file of our own, to make non-blocking without
 * changing it for the others who share it; -1 where there is none. */
int
compat_reopen(int fd, int flags)
{
#ifdef HAVE_PROC_FD
	char path[64];

	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	return open(path, flags | O_CLOEXEC);
#else
	(void)fd;
	(void)flags;
	errno = ENOSYS;
	return -1;
#endif
}

long
compat_ncpus(void)
{
#ifdef _SC_NPROCESSORS_ONLN
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? n : 1;
#else
	return 1;
#endif
}

/* Have the kernel send sig when our parent exits: 1 if it will, 0 if the
 * caller must watch getppid() itself. */
int
compat_parent_death(int sig)
{
#ifdef HAVE_PDEATHSIG
	return prctl(PR_SET_PDEATHSIG, sig) == 0;
#else
	(void)sig;
	return 0;
#endif
}

/* A bigger pipe buffer, where the system has a way to ask (fewer wake-ups
 * for --pipe); the system's limit may refuse it, which is no error. */
void
compat_pipe_size(int fd, int size)
{
#if !defined(WC_PORTABLE) && defined(F_SETPIPE_SZ)
	(void)fcntl(fd, F_SETPIPE_SZ, size);
#else
	(void)fd, (void)size;
#endif
}

/* Up to n bytes of from at *off into the pipe to without copying them
 * through us (splice(2)), *off moved on; -1 with errno ENOSYS where the
 * system cannot, and the caller reads and writes them itself. */
ssize_t
compat_splice(int from, long long *off, int to, size_t n)
{
#ifdef HAVE_SPLICE
	static int nosplice;
	loff_t o = *off;
	ssize_t r;

	if (!nosplice) {
		r = splice(from, &o, to, NULL, n, SPLICE_F_NONBLOCK);
		if (r >= 0 || (errno != EINVAL && errno != ENOSYS)) {
			if (r > 0)
				*off = o;
			return r;
		}
		nosplice = 1;
	}
#else
	(void)from, (void)off, (void)to, (void)n;
#endif
	errno = ENOSYS;
	return -1;
}
