#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

const char *progname = "?";

/* setprogname: also fills a closed fd 0, 1 or 2, which the tool's first
 * open would take (and then write its output into its input).  /dev/null
 * opened the wrong way round: reading a closed stdin and writing a closed
 * stdout still fail, with EBADF, as they should. */
void
setprogname(const char *argv0)
{
	const char *p = argv0 ? strrchr(argv0, '/') : NULL;
	int fd;

	progname = p ? p + 1 : argv0 ? argv0 : "?";
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 &&
		    open("/dev/null", fd ? O_RDONLY : O_WRONLY) != fd)
			_exit(127);
}

static void
vmsg(const char *fmt, va_list ap, const char *reason)
{
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (reason)
		fprintf(stderr, ": %s", reason);
	fputc('\n', stderr);
}

/* warnx_: "prog: msg" */
void
warnx_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
	va_end(ap);
}

void
vwarnx_(const char *fmt, va_list ap)
{
	vmsg(fmt, ap, NULL);
}

/* warn_: "prog: msg: strerror(errno)" */
void
warn_(const char *fmt, ...)
{
	const char *reason = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, reason);
	va_end(ap);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
	va_end(ap);
	exit(1);
}

void
edie(const char *fmt, ...)
{
	const char *reason = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, reason);
	va_end(ap);
	exit(1);
}

/* out_check: the last thing main does; a full disk or closed stdout is an
 * error, a reader that went away (EPIPE) is not. */
void
out_check(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	if (errno == EPIPE)
		exit(1);
	edie("stdout");
}
